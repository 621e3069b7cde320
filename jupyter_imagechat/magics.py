"""The ``%%imagechat`` cell magic: one cell, one turn.

::

    %load_ext jupyter_imagechat

    %%imagechat chat --new --seed 1
    three red apples left of a blue bowl

    %%imagechat chat --mask bowl_mask
    make the bowl green

    %%imagechat chat --answer new
    three rabbits on a lawn

    %imagechat chat --answer edit

``NAME`` is the variable holding the :class:`~jupyter_imagechat.ImageChat`; the
first cell creates it when it does not exist (``--new`` always starts a fresh
one, so a lesson re-runs the same from the top). The cell body is the prompt;
the cell's output is the picture.

When the chat cannot tell whether a prompt changes the picture or asks for a new one,
the cell stops with the question (nothing is drawn). ``--answer edit`` ("Change this
picture") or ``--answer new`` ("New picture") answers it: on the line magic
``%imagechat NAME --answer edit`` it answers the question waiting; on the cell that asked,
it sends the prompt already answered, so the lesson runs the same every time from the top.
"""

from __future__ import annotations

from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from .errors import ImageChatError, Unsure

__all__ = ["ImageChatMagics", "load_ipython_extension"]


@magics_class
class ImageChatMagics(Magics):
    """Holds the ``%%imagechat`` cell magic."""

    @magic_arguments()
    @argument("name", help="variable that holds (or will hold) the ImageChat")
    @argument("--seed", type=int, default=None, help="seed for this turn")
    @argument("--engine", default=None, help="engine when the chat is created (e.g. builtin)")
    @argument("--model", default=None, help="model when the chat is created (diffusers)")
    @argument("--size", type=int, default=None, help="picture size when the chat is created")
    @argument("--mask", default=None, metavar="VAR", help="variable holding the mask to use")
    @argument("--from", dest="parent", default=None, metavar="TURN", help="branch from this turn")
    @argument("--new", action="store_true", help="start a new chat under NAME")
    @argument(
        "--answer",
        choices=("edit", "new"),
        default=None,
        help="change this picture (edit) or draw a new one (new) when the chat would ask; "
        "on the line magic: answer the question waiting",
    )
    @line_cell_magic
    def imagechat(self, line: str, cell: str | None = None) -> Any:
        """Send the cell's text as a prompt to the ImageChat named on the magic line; as a
        line magic (``%imagechat NAME --answer edit``), answer the chat's question."""
        args = parse_argstring(self.imagechat, line)
        if not args.name.isidentifier():
            raise UsageError(f"%%imagechat: NAME must be a variable name, got {args.name!r}")
        if cell is None and args.answer is None:
            raise UsageError(
                "%imagechat (one %) answers a question: add --answer edit or --answer new; "
                "for a prompt, write %%imagechat and the prompt below the magic line"
            )
        if cell is None and (args.parent is not None or args.new or args.mask is not None):
            raise UsageError(
                "%imagechat --answer answers the question waiting; --from, --mask and --new "
                "need a %%imagechat cell with the prompt below the magic line"
            )
        prompt = "" if cell is None else cell.strip()
        if cell is not None and not prompt:
            raise UsageError(
                "%%imagechat: the cell is empty; write the prompt below the magic line"
            )
        ns = self.shell.user_ns  # type: ignore[union-attr]
        mask: Any = None
        if args.mask is not None:
            if args.mask not in ns:
                raise UsageError(f"%%imagechat: there is no variable {args.mask!r} for --mask")
            mask = ns[args.mask]
        chat = self._chat(args, ns)
        kwargs: dict[str, Any] = {"seed": args.seed}
        if args.mask is not None:
            kwargs["mask"] = mask
        if args.answer is not None:
            kwargs["new"] = args.answer == "new"
        try:
            if cell is None:
                turn = self._answer(chat, args.name, args.answer)
            else:
                if args.parent is not None:
                    chat.checkout(args.parent)
                turn = chat.send(prompt, **kwargs)
        except Unsure as asked:
            raise UsageError(
                f"%%imagechat: {asked.question} Answer in the next cell with "
                f"'%imagechat {args.name} --answer edit' ({asked.choices['edit']}) or "
                f"'--answer new' ({asked.choices['new']}), or add one of them to this "
                "cell's magic line so it runs the same every time."
            ) from None
        except ImageChatError as exc:
            raise UsageError(f"%%imagechat: {exc}") from None
        verdict = f" [{turn.verdict.summary()}]" if turn.verdict is not None else ""
        print(f"{turn.id} ({turn.mode}): {turn.summary()}{verdict}")
        return turn.image

    @staticmethod
    def _answer(chat: Any, name: str, choice: str) -> Any:
        """Answer the question ``chat`` is waiting on with ``choice``; return the turn."""
        if chat.conversation.question is None:
            raise UsageError(f"%imagechat: {name!r} has no question waiting for an answer")
        if chat.conversation.question.planning:
            raise UsageError(
                f"%imagechat: {name!r} asked about a plan (chat.plan); answer it with "
                f"{name}.answer('edit') or {name}.answer('new')"
            )
        return chat.answer(choice)

    def _chat(self, args: Any, ns: dict[str, Any]) -> Any:
        from .widget.chat import ImageChat

        existing = ns.get(args.name)
        if existing is not None and not args.new:
            if not isinstance(existing, ImageChat):
                raise UsageError(
                    f"%%imagechat: {args.name!r} is a {type(existing).__name__}, not an "
                    "ImageChat; pick another name or add --new"
                )
            if args.engine is not None and args.engine != existing.conversation.engine.name:
                raise UsageError(
                    f"%%imagechat: {args.name!r} uses the {existing.conversation.engine.name!r} "
                    f"engine; add --new to start a chat with {args.engine!r}"
                )
            return existing
        if isinstance(existing, ImageChat):  # --new: the chat NAME held is closed, not kept
            existing.close()
        options: dict[str, Any] = {}
        for key in ("engine", "model", "size"):
            if getattr(args, key) is not None:
                options[key] = getattr(args, key)
        try:
            chat = ImageChat(**options)
        except ImageChatError as exc:
            raise UsageError(f"%%imagechat: {exc}") from None
        ns[args.name] = chat
        return chat


def load_ipython_extension(ipython: Any) -> None:
    """Register the ``%%imagechat`` magic (run by ``%load_ext jupyter_imagechat``)."""
    ipython.register_magics(ImageChatMagics)
