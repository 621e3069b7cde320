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


def _box(page, testid: str) -> dict[str, float]:
    box = page.get_by_test_id(testid).bounding_box()
    assert box is not None, f"{testid} is not shown"
    return box


def _close(a: float, b: float, tolerance: float = 1.5) -> bool:
    """Equal within ``tolerance`` CSS pixels (layout rounds to device pixels)."""
    return abs(a - b) <= tolerance


def test_extend_preview_shows_the_new_area_and_other_amounts_work(session):
    s = session
    page = s.page
    s.open(["chat"])
    s.send("a red apple")
    width, height = s.py_json("list(chat.image.size)")
    extend = page.get_by_test_id("extend")
    overlay = page.get_by_test_id("extend-overlay")
    sides = page.get_by_test_id("extend-sides")
    amount = page.get_by_test_id("extend-amount")
    pixels = page.get_by_test_id("extend-pixels")
    readout = page.get_by_test_id("extend-preview")
    message = page.get_by_test_id("extend-message")
    wait_for(lambda: extend.is_enabled(), 10, "the Extend button to be enabled")
    # A painted mask, to check that the preview leaves the picture and the mask alone.
    s.stroke([(0.2, 0.3), (0.6, 0.5)])
    mask_before = s.wait_py("mask_info()['pixels'] and mask_info()", 5)
    alpha_before = s.mask_alpha()
    picture_before = s.canvas_sha()
    assert overlay.is_hidden()

    # 100% on the left: a frame twice as wide, as wide as the stage; the old picture is its
    # right half.
    extend.click()
    assert amount.locator("option").all_inner_texts()[:4] == [
        "10% of the size",
        "25% of the size",
        "50% of the size",
        "100% of the size",
    ]
    sides.select_option("left")
    amount.select_option("100")
    overlay.wait_for(state="visible", timeout=5_000)
    stage, frame, pic = (_box(page, t) for t in ("stage", "extend-frame", "extend-picture"))
    assert _close(frame["width"], stage["width"], 3)
    assert _close(frame["width"] / frame["height"], 2 * width / height, 0.02)
    assert _close(pic["x"], frame["x"] + frame["width"] / 2)
    assert _close(pic["width"], frame["width"] / 2)
    assert _close(pic["height"], frame["height"])
    assert f"\u2192 {2 * width}\u00d7{height} px" in readout.text_content()

    # Live: top and bottom by a number of pixels; the frame gets taller, the picture moves down.
    sides.select_option("top-bottom")
    amount.select_option("px")
    assert pixels.is_visible()
    pixels.fill("40")
    wait_for(lambda: f"{width}\u00d7{height + 80} px" in readout.text_content(), 5, "the readout")
    frame, pic = _box(page, "extend-frame"), _box(page, "extend-picture")
    assert _close(frame["width"] / frame["height"], width / (height + 80), 0.02)
    assert _close(pic["y"] - frame["y"], frame["height"] * 40 / (height + 80))
    assert _close(pic["height"], frame["height"] * height / (height + 80))
    assert message.text_content() == ""

    # Too much: a clear message, and the result stays within the kernel's limit.
    pixels.fill("3000")
    each = (2048 - height) // 2
    wait_for(lambda: "2048 px limit" in message.text_content(), 5, "the limit message")
    assert f"\u2192 {width}\u00d7{height + 2 * each} px" in readout.text_content()
    assert page.get_by_test_id("extend-apply").is_enabled()
    # No usable number: say so, nothing to preview, nothing to send.
    pixels.fill("")
    wait_for(lambda: "whole number of pixels" in message.text_content(), 5, "the number message")
    assert page.get_by_test_id("extend-apply").is_disabled()
    assert overlay.is_hidden()

    # Closing the panel takes the preview away; the picture and the mask are as they were.
    pixels.fill("40")
    overlay.wait_for(state="visible", timeout=5_000)
    page.keyboard.press("Escape")
    overlay.wait_for(state="hidden", timeout=5_000)
    assert s.canvas_sha() == picture_before
    assert s.mask_alpha() == alpha_before
    assert s.py_json("mask_info()") == mask_before

    # A pixel amount on both sides: exactly that many pixels each side; the preview goes as
    # the request leaves.
    extend.click()
    assert amount.input_value() == "px"  # as it was left
    assert pixels.input_value() == "40"
    sides.select_option("left-right")
    pixels.fill("36")
    overlay.wait_for(state="visible", timeout=5_000)
    page.get_by_test_id("extend-apply").click()
    assert overlay.is_hidden()
    s.wait_py("len(chat.history) == 2 and not chat._busy", 60)
    assert s.py_json("chat.history[-1].settings['outpaint']") == {
        "left": 36,
        "right": 36,
        "top": 0,
        "bottom": 0,
    }
    assert s.py_json("list(chat.image.size)") == [width + 72, height]
    sha = s.kernel_sha()
    wait_for(lambda: s.canvas_sha() == sha, 15, "the extended picture on the canvas")
    assert not s.errors, s.errors
