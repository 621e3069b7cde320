// The chat pane: message list (from the kernel's `_messages`), prompt box, Send / Stop,
// progress bar.

import { actionsKey, messageActions } from "./actions.js";
import { h } from "./dom.js";
import { followNewest } from "./follow.js";

/**
 * @typedef {{id: string, role: "user" | "assistant" | "error" | "info" | "question", text: string,
 *            plan?: string, verdict?: string, turn?: string,
 *            actions?: {label: string, request: {kind: string, choice?: string, prompt?: string}}[]}} Message
 */

/**
 * @param {import("./widget.js").Model} model
 * @param {ReturnType<import("./rpc.js").createRpc>} rpc
 */
export function createChat(model, rpc) {
  const list = h("div", {
    class: "ic-messages",
    "data-testid": "messages",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Conversation",
  });
  const input = /** @type {HTMLTextAreaElement} */ (
    h("textarea", {
      class: "ic-input",
      "data-testid": "chat-input",
      rows: 2,
      placeholder: "Describe a picture, e.g. three red apples left of a blue bowl",
      "aria-label": "Prompt",
    })
  );
  const sendButton = /** @type {HTMLButtonElement} */ (
    h("button", { class: "ic-button ic-primary", type: "button", "data-testid": "send-button", text: "Send" })
  );
  const stopButton = /** @type {HTMLButtonElement} */ (
    h("button", { class: "ic-button", type: "button", "data-testid": "stop-button", text: "Stop", hidden: true })
  );
  const bar = /** @type {HTMLProgressElement} */ (h("progress", { class: "ic-progress-bar", max: 1 }));
  const barLabel = h("span", { class: "ic-progress-label" });
  const progress = h("div", { class: "ic-progress", "data-testid": "progress", hidden: true }, [bar, barLabel]);
  const el = h("section", { class: "ic-chat", "aria-label": "Chat" }, [
    list,
    progress,
    h("div", { class: "ic-compose" }, [input, h("div", { class: "ic-actions" }, [sendButton, stopButton])]),
  ]);

  const follow = followNewest(list); // the newest message stays in view (follow.js)

  /** Messages made in the browser (e.g. the kernel could not be reached). */
  /** @type {Message[]} */
  const localMessages = [];
  let localCounter = 0;
  /** @type {Map<string, {node: HTMLElement, key: string}>} message id -> node, its buttons' key */
  const shown = new Map();

  /** @param {Message} msg */
  function renderMessage(msg) {
    const role = ["user", "assistant", "error", "info", "question"].includes(msg.role) ? msg.role : "info";
    const node = h("div", { class: `ic-msg ic-msg-${role}`, "data-role": role }, [
      h("div", { class: "ic-msg-text", text: String(msg.text ?? "") }),
    ]);
    if (msg.plan) node.append(h("div", { class: "ic-plan", "data-testid": "plan", text: `Plan: ${msg.plan}` }));
    if (msg.verdict) node.append(h("div", { class: "ic-verdict", text: `Check: ${msg.verdict}` }));
    if (typeof msg.turn === "string") {
      const img = /** @type {HTMLImageElement} */ (
        h("img", { class: "ic-thumb", "data-testid": "thumb", "data-turn": msg.turn, alt: `picture of turn ${msg.turn}`, hidden: true })
      );
      node.append(img);
      fillThumb(img);
    }
    const actions = messageActions(msg);
    if (actions.length) node.append(renderActions(actions));
    return node;
  }

  /** Buttons under a message: pressing one sends its request once, then all are disabled. */
  function renderActions(/** @type {import("./actions.js").Action[]} */ actions) {
    const buttons = actions.map((action) => {
      const button = /** @type {HTMLButtonElement} */ (
        h("button", { class: "ic-button ic-msg-action", type: "button", "data-testid": "message-action", text: action.label })
      );
      button.addEventListener("click", () => {
        for (const b of buttons) b.disabled = true;
        rpc.request(action.kind, action.payload).catch((err) => {
          for (const b of buttons) b.disabled = false; // refused (e.g. busy): try again
          if (err.local) showLocalError(err.message);
        });
      });
      return button;
    });
    return h("div", { class: "ic-msg-actions", role: "group", "aria-label": "Answers" }, buttons);
  }

  // -- thumbnails: the history strip's (`_history[i].thumb`, JPEG bytes) by turn id ----------
  /** @type {Map<string, string>} turn id -> object URL */
  const thumbUrls = new Map();

  function fillThumb(/** @type {HTMLImageElement} */ img) {
    const turn = img.dataset.turn ?? "";
    let url = thumbUrls.get(turn);
    if (!url) {
      /** @type {{id: string, thumb?: DataView}[]} */
      const strip = model.get(/** @type {any} */ ("_history")) ?? [];
      const thumb = strip.find((t) => t && t.id === turn)?.thumb;
      if (!thumb || !thumb.byteLength) return;
      url = URL.createObjectURL(new Blob([thumb], { type: "image/jpeg" }));
      thumbUrls.set(turn, url);
    }
    img.src = url;
    img.hidden = false;
  }

  function fillThumbs() {
    for (const img of list.querySelectorAll("img.ic-thumb[hidden]")) fillThumb(/** @type {HTMLImageElement} */ (img));
  }

  function renderMessages() {
    /** @type {Message[]} */
    const messages = [...(model.get("_messages") ?? []), ...localMessages];
    const keep = new Set(messages.map((m) => m.id));
    for (const [id, entry] of shown) {
      if (!keep.has(id)) {
        entry.node.remove();
        shown.delete(id);
      }
    }
    // Messages only ever get appended (the oldest may be dropped), so order is kept; a
    // message whose buttons changed (a question answered) is drawn again in its place.
    for (const msg of messages) {
      const key = actionsKey(msg);
      const entry = shown.get(msg.id);
      if (entry && entry.key === key) continue;
      const node = renderMessage(msg);
      shown.set(msg.id, { node, key });
      if (entry) entry.node.replaceWith(node);
      else list.append(node);
    }
    if (messages.length === 0 && !list.querySelector(".ic-empty")) {
      list.append(h("div", { class: "ic-empty", text: "Describe a picture to start. Paint on the picture to limit an edit to that area." }));
    } else if (messages.length > 0) {
      list.querySelector(".ic-empty")?.remove();
    }
  }

  /** Show an error that happened in the browser (the kernel shows its own errors). */
  function showLocalError(/** @type {string} */ text) {
    localMessages.push({ id: `local-${++localCounter}`, role: "error", text });
    if (localMessages.length > 50) localMessages.shift();
    renderMessages();
  }

  function renderBusy() {
    const busy = Boolean(model.get("_busy"));
    sendButton.disabled = busy;
    stopButton.hidden = !busy;
    stopButton.disabled = false;
    progress.hidden = !busy;
    el.classList.toggle("ic-busy", busy);
  }

  function renderProgress() {
    const p = model.get("_progress") ?? {};
    const step = Number(p.step) || 0;
    const total = Number(p.total) || 0;
    if (total > 0) {
      bar.max = total;
      bar.value = Math.min(step, total);
      barLabel.textContent = `${p.label ?? ""} ${step}/${total}`.trim();
    } else {
      bar.removeAttribute("value"); // indeterminate
      barLabel.textContent = String(p.label ?? "working");
    }
  }

  function submit() {
    const prompt = input.value.trim();
    if (!prompt || model.get("_busy")) return;
    input.value = "";
    sentHere.push(prompt);
    follow.jump(); // show the prompt and its answer, even when scrolled up
    if (sentHere.length > 50) sentHere.shift();
    rpc.request("send", { prompt }).catch((err) => {
      // The kernel already put its error in the chat log; give the text back to fix it.
      if (!input.value && (err.kind === "input" || err.kind === "busy" || err.local)) input.value = prompt;
      if (err.local) showLocalError(err.message);
    });
  }

  /** Earlier prompts, oldest first: the kernel's log, so they survive a reload. */
  function earlierPrompts() {
    /** @type {Message[]} */
    const messages = model.get("_messages") ?? [];
    return messages
      .filter((m) => m.role === "user")
      .map((m) => {
        const text = String(m.text ?? "");
        // The log shortens long prompts ("..."); this view may still know the whole text.
        if (!text.endsWith("\u2026")) return text;
        return [...sentHere].reverse().find((p) => p.startsWith(text.slice(0, -1))) ?? text;
      });
  }

  /** Prompts sent from this view, whole (the last 50). */
  /** @type {string[]} */
  const sentHere = [];

  /** Position while going through earlier prompts with the arrow keys (null: not recalling). */
  let recallIndex = /** @type {number | null} */ (null);
  let draft = "";

  /** Up/Down on the first/last line recall earlier prompts; returns true if it did. */
  function recall(/** @type {-1 | 1} */ step) {
    const before = input.value.slice(0, input.selectionStart);
    const after = input.value.slice(input.selectionEnd);
    if (step < 0 ? before.includes("\n") : after.includes("\n")) return false;
    const prompts = earlierPrompts();
    if (recallIndex === null) {
      if (step > 0 || prompts.length === 0) return false;
      draft = input.value;
      recallIndex = prompts.length;
    }
    const next = recallIndex + step;
    if (next < 0) return true; // at the oldest: stay
    recallIndex = next;
    if (next >= prompts.length) {
      recallIndex = null;
      input.value = draft;
    } else input.value = prompts[next];
    input.setSelectionRange(input.value.length, input.value.length);
    return true;
  }

  /** @param {KeyboardEvent} event */
  function onKeydown(event) {
    event.stopPropagation(); // typing here must never trigger notebook or canvas shortcuts
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      recallIndex = null;
      submit();
    } else if ((event.key === "ArrowUp" || event.key === "ArrowDown") && !event.shiftKey) {
      if (recall(event.key === "ArrowUp" ? -1 : 1)) event.preventDefault();
    }
  }

  function stop() {
    stopButton.disabled = true;
    rpc.request("cancel").catch((err) => err.local && showLocalError(err.message));
  }

  input.addEventListener("keydown", onKeydown);
  sendButton.addEventListener("click", submit);
  stopButton.addEventListener("click", stop);
  model.on("change:_messages", renderMessages);
  model.on("change:_history", fillThumbs);
  model.on("change:_busy", renderBusy);
  model.on("change:_progress", renderProgress);
  renderMessages();
  renderBusy();
  renderProgress();

  return {
    el,
    showLocalError,
    /** Take the prompt box's text (emptied) for a request made elsewhere, e.g. Extend. */
    takePrompt() {
      const text = input.value.trim();
      input.value = "";
      return text;
    },
    /** Give back a taken prompt after its request was refused (unless the box was refilled). */
    restorePrompt(/** @type {string} */ text) {
      if (!input.value) input.value = text;
    },
    dispose() {
      follow.dispose();
      input.removeEventListener("keydown", onKeydown);
      sendButton.removeEventListener("click", submit);
      stopButton.removeEventListener("click", stop);
      model.off("change:_messages", renderMessages);
      model.off("change:_history", fillThumbs);
      for (const url of thumbUrls.values()) URL.revokeObjectURL(url);
      model.off("change:_busy", renderBusy);
      model.off("change:_progress", renderProgress);
    },
  };
}
