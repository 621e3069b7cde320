"""The widget in a real JupyterLab, driven by a headless Debian chromium.

A prompt typed in the chat pane draws a picture; a mouse stroke on the canvas
becomes the kernel's mask; the next prompt edits inside it. The kernel writes
each turn to a file so the test can check what it really received.

Skips when chromium or playwright is missing. Never runs ``playwright install``:
it drives the system chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import jupyter_imagechat

pytestmark = pytest.mark.browser

# The kernel imports the same jupyter_imagechat as these tests (a source checkout on
# PYTHONPATH, or the installed package).
PACKAGE = Path(jupyter_imagechat.__file__).resolve().parent
BUNDLE = PACKAGE / "static" / "widget.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CELL = """\
import hashlib, json
import numpy as np
from jupyter_imagechat import ImageChat

RESULT_PATH = {result!r}
chat = ImageChat()

def record(turn):
    mask = turn.mask
    box = None
    if mask is not None and mask.any():
        rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
        box = [int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1])]
    names = {{e.id: e.name for e in turn.scene.entities}}
    row = {{
        "prompt": turn.prompt,
        "mode": turn.mode,
        "size": list(turn.image.size),
        "mask_pixels": int(mask.sum()) if mask is not None else 0,
        "mask_box": box,
        "image_sha": hashlib.sha256(np.asarray(turn.image.convert("RGB")).tobytes()).hexdigest(),
        "boxes": [[names[b.entity], *b.box] for b in turn.scene.layout],
    }}
    with open(RESULT_PATH, "a") as f:
        f.write(json.dumps(row) + "\\n")

chat.on_turn(record)
chat
"""
# SHA-256 of the canvas's RGB pixels, to compare with the kernel's picture.
CANVAS_SHA = """async () => {
  const canvas = document.querySelector('[data-testid="canvas"]');
  if (!canvas || canvas.closest('.ic-empty-stage')) return null;
  const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]; rgb[j + 1] = rgba[i + 1]; rgb[j + 2] = rgba[i + 2];
  }
  const digest = await crypto.subtle.digest('SHA-256', rgb);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}"""
MASK_ALPHA_SUM = """() => {
  const c = document.querySelector('[data-testid="mask-canvas"]');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) n += d[i] > 0 ? 1 : 0;
  return n;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _turns(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture
def playwright_sync():
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright; no browser download)")
    with sync_playwright() as p:
        yield p, chromium


