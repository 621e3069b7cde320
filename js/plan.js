// The plan editor: the plan the kernel made (trait `_plan`), editable before drawing.
//
// Entities are rows of fields (name, count, colour, other attributes); the layout boxes are
// drawn over the picture as their own absolutely positioned layer inside the canvas pane's
// zoomed view, draggable (move) and resizable (the corner handle). Generate sends the edited
// scene graph with the `generate` request; the kernel validates it (it is untrusted) and
// draws it. The "Plan first" box (placed beside the chat's Send button by widget.js) sends
// `plan_first`: chat prompts then stop at the plan.
//
// The panel shows only while a plan waits (or, with "Plan first" on, a line saying what the
// next prompt does). While a plan waits, the picture under its boxes is what it will change:
// a plan for a new picture blanks the canvas; a plan that edits the picture fades it.

import { h } from "./dom.js";

/** Colour names the kernel understands (jupyter_imagechat/scene.py COLORS). */
export const COLORS = [
  "red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white",
  "gray", "gold", "silver", "beige", "turquoise", "cyan", "magenta", "navy", "teal", "maroon",
];
export const MAX_COUNT = 50;
const MIN_SIDE = 0.02;

/**
 * @typedef {{id: string, name: string, count: number, attributes: Record<string, string>}} Entity
 * @typedef {{entity: string, index: number, box: number[]}} Box
 * @typedef {{entities: Entity[], relations: object[], exclude: object[], style: string | null,
 *            background: string | null, texts: string[], layout: Box[]}} Scene
 */

/** Deep copy of plain JSON data. @template T @param {T} value @returns {T} */
const copy = (value) => JSON.parse(JSON.stringify(value));

/** Clamp to [lo, hi]. */
const clamp = (/** @type {number} */ v, /** @type {number} */ lo, /** @type {number} */ hi) =>
  Math.min(Math.max(v, lo), hi);

/**
 * Set an entity's count (1..MAX_COUNT) and drop the boxes of instances that no longer exist
 * (the kernel lays out boxes for new ones).
 * @param {Scene} scene @param {string} id @param {number} count
 */
export function setCount(scene, id, count) {
  const n = clamp(Math.round(Number(count) || 1), 1, MAX_COUNT);
  const ent = scene.entities.find((e) => e.id === id);
  if (!ent) return;
  ent.count = n;
  scene.layout = scene.layout.filter((b) => b.entity !== id || b.index < n);
}

/**
 * Move a box by (dx, dy) or resize it from its bottom-right corner, normalised units,
 * keeping it inside the picture and at least MIN_SIDE wide and high.
 * @param {number[]} box [x0, y0, x1, y1] @param {number} dx @param {number} dy
 * @param {"move" | "resize"} mode
 * @returns {number[]}
 */
export function dragBox(box, dx, dy, mode) {
  let [x0, y0, x1, y1] = box;
  if (mode === "move") {
    const w = x1 - x0;
    const hgt = y1 - y0;
    x0 = clamp(x0 + dx, 0, 1 - w);
    y0 = clamp(y0 + dy, 0, 1 - hgt);
    x1 = x0 + w;
    y1 = y0 + hgt;
  } else {
    x1 = clamp(x1 + dx, x0 + MIN_SIDE, 1);
    y1 = clamp(y1 + dy, y0 + MIN_SIDE, 1);
  }
  return [x0, y0, x1, y1].map((v) => Math.round(v * 10000) / 10000);
}

/**
 * What the panel and the canvas show: no plan (hidden, or the plan-first hint), a plan for a
 * new picture (over a blank canvas) or one that edits the current picture (over it, faded).
 * @param {{scene?: object, edit?: boolean} | null | undefined} plan the `_plan` trait
 * @param {boolean} planFirst
 * @returns {"none" | "hint" | "new" | "edit"}
 */
export function planState(plan, planFirst) {
  if (!plan || !plan.scene) return planFirst ? "hint" : "none";
  return plan.edit === true ? "edit" : "new";
}

