"""Canvas tools, chat keys, pictures in and out, and layout, in a real JupyterLab 4.

Fixtures: ``conftest.py``. Every check reads back what the kernel holds.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from .conftest import wait_for

pytestmark = pytest.mark.browser

PIXELS = "mask_info()['pixels']"
# Dispatch a pen stroke as pointer events (Playwright's mouse only makes mouse events).
PEN_STROKE = """([x0, y0, x1, y1]) => {
  const c = document.querySelector('[data-testid="mask-canvas"]');
  const r = c.getBoundingClientRect();
  const at = (x, y) => ({clientX: r.left + x * r.width, clientY: r.top + y * r.height});
  const opts = {pointerId: 7, pointerType: 'pen', isPrimary: true, bubbles: true, cancelable: true};
  const down = new PointerEvent('pointerdown', {...opts, ...at(x0, y0), button: 0, buttons: 1});
  c.dispatchEvent(down);
  for (let i = 1; i <= 10; i++) {
    const t = i / 10;
    c.dispatchEvent(new PointerEvent('pointermove',
      {...opts, ...at(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t), buttons: 1}));
  }
  c.dispatchEvent(new PointerEvent('pointerup', {...opts, ...at(x1, y1), button: 0}));
  return down.defaultPrevented;  // true: the browser does not scroll or select under the pen
}"""
PINCH = """() => {
  const c = document.querySelector('[data-testid="mask-canvas"]');
  const r = c.getBoundingClientRect();
  const ev = (type, id, x) => c.dispatchEvent(new PointerEvent(type, {
    pointerId: id, pointerType: 'touch', isPrimary: id === 11, bubbles: true, cancelable: true,
    clientX: r.left + x * r.width, clientY: r.top + 0.6 * r.height, button: 0, buttons: 1}));
  ev('pointerdown', 11, 0.45);
  ev('pointerdown', 12, 0.55);
  for (let i = 1; i <= 5; i++) {
    ev('pointermove', 11, 0.45 - 0.05 * i);
    ev('pointermove', 12, 0.55 + 0.05 * i);
  }
  ev('pointerup', 11, 0.2);
  ev('pointerup', 12, 0.8);
}"""
# Overlay pixels that the kernel would count (alpha >= 128).
MASK_ALPHA_COUNT = """() => {
  const c = document.querySelector('[data-testid="mask-canvas"]');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) n += d[i] >= 128 ? 1 : 0;
  return n;
}"""
PASTE_PNG = """async () => {
  const c = document.createElement('canvas');
  c.width = 80; c.height = 48;
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#3a7'; ctx.fillRect(0, 0, 80, 48);
  const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
  const dt = new DataTransfer();
  dt.items.add(new File([blob], 'pasted.png', {type: 'image/png'}));
  const input = document.querySelector('[data-testid="chat-input"]');
  const init = {clipboardData: dt, bubbles: true, cancelable: true};
  input.dispatchEvent(new ClipboardEvent('paste', init));
}"""


def _pressed(page, tool: str) -> bool:
    return page.get_by_test_id(tool).get_attribute("aria-pressed") == "true"


def test_brush_eraser_softness_undo_redo_invert_zoom_and_keys(session):
    s = session
    page = s.page
    s.open(["chat"])
    s.send("a blue bowl")
    width, height = s.py_json("list(chat.image.size)")
    chat_input = page.get_by_test_id("chat-input")
    size = page.get_by_test_id("brush-size")

    # Shortcut keys never fire while typing in the chat.
    chat_input.click()
    chat_input.press_sequentially("e]h")
    assert chat_input.input_value() == "e]h"
    assert _pressed(page, "brush")
    assert size.input_value() == "32"
    chat_input.fill("")

    # On the canvas pane they do.
    page.get_by_test_id("brush").focus()
    for key, tool in [("e", "eraser"), ("h", "pan"), ("b", "brush")]:
        page.keyboard.press(key)
        assert _pressed(page, tool), key
    page.keyboard.press("]")
    assert size.input_value() == "36"
    page.keyboard.press("[")
    page.keyboard.press("[")
    assert size.input_value() == "28"

    # A soft stroke: the overlay shows a feathered edge; the kernel gets the pixels at least
    # half covered, a band as high as the brush.
    page.get_by_test_id("brush-softness").fill("100")
    s.stroke([(0.2, 0.5), (0.8, 0.5)])
    info = s.wait_py(f"{PIXELS} and mask_info()", 5)
    assert s.mask_alpha()["partial"] > 0
    x0, y0, x1, y1 = info["box"]
    assert abs((y1 - y0 + 1) - 28) <= 2
    assert abs(x0 - (0.2 * width - 14)) <= 2
    assert abs(x1 - (0.8 * width + 14)) <= 2
    painted = info["pixels"]

    # The eraser takes a gap out of it.
    page.get_by_test_id("eraser").click()
    s.stroke([(0.5, 0.4), (0.5, 0.6)])
    s.wait_py(f"0 < {PIXELS} < {painted}", 5)
    erased = s.py_json(PIXELS)

    # Undo / redo, from the keyboard: back to the brush stroke, to nothing, and forward.
    page.get_by_test_id("brush").focus()
    page.keyboard.press("Control+z")
    s.wait_py(f"{PIXELS} == {painted}", 5)
    page.keyboard.press("Control+z")
    s.wait_py(f"{PIXELS} == 0", 5)
    page.keyboard.press("Control+Shift+z")
    s.wait_py(f"{PIXELS} == {painted}", 5)
    page.get_by_test_id("redo").click()
    s.wait_py(f"{PIXELS} == {erased}", 5)
    assert page.get_by_test_id("redo").is_disabled()

    # Invert, then clear.
    page.get_by_test_id("invert").click()
    s.wait_py(f"{PIXELS} == {width * height - erased}", 5)
    page.get_by_test_id("clear").click()
    s.wait_py(f"{PIXELS} == 0", 5)

    # Zoom in twice (1.5 x 1.5) about the centre: the same screen stroke covers a shorter
    # stretch of the picture, still centred, and the brush keeps its size in picture pixels.
    page.get_by_test_id("brush").click()
    page.get_by_test_id("brush-softness").fill("0")
    stage = page.get_by_test_id("stage").bounding_box()
    page.get_by_test_id("zoom-in").click()
    page.get_by_test_id("zoom-in").click()
    assert not page.get_by_test_id("zoom-fit").is_disabled()
    cx, cy = stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2
    half = 0.3 * stage["width"]
    page.mouse.move(cx - half, cy)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(cx - half + 2 * half * i / 10, cy)
    page.mouse.up()
    info = s.wait_py(f"{PIXELS} and mask_info()", 5)
    zoom = 2.25
    expect_x0 = width / 2 - 0.3 * width / zoom - 14
    expect_x1 = width / 2 + 0.3 * width / zoom + 14
    assert abs(info["box"][0] - expect_x0) <= 3
    assert abs(info["box"][2] - expect_x1) <= 3
    assert abs((info["box"][1] + info["box"][3]) / 2 - height / 2) <= 3

    # Pan with the Pan tool moves the picture; 0 fits it again.
    page.keyboard.press("h")
    before = page.get_by_test_id("mask-canvas").bounding_box()
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 60, cy + 40, steps=4)
    page.mouse.up()
    after = page.get_by_test_id("mask-canvas").bounding_box()
    assert after["x"] - before["x"] == pytest.approx(60, abs=2)
    assert s.py_json(PIXELS) == info["pixels"]  # panning painted nothing
    page.keyboard.press("0")
    assert page.get_by_test_id("mask-canvas").bounding_box()["width"] == pytest.approx(
        stage["width"] - 2, abs=3
    )

    # A pen paints too, and the page does not scroll under it.
    page.keyboard.press("b")
    page.get_by_test_id("clear").click()
    s.wait_py(f"{PIXELS} == 0", 5)
    assert page.evaluate(PEN_STROKE, [0.1, 0.2, 0.9, 0.2]) is True
    assert s.wait_py(PIXELS, 5) > 0
    touch_action = page.evaluate(
        "() => getComputedStyle(document.querySelector('.ic-mask')).touchAction"
    )
    assert touch_action == "none"

    # Two fingers pinch: the picture zooms, and the first finger's dab is taken back.
    pen_pixels = s.py_json(PIXELS)
    stage_width = page.get_by_test_id("stage").bounding_box()["width"]
    page.evaluate(PINCH)
    assert page.get_by_test_id("mask-canvas").bounding_box()["width"] > 1.5 * stage_width
    page.wait_for_timeout(300)
    assert s.py_json(PIXELS) == pen_pixels
    assert page.evaluate(MASK_ALPHA_COUNT) == s.py_json(PIXELS)
    page.keyboard.press("0")

    # Select: a click on the bowl masks the bowl's shape; Undo takes it back.
    page.get_by_test_id("clear").click()
    s.wait_py(f"{PIXELS} == 0", 5)
    bx0, by0, bx1, by1 = s.py_json("chat.history[-1].scene.layout[0].box")
    page.keyboard.press("s")  # the focus stayed in the pane when Clear got disabled
    assert _pressed(page, "select")
    page.mouse.click(*s.to_screen((bx0 + bx1) / 2, (by0 + by1) / 2))
    info = s.wait_py(f"{PIXELS} and mask_info()", 5)
    sx0, sy0, sx1, sy1 = info["box"]
    assert bx0 * width - 2 <= sx0 < sx1 <= bx1 * width + 2
    # the selection includes the bowl's soft shadow on the ground, just below its box
    shadow = 0.15 * (bx1 - bx0) * width
    assert by0 * height - 2 <= sy0 < sy1 <= by1 * height + 2 + shadow
    page.keyboard.press("Control+z")
    s.wait_py(f"{PIXELS} == 0", 5)
    assert s.errors == [], "\n".join(s.errors)


def test_chat_keys_errors_text_and_pictures_in_and_out(session):
    s = session
    page = s.page
    s.open(["chat"])
    chat_input = page.get_by_test_id("chat-input")

    # Shift+Enter is a new line, Enter sends.
    chat_input.click()
    chat_input.type("a red apple")
    chat_input.press("Shift+Enter")
    assert chat_input.input_value() == "a red apple\n"
    assert s.py_json("len(chat.history)") == 0
    chat_input.fill("")
    s.send("a red apple")
    # The assistant's message has the plan summary and the turn's thumbnail.
    last = page.locator(".ic-msg-assistant").last
    assert "apple (red)" in last.get_by_test_id("plan").inner_text()
    thumb = last.get_by_test_id("thumb")
    thumb.wait_for(state="visible", timeout=5_000)
    assert page.evaluate("(img) => img.naturalWidth > 0", thumb.element_handle())

    # Text is shown as text, never as HTML.
    s.send("<img src=x onerror=window.hacked=1> two <b>green</b> pears")
    assert page.locator(".ic-messages img:not(.ic-thumb), .ic-messages b").count() == 0
    assert "<b>green</b>" in page.get_by_test_id("messages").inner_text()
    assert page.evaluate("() => window.hacked") is None

    # An error appears in the conversation; the prompt comes back to fix it.
    chat_input.fill("x" * 2001)
    chat_input.press("Enter")
    error = page.locator(".ic-msg-error").last
    error.wait_for(timeout=10_000)
    assert "2,000" in error.inner_text() or "2000" in error.inner_text()
    wait_for(lambda: len(chat_input.input_value()) == 2001, 5, "the prompt to come back")

    # Up recalls earlier prompts, newest first; Down goes back to what was typed.
    chat_input.fill("draft")
    chat_input.press("Home")
    chat_input.press("ArrowUp")
    assert chat_input.input_value() == "x" * 2001  # whole, though the log shortens it
    chat_input.press("ArrowUp")
    assert chat_input.input_value().startswith("<img src=x")
    chat_input.press("ArrowUp")
    assert chat_input.input_value() == "a red apple"
    chat_input.press("ArrowDown")
    chat_input.press("ArrowDown")
    chat_input.press("ArrowDown")
    assert chat_input.input_value() == "draft"

    # A pasted image becomes the picture.
    page.evaluate(PASTE_PNG)
    s.wait_py("chat.image is not None and list(chat.image.size) == [80, 48]", 10)
    sha = s.kernel_sha()
    wait_for(lambda: s.canvas_sha() == sha, 10, "the pasted picture on the canvas")

    # Download saves the kernel's PNG byte for byte (with its metadata chunks).
    with page.expect_download() as download:
        page.get_by_test_id("download").click()
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert download.value.suggested_filename.endswith(".png")
    kernel = s.py_json("__import__('hashlib').sha256(bytes(chat._image)).hexdigest()")
    assert hashlib.sha256(data).hexdigest() == kernel
    info = Image.open(io.BytesIO(data)).info
    assert info.get("imagechat:turn") == s.py_json("chat.history[-1].id")
    assert s.errors == [], "\n".join(s.errors)


LAYOUT = """() => {
  const r = (sel) => document.querySelector(sel).getBoundingClientRect();
  const root = document.querySelector('.ic-root');
  const bg = getComputedStyle(document.querySelector('.ic-messages')).backgroundColor;
  const buttons = [...document.querySelectorAll('.ic-toolbar button')]
    .map((b) => b.getBoundingClientRect());
  const rootBox = root.getBoundingClientRect();
  return {
    chat: r('.ic-chat'), canvas: r('.ic-canvas-pane'), bg,
    overflow: root.scrollWidth - root.clientWidth,
    buttonsInside: buttons.every(
      (b) => b.width > 0 && b.left >= rootBox.left - 1 && b.right <= rootBox.right + 1),
  };
}"""


def _luminance(css: str) -> float:
    r, g, b = (int(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_layout_side_by_side_stacked_zoomed_and_dark(session):
    s = session
    page = s.page
    s.open(["chat"])
    page.get_by_test_id("canvas").wait_for(state="attached")
    wide = page.evaluate(LAYOUT)
    assert abs(wide["chat"]["top"] - wide["canvas"]["top"]) < 5  # side by side
    assert wide["canvas"]["left"] >= wide["chat"]["right"]
    assert _luminance(wide["bg"]) > 0.7  # the light theme

    # Narrow: stacked, the picture first.
    page.set_viewport_size({"width": 520, "height": 900})
    page.wait_for_timeout(300)
    narrow = page.evaluate(LAYOUT)
    assert narrow["canvas"]["bottom"] <= narrow["chat"]["top"] + 1
    assert narrow["overflow"] <= 0
    assert narrow["buttonsInside"]

    # 200% browser zoom on a 1280x900 window lays out as a 640x450 CSS viewport (device
    # pixels only change how sharp it is): everything still fits and the Send button is there.
    page.set_viewport_size({"width": 640, "height": 450})
    page.wait_for_timeout(300)
    zoomed = page.evaluate(LAYOUT)
    assert zoomed["overflow"] <= 0
    assert zoomed["buttonsInside"]
    page.get_by_test_id("send-button").scroll_into_view_if_needed()
    assert page.get_by_test_id("send-button").is_visible()

    # The JupyterLab dark theme: the widget follows the --jp-* variables.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate(
        "() => window.jupyterapp.commands.execute('apputils:change-theme',"
        " {theme: 'JupyterLab Dark'})"
    )
    wait_for(lambda: _luminance(page.evaluate(LAYOUT)["bg"]) < 0.3, 15, "the dark theme")
    assert s.errors == [], "\n".join(s.errors)
