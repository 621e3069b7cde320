import assert from "node:assert/strict";
import { test } from "node:test";

import { layoutTree } from "./history.js";

test("a straight history is one row, one column per turn", () => {
  const placed = layoutTree([
    { id: "t1", parent: null },
    { id: "t2", parent: "t1" },
    { id: "t3", parent: "t2" },
  ]);
  assert.deepEqual(
    placed.map((p) => [p.id, p.row, p.col, p.branchFrom]),
    [
      ["t1", 0, 0, null],
      ["t2", 0, 1, null],
      ["t3", 0, 2, null],
    ],
  );
});

test("a second child starts a new row below, at its depth, marked with its parent", () => {
  // t1 -> t2 -> t3, then t1 reopened: t4 (branch), t5; t2 reopened: t6 (branch)
  const placed = layoutTree([
    { id: "t1", parent: null },
    { id: "t2", parent: "t1" },
    { id: "t3", parent: "t2" },
    { id: "t4", parent: "t1" },
    { id: "t5", parent: "t4" },
    { id: "t6", parent: "t2" },
  ]);
  const at = Object.fromEntries(placed.map((p) => [p.id, [p.row, p.col, p.branchFrom]]));
  assert.deepEqual(at.t4, [1, 1, "t1"]);
  assert.deepEqual(at.t5, [1, 2, null]);
  assert.deepEqual(at.t6, [2, 2, "t2"]);
  // no two turns share a cell
  const cells = new Set(placed.map((p) => `${p.row},${p.col}`));
  assert.equal(cells.size, placed.length);
});

test("a turn whose parent is not listed (dropped from a long strip) starts its own row", () => {
  const placed = layoutTree([
    { id: "t7", parent: "t6" },
    { id: "t8", parent: "t7" },
    { id: "t9", parent: "t3" },
  ]);
  assert.deepEqual(
    placed.map((p) => [p.id, p.row, p.col]),
    [
      ["t7", 0, 0],
      ["t8", 0, 1],
      ["t9", 1, 0],
    ],
  );
});
