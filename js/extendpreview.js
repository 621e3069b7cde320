// The Extend panel's preview: while the panel is open, the picture's stage shows the bigger
// frame the request would make, with the current picture scaled down in its place and the
// new area hatched. A layer of its own over the stage, with its own copy of the picture: the
// canvases (picture and mask) stay as they are, and the layer blocks painting while it shows.
//
// extend.js says what to show (`show`) and when to go (`hide`); `previewLayout` is the maths.

import { h } from "./dom.js";

/** @typedef {import("./extend.js").Margins} Margins */
/** @typedef {{left: number, top: number, width: number, height: number}} Box in percent */

/**
 * Where the extended frame and the old picture go in the preview, in percent: the frame
 * (`frame`, of the stage, which has the picture's proportions) as large as fits and centred;
 * the old picture (`picture`, of the frame) where it will be in the extended picture.
 * @param {{width: number, height: number}} size the picture's size in pixels
 * @param {Margins} margins pixels added on each side
 * @returns {{frame: Box, picture: Box}}
 */
export function previewLayout(size, margins) {
  const { width, height } = size;
  const outW = width + margins.left + margins.right;
  const outH = height + margins.top + margins.bottom;
  // The stage is `width` x `height` units; the frame, scaled by `s`, must fit inside.
  const s = Math.min(width / outW, height / outH);
  const frameW = ((outW * s) / width) * 100;
  const frameH = ((outH * s) / height) * 100;
  return {
    frame: { left: (100 - frameW) / 2, top: (100 - frameH) / 2, width: frameW, height: frameH },
    picture: {
      left: (margins.left / outW) * 100,
      top: (margins.top / outH) * 100,
      width: (width / outW) * 100,
      height: (height / outH) * 100,
    },
  };
}

/** @param {HTMLElement} el @param {Box} box */
function place(el, box) {
  el.style.left = `${box.left}%`;
  el.style.top = `${box.top}%`;
  el.style.width = `${box.width}%`;
  el.style.height = `${box.height}%`;
}

/**
 * The preview layer, added to `stage` (hidden until `show`).
 * @param {HTMLElement} stage the canvas pane's picture box
 */
export function createExtendPreview(stage) {
  const picture = /** @type {HTMLImageElement} */ (
    h("img", { class: "ic-extend-picture", "data-testid": "extend-picture", alt: "" })
  );
  const frame = h("div", { class: "ic-extend-frame", "data-testid": "extend-frame" }, [picture]);
  const layer = h("div", { class: "ic-extend-overlay", "data-testid": "extend-overlay", "aria-hidden": "true", hidden: true }, [
    frame,
  ]);
  stage.append(layer);
  /** @type {DataView | null} the PNG that `url` shows */
  let shown = null;
  let url = "";

  function release() {
    if (url) URL.revokeObjectURL(url);
    url = "";
    shown = null;
  }

  return {
    /**
     * Show (or update) the preview of `png` (the current picture, `size` pixels) extended
     * by `margins`.
     * @param {DataView} png
     * @param {{width: number, height: number}} size
     * @param {Margins} margins
     */
    show(png, size, margins) {
      if (png !== shown) {
        release();
        url = URL.createObjectURL(new Blob([png], { type: "image/png" }));
        shown = png;
        picture.src = url;
      }
      const layout = previewLayout(size, margins);
      place(frame, layout.frame);
      place(picture, layout.picture);
      const outW = size.width + margins.left + margins.right;
      const outH = size.height + margins.top + margins.bottom;
      frame.dataset.size = `${outW}x${outH}`;
      layer.hidden = false;
    },
    hide() {
      layer.hidden = true;
      release();
      picture.removeAttribute("src");
    },
    get visible() {
      return !layer.hidden;
    },
    dispose() {
      release();
      layer.remove();
    },
  };
}
