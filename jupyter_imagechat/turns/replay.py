"""Redo recorded turns: pixel-exact replays.

Two ways to redo a history, both through the turn pipeline:

- :func:`replay` (``replan=False``, the default) draws each turn's recorded
  plan again with its mode, seed, settings, mask and its parent's (redrawn) picture.
  It does not depend on the planner, so a session replays the same even after
  the planner changed.
- ``replan=True`` sends every prompt through a fresh
  :class:`~.conversation.Conversation` again (planner, layout, engine, checker),
  reopening parents with ``checkout`` where the session branched, just as the script
  from :meth:`History.to_code` does.

On the built-in engine both give the recorded pictures, pixel for pixel. A picture whose
engine says it cannot be drawn again bit for bit (``metadata["reproducible"]`` False: a
remote server's) is reused as stored, and the report says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..engines import create_engine
from ..errors import InputError
from ..planner import create_planner
from ..session import History, Turn
from ..session.fields import KEPT_MODES, LOAD_MODE, OUTPAINT_MODE
from .conversation import Conversation
from .pipeline import Toolkit, TurnPipeline
from .request import TurnRequest

if TYPE_CHECKING:
    from PIL import Image

    from ..engines.base import Engine
    from ..planner import Planner

__all__ = ["ReplayReport", "ReplayedTurn", "redraw", "replay"]


@dataclass
class ReplayedTurn:
    """One turn drawn again: the new picture and how it compares with the recorded one.

    ``redrawn`` is False for turns whose picture is taken as recorded: loaded
    pictures, drafts (the picture so far of a cancelled turn) and pictures from an engine
    that cannot draw them again bit for bit (``note`` says so).
    """

    id: str
    image: Image.Image
    identical: bool
    max_difference: int
    redrawn: bool = True
    note: str = ""


@dataclass
class ReplayReport:
    """The outcome of :func:`replay`: one :class:`ReplayedTurn` per turn, oldest first."""

    turns: list[ReplayedTurn] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        """True when every picture came out exactly as recorded."""
        return all(t.identical for t in self.turns)

    @property
    def differing(self) -> list[str]:
        """Ids of the turns whose pictures differ."""
        return [t.id for t in self.turns if not t.identical]

    def __getitem__(self, key: int | str) -> ReplayedTurn:
        if isinstance(key, str):
            for t in self.turns:
                if t.id == key:
                    return t
            raise KeyError(key)
        return self.turns[key]

    def __len__(self) -> int:
        return len(self.turns)

    @property
    def reused(self) -> list[str]:
        """Ids of the turns whose stored picture was reused: their engine (a remote
        server) cannot draw them again bit for bit."""
        return [t.id for t in self.turns if t.note]

    def __repr__(self) -> str:
        reused = f"; {len(self.reused)} reused as stored ({REUSED_NOTE})" if self.reused else ""
        if self.identical:
            return f"<ReplayReport: all {len(self.turns)} picture(s) identical{reused}>"
        return (
            f"<ReplayReport: {len(self.differing)} of {len(self.turns)} differ: "
            f"{self.differing}{reused}>"
        )


def redraw(turn: Turn, parent_image: Image.Image | None, engine: Engine) -> Image.Image:
    """Draw ``turn`` again from its recorded plan, seed, settings, mask and parent picture.

    Loaded pictures and drafts come back as recorded.

    Raises
    ------
    InputError
        When ``turn`` edits a picture and ``parent_image`` is ``None``.
    """
    if _kept(turn):
        return turn.image
    history = History()
    pipeline = _redrawing(engine)
    if parent_image is not None:
        pipeline.run(TurnRequest("redraw", mode="load", image=parent_image), history)
    return pipeline.run(_redraw_request(turn, history), history).image


def replay(
    turns: Iterable[Turn],
    engine: Engine | str = "builtin",
    *,
    replan: bool = False,
    planner: Planner | str = "rules",
) -> ReplayReport:
    """Draw every turn again and compare each picture with the recorded one.

    Parameters
    ----------
    turns : History or iterable of Turn
        The turns, parents before children (a history's own order).
    engine : Engine or str
        The engine to draw with (normally the one that drew the session).
    replan : bool
        False: draw the recorded plans. True: send the prompts through a new
        conversation (planner and layout included).
    planner : Planner or str
        The planner for ``replan=True``.
    """
    draw_with = create_engine(engine) if isinstance(engine, str) else engine
    items = list(turns)
    images = _replan(items, draw_with, planner) if replan else _redraw_all(items, draw_with)
    report = ReplayReport()
    for turn in items:
        new = images[turn.id]
        diff = _max_difference(turn.image, new)
        note = REUSED_NOTE if _unrepeatable(turn) else ""
        report.turns.append(ReplayedTurn(turn.id, new, diff == 0, diff, not _kept(turn), note))
    return report


REUSED_NOTE = "drawn on a remote server: it cannot be redrawn bit for bit"


def _kept(turn: Turn) -> bool:
    """Whether ``turn``'s picture is taken as recorded (a loaded picture, a draft, a
    picture that cannot be drawn again bit for bit)."""
    return turn.mode in KEPT_MODES or turn.scene is None or _unrepeatable(turn)


def _unrepeatable(turn: Turn) -> bool:
    """Whether ``turn``'s engine said the same inputs need not give the same pixels."""
    return turn.mode not in KEPT_MODES and turn.metadata.get("reproducible") is False


