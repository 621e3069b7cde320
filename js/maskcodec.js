// The boolean mask sent to the kernel, in its most compact form (see
// jupyter_imagechat/maskcodec.py): run lengths for the usual blobby masks, else one bit per
// pixel. A 2048 px mask is 4 MiB at a byte per pixel; its runs are typically a few KiB.

import { THRESHOLD } from "./mask.js";

/**
 * Encode the weights of `mask` (masked where >= THRESHOLD) for a `mask` request.
 * @param {Uint8Array} mask
 * @returns {{encoding: "rle" | "bits", buffer: ArrayBuffer}}
 */
export function encodeMask(mask) {
  const n = mask.length;
  const bitBytes = (n + 7) >> 3;
  // Run lengths only while they stay smaller than the bits: one pass, no second count.
  const cap = bitBytes >> 2;
  const runs = new Uint32Array(cap + 1); // little-endian on every browser platform
  let k = 0;
  let current = false;
  let start = 0;
  // Four pixels at a time through runs of 0 or 255 (most of a mask); byte by byte elsewhere.
  const words = mask.byteOffset % 4 === 0 ? new Uint32Array(mask.buffer, mask.byteOffset, n >> 2) : null;
  const wordCount = words ? words.length : 0;
  for (let w = 0; w <= wordCount; w++) {
    if (w < wordCount) {
      const word = /** @type {Uint32Array} */ (words)[w];
      if (current ? word === 0xffffffff : word === 0) continue;
    }
    const end = w < wordCount ? 4 * w + 4 : n;
    for (let i = 4 * w; i < end; i++) {
      if (mask[i] >= THRESHOLD !== current) {
        if (k >= cap) return { encoding: "bits", buffer: packBits(mask) };
        runs[k++] = i - start;
        start = i;
        current = !current;
      }
    }
  }
  if (k >= cap) return { encoding: "bits", buffer: packBits(mask) };
  runs[k++] = n - start;
  return { encoding: "rle", buffer: runs.slice(0, k).buffer };
}

/** One bit per pixel, most significant bit first (numpy.packbits order). @param {Uint8Array} mask */
function packBits(mask) {
  const bits = new Uint8Array((mask.length + 7) >> 3);
  for (let i = 0; i < mask.length; i++) if (mask[i] >= THRESHOLD) bits[i >> 3] |= 0x80 >> (i & 7);
  return bits.buffer;
}
