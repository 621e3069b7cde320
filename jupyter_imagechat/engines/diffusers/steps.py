"""Per-step hooks of a diffusers run: progress, live previews, Stop, the draft picture.

diffusers pipelines report steps in one of two ways: ``callback_on_step_end`` with the
``interrupt`` property (current pipelines) or the older ``callback(step, timestep,
latents)`` (GLIGEN and other deprecated pipelines). :class:`StepHook` speaks both:
it forwards ``on_progress(step, total, preview)`` with a cheap preview from
:mod:`.previews`, checks ``should_stop()`` after every step, and ends the run within
that step (``interrupt`` where the pipeline has it, an exception otherwise).
"""

from __future__ import annotations

import inspect
import logging
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import Cancelled
from ..base import Result, keep_outside_mask
from .previews import latents_to_preview

PASTE_FEATHER = 4
"""Pixels of blend inside the mask's edge when an edit is pasted back (0: a hard edge)."""

if TYPE_CHECKING:
    from PIL import Image

    from ..base import ProgressCallback, StopCheck

log = logging.getLogger(__name__)

__all__ = [
    "StepHook",
    "StopRun",
    "call_progress",
    "cancelled_error",
    "finish_image",
    "takes_step_end",
]


class StopRun(Exception):
    """Raised inside an old-style callback to end a run that has no ``interrupt``."""


def takes_step_end(pipe: Any) -> bool:
    """True when ``pipe`` takes ``callback_on_step_end`` (and so honours ``interrupt``)."""
    try:
        params = inspect.signature(pipe.__call__).parameters
    except (TypeError, ValueError):
        return False
    return "callback_on_step_end" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _takes_label(callback: Any) -> bool:
    try:
        params = inspect.signature(callback).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "label" or p.kind is p.VAR_KEYWORD for p in params)


NO_PREVIEW = "drawing (no preview for this model)"
"""The progress label of a model whose latents have no known colour map (:mod:`.previews`):
the bar moves and says why the canvas does not."""


def call_progress(
    callback: ProgressCallback | None,
    step: int,
    total: int,
    preview: Image.Image | None = None,
    label: str | None = None,
) -> None:
    """Call ``callback(step, total, preview)``, adding ``label=`` if it takes one."""
    if callback is None:
        return
    if label is not None and _takes_label(callback):
        callback(step, total, preview, label=label)  # type: ignore[call-arg]
    else:
        callback(step, total, preview)


