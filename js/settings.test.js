import assert from "node:assert/strict";
import { test } from "node:test";

import { describeSettings } from "./settings.js";

test("nothing locked and generation on shows nothing", () => {
  assert.deepEqual(describeSettings({ engine: "builtin", locked: {}, generation: true }), { locked: "", off: "" });
  assert.deepEqual(describeSettings(undefined), { locked: "", off: "" });
});

test("locked settings are listed by name with their values; a key only as set", () => {
  const { locked } = describeSettings({
    locked: { engine: "remote", base_url: "http://imagechat:8000/v1", api_key: "set", allowed_engines: ["builtin", "remote"] },
    generation: true,
  });
  assert.equal(
    locked,
    "Locked by your administrator \u2014 engine: remote \u00b7 base url: http://imagechat:8000/v1 \u00b7 api key: set \u00b7 allowed engines: builtin, remote",
  );
});

test("generation off shows the administrator's message", () => {
  const { off } = describeSettings({ locked: {}, generation: false, message: "No pictures during the exam." });
  assert.equal(off, "No pictures during the exam.");
  assert.equal(describeSettings({ generation: false }).off, "Image generation is turned off.");
});
