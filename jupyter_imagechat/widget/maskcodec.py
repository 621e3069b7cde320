"""Compact encodings of a boolean mask for the browser's ``mask`` request.

A 2048x2048 mask is 4 MiB at one byte per pixel, and moving those bytes over Jupyter's
websocket dominates a stroke's cost. The browser therefore sends whichever of these is
smallest (see ``js/maskcodec.js``); the kernel decodes it here, checking everything:

``bytes``  ``width * height`` bytes, nonzero = masked (the original format)
``bits``   ``ceil(width * height / 8)`` bytes, one bit per pixel, most significant bit
           first (``numpy.packbits`` order)
``rle``    little-endian uint32 run lengths over the row-major pixels, alternating
           unmasked / masked and starting with unmasked (a leading 0 when the first pixel
           is masked); the runs add up to ``width * height``
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import InputError

__all__ = ["ENCODINGS", "decode_mask"]

ENCODINGS: tuple[str, ...] = ("bytes", "bits", "rle")
"""Mask encodings the kernel accepts."""


def decode_mask(data: bytes, width: int, height: int, encoding: Any = "bytes") -> np.ndarray:
    """Return the bool array ``(height, width)`` that ``data`` encodes.

    Raises
    ------
    InputError
        For an unknown encoding, or data whose length or content does not fit the size.
    """
    size = width * height
    if encoding == "bytes":
        if len(data) != size:
            raise InputError(f"a {width}x{height} mask needs {size} bytes, got {len(data)}")
        return np.frombuffer(data, dtype=np.uint8).reshape(height, width) != 0
    if encoding == "bits":
        need = (size + 7) // 8
        if len(data) != need:
            raise InputError(
                f"a {width}x{height} bit-packed mask needs {need} bytes, got {len(data)}"
            )
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), count=size)
        return bits.reshape(height, width).astype(bool)
    if encoding == "rle":
        if len(data) % 4 or len(data) > 4 * (size + 1):
            raise InputError(
                f"a run-length mask is a list of uint32 run lengths; got {len(data)} bytes"
            )
        runs = np.frombuffer(data, dtype="<u4").astype(np.int64)
        total = int(runs.sum())
        if total != size:
            raise InputError(
                f"the mask's runs cover {total} pixels; a {width}x{height} mask has {size}"
            )
        values = (np.arange(runs.size) % 2).astype(bool)
        return np.repeat(values, runs).reshape(height, width)
    raise InputError(f"unknown mask encoding {encoding!r}; expected one of: {', '.join(ENCODINGS)}")
