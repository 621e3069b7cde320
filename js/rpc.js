// Requests to the kernel over custom messages; see jupyter_imagechat/protocol.py.
//
// request(kind, payload, buffers) sends {id, kind, ...payload} and returns a promise that
// resolves with the reply's `result` or rejects with an RpcError {message, kind}.

/** An error reply from the kernel, or a failure to reach it (`local` is then true). */
export class RpcError extends Error {
  /**
   * @param {string} message
   * @param {string} kind "input" | "engine" | "busy" | "cancelled" | "error"
   * @param {boolean} [local] true when the kernel never saw the request
   */
  constructor(message, kind, local = false) {
    super(message);
    this.name = "RpcError";
    this.kind = kind;
    this.local = local;
  }
}

let viewCounter = 0;

/**
 * @param {import("./widget.js").Model} model
 * @returns {{request: (kind: string, payload?: object, buffers?: ArrayBuffer[]) => Promise<any>,
 *            dispose: () => void}}
 */
export function createRpc(model) {
  /** @type {Map<string, {resolve: (v: any) => void, reject: (e: RpcError) => void}>} */
  const pending = new Map();
  // Replies reach every view of the model; a per-view prefix keeps ids apart.
  const prefix = `v${++viewCounter}-${Math.random().toString(36).slice(2, 8)}`;
  let counter = 0;

  /** @param {any} msg */
  function onMessage(msg) {
    if (!msg || typeof msg !== "object" || typeof msg.id !== "string") return;
    const entry = pending.get(msg.id);
    if (!entry) return; // another view's request
    pending.delete(msg.id);
    if (msg.ok) entry.resolve(msg.result);
    else entry.reject(new RpcError(String(msg.error ?? "unknown error"), String(msg.kind ?? "error")));
  }
  model.on("msg:custom", onMessage);

  return {
    request(kind, payload = {}, buffers = []) {
      const id = `${prefix}-${++counter}`;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          model.send({ id, kind, ...payload }, undefined, buffers);
        } catch (err) {
          pending.delete(id);
          reject(new RpcError(`could not reach the kernel: ${err}`, "error", true));
        }
      });
    },
    dispose() {
      model.off("msg:custom", onMessage);
      pending.clear();
    },
  };
}
