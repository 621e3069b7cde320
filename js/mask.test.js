// node --test js/   (no browser needed: these modules do not touch the DOM)
import assert from "node:assert/strict";
import { test } from "node:test";

import { UndoStack, isEmpty, maskFromKernel, maskFromRGBA, maskToImageData, sameMask } from "./mask.js";

test("the kernel's 0/255 bytes become a 0/1 mask; a mask of another size is not applied", () => {
  const bytes = new Uint8Array([0, 255, 255, 0, 0, 0]);
  const view = new DataView(bytes.buffer);
  assert.deepEqual([...maskFromKernel(view, 6)], [0, 1, 1, 0, 0, 0]);
  assert.equal(maskFromKernel(view, 9), null);
  assert.deepEqual([...maskFromKernel(new DataView(new ArrayBuffer(0)), 4)], [0, 0, 0, 0]);
});

test("overlay pixels round-trip through the mask, half-covered rim pixels included", () => {
  const mask = new Uint8Array([1, 0, 1, 1]);
  const image = { data: new Uint8ClampedArray(16) };
  const rgba = maskToImageData(mask, image).data;
  assert.deepEqual([...maskFromRGBA(rgba)], [1, 0, 1, 1]);
  rgba[7] = 128; // anti-aliased edge, half covered
  rgba[11] = 127;
  assert.deepEqual([...maskFromRGBA(rgba)], [1, 1, 0, 1]);
});

test("isEmpty and sameMask", () => {
  assert.ok(isEmpty(new Uint8Array(5)));
  assert.ok(!isEmpty(new Uint8Array([0, 0, 1])));
  assert.ok(sameMask(new Uint8Array([1, 0]), new Uint8Array([1, 0])));
  assert.ok(!sameMask(new Uint8Array([1, 0]), new Uint8Array([1, 1])));
  assert.ok(!sameMask(new Uint8Array([1]), new Uint8Array([1, 0])));
});

test("the undo stack keeps the newest states within its count and byte limits", () => {
  const stack = new UndoStack(3, 10);
  for (let i = 1; i <= 5; i++) stack.push(new Uint8Array(2).fill(i));
  assert.equal(stack.size, 3);
  assert.equal(stack.pop()[0], 5);
  const big = new UndoStack(10, 10);
  big.push(new Uint8Array(4));
  big.push(new Uint8Array(4));
  big.push(new Uint8Array(4).fill(7)); // 12 bytes > 10: the oldest goes
  assert.equal(big.size, 2);
  assert.equal(big.pop()[0], 7);
  const huge = new UndoStack(10, 10);
  huge.push(new Uint8Array(50)); // one state is always kept, however large
  assert.equal(huge.size, 1);
});
