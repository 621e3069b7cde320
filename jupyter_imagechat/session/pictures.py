"""Where a turn's picture and mask are kept: decoded in memory, encoded, or in a file.

A 1024 px picture is 3 MB decoded, and a long session would keep every one of them. So a
history keeps the decoded pictures of its newest turns and of the current one only (see
:attr:`.history.History.pictures_kept`); an older turn's picture is dropped from memory
once it is safe elsewhere:

- in its autosaved PNG file (the autosave store tells the turn where, with the file's
  SHA-256 so that a changed file is never taken for the picture), or else
- as the PNG bytes the turn encoded anyway (tens of kilobytes for a drawing), in memory.

Reading ``turn.image`` then decodes it again (about 20 ms at 1024 px); ``turn.mask`` and
the shapes of ``turn.objects`` (what the engine drew where) are kept at one bit a pixel
and unpacked when read. Nothing is lost: a picture leaves memory only when its bytes are
kept. :class:`Pictures` is that storage for one turn, safe to read from one thread while
another releases it.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..engines.base import DrawnObject
from ..errors import InputError
from ..images import MAX_IMAGE_BYTES
from .files import read_limited

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["Pictures", "digest"]


def digest(data: bytes) -> str:
    """Return the SHA-256 of ``data`` as hex (how a saved picture file is recognised)."""
    return hashlib.sha256(data).hexdigest()


class Pictures:
    """One turn's picture and mask, decoded or not (see the module docstring).

    Parameters
    ----------
    name : str
        The turn's id, for messages.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.keep = True
        """Whether the decoded picture stays in memory once it is decoded."""
        self._image: Image.Image | None = None
        self._png: bytes | None = None
        self._file: tuple[Path, str] | None = None  # where the PNG is saved, and its SHA-256
        self._mask: np.ndarray | None = None
        self._packed: tuple[bytes, tuple[int, ...]] | None = None
        self._objects: list[DrawnObject] = []
        self._packed_objects: list[tuple[DrawnObject, Any, Any, Any]] | None = None
        self._lock = threading.Lock()

    # -- setting ---------------------------------------------------------------------------
    def set_image(self, image: Image.Image) -> None:
        """Hold ``image`` decoded (a new turn's picture)."""
        self._image = image

    def set_file(self, path: Path, sha256: str) -> None:
        """Say that the picture is saved at ``path`` (whose bytes hash to ``sha256``)."""
        self._file = (Path(path), sha256)

    def set_mask(self, mask: np.ndarray | None) -> None:
        """Hold ``mask`` (a bool array, or ``None``)."""
        self._mask, self._packed = mask, None

    def set_objects(self, objects: list[DrawnObject]) -> None:
        """Hold what the engine drew where (with each object's shape and shadow)."""
        self._objects, self._packed_objects = objects, None

    # -- reading ---------------------------------------------------------------------------
    @property
    def decoded(self) -> bool:
        """True while the decoded picture is in memory."""
        return self._image is not None

    def image(self) -> Image.Image:
        """Return the picture, decoding it again if it left memory."""
        from PIL import Image

        pixels = self._image
        if pixels is not None:
            return pixels
        with Image.open(io.BytesIO(self.png())) as picture:
            pixels = picture.convert("RGB")
        if self.keep:
            self._image = pixels
        return pixels

    def png(self, encode: Callable[[Image.Image], bytes] | None = None) -> bytes:
        """Return the picture's PNG bytes: kept ones, the saved file's, or ``encode``'s
        (which are then kept)."""
        png = self._png
        if png is not None:
            return png
        if self._image is not None and encode is not None:
            with self._lock:
                if self._png is None:
                    self._png = encode(self._image)
                return self._png
        if self._file is not None:
            return self._read_file(*self._file)
        if self._image is not None:
            raise ValueError("the picture has no PNG bytes yet")  # a caller's mistake
        raise InputError(f"the picture of turn {self.name} is not in memory and was not saved")

    def mask(self) -> np.ndarray | None:
        """Return the mask (unpacked from its bits if it was packed), or ``None``."""
        mask, packed = self._mask, self._packed
        return mask if mask is not None or packed is None else _unpack(packed)

    def objects(self) -> list[DrawnObject]:
        """Return what the engine drew where (shapes unpacked again if they were packed)."""
        packed = self._packed_objects
        if packed is None:
            return self._objects
        found = []
        for plain, mask, shadow, painted in packed:
            if shadow is not None:
                shadow = (shadow[0], _unpack(shadow[1]))
            found.append(
                replace(plain, mask=_unpack(mask), shadow=shadow, painted=_unpack(painted))
            )
        return found

    # -- releasing -------------------------------------------------------------------------
    def release(self, encode: Callable[[Image.Image], bytes]) -> None:
        """Drop the decoded picture (its PNG bytes or file stay) and pack the mask.

        The PNG bytes are dropped too when the picture is saved in a file.
        """
        self.keep = False
        with self._lock:
            if self._image is not None and self._png is None and self._file is None:
                self._png = encode(self._image)
            self._image = None  # a reader now decodes the bytes or the file
            if self._file is not None:
                self._png = None
        mask = self._mask
        if mask is not None:
            self._packed, self._mask = _pack(mask), None
        if self._packed_objects is None and any(
            o.mask is not None or o.shadow is not None or o.painted is not None
            for o in self._objects
        ):
            self._packed_objects = [
                (
                    replace(o, mask=None, shadow=None, painted=None),
                    _pack(o.mask),
                    None if o.shadow is None else (o.shadow[0], _pack(o.shadow[1])),
                    _pack(o.painted),
                )
                for o in self._objects
            ]
            self._objects = []

    def _read_file(self, path: Path, sha256: str) -> bytes:
        try:
            data = read_limited(path, MAX_IMAGE_BYTES)
        except (OSError, InputError) as exc:
            raise InputError(
                f"the picture of turn {self.name} is no longer in memory and its saved file "
                f"{str(path)!r} cannot be read ({getattr(exc, 'strerror', None) or exc})"
            ) from None
        if digest(data) != sha256:
            raise InputError(
                f"the picture of turn {self.name} is no longer in memory and its saved file "
                f"{str(path)!r} was changed on disk"
            )
        return data


def _pack(array: np.ndarray | None) -> tuple[bytes, tuple[int, ...]] | None:
    """A bool array at one bit an element."""
    if array is None:
        return None
    return np.packbits(np.asarray(array, dtype=bool), axis=None).tobytes(), array.shape


def _unpack(packed: tuple[bytes, tuple[int, ...]] | None) -> np.ndarray | None:
    if packed is None:
        return None
    bits, shape = packed
    count = int(np.prod(shape))
    return np.unpackbits(np.frombuffer(bits, np.uint8), count=count).reshape(shape).astype(bool)
