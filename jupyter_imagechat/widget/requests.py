"""Requests from the browser, and the widget's operations they share with the Python API.

The browser never sets the kernel's state: it sends requests (see :mod:`.protocol`), each
answered exactly once with the same id. :meth:`Requests.handle` checks a message, runs it
(long ones in a worker thread, through the :class:`~.runner.Runner`) and replies; whatever
goes wrong is said in the chat and in a structured error reply, and never escapes into the
kernel. The plan-first flow (plan, edit, generate), outpainting and loading are here too,
as the Python API runs them the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

from ..errors import InputError
from ..images import SCALED_FROM
from ..planner.reading import CHOICES
from ..scene import SceneGraph
from ..session.provenance import plan_problem
from ..turns.commands import command_of
from . import protocol
from .runner import reopened_text

if TYPE_CHECKING:
    from ..session import Turn
    from ..turns import Conversation
    from .display import Display
    from .runner import Runner

__all__ = ["Chat", "Requests"]

log = logging.getLogger(__name__)


class Chat(Protocol):
    """What the requests need of the widget (:class:`~.chat.ImageChat`)."""

    plan_first: bool

    def _show_all(self) -> None:
        """Show the current picture, mask and history strip."""
        ...


class Requests:
    """Handles the browser's requests for one widget (see the module docstring)."""

    def __init__(
        self,
        chat: Chat,
        conversation: Conversation,
        display: Display,
        runner: Runner,
        reply: Callable[[dict[str, Any]], None],
    ) -> None:
        self._chat = chat
        self._conversation = conversation
        self._display = display
        self._runner = runner
        self._reply = reply

    # -- the operations ---------------------------------------------------------------------
    def plan(self, prompt: Any, *, answer: str | None = None) -> SceneGraph:
        """Plan ``prompt`` without drawing and show the plan in the editor (``answer``: the
        user's answer to the question planning it asked, see :meth:`answer`)."""
        if answer is not None:
            self._display.post("user", CHOICES.get(answer, answer))
        elif isinstance(prompt, str) and prompt.strip():
            self._display.post("user", prompt.strip()[:300])
        try:
            if answer is not None:
                scene = self._conversation.answer(answer)
                assert isinstance(scene, SceneGraph)
            else:
                scene = self._conversation.plan(prompt)
        except Exception as exc:
            self._display.post_error(exc)
            raise
        notes = self._conversation.plan_notes
        self._display.show_plan(
            {
                "prompt": prompt.strip(),
                "scene": scene.to_dict(),
                "notes": notes,
                "summary": scene.summary(),
                "edit": self._conversation.plan_edits,  # or a new picture (js/plan.js)
            }
        )
        text = "Here is the plan: change counts, colours or boxes, then press Generate."
        self._display.post("assistant", " ".join([text, *notes]), plan=scene.summary())
        return scene

    def generate(
        self,
        scene: Any = None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        edit: bool | None = None,
    ) -> Turn:
        """Draw ``scene`` (by default the plan waiting in the editor) and clear the editor."""
        turn = self._runner.turn(
            None, self._conversation.generate, scene=scene, seed=seed, settings=settings, edit=edit
        )
        self._display.show_plan({})
        return turn

    def outpaint(
        self,
        margins: dict[str, Any],
        prompt: str | None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
    ) -> Turn:
        """Say what was asked ("extend right by 128 px: a tree") and extend the picture."""
        shown = "extend " + ", ".join(f"{k} by {v} px" for k, v in margins.items() if v)
        if isinstance(prompt, str) and prompt.strip():
            shown += f": {prompt.strip()}"
        return self._runner.turn(
            shown, self._conversation.outpaint, **margins, prompt=prompt, seed=seed,
            settings=settings,
        )  # fmt: skip

    def load(self, image: Any, name: str | None) -> Turn:
        """Make ``image`` the current picture and say so (``name``: the file's, if known)."""
        try:
            self._runner.check_idle()
            turn = self._conversation.load(image)
        except Exception as exc:
            self._display.post_error(exc)
            raise
        self._display.show_state()
        what = f"{name!r}" if name else "a picture"
        plan = turn.summary() if turn.scene is not None else None  # restored from its PNG
        size = f"{turn.image.width}x{turn.image.height}"
        scaled = turn.image.info.get(SCALED_FROM)  # a picture over the size limit
        if scaled:
            size += f", scaled down from {scaled[0]}x{scaled[1]}"
        said = f"Loaded {what} ({size})."
        problem = plan_problem(image) if turn.scene is None else None
        if problem is not None:  # honest: the picture came, the plan it carries did not
            problem = problem if len(problem) <= 300 else problem[:297] + "..."
            said += f" The plan stored in it was not used: {problem.rstrip('.')}."
        self._display.post("info", said, plan=plan, turn=turn.id)
        self._runner.notify(turn)
        return turn

    def answer(self, choice: str) -> Turn | SceneGraph:
        """Answer the question the last prompt raised ("change this picture or a new one?")
        with ``"edit"`` or ``"new"``: the prompt is drawn (or planned) that way, and the
        question's buttons go."""
        question = self._conversation.question
        if question is None:  # said in the chat too, as every refusal is
            error = InputError("there is no question waiting for an answer; send the prompt again")
            self._display.post_error(error)
            raise error
        self._display.close_questions()
        if question.planning:
            return self.plan(question.asked.prompt, answer=choice)
        shown = question.asked.choices.get(choice, choice)

        def drawn(**progress: Any) -> Turn:  # not planning: the answer draws a turn
            return cast("Turn", self._conversation.answer(choice, **progress))

        return self._runner.turn(shown, drawn)

    def reopen(self, how: Callable[[], Turn], *, back: bool) -> Turn:
        """Make an earlier turn current with ``how`` (``back``: by "undo"); show it and say
        so, or show the error and re-raise it."""
        try:
            self._runner.check_idle()
            turn = how()
        except Exception as exc:
            self._display.post_error(exc)
            raise
        self._chat._show_all()
        self._display.post("info", reopened_text(turn, back=back))
        return turn

    # -- messages from the browser ------------------------------------------------------------
    def handle(self, _widget: Any, content: Any, buffers: list[Any] | None) -> None:
        """Check and run one message from the browser; reply to it exactly once."""
        rid = protocol.request_id(content)
        try:
            image = self._conversation.image
            size = None if image is None else (image.width, image.height)
            req = protocol.parse_request(content, buffers, image_size=size)
            getattr(self, f"_do_{req.kind}")(req)
        except Exception as exc:  # never let anything escape the comm handler
            try:
                self._display.post_error(exc)
                self._reply(protocol.error_reply(rid, exc))
            except Exception:
                log.exception("could not report an error to the browser")

    def _ok(self, req: protocol.Request, result: dict[str, Any]) -> None:
        self._reply(protocol.ok_reply(req.id, result))

    def _do_send(self, req: protocol.Request) -> None:
        prompt = req.prompt or ""
        if self._chat.plan_first and command_of(prompt) is None:
            self._runner.spawn(req.id, req.kind, lambda: self.plan(prompt))
            return

        def draw() -> Turn:
            turn = self._runner.turn(prompt, self._conversation.send, prompt=prompt)
            if command_of(prompt) is None:  # a prompt drawn replaces the plan waiting;
                self._display.show_plan({})  # a refused one leaves it
            return turn

        self._runner.spawn(req.id, req.kind, draw)

    def _do_answer(self, req: protocol.Request) -> None:
        choice = str(req.choice)
        self._runner.spawn(req.id, req.kind, lambda: self.answer(choice))

    def _do_plan(self, req: protocol.Request) -> None:
        self._runner.spawn(req.id, req.kind, lambda: self.plan(req.prompt))

    def _do_generate(self, req: protocol.Request) -> None:
        self._runner.spawn(req.id, req.kind, lambda: self.generate(req.plan))

    def _do_fix(self, req: protocol.Request) -> None:
        self._runner.spawn(
            req.id, req.kind, lambda: self._runner.turn(None, self._conversation.fix)
        )

    def _do_outpaint(self, req: protocol.Request) -> None:
        margins = dict(req.margins or {})
        prompt = req.prompt if req.prompt and req.prompt.strip() else None  # blank: none
        self._runner.spawn(req.id, req.kind, lambda: self.outpaint(margins, prompt))

    def _do_plan_first(self, req: protocol.Request) -> None:
        self._chat.plan_first = bool(req.value)
        self._ok(req, {"plan_first": self._chat.plan_first})

    def _do_mask(self, req: protocol.Request) -> None:
        assert req.mask is not None
        self._runner.check_idle()
        self._conversation.mask = req.mask if req.mask.any() else None
        self._display.show_mask()
        self._ok(req, {"pixels": int(req.mask.sum())})

    def _do_select(self, req: protocol.Request) -> None:
        # click to select: the mask becomes the clicked object's exact shape and "it" means
        # that object; a click on the background leaves the mask as it was (pixels 0)
        assert req.point is not None
        self._runner.check_idle()
        shape = self._conversation.select(*req.point)
        if shape is not None:
            self._display.show_mask()
        self._ok(req, {"pixels": 0 if shape is None else int(shape.sum())})

    def _do_clear_mask(self, req: protocol.Request) -> None:
        self._runner.check_idle()
        self._conversation.mask = None
        self._display.show_mask()
        self._ok(req, {"pixels": 0})

    def _do_cancel(self, req: protocol.Request) -> None:
        self._ok(req, {"stopping": self._runner.cancel()})

    def _do_load_image(self, req: protocol.Request) -> None:
        turn = self.load(req.data, req.name)
        self._ok(req, {"turn": turn.id, "width": turn.image.width, "height": turn.image.height})

    def _do_checkout(self, req: protocol.Request) -> None:
        turn = req.turn
        reopened = self.reopen(lambda: self._conversation.checkout(str(turn)), back=False)
        self._ok(req, {"turn": reopened.id})

    def _do_turn_code(self, req: protocol.Request) -> None:
        history = self._conversation.history
        if req.turn not in history:
            raise InputError(f"there is no turn {req.turn!r}")
        self._ok(req, {"turn": req.turn, "code": history.to_code(req.turn)})
