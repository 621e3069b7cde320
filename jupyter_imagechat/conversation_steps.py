"""The steps of one turn: plan and lay out, draw, check, record.

:class:`TurnSteps` is part of :class:`~jupyter_imagechat.conversation.Conversation`:

- ``_prepare``: plan a prompt (merged into the current plan when it describes new things
  to paint into a mask) and lay it out;
- ``_render``: draw a laid-out plan, check the picture and record the turn (a stopped run
  keeps its picture so far as a draft, :mod:`.drafts`);
- ``_record``: the one place turns are made from engine results (also used by
  :mod:`.outpainting` and :mod:`.drafts`);
- ``_draw``: the engine call, whose unexpected failures become an
  :class:`~jupyter_imagechat.errors.EngineError`;
- ``_busy_guard``: one turn at a time (:class:`~jupyter_imagechat.errors.Busy` otherwise).

The order in which a request runs these steps is the conversation's
(:mod:`.conversation`, :mod:`.conversation_plan`). The helpers :func:`_plan` and
:func:`_merge_new` are shared with :mod:`.outpainting`.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from .checker import check
from .drafts import keep_draft
from .errors import Busy, Cancelled, EngineError, ImageChatError
from .history import Turn
from .layout import arrange

if TYPE_CHECKING:
    from PIL import Image

    from .checker import Verdict
    from .conversation import Conversation
    from .detector import Detector
    from .engines.base import Engine, ProgressCallback, Result, StopCheck
    from .history import History
    from .planflow import Pending
    from .planner import Planner
    from .scene import SceneGraph

# Log as jupyter_imagechat.conversation, the name these messages had before this module
# was split out of conversation.py (users filter on it).
log = logging.getLogger("jupyter_imagechat.conversation")


class TurnSteps:
    """The steps of a turn, shared by every way of asking for one (see the module docstring)."""

    # provided by Conversation
    engine: Engine
    planner: Planner
    detector: Detector | None
    history: History
    size: int | None
    _mask: np.ndarray | None
    _pending: Pending | None
    _lock: threading.Lock

    if TYPE_CHECKING:  # read-only properties of Conversation

        @property
        def image(self) -> Image.Image | None: ...

        @property
        def scene(self) -> SceneGraph | None: ...

    def _busy_guard(self) -> _Guard:
        return _Guard(self._lock)

    def _prepare(
        self, text: str, use_mask: np.ndarray | None, use_seed: int, timings: dict[str, float]
    ) -> tuple[SceneGraph, list[str], bool]:
        """Plan and lay out ``text``; return the scene, notes and whether it is an edit."""
        before = self.scene
        t0 = time.perf_counter()
        scene, notes = _plan(self.planner, text, before)
        edit = before is not None and _is_edit(self.planner, text, before)
        region = None
        if use_mask is not None and not edit and before is not None:
            # A description painted into a mask adds its things inside the mask.
            scene = _merge_new(before, scene)
            region = _mask_region(use_mask)
        timings["plan"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        scene = arrange(scene, seed=use_seed, region=region)
        timings["layout"] = time.perf_counter() - t0
        return scene, notes, edit

    def _render(
        self,
        text: str,
        scene: SceneGraph,
        notes: list[str],
        edit: bool,
        use_mask: np.ndarray | None,
        use_seed: int,
        settings: dict[str, Any] | None,
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
        timings: dict[str, float],
        *,
        source: str = "send",
    ) -> Turn:
        """Draw a laid-out ``scene``, check it and record the turn.

        ``source`` says where the plan came from (``"send"``: planned from the prompt;
        ``"plan"``: given to :meth:`generate`; ``"fix"``: re-laid out by :meth:`fix`) and
        is recorded in the turn's metadata so exported code redraws the same plan.
        """
        before = self.scene
        base = self.image
        if use_mask is not None:
            image_in, mode = base, "inpaint"
        elif base is not None and (edit or before is None):
            image_in, mode = base, "img2img"
        else:
            image_in, mode = None, "text2img"
        run_settings: dict[str, Any] = {}
        if image_in is None and self.size is not None:
            run_settings = {"width": self.size, "height": self.size}
        run_settings.update(settings or {})

        t0 = time.perf_counter()
        try:
            result = self._draw(
                scene, image_in, use_mask, use_seed, run_settings, on_progress, should_stop
            )
        except Cancelled as exc:  # keep the picture so far, if the engine has one
            keep_draft(
                cast("Conversation", self), exc, prompt=text, mode=mode, scene_before=before,
                scene=scene, settings=run_settings, seed=use_seed, mask=use_mask, notes=notes,
                timings=timings,
            )  # fmt: skip
            raise
        timings["draw"] = time.perf_counter() - t0
        if mode == "text2img":  # record the size the engine chose, so the turn can be redone
            run_settings.setdefault("width", result.image.width)
            run_settings.setdefault("height", result.image.height)

        t0 = time.perf_counter()
        verdict = check(scene, result, detector=self.detector)
        timings["check"] = time.perf_counter() - t0

        return self._record(
            text, mode, before, scene, result, run_settings, use_seed, use_mask, verdict,
            notes, timings, {**result.metadata, "source": source},
        )  # fmt: skip

    def _record(
        self,
        text: str,
        mode: str,
        before: SceneGraph | None,
        scene: SceneGraph | None,
        result: Result,
        settings: dict[str, Any],
        seed: int,
        mask: np.ndarray | None,
        verdict: Verdict | None,
        notes: list[str],
        timings: dict[str, float],
        metadata: dict[str, Any],
        *,
        finished: bool = True,
    ) -> Turn:
        """Record a drawn picture as the new head turn and return it.

        The one place turns are made from engine results (:meth:`_render`, outpainting,
        drafts). A finished turn uses up the mask and any plan waiting to be drawn.
        """
        head = self.history.head
        turn = Turn(
            id=self.history.next_id(),
            parent=head.id if head else None,
            prompt=text,
            mode=mode,
            scene_before=before,
            scene=scene,
            engine=self.engine.name,
            model=metadata.get("model_revision") or self.engine.model,
            settings=settings,
            seed=seed,
            mask=mask,
            image=result.image,
            verdict=verdict,
            objects=list(result.objects),
            notes=list(notes),
            timings=dict(timings),
            metadata=metadata,
        )
        self.history.append(turn)
        if finished:
            self._mask = None
            self._pending = None  # a drawn turn replaces any plan waiting to be drawn
        return turn

    def _draw(
        self,
        scene: SceneGraph,
        image: Image.Image | None,
        mask: np.ndarray | None,
        seed: int,
        settings: dict[str, Any],
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
    ) -> Any:
        try:
            return self.engine.draw(
                scene,
                image=image,
                mask=mask,
                seed=seed,
                settings=settings,
                on_progress=on_progress,
                should_stop=should_stop,
            )
        except (ImageChatError, KeyboardInterrupt):
            raise
        except MemoryError:
            raise EngineError("out of memory while drawing: try a smaller size") from None
        except Exception as exc:  # an engine bug must not take the session down
            log.exception("engine %s failed", self.engine.name)
            raise EngineError(f"the {self.engine.name} engine failed: {exc}") from exc


class _Guard:
    """Hold the conversation's lock for a short step, or raise :class:`Busy`."""

    def __init__(self, lock: threading.Lock) -> None:
        self._lock = lock

    def __enter__(self) -> None:
        if not self._lock.acquire(blocking=False):
            raise Busy("still working on the previous request; press Stop or wait")

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


