"""What turns are made with: the engine, planner, detector, size and seed a
:class:`~.pipeline.TurnPipeline` reads at every run (:class:`Tools`), and a
:class:`Toolkit` of its own for pipelines without a conversation (replay, the server)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..checker.detector import Detector
    from ..engines.base import Engine
    from ..planner import Planner

__all__ = ["Toolkit", "Tools"]


class Tools(Protocol):
    """What turns are made with (a :class:`~.conversation.Conversation` is one).

    Attributes
    ----------
    engine : Engine
        Draws the pictures.
    planner : Planner
        Reads the prompts.
    detector : Detector or None
        Finds things in pictures from engines that do not report what they drew.
    size : int or None
        Side of new pictures; ``None`` leaves it to the engine.
    seed : int
        The seed of requests that name none.
    """

    engine: Engine
    planner: Planner
    detector: Detector | None
    size: int | None
    seed: int


@dataclass
class Toolkit:
    """Tools for a pipeline of its own (replaying a session needs no conversation)."""

    engine: Engine
    planner: Planner
    detector: Detector | None = None
    size: int | None = None
    seed: int = 0
