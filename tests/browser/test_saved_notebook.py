"""A saved notebook shows the chat's picture after its kernel is gone, in JupyterLab and
Notebook 7.

Both front ends draw a widget output with the kernel's live model, so the PNG the output
carries for GitHub and nbviewer (``widget/fallback.py``) is not what they show: after the
kernel is gone they show "Error displaying widget: model not found" unless the notebook was
saved with its widget state (the Jupyter widgets setting "Save Jupyter widget state in
notebooks", which the README tells a user or a hub how to turn on). This test turns that
setting on the way a user would (a settings file), runs a chat, saves, ends the kernel and
opens the notebook again: the widget draws the same picture from the saved state.

Fixtures: ``conftest.py`` (one Jupyter server and one chromium per run).
"""

from __future__ import annotations

import json

import pytest

from .conftest import KERNEL_READY, wait_for
from .test_front_ends import _first_frame

pytestmark = pytest.mark.browser

# The server's user settings (conftest points JUPYTERLAB_SETTINGS_DIR here).
SETTINGS = ("settings", "@jupyter-widgets", "jupyterlab-manager", "plugin.jupyterlab-settings")
SAVE = "() => window.jupyterapp.commands.execute('docmanager:save')"
SAVED = "() => !window.jupyterapp.shell.currentWidget.context.model.dirty"
OUTPUT_TEXT = """() => Array.from(document.querySelectorAll(
  '.jp-OutputArea-output'), (e) => e.innerText).join('\\n')"""


@pytest.mark.parametrize("front_end", ["lab", "notebook"])
def test_the_picture_is_there_after_the_kernel_is_gone(session, front_end):
    s = session
    page = s.page
    settings = s.server.root.parent.joinpath(*SETTINGS)
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"saveState": True}))
    try:
        s.open(["chat", "chat.send('a clock showing 7:20')"], front_end=front_end)
        s.wait_py("len(chat.history) == 1 and not chat._busy", timeout=60)
        drawn = s.kernel_sha()
        wait_for(lambda: s.canvas_sha() == drawn, 15, "the picture on the canvas")
        page.evaluate(SAVE)
        page.wait_for_function(SAVED, timeout=10_000)
        s.server.shutdown_kernels()  # the kernel, and every live widget model, is gone
        wait_for(lambda: not s.server.kernels(), 10, "the kernel to end")

        page.reload()
        page.wait_for_function(KERNEL_READY, timeout=30_000)  # a new kernel, no chat in it
        assert "chat" not in s.py("print(dir())")
        page.get_by_test_id("canvas").first.wait_for(timeout=30_000)
        wait_for(lambda: s.canvas_sha() == drawn, 15, "the saved picture, drawn again")
        assert "model not found" not in page.evaluate(OUTPUT_TEXT)
        page.get_by_test_id("canvas").first.scroll_into_view_if_needed()
        page.screenshot(path=str(s.tmp_path / f"saved-{front_end}.png"))

        # Its prompt box has no kernel behind it: a prompt sent there is not lost silently.
        box = page.get_by_test_id("chat-input").first
        box.click()
        box.fill("a dog in a park")
        box.press("Enter")
        messages = page.get_by_test_id("messages").first
        wait_for(lambda: "has not answered" in messages.inner_text(), 20, "the chat to say so")
        assert "run the notebook's cells" in messages.inner_text()
        # Notebook 7's own bundle throws on this isolated configuration (test_front_ends.py)
        # and sometimes fails to load one of its own fonts.
        own = [e for e in s.errors if "/static/notebook/" not in _first_frame(e) + e[-300:]]
        assert own == [], "\n".join(own)
    finally:
        settings.unlink()
