// jupyter-imagechat front end (anywidget ESM module).
//
// The kernel owns all state; this view draws it and sends requests (see rpc.js and
// jupyter_imagechat/protocol.py). It never sets a trait itself.

import { createCanvasPane } from "./canvas.js";
import { createChat } from "./chat.js";
import { h } from "./dom.js";
import { createExtendControl } from "./extend.js";
import { createHistoryStrip } from "./history.js";
import { createPlanEditor } from "./plan.js";
import { createRpc } from "./rpc.js";
import { createSettingsBar } from "./settings.js";

/**
 * The synced traits of jupyter_imagechat.widget.ImageChat (kernel -> browser only).
 * @typedef {object} State
 * @property {DataView} _image PNG of the current picture (empty if none)
 * @property {DataView} _mask bit-packed mask, first pixel in the high bit (empty if none)
 * @property {{id: string, role: string, text: string, plan?: string, verdict?: string, turn?: string}[]} _messages
 * @property {boolean} _busy
 * @property {{step?: number, total?: number, label?: string}} _progress
 * @property {import("./history.js").StripEntry[]} _history the history strip (oldest first)
 * @property {string} _head id of the current turn ("" before the first)
 * @property {{prompt?: string, scene?: object, notes?: string[], summary?: string, edit?: boolean}} _plan the plan waiting to be drawn ({} if none); `edit`: it changes the current picture
 * @property {boolean} plan_first chat prompts stop at the plan (set with the `plan_first` request)
 * @property {import("./settings.js").HubSettings} _settings what the administrator locked; generation on or off
 */

/**
 * The part of the anywidget model this view uses.
 * @typedef {object} Model
 * @property {<K extends keyof State>(key: K) => State[K]} get
 * @property {(event: string, callback: (...args: any[]) => void) => void} on
 * @property {(event: string, callback?: (...args: any[]) => void) => void} off
 * @property {(content: object, callbacks?: unknown, buffers?: (ArrayBuffer | ArrayBufferView)[]) => void} send
 */

/** Said when a request goes unanswered (rpc.js): a kernel busy with a cell, or none at all. */
export const NO_ANSWER =
  "The kernel has not answered. It may be busy running a cell; or this chat was drawn from the " +
  "notebook's saved state and has no kernel behind it: run the notebook's cells to use it again.";

/** @param {{model: Model, el: HTMLElement}} ctx */
function render({ model, el }) {
  const rpc = createRpc(model, { onSilence: () => chat.showLocalError(NO_ANSWER) });
  const chat = createChat(model, rpc);
  const canvas = createCanvasPane(model, rpc, chat.showLocalError);
  const extend = createExtendControl(model, rpc, canvas.toolbar.extend, chat);
  const history = createHistoryStrip(model, rpc, chat.showLocalError);
  const plan = createPlanEditor(model, rpc, canvas, chat.showLocalError);
  // "Plan first" changes what Send does, so it sits under Send (the plan panel shows only
  // while there is a plan to edit).
  chat.el.querySelector(".ic-actions")?.append(plan.toggle);
  const settings = createSettingsBar(model);
  chat.el.prepend(settings.el); // above the messages: what is locked, generation off
  // data-lm-suppress-shortcuts: keys typed in the widget never run JupyterLab commands
  // (a "b" for the brush would otherwise insert a cell below).
  const root = h("div", { class: "ic-root", "data-lm-suppress-shortcuts": "true" }, [chat.el, canvas.el, plan.el, history.el]);
  el.append(root);
  // An image pasted anywhere in the widget (the prompt box too) becomes the picture.
  root.addEventListener("paste", canvas.onPaste);
  return () => {
    root.removeEventListener("paste", canvas.onPaste);
    plan.dispose();
    settings.dispose();
    extend.dispose();
    canvas.dispose();
    history.dispose();
    chat.dispose();
    rpc.dispose();
    root.remove();
  };
}

export default { render };
