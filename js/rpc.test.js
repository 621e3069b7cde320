import assert from "node:assert/strict";
import { test } from "node:test";

import { RpcError, createRpc } from "./rpc.js";

function fakeModel() {
  const handlers = new Map();
  return {
    handlers,
    sent: [],
    on(event, cb) {
      handlers.set(event, [...(handlers.get(event) ?? []), cb]);
    },
    off(event, cb) {
      handlers.set(event, (handlers.get(event) ?? []).filter((h) => h !== cb));
    },
    send(content, callbacks, buffers) {
      this.sent.push({ content, callbacks, buffers });
    },
    reply(msg) {
      for (const cb of handlers.get("msg:custom") ?? []) cb(msg, []);
    },
    listeners(event) {
      return (handlers.get(event) ?? []).length;
    },
  };
}

test("a request carries a fresh id and resolves with the reply's result", async () => {
  const model = fakeModel();
  const rpc = createRpc(model);
  const buffer = new Uint8Array([1, 2]).buffer;
  const pending = rpc.request("mask", { width: 2, height: 1 }, [buffer]);
  const second = rpc.request("cancel");
  const [a, b] = model.sent;
  assert.equal(a.content.kind, "mask");
  assert.equal(a.content.width, 2);
  assert.deepEqual(a.buffers, [buffer]);
  assert.notEqual(a.content.id, b.content.id);
  assert.match(a.content.id, /^[A-Za-z0-9_.:-]{1,64}$/); // what protocol.py accepts
  model.reply({ id: a.content.id, ok: true, result: { pixels: 1 } });
  assert.deepEqual(await pending, { pixels: 1 });
  model.reply({ id: b.content.id, ok: false, error: "still working", kind: "busy" });
  await assert.rejects(second, (err) => err instanceof RpcError && err.kind === "busy" && !err.local);
});

test("replies to another view's requests are ignored", async () => {
  const model = fakeModel();
  const one = createRpc(model);
  const two = createRpc(model);
  const p1 = one.request("cancel");
  const p2 = two.request("cancel");
  const [id1, id2] = model.sent.map((s) => s.content.id);
  assert.notEqual(id1, id2);
  model.reply({ id: id2, ok: true, result: "two" });
  model.reply({ id: id1, ok: true, result: "one" });
  assert.equal(await p1, "one");
  assert.equal(await p2, "two");
});

test("a send that throws rejects as a local error; dispose removes the listener", async () => {
  const model = fakeModel();
  model.send = () => {
    throw new Error("comm closed");
  };
  const rpc = createRpc(model);
  await assert.rejects(rpc.request("cancel"), (err) => err.local && /comm closed/.test(err.message));
  assert.equal(model.listeners("msg:custom"), 1);
  rpc.dispose();
  assert.equal(model.listeners("msg:custom"), 0);
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test("a request the kernel never hears is said once, until the kernel is heard again", async () => {
  // A view drawn from a notebook's saved state: its model has no kernel, sends vanish.
  const model = fakeModel();
  const said = [];
  const rpc = createRpc(model, { onSilence: (kind) => said.push(kind), silenceMs: 20 });
  rpc.request("send", { prompt: "a dog" });
  rpc.request("mask");
  await sleep(60);
  assert.deepEqual(said, ["send"]); // once, not once a request
  rpc.request("send", { prompt: "a cat" });
  await sleep(60);
  assert.deepEqual(said, ["send"]);
  for (const cb of model.handlers.get("change") ?? []) cb(); // the kernel set a trait
  rpc.request("send", { prompt: "a cow" });
  await sleep(60);
  assert.deepEqual(said, ["send", "send"]);
  rpc.dispose();
});

test("a request the kernel hears, replies to or sets state for is not said", async () => {
  const model = fakeModel();
  const said = [];
  const rpc = createRpc(model, { onSilence: (kind) => said.push(kind), silenceMs: 30 });
  rpc.request("send", { prompt: "a dog" }); // a long turn: its status says it arrived
  model.sent.at(-1).callbacks.iopub.status({ content: { execution_state: "busy" } });
  const replied = rpc.request("cancel");
  model.reply({ id: model.sent.at(-1).content.id, ok: true, result: null });
  await replied;
  rpc.request("mask");
  for (const cb of model.handlers.get("change") ?? []) cb();
  await sleep(80);
  assert.deepEqual(said, []);
  rpc.dispose();
  assert.equal(model.listeners("change"), 0);
});
