import assert from "node:assert/strict";
import { test } from "node:test";

import { AMOUNT_CHOICES, MAX_SIDE, SIDE_CHOICES, parseAmount, planExtension, pngSize } from "./extend.js";
import { previewLayout } from "./extendpreview.js";

const margins = (/** @type {Parameters<typeof planExtension>} */ ...args) => planExtension(...args).margins;
const pct = (/** @type {number} */ percent) => ({ percent });
const px = (/** @type {number} */ pixels) => ({ pixels });

test("a percentage is of the width (left/right) or the height (top/bottom)", () => {
  assert.deepEqual(margins(512, 256, ["right"], pct(25)), { left: 0, right: 128, top: 0, bottom: 0 });
  assert.deepEqual(margins(512, 256, ["left", "top"], pct(50)), { left: 256, right: 0, top: 128, bottom: 0 });
  assert.deepEqual(margins(512, 512, SIDE_CHOICES.all, pct(25)), { left: 128, right: 128, top: 128, bottom: 128 });
  assert.deepEqual(margins(512, 384, ["bottom"], pct(10)), { left: 0, right: 0, top: 0, bottom: 40 });
  assert.deepEqual(margins(640, 480, ["left"], pct(100)), { left: 640, right: 0, top: 0, bottom: 0 });
});

test("percentages give whole multiples of 8 pixels, at least 8; pixels are taken as they are", () => {
  assert.deepEqual(margins(100, 100, ["right"], pct(25)), { left: 0, right: 24, top: 0, bottom: 0 });
  assert.equal(margins(20, 20, ["bottom"], pct(25)).bottom, 8);
  assert.deepEqual(margins(512, 512, ["top", "bottom"], px(37)), { left: 0, right: 0, top: 37, bottom: 37 });
  assert.equal(margins(512, 512, ["left"], px(1)).left, 1);
});

test("the panel offers 10, 25, 50 and 100 % and a number of pixels", () => {
  assert.deepEqual(
    AMOUNT_CHOICES.map(([value]) => value),
    ["10", "25", "50", "100", "px"],
  );
  assert.deepEqual(parseAmount("10", ""), { percent: 10 });
  assert.deepEqual(parseAmount("px", " 200 "), { pixels: 200 });
  for (const bad of ["", "0", "-8", "12.5", "1e9x", "abc"]) assert.equal(parseAmount("px", bad), null, bad);
  assert.equal(parseAmount("nonsense", ""), null);
});

test("the result never passes the 2048 px limit: the room left is shared between the sides", () => {
  assert.equal(MAX_SIDE, 2048);
  const cut = planExtension(1800, 512, ["right"], pct(50));
  assert.deepEqual(cut.margins, { left: 0, right: 248, top: 0, bottom: 0 });
  assert.equal(cut.limited, true);
  assert.deepEqual(cut.wanted, { width: 2704, height: 512 });
  const m = margins(2000, 1999, SIDE_CHOICES.all, pct(50));
  assert.deepEqual(m, { left: 24, right: 24, top: 24, bottom: 24 });
  assert.ok(2000 + m.left + m.right <= MAX_SIDE && 1999 + m.top + m.bottom <= MAX_SIDE);
  // odd room: each side gets the floor, so the total stays within the limit
  assert.deepEqual(margins(2045, 64, ["left", "right"], pct(25)), { left: 1, right: 1, top: 0, bottom: 0 });
  // already at the limit on that axis: nothing there, the other axis still grows
  assert.deepEqual(margins(2048, 512, SIDE_CHOICES.all, pct(25)), { left: 0, right: 0, top: 128, bottom: 128 });
  assert.deepEqual(margins(2048, 512, ["right"], pct(50)), { left: 0, right: 0, top: 0, bottom: 0 });
  // a pixel number past the limit is cut the same way, and says so
  const big = planExtension(512, 512, ["top", "bottom"], px(5000));
  assert.deepEqual(big.margins, { left: 0, right: 0, top: 768, bottom: 768 });
  assert.equal(big.limited, true);
  assert.deepEqual(big.wanted, { width: 512, height: 10512 });
  // within the limit: not limited, wanted is what comes out
  const fits = planExtension(512, 512, ["right"], px(1536));
  assert.equal(fits.limited, false);
  assert.deepEqual(fits.wanted, { width: 2048, height: 512 });
});

test("no picture or a nonsense amount gives no margins", () => {
  const none = { left: 0, right: 0, top: 0, bottom: 0 };
  assert.deepEqual(margins(0, 0, ["right"], pct(25)), none);
  assert.deepEqual(margins(512, 512, ["right"], pct(0)), none);
  assert.deepEqual(margins(512, 512, ["right"], pct(Number.NaN)), none);
  assert.deepEqual(margins(512, 512, ["right"], px(0)), none);
  assert.deepEqual(margins(512, 512, ["right"], px(Number.POSITIVE_INFINITY)), none);
  assert.deepEqual(margins(512, 512, [], pct(50)), none);
  assert.deepEqual(margins(512, 512, ["middle"], pct(50)), none);
});

test("the preview fits the bigger frame in the stage and puts the old picture in its place", () => {
  const near = (/** @type {Record<string, number>} */ a, /** @type {Record<string, number>} */ b) => {
    for (const k of Object.keys(b)) assert.ok(Math.abs(a[k] - b[k]) < 1e-9, `${k}: ${a[k]} != ${b[k]}`);
  };
  // 512x512 + 256 on the right: the frame is as wide as the stage and 2/3 as high, centred;
  // the picture is its left 2/3.
  let l = previewLayout({ width: 512, height: 512 }, { left: 0, right: 256, top: 0, bottom: 0 });
  near(l.frame, { left: 0, top: 100 / 6, width: 100, height: 200 / 3 });
  near(l.picture, { left: 0, top: 0, width: 200 / 3, height: 100 });
  // 400x200 + 100 on top and bottom: 400x400, as high as the stage, half as wide
  l = previewLayout({ width: 400, height: 200 }, { left: 0, right: 0, top: 100, bottom: 100 });
  near(l.frame, { left: 25, top: 0, width: 50, height: 100 });
  near(l.picture, { left: 0, top: 25, width: 100, height: 50 });
  // all sides: the frame keeps the stage's shape; the picture sits in the middle
  l = previewLayout({ width: 512, height: 256 }, { left: 128, right: 128, top: 64, bottom: 64 });
  near(l.frame, { left: 0, top: 0, width: 100, height: 100 });
  near(l.picture, { left: 100 / 6, top: 100 / 6, width: 200 / 3, height: 200 / 3 });
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
