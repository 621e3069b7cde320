"""The OpenAI images API's wire formats, for both sides (the remote engines and the server).

- A mask travels as a PNG of the picture's size whose fully transparent pixels mark the
  area to edit (:func:`mask_to_png`, :func:`mask_from_png`); everything else is opaque.
- Pictures travel as PNG, in replies base64-encoded under ``b64_json``
  (:func:`decode_picture` checks the size in the header before decoding, so a small file
  that claims to be huge is refused without being unpacked).
- Sizes are ``"WIDTHxHEIGHT"`` text (:func:`parse_size`, :func:`size_text`).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "WireError",
    "decode_picture",
    "mask_from_png",
    "mask_to_png",
    "parse_size",
    "peek_size",
    "picture_to_png",
    "size_text",
]

_SIZE = re.compile(r"^\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*$")


class WireError(ValueError):
    """Bytes or text that do not follow the wire format; the message says how."""


def size_text(width: int, height: int) -> str:
    """``"512x384"``."""
    return f"{int(width)}x{int(height)}"


def parse_size(text: object) -> tuple[int, int]:
    """Return ``(width, height)`` from ``"WIDTHxHEIGHT"``; raise :class:`WireError`."""
    match = _SIZE.match(text) if isinstance(text, str) else None
    if match is None:
        raise WireError(f"size must look like '512x512', got {str(text)[:40]!r}")
    return int(match.group(1)), int(match.group(2))


def picture_to_png(picture: Image.Image) -> bytes:
    """The picture as RGB PNG bytes (fast compression: it travels once)."""
    buf = io.BytesIO()
    picture.convert("RGB").save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def mask_to_png(mask: np.ndarray) -> bytes:
    """A bool mask as OpenAI's mask PNG: transparent (alpha 0) where True, opaque elsewhere."""
    from PIL import Image

    keep = np.asarray(mask, dtype=bool)
    rgba = np.zeros((*keep.shape, 4), dtype=np.uint8)
    rgba[..., 3] = np.where(keep, 0, 255)
    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def mask_from_png(data: bytes, size: tuple[int, int], *, max_side: int) -> np.ndarray:
    """The bool mask (True = edit) of a mask PNG that must be ``size`` (width, height).

    Only fully transparent pixels are edited, as OpenAI's edits endpoint reads a mask; a
    picture without an alpha channel has none and is refused.
    """
    picture = _open(data, "mask", max_side)
    if picture.size != tuple(size):
        raise WireError(
            f"the mask is {picture.width}x{picture.height} but the image is "
            f"{size[0]}x{size[1]}: they must be the same size"
        )
    if "A" not in picture.getbands() and "transparency" not in picture.info:
        raise WireError("the mask has no transparency: its fully transparent pixels mark the edit")
    alpha = np.asarray(picture.convert("RGBA").getchannel("A"))
    keep = alpha == 0
    if not keep.any():
        raise WireError("the mask is fully opaque: there is nothing to edit")
    return keep


def decode_picture(data: bytes | str, *, max_side: int, what: str = "image") -> Image.Image:
    """An RGB picture from PNG/JPEG/WebP bytes or their base64 text, each side at most
    ``max_side``; raise :class:`WireError` for anything else."""
    if isinstance(data, str):
        try:
            data = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise WireError(f"the {what} is not valid base64") from None
    picture = _open(data, what, max_side)
    if picture.mode in ("RGBA", "LA", "P"):
        from PIL import Image

        rgba = picture.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return picture.convert("RGB")


def peek_size(data: bytes, *, max_side: int, what: str = "image") -> tuple[int, int]:
    """The ``(width, height)`` a picture file's header gives, checked against ``max_side``;
    nothing is decoded."""
    return _header(data, what, max_side).size


def _header(data: bytes, what: str, max_side: int) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise WireError(f"the {what} is not a picture (PNG, JPEG or WebP)") from None
    width, height = picture.size
    if not (1 <= width <= max_side and 1 <= height <= max_side):
        raise WireError(f"the {what} is {width}x{height}; each side must be at most {max_side}")
    return picture


def _open(data: bytes, what: str, max_side: int) -> Image.Image:
    from PIL import Image

    picture = _header(data, what, max_side)
    try:
        picture.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        raise WireError(f"the {what} is a damaged or cut-off picture file") from None
    return picture
