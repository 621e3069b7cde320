"""Cheap live previews of a diffusion run: latents -> RGB without the VAE.

A Stable Diffusion latent has 4 channels at 1/8 of the picture's size. A fixed
linear map of those 4 channels to RGB (the "latent RGB factors" that ComfyUI and the
AUTOMATIC1111 web UI use for their fast previews) gives a blurry but recognisable
picture in well under a millisecond, with no extra model. It is an approximation:
colours are roughly right, detail is 8x coarser, and early steps show mostly noise.
The final picture is always decoded by the real VAE.

- SD 1.x / 2.x and other 4-channel latents: :data:`SD15_FACTORS`.
- SDXL (its VAE has a different latent space): :data:`SDXL_FACTORS` plus a bias.
- Anything else (SD3 and FLUX use 16 channels, packed for FLUX): no preview
  (``None``), the progress bar still moves.

Nothing here imports torch at module level; :func:`latents_to_preview` takes a torch
tensor or a numpy array.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["SD15_FACTORS", "SDXL_FACTORS", "latent_format", "latents_to_preview"]

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

_FORMATS: dict[str, tuple[np.ndarray, np.ndarray]] = {
    "sd": (SD15_FACTORS, np.zeros(3, dtype=np.float32)),
    "sdxl": (SDXL_FACTORS, SDXL_BIAS),
}


def latent_format(pipe: Any) -> str | None:
    """Return ``"sd"``, ``"sdxl"`` or ``None`` (no cheap preview) for a pipeline."""
    unet = getattr(pipe, "unet", None)
    config = getattr(unet, "config", None)
    if config is None or int(getattr(config, "out_channels", 0) or 0) != 4:
        return None
    if "XL" in type(pipe).__name__:
        return "sdxl"
    return "sd"


def latents_to_preview(
    latents: Any, fmt: str | None = "sd", size: tuple[int, int] | None = None
) -> Image.Image | None:
    """Return an approximate RGB picture of ``latents``, or ``None`` if it has no known map.

    Parameters
    ----------
    latents : torch.Tensor or numpy.ndarray
        ``(batch, 4, h, w)`` or ``(4, h, w)``; only the first picture is shown.
    fmt : str or None
        ``"sd"`` or ``"sdxl"`` (see :func:`latent_format`); ``None`` gives ``None``.
    size : tuple of int, optional
        ``(width, height)`` to scale the preview to (bilinear); default 8x the latent.
    """
    from PIL import Image

    if fmt not in _FORMATS:
        return None
    if hasattr(latents, "detach"):  # a torch tensor, maybe on a GPU and in half precision
        latents = latents.detach()[0] if latents.ndim == 4 else latents.detach()
        array = latents.float().cpu().numpy()
    else:
        array = np.asarray(latents, dtype=np.float32)
        array = array[0] if array.ndim == 4 else array
    if array.ndim != 3 or array.shape[0] != 4:
        return None
    factors, bias = _FORMATS[fmt]
    rgb = np.einsum("chw,cr->hwr", array, factors) + bias
    pixels = np.clip((rgb + 1.0) * 127.5, 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels, "RGB")
    h, w = array.shape[1:]
    return image.resize(size or (w * 8, h * 8), Image.Resampling.BILINEAR)
