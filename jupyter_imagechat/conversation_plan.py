"""The plan first, then the picture: planning without drawing, drawing a plan, fixing.

:class:`PlanFirstMixin` is part of :class:`~jupyter_imagechat.conversation.Conversation`.
It gives :meth:`~PlanFirstMixin.plan` (plan and lay out a prompt, draw nothing),
:meth:`~PlanFirstMixin.generate` (draw that plan, or one edited in the browser's plan
editor) and :meth:`~PlanFirstMixin.fix` (redraw what the checker found wrong). They run
the same steps as ``send`` (:mod:`.conversation_steps`); the plan waiting to be drawn and
the helpers for untrusted plans and for fixing are in :mod:`.planflow`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .conversation_inputs import _check_prompt, _check_seed
from .errors import InputError
from .layout import arrange
from .planflow import Pending, boxes_mask, fix_targets, relayout, validate_plan

if TYPE_CHECKING:
    import numpy as np

    from .conversation_steps import _Guard
    from .engines.base import ProgressCallback, StopCheck
    from .history import History, Turn
    from .scene import SceneGraph


class PlanFirstMixin:
    """Plan-first methods of the conversation (see the module docstring)."""

    # provided by Conversation
    history: History
    seed: int
    _mask: np.ndarray | None
    _pending: Pending | None
    _busy_guard: Callable[[], _Guard]
    _prepare: Callable[..., tuple[SceneGraph, list[str], bool]]
    _render: Callable[..., Turn]

    def plan(self, prompt: str, *, seed: int | None = None) -> SceneGraph:
        """Plan and lay out ``prompt`` without drawing; :meth:`generate` draws it.

        The result is what :meth:`send` would draw: for an edit, the changed current
        scene. Change it (counts, attributes, boxes) and pass it to :meth:`generate`.
        Notes from the planner ("capped 1000 apples at 50") are in :attr:`plan_notes`.

        Raises
        ------
        InputError
            Bad prompt or seed (``PlanError`` for a prompt with nothing to draw).
        Busy
            While a turn is running.
        """
        text = _check_prompt(prompt)
        use_seed = self.seed if seed is None else _check_seed(seed)
        with self._busy_guard():
            scene, notes, edit = self._prepare(text, self._mask, use_seed, {})
        self._pending = Pending(text, scene.copy(), notes, edit, use_seed)
        return scene

    @property
    def plan_notes(self) -> list[str]:
        """The notes of the plan made by the last :meth:`plan` (empty when none waits)."""
        return list(self._pending.notes) if self._pending else []

    def generate(
        self,
        scene: SceneGraph | dict[str, Any] | None = None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        edit: bool | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Draw ``scene`` (by default the plan from :meth:`plan`) and return the turn.

        ``scene`` may come from an untrusted source (the browser's plan editor): it is
        validated, boxes of instances that no longer exist are dropped and new instances
        get boxes. With a plan from :meth:`plan` for an edit, the picture is redrawn from
        the changed plan as :meth:`send` would; otherwise it is a new picture.
        ``edit=True`` or ``False`` says so explicitly (replayed code does), and the
        conversation's :attr:`mask`, when set, limits the change to the mask.

        Raises
        ------
        InputError
            When there is no plan, or ``scene`` is not a valid scene graph (the message
            names the field).
        """
        pending = self._pending
        if scene is None:
            if pending is None:
                raise InputError("there is no plan to draw; plan a prompt first")
            scene = pending.scene
        plan = validate_plan(scene)
        use_seed = pending.seed if seed is None and pending else self.seed
        if seed is not None:
            use_seed = _check_seed(seed)
        if settings is not None and not isinstance(settings, dict):
            raise InputError(f"settings must be a dict, got {type(settings).__name__}")
        text = pending.prompt if pending else "(a plan)"
        with self._busy_guard():
            timings: dict[str, float] = {}
            t0 = time.perf_counter()
            plan = arrange(plan, seed=use_seed)
            timings["layout"] = time.perf_counter() - t0
            is_edit = bool(pending and pending.edit) if edit is None else bool(edit)
            turn = self._render(
                text, plan, list(pending.notes) if pending else [],
                is_edit, self._mask, use_seed, settings, on_progress,
                should_stop, timings, source="plan",
            )  # fmt: skip
        self._pending = None
        return turn

    def fix(
        self,
        *,
        seed: int | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Redraw the things the checker found wrong in the current picture.

        The offending entities get new boxes (laid out again with another seed) and are
        redrawn inside the area of their old and new boxes; everything else keeps its
        pixels.

        Raises
        ------
        InputError
            When there is no checked picture, or nothing in it is violated.
        """
        head = self.history.head
        if head is None or head.scene is None or head.verdict is None or head.image is None:
            raise InputError("there is no checked picture to fix yet")
        targets, labels = fix_targets(head.scene, head.verdict)
        if not targets:
            raise InputError("nothing to fix: the picture keeps every constraint checked")
        use_seed = (head.seed + 1) % 2**32 if seed is None else _check_seed(seed)
        with self._busy_guard():
            timings: dict[str, float] = {}
            t0 = time.perf_counter()
            moved, targets = relayout(head.scene, targets, use_seed)
            timings["layout"] = time.perf_counter() - t0
            old = [b for b in head.scene.layout if b.entity in targets]
            new = [b for b in moved.layout if b.entity in targets]
            mask = boxes_mask(old + new, head.image.size)
            return self._render(
                "fix: " + "; ".join(labels), moved, [f"redrew {', '.join(labels)}"], True,
                mask, use_seed, None, on_progress, should_stop, timings, source="fix",
            )  # fmt: skip
