import assert from "node:assert/strict";
import { test } from "node:test";

import { Stroke } from "./brush.js";
import { toBinary } from "./mask.js";

const W = 64;
const H = 64;
const at = (mask, x, y) => mask[y * W + x];

test("a hard brush dab covers the disc of its size and nothing else", () => {
  const mask = new Uint8Array(W * H);
  const stroke = new Stroke(mask, W, H, { size: 20 });
  const rect = stroke.segment(32, 32, 32, 32);
  assert.equal(at(mask, 32, 32), 255);
  assert.equal(at(mask, 32 + 12, 32), 0);
  const painted = toBinary(mask).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(painted - Math.PI * 100) < 20, `painted ${painted}`);
  assert.ok(rect.x <= 22 && rect.x + rect.w >= 42 && rect.w <= 24);
});

test("softness feathers the edge but the kernel gets the same pixels as a hard brush", () => {
  const hard = new Uint8Array(W * H);
  const soft = new Uint8Array(W * H);
  new Stroke(hard, W, H, { size: 30 }).segment(10, 32, 50, 32);
  new Stroke(soft, W, H, { size: 30, softness: 1 }).segment(10, 32, 50, 32);
  // Inside the feather the weights fall off gradually.
  const profile = [32, 38, 42, 46, 50].map((y) => at(soft, 30, y));
  for (let i = 1; i < profile.length; i++) assert.ok(profile[i] <= profile[i - 1], String(profile));
  assert.ok(profile.some((v) => v > 0 && v < 255), `no feathered weights in ${profile}`);
  const diff = toBinary(hard).reduce((n, v, i) => n + (v !== toBinary(soft)[i] ? 1 : 0), 0);
  assert.ok(diff < 40, `${diff} pixels differ`);
});

test("overlapping segments do not build up; the eraser removes and keeps the rest", () => {
  const mask = new Uint8Array(W * H);
  const brush = new Stroke(mask, W, H, { size: 20, softness: 1 });
  brush.segment(20, 32, 30, 32);
  const once = at(mask, 25, 39);
  brush.segment(30, 32, 20, 32); // back over the same path
  assert.equal(at(mask, 25, 39), once);
  brush.finish();
  const eraser = new Stroke(mask, W, H, { erase: true, size: 10 });
  eraser.segment(25, 32, 25, 32);
  assert.equal(at(mask, 25, 32), 0);
  assert.equal(at(mask, 15, 32), 255);
  assert.equal(at(mask, 60, 60), 0);
});

test("finish zeroes the reused coverage buffer; a stroke off the picture changes nothing", () => {
  const mask = new Uint8Array(W * H);
  const first = new Stroke(mask, W, H, { size: 16 });
  first.segment(5, 5, 40, 40);
  const buffer = first.finish();
  assert.ok(buffer.every((v) => v === 0));
  const second = new Stroke(mask, W, H, { size: 16, coverage: buffer });
  assert.equal(second.coverage, buffer);
  assert.equal(second.segment(-100, -100, -90, -90), null);
});

test("a continued stroke paints exactly what painting every segment in full would", () => {
  const points = [[10, 10], [14, 12], [20, 20], [21, 35], [40, 50], [39, 49], [55, 20]];
  for (const [size, softness] of [[9, 0], [24, 1], [40, 0.5]]) {
    const fast = new Uint8Array(W * H);
    const full = new Uint8Array(W * H);
    const a = new Stroke(fast, W, H, { size, softness });
    const b = new Stroke(full, W, H, { size, softness });
    for (let k = 1; k < points.length; k++) {
      a.segment(...points[k - 1], ...points[k]);
      b.last = null; // forget the end point: no shortcut
      b.segment(...points[k - 1], ...points[k]);
    }
    assert.deepEqual(fast, full, `size ${size}, softness ${softness}`);
  }
});
