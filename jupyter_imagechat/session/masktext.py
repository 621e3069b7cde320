"""Masks as short text, for exported code and notebook metadata.

``mask_to_text`` writes ``"WxH:"`` followed by the base64 of the zlib-compressed, bit-packed
mask; ``mask_from_text`` reads it back. Exported notebooks of every version call
``mask_from_text`` (re-exported by :mod:`jupyter_imagechat.replay` for the older ones).
"""

from __future__ import annotations

import base64
import zlib

import numpy as np

from ..errors import InputError

__all__ = ["MAX_MASK_SIDE", "mask_from_text", "mask_to_text"]

MAX_MASK_SIDE = 8192
"""Longest side of a mask read from text (a picture is at most 2048 px a side when drawn;
pictures loaded by earlier versions were up to 8192). A mask is never inflated past the
size its text names: a few kilobytes of text cannot become hundreds of megabytes."""

_MAX_TEXT = 16 * 1024 * 1024


def mask_to_text(mask: np.ndarray) -> str:
    """Return a bool mask as short text: ``"WxH:"`` + base64 of the zlib'd packed bits."""
    arr = np.asarray(mask, dtype=bool)
    if arr.ndim != 2:
        raise InputError(f"a mask must be 2-D, got shape {arr.shape}")
    packed = zlib.compress(np.packbits(arr, axis=None).tobytes(), 9)
    return f"{arr.shape[1]}x{arr.shape[0]}:{base64.b64encode(packed).decode('ascii')}"


def mask_from_text(text: str) -> np.ndarray:
    """Return the bool mask that :func:`mask_to_text` wrote.

    Raises
    ------
    InputError
        If ``text`` is not such a mask.
    """
    shown = repr(text[:40]) if isinstance(text, str) else type(text).__name__
    try:
        if not isinstance(text, str) or len(text) > _MAX_TEXT:
            raise ValueError("not text")
        size, data = text.split(":", 1)
        width, height = (int(v) for v in size.split("x"))
        if not (0 < width <= MAX_MASK_SIDE and 0 < height <= MAX_MASK_SIDE):
            raise ValueError("size")
        need = (width * height + 7) // 8
        inflater = zlib.decompressobj()
        packed = inflater.decompress(base64.b64decode(data, validate=True), need + 1)
        if len(packed) != need or not inflater.eof:
            raise ValueError("length")
        flat = np.unpackbits(np.frombuffer(packed, np.uint8), count=width * height)
    except (ValueError, zlib.error, TypeError):
        raise InputError(f"not a mask written by mask_to_text: {shown}") from None
    return flat.reshape(height, width).astype(bool)
