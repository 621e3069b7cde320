"""One draw, planned: what it is made of (:class:`Drawing`) and what its picture records
(:func:`draw_metadata`). The engine draws one alone (:meth:`~.engine.DiffusersEngine.draw`)
or several in one pipeline call (:mod:`.batching`); both record the same metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .loading import library_versions
from .options import recorded_options

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from ...scene import SceneGraph
    from .calls import Run
    from .families import Profile

__all__ = ["Drawing", "draw_metadata"]


@dataclass
class Drawing:
    """A draw after its inputs were checked and its run planned, before the pipeline runs."""

    scene: SceneGraph
    settings: dict[str, Any]
    seed: int
    source: Image.Image | None
    """The picture to vary or edit (RGB), or ``None``."""
    keep: np.ndarray | None
    """True where an edit may change pixels; the rest is pasted back."""
    profile: Profile
    run: Run
    pipe: Any
    """The pipeline it runs on."""
    prompt: str
    negative: str


def draw_metadata(engine: Any, d: Drawing, record: dict[str, Any]) -> dict[str, Any]:
    """What decides a draw's pixels (the turn's ``metadata``): ``engine``'s model, device
    and options, ``d``'s run, and ``record`` (what the pipeline call's arguments add)."""
    pipe, run, profile = d.pipe, d.run, d.profile
    metadata = {
        "mode": run.mode,
        "model": engine.model,
        "model_revision": engine.model_revision,
        "family": profile.family,
        "distilled": profile.distilled,
        "pipeline": type(pipe).__name__,
        "scheduler": type(pipe.scheduler).__name__,
        "scheduler_config": dict(pipe.scheduler.config),
        "prediction_type": profile.prediction_type,
        "steps": run.steps,
        "guidance_scale": run.guidance,
        "strength": run.strength if run.mode != "text2img" else None,
        "width": run.width,
        "height": run.height,
        "seed": d.seed,
        "device": str(engine.device),
        "dtype": engine.dtype,
        "offload": engine.pipelines.offload,
        "prompt": d.prompt,
        "preview": profile.preview,
        "versions": library_versions(),
        **record,
    }
    metadata["engine_options"], left_out = recorded_options(
        engine.pipelines, engine.grounding, pipe
    )
    if left_out:  # from_pretrained keywords exported code cannot write
        metadata["engine_options_left_out"] = left_out
    if run.notes:
        metadata["notes"] = list(run.notes)
    return metadata
