"""Model families: what a loaded pipeline is, and the defaults and quirks that follow.

:func:`profile_of` reads a loaded text-to-image pipeline (its components and their
configs, not its name alone) and returns a :class:`Profile`: the family, whether the
model is distilled for few steps, whether its UNet is a 9-channel inpainting one, and
the defaults a turn uses when the settings name none.

============  ==========================================  =====  ========  ===============
family        recognised by                               steps  guidance  negative prompt
============  ==========================================  =====  ========  ===============
``sd``        a UNet without added embeddings (SD 1.x;    25     7.5       yes
              SD 2.x when the scheduler predicts ``v``)
``sdxl``      a UNet with ``text_time`` embeddings        25     5.0       yes
``sd3``       an ``SD3Transformer2DModel`` (MMDiT)        28     7.0       yes
``flux``      a ``FluxTransformer2DModel``                28     3.5       only with
                                                                           ``true_cfg_scale``
``gligen``    gated attention (GLIGEN)                    25     7.5       yes
``other``     anything else the AutoPipelines load        25     7.5       if it takes one
============  ==========================================  =====  ========  ===============

Distilled models want few steps and no classifier-free guidance. A model counts as
distilled when its own config says so (a FLUX transformer without a guidance
embedding, as FLUX.1-schnell; an LCM or TCD scheduler) or its hub id (a folder: its
own name) contains "turbo", "schnell", "lightning" or "lcm" (SD-Turbo, SDXL-Turbo,
SD3.5-Large-Turbo): then 1 step for SD/SDXL turbo models and 4 for the others,
guidance 0, and edits take the fewest steps that leave that many after ``strength``.
FLUX's ``guidance_scale`` is a distilled guidance fed to the transformer, not
classifier-free guidance: it has no negative prompt unless ``true_cfg_scale`` > 1
(which doubles the work).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["FAMILIES", "Profile", "distilled_steps", "profile_of"]

FAMILIES = ("sd", "sdxl", "sd3", "flux", "gligen", "other")
"""The families :func:`profile_of` tells apart."""

_DEFAULTS: dict[str, tuple[int, float]] = {
    "sd": (25, 7.5),
    "sdxl": (25, 5.0),
    "sd3": (28, 7.0),
    "flux": (28, 3.5),
    "gligen": (25, 7.5),
    "other": (25, 7.5),
}
"""``(steps, guidance_scale)`` of each family's full (not distilled) models."""

_DISTILLED_WORDS = ("turbo", "schnell", "lightning", "lcm")
_FEW_STEP_SCHEDULERS = ("LCMScheduler", "TCDScheduler")
_LATENT_PREVIEWS = {"sd": "sd", "gligen": "sd", "sdxl": "sdxl", "sd3": "sd3", "flux": "flux"}


@dataclass(frozen=True)
class Profile:
    """What a loaded model is, and what a turn does with it by default.

    Attributes
    ----------
    family : str
        One of :data:`FAMILIES`.
    distilled : str or None
        Why the model counts as distilled for few steps (``"'turbo' in the model
        id"``, ``"the transformer has no guidance embedding"``...), ``None`` if not.
    inpainting_unet : bool
        A 9-channel inpainting UNet: every mode runs through the inpainting pipeline
        (a new picture is an inpainting of a blank canvas, all masked).
    prediction_type : str or None
        The scheduler's ``prediction_type`` (``"v_prediction"`` for SD 2.x 768 px).
    few_steps : int
        The steps of a distilled model: 1 for SD-Turbo and SDXL-Turbo, 4 for the others.
    """

    family: str
    distilled: str | None = None
    inpainting_unet: bool = False
    prediction_type: str | None = None
    few_steps: int = 4

    @property
    def steps(self) -> int:
        """Default steps of a new picture."""
        return self.few_steps if self.distilled else _DEFAULTS[self.family][0]

    @property
    def guidance(self) -> float:
        """Default ``guidance_scale``."""
        return 0.0 if self.distilled else _DEFAULTS[self.family][1]

    @property
    def preview(self) -> str | None:
        """The latent format of the live previews (:mod:`.previews`), ``None`` for none."""
        return _LATENT_PREVIEWS.get(self.family)

    @property
    def regional(self) -> bool:
        """Whether regional prompts (attention masks per box) work for this family."""
        return self.family in ("sd", "sdxl", "sd3", "flux", "gligen")

    @property
    def label(self) -> str:
        """A short name for messages: ``"SDXL"``, ``"FLUX (distilled)"``."""
        names = {"sd": "Stable Diffusion 1.x/2.x", "sdxl": "SDXL", "sd3": "SD3",
                 "flux": "FLUX", "gligen": "GLIGEN", "other": "other"}  # fmt: skip
        return names[self.family] + (" (distilled)" if self.distilled else "")


def profile_of(pipe: Any, model: str) -> Profile:
    """Return the :class:`Profile` of a loaded text-to-image ``pipe`` loaded from ``model``."""
    family = _family(pipe)
    scheduler = getattr(pipe, "scheduler", None)
    prediction = getattr(getattr(scheduler, "config", None), "prediction_type", None)
    unet_config = getattr(getattr(pipe, "unet", None), "config", None)
    in_channels = int(getattr(unet_config, "in_channels", 4) or 4)
    distilled, few_steps = _distilled(pipe, model, family)
    return Profile(
        family=family,
        distilled=distilled,
        inpainting_unet=in_channels == 9,
        prediction_type=str(prediction) if prediction else None,
        few_steps=few_steps,
    )


def _family(pipe: Any) -> str:
    unet = getattr(pipe, "unet", None)
    config = getattr(unet, "config", None)
    if "GLIGEN" in type(pipe).__name__ or getattr(config, "attention_type", None) == "gated":
        return "gligen"
    transformer = getattr(pipe, "transformer", None)
    if transformer is not None:
        name = type(transformer).__name__
        if name.startswith("SD3Transformer"):
            return "sd3"
        if name == "FluxTransformer2DModel":
            return "flux"
        return "other"
    if type(unet).__name__ == "UNet2DConditionModel":
        return "sdxl" if getattr(config, "addition_embed_type", None) == "text_time" else "sd"
    return "other"


def _distilled(pipe: Any, model: str, family: str) -> tuple[str | None, int]:
    """Why the model is distilled (``None``: it is not), and its steps."""
    transformer_config = getattr(getattr(pipe, "transformer", None), "config", None)
    if family == "flux" and not getattr(transformer_config, "guidance_embeds", True):
        return "the transformer has no guidance embedding (as FLUX.1-schnell)", 4
    scheduler = type(getattr(pipe, "scheduler", None)).__name__
    if scheduler in _FEW_STEP_SCHEDULERS:
        return f"its scheduler is {scheduler}", 4
    name = model.lower().replace("\\", "/").rstrip("/")
    if Path(model).expanduser().is_dir():  # a folder: its own name, not the folders above
        name = name.rsplit("/", 1)[-1]
    for word in _DISTILLED_WORDS:
        if word in name:
            turbo = word == "turbo" and family in ("sd", "sdxl")  # SD-Turbo, SDXL-Turbo
            return f"{word!r} in the model id", 1 if turbo else 4
    return None, 4


def distilled_steps(profile: Profile, strength: float) -> int:
    """Steps of a distilled model's edit: the fewest that leave :attr:`Profile.steps`
    denoising steps after ``strength`` (diffusers runs ``int(steps * strength)``)."""
    steps = max(1, math.ceil(profile.steps / strength))
    while int(steps * strength) < profile.steps:
        steps += 1
    return steps
