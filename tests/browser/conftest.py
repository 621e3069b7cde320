"""Shared fixtures for the real-browser tests: one Jupyter server and one chromium per run.

The server serves both front ends: JupyterLab 4 at ``/lab/tree/<nb>`` and Jupyter Notebook 7
at ``/notebooks/<nb>``. Each test writes its own notebook, opens it in a fresh browser
context, runs it and talks to its kernel through :meth:`Session.py` (code sent with the
front end's own kernel connection), so a test checks what the kernel really holds.

Skips when chromium or playwright is missing. Never runs ``playwright install``: it drives
the system chromium.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import jupyter_imagechat

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
SETUP = """\
import json
import numpy as np
from jupyter_imagechat import ImageChat

chat = ImageChat()

def mask_info():
    m = chat.mask
    if m is None or not m.any():
        return {"pixels": 0, "box": None}
    rows, cols = np.flatnonzero(m.any(axis=1)), np.flatnonzero(m.any(axis=0))
    return {"pixels": int(m.sum()),
            "box": [int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1])]}
"""
# SHA-256 of a canvas's RGB pixels, to compare with the kernel's picture.
CANVAS_SHA = """async (index) => {
  const canvas = document.querySelectorAll('[data-testid="canvas"]')[index];
  if (!canvas || canvas.closest('.ic-empty-stage')) return null;
  const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]; rgb[j + 1] = rgba[i + 1]; rgb[j + 2] = rgba[i + 2];
  }
  const digest = await crypto.subtle.digest('SHA-256', rgb);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}"""
# Count of overlay pixels with alpha > 0, and of those with a partial alpha (a feathered edge).
MASK_ALPHA = """(index) => {
  const c = document.querySelectorAll('[data-testid="mask-canvas"]')[index];
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0, partial = 0;
  for (let i = 3; i < d.length; i += 4) {
    if (d[i] > 0) n++;
    if (d[i] > 0 && d[i] < 255) partial++;
  }
  return {n, partial};
}"""
# Run code in the notebook's kernel through the page's own connection; return its stdout.
KERNEL_EVAL = """async (code) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let out = '';
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type;
    if (t === 'stream') out += msg.content.text;
    if (t === 'error') out += `KERNEL ERROR ${msg.content.ename}: ${msg.content.evalue}`;
  };
  await future.done;
  return out;
}"""
KERNEL_READY = """() => {
  const kernel = window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel;
  return kernel?.connectionStatus === 'connected' && kernel?.status === 'idle';
}"""


def wait_for(check, timeout: float, what: str):
    """Poll ``check()`` every 0.1 s until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running Jupyter server (JupyterLab and Notebook 7) with its notebook folder."""

    url: str
    root: Path
    log: Path

    def kernels(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(self.url + "api/kernels", timeout=5) as r:
            return json.loads(r.read())

    def shutdown_kernels(self) -> None:
        for kernel in self.kernels():
            req = urllib.request.Request(self.url + f"api/kernels/{kernel['id']}", method="DELETE")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(req, timeout=5).close()


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory) -> Iterator[Server]:
    """Start one Jupyter server on a free port with an isolated configuration."""
    if not BUNDLE.is_file():
        pytest.fail(f"{BUNDLE} is missing: run `npm install && npm run build` first")
    base = tmp_path_factory.mktemp("jupyter")
    root = base / "notebooks"
    root.mkdir()
    config = base / "config"
    config.mkdir()
    # No network from the server: no news feed, no update check, no PyPI extension manager.
    app_config = {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",
        "expose_app_in_browser": True,
    }
    server_config = {
        "LabApp": app_config,
        "JupyterNotebookApp": {"expose_app_in_browser": True},
    }
    (config / "jupyter_server_config.json").write_text(json.dumps(server_config))
    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[var] = str(base / sub)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE.parent), env.get("PYTHONPATH")]))
    port = _free_port()
    log_path = base / "server.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed below
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
            # No token, so no XSRF cookie for urllib: without this, ending kernels through
            # the REST API (Server.shutdown_kernels) is refused with 403 and kernels pile up.
            "--ServerApp.disable_check_xsrf=True",
            f"--ServerApp.root_dir={root}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Server(f"http://127.0.0.1:{port}/", root, log_path)

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"the Jupyter server exited:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(server.url + "api/status", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        wait_for(up, 30, "the Jupyter server to start")
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Debian chromium for the whole run."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("browser: no chromium on PATH (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser: playwright is not installed (pip install playwright; no download)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Session:
    """One test's page on the shared server, with helpers to drive the widget."""

    page: Any
    server: Server
    tmp_path: Path
    errors: list[str] = field(default_factory=list)

    def open(self, cells: list[str], *, front_end: str = "lab", name: str = "chat.ipynb") -> None:
        """Write a notebook of ``cells`` (after SETUP), open it in ``front_end`` and run it."""
        import nbformat

        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c) for c in [SETUP, *cells]]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        name = f"{self.tmp_path.name}-{name}"  # one notebook (and kernel) per test
        nbformat.write(nb, self.server.root / name)
        # ?reset: a fresh JupyterLab workspace, not the tabs of the tests before.
        path = f"lab/tree/{name}?reset" if front_end == "lab" else f"notebooks/{name}"
        self.page.goto(self.server.url + path)
        self.run_all()

    def run_all(self) -> None:
        self.page.wait_for_function(KERNEL_READY, timeout=30_000)
        # Clicking "Run All" right after load is sometimes a silent no-op; the command is not.
        self.page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        self.page.get_by_test_id("chat-input").first.wait_for(timeout=30_000)

    def py(self, code: str) -> str:
        """Run ``code`` in the notebook's kernel and return what it printed."""
        out = self.page.evaluate(KERNEL_EVAL, code)
        assert "KERNEL ERROR" not in out, out
        return out

    def py_json(self, expr: str) -> Any:
        return json.loads(self.py(f"print(json.dumps({expr}))"))

    def wait_py(self, expr: str, timeout: float = 30) -> Any:
        """Wait until the Python expression ``expr`` is truthy in the kernel; return it."""
        return wait_for(lambda: self.py_json(expr), timeout, expr)

    def canvas_sha(self, view: int = 0) -> str | None:
        return self.page.evaluate(CANVAS_SHA, view)

    def kernel_sha(self) -> str:
        return self.py_json(
            "__import__('hashlib').sha256(np.asarray(chat.image.convert('RGB')).tobytes())"
            ".hexdigest()"
        )

    def mask_alpha(self, view: int = 0) -> dict[str, int]:
        return self.page.evaluate(MASK_ALPHA, view)

    def send(self, prompt: str, view: int = 0) -> None:
        """Type ``prompt`` in a view's chat box, press Enter and wait for the turn."""
        before = len(self.py_json("[t.id for t in chat.history]"))
        box = self.page.get_by_test_id("chat-input").nth(view)
        box.click()
        box.fill(prompt)
        box.press("Enter")
        self.wait_py(f"len(chat.history) > {before} and not chat._busy")

    def to_screen(self, x: float, y: float, view: int = 0) -> tuple[float, float]:
        """Client coordinates of the picture point (x, y), given in 0..1 of its size."""
        box = self.page.get_by_test_id("mask-canvas").nth(view).bounding_box()
        return box["x"] + x * box["width"], box["y"] + y * box["height"]

    def stroke(self, points: list[tuple[float, float]], view: int = 0, steps: int = 10) -> None:
        """Drag the mouse through ``points`` (0..1 picture coordinates)."""
        self.page.get_by_test_id("mask-canvas").nth(view).scroll_into_view_if_needed()
        mouse = self.page.mouse
        mouse.move(*self.to_screen(*points[0], view))
        mouse.down()
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            for i in range(1, steps + 1):
                t = i / steps
                mouse.move(*self.to_screen(ax + (bx - ax) * t, ay + (by - ay) * t, view))
        mouse.up()