class StepHook:
    """Progress, previews and Stop for one pipeline call.

    Parameters
    ----------
    pipe : diffusers pipeline
        The pipeline about to run.
    steps : int
        Steps asked for (the pipeline may run fewer, e.g. img2img with strength).
    size : tuple of int
        ``(width, height)`` of the picture the user gets; previews are scaled to it.
    on_progress, should_stop : callable or None
        The engine's callbacks.
    source, keep : PIL image and bool array, optional
        For inpainting: previews show the old picture outside the mask.
    preview : str or None
        The latent format of the previews (:mod:`.previews`); ``None``: no previews.
    grid : tuple of int, optional
        ``(h, w)`` of the latent grid (to unpack FLUX latents).
    """

    def __init__(
        self,
        pipe: Any,
        steps: int,
        size: tuple[int, int],
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
        source: Image.Image | None = None,
        keep: np.ndarray | None = None,
        *,
        preview: str | None = "sd",
        grid: tuple[int, int] | None = None,
    ) -> None:
        self.pipe = pipe
        self.steps = steps
        self.size = size
        self.on_progress = on_progress
        self.should_stop = should_stop
        self.source, self.keep = source, keep
        self.format = preview
        self.grid = grid
        self.new_api = takes_step_end(pipe)
        self.stopped: tuple[int, int] | None = None
        self.latents: Any = None
        self.preview: Image.Image | None = None

    def call_kwargs(self) -> dict[str, Any]:
        """The keyword arguments that install this hook in the pipeline call."""
        if self.new_api:
            inputs = list(getattr(self.pipe, "_callback_tensor_inputs", []) or [])
            kwargs: dict[str, Any] = {"callback_on_step_end": self.step_end}
            if "latents" in inputs:
                kwargs["callback_on_step_end_tensor_inputs"] = ["latents"]
            return kwargs
        return {"callback": self.old_callback, "callback_steps": 1}

    # -- the two callback styles -------------------------------------------------
    def step_end(self, pipe: Any, step: int, timestep: Any, kwargs: dict[str, Any]) -> dict:
        total = int(getattr(pipe, "num_timesteps", 0) or self.steps)
        if self._after_step(step + 1, total, kwargs.get("latents")):
            pipe._interrupt = True
        return {}

    def old_callback(self, step: int, timestep: Any, latents: Any) -> None:
        total = len(getattr(self.pipe.scheduler, "timesteps", [])) or self.steps
        if self._after_step(step + 1, total, latents):
            raise StopRun

    def _after_step(self, step: int, total: int, latents: Any) -> bool:
        """Report the step; return True when the run must stop now."""
        if self.stopped is not None:
            return True
        if latents is not None:
            self.latents = latents
        if self.on_progress is not None:
            self.preview = self._make_preview(latents)
            label = None if self.format is not None else NO_PREVIEW
            call_progress(self.on_progress, step, total, self.preview, label=label)
        if self.should_stop is not None and self.should_stop():
            self.stopped = (step, total)
            return True
        return False

    def _make_preview(self, latents: Any) -> Image.Image | None:
        if latents is None or self.format is None:
            return None
        try:
            preview = latents_to_preview(latents, self.format, self.size, self.grid)
        except Exception:  # a preview is a nicety; never fail the run for it
            log.debug("no preview for this step", exc_info=True)
            return None
        if preview is not None and self.source is not None and self.keep is not None:
            preview = keep_outside_mask(preview.resize(self.source.size), self.source, self.keep)
        return preview

    # -- the draft after Stop --------------------------------------------------------
    def decode_draft(self) -> Image.Image | None:
        """Decode the last latents with the pipeline's VAE (the draft kept after Stop).

        Only pipelines without ``interrupt`` need it (the others decode the latents of
        the step they stopped at themselves). A float16 VAE whose config asks for it
        (``force_upcast``, SDXL's) decodes in float32, as diffusers' pipelines do.
        Falls back to the last cheap preview when decoding is not possible.
        """
        latents, pipe = self.latents, self.pipe
        vae = getattr(pipe, "vae", None)
        processor = getattr(pipe, "image_processor", None)
        if latents is None or vae is None or processor is None or latents.ndim != 4:
            return self.preview or self._make_preview(latents)
        try:
            import torch

            upcast = vae.dtype == torch.float16 and getattr(vae.config, "force_upcast", False)
            dtype = torch.float32 if upcast else vae.dtype
            with torch.inference_mode():
                scaled = latents.to(dtype) / vae.config.scaling_factor
                if upcast:
                    vae.to(dtype=torch.float32)
                try:
                    decoded = vae.decode(scaled, return_dict=False)[0]
                finally:
                    if upcast:
                        vae.to(dtype=torch.float16)
                image = processor.postprocess(decoded, output_type="pil")[0]
        except Exception:  # e.g. packed FLUX latents: keep the preview instead
            log.debug("could not decode the draft latents", exc_info=True)
            return self.preview or self._make_preview(latents)
        return image.convert("RGB")


def finish_image(
    out: Image.Image,
    width: int,
    height: int,
    source: Image.Image | None,
    keep: np.ndarray | None,
) -> Image.Image:
    """Scale ``out`` to the asked size; paste back the old pixels outside ``keep``."""
    if out.size != (width, height):
        out = out.resize((width, height))
    if keep is not None and source is not None:
        out = keep_outside_mask(out, source, keep, feather=PASTE_FEATHER)
    return out


def cancelled_error(
    hook: StepHook,
    out: Image.Image | None,
    metadata: dict[str, Any],
    source: Image.Image | None,
    keep: np.ndarray | None,
) -> Cancelled:
    """The :class:`Cancelled` error of a stopped run, with ``error.draft`` (a Result or None).

    ``out`` is what the pipeline decoded after ``interrupt`` (``None`` when the run was
    ended by :class:`StopRun`; then the last latents are decoded here).
    """
    done, total = hook.stopped or (0, 0)
    error = Cancelled(f"stopped after step {done} of {total}")
    draft = out if out is not None else hook.decode_draft()
    error.draft = None  # type: ignore[attr-defined]
    if draft is not None:
        image = finish_image(draft.convert("RGB"), metadata["width"], metadata["height"],
                             source, keep)  # fmt: skip
        meta = {**metadata, "stopped_at_step": done, "total_steps": total}
        error.draft = Result(image, [], meta)  # type: ignore[attr-defined]
    return error
