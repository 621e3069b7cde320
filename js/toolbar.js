// The canvas pane's toolbar: tool buttons, brush size and softness, mask actions, zoom,
// download. Only builds the elements; canvas.js wires them.

import { h } from "./dom.js";

export const SIZE_MIN = 2;
export const SIZE_MAX = 200;

/** @typedef {"brush" | "eraser" | "pan" | "select"} Tool */

/** @param {string} id @param {string} label @param {string} title @param {Record<string, any>} [extra] */
function button(id, label, title, extra = {}) {
  return /** @type {HTMLButtonElement} */ (
    h("button", { class: "ic-button", type: "button", "data-testid": id, title, "aria-label": title, text: label, ...extra })
  );
}

/** @param {string} id @param {string} label @param {number} min @param {number} max @param {number} value @param {string} title */
function slider(id, label, min, max, value, title) {
  const input = /** @type {HTMLInputElement} */ (
    h("input", { type: "range", min, max, value, "data-testid": id, "aria-label": title, title })
  );
  return { input, el: h("label", { class: "ic-size" }, [label, input]) };
}

/** @param {{select?: boolean}} [options] `select`: show the Select tool */
export function createToolbar({ select = true } = {}) {
  const tool = (/** @type {string} */ id, /** @type {string} */ label, /** @type {string} */ title) =>
    button(id, label, title, { class: "ic-button ic-tool" });
  /** @type {Record<Tool, HTMLButtonElement>} */
  const tools = {
    brush: tool("brush", "Brush", "Brush (B)"),
    eraser: tool("eraser", "Eraser", "Eraser (E)"),
    pan: tool("pan", "Pan", "Pan (H, or hold Space; two fingers on touch)"),
    select: tool("select", "Select", "Select an object: click it to mask its exact shape (S)"),
  };
  const size = slider("brush-size", "Size ", SIZE_MIN, SIZE_MAX, 32, "Brush size in pixels ([ and ])");
  const softness = slider("brush-softness", "Soft ", 0, 100, 0, "Brush softness: feathered edge, in percent");
  const buttons = {
    undo: button("undo", "Undo", "Undo (Ctrl+Z)"),
    redo: button("redo", "Redo", "Redo (Ctrl+Shift+Z)"),
    invert: button("invert", "Invert", "Invert the mask (I)"),
    clear: button("clear", "Clear", "Clear the mask"),
    zoomOut: button("zoom-out", "\u2212", "Zoom out (-)"),
    zoomIn: button("zoom-in", "+", "Zoom in (+, or Ctrl+wheel)"),
    fit: button("zoom-fit", "Fit", "Show the whole picture (0)"),
    download: button("download", "Download", "Download the picture as PNG, with its metadata"),
  };
  const el = h("div", { class: "ic-toolbar", role: "toolbar", "aria-label": "Mask tools" }, [
    tools.brush,
    tools.eraser,
    tools.pan,
    select ? tools.select : null,
    size.el,
    softness.el,
    buttons.undo,
    buttons.redo,
    buttons.invert,
    buttons.clear,
    h("span", { class: "ic-toolbar-group" }, [buttons.zoomOut, buttons.zoomIn, buttons.fit]),
    buttons.download,
  ]);
  return { el, tools, size: size.input, softness: softness.input, buttons };
}
