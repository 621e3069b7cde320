// The hub's settings, as the kernel reports them in `_settings`: what an administrator
// locked (students cannot change it) and whether image generation is off for the course.
// Text only, never HTML: values come from settings files and the environment.

import { h } from "./dom.js";

/**
 * @typedef {{engine?: string, locked?: Record<string, unknown>, generation?: boolean,
 *            message?: string, notes?: string[]}} HubSettings
 */

/**
 * The lines the bar shows (empty when nothing is locked and generation is on).
 * @param {HubSettings | undefined} settings
 * @returns {{locked: string, off: string}}
 */
export function describeSettings(settings) {
  const s = settings ?? {};
  const locked = Object.entries(s.locked ?? {})
    .map(([name, value]) => `${name.replace(/_/g, " ")}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join(" \u00b7 ");
  return {
    locked: locked ? `Locked by your administrator \u2014 ${locked}` : "",
    off: s.generation === false ? String(s.message || "Image generation is turned off.") : "",
  };
}

/** @param {import("./widget.js").Model} model */
export function createSettingsBar(model) {
  const lockedLine = h("div", { class: "ic-settings-locked", "data-testid": "settings-locked" });
  const offLine = h("div", { class: "ic-settings-off", role: "status", "data-testid": "generation-off" });
  const el = h("div", { class: "ic-settings", "data-testid": "settings" }, [lockedLine, offLine]);

  function render() {
    const { locked, off } = describeSettings(/** @type {HubSettings} */ (model.get("_settings")));
    lockedLine.textContent = locked;
    lockedLine.hidden = !locked;
    offLine.textContent = off;
    offLine.hidden = !off;
    el.hidden = !locked && !off;
  }

  model.on("change:_settings", render);
  render();
  return {
    el,
    dispose() {
      model.off("change:_settings", render);
    },
  };
}
