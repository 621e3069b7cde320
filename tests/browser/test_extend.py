"""The canvas toolbar's Extend control (outpainting) in a real JupyterLab 4.

Fixtures: ``conftest.py``. Every check reads back what the kernel holds.
"""

from __future__ import annotations

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.browser

OLD_PIXELS_KEPT = (
    "bool(np.array_equal(np.asarray(chat.history[-1].image.convert('RGB'))"
    "[:, :chat.history[-2].image.width], np.asarray(chat.history[-2].image.convert('RGB'))))"
)


def test_extend_to_the_right_keeps_the_old_pixels(session):
    s = session
    page = s.page
    s.open(["chat"])
    extend = page.get_by_test_id("extend")
    panel = page.get_by_test_id("extend-panel")
    assert extend.is_disabled()  # no picture yet

    s.send("a red apple")
    width, height = s.py_json("list(chat.image.size)")
    wait_for(lambda: extend.is_enabled(), 10, "the Extend button to be enabled")

    # Keyboard: Enter opens the panel with the focus on its first list; Esc closes it and
    # gives the focus back to the button.
    extend.focus()
    page.keyboard.press("Enter")
    panel.wait_for(state="visible", timeout=5_000)
    assert extend.get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => document.activeElement.dataset.testid") == "extend-sides"
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden", timeout=5_000)
    assert page.evaluate("() => document.activeElement.dataset.testid") == "extend"

    # The chat box's text says what goes in the new area.
    page.get_by_test_id("chat-input").fill("a green tree")
    extend.click()
    page.get_by_test_id("extend-sides").select_option("right")
    page.get_by_test_id("extend-amount").select_option("50")
    added = round(width * 0.5 / 8) * 8
    preview = page.get_by_test_id("extend-preview").text_content()
    assert f"\u2192 {width + added}\u00d7{height} px" in preview
    page.get_by_test_id("extend-apply").click()

    s.wait_py("len(chat.history) == 2 and not chat._busy", 60)
    assert s.py_json("[chat.history[-1].mode, chat.history[-1].prompt]") == [
        "outpaint",
        "a green tree",
    ]
    assert s.py_json("list(chat.image.size)") == [width + added, height]  # wider, same height
    assert s.py_json(OLD_PIXELS_KEPT) is True
    # The browser shows the new picture, the turn in the chat and in the history strip.
    sha = s.kernel_sha()
    wait_for(lambda: s.canvas_sha() == sha, 15, "the extended picture on the canvas")
    assert page.get_by_test_id("canvas").get_attribute("width") == str(width + added)
    user = page.locator('.ic-msg[data-role="user"]').last.text_content()
    assert user == f"extend right by {added} px: a green tree"
    wait_for(lambda: page.locator('[data-testid="history-turn"]').count() == 2, 10, "two turns")
    assert page.get_by_test_id("chat-input").input_value() == ""
    assert not s.errors, s.errors
