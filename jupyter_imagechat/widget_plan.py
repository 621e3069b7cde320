"""The widget's plan-first flow: plan, show the plan, let the user edit it, then draw.

:class:`PlanMixin` is part of :class:`~jupyter_imagechat.widget.ImageChat`. It handles
the ``plan``, ``generate``, ``fix`` and ``plan_first`` requests (see :mod:`.protocol`) and
keeps the ``_plan`` trait: the plan waiting to be drawn, as
``{prompt, scene, notes, summary}`` (``{}`` when none waits). The browser's plan editor
(``js/plan.js``) shows it, lets the user change counts, attributes and boxes, and sends
the edited scene back with ``generate``; the kernel validates it before drawing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import protocol
from .conversation_inputs import is_undo

if TYPE_CHECKING:
    from .history import Turn
    from .scene import SceneGraph

log = logging.getLogger(__name__)

FIX_WORDS = frozenset({"fix", "fix it", "fix them", "fix this", "fix that", "fix the picture"})
"""Chat messages that ask to redraw what the checker found wrong."""



class PlanMixin:
    """Plan-first methods of the widget (see the module docstring)."""

    # provided by ImageChat
    _conversation: Any
    _plan: dict[str, Any]
    plan_first: bool
    _run_send: Callable[..., Turn]
    _post: Callable[..., None]
    _post_error: Callable[[BaseException], None]
    _reply: Callable[..., None]
    _batch: Callable[[], Any]
    _run_locked: Callable[..., Any]
    _spawn: Callable[..., None]

    # -- Python API ------------------------------------------------------------------
    def plan(self, prompt: str) -> SceneGraph:
        """Plan and lay out ``prompt`` without drawing; the plan editor shows it.

        Returns the laid-out scene graph; :meth:`generate` draws it (or an edited copy).

        Raises
        ------
        InputError, Busy
            Also shown in the chat pane.
        """
        return self._run_locked(lambda: self._run_plan(prompt))

    def generate(
        self,
        scene: SceneGraph | dict[str, Any] | None = None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        edit: bool | None = None,
    ) -> Turn:
        """Draw ``scene`` (by default the plan waiting in the editor) and return the turn.

        ``edit`` says whether ``scene`` changes the current picture (redrawn from it)
        or is a new picture; by default the waiting plan knows.

        Raises
        ------
        InputError
            When no plan waits or ``scene`` is not a valid scene graph (shown in the chat).
        """
        return self._run_locked(
            lambda: self._run_generate(scene, seed=seed, settings=settings, edit=edit)
        )

    def fix(self) -> Turn:
        """Redraw the things the checker found wrong in the current picture.

        Raises
        ------
        InputError
            When there is nothing to fix (shown in the chat).
        """
        return self._run_locked(lambda: self._run_fix())

    # -- steps (the run lock is held) ------------------------------------------------
    def _run_plan(self, prompt: Any) -> SceneGraph:
        if isinstance(prompt, str) and prompt.strip():
            self._post("user", prompt.strip()[:300])
        try:
            scene = self._conversation.plan(prompt)
        except Exception as exc:
            self._post_error(exc)
            raise
        notes = self._conversation.plan_notes
        self._plan = {
            "prompt": prompt.strip(),
            "scene": scene.to_dict(),
            "notes": notes,
            "summary": scene.summary(),
        }
        text = "Here is the plan: change counts, colours or boxes, then press Generate."
        self._post("assistant", " ".join([text, *notes]), plan=scene.summary())
        return scene

    def _run_generate(
        self,
        scene: Any = None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        edit: bool | None = None,
    ) -> Turn:
        def run(_prompt: Any, **kwargs: Any) -> Turn:
            kwargs.pop("mask", None)
            return self._conversation.generate(scene, edit=edit, **kwargs)

        turn = self._run_send(None, seed=seed, settings=settings, run=run)
        self._plan = {}
        return turn

    def _run_fix(self) -> Turn:
        def run(_prompt: Any, **kwargs: Any) -> Turn:
            kwargs.pop("mask", None)
            kwargs.pop("settings", None)
            return self._conversation.fix(**kwargs)

        return self._run_send(None, run=run)

    # -- requests from the browser ---------------------------------------------------
    def _route_send(self, req: protocol.Request) -> bool:
        """Handle a chat message that is a plan-first prompt or "fix"; True if handled."""
        text = (req.prompt or "").strip().lower().rstrip(".!")
        if text in FIX_WORDS:
            self._post("user", req.prompt.strip())  # type: ignore[union-attr]
            self._spawn(req, self._run_fix)
            return True
        if is_undo(text):
            self._post("user", req.prompt.strip())  # type: ignore[union-attr]
            back = self.undo()  # type: ignore[attr-defined]
            self._reply(protocol.ok_reply(req.id, {"turn": back.id}))  # type: ignore[attr-defined]
            return True
        if self.plan_first:
            self._spawn(req, lambda: self._run_plan(req.prompt))
            return True
        self._plan = {}  # a prompt drawn at once replaces the plan in the editor
        return False

    def _do_plan(self, req: protocol.Request) -> None:
        self._spawn(req, lambda: self._run_plan(req.prompt))

    def _do_generate(self, req: protocol.Request) -> None:
        self._spawn(req, lambda: self._run_generate(req.plan))

    def _do_fix(self, req: protocol.Request) -> None:
        self._spawn(req, self._run_fix)

    def _do_plan_first(self, req: protocol.Request) -> None:
        self.plan_first = bool(req.value)
        self._reply(protocol.ok_reply(req.id, {"plan_first": self.plan_first}))
