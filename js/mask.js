// The mask as data: one byte per picture pixel, a weight 0..255.
//
// The browser keeps weights so a soft brush shows its feathered edge on the overlay. The
// kernel's mask is boolean: what is sent is the mask at weight >= 128 (maskcodec.js), i.e. at least
// half covered), and the kernel echoes it back as 0/255 bytes. A soft brush of size d is
// half covered exactly at distance d/2 from the stroke, so the kernel gets the same pixels as
// from a hard brush of that size; the feather is shown, not sent.

/** Colour of the painted mask; the overlay canvas shows it at half opacity. */
export const MASK_RGB = [255, 40, 160];

/** Weight at and above which a pixel is masked in the kernel. */
export const THRESHOLD = 128;

/**
 * Paint the weights of `mask` inside the rectangle (all of it by default) into `target`,
 * an ImageData of the mask's size: MASK_RGB with alpha = weight.
 * @param {Uint8Array} mask
 * @param {{data: Uint8ClampedArray, width: number}} target
 * @param {{x: number, y: number, w: number, h: number}} [rect]
 */
export function maskToImageData(mask, target, rect) {
  const out = target.data;
  const width = target.width ?? mask.length;
  const r = rect ?? { x: 0, y: 0, w: width, h: mask.length / width };
  const [red, green, blue] = MASK_RGB;
  for (let y = r.y; y < r.y + r.h; y++) {
    for (let i = y * width + r.x, end = i + r.w, j = i * 4; i < end; i++, j += 4) {
      out[j] = red;
      out[j + 1] = green;
      out[j + 2] = blue;
      out[j + 3] = mask[i];
    }
  }
  return target;
}

/**
 * The kernel's bit-packed `_mask` as a 0/255 weight mask of `size` pixels; null if the
 * sizes differ (the mask belongs to a picture that is still decoding).
 * @param {DataView | null | undefined} data
 * @param {number} size
 */
export function maskFromKernel(data, size) {
  if (!data || data.byteLength === 0) return new Uint8Array(size);
  if (data.byteLength !== Math.ceil(size / 8)) return null;
  // bit-packed, row-major, first pixel in the high bit (protocol.encode_mask)
  const bits = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) if ((bits[i >> 3] >> (7 - (i & 7))) & 1) out[i] = 255;
  return out;
}

/** The boolean mask the kernel gets: 1 where the weight is at least THRESHOLD. @param {Uint8Array} mask */
export function toBinary(mask) {
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = mask[i] >= THRESHOLD ? 1 : 0;
  return out;
}

/** @param {Uint8Array} mask */
export function isEmpty(mask) {
  for (let i = 0; i < mask.length; i++) if (mask[i] >= THRESHOLD) return false;
  return true;
}

/** True when two weight masks give the kernel the same boolean mask. @param {Uint8Array} a @param {Uint8Array} b */
export function sameMask(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] >= THRESHOLD !== b[i] >= THRESHOLD) return false;
  return true;
}

/** The mask with every weight w replaced by 255 - w. @param {Uint8Array} mask */
export function invert(mask) {
  return mask.map((v) => 255 - v);
}

/**
 * Earlier masks for Undo and later ones for Redo, bounded in count and in bytes together
 * (a 2048 px mask is 4 MiB). A new change empties the redo side.
 */
export class UndoStack {
  constructor(limit = 20, maxBytes = 48 * 1024 * 1024) {
    this.limit = limit;
    this.maxBytes = maxBytes;
    /** @type {Uint8Array[]} */
    this.states = [];
    /** @type {Uint8Array[]} */
    this.redoStates = [];
  }

  /** Remember `state` (the mask before a change); forgets what Redo could bring back. @param {Uint8Array} state */
  push(state) {
    this.redoStates = [];
    this.states.push(state);
    this.trim();
  }

  /** The state before the last change; `current` goes to the redo side. @param {Uint8Array} [current] */
  pop(current) {
    const state = this.states.pop();
    if (state && current) {
      this.redoStates.push(current);
      this.trim();
    }
    return state;
  }

  /** The state Undo left; `current` goes back to the undo side. @param {Uint8Array} current */
  redo(current) {
    const state = this.redoStates.pop();
    if (state) {
      this.states.push(current);
      this.trim();
    }
    return state;
  }

  trim() {
    const total = () => this.states.length + this.redoStates.length;
    let bytes = [...this.states, ...this.redoStates].reduce((sum, s) => sum + s.byteLength, 0);
    while (total() > this.limit || (total() > 1 && bytes > this.maxBytes)) {
      // Drop the oldest undo state first, then the farthest redo state.
      const dropped = this.states.length > 0 ? this.states.shift() : this.redoStates.shift();
      bytes -= /** @type {Uint8Array} */ (dropped).byteLength;
    }
  }

  clear() {
    this.states = [];
    this.redoStates = [];
  }

  get size() {
    return this.states.length;
  }

  get redoSize() {
    return this.redoStates.length;
  }
}
