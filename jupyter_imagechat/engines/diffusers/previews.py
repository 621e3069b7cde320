"""Cheap live previews of a diffusion run: latents -> RGB without the VAE.

A Stable Diffusion latent has 4 channels at 1/8 of the picture's size. A fixed
linear map of those channels to RGB (the "latent RGB factors" that ComfyUI and the
AUTOMATIC1111 web UI use for their fast previews) gives a blurry but recognisable
picture in well under a millisecond, with no extra model. It is an approximation:
colours are roughly right, detail is 8x coarser, and early steps show mostly noise.
The final picture is always decoded by the real VAE.

- SD 1.x / 2.x (and GLIGEN): :data:`SD15_FACTORS`.
- SDXL (its VAE has a different latent space): :data:`SDXL_FACTORS` plus a bias.
- SD3: 16 channels, :data:`SD3_FACTORS` plus a bias.
- FLUX: 16 channels packed 2 x 2 into a sequence of 64-wide tokens; unpacked to
  ``(16, h, w)`` first (the latent grid must be known), then :data:`FLUX_FACTORS`.
- Any other family: no preview (``None``), the progress bar still moves.

The factors are ComfyUI's (``comfy/latent_formats.py``), fitted on each family's VAE.

Nothing here imports torch at module level; :func:`latents_to_preview` takes a torch
tensor or a numpy array.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from PIL import Image

__all__ = [
    "FLUX_FACTORS",
    "LATENT_FORMATS",
    "SD3_FACTORS",
    "SD15_FACTORS",
    "SDXL_FACTORS",
    "latents_to_preview",
    "unpack_flux",
]

SD15_FACTORS = np.array(
    [
        [0.3512, 0.2297, 0.3227],
        [0.3250, 0.4974, 0.2350],
        [-0.2829, 0.1762, 0.2721],
        [-0.2120, -0.2616, -0.7177],
    ],
    dtype=np.float32,
)
"""4x3 map from SD 1.x/2.x latent channels to RGB in about -1..1."""

SDXL_FACTORS = np.array(
    [
        [0.3651, 0.4232, 0.4341],
        [-0.2533, -0.0042, 0.1068],
        [0.1076, 0.1111, -0.0362],
        [-0.3165, -0.2492, -0.2188],
    ],
    dtype=np.float32,
)
"""4x3 map from SDXL latent channels to RGB in about -1..1 (add :data:`SDXL_BIAS`)."""

SDXL_BIAS = np.array([0.1084, -0.0175, -0.0011], dtype=np.float32)

SD3_FACTORS = np.array(
    [
        [-0.0922, -0.0175, 0.0749], [0.0311, 0.0633, 0.0954], [0.1994, 0.0927, 0.0458],
        [0.0856, 0.0339, 0.0902], [0.0587, 0.0272, -0.0496], [-0.0006, 0.1104, 0.0309],
        [0.0978, 0.0306, 0.0427], [-0.0042, 0.1038, 0.1358], [-0.0194, 0.0020, 0.0669],
        [-0.0488, 0.0130, -0.0268], [0.0922, 0.0988, 0.0951], [-0.0278, 0.0524, -0.0542],
        [0.0332, 0.0456, 0.0895], [-0.0069, -0.0030, -0.0810], [-0.0596, -0.0465, -0.0293],
        [-0.1448, -0.1463, -0.1189],
    ],
    dtype=np.float32,
)  # fmt: skip
"""16x3 map from SD3 latent channels to RGB (add :data:`SD3_BIAS`)."""

SD3_BIAS = np.array([0.2394, 0.2135, 0.1925], dtype=np.float32)

FLUX_FACTORS = np.array(
    [
        [-0.0346, 0.0244, 0.0681], [0.0034, 0.0210, 0.0687], [0.0275, -0.0668, -0.0433],
        [-0.0174, 0.0160, 0.0617], [0.0859, 0.0721, 0.0329], [0.0004, 0.0383, 0.0115],
        [0.0405, 0.0861, 0.0915], [-0.0236, -0.0185, -0.0259], [-0.0245, 0.0250, 0.1180],
        [0.1008, 0.0755, -0.0421], [-0.0515, 0.0201, 0.0011], [0.0428, -0.0012, -0.0036],
        [0.0817, 0.0765, 0.0749], [-0.1264, -0.0522, -0.1103], [-0.0280, -0.0881, -0.0499],
        [-0.1262, -0.0982, -0.0778],
    ],
    dtype=np.float32,
)  # fmt: skip
"""16x3 map from FLUX latent channels to RGB (add :data:`FLUX_BIAS`)."""

FLUX_BIAS = np.array([-0.0329, -0.0718, -0.0851], dtype=np.float32)

_FORMATS: dict[str, tuple[np.ndarray, np.ndarray]] = {
    "sd": (SD15_FACTORS, np.zeros(3, dtype=np.float32)),
    "sdxl": (SDXL_FACTORS, SDXL_BIAS),
    "sd3": (SD3_FACTORS, SD3_BIAS),
    "flux": (FLUX_FACTORS, FLUX_BIAS),
}
LATENT_FORMATS = tuple(_FORMATS)
"""The formats :func:`latents_to_preview` has a map for."""


def unpack_flux(array: np.ndarray, grid: tuple[int, int]) -> np.ndarray | None:
    """``(tokens, 64)`` packed FLUX latents -> ``(16, h, w)`` for a latent grid ``(h, w)``."""
    h, w = grid
    if array.ndim != 2 or h % 2 or w % 2 or array.shape[0] != (h // 2) * (w // 2):
        return None
    channels = array.shape[1] // 4
    unpacked = array.reshape(h // 2, w // 2, channels, 2, 2).transpose(2, 0, 3, 1, 4)
    return unpacked.reshape(channels, h, w)


def latents_to_preview(
    latents: Any,
    fmt: str | None = "sd",
    size: tuple[int, int] | None = None,
    grid: tuple[int, int] | None = None,
) -> Image.Image | None:
    """Return an approximate RGB picture of ``latents``, or ``None`` if it has no known map.

    Parameters
    ----------
    latents : torch.Tensor or numpy.ndarray
        ``(batch, channels, h, w)`` or ``(channels, h, w)``; FLUX's packed
        ``(batch, tokens, 64)`` or ``(tokens, 64)``. Only the first picture is shown.
    fmt : str or None
        One of :data:`LATENT_FORMATS` (``"sd"``, ``"sdxl"``, ``"sd3"``, ``"flux"``);
        anything else gives ``None``.
    size : tuple of int, optional
        ``(width, height)`` to scale the preview to (bilinear); default 8x the latent.
    grid : tuple of int, optional
        ``(h, w)`` of the latent grid: needed to unpack FLUX latents.
    """
    from PIL import Image

    if fmt not in _FORMATS:
        return None
    factors, bias = _FORMATS[fmt]
    batched = 3 if fmt == "flux" else 4
    if hasattr(latents, "detach"):  # a torch tensor, maybe on a GPU and in half precision
        latents = latents.detach()[0] if latents.ndim == batched else latents.detach()
        array = latents.float().cpu().numpy()
    else:
        array = np.asarray(latents, dtype=np.float32)
        array = array[0] if array.ndim == batched else array
    if fmt == "flux":
        unpacked = unpack_flux(array, grid) if grid is not None else None
        if unpacked is None:
            return None
        array = unpacked
    if array.ndim != 3 or array.shape[0] != factors.shape[0]:
        return None
    rgb = np.einsum("chw,cr->hwr", array, factors) + bias
    pixels = np.clip((rgb + 1.0) * 127.5, 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels, "RGB")
    h, w = array.shape[1:]
    return image.resize(size or (w * 8, h * 8), Image.Resampling.BILINEAR)
