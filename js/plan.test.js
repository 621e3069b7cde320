import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_COUNT, dragBox, planState, setCount } from "./plan.js";

const scene = () => ({
  entities: [{ id: "e1", name: "apple", count: 3, attributes: { color: "red" } }],
  relations: [],
  exclude: [],
  style: null,
  background: null,
  texts: [],
  layout: [0, 1, 2].map((index) => ({ entity: "e1", index, box: [0.1 * index, 0.4, 0.1 * index + 0.1, 0.5] })),
});

test("a lower count drops the boxes of instances that no longer exist", () => {
  const s = scene();
  setCount(s, "e1", 2);
  assert.equal(s.entities[0].count, 2);
  assert.deepEqual(s.layout.map((b) => b.index), [0, 1]);
});

test("a count is kept within 1..MAX_COUNT and whole", () => {
  const s = scene();
  setCount(s, "e1", 0);
  assert.equal(s.entities[0].count, 1);
  setCount(s, "e1", 1e9);
  assert.equal(s.entities[0].count, MAX_COUNT);
  setCount(s, "e1", Number("nope"));
  assert.equal(s.entities[0].count, 1);
  setCount(s, "e1", 2.6);
  assert.equal(s.entities[0].count, 3);
});

test("moving a box keeps its size and keeps it inside the picture", () => {
  assert.deepEqual(dragBox([0.1, 0.1, 0.3, 0.2], 0.5, 0.2, "move"), [0.6, 0.3, 0.8, 0.4]);
  assert.deepEqual(dragBox([0.1, 0.1, 0.3, 0.2], 2, -2, "move"), [0.8, 0, 1, 0.1]);
});

test("resizing moves the bottom-right corner and never makes a box vanish", () => {
  assert.deepEqual(dragBox([0.1, 0.1, 0.3, 0.2], 0.1, 0.1, "resize"), [0.1, 0.1, 0.4, 0.3]);
  const tiny = dragBox([0.1, 0.1, 0.3, 0.2], -1, -1, "resize");
  assert.ok(tiny[2] > tiny[0] && tiny[3] > tiny[1]);
  assert.deepEqual(dragBox([0.5, 0.5, 0.6, 0.6], 1, 1, "resize"), [0.5, 0.5, 1, 1]);
});

test("the panel hides with no plan, says what Plan first does, and knows new from edit", () => {
  assert.equal(planState({}, false), "none"); // no empty strip that does nothing
  assert.equal(planState(undefined, false), "none");
  assert.equal(planState({}, true), "hint");
  const scene = { entities: [], layout: [] };
  assert.equal(planState({ scene, edit: false }, false), "new"); // boxes over a blank canvas
  assert.equal(planState({ scene }, true), "new");
  assert.equal(planState({ scene, edit: true }, true), "edit"); // over the picture, faded
});