@pytest.fixture
def lab(tmp_path):
    """Start JupyterLab on a free port with an isolated configuration; yield (url, result file)."""
    if not BUNDLE.is_file():
        pytest.fail(f"{BUNDLE} is missing: run `npm install && npm run build` first")
    import nbformat

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    result = tmp_path / "turns.jsonl"
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(CELL.format(result=str(result))))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, notebooks / "chat.ipynb")

    config = tmp_path / "config"
    config.mkdir()
    # No network from the server: no news feed, no update check, no PyPI extension manager.
    lab_config = {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",
    }
    (config / "jupyter_server_config.json").write_text(json.dumps({"LabApp": lab_config}))

    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[var] = str(tmp_path / sub)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE.parent), env.get("PYTHONPATH")]))
    port = _free_port()
    log = open(tmp_path / "lab.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",  # containers and CI often run as root
            "--ip=127.0.0.1",
            f"--port={port}",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--LabApp.expose_app_in_browser=True",
            f"--ServerApp.root_dir={notebooks}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"JupyterLab exited:\n{(tmp_path / 'lab.log').read_text()}")
        try:
            with urllib.request.urlopen(url + "api/status", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        _wait_for(up, 30, "JupyterLab to start")
        yield url, result
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


def test_chat_mask_and_edit_in_jupyterlab(playwright_sync, lab, tmp_path):
    url, result = lab
    p, chromium = playwright_sync
    browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    errors: list[str] = []
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        page.goto(url + "lab/tree/chat.ipynb")
        page.wait_for_function(
            """() => {
              const ctx = window.jupyterapp?.shell?.currentWidget?.sessionContext;
              const kernel = ctx?.session?.kernel;
              return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
            }""",
            timeout=30_000,
        )
        # Clicking "Run All" right after load is sometimes a silent no-op; the command is not.
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        chat_input = page.get_by_test_id("chat-input")
        chat_input.wait_for(timeout=30_000)

        # 1. A prompt draws a picture; the canvas shows exactly the kernel's pixels.
        chat_input.click()
        chat_input.type("three red apples left of a blue bowl")
        chat_input.press("Enter")
        first = _wait_for(lambda: _turns(result), 30, "the first turn")[0]
        assert first["mode"] == "text2img"
        _wait_for(lambda: page.evaluate(CANVAS_SHA) == first["image_sha"], 15, "the picture")
        plan = page.get_by_test_id("plan").last
        plan.wait_for()
        assert "apple" in plan.inner_text()
        assert "bowl" in plan.inner_text()
        # Typing in the widget never ran notebook shortcuts (a "b" would add a cell).
        assert (
            page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.length") == 1
        )

        # 2. A mouse stroke across the bowl becomes the kernel's mask.
        width, height = first["size"]
        bowl = next(b for b in first["boxes"] if b[0] == "bowl")
        x0, y0, x1, y1 = bowl[1:]
        cy = (y0 + y1) / 2
        start, end = (x0 + 0.2 * (x1 - x0), cy), (x1 - 0.2 * (x1 - x0), cy)
        box = page.get_by_test_id("mask-canvas").bounding_box()
        to_screen = lambda pt: (box["x"] + pt[0] * box["width"], box["y"] + pt[1] * box["height"])  # noqa: E731
        page.mouse.move(*to_screen(start))
        page.mouse.down()
        for i in range(1, 11):
            page.mouse.move(*to_screen((start[0] + (end[0] - start[0]) * i / 10, cy)))
        page.mouse.up()
        _wait_for(lambda: page.evaluate(MASK_ALPHA_SUM) > 0, 5, "the stroke on the overlay")

        # 3. An edit with that mask inpaints only there.
        chat_input.click()
        chat_input.type("make the bowl green")
        chat_input.press("Enter")
        second = _wait_for(lambda: _turns(result)[1:], 30, "the second turn")[0]
        assert second["prompt"] == "make the bowl green"
        assert second["mode"] == "inpaint"
        assert second["mask_pixels"] > 0
        mx0, my0, mx1, my1 = second["mask_box"]
        brush = 32  # the default brush size, in picture pixels
        assert abs(mx0 - start[0] * width) <= brush
        assert abs(mx1 - end[0] * width) <= brush
        assert abs((my0 + my1) / 2 - cy * height) <= brush / 2
        assert my1 - my0 <= brush + 2
        assert second["image_sha"] != first["image_sha"]
        _wait_for(lambda: page.evaluate(CANVAS_SHA) == second["image_sha"], 15, "the new picture")
        # The mask belonged to that turn: the kernel cleared it and the overlay follows.
        _wait_for(lambda: page.evaluate(MASK_ALPHA_SUM) == 0, 5, "the overlay to clear")
        assert "bowl (green)" in page.get_by_test_id("plan").last.inner_text()

        shot = Path(os.environ.get("IMAGECHAT_SCREENSHOT", tmp_path / "widget.png"))
        page.locator(".ic-root").screenshot(path=str(shot))
        assert errors == [], "\n".join(errors)
    except Exception as exc:
        # Say what the notebook showed: a kernel traceback explains most failures.
        page.screenshot(path=str(tmp_path / "failure.png"))
        outputs = page.evaluate(
            "() => Array.from(document.querySelectorAll('.jp-OutputArea-output'),"
            " (e) => e.innerText).join('\\n')"
        )
        lab_log = (tmp_path / "lab.log").read_text()[-3000:]
        raise AssertionError(
            f"{exc}\n--- cell output ---\n{outputs}\n--- browser errors ---\n"
            + "\n".join(errors)
            + f"\n--- lab log ---\n{lab_log}\nscreenshot: {tmp_path / 'failure.png'}"
        ) from exc
    finally:
        browser.close()
