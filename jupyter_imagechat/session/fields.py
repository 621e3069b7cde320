"""What a recorded turn holds, as the writers see it, and the modes a turn can have.

The writers (:mod:`.provenance`, :mod:`.code`, :mod:`.notebook`) turn a turn's fields into
files and text. They see a turn only through :class:`TurnFields`, so they never import the
records (:mod:`.history`): the records hand themselves to the writers (``turn.save``,
``history.to_code``), and the import arrows run one way, from the records to the writers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from ..scene import SceneGraph

__all__ = [
    "DRAFT_MODE",
    "KEPT_MODES",
    "LOAD_MODE",
    "MODES",
    "OUTPAINT_MODE",
    "OUTPAINT_SIDES",
    "PLANNED_SOURCES",
    "TurnFields",
]

MODES: tuple[str, ...] = ("text2img", "img2img", "inpaint", "outpaint", "load", "draft")
"""Every ``Turn.mode``: a new picture, the whole picture redrawn from a changed plan, a
change inside a mask, the picture extended, a picture loaded, the picture so far of a
stopped turn."""

OUTPAINT_MODE = "outpaint"
"""Mode of an outpainting turn; ``settings["outpaint"]`` holds the margins."""

OUTPAINT_SIDES: tuple[str, ...] = ("left", "right", "top", "bottom")
"""The margins an outpainting turn's ``settings["outpaint"]`` may name."""

LOAD_MODE = "load"
"""Mode of a turn that made a given picture current."""

DRAFT_MODE = "draft"
"""Mode of a turn kept from a stopped run; ``metadata["draft_of"]`` holds the mode the run
would have had."""

KEPT_MODES = frozenset({LOAD_MODE, DRAFT_MODE})
"""Modes whose pictures are taken as recorded, never redrawn."""

PLANNED_SOURCES = frozenset({"plan", "fix"})
"""``metadata["source"]`` of turns whose plan did not come from the prompt alone: a plan
edited before drawing, or a plan re-laid out by fix. Exported code redraws that plan."""


class TurnFields(Protocol):
    """The fields of a recorded turn that writers read (see :class:`.history.Turn`)."""

    @property
    def id(self) -> str: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def prompt(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def scene(self) -> SceneGraph | None: ...
    @property
    def engine(self) -> str: ...
    @property
    def model(self) -> str | None: ...
    @property
    def settings(self) -> Mapping[str, Any]: ...
    @property
    def seed(self) -> int: ...
    @property
    def mask(self) -> np.ndarray | None: ...
    @property
    def image(self) -> Image.Image: ...
    @property
    def metadata(self) -> Mapping[str, Any]: ...

    def to_record(self) -> dict[str, Any]: ...
    def to_png(self) -> bytes: ...
