"""What a newcomer hit, in a real JupyterLab: the chat shows its newest message after Run
All, after a thumbnail that arrives late and after a page reload; the Plan bar is not an
empty strip; a waiting plan's boxes sit over a blank canvas (a new picture) or the faded
picture they change (an edit), never over an unrelated picture.

Fixtures: ``conftest.py`` (one Jupyter server and one chromium per run).
"""

from __future__ import annotations

import pytest

from .conftest import KERNEL_READY, wait_for

pytestmark = pytest.mark.browser

# Run All with these: more messages than the chat pane shows at once.
TURNS = [
    "chat.send('three red apples left of a blue bowl')",
    "chat.send('make the bowl green')",
    "chat.send('add two more apples')",
    "chat.send('a cat on a bed at night', new=True)",
    "chat.send('the water cycle', new=True)",
    "chat.send('a clock showing 7:20', new=True)",
]

# Where the newest message is: how far the list's bottom is from its visible bottom, and
# whether the last message (with its thumbnail) lies inside the visible part of the list.
NEWEST = """(index) => {
  const list = document.querySelectorAll('[data-testid="messages"]')[index];
  const messages = list.querySelectorAll('.ic-msg');
  const last = messages[messages.length - 1].getBoundingClientRect();
  const box = list.getBoundingClientRect();
  const thumbs = [...list.querySelectorAll('img.ic-thumb')];
  return {
    gap: list.scrollHeight - list.scrollTop - list.clientHeight,
    overflows: list.scrollHeight > list.clientHeight + 100,
    lastVisible: last.top >= box.top - 1 && last.bottom <= box.bottom + 1,
    thumbsLoaded: thumbs.length > 0
      && thumbs.every((t) => !t.hidden && t.complete && t.naturalWidth > 0),
    thumbs: thumbs.length,
  };
}"""


def newest(s, view: int = 0) -> dict:
    return s.page.evaluate(NEWEST, view)


def shows_newest(s, view: int = 0) -> dict | None:
    info = newest(s, view)
    ok = info["thumbsLoaded"] and info["gap"] <= 2 and info["lastVisible"]
    return info if ok else None


def test_the_chat_shows_its_newest_message_after_run_all_a_late_thumbnail_and_a_reload(
    session,
):
    s = session
    page = s.page
    s.open(["chat", *TURNS])
    s.wait_py(f"len(chat.history) == {len(TURNS)} and not chat._busy", timeout=120)
    page.get_by_test_id("messages").first.scroll_into_view_if_needed()
    info = wait_for(lambda: shows_newest(s), 15, f"the newest message after Run All: {newest(s)}")
    assert info["overflows"], info  # the pane really scrolls
    assert info["thumbs"] == len(TURNS)

    # A thumbnail that arrives well after its message (the history strip is slow to come).
    s.py(
        "import threading\n"
        "_show_strip = chat._display.show_strip\n"
        "chat._display.show_strip = lambda *a: threading.Timer(1.5, _show_strip, a).start()"
    )
    s.send("a dog in a park", view=0)
    wait_for(lambda: newest(s)["thumbs"] == len(TURNS) + 1, 15, "the late thumbnail's message")
    wait_for(lambda: shows_newest(s), 15, f"the newest message, its thumbnail late: {newest(s)}")
    s.py("chat._display.show_strip = _show_strip")

    # A reader who scrolled up to an older message keeps their place when a message comes.
    top = "() => document.querySelector('[data-testid=\"messages\"]').scrollTop"
    box = page.get_by_test_id("messages").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -20_000)  # the reader wheels up to the oldest message
    wait_for(lambda: page.evaluate(top) == 0, 5, "the list scrolled up by the wheel")
    page.wait_for_timeout(1000)  # the wheel's own scrolling has ended (follow.js INTENT_MS)
    s.py("chat._display.post('info', 'a note while the reader is reading')")
    page.wait_for_timeout(500)
    assert page.evaluate(top) == 0
    # Sending a prompt brings the newest messages back into view.
    s.send("make the dog brown", view=0)
    wait_for(lambda: shows_newest(s), 15, f"the newest message after sending: {newest(s)}")

    # Reload the page: the pane opens at the newest message, not the oldest.
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        "() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=10_000
    )
    page.reload()
    page.wait_for_function(KERNEL_READY, timeout=30_000)
    page.get_by_test_id("messages").first.wait_for(timeout=30_000)
    page.get_by_test_id("messages").first.scroll_into_view_if_needed()
    wait_for(lambda: shows_newest(s), 15, f"the newest message after a reload: {newest(s)}")
    page.screenshot(path=str(s.tmp_path / "chat-after-reload.png"))
    assert s.errors == [], "\n".join(s.errors)


