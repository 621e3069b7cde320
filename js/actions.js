// Buttons under a chat message: the kernel's question "change this picture or a new one?"
// ("Change this picture" / "New picture"), the "Undo" under a new picture and the "Fix" under
// a picture the checker found something wrong in.
//
// A message's `actions` come from the kernel's `_messages` trait, each {label, request}.
// Only the request kinds a button may send pass (an `answer` with its choice, a `send` of a
// command); anything else is dropped, so a message can never make the browser send other
// requests.

/** @typedef {{label: string, kind: "answer" | "send", payload: {choice?: string, prompt?: string}}} Action */

const CHOICES = new Set(["edit", "new"]);
const COMMANDS = new Set(["undo", "redo", "fix"]);

/**
 * The buttons of a message: its checked actions, in order (at most 4).
 * @param {any} message
 * @returns {Action[]}
 */
export function messageActions(message) {
  const actions = message && Array.isArray(message.actions) ? message.actions : [];
  /** @type {Action[]} */
  const out = [];
  for (const action of actions.slice(0, 20)) {
    if (out.length === 4) break;
    const label = typeof action?.label === "string" ? action.label.slice(0, 40) : "";
    const request = action?.request;
    if (!label || !request || typeof request !== "object") continue;
    if (request.kind === "answer" && CHOICES.has(request.choice)) {
      out.push({ label, kind: "answer", payload: { choice: request.choice } });
    } else if (request.kind === "send" && COMMANDS.has(request.prompt)) {
      out.push({ label, kind: "send", payload: { prompt: request.prompt } });
    }
  }
  return out;
}

/**
 * A key that changes when a message's buttons do (the chat redraws the message then).
 * @param {any} message
 */
export function actionsKey(message) {
  return messageActions(message)
    .map((a) => `${a.kind}:${a.payload.choice ?? a.payload.prompt}:${a.label}`)
    .join("|");
}
