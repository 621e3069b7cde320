"""A saved notebook shows the chat's picture where the widget cannot run.

The output of ``chat`` carries, beside the widget view, the current picture as a PNG and a
few lines of text (``jupyter_imagechat/widget/fallback.py``). GitHub and nbviewer render
notebooks as ``nbconvert`` does: a real kernel runs a notebook, the notebook is saved, and
nbconvert turns it into HTML with every network connection refused; the picture must be in
the page, pixel for pixel.
"""

from __future__ import annotations

import base64
import io
import re
import socket
from pathlib import Path

import numpy as np
import pytest
from IPython.core.formatters import DisplayFormatter
from PIL import Image

from jupyter_imagechat import ImageChat
from jupyter_imagechat.widget.fallback import MAX_SIDE

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
nbconvert = pytest.importorskip("nbconvert")

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PROMPT = "three red apples left of a blue bowl"


def bundle(chat: ImageChat) -> tuple[dict, dict]:
    """What IPython puts in the notebook when a cell displays ``chat``."""
    return DisplayFormatter().format(chat)


def png_pixels(b64: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(b64))).convert("RGB"))


def test_the_output_carries_the_picture_and_a_summary_beside_the_view():
    chat = ImageChat(size=256, autosave=False)
    try:
        data, _ = bundle(chat)
        assert WIDGET_VIEW in data
        assert "image/png" not in data  # nothing drawn yet
        assert "no picture yet" in data["text/plain"]

        chat.send(PROMPT)
        data, metadata = bundle(chat)
        assert data[WIDGET_VIEW]["model_id"] == chat.model_id
        assert np.array_equal(png_pixels(data["image/png"]), np.asarray(chat.image.convert("RGB")))
        assert metadata["image/png"] == {"width": 256, "height": 256}
        text = data["text/plain"]
        assert PROMPT in text
        assert "3 x apple (red), 1 x bowl (blue)" in text
        assert "all kept" in text

        chat.send("make the bowl green")  # the output shown later has the newer picture
        data, _ = bundle(chat)
        assert np.array_equal(png_pixels(data["image/png"]), np.asarray(chat.image.convert("RGB")))
        assert "t2" in data["text/plain"]
        assert "bowl (green)" in data["text/plain"]
    finally:
        chat.close()


def test_a_big_picture_is_scaled_down_and_a_closed_chat_shows_text_only():
    chat = ImageChat(size=1024, autosave=False)
    chat.send("a cat on a bed")
    chat.outpaint(right=512)
    data, metadata = bundle(chat)
    shown = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
    assert shown.size == (MAX_SIDE, MAX_SIDE * 1024 // 1536)
    assert metadata["image/png"]["width"] == MAX_SIDE
    assert "1536x1024" in data["text/plain"]
    chat.close()
    data, _ = bundle(chat)
    assert WIDGET_VIEW not in data
    assert "image/png" not in data


NOTEBOOK = [
    "from jupyter_imagechat import ImageChat\nchat = ImageChat(size=256, autosave=False)",
    f"chat.send({PROMPT!r})\nchat",
]


def _refuse_the_network(monkeypatch) -> list[object]:
    """Refuse every connection but the loopback: rendering must work offline."""
    tried: list[object] = []
    connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        remote = isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost")
        if remote and sock.family in (socket.AF_INET, socket.AF_INET6):
            tried.append(address)
            raise OSError(f"the test refuses network connections ({address})")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    return tried


def test_a_saved_notebook_renders_the_picture_to_html_offline(tmp_path: Path, monkeypatch):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code) for code in NOTEBOOK]
    # Saved as JupyterLab saves by default: outputs, no widget state (with a saved state
    # nbconvert draws the widget from its state instead, with scripts from the web).
    client = nbclient.NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        store_widget_state=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    saved = tmp_path / "lesson.ipynb"
    nbformat.write(nb, saved)  # the kernel is gone from here on

    tried = _refuse_the_network(monkeypatch)
    html, _ = nbconvert.HTMLExporter().from_notebook_node(nbformat.read(saved, as_version=4))
    assert tried == []
    images = re.findall(r'<img[^>]*src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 1, "the widget's output shows its picture"
    drawn = ImageChat(size=256, autosave=False).send(PROMPT).image  # the same pixels
    assert np.array_equal(png_pixels(images[0]), np.asarray(drawn.convert("RGB")))
