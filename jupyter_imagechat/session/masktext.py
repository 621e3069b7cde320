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

__all__ = ["mask_from_text", "mask_to_text"]


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
    try:
        size, data = str(text).split(":", 1)
        width, height = (int(v) for v in size.split("x"))
        bits = np.frombuffer(zlib.decompress(base64.b64decode(data, validate=True)), np.uint8)
        flat = np.unpackbits(bits)[: width * height]
        if width <= 0 or height <= 0 or flat.size != width * height:
            raise ValueError("size")
    except (ValueError, zlib.error, TypeError):
        raise InputError(f"not a mask written by mask_to_text: {str(text)[:40]!r}") from None
    return flat.reshape(height, width).astype(bool)
