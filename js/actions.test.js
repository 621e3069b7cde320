import assert from "node:assert/strict";
import { test } from "node:test";

import { actionsKey, messageActions } from "./actions.js";

test("a question's two answers become two buttons, in order", () => {
  const message = {
    id: "m3",
    role: "question",
    text: "Should this change the picture shown (it has rabbit), or start a new picture?",
    actions: [
      { label: "Change this picture", request: { kind: "answer", choice: "edit" } },
      { label: "New picture", request: { kind: "answer", choice: "new" } },
    ],
  };
  assert.deepEqual(messageActions(message), [
    { label: "Change this picture", kind: "answer", payload: { choice: "edit" } },
    { label: "New picture", kind: "answer", payload: { choice: "new" } },
  ]);
});

test("the undo offer under a new picture sends 'undo'", () => {
  const label = "Back to the picture before";
  const actions = messageActions({ actions: [{ label, request: { kind: "send", prompt: "undo" } }] });
  assert.deepEqual(actions, [{ label, kind: "send", payload: { prompt: "undo" } }]);
});

test("the fix offer under a picture the checker faulted sends 'fix'", () => {
  const actions = messageActions({ actions: [{ label: "Fix", request: { kind: "send", prompt: "fix" } }] });
  assert.deepEqual(actions, [{ label: "Fix", kind: "send", payload: { prompt: "fix" } }]);
});

test("a message can make a button send only an answer or a command", () => {
  const actions = messageActions({
    actions: [
      { label: "Draw", request: { kind: "send", prompt: "a cat" } },
      { label: "Load", request: { kind: "load_image" } },
      { label: "Maybe", request: { kind: "answer", choice: "maybe" } },
      { label: "", request: { kind: "answer", choice: "new" } },
      { label: "x".repeat(200), request: { kind: "answer", choice: "new" } },
      "not an action",
      null,
    ],
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].label.length, 40);
  assert.deepEqual(messageActions({}), []);
  assert.deepEqual(messageActions(null), []);
});

test("the key changes when the buttons go, so the message is drawn again", () => {
  const asked = { actions: [{ label: "New picture", request: { kind: "answer", choice: "new" } }] };
  assert.notEqual(actionsKey(asked), actionsKey({}));
  assert.equal(actionsKey({}), "");
});
