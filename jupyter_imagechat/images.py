"""Reading pictures and masks from whatever users and browsers hand us.

Everything here validates untrusted input and raises
:class:`~jupyter_imagechat.errors.InputError` with a message fit for the chat pane.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import InputError

if TYPE_CHECKING:
    from PIL import Image

MAX_IMAGE_BYTES = 64 * 1024 * 1024
"""Largest encoded image accepted (bytes)."""


def as_image(value: Any, *, min_size: int = 16, max_size: int = 8192) -> Image.Image:
    """Return ``value`` as an RGB PIL image.

    Parameters
    ----------
    value : PIL.Image.Image, numpy.ndarray, str, pathlib.Path, bytes or matplotlib Figure
        Arrays are ``(H, W)``, ``(H, W, 3)`` or ``(H, W, 4)``, uint8 or floats in 0..1.
    min_size, max_size : int
        Allowed range of each side in pixels.

    Raises
    ------
    InputError
        If the value is not a readable picture or its size is out of range.
    """
    from PIL import Image, UnidentifiedImageError

    if isinstance(value, Image.Image):
        picture = value
    elif isinstance(value, np.ndarray):
        picture = _from_array(value)
    elif isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        if len(data) > MAX_IMAGE_BYTES:
            raise InputError(f"the image is {len(data):,} bytes; the limit is {MAX_IMAGE_BYTES:,}")
        try:
            picture = Image.open(io.BytesIO(data))
            picture.load()
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            raise InputError(
                f"these {len(data):,} bytes are not an image PIL can read (PNG, JPEG, WebP...)"
            ) from None
    elif isinstance(value, (str, Path)):
        path = Path(value)
        if not path.is_file():
            raise InputError(f"no image file at {str(path)!r}")
        return as_image(path.read_bytes(), min_size=min_size, max_size=max_size)
    elif hasattr(value, "savefig"):
        buf = io.BytesIO()
        value.savefig(buf, format="png")
        return as_image(buf.getvalue(), min_size=min_size, max_size=max_size)
    else:
        raise InputError(
            f"cannot read a picture from a {type(value).__name__}; "
            "pass a PIL image, a numpy array, a path or PNG/JPEG bytes"
        )
    w, h = picture.size
    if not (min_size <= w <= max_size and min_size <= h <= max_size):
        raise InputError(
            f"the picture is {w}x{h} pixels; each side must be {min_size} to {max_size}"
        )
    if picture.mode == "RGBA" or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return picture.convert("RGB")


def _from_array(arr: np.ndarray) -> Image.Image:
    from PIL import Image

    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (3, 4)):
        raise InputError(f"an image array must be (H, W), (H, W, 3) or (H, W, 4); got {arr.shape}")
    if arr.dtype.kind == "f":
        if not np.isfinite(arr).all():
            raise InputError("the image array holds NaN or infinite values")
        arr = (np.clip(arr, 0.0, 1.0) * 255).round()
    elif arr.dtype.kind not in "ub":
        raise InputError(f"an image array must be uint8 or float in 0..1, not {arr.dtype}")
    return Image.fromarray(np.ascontiguousarray(arr.astype(np.uint8)))


def as_mask(value: Any, image: Image.Image | None) -> np.ndarray | None:
    """Return ``value`` as a bool mask of ``image``'s size, or ``None``.

    ``None`` or a mask with no pixel set means "no mask". Arrays count nonzero
    values as masked; PIL images count pixels brighter than 127 (their alpha
    channel if they have one).

    Raises
    ------
    InputError
        If there is no picture yet, or the mask's size differs from the picture's.
    """
    from PIL import Image

    if value is None:
        return None
    if image is None:
        raise InputError("there is no picture to mask yet; send a prompt first")
    if isinstance(value, Image.Image):
        channel = value.getchannel("A") if value.mode in ("RGBA", "LA") else value.convert("L")
        arr = np.asarray(channel) > 127
    else:
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError):
            raise InputError(f"cannot read a mask from a {type(value).__name__}") from None
        if arr.dtype.kind not in "biuf":
            raise InputError(f"a mask must hold numbers or booleans, not {arr.dtype}")
        arr = arr != 0
    expected = (image.height, image.width)
    if arr.shape != expected:
        raise InputError(
            f"the mask is {_size(arr.shape)} but the picture is {image.width}x{image.height}; "
            "paint the mask on the current picture"
        )
    if not arr.any():
        return None
    return arr.copy()


def _size(shape: tuple[int, ...]) -> str:
    if len(shape) == 2:
        return f"{shape[1]}x{shape[0]}"
    return "x".join(str(s) for s in shape)


def to_png(image: Image.Image, **info: str) -> bytes:
    """Encode ``image`` as PNG bytes, with ``info`` as text chunks."""
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    for key, value in info.items():
        meta.add_text(key, value)
    buf = io.BytesIO()
    image.save(buf, format="PNG", pnginfo=meta, compress_level=1)
    return buf.getvalue()
