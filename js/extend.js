// The canvas toolbar's Extend control: outpainting, i.e. the picture made bigger on one or
// more sides. The new area is drawn by the kernel's engine; every old pixel stays as it was.
//
// The toolbar (toolbar.js) builds the button and its panel; this module wires it: it works out the
// margins in pixels (`planExtension`, kept within the kernel's 2048 px limit), shows the
// bigger frame over the picture while the panel is open (extendpreview.js), takes the chat
// box's text as an optional prompt for the new area and sends an `outpaint` request
// (jupyter_imagechat/protocol.py). Progress and Stop are the chat pane's, as for every long
// request; the new turn reaches the chat and history strip through the kernel's traits.

import { createExtendPreview } from "./extendpreview.js";

/**
 * Longest side the kernel accepts for an extended picture: a copy of
 * jupyter_imagechat/outpainting.py's MAX_SIDE, used to keep requests within it and to say so
 * before sending. The kernel checks again and is the authority.
 */
export const MAX_SIDE = 2048;

/** The side choices of the panel's "Sides" list, in the order shown. */
export const SIDE_CHOICES = {
  right: ["right"],
  left: ["left"],
  top: ["top"],
  bottom: ["bottom"],
  "left-right": ["left", "right"],
  "top-bottom": ["top", "bottom"],
  all: ["left", "right", "top", "bottom"],
};

export { AMOUNT_CHOICES } from "./toolbar.js";

/** @typedef {{left: number, right: number, top: number, bottom: number}} Margins */
/**
 * How much to add on each chosen side: a percentage of the picture's size along that axis
 * (rounded to a multiple of 8 pixels, at least 8), or a number of pixels.
 * @typedef {{percent: number} | {pixels: number}} Amount
 */
/**
 * @typedef {object} Extension
 * @property {Margins} margins pixels to add per side, within the limit
 * @property {{width: number, height: number}} wanted the size the amount asked for
 * @property {boolean} limited true when the limit cut some side short
 */

/**
 * The margins (pixels per side) that extend a `width` x `height` picture by `amount` on each
 * of `sides`; a percentage is of the width for left/right and of the height for top/bottom,
 * rounded to a multiple of 8 (what diffusion models draw in; at least 8). When the result
 * would pass `maxSide`, the room left on that axis is shared out between its sides instead
 * (`limited`); a picture already at the limit gets 0 there. No picture or a nonsense amount
 * (not a positive number, or under 1 pixel) gives no margins.
 * @param {number} width
 * @param {number} height
 * @param {string[]} sides any of "left", "right", "top", "bottom"
 * @param {Amount} amount
 * @param {number} [maxSide]
 * @returns {Extension}
 */
export function planExtension(width, height, sides, amount, maxSide = MAX_SIDE) {
  /** @type {Margins} */
  const margins = { left: 0, right: 0, top: 0, bottom: 0 };
  const w = Math.floor(Number(width));
  const hgt = Math.floor(Number(height));
  const wanted = { width: w, height: hgt };
  const none = { margins, wanted, limited: false };
  const pixels = "pixels" in amount ? Math.floor(Number(amount.pixels)) : NaN;
  const percent = "percent" in amount ? Number(amount.percent) : NaN;
  if (!(w > 0 && hgt > 0)) return none;
  if (!((pixels >= 1 && Number.isFinite(pixels)) || (percent > 0 && Number.isFinite(percent)))) return none;
  let limited = false;
  /** @type {[number, "width" | "height", ("left" | "right" | "top" | "bottom")[]][]} */
  const axes = [
    [w, "width", /** @type {const} */ (["left", "right"]).filter((s) => sides.includes(s))],
    [hgt, "height", /** @type {const} */ (["top", "bottom"]).filter((s) => sides.includes(s))],
  ];
  for (const [size, axis, chosen] of axes) {
    if (chosen.length === 0) continue;
    const want = pixels >= 1 ? pixels : Math.max(8, Math.round((size * percent) / 100 / 8) * 8);
    const room = Math.max(0, maxSide - size);
    const each = want * chosen.length <= room ? want : Math.floor(room / chosen.length);
    if (each < want) limited = true;
    wanted[axis] = size + want * chosen.length;
    for (const side of chosen) margins[side] = each;
  }
  return { margins, wanted, limited };
}

/**
 * The panel's amount as an `Amount`: the chosen percentage, or the pixel box's number (null
 * when that is not a positive whole number).
 * @param {string} choice the "By" list's value
 * @param {string} pixels the pixel box's text
 * @returns {Amount | null}
 */
export function parseAmount(choice, pixels) {
  if (choice === "px") {
    const text = pixels.trim();
    const n = Number(text);
    return text !== "" && Number.isInteger(n) && n >= 1 ? { pixels: n } : null;
  }
  const percent = Number(choice);
  return percent > 0 && Number.isFinite(percent) ? { percent } : null;
}

/**
 * Width and height from a PNG's header (its IHDR chunk), or null for anything else.
 * @param {DataView | null | undefined} data
 * @returns {{width: number, height: number} | null}
 */
