// The mask as data: one byte per picture pixel, 1 = the next edit may change it.

/** Colour of the painted mask; the overlay canvas shows it at half opacity. */
export const MASK_RGB = [255, 40, 160];

/**
 * Paint `mask` into an ImageData of the same size (masked pixels opaque MASK_RGB).
 * @param {Uint8Array} mask
 * @param {ImageData} target
 */
export function maskToImageData(mask, target) {
  const out = target.data;
  for (let i = 0, j = 0; i < mask.length; i++, j += 4) {
    if (mask[i]) {
      out[j] = MASK_RGB[0];
      out[j + 1] = MASK_RGB[1];
      out[j + 2] = MASK_RGB[2];
      out[j + 3] = 255;
    }
  }
  return target;
}

/**
 * Read a mask back from overlay pixels: painted where alpha >= 128 (the anti-aliased rim of a
 * brush stroke counts when it is at least half covered).
 * @param {Uint8ClampedArray} rgba
 */
export function maskFromRGBA(rgba) {
  const mask = new Uint8Array(rgba.length / 4);
  for (let i = 0, j = 3; i < mask.length; i++, j += 4) mask[i] = rgba[j] >= 128 ? 1 : 0;
  return mask;
}

/**
 * The kernel's `_mask` bytes (0 or 255) as a 0/1 mask of `size` pixels; null if the sizes
 * differ (the mask belongs to a picture that is still decoding).
 * @param {DataView | null | undefined} data
 * @param {number} size
 */
export function maskFromKernel(data, size) {
  if (!data || data.byteLength === 0) return new Uint8Array(size);
  if (data.byteLength !== size) return null;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).map((v) => (v ? 1 : 0));
}

/** @param {Uint8Array} mask */
export function isEmpty(mask) {
  return !mask.some((v) => v !== 0);
}

/** @param {Uint8Array} a @param {Uint8Array} b */
export function sameMask(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Earlier masks for Undo, bounded in count and in bytes (a 2048 px mask is 4 MiB). */
export class UndoStack {
  constructor(limit = 20, maxBytes = 48 * 1024 * 1024) {
    this.limit = limit;
    this.maxBytes = maxBytes;
    /** @type {Uint8Array[]} */
    this.states = [];
  }

  /** @param {Uint8Array} state */
  push(state) {
    this.states.push(state);
    let bytes = this.states.reduce((sum, s) => sum + s.byteLength, 0);
    while (this.states.length > this.limit || (this.states.length > 1 && bytes > this.maxBytes)) {
      bytes -= /** @type {Uint8Array} */ (this.states.shift()).byteLength;
    }
  }

  pop() {
    return this.states.pop();
  }

  clear() {
    this.states = [];
  }

  get size() {
    return this.states.length;
  }
}
