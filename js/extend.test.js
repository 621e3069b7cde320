import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_SIDE, SIDE_CHOICES, extendMargins, pngSize } from "./extend.js";

test("an amount is a fraction of the width (left/right) or the height (top/bottom)", () => {
  assert.deepEqual(extendMargins(512, 256, ["right"], 0.25), { left: 0, right: 128, top: 0, bottom: 0 });
  assert.deepEqual(extendMargins(512, 256, ["left", "top"], 0.5), { left: 256, right: 0, top: 128, bottom: 0 });
  assert.deepEqual(extendMargins(512, 512, SIDE_CHOICES.all, 0.25), { left: 128, right: 128, top: 128, bottom: 128 });
});

test("margins are whole multiples of 8 pixels, at least 8", () => {
  assert.deepEqual(extendMargins(100, 100, ["right"], 0.25), { left: 0, right: 24, top: 0, bottom: 0 });
  assert.equal(extendMargins(20, 20, ["bottom"], 0.25).bottom, 8);
});

test("the result never passes the 2048 px limit: the room left is shared between the sides", () => {
  assert.equal(MAX_SIDE, 2048);
  assert.deepEqual(extendMargins(1800, 512, ["right"], 0.5), { left: 0, right: 248, top: 0, bottom: 0 });
  const m = extendMargins(2000, 1999, SIDE_CHOICES.all, 0.5);
  assert.deepEqual(m, { left: 24, right: 24, top: 24, bottom: 24 });
  assert.ok(2000 + m.left + m.right <= MAX_SIDE && 1999 + m.top + m.bottom <= MAX_SIDE);
  // odd room: each side gets the floor, so the total stays within the limit
  assert.deepEqual(extendMargins(2045, 64, ["left", "right"], 0.25), { left: 1, right: 1, top: 0, bottom: 0 });
  // already at the limit on that axis: nothing there, the other axis still grows
  assert.deepEqual(extendMargins(2048, 512, SIDE_CHOICES.all, 0.25), { left: 0, right: 0, top: 128, bottom: 128 });
  assert.deepEqual(extendMargins(2048, 512, ["right"], 0.5), { left: 0, right: 0, top: 0, bottom: 0 });
});

test("no picture or a nonsense amount gives no margins", () => {
  const none = { left: 0, right: 0, top: 0, bottom: 0 };
  assert.deepEqual(extendMargins(0, 0, ["right"], 0.25), none);
  assert.deepEqual(extendMargins(512, 512, ["right"], 0), none);
  assert.deepEqual(extendMargins(512, 512, ["right"], Number.NaN), none);
  assert.deepEqual(extendMargins(512, 512, [], 0.5), none);
  assert.deepEqual(extendMargins(512, 512, ["middle"], 0.5), none);
});

test("pngSize reads the IHDR header and refuses anything else", () => {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, 640);
  view.setUint32(20, 480);
  assert.deepEqual(pngSize(view), { width: 640, height: 480 });
  assert.equal(pngSize(new DataView(new ArrayBuffer(0))), null);
  assert.equal(pngSize(null), null);
  bytes[1] = 0; // not a PNG
  assert.equal(pngSize(view), null);
});