@pytest.fixture
def session(jupyter_server, chromium_browser, tmp_path, request) -> Iterator[Session]:
    """A fresh browser context on the shared server; diagnostics on failure."""
    context = chromium_browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    s = Session(page, jupyter_server, tmp_path)
    page.on(
        "console",
        lambda m: m.type == "error" and s.errors.append(f"console: {m.text} at {m.location}"),
    )
    page.on("pageerror", lambda e: s.errors.append(f"pageerror: {e} {e.stack}"))
    try:
        yield s
    finally:
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            shot = tmp_path / "failure.png"
            try:
                page.screenshot(path=str(shot))
                outputs = page.evaluate(
                    "() => Array.from(document.querySelectorAll('.jp-OutputArea-output'),"
                    " (e) => e.innerText).join('\\n')"
                )
            except Exception as exc:  # the page may be gone
                outputs = f"(could not read the page: {exc})"
            log = jupyter_server.log.read_text()[-3000:]
            print(
                f"--- cell output ---\n{outputs}\n--- browser errors ---\n"
                + "\n".join(s.errors)
                + f"\n--- server log ---\n{log}\nscreenshot: {shot}"
            )
        context.close()
        jupyter_server.shutdown_kernels()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Lets the session fixture see whether the test failed (for its diagnostics).
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
