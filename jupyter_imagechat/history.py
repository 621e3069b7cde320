"""Turn records and the history of a conversation.

A :class:`Turn` holds everything needed to redo it: prompt, plan before and
after, engine and model, settings, seed, mask and the image it produced. Turns
are never changed once recorded; :class:`History` only grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from .checker import Verdict
    from .engines.base import DrawnObject
    from .scene import SceneGraph


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

    def __repr__(self) -> str:
        return f"<Turn {self.id} {self.mode} {self.prompt[:40]!r}: {self.summary()[:60]}>"


class History:
    """The turns of one conversation, oldest first.

    Behaves like a read-only list (``len``, indexing, slicing, iteration) and
    also looks turns up by id: ``history["t3"]``.
    """

    def __init__(self) -> None:
        self._turns: list[Turn] = []

    def append(self, turn: Turn) -> None:
        """Record a finished turn (used by the conversation)."""
        if any(t.id == turn.id for t in self._turns):
            raise ValueError(f"turn id {turn.id!r} is already recorded")
        self._turns.append(turn)

    def next_id(self) -> str:
        """Return the id the next turn will get."""
        return f"t{len(self._turns) + 1}"

    @property
    def last(self) -> Turn | None:
        """The newest turn, or ``None`` when there is none."""
        return self._turns[-1] if self._turns else None

    def __len__(self) -> int:
        return len(self._turns)

    def __iter__(self) -> Iterator[Turn]:
        return iter(list(self._turns))

    @overload
    def __getitem__(self, key: int | str) -> Turn: ...

    @overload
    def __getitem__(self, key: slice) -> list[Turn]: ...

    def __getitem__(self, key: int | str | slice) -> Turn | list[Turn]:
        if isinstance(key, str):
            for turn in self._turns:
                if turn.id == key:
                    return turn
            raise KeyError(f"no turn with id {key!r}")
        return self._turns[key]

    def __repr__(self) -> str:
        lines = [f"History with {len(self)} turn(s)"]
        lines += [f"  {t!r}" for t in self._turns]
        return "\n".join(lines)
