"""A table dragged into the sky in the plan editor of a real JupyterLab: the checker names
it as floating, the chat offers "Fix", and one click puts it back on the ground (the
history keeps both turns).

Fixtures: ``conftest.py`` (one Jupyter server and one chromium per run).
"""

from __future__ import annotations

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.browser

BUTTONS = """() => Array.from(document.querySelectorAll('[data-testid="message-action"]'),
  (b) => b.textContent)"""
VERDICTS = """() => Array.from(document.querySelectorAll('.ic-verdict'), (e) => e.textContent)"""


def test_a_table_dragged_into_the_sky_is_flagged_and_fixed(session, tmp_path):
    s = session
    page = s.page
    s.open(["chat"])

    # Plan first: "a cat on a table" stops at the plan, its boxes over the canvas.
    page.get_by_test_id("plan-first").first.check()
    s.wait_py("chat.plan_first")
    box = page.get_by_test_id("chat-input").first
    box.click()
    box.fill("a cat on a table")
    box.press("Enter")
    s.wait_py("chat._plan.get('summary')")
    table_id = s.py_json(
        "next(e['id'] for e in chat._plan['scene']['entities'] if e['name'] != 'cat')"
    )

    # Drag the table's box up into the sky (the cat's box stays where it was).
    table = page.get_by_test_id(f"plan-box-{table_id}-0").first
    table.scroll_into_view_if_needed()
    start = table.bounding_box()
    stage = page.get_by_test_id("mask-canvas").first.bounding_box()
    cx, cy = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    ty = stage["y"] + 0.06 * stage["height"] + start["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(cx, cy + (ty - cy) * i / 10)
    page.mouse.up()
    page.get_by_test_id("plan-generate").first.click()
    s.wait_py("len(chat.history) == 1 and not chat._busy")

    # The checker names the floating table, in the kernel and in the chat pane.
    bad = s.py_json(
        "[[f.kind, f.constraint] for f in chat.history[-1].verdict.findings"
        " if f.status == 'violated']"
    )
    assert ["support", "dining table on the ground"] in bad, bad
    shown = wait_for(lambda: page.evaluate(VERDICTS), 10, "the verdict in the chat")
    assert "support: dining table on the ground (it floats" in shown[-1]
    buttons = wait_for(lambda: page.evaluate(BUTTONS), 10, "the Fix button")
    assert "Fix" in buttons
    page.screenshot(path=str(tmp_path / "floating.png"))

    # "Fix" re-solves the layout and redraws what moved: the table stands on the ground.
    page.get_by_role("button", name="Fix").click()
    s.wait_py("len(chat.history) == 2 and not chat._busy")
    assert s.py_json("chat.history[-1].verdict.ok"), s.py_json("chat.history[-1].verdict.summary()")
    assert s.py_json("chat.history[-1].parent") == "t1"
    assert s.py_json("chat.history[-1].prompt").startswith("fix: ")
    bottom = s.py_json(
        f"max(b.box[3] for b in chat.history[-1].scene.boxes_of({table_id!r}))"
    )
    assert bottom > 0.62, "the table's feet are below the horizon again"
    sha = s.kernel_sha()
    wait_for(lambda: s.canvas_sha() == sha, 15, "the fixed picture")
    page.screenshot(path=str(tmp_path / "fixed.png"))
    assert s.errors == [], "\n".join(s.errors)
