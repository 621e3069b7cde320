"""The widget in a real JupyterLab 4, driven by a headless Debian chromium.

A prompt typed in the chat pane draws a picture; a mouse stroke on the canvas becomes the
kernel's mask; the next prompt edits inside it. Fixtures: ``conftest.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.browser


def test_chat_mask_and_edit_in_jupyterlab(session):
    s = session
    page = s.page
    s.open(["chat"])

    # 1. A prompt draws a picture; the canvas shows exactly the kernel's pixels.
    s.send("three red apples left of a blue bowl")
    first = s.py_json(
        "{'mode': chat.history[-1].mode, 'size': list(chat.image.size),"
        " 'boxes': [[{e.id: e.name for e in chat.history[-1].scene.entities}[b.entity], *b.box]"
        " for b in chat.history[-1].scene.layout]}"
    )
    assert first["mode"] == "text2img"
    sha = s.kernel_sha()
    wait_for(lambda: s.canvas_sha() == sha, 15, "the picture")
    plan = page.get_by_test_id("plan").last
    plan.wait_for()
    assert "apple" in plan.inner_text()
    assert "bowl" in plan.inner_text()
    # Typing in the widget never ran notebook shortcuts (a "b" would add a cell).
    assert page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.length") == 2

    # 2. A mouse stroke across the bowl becomes the kernel's mask.
    width, height = first["size"]
    x0, y0, x1, y1 = next(b for b in first["boxes"] if b[0] == "bowl")[1:]
    cy = (y0 + y1) / 2
    start, end = (x0 + 0.2 * (x1 - x0), cy), (x1 - 0.2 * (x1 - x0), cy)
    s.stroke([start, end])
    info = s.wait_py("mask_info()['pixels'] and mask_info()", 5)
    mx0, my0, mx1, my1 = info["box"]
    brush = 32  # the default brush size, in picture pixels
    assert abs(mx0 - start[0] * width) <= brush
    assert abs(mx1 - end[0] * width) <= brush
    assert abs((my0 + my1) / 2 - cy * height) <= brush / 2
    assert my1 - my0 <= brush + 2

    # 3. An edit with that mask inpaints only there.
    s.send("make the bowl green")
    second = s.py_json(
        "{'mode': chat.history[-1].mode, 'masked': int(chat.history[-1].mask.sum())}"
    )
    assert second == {"mode": "inpaint", "masked": info["pixels"]}
    new_sha = s.kernel_sha()
    assert new_sha != sha
    wait_for(lambda: s.canvas_sha() == new_sha, 15, "the new picture")
    # The mask belonged to that turn: the kernel cleared it and the overlay follows.
    wait_for(lambda: s.mask_alpha()["n"] == 0, 5, "the overlay to clear")
    assert "bowl (green)" in page.get_by_test_id("plan").last.inner_text()

    shot = Path(os.environ.get("IMAGECHAT_SCREENSHOT", s.tmp_path / "widget.png"))
    page.locator(".ic-root").screenshot(path=str(shot))
    assert s.errors == [], "\n".join(s.errors)
