// The history strip: a thumbnail per turn, laid out as a tree (one row per branch).
// Clicking a turn reopens it (request "checkout"); the next prompt then starts a branch
// from it. Each turn has a "copy as code" button (request "turn_code").
//
// State comes from the kernel's `_history` ([{id, parent, mode, prompt, thumb?}], oldest
// first; thumb is a small JPEG as a DataView) and `_head` (the current turn's id).

// Its CSS, js/history.css, is pulled into the bundle by an @import in js/widget.css.
import { h } from "./dom.js";

/**
 * @typedef {{id: string, parent: string | null, mode: string, prompt: string, thumb?: DataView}} StripEntry
 * @typedef {{id: string, row: number, col: number, branchFrom: string | null}} Placed
 */

/**
 * Place turns on a grid: column = depth in the tree, row = branch. A turn continues its
 * parent's row when it is the parent's first child; any later child starts a new row.
 * Turns whose parent is not listed start a row of their own.
 * @param {{id: string, parent: string | null}[]} entries oldest first
 * @returns {Placed[]}
 */
export function layoutTree(entries) {
  /** @type {Map<string, Placed>} */
  const placed = new Map();
  /** @type {Set<string>} parents whose first child is placed */
  const continued = new Set();
  let rows = 0;
  /** @type {Placed[]} */
  const out = [];
  for (const entry of entries) {
    const parent = entry.parent ? placed.get(entry.parent) : undefined;
    let item;
    if (!parent) {
      item = { id: entry.id, row: rows++, col: 0, branchFrom: null };
    } else if (!continued.has(parent.id)) {
      continued.add(parent.id);
      item = { id: entry.id, row: parent.row, col: parent.col + 1, branchFrom: null };
    } else {
      item = { id: entry.id, row: rows++, col: parent.col + 1, branchFrom: parent.id };
    }
    placed.set(entry.id, item);
    out.push(item);
  }
  return out;
}

/**
 * Copy text to the clipboard; resolves false when the browser refuses.
 * @param {string} text
 */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = /** @type {HTMLTextAreaElement} */ (h("textarea", { class: "ic-copy-buffer" }));
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/**
 * @param {import("./widget.js").Model} model
 * @param {ReturnType<import("./rpc.js").createRpc>} rpc
 * @param {(text: string) => void} showLocalError
 */
export function createHistoryStrip(model, rpc, showLocalError) {
  const grid = h("div", { class: "ic-history-grid", role: "list" });
  const codeBox = /** @type {HTMLTextAreaElement} */ (
    h("textarea", { class: "ic-history-code", "data-testid": "history-code", readonly: true, hidden: true, rows: 6 })
  );
  const el = h("section", { class: "ic-history", "data-testid": "history-strip", "aria-label": "History", hidden: true }, [
    h("div", { class: "ic-history-title", text: "History" }),
    grid,
    codeBox,
  ]);
  /** Object URLs of the thumbnails by turn id (a turn's thumbnail never changes). */
  /** @type {Map<string, string>} */
  const urls = new Map();
  let scheduled = false;

  /** @param {string} turn */
  function reopen(turn) {
    if (model.get("_busy") || turn === model.get("_head")) return;
    rpc.request("checkout", { turn }).catch((err) => err.local && showLocalError(err.message));
  }

  /**
   * @param {string} turn
   * @param {HTMLButtonElement} button
   */
  async function copyCode(turn, button) {
    try {
      const result = await rpc.request("turn_code", { turn });
      const code = String(result?.code ?? "");
      if (await copyText(code)) {
        codeBox.hidden = true;
        button.textContent = "Copied";
        setTimeout(() => (button.textContent = "Code"), 1500);
      } else {
        // The browser would not let us copy: show the code to copy by hand.
        codeBox.value = code;
        codeBox.hidden = false;
        codeBox.select();
      }
    } catch (err) {
      showLocalError(`Could not get the code of ${turn}: ${/** @type {Error} */ (err).message}`);
    }
  }

  /** Render once after a batch of trait changes (`_history` and `_head` come together). */
  function scheduleRender() {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      renderStrip();
    });
  }

  function renderStrip() {
    /** @type {StripEntry[]} */
    const entries = Array.isArray(model.get("_history")) ? model.get("_history") : [];
    const head = String(model.get("_head") ?? "");
    el.hidden = entries.length === 0;
    const byId = new Map(entries.map((e) => [e.id, e]));
    for (const [id, url] of urls) {
      if (!byId.get(id)?.thumb) {
        URL.revokeObjectURL(url);
        urls.delete(id);
      }
    }
    const nodes = layoutTree(entries).map((place) => {
      const entry = /** @type {StripEntry} */ (byId.get(place.id));
      let picture;
      if (entry.thumb && entry.thumb.byteLength > 0) {
        let url = urls.get(entry.id);
        if (!url) {
          url = URL.createObjectURL(new Blob([entry.thumb], { type: "image/jpeg" }));
          urls.set(entry.id, url);
        }
        picture = h("img", { class: "ic-history-thumb", src: url, alt: `${entry.id}: ${entry.prompt}` });
      } else {
        picture = h("div", { class: "ic-history-thumb ic-history-nothumb", text: entry.id });
      }
      const isHead = entry.id === head;
      const label = entry.prompt || (entry.mode === "load" ? "loaded picture" : entry.mode);
      const open = h(
        "button",
        {
          class: "ic-history-open",
          type: "button",
          "data-testid": "history-turn",
          "data-turn": entry.id,
          "aria-current": isHead ? "true" : null,
          title: `${entry.id} (${entry.mode}): ${label}${isHead ? " (current)" : " - click to reopen"}`,
          onClick: () => reopen(entry.id),
        },
        [picture, h("span", { class: "ic-history-id", text: place.branchFrom ? `${entry.id} \u2190 ${place.branchFrom}` : entry.id })],
      );
      const copy = /** @type {HTMLButtonElement} */ (
        h("button", {
          class: "ic-history-copy",
          type: "button",
          "data-testid": "copy-code",
          "data-turn": entry.id,
          title: `Copy the code that redoes ${entry.id}`,
          text: "Code",
        })
      );
      copy.addEventListener("click", () => copyCode(entry.id, copy));
      const cell = h(
        "div",
        {
          class: `ic-history-turn${isHead ? " ic-head" : ""}${place.branchFrom ? " ic-branch-start" : ""}`,
          role: "listitem",
          style: `grid-row: ${place.row + 1}; grid-column: ${place.col + 1};`,
        },
        [open, copy],
      );
      return cell;
    });
    grid.replaceChildren(...nodes);
    const current = grid.querySelector(".ic-head");
    if (current && typeof current.scrollIntoView === "function") current.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function renderBusy() {
    el.classList.toggle("ic-busy", Boolean(model.get("_busy")));
  }

  model.on("change:_history", scheduleRender);
  model.on("change:_head", scheduleRender);
  model.on("change:_busy", renderBusy);
  renderStrip();
  renderBusy();

  return {
    el,
    dispose() {
      model.off("change:_history", scheduleRender);
      model.off("change:_head", scheduleRender);
      model.off("change:_busy", renderBusy);
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    },
  };
}
