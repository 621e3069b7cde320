"""The history strip in a real JupyterLab: thumbnails in branch rows, click to reopen,
"copy as code", and the same strip after a page reload. Fixtures: ``conftest.py``."""

from __future__ import annotations

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.browser

# For each turn in the strip: id, label, grid row and column, thumbnail size, current or not.
STRIP = """() => Array.from(document.querySelectorAll('[data-testid="history-turn"]'), (b) => {
  const img = b.querySelector('img');
  const cell = b.parentElement;
  return {
    id: b.dataset.turn,
    label: b.querySelector('.ic-history-id').textContent,
    row: getComputedStyle(cell).gridRowStart,
    col: getComputedStyle(cell).gridColumnStart,
    thumb: img && img.complete ? [img.naturalWidth, img.naturalHeight] : null,
    current: b.getAttribute('aria-current') === 'true',
  };
})"""

# Drop a PNG (base64) on the canvas as a file, the way a file manager does.
DROP = """(b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], 'made-here.png', {type: 'image/png'}));
  const stage = document.querySelector('[data-testid="stage"]');
  const init = {dataTransfer: transfer, bubbles: true, cancelable: true};
  stage.dispatchEvent(new DragEvent("drop", init));
}"""


def strip(page) -> list[dict]:
    return page.evaluate(STRIP)


def test_history_strip_reopen_branch_copy_code_and_reload(session):
    s = session
    page = s.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    s.open(["chat"])
    s.py(
        "chat.send('three red apples left of a blue bowl'); chat.send('make the bowl green')\n"
        "chat.checkout('t1'); chat.send('add a cat')"
    )

    # Three thumbnails; t3 branched from t1 sits on a second row under t2's column.
    def three():
        items = strip(page)
        return len(items) == 3 and all(i["thumb"] for i in items) and items

    items = wait_for(three, 15, "three thumbnails")
    by_id = {i["id"]: i for i in items}
    assert (by_id["t1"]["row"], by_id["t1"]["col"]) == ("1", "1")
    assert (by_id["t2"]["row"], by_id["t2"]["col"]) == ("1", "2")
    assert (by_id["t3"]["row"], by_id["t3"]["col"]) == ("2", "2")
    assert by_id["t3"]["label"] == "t3 \u2190 t1"
    assert all(max(i["thumb"]) <= 96 for i in items)
    assert [i["id"] for i in items if i["current"]] == ["t3"]

    # Click t2: the kernel reopens it and the canvas shows its picture.
    page.locator('[data-testid="history-turn"][data-turn="t2"]').first.click()
    s.wait_py("chat.history.head.id == 't2'", 10)
    t2_sha = s.kernel_sha()
    wait_for(lambda: s.canvas_sha() == t2_sha, 15, "t2's picture on the canvas")
    wait_for(lambda: [i["id"] for i in strip(page) if i["current"]] == ["t2"], 5, "t2 current")

    # A prompt typed now continues from t2 (t3 is kept); one more from t2 is a new branch.
    s.send("make the apples yellow")
    assert s.py_json("[chat.history[-1].id, chat.history[-1].parent]") == ["t4", "t2"]
    page.locator('[data-testid="history-turn"][data-turn="t2"]').first.click()
    s.wait_py("chat.history.head.id == 't2'", 10)
    s.send("make the bowl red")
    assert s.py_json("[chat.history[-1].id, chat.history[-1].parent]") == ["t5", "t2"]
    wait_for(lambda: len(strip(page)) == 5, 10, "a fifth thumbnail")
    at = {i["id"]: (i["row"], i["col"], i["label"]) for i in strip(page)}
    assert at["t4"] == ("1", "3", "t4")  # t2's first child continues its row
    assert at["t5"] == ("3", "3", "t5 \u2190 t2")  # a second child starts a new row

    # "Code" on t3 copies a script for the path t1 -> t3.
    page.locator('[data-testid="copy-code"][data-turn="t3"]').first.click()

    def copied():
        text = page.evaluate("() => navigator.clipboard.readText().catch(() => '')")
        box = page.get_by_test_id("history-code").first
        return text or (box.is_visible() and box.input_value())

    code = wait_for(copied, 10, "the code of t3")
    assert "chat.send('add a cat', seed=0)" in code
    assert "make the bowl green" not in code

    # After a page reload the strip shows the same turns and the same current turn.
    before = strip(page)
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        "() => !window.jupyterapp.shell.currentWidget.context.model.dirty", timeout=10_000
    )
    page.reload()
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"history-turn\"] img').length === 5",
        timeout=30_000,
    )
    wait_for(lambda: strip(page) == before, 15, "the same strip after the reload")
    assert s.errors == [], "\n".join(s.errors)
    page.locator(".ic-root").first.screenshot(path=str(s.tmp_path / "history.png"))

    # Dropping a PNG this project wrote (t3's) onto the canvas brings back its plan.
    png = s.py_json("__import__('base64').b64encode(chat.history['t3'].to_png()).decode()")
    page.evaluate(DROP, png)
    s.wait_py("chat.history[-1].mode == 'load' and not chat._busy", 10)
    restored = "chat.conversation.scene.to_dict() == chat.history['t3'].scene.to_dict()"
    assert s.py_json(restored) is True
    wait_for(lambda: len(strip(page)) == 6, 10, "the dropped picture in the strip")
    assert s.errors == [], "\n".join(s.errors)
