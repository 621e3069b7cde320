import assert from "node:assert/strict";
import { test } from "node:test";

import { encodeMask } from "./maskcodec.js";

/** Decode as the kernel does (jupyter_imagechat/maskcodec.py). */
function decode({ encoding, buffer }, n) {
  const out = new Uint8Array(n);
  if (encoding === "rle") {
    const runs = new Uint32Array(buffer);
    let i = 0;
    runs.forEach((length, k) => {
      out.fill(k % 2, i, i + length);
      i += length;
    });
    assert.equal(i, n, "the runs cover the mask");
  } else {
    const bits = new Uint8Array(buffer);
    for (let i = 0; i < n; i++) out[i] = (bits[i >> 3] >> (7 - (i & 7))) & 1;
  }
  return out;
}

test("a blobby mask goes as a few run lengths and decodes to the same pixels", () => {
  const mask = new Uint8Array(64 * 64);
  mask.fill(255, 100, 300);
  mask.fill(130, 1000, 1010);
  mask.fill(100, 2000, 2100); // under the threshold: not masked
  const encoded = encodeMask(mask);
  assert.equal(encoded.encoding, "rle");
  assert.deepEqual([...new Uint32Array(encoded.buffer)], [100, 200, 700, 10, 4096 - 1010]);
  assert.deepEqual(decode(encoded, mask.length), mask.map((v) => (v >= 128 ? 1 : 0)));
});

test("a mask that starts masked begins with an empty run; an empty mask is one run", () => {
  const mask = new Uint8Array(1000).fill(255, 0, 3);
  assert.deepEqual([...new Uint32Array(encodeMask(mask).buffer)], [0, 3, 997]);
  // 16 pixels pack into 2 bytes: cheaper than runs, so bits.
  assert.equal(encodeMask(new Uint8Array(16)).encoding, "bits");
  assert.deepEqual([...new Uint32Array(encodeMask(new Uint8Array(1000)).buffer)], [1000]);
});

test("a noisy mask goes as bits, most significant bit first", () => {
  const mask = new Uint8Array(4096).map((_, i) => ((i * 7919) % 3 === 0 ? 255 : 0));
  const encoded = encodeMask(mask);
  assert.equal(encoded.encoding, "bits");
  assert.equal(encoded.buffer.byteLength, 512);
  assert.deepEqual(decode(encoded, mask.length), mask.map((v) => (v ? 1 : 0)));
});

test("word-at-a-time scanning agrees with the pixels: odd lengths, soft weights, unaligned views", () => {
  const backing = new Uint8Array(5001);
  for (let i = 0; i < backing.length; i++) backing[i] = i % 700 < 300 ? 255 : i % 700 < 310 ? 100 + i % 60 : 0;
  for (const mask of [backing, backing.subarray(1), backing.subarray(3, 4003)]) {
    const encoded = encodeMask(mask);
    assert.equal(encoded.encoding, "rle");
    assert.deepEqual(decode(encoded, mask.length), mask.map((v) => (v >= 128 ? 1 : 0)));
  }
});
