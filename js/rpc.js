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

/** How long a request may go unheard before the view says so (a busy kernel, or none). */
export const SILENCE_MS = 8000;

/**
 * @param {import("./widget.js").Model} model
 * @param {{onSilence?: (kind: string) => void, silenceMs?: number}} [options] onSilence is
 *   called once when a request has had no sign of the kernel for silenceMs (no reply, no
 *   kernel status for it, no state change), and again only after the kernel was heard: a
 *   widget drawn from a notebook's saved state has no kernel behind it, and its sends
 *   vanish without an error.
 * @returns {{request: (kind: string, payload?: object, buffers?: ArrayBuffer[]) => Promise<any>,
 *            dispose: () => void}}
 */
export function createRpc(model, { onSilence = () => {}, silenceMs = SILENCE_MS } = {}) {
  /** @type {Map<string, {resolve: (v: any) => void, reject: (e: RpcError) => void}>} */
  const pending = new Map();
  /** @type {Set<ReturnType<typeof setTimeout>>} */
  const timers = new Set();
  // Replies reach every view of the model; a per-view prefix keeps ids apart.
  const prefix = `v${++viewCounter}-${Math.random().toString(36).slice(2, 8)}`;
  let counter = 0;
  let silent = false; // said so already; quiet until the kernel is heard again

  function heard() {
    silent = false;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  }

  /** @param {any} msg */
  function onMessage(msg) {
    heard();
    if (!msg || typeof msg !== "object" || typeof msg.id !== "string") return;
    const entry = pending.get(msg.id);
    if (!entry) return; // another view's request
    pending.delete(msg.id);
    if (msg.ok) entry.resolve(msg.result);
    else entry.reject(new RpcError(String(msg.error ?? "unknown error"), String(msg.kind ?? "error")));
  }
  model.on("msg:custom", onMessage);
  model.on("change", heard); // the kernel set a trait: it is there

  return {
    request(kind, payload = {}, buffers = []) {
      const id = `${prefix}-${++counter}`;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          // The kernel's status messages for this request say it arrived.
          model.send({ id, kind, ...payload }, { iopub: { status: heard } }, buffers);
        } catch (err) {
          pending.delete(id);
          reject(new RpcError(`could not reach the kernel: ${err}`, "error", true));
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!silent && pending.has(id)) {
            silent = true;
            onSilence(kind);
          }
        }, silenceMs);
        timers.add(timer);
      });
    },
    dispose() {
      model.off("msg:custom", onMessage);
      model.off("change", heard);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      pending.clear();
    },
  };
}
