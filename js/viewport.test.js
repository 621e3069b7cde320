import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_ZOOM, createPinch, createViewport } from "./viewport.js";

/** A 400x300 stage at (100, 50) on the page, and the element it transforms. */
function fakeStage() {
  const classes = new Set();
  const stage = {
    clientWidth: 400,
    clientHeight: 300,
    getBoundingClientRect: () => ({ left: 100, top: 50, width: 400, height: 300 }),
    classList: { toggle: (c, on) => (on ? classes.add(c) : classes.delete(c)) },
    addEventListener() {},
    removeEventListener() {},
    classes,
  };
  const view = { style: { transform: "" } };
  return { stage, view };
}

/** Parse "translate(Xpx, Ypx) scale(S)" (or "" for none). */
function transform(view) {
  const m = view.style.transform.match(/translate\((.+)px, (.+)px\) scale\((.+)\)/);
  return m ? m.slice(1).map(Number) : [0, 0, 1];
}

test("zooming keeps the point under the pointer in place and stays within 1..MAX_ZOOM", () => {
  const { stage, view } = fakeStage();
  const vp = createViewport(stage, view);
  vp.zoomBy(2, 100 + 300, 50 + 150); // at stage point (300, 150)
  const [tx, ty, s] = transform(view);
  assert.equal(s, 2);
  // The picture point under (300, 150) before (300, 150 in picture CSS px) is still there.
  assert.equal(tx + 300 * s, 300);
  assert.equal(ty + 150 * s, 150);
  assert.ok(stage.classes.has("ic-zoomed"));
  vp.zoomBy(1000);
  assert.equal(vp.zoom, MAX_ZOOM);
  vp.zoomBy(0.0001);
  assert.equal(vp.zoom, 1);
  assert.equal(view.style.transform, "");
  assert.ok(!stage.classes.has("ic-zoomed"));
});

test("panning never shows past the picture's edges", () => {
  const { stage, view } = fakeStage();
  const vp = createViewport(stage, view);
  vp.panBy(50, 50); // at zoom 1 there is nothing to pan
  assert.equal(view.style.transform, "");
  vp.zoomBy(2); // about the centre: translate(-200, -150)
  vp.panBy(500, 0);
  assert.deepEqual(transform(view), [0, -150, 2]);
  vp.panBy(-5000, -5000);
  assert.deepEqual(transform(view), [-400, -300, 2]);
  vp.reset();
  assert.equal(vp.zoom, 1);
});

test("two touch pointers pinch-zoom; one does not; mouse pointers are ignored", () => {
  const { stage, view } = fakeStage();
  const vp = createViewport(stage, view);
  const pinch = createPinch(vp);
  const ev = (id, x, type = "touch") => ({ pointerId: id, pointerType: type, clientX: x, clientY: 200 });
  pinch.down(ev(1, 280));
  assert.ok(!pinch.active);
  assert.equal(pinch.move(ev(1, 300)), false);
  pinch.down(ev(9, 100, "mouse"));
  assert.ok(!pinch.active);
  pinch.down(ev(2, 320));
  assert.ok(pinch.active);
  assert.equal(pinch.move(ev(2, 340)), true); // fingers 20 -> 40 px apart
  assert.equal(vp.zoom, 2);
  pinch.up(ev(2, 340));
  assert.ok(!pinch.active);
});
