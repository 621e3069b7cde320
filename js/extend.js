// The canvas toolbar's Extend control: outpainting, i.e. the picture made bigger on one or
// more sides. The new area is drawn by the kernel's engine; every old pixel stays as it was.
//
// The toolbar (toolbar.js) builds the button and its panel; this module wires them: it
// works out the margins in pixels (`extendMargins`, clamped to the kernel's 2048 px limit),
// takes the chat box's text as an optional prompt for the new area and sends an
// `outpaint` request (jupyter_imagechat/protocol.py). Progress and Stop are the chat
// pane's, as for every long request; the new turn reaches the chat and history strip
// through the kernel's traits.

/** Longest side the kernel accepts for an extended picture (outpainting.MAX_SIDE). */
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

/** @typedef {{left: number, right: number, top: number, bottom: number}} Margins */

/**
 * The margins (pixels per side) that extend a `width` x `height` picture by `fraction` of
 * its size on each of `sides`; left/right are a fraction of the width, top/bottom of the
 * height. Each margin is rounded to a multiple of 8 (what diffusion models draw in; at least
 * 8). When the result would pass `maxSide`, the room left on that axis is shared out between
 * its sides instead; a picture already at the limit gets 0 there.
 * @param {number} width
 * @param {number} height
 * @param {string[]} sides any of "left", "right", "top", "bottom"
 * @param {number} fraction e.g. 0.25 for 25 %
 * @param {number} [maxSide]
 * @returns {Margins}
 */
export function extendMargins(width, height, sides, fraction, maxSide = MAX_SIDE) {
  /** @type {Margins} */
  const out = { left: 0, right: 0, top: 0, bottom: 0 };
  const w = Math.floor(Number(width));
  const hgt = Math.floor(Number(height));
  const f = Number(fraction);
  if (!(w > 0 && hgt > 0 && f > 0 && Number.isFinite(f))) return out;
  /** @type {[number, ("left" | "right" | "top" | "bottom")[]][]} */
  const axes = [
    [w, /** @type {const} */ (["left", "right"]).filter((s) => sides.includes(s))],
    [hgt, /** @type {const} */ (["top", "bottom"]).filter((s) => sides.includes(s))],
  ];
  for (const [size, chosen] of axes) {
    if (chosen.length === 0) continue;
    const wanted = Math.max(8, Math.round((size * f) / 8) * 8);
    const room = Math.max(0, maxSide - size);
    const each = wanted * chosen.length <= room ? wanted : Math.floor(room / chosen.length);
    for (const side of chosen) out[side] = each;
  }
  return out;
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
 * @param {ReturnType<import("./toolbar.js").createToolbar>["extend"]} ui
 * @param {{takePrompt: () => string, restorePrompt: (text: string) => void, showLocalError: (text: string) => void}} chat
 */
export function createExtendControl(model, rpc, ui, chat) {
  const { button, panel, sides, amount, preview, apply, close } = ui;
  let sending = false;

  function size() {
    return pngSize(model.get("_image"));
  }

  function margins() {
    const s = size();
    if (!s) return null;
    const chosen = SIDE_CHOICES[/** @type {keyof typeof SIDE_CHOICES} */ (sides.value)] ?? ["right"];
    return { size: s, margins: extendMargins(s.width, s.height, chosen, Number(amount.value) / 100) };
  }

  function update() {
    const busy = Boolean(model.get("_busy")) || sending;
    const m = margins();
    button.disabled = !m || busy;
    if (!m) {
      if (!panel.hidden) setOpen(false);
      preview.textContent = "";
      apply.disabled = true;
      return;
    }
    const grows = m.margins.left + m.margins.right + m.margins.top + m.margins.bottom > 0;
    preview.textContent = grows
      ? describe(m.margins, m.size.width, m.size.height)
      : `already at the ${MAX_SIDE} px limit on that side`;
    apply.disabled = busy || !grows;
  }

  function setOpen(/** @type {boolean} */ open) {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open) {
      update();
      sides.focus();
    }
  }

  function toggle() {
    const opening = panel.hidden;
    setOpen(opening);
    if (!opening) button.focus();
  }

  function submit() {
    const m = margins();
    if (!m || apply.disabled) return;
    const prompt = chat.takePrompt();
    sending = true;
    setOpen(false);
    button.focus();
    update();
    rpc
      .request("outpaint", prompt ? { ...m.margins, prompt } : m.margins)
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
    // Letters pick options in the lists; they must not switch canvas tools.
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
    [amount, "change", update],
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
    },
  };
}
