"""Keep the picture so far when the user presses Stop: a ``"draft"`` turn.

An engine that can hand back an unfinished picture attaches it to the
:class:`~jupyter_imagechat.errors.Cancelled` error it raises, as ``error.draft``
(a :class:`~jupyter_imagechat.engines.base.Result`; the diffusers engine does, from
the step it stopped at). :func:`keep_draft` records it as a turn with mode
``"draft"``, makes it the current picture and names it in the error's message and
``error.turn``. The mask is kept, so the same edit can be sent again. Engines
without a draft (the built-in one) change nothing, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .history import Turn

if TYPE_CHECKING:
    import numpy as np

    from .conversation import Conversation
    from .errors import Cancelled
    from .scene import SceneGraph

__all__ = ["DRAFT_MODE", "keep_draft"]

DRAFT_MODE = "draft"
"""``Turn.mode`` of a turn kept from a stopped run; ``metadata["draft_of"]`` holds the
mode the run would have had, ``metadata["stopped_at_step"]`` where it stopped."""


def keep_draft(
    conversation: Conversation,
    error: Cancelled,
    *,
    prompt: str,
    mode: str,
    scene_before: SceneGraph | None,
    scene: SceneGraph,
    settings: dict[str, Any],
    seed: int,
    mask: np.ndarray | None,
    notes: list[str] | None = None,
    timings: dict[str, float] | None = None,
) -> Turn | None:
    """Record ``error.draft`` (if any) as a ``"draft"`` turn and return it.

    Sets ``error.turn`` (``None`` when there is no draft) and appends the turn id to
    the error's message.
    """
    draft = getattr(error, "draft", None)
    error.turn = None  # type: ignore[attr-defined]
    if draft is None:
        return None
    metadata = {**dict(draft.metadata), "draft_of": mode}
    turn = conversation._record(
        prompt, DRAFT_MODE, scene_before, scene, draft, dict(settings), seed, mask, None,
        list(notes or []), dict(timings or {}), metadata, finished=False,
    )  # fmt: skip
    error.turn = turn  # type: ignore[attr-defined]
    error.args = (f"{error}; the picture so far is kept as draft turn {turn.id}",)
    return turn
