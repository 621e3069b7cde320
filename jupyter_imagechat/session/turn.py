"""The record of one turn: everything needed to redo it, and nothing that writes files.

A :class:`Turn` holds the prompt, the plan before and after, engine and model, settings,
seed, mask and the picture the turn produced. Turns are never changed once recorded.
``turn.to_png()`` and ``turn.save()`` hand the record to the PNG writer
(:mod:`.provenance`), which sees a turn only through its fields (:class:`.fields.TurnFields`)
and never imports this module.

``image``, ``mask`` and ``objects`` are properties over the turn's
:class:`~.pictures.Pictures`: an
older turn's picture may leave memory once it is saved, and reading ``turn.image`` then
decodes it again (see :mod:`.pictures`). A turn's id, parent and mode are checked when it
is made: ids name files, and modes choose the code that redoes a turn.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checker import Verdict
from ..engines.base import DrawnObject
from ..errors import InputError
from ..scene import SceneGraph
from ..scene.text import clean_data
from .fields import MODES
from .pictures import Pictures
from .provenance import png_with_provenance
from .records import TURN_ID, turn_fields

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
        One of :data:`.fields.MODES`: ``"text2img"``, ``"img2img"``, ``"inpaint"``,
        ``"outpaint"``, ``"load"`` or ``"draft"``.
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

    def __post_init__(self) -> None:
        for name, value in (("id", self.id), ("parent", self.parent)):
            if not (value is None and name == "parent") and not (
                isinstance(value, str) and TURN_ID.match(value)
            ):
                raise InputError(f"a turn's {name} must be a turn id such as 't3', got {value!r}")
        if self.mode not in MODES:
            raise InputError(f"a turn's mode must be one of {', '.join(MODES)}, got {self.mode!r}")

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

        :meth:`from_record` with the image and mask gives the turn back. Every text in it
        is valid (a lone surrogate would make the file unwritable).
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
        return dict(clean_data(record))

    @classmethod
    def from_record(
        cls,
        record: dict[str, Any],
        image: Image.Image | None,
        mask: np.ndarray | None = None,
        *,
        png_file: tuple[Path, str] | None = None,
    ) -> Turn:
        """Rebuild a turn from :meth:`to_record` data, its picture and its mask.

        The record may come from a file anyone can edit: every field is checked
        (:func:`.records.turn_fields`). ``png_file`` (a path and its SHA-256) instead of
        ``image`` leaves the picture in its file until it is read.

        Raises
        ------
        InputError
            Naming the field that is missing, of the wrong type or out of range.
        """
        fields = turn_fields(record)
        if image is None and png_file is None:
            raise InputError(f"turn {fields['id']} has no picture")
        turn = cls(**fields, mask=mask, image=image)  # type: ignore[arg-type]
        if png_file is not None:
            turn._pictures.set_file(*png_file)
        return turn

    def to_png(self) -> bytes:
        """Return the picture as PNG bytes carrying the turn's provenance.

        The text chunks (prompt, plan, seed, engine, model, parent, settings)
        are readable with :func:`jupyter_imagechat.read_metadata`. The picture is
        encoded once; later calls (autosave, the widget, exports) reuse the bytes.
        """
        return self._pictures.png(lambda image: png_with_provenance(image, self))

    # -- where the picture is kept (see .pictures) ------------------------------------------
    @property
    def _pictures(self) -> Pictures:
        pictures: Pictures | None = self.__dict__.get("_pictures")
        if pictures is None:
            pictures = self.__dict__.setdefault("_pictures", Pictures(self.__dict__.get("id", "")))
        return pictures

    def _release(self) -> None:
        """Let the decoded picture leave memory (its PNG bytes or saved file stay)."""
        self._pictures.release(lambda image: png_with_provenance(image, self))

    def _keep(self) -> None:
        """Keep the decoded picture in memory once it is read."""
        self._pictures.keep = True

    def _saved_to(self, path: Path, sha256: str) -> None:
        """Note that the picture is saved at ``path`` (bytes with this SHA-256)."""
        self._pictures.set_file(path, sha256)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write :meth:`to_png` to ``path`` and return it."""
        target = Path(path)
        target.write_bytes(self.to_png())
        return target

    def __repr__(self) -> str:
        prompt = textwrap.shorten(self.prompt, 40, placeholder="...")
        summary = textwrap.shorten(self.summary(), 60, placeholder="...")  # cut at a word
        return f"<Turn {self.id} {self.mode} {prompt!r}: {summary}>"


def _get_image(turn: Turn) -> Image.Image:
    return turn._pictures.image()


def _set_image(turn: Turn, image: Image.Image | None) -> None:
    if image is not None:
        turn._pictures.set_image(image)


def _get_objects(turn: Turn) -> list[DrawnObject]:
    return turn._pictures.objects()


def _set_objects(turn: Turn, objects: list[DrawnObject]) -> None:
    turn._pictures.set_objects(objects)


def _get_mask(turn: Turn) -> np.ndarray | None:
    return turn._pictures.mask()


def _set_mask(turn: Turn, mask: np.ndarray | None) -> None:
    turn._pictures.set_mask(mask)


# ``image``, ``mask`` and ``objects`` stay dataclass fields (the constructor and
# ``dataclasses.replace`` take them); reading and setting them goes through the turn's
# Pictures. A frozen
# dataclass sets its fields with ``object.__setattr__``, which calls these setters.
setattr(Turn, "image", property(_get_image, _set_image, doc="The picture this turn produced."))  # noqa: B010
setattr(Turn, "mask", property(_get_mask, _set_mask, doc="The mask of an inpainting turn."))  # noqa: B010
setattr(Turn, "objects", property(_get_objects, _set_objects, doc="What was drawn where."))  # noqa: B010


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
