// The canvas pane's toolbar: tool buttons, brush size and softness, mask actions, zoom,
// download, Extend (outpainting). Only builds the elements; canvas.js and extend.js wire them.

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

/** @param {string} id @param {string} label @param {[string, string][]} options value, text @param {string} value */
function choice(id, label, options, value) {
  const select = /** @type {HTMLSelectElement} */ (
    h("select", { "data-testid": id }, options.map(([v, text]) => h("option", { value: v, text, selected: v === value })))
  );
  return { select, el: h("label", { class: "ic-size" }, [label, select]) };
}

/** The choices of the Extend panel's "By" list (value, text): percentages, or "px" for a
 * number of pixels typed in the box beside it. */
export const AMOUNT_CHOICES = /** @type {[string, string][]} */ ([
  ["10", "10% of the size"],
  ["25", "25% of the size"],
  ["50", "50% of the size"],
  ["100", "100% of the size"],
  ["px", "Pixels\u2026"],
]);

/**
 * The Extend button and its panel (which sides, by how much; the chat box gives the prompt).
 * The button goes in the toolbar; the canvas pane puts the panel under the toolbar.
 */
function extendControl() {
  const toggle = button("extend", "Extend\u2026", "Extend the picture beyond its borders (outpainting)");
  toggle.setAttribute("aria-expanded", "false");
  const sides = choice("extend-sides", "Sides ", [
    ["right", "Right"],
    ["left", "Left"],
    ["top", "Top"],
    ["bottom", "Bottom"],
    ["left-right", "Left and right"],
    ["top-bottom", "Top and bottom"],
    ["all", "All sides"],
  ], "right");
  const amount = choice("extend-amount", "By ", AMOUNT_CHOICES, "25");
  const pixels = /** @type {HTMLInputElement} */ (
    h("input", {
      type: "number",
      min: 1,
      step: 8,
      inputmode: "numeric",
      "data-testid": "extend-pixels",
      "aria-label": "Pixels to add on each chosen side",
    })
  );
  const pixelsBox = h("label", { class: "ic-size ic-extend-pixels", hidden: true }, [pixels, " px per side"]);
  const message = h("span", { class: "ic-extend-message", "data-testid": "extend-message", role: "status" });
  const preview = h("span", { class: "ic-extend-preview", "data-testid": "extend-preview", "aria-live": "polite" });
  const apply = button("extend-apply", "Extend", "Extend now; the text in the chat box (if any) says what to draw in the new area", {
    class: "ic-button ic-primary",
    "aria-label": "Extend the picture now",
  });
  const close = button("extend-close", "Close", "Close (Esc)");
  const panel = h("div", { class: "ic-extend-panel", role: "group", "aria-label": "Extend the picture", "data-testid": "extend-panel", hidden: true }, [
    sides.el,
    amount.el,
    pixelsBox,
    preview,
    apply,
    close,
    message, // on a line of its own, under the controls
    h("span", { class: "ic-extend-hint", text: "Text in the chat box says what goes in the new area." }),
  ]);
  const id = `ic-extend-${Math.random().toString(36).slice(2, 10)}`;
  panel.id = id;
  toggle.setAttribute("aria-controls", id);
  return {
    button: toggle,
    panel,
    sides: sides.select,
    amount: amount.select,
    pixels,
    pixelsBox,
    message,
    preview,
    apply,
    close,
  };
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
  const extend = extendControl();
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
    extend.button,
  ]);
  return { el, tools, size: size.input, softness: softness.input, buttons, extend };
}
