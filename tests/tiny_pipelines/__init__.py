"""Tiny random diffusers pipelines of every model family the README names, built offline.

Each builder makes a pipeline with random weights and the real architecture of its
family (the same components, text encoders, latent layout and scheduler kind), small
enough to draw a 64 px picture in well under a second on a CPU. Tokenizers are built
in memory (:mod:`.text`): no vocabulary file, no download. :func:`build` saves one
with ``save_pretrained`` so it loads by folder like a downloaded model::

    from tiny_pipelines import build
    folder = build("sdxl", tmp_path / "tiny-sdxl")
    chat = ImageChat(engine="diffusers", model=folder)

The pictures are noise; what they exercise is the real loading, encoding, scheduling,
img2img, inpainting and attention code of each family.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import transformer, unet


def _one_thread() -> None:
    """Run torch on one thread: tiny models gain nothing from two, and on a shared 2-core
    machine OpenMP's waiting threads make each UNet call ~30x slower (0.1 s -> 3 s
    measured at load 6.5)."""
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(1)


_one_thread()

SIZE = 64
"""The default picture size of every tiny pipeline but FLUX (which has no sample size
in its config and draws 1024 px unless told: pass ``width``/``height``)."""

FAMILIES: dict[str, Callable[[], Any]] = {
    "sd1": unet.sd,
    "sd2": lambda: unet.sd(v_prediction=True),
    "sdxl": unet.sdxl,
    "sd-inpainting": lambda: unet.sd(inpainting=True),
    "sd3": transformer.sd3,
    "sd3-no-t5": lambda: transformer.sd3(t5=False),
    "flux": transformer.flux,
    "flux-schnell": lambda: transformer.flux(guidance_embeds=False),
    "gligen": lambda: unet.sd(gligen=True),
}
"""Builders by name: SD 1.x (epsilon), SD 2.x (v-prediction), SDXL, a 9-channel
inpainting UNet, SD3 (and SD3 with ``text_encoder_3=None``), FLUX (guidance-distilled
"dev" and timestep-distilled "schnell") and GLIGEN."""


def pipeline(family: str) -> Any:
    """Return a new tiny pipeline of ``family`` (a key of :data:`FAMILIES`), in memory."""
    return FAMILIES[family]()


def build(family: str, path: str | Path) -> str:
    """Build a tiny pipeline of ``family``, save it to ``path`` and return the path.

    The libraries' warnings and "Writing model shards" bars go to the log, as they do
    while the engine loads.
    """
    from jupyter_imagechat.engines.diffusers.quiet import library_output_to_log

    with library_output_to_log():
        pipeline(family).save_pretrained(str(path))
    return str(path)
