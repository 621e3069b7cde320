// node --test js/   (no browser needed: these modules do not touch the DOM)
import assert from "node:assert/strict";
import { test } from "node:test";

import { UndoStack, invert, isEmpty, maskFromKernel, maskToImageData, sameMask, toBinary } from "./mask.js";

test("the kernel's packed bits become weights; a mask of another size is not applied", () => {
  const bytes = new Uint8Array([0b01100000]);
  const view = new DataView(bytes.buffer);
  assert.deepEqual([...maskFromKernel(view, 6)], [0, 255, 255, 0, 0, 0]);
  assert.equal(maskFromKernel(view, 9), null);
  assert.deepEqual([...maskFromKernel(new DataView(new ArrayBuffer(0)), 4)], [0, 0, 0, 0]);
});

test("the kernel gets pixels at least half covered; the overlay shows the weights as alpha", () => {
  const mask = new Uint8Array([255, 0, 128, 127]);
  assert.deepEqual([...toBinary(mask)], [1, 0, 1, 0]);
  const image = { data: new Uint8ClampedArray(16), width: 2 };
  const rgba = maskToImageData(mask, image).data;
  assert.deepEqual([rgba[3], rgba[7], rgba[11], rgba[15]], [255, 0, 128, 127]);
  // Only the rectangle given is redrawn.
  const partial = { data: new Uint8ClampedArray(16), width: 2 };
  maskToImageData(mask, partial, { x: 0, y: 1, w: 1, h: 1 });
  assert.deepEqual([partial.data[3], partial.data[11], partial.data[15]], [0, 128, 0]);
});

test("isEmpty, sameMask and invert work on what the kernel would get", () => {
  assert.ok(isEmpty(new Uint8Array([0, 127, 3])));
  assert.ok(!isEmpty(new Uint8Array([0, 0, 200])));
  assert.ok(sameMask(new Uint8Array([255, 0]), new Uint8Array([140, 90])));
  assert.ok(!sameMask(new Uint8Array([255, 0]), new Uint8Array([255, 128])));
  assert.ok(!sameMask(new Uint8Array([1]), new Uint8Array([1, 0])));
  assert.deepEqual([...invert(new Uint8Array([0, 255, 100]))], [255, 0, 155]);
});

test("undo and redo walk back and forth; a new change forgets the redo side", () => {
  const stack = new UndoStack();
  const a = new Uint8Array([1]);
  const b = new Uint8Array([2]);
  const c = new Uint8Array([3]);
  stack.push(a); // a -> b
  stack.push(b); // b -> c (current c)
  assert.equal(stack.pop(c), b);
  assert.equal(stack.pop(b), a);
  assert.equal(stack.pop(a), undefined);
  assert.equal(stack.redoSize, 2);
  assert.equal(stack.redo(a), b);
  assert.equal(stack.redo(b), c);
  assert.equal(stack.redo(c), undefined);
  stack.pop(c);
  stack.push(new Uint8Array([9]));
  assert.equal(stack.redoSize, 0);
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
  // Redo states count towards the same budget.
  const both = new UndoStack(10, 10);
  both.push(new Uint8Array(4));
  both.push(new Uint8Array(4));
  both.pop(new Uint8Array(4)); // 4 undo + 4 redo bytes
  both.pop(new Uint8Array(4)); // would be 12 bytes: trimmed
  assert.ok(both.size * 4 + both.redoSize * 4 <= 10);
});