def _redrawing(engine: Engine) -> TurnPipeline:
    """A pipeline that draws recorded plans: it never reads a prompt."""
    return TurnPipeline(Toolkit(engine, create_planner("rules")))


def _redraw_request(turn: Turn, history: History) -> TurnRequest:
    """The request that draws ``turn`` again on top of ``history``'s head (its parent)."""
    if not _kept(turn) and turn.mode != "text2img" and history.head is None:
        raise InputError(f"turn {turn.id} edits a picture, but its parent has none")
    return TurnRequest(
        "redraw",
        turn.prompt,
        seed=turn.seed,
        mask=turn.mask,
        settings=turn.settings,
        plan=turn.scene,
        mode=LOAD_MODE if _unrepeatable(turn) else turn.mode,
        image=turn.image,
    )


def _redraw_all(turns: list[Turn], engine: Engine) -> dict[str, Image.Image]:
    pipeline = _redrawing(engine)
    redrawn: dict[str, tuple[History, str]] = {}  # recorded id -> where it was redrawn
    images: dict[str, Image.Image] = {}
    for turn in turns:
        if turn.parent in redrawn:
            history, parent = redrawn[turn.parent]
            history.checkout(parent)
        else:  # the first turn, or one whose parent is not among ``turns``
            history = History()
        again = pipeline.run(_redraw_request(turn, history), history)
        redrawn[turn.id] = (history, again.id)
        images[turn.id] = turn.image if _kept(turn) else again.image
    return images


def _replan(turns: list[Turn], engine: Engine, planner: Planner | str) -> dict[str, Image.Image]:
    conv = Conversation(engine, planner=planner)
    ids: dict[str, str] = {}  # recorded id -> id in the new conversation
    images: dict[str, Image.Image] = {}
    for turn in turns:
        head = conv.history.head
        if turn.parent is not None and (head is None or ids.get(turn.parent) != head.id):
            conv.checkout(ids[turn.parent])
        if _kept(turn):
            new = conv.load(turn.to_png())
        elif turn.mode == OUTPAINT_MODE:
            margins = turn.settings["outpaint"]
            rest = {k: v for k, v in turn.settings.items() if k != "outpaint"}
            new = conv.outpaint(
                **margins, prompt=turn.prompt or None, seed=turn.seed, settings=rest
            )
        else:
            answer = turn.metadata.get("new")  # "change it or a new one?", as answered
            new = conv.send(
                turn.prompt, mask=turn.mask, seed=turn.seed, settings=turn.settings,
                new=answer if isinstance(answer, bool) else None,
            )  # fmt: skip
        ids[turn.id] = new.id
        images[turn.id] = new.image
    return images


def _max_difference(a: Image.Image, b: Image.Image) -> int:
    if a.size != b.size:
        return 255
    x = np.asarray(a.convert("RGB"), dtype=np.int16)
    y = np.asarray(b.convert("RGB"), dtype=np.int16)
    return int(np.abs(x - y).max()) if x.size else 0
