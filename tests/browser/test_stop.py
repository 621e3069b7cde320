"""Stop in a real JupyterLab: the button appears while a turn runs, a click ends it within a
step, and the picture so far is kept as a draft turn.

A stand-in engine in the kernel draws in 300 steps of 50 ms and checks Stop between steps,
as a diffusion model does; the built-in engine alone finishes before anyone could click.
"""

from __future__ import annotations

import time

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.browser

SLOW_ENGINE = """\
import time
from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.errors import Cancelled

class Slow(BuiltinEngine):
    def draw(self, scene, *, should_stop=None, on_progress=None, **kwargs):
        for step in range(300):
            if should_stop is not None and should_stop():
                stopped = Cancelled("stopped")
                stopped.draft = super().draw(scene, **kwargs)
                stopped.draft.metadata["stopped_at_step"] = step
                raise stopped
            if on_progress is not None:
                on_progress(step + 1, 300, None)
            time.sleep(0.05)
        return super().draw(scene, **kwargs)

chat.conversation.engine = Slow()
"""


def test_stop_ends_a_running_turn_and_keeps_the_picture_so_far(session):
    s = session
    page = s.page
    s.open([SLOW_ENGINE, "chat"])
    stop = page.get_by_test_id("stop-button").first
    assert stop.is_hidden()  # nothing runs

    box = page.get_by_test_id("chat-input").first
    box.click()
    box.fill("a red apple")
    box.press("Enter")
    stop.wait_for(state="visible", timeout=10_000)
    s.wait_py("chat._busy")
    s.wait_py("chat._progress.get('step', 0) >= 5", timeout=15)
    clicked = time.monotonic()
    stop.click()
    s.wait_py("not chat._busy", timeout=10)
    assert time.monotonic() - clicked < 5  # within a step or two, not the 15 s left

    turns = s.py_json("[(t.id, t.mode, t.metadata.get('stopped_at_step')) for t in chat.history]")
    assert len(turns) == 1
    (turn_id, mode, step) = turns[0]
    assert mode == "draft"
    assert 5 <= step < 300
    wait_for(lambda: stop.is_hidden(), 5, "the Stop button to hide")
    last = page.locator(".ic-msg-info").last
    wait_for(lambda: f"kept as draft {turn_id}" in last.inner_text(), 5, "the chat to say so")
    sha = s.kernel_sha()  # the draft is on the canvas
    wait_for(lambda: s.canvas_sha() == sha, 15, "the draft on the canvas")

    # The chat is free again: the next prompt runs to the end.
    s.py("chat.conversation.engine = BuiltinEngine()")
    s.send("make the apple blue")
    assert s.py_json("[t.mode for t in chat.history]") == ["draft", "img2img"]
    assert s.errors == [], "\n".join(s.errors)
