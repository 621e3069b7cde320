"""Reading pictures and masks from whatever users and browsers hand us.

Everything here validates untrusted input and raises
:class:`~jupyter_imagechat.errors.InputError` with a message fit for the chat pane.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import InputError

if TYPE_CHECKING:
    from PIL import Image

MAX_IMAGE_BYTES = 64 * 1024 * 1024
"""Largest encoded image accepted (bytes)."""

MAX_DECODE_PIXELS = 24_000_000
"""Most pixels a picture file may hold to be decoded (a 24-megapixel photo, 6000x4000):
checked in the file's header before any pixel is decoded. Decoding it takes about 100 MB,
which a classroom laptop and Binder's 2 GB both have. A JPEG is decoded at 1/2, 1/4 or
1/8 scale when that is all a picture of ``fit`` pixels needs, so bigger photos fit too."""

SCALED_FROM = "imagechat:scaled_from"
"""Key in a picture's ``info`` of the size it had before :func:`as_image` scaled it down."""


def as_image(
    value: Any, *, min_size: int = 16, max_size: int = 8192, fit: int | None = None
) -> Image.Image:
    """Return ``value`` as an RGB PIL image.

    Parameters
    ----------
    value : PIL.Image.Image, numpy.ndarray, str, pathlib.Path, bytes or matplotlib Figure
        Arrays are ``(H, W)``, ``(H, W, 3)`` or ``(H, W, 4)``, uint8 or floats in 0..1.
    min_size, max_size : int
        Allowed range of each side in pixels.
    fit : int, optional
        Scale a bigger picture down (keeping its shape) so that no side is over ``fit``
        pixels, instead of refusing it; ``info[SCALED_FROM]`` then holds the size it had.

    Raises
    ------
    InputError
        If the value is not a readable picture, its size is out of range, or a file holds
        more than :data:`MAX_DECODE_PIXELS` pixels (checked before decoding).
    """
    from PIL import Image

    if isinstance(value, Image.Image):
        picture = value
    elif isinstance(value, np.ndarray):
        picture = _from_array(value)
    elif isinstance(value, (bytes, bytearray, memoryview)):
        picture = _decode(bytes(value), fit if fit is not None else max_size)
    elif isinstance(value, (str, Path)):
        path = Path(value)
        if not path.is_file():
            raise InputError(f"no image file at {str(path)!r}")
        if path.stat().st_size > MAX_IMAGE_BYTES:
            raise InputError(
                f"{str(path)!r} is {path.stat().st_size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}"
            )
        return as_image(path.read_bytes(), min_size=min_size, max_size=max_size, fit=fit)
    elif hasattr(value, "savefig"):
        buf = io.BytesIO()
        value.savefig(buf, format="png")
        return as_image(buf.getvalue(), min_size=min_size, max_size=max_size, fit=fit)
    else:
        raise InputError(
            f"cannot read a picture from a {type(value).__name__}; "
            "pass a PIL image, a numpy array, a path or PNG/JPEG bytes"
        )
    original = picture.size
    w, h = picture.size
    if fit is not None and max(w, h) > fit:
        w, h = max(round(w * fit / max(w, h)), 1), max(round(h * fit / max(w, h)), 1)
    if min(w, h) < min_size:
        scaled = f" once scaled down to {fit} pixels ({w}x{h})" if (w, h) != original else ""
        raise InputError(
            f"the picture is {original[0]}x{original[1]} pixels; each side must be at least "
            f"{min_size}{scaled}"
        )
    if max(w, h) > max_size:
        raise InputError(
            f"the picture is {w}x{h} pixels; each side must be {min_size} to {max_size}"
        )
    if picture.mode == "RGBA" or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        rgb = flat
    else:
        rgb = picture.convert("RGB")
    if (w, h) != rgb.size:
        rgb = rgb.resize((w, h), Image.Resampling.LANCZOS)
    if (w, h) != original or SCALED_FROM in picture.info:
        rgb.info[SCALED_FROM] = picture.info.get(SCALED_FROM, original)
    return rgb


def _decode(data: bytes, largest: int) -> Image.Image:
    """Decode an image file's bytes, refusing one with too many pixels before decoding it;
    a JPEG bigger than ``largest`` pixels a side is decoded at a smaller scale."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise InputError(f"the image is {len(data):,} bytes; the limit is {MAX_IMAGE_BYTES:,}")
    unreadable = f"these {len(data):,} bytes are not an image PIL can read (PNG, JPEG, WebP...)"
    try:
        with warnings.catch_warnings():  # the pixel count is checked below, before decoding
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(_without_text(data)))  # reads the header only
    except Image.DecompressionBombError:
        raise InputError(_too_big("over 179 million")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise InputError(unreadable) from None
    size = picture.size
    if picture.format == "JPEG" and max(size) > largest:
        picture.draft("RGB", (largest, largest))  # decode at 1/2, 1/4 or 1/8 scale
    w, h = picture.size
    if w * h > MAX_DECODE_PIXELS:
        raise InputError(_too_big(f"{size[0]}x{size[1]}"))
    try:
        picture.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise InputError(unreadable) from None
    if picture.size != size:
        picture.info[SCALED_FROM] = size
    return picture


_PNG_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt")


def _without_text(data: bytes) -> bytes:
    """A PNG file's bytes without its text chunks; other files as they are.

    The pixels do not need them, and PIL refuses a whole picture whose compressed chunk
    inflates past 1 MB. Metadata is read on its own, within its limits
    (:func:`jupyter_imagechat.read_metadata`).
    """
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    kept, pos = [data[:8]], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if kind not in _PNG_TEXT_CHUNKS:
            kept.append(data[pos:end])
        pos = end
    kept.append(data[pos:])  # a broken tail is PIL's to judge
    return b"".join(kept)


def _too_big(size: str) -> str:
    return (
        f"the picture is {size} pixels; pictures of at most {MAX_DECODE_PIXELS / 1e6:.0f} million "
        "pixels are read (a 6000x4000 photo): scale it down first"
    )


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
    expected = (image.height, image.width)
    if isinstance(value, Image.Image):
        if value.size != image.size:
            raise InputError(_wrong_size((value.height, value.width), image))
        channel = value.getchannel("A") if value.mode in ("RGBA", "LA") else value.convert("L")
        arr = np.asarray(channel) > 127
    else:
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError):
            raise InputError(f"cannot read a mask from a {type(value).__name__}") from None
        if arr.dtype.kind not in "biuf":
            raise InputError(f"a mask must hold numbers or booleans, not {arr.dtype}")
        if arr.shape != expected:  # checked before anything the size of the mask is made
            raise InputError(_wrong_size(arr.shape, image))
        if arr.dtype.kind == "f" and not np.isfinite(arr).all():
            raise InputError(
                "the mask holds NaN or infinite values; use True/False, 0/1 or numbers in 0..1"
            )
        if arr.dtype.kind in "if" and arr.size and arr.min() < 0:  # not "masked" either
            raise InputError(
                "the mask holds negative values; use True/False, 0/1 or numbers in 0..1"
            )
        arr = arr != 0
    if arr.shape != expected:
        raise InputError(_wrong_size(arr.shape, image))
    if not arr.any():
        return None
    return arr.copy()


def _wrong_size(shape: tuple[int, ...], image: Image.Image) -> str:
    return (
        f"the mask is {_size(shape)} but the picture is {image.width}x{image.height}; "
        "paint the mask on the current picture"
    )


def _size(shape: tuple[int, ...]) -> str:
    if not shape:
        return "one value"
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