/**
 * @param {import("./widget.js").Model} model
 * @param {ReturnType<import("./rpc.js").createRpc>} rpc
 * @param {{view: HTMLElement}} canvas the canvas pane (its zoomed `view` holds the boxes)
 * @param {(text: string) => void} showLocalError
 */
export function createPlanEditor(model, rpc, canvas, showLocalError) {
  const rows = h("div", { class: "ic-plan-rows", "data-testid": "plan-rows" });
  const summary = h("div", { class: "ic-plan-summary", "data-testid": "plan-summary" });
  const generate = /** @type {HTMLButtonElement} */ (
    h("button", { class: "ic-button ic-primary", type: "button", "data-testid": "plan-generate",
      text: "Generate", title: "Draw what the plan says" })
  );
  const planFirst = /** @type {HTMLInputElement} */ (
    h("input", { type: "checkbox", "data-testid": "plan-first" })
  );
  const toggle = h("label", { class: "ic-plan-first",
    title: "Stop at the plan, to check and edit it, instead of drawing at once" }, [planFirst, " Plan first"]);
  const hint = h("div", { class: "ic-plan-hint", "data-testid": "plan-hint",
    text: "Plan first is on: your next prompt stops here with its plan, to edit before pressing Generate." });
  const panel = h("section", { class: "ic-plan", "data-testid": "plan-editor", "aria-label": "Plan editor",
    "data-plan": "none", hidden: true }, [
    h("div", { class: "ic-plan-head" }, [h("strong", { text: "Plan" }), hint]),
    summary,
    rows,
    h("div", { class: "ic-plan-actions" }, [generate]),
  ]);
  const layer = h("div", { class: "ic-plan-boxes", "data-testid": "plan-boxes" });
  canvas.view.append(layer);

  /** @type {Scene | null} */
  let draft = null;
  /** @type {{el: HTMLElement, box: Box, mode: "move" | "resize", x: number, y: number, pointerId: number} | null} */
  let drag = null;

  function load() {
    const plan = /** @type {{scene?: Scene, summary?: string}} */ (model.get("_plan") || {});
    draft = plan.scene ? copy(plan.scene) : null;
    summary.textContent = plan.summary ? `Understood: ${plan.summary}` : "";
    panel.classList.toggle("ic-plan-empty", !draft);
    show();
    renderRows();
    renderBoxes();
  }

  function renderRows() {
    rows.replaceChildren();
    if (!draft) return;
    for (const ent of draft.entities) {
      const name = /** @type {HTMLInputElement} */ (h("input", { type: "text", value: ent.name,
        "data-testid": `plan-name-${ent.id}`, "aria-label": `Name of ${ent.id}`, maxlength: 64 }));
      name.addEventListener("change", () => {
        ent.name = name.value.trim().toLowerCase();
        renderBoxes();
      });
      const count = /** @type {HTMLInputElement} */ (h("input", { type: "number", min: 1, max: MAX_COUNT,
        value: ent.count, "data-testid": `plan-count-${ent.id}`, "aria-label": `How many ${ent.name}` }));
      count.addEventListener("change", () => {
        if (!draft) return;
        setCount(draft, ent.id, Number(count.value));
        count.value = String(ent.count);
        renderBoxes();
      });
      const color = /** @type {HTMLSelectElement} */ (h("select", { "data-testid": `plan-color-${ent.id}`,
        "aria-label": `Colour of ${ent.name}` }, [h("option", { value: "", text: "any colour" }),
        ...COLORS.map((c) => h("option", { value: c, text: c }))]));
      color.value = ent.attributes.color ?? "";
      color.addEventListener("change", () => {
        if (color.value) ent.attributes.color = color.value;
        else delete ent.attributes.color;
      });
      const others = Object.entries(ent.attributes).filter(([k]) => k !== "color").map(([key, value]) => {
        const input = /** @type {HTMLInputElement} */ (h("input", { type: "text", value, class: "ic-plan-attr",
          title: key, "aria-label": `${key} of ${ent.name}`, "data-testid": `plan-attr-${ent.id}-${key}` }));
        input.addEventListener("change", () => {
          const typed = input.value.trim();
          const v = key === "text" || key === "label" ? typed : typed.toLowerCase(); // written as given
          if (v) ent.attributes[key] = v;
          else delete ent.attributes[key];
        });
        return h("label", { class: "ic-plan-attr-label" }, [`${key} `, input]);
      });
      rows.append(h("div", { class: "ic-plan-row", "data-entity": ent.id }, [count, name, color, ...others]));
    }
  }

  function renderBoxes() {
    layer.replaceChildren();
    if (!draft) return;
    const names = Object.fromEntries(draft.entities.map((e) => [e.id, e.name]));
    for (const b of draft.layout) {
      const handle = h("div", { class: "ic-plan-handle", title: "Drag to resize" });
      const el = h("div", { class: "ic-plan-box", "data-testid": `plan-box-${b.entity}-${b.index}`,
        title: "Drag to move" }, [h("span", { class: "ic-plan-label", text: `${names[b.entity] ?? "?"} ${b.index + 1}` }), handle]);
      place(el, b.box);
      el.addEventListener("pointerdown", (event) => {
        const e = /** @type {PointerEvent} */ (event);
        if (e.button !== 0) return;
        e.preventDefault();
        e.stopPropagation();
        el.setPointerCapture(e.pointerId);
        drag = { el, box: b, mode: e.target === handle ? "resize" : "move", x: e.clientX, y: e.clientY,
          pointerId: e.pointerId };
      });
      el.addEventListener("pointermove", (event) => {
        const e = /** @type {PointerEvent} */ (event);
        if (!drag || drag.el !== el || drag.pointerId !== e.pointerId) return;
        const rect = layer.getBoundingClientRect();
        const dx = (e.clientX - drag.x) / Math.max(rect.width, 1);
        const dy = (e.clientY - drag.y) / Math.max(rect.height, 1);
        drag.box.box = dragBox(drag.box.box, dx, dy, drag.mode);
        drag.x = e.clientX;
        drag.y = e.clientY;
        place(el, drag.box.box);
      });
      const end = () => {
        drag = null;
      };
      el.addEventListener("pointerup", end);
      el.addEventListener("pointercancel", end);
      layer.append(el);
    }
  }

  /** @param {HTMLElement} el @param {number[]} box */
  function place(el, box) {
    const [x0, y0, x1, y1] = box;
    el.style.left = `${x0 * 100}%`;
    el.style.top = `${y0 * 100}%`;
    el.style.width = `${(x1 - x0) * 100}%`;
    el.style.height = `${(y1 - y0) * 100}%`;
  }

  async function onGenerate() {
    if (!draft) return;
    generate.disabled = true;
    try {
      await rpc.request("generate", { plan: draft });
    } catch (err) {
      const e = /** @type {any} */ (err);
      if (e?.local) showLocalError(e.message); // the kernel posts its own errors to the chat
    } finally {
      generate.disabled = Boolean(model.get("_busy"));
    }
  }

  function onPlanFirst() {
    rpc.request("plan_first", { value: planFirst.checked }).catch((/** @type {any} */ e) => {
      planFirst.checked = Boolean(model.get("plan_first"));
      showLocalError(e.message);
    });
  }

  /** Show or hide the panel, and say what the canvas under the boxes is (plan.css). */
  function show() {
    const state = planState(model.get("_plan"), Boolean(model.get("plan_first")));
    panel.dataset.plan = state;
    panel.hidden = state === "none";
  }

  const syncSetting = () => {
    planFirst.checked = Boolean(model.get("plan_first"));
    show();
  };
  const syncBusy = () => {
    generate.disabled = Boolean(model.get("_busy"));
  };
  generate.addEventListener("click", onGenerate);
  planFirst.addEventListener("change", onPlanFirst);
  model.on("change:_plan", load);
  model.on("change:plan_first", syncSetting);
  model.on("change:_busy", syncBusy);
  load();
  syncSetting();
  syncBusy();

  return {
    el: panel,
    /** The "Plan first" checkbox with its label, for the chat's actions. */
    toggle,
    dispose() {
      model.off("change:_plan", load);
      model.off("change:plan_first", syncSetting);
      model.off("change:_busy", syncBusy);
      layer.remove();
    },
  };
}
