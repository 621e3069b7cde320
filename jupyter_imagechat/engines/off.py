"""The engine of a chat whose administrator turned image generation off.

Every drawing is refused with the administrator's message; planning, loading pictures,
the history and replay of stored pictures still work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import EngineError
from .base import ProgressCallback, Result, StopCheck

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from ..scene import SceneGraph

__all__ = ["GenerationOff"]


class GenerationOff:
    """Refuses to draw, saying ``message``.

    Parameters
    ----------
    name : str
        The engine the settings name (what would draw if generation were on).
    message : str
        What the chat says instead of drawing.
    """

    model: str | None = None

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message

    def __repr__(self) -> str:
        return f"GenerationOff({self.name!r})"

    def draw(
        self,
        scene: SceneGraph,
        *,
        image: Image.Image | None = None,
        mask: np.ndarray | None = None,
        seed: int = 0,
        settings: dict[str, Any] | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Result:
        """Raise :class:`EngineError` with the administrator's message."""
        raise EngineError(self.message)