STAGE = """(index) => {
  const root = document.querySelectorAll('.ic-root')[index];
  const image = root.querySelector('[data-testid="canvas"]');
  const stage = root.querySelector('[data-testid="stage"]');
  const panel = root.querySelector('[data-testid="plan-editor"]');
  const style = getComputedStyle(image);
  const rect = stage.getBoundingClientRect();
  return {
    panelShown: panel.getClientRects().length > 0 && panel.getBoundingClientRect().height > 0,
    state: panel.dataset.plan,
    imageVisible: style.visibility !== 'hidden' && !image.closest('.ic-empty-stage'),
    imageOpacity: Number(style.opacity),
    stageAspect: rect.width / rect.height,
    boxes: root.querySelectorAll('.ic-plan-box').length,
  };
}"""


def stage(s, view: int = 0) -> dict:
    return s.page.evaluate(STAGE, view)


def type_prompt(s, prompt: str) -> None:
    box = s.page.get_by_test_id("chat-input").first
    box.click()
    box.fill(prompt)
    box.press("Enter")


def test_the_plan_bar_and_what_lies_under_a_waiting_plan(session):
    s = session
    page = s.page
    s.open(["chat"])
    root = page.locator(".ic-root").first

    # "Plan first" off, no plan: no empty Plan strip; the setting sits under Send.
    assert stage(s)["panelShown"] is False
    toggle = root.locator(".ic-chat").get_by_test_id("plan-first")
    assert toggle.is_visible()
    toggle.check()
    s.wait_py("chat.plan_first")
    # On: the panel says what the next prompt will do.
    hint = root.get_by_test_id("plan-hint")
    wait_for(hint.is_visible, 5, "the plan-first hint")
    assert "next prompt" in hint.inner_text()

    # A first plan: its boxes over the empty canvas; Generate draws it, the panel is a hint again.
    type_prompt(s, "three red apples left of a blue bowl")
    s.wait_py("chat._plan.get('summary')")
    wait_for(lambda: stage(s)["boxes"] == 4, 10, "the plan's boxes")
    root.get_by_test_id("plan-generate").click()
    s.wait_py("len(chat.history) == 1 and not chat._busy")
    sha = s.kernel_sha()
    wait_for(lambda: s.canvas_sha() == sha, 15, "the picture")
    wait_for(lambda: stage(s)["state"] == "hint" and stage(s)["boxes"] == 0, 5, "the hint again")
    assert stage(s)["imageVisible"]
    assert stage(s)["imageOpacity"] == 1

    # A plan that edits the picture: its boxes over the picture, faded.
    type_prompt(s, "make the bowl green")
    s.wait_py("chat._plan.get('summary')")
    wait_for(lambda: stage(s)["state"] == "edit", 10, "an edit plan")
    info = stage(s)
    assert info["imageVisible"], info
    assert 0.2 < info["imageOpacity"] < 0.6, info
    assert info["boxes"] == 4
    root.get_by_test_id("stage").scroll_into_view_if_needed()
    page.screenshot(path=str(s.tmp_path / "plan-edit.png"))
    root.get_by_test_id("plan-generate").click()
    s.wait_py("len(chat.history) == 2 and not chat._busy")

    # Made wider, then a plan for a new, unrelated picture: boxes over a blank square canvas.
    s.py("chat.outpaint(right=256)")
    wait_for(lambda: abs(stage(s)["stageAspect"] - 1.5) < 0.05, 10, "the wider picture")
    type_prompt(s, "two dogs and a ball")
    s.wait_py("chat._plan.get('summary')")
    wait_for(lambda: stage(s)["state"] == "new", 10, "a new picture's plan")
    info = stage(s)
    assert not info["imageVisible"], info
    assert abs(info["stageAspect"] - 1) < 0.02, info  # the new picture's shape
    assert info["boxes"] == 3
    page.screenshot(path=str(s.tmp_path / "plan-new.png"))

    # Plan first off again, the plan drawn: no Plan strip left.
    root.get_by_test_id("plan-generate").click()
    s.wait_py("len(chat.history) == 4 and not chat._busy")
    toggle.uncheck()
    s.wait_py("not chat.plan_first")
    wait_for(lambda: not stage(s)["panelShown"], 5, "the plan panel to go")
    assert s.errors == [], "\n".join(s.errors)
