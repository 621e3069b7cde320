"""The plan editor in a real JupyterLab: plan first, change a count, drag a box, generate.

Fixtures: ``conftest.py`` (one Jupyter server and one chromium per run).
"""

from __future__ import annotations

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.browser


def plan_first(s, prompt: str) -> None:
    """Tick "Plan first" and send ``prompt``: it stops at the plan, nothing is drawn."""
    s.page.get_by_test_id("plan-first").first.check()
    s.wait_py("chat.plan_first")
    box = s.page.get_by_test_id("chat-input").first
    box.click()
    box.fill(prompt)
    box.press("Enter")
    s.wait_py("chat._plan.get('summary')")


def test_edit_the_plan_then_generate(session):
    s = session
    page = s.page
    s.open(["chat"])

    # "Plan first": a chat prompt now stops at the plan; nothing is drawn.
    plan_first(s, "three red apples left of a blue bowl")
    assert s.py_json("len(chat.history)") == 0
    editor = page.get_by_test_id("plan-editor").first
    assert "3 x apple (red)" in editor.inner_text()

    # Fewer apples: the third apple's box disappears from the overlay.
    count = page.get_by_test_id("plan-count-e1").first
    count.fill("2")
    count.press("Enter")
    count.blur()
    wait_for(lambda: page.get_by_test_id("plan-box-e1-2").count() == 0, 5, "the box to go")

    # Drag the bowl to the top left corner.
    bowl = page.get_by_test_id("plan-box-e2-0").first
    bowl.scroll_into_view_if_needed()
    start = bowl.bounding_box()
    stage = page.get_by_test_id("mask-canvas").first.bounding_box()
    cx, cy = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    tx = stage["x"] + 0.05 * stage["width"] + start["width"] / 2
    ty = stage["y"] + 0.05 * stage["height"] + start["height"] / 2
    hit = "([x, y]) => document.elementFromPoint(x, y)?.getAttribute('data-testid')"
    assert page.evaluate(hit, [cx, cy]) == "plan-box-e2-0"  # on top of the empty canvas
    page.mouse.move(cx, cy)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(cx + (tx - cx) * i / 10, cy + (ty - cy) * i / 10)
    page.mouse.up()

    page.get_by_test_id("plan-generate").first.click()
    s.wait_py("len(chat.history) == 1 and not chat._busy")
    drawn = s.py_json(
        "[[o.entity, o.index, o.box[0] / chat.image.width, o.box[1] / chat.image.height]"
        " for o in chat.history[-1].objects]"
    )
    assert sorted((e, i) for e, i, _, _ in drawn) == [("e1", 0), ("e1", 1), ("e2", 0)]
    bowl_x, bowl_y = next((x, y) for e, _, x, y in drawn if e == "e2")
    assert bowl_x < 0.15, drawn  # the picture follows the dragged box
    assert bowl_y < 0.15, drawn
    # The kernel's picture reached the canvas, and the plan editor emptied.
    sha = s.kernel_sha()
    wait_for(lambda: s.canvas_sha() == sha, 15, "the picture")
    wait_for(lambda: page.get_by_test_id("plan-box-e2-0").count() == 0, 5, "the boxes to go")
    assert s.errors == [], "\n".join(s.errors)


def test_the_colour_field_changes_the_colour_drawn(session):
    """The plan editor's colour menu: the picture shows the colour picked, read back from
    its pixels by the checker."""
    s = session
    page = s.page
    s.open(["chat"])
    plan_first(s, "a red apple next to a blue bowl")
    colour = page.get_by_test_id("plan-color-e2").first
    assert colour.input_value() == "blue"
    options = colour.locator("option").all_inner_texts()
    assert {"any colour", "red", "green", "blue", "yellow"} <= set(options)
    colour.select_option("green")

    page.get_by_test_id("plan-generate").first.click()
    s.wait_py("len(chat.history) == 1 and not chat._busy")
    kept = s.py_json(
        "[(e.name, e.attributes.get('color')) for e in chat.history[-1].scene.entities]"
    )
    assert kept == [["apple", "red"], ["bowl", "green"]]
    found = s.py_json(
        "{f.constraint: f.status for f in chat.history[-1].verdict.findings}"
    )
    assert found["bowl color green"] == "satisfied"  # read from the pixels
    assert found["apple color red"] == "satisfied"
    assert s.errors == [], "\n".join(s.errors)