def _plan(planner: Planner, text: str, current: SceneGraph | None) -> tuple[SceneGraph, list[str]]:
    with_notes = getattr(planner, "plan_with_notes", None)
    if with_notes is not None:
        scene, notes = with_notes(text, current=current)
        return scene, list(notes)
    return planner.plan(text, current=current), []


def _is_edit(planner: Planner, text: str, current: SceneGraph) -> bool:
    """``planner.is_edit`` with the current picture, for planners that take it ("the bowl
    should be green" is an edit only when there is a bowl)."""
    try:
        takes_current = "current" in inspect.signature(planner.is_edit).parameters
    except (TypeError, ValueError):
        takes_current = False
    if takes_current:
        return bool(planner.is_edit(text, current=current))
    return bool(planner.is_edit(text))


def _merge_new(current: SceneGraph, new: SceneGraph) -> SceneGraph:
    """Return ``current`` plus the entities, relations and texts of ``new``."""
    merged = current.copy()
    renamed: dict[str, str] = {}
    for ent in new.entities:
        fresh = merged.new_id()
        renamed[ent.id] = fresh
        ent_copy = type(ent)(fresh, ent.name, ent.count, dict(ent.attributes))
        merged.entities.append(ent_copy)
    for rel in new.relations:
        merged.relations.append(type(rel)(renamed[rel.subject], rel.predicate, renamed[rel.object]))
    merged.texts.extend(t for t in new.texts if t not in merged.texts)
    merged.validate()
    return merged


def _mask_region(mask: np.ndarray) -> tuple[float, float, float, float]:
    """Return the mask's bounding box, normalised ``(x0, y0, x1, y1)``."""
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    h, w = mask.shape
    return (cols[0] / w, rows[0] / h, (cols[-1] + 1) / w, (rows[-1] + 1) / h)