export function pngSize(data) {
  if (!data || data.byteLength < 24) return null;
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => data.getUint8(i) === b)) return null;
  return { width: data.getUint32(16), height: data.getUint32(20) };
}

/** @param {Margins} m @param {number} width @param {number} height */
function describe(m, width, height) {
  const w = width + m.left + m.right;
  const h_ = height + m.top + m.bottom;
  return `${width}\u00d7${height} \u2192 ${w}\u00d7${h_} px`;
}

/**
 * Wire the toolbar's Extend button and panel.
 * @param {import("./widget.js").Model} model
 * @param {ReturnType<import("./rpc.js").createRpc>} rpc
 * @param {ReturnType<import("./toolbar.js").createToolbar>["extend"] & {stage?: HTMLElement}} ui
 *   `stage`: the picture's box, where the preview goes (canvas.js; no preview without it)
 * @param {{takePrompt: () => string, restorePrompt: (text: string) => void, showLocalError: (text: string) => void}} chat
 */
export function createExtendControl(model, rpc, ui, chat) {
  const { button, panel, sides, amount, pixels, pixelsBox, message, preview: readout, apply, close } = ui;
  pixels.max = String(MAX_SIDE);
  const frame = ui.stage ? createExtendPreview(ui.stage) : null;
  let sending = false;
  /** The last margin a percentage gave: what the pixel box starts with. */
  let lastMargin = 128;

  /**
   * The picture's size and what the panel's choices make of it (`extension` is null when the
   * pixel box holds no usable number); null without a picture.
   */
  function current() {
    const size = pngSize(model.get("_image"));
    if (!size) return null;
    const chosen = SIDE_CHOICES[/** @type {keyof typeof SIDE_CHOICES} */ (sides.value)] ?? ["right"];
    const choice = parseAmount(amount.value, pixels.value);
    return { size, extension: choice ? planExtension(size.width, size.height, chosen, choice) : null };
  }

  function update() {
    const busy = Boolean(model.get("_busy")) || sending;
    const now = current();
    button.disabled = !now || busy;
    pixelsBox.hidden = amount.value !== "px";
    if (!now) {
      if (!panel.hidden) setOpen(false);
      readout.textContent = message.textContent = "";
      apply.disabled = true;
      frame?.hide();
      return;
    }
    const { size, extension } = now;
    const m = extension?.margins;
    const grows = Boolean(m && m.left + m.right + m.top + m.bottom > 0);
    readout.textContent = m && grows ? describe(m, size.width, size.height) : "";
    if (!extension) message.textContent = `Type a whole number of pixels per side (1 to ${MAX_SIDE}).`;
    else if (!grows) message.textContent = `The picture is already ${MAX_SIDE} px on that side, the most it can be.`;
    else if (extension.limited) {
      const { width, height } = extension.wanted;
      message.textContent = `${width}\u00d7${height} px is over the ${MAX_SIDE} px limit: it grows only up to the limit.`;
    } else message.textContent = "";
    apply.disabled = busy || !grows;
    if (m && grows && amount.value !== "px") lastMargin = Math.max(m.left, m.right, m.top, m.bottom);
    const png = model.get("_image");
    if (m && grows && !panel.hidden) frame?.show(png, size, m);
    else frame?.hide();
  }

  function setOpen(/** @type {boolean} */ open) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    update();
    if (open) sides.focus();
  }

  function toggle() {
    const opening = panel.hidden;
    setOpen(opening);
    if (!opening) button.focus();
  }

  function onAmountChange() {
    if (amount.value === "px" && pixels.value === "") pixels.value = String(lastMargin);
    update();
  }

  function submit() {
    const now = current();
    const margins = now?.extension?.margins;
    if (!margins || apply.disabled) return;
    const prompt = chat.takePrompt();
    setOpen(false); // the preview goes with the panel
    button.focus();
    sending = true;
    update();
    rpc
      .request("outpaint", prompt ? { ...margins, prompt } : margins)
      .catch((err) => {
        // The kernel already put its error in the chat log; give the text back.
        if (prompt && (err.kind === "input" || err.kind === "busy" || err.local)) chat.restorePrompt(prompt);
        if (err.local) chat.showLocalError(err.message);
      })
      .finally(() => {
        sending = false;
        update();
      });
  }

  /** @param {KeyboardEvent} event */
  function onPanelKeydown(event) {
    // Letters pick options in the lists and digits go in the pixel box; they must not
    // switch canvas tools or zoom.
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      button.focus();
    } else if (event.key === "Enter" && event.target !== close) {
      event.preventDefault();
      submit();
    }
  }

  function closePanel() {
    setOpen(false);
    button.focus();
  }

  /** @type {[EventTarget, string, (e: any) => void][]} */
  const listeners = [
    [button, "click", toggle],
    [apply, "click", submit],
    [close, "click", closePanel],
    [sides, "change", update],
    [amount, "change", onAmountChange],
    [pixels, "input", update],
    [panel, "keydown", onPanelKeydown],
  ];
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn);
  model.on("change:_image", update);
  model.on("change:_busy", update);
  update();

  return {
    dispose() {
      for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
      model.off("change:_image", update);
      model.off("change:_busy", update);
      frame?.dispose();
    },
  };
}
