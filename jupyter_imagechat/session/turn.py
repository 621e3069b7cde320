"""The record of one turn: everything needed to redo it, and nothing that writes files.

A :class:`Turn` holds the prompt, the plan before and after, engine and model, settings,
seed, mask and the picture the turn produced. Turns are never changed once recorded.
``turn.to_png()`` and ``turn.save()`` hand the record to the PNG writer
(:mod:`.provenance`), which sees a turn only through its fields (:class:`.fields.TurnFields`)
and never imports this module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checker import Finding, Verdict
from ..engines.base import DrawnObject
from ..scene import SceneGraph
from .provenance import png_with_provenance

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

__all__ = ["Turn"]


@dataclass(frozen=True)
class Turn:
    """One finished step of a conversation.

    Attributes
    ----------
    id : str
        ``"t1"``, ``"t2"``, ... in the order turns were made.
    parent : str or None
        The turn whose picture this one started from (``None`` for the first).
    prompt : str
        What the user typed (empty for a loaded picture).
    mode : str
        ``"text2img"``, ``"img2img"``, ``"inpaint"`` or ``"load"``.
    scene_before, scene : SceneGraph or None
        The plan before and after this turn (laid out).
    engine, model : str, str or None
        Which engine drew the picture and with which model (and revision).
    settings : dict
        Engine settings (size, steps, ...), as given to the engine.
    seed : int
        The seed the engine used.
    mask : numpy.ndarray or None
        The boolean mask of an inpainting turn.
    image : PIL.Image.Image
        The picture this turn produced.
    verdict : Verdict or None
        The checker's findings.
    objects : list of DrawnObject
        What the engine says it drew where (empty when it cannot tell).
    notes : list of str
        Things the planner or engine wants the user to know (e.g. a capped count).
    timings : dict
        Seconds spent in each step (``plan``, ``layout``, ``draw``, ``check``).
    metadata : dict
        What the engine reported about the run.
    """

    id: str
    parent: str | None
    prompt: str
    mode: str
    scene_before: SceneGraph | None
    scene: SceneGraph | None
    engine: str
    model: str | None
    settings: dict[str, Any]
    seed: int
    mask: np.ndarray | None
    image: Image.Image
    verdict: Verdict | None = None
    objects: list[DrawnObject] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    _png: bytes | None = field(default=None, init=False, repr=False, compare=False)

    def summary(self) -> str:
        """Return the plan as one line (see :meth:`SceneGraph.summary`)."""
        return self.scene.summary() if self.scene is not None else "a loaded picture"

    def to_dict(self) -> dict[str, Any]:
        """Return the turn as JSON-ready data, without image or mask pixels."""
        return {
            "id": self.id,
            "parent": self.parent,
            "prompt": self.prompt,
            "mode": self.mode,
            "scene_before": self.scene_before.to_dict() if self.scene_before else None,
            "scene": self.scene.to_dict() if self.scene else None,
            "engine": self.engine,
            "model": self.model,
            "settings": dict(self.settings),
            "seed": self.seed,
            "has_mask": self.mask is not None,
            "size": list(self.image.size),
            "verdict": self.verdict.to_dict() if self.verdict else None,
            "notes": list(self.notes),
            "timings": dict(self.timings),
        }

    def to_record(self) -> dict[str, Any]:
        """Return everything about the turn except its pixels, as JSON-ready data.

        :meth:`from_record` with the image and mask gives the turn back.
        """
        record = self.to_dict()
        record["objects"] = [
            {
                "entity": o.entity,
                "index": o.index,
                "name": o.name,
                "box": [int(v) for v in o.box],
                "attributes": dict(o.attributes),
            }
            for o in self.objects
        ]
        record["metadata"] = _jsonable(self.metadata)
        return record

    @classmethod
    def from_record(
        cls, record: dict[str, Any], image: Image.Image, mask: np.ndarray | None = None
    ) -> Turn:
        """Rebuild a turn from :meth:`to_record` data, its picture and its mask."""
        verdict = record.get("verdict")
        return cls(
            id=str(record["id"]),
            parent=record.get("parent"),
            prompt=str(record.get("prompt", "")),
            mode=str(record["mode"]),
            scene_before=SceneGraph.from_dict(record["scene_before"])
            if record.get("scene_before")
            else None,
            scene=SceneGraph.from_dict(record["scene"]) if record.get("scene") else None,
            engine=str(record["engine"]),
            model=record.get("model"),
            settings=dict(record.get("settings") or {}),
            seed=int(record.get("seed", 0)),
            mask=mask,
            image=image,
            verdict=Verdict([Finding(**f) for f in verdict["findings"]]) if verdict else None,
            objects=[
                DrawnObject(o["entity"], o["index"], o["name"], tuple(o["box"]), o["attributes"])
                for o in record.get("objects", [])
            ],
            notes=list(record.get("notes", [])),
            timings=dict(record.get("timings", {})),
            metadata=dict(record.get("metadata", {})),
        )

    def to_png(self) -> bytes:
        """Return the picture as PNG bytes carrying the turn's provenance.

        The text chunks (prompt, plan, seed, engine, model, parent, settings)
        are readable with :func:`jupyter_imagechat.read_metadata`. The picture is
        encoded once; later calls (autosave, the widget, exports) reuse the bytes.
        """
        if self._png is None:  # a cache on a frozen record: set once
            object.__setattr__(self, "_png", png_with_provenance(self.image, self))
        assert self._png is not None
        return self._png

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write :meth:`to_png` to ``path`` and return it."""
        target = Path(path)
        target.write_bytes(self.to_png())
        return target

    def __repr__(self) -> str:
        return f"<Turn {self.id} {self.mode} {self.prompt[:40]!r}: {self.summary()[:60]}>"


def _jsonable(value: Any) -> Any:
    """Return ``value`` with anything JSON cannot hold turned into its ``str``."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        try:
            return _jsonable(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)
