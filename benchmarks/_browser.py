"""A throwaway JupyterLab + headless chromium for the browser benchmarks.

``with lab_page(cells) as run:`` writes a notebook of ``cells``, starts JupyterLab on a free
port with an isolated configuration, opens the notebook in the system chromium (never
``playwright install``), runs it and yields ``run(js, arg)`` (``page.evaluate``) plus the page.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def lab_page(cells: list[str]) -> Iterator[Any]:
    """Yield a playwright page showing the executed notebook of ``cells``."""
    import nbformat
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("no chromium on PATH (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "nb").mkdir()
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, base / "nb" / "bench.ipynb")
        (base / "config").mkdir()
        lab = {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
               "extension_manager": "readonly", "expose_app_in_browser": True}  # fmt: skip
        (base / "config" / "jupyter_server_config.json").write_text(json.dumps({"LabApp": lab}))
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(base / "config"),
                   JUPYTER_RUNTIME_DIR=str(base / "runtime"), IPYTHONDIR=str(base / "ipython"),
                   JUPYTERLAB_WORKSPACES_DIR=str(base / "ws"),
                   JUPYTERLAB_SETTINGS_DIR=str(base / "settings"))  # fmt: skip
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        port = _free_port()
        url = f"http://127.0.0.1:{port}/"
        with open(base / "lab.log", "w") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
                 "--ip=127.0.0.1", f"--port={port}", "--IdentityProvider.token=",
                 "--ServerApp.password=", f"--ServerApp.root_dir={base / 'nb'}"],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
            try:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        urllib.request.urlopen(url + "api/status", timeout=1).close()
                        break
                    except OSError:
                        if time.monotonic() > deadline or proc.poll() is not None:
                            sys.exit((base / "lab.log").read_text())
                        time.sleep(0.2)
                with sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                    page = browser.new_page(viewport={"width": 1280, "height": 1000})
                    page.goto(url + "lab/tree/bench.ipynb")
                    page.wait_for_function(
                        """() => {
                          const w = window.jupyterapp?.shell?.currentWidget;
                          const k = w?.sessionContext?.session?.kernel;
                          return k?.connectionStatus === 'connected' && k?.status === 'idle';
                        }""",
                        timeout=60_000,
                    )
                    page.evaluate(
                        "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"
                    )
                    yield page
                    browser.close()
            finally:
                proc.terminate()
                proc.wait(10)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]
