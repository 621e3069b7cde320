"""The history of a conversation: a tree of turns, plain data.

:class:`History` only grows. Every turn names its parent, and reopening an earlier turn
(:meth:`History.checkout`) makes the next turn a branch from it. ``history.to_code()`` and
``history.to_notebook()`` hand the turns to the writers (:mod:`.code`, :mod:`.notebook`),
which see a turn only through its fields (:class:`.fields.TurnFields`) and never import the
records.

Memory: a history keeps the decoded pictures of its newest :data:`PICTURES_KEPT` turns and
of the current one; older pictures leave memory once their bytes are safe (in the autosave
folder, else encoded in memory) and are decoded again when read (see :mod:`.pictures`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, overload

from ..errors import InputError
from .code import history_to_code
from .notebook import write_notebook
from .turn import Turn

__all__ = ["History", "Turn"]

log = logging.getLogger(__name__)

PICTURES_KEPT = 8
"""How many of the newest turns keep their decoded pictures in memory (besides the current
turn); 8 pictures of 1024 px take 24 MB. Set ``history.pictures_kept`` to change it."""


class History:
    """The turns of one conversation: a tree, listed oldest first.

    Behaves like a read-only list (``len``, indexing, slicing, iteration, in
    the order turns were made) and also looks turns up by id:
    ``history["t3"]``. Every turn has a ``parent``; reopening an earlier turn
    (:meth:`checkout`) makes it the :attr:`head`, and the next turn starts a
    branch from it. Nothing is ever removed or overwritten.

    Examples
    --------
    >>> history.branches()              # doctest: +SKIP
    [[<Turn t1 ...>, <Turn t2 ...>], [<Turn t1 ...>, <Turn t3 ...>]]
    >>> history.branch("t3")            # doctest: +SKIP
    [<Turn t1 ...>, <Turn t3 ...>]
    >>> print(history.to_code())        # doctest: +SKIP
    """

    def __init__(self) -> None:
        self._turns: list[Turn] = []
        self._by_id: dict[str, Turn] = {}
        self._head: str | None = None
        self._listeners: list[Callable[[str, Turn], Any]] = []
        self._next = 1  # the number of the next turn id
        self.pictures_kept = PICTURES_KEPT
        """How many of the newest turns keep their decoded pictures in memory."""

    # -- recording -------------------------------------------------------------
    def append(self, turn: Turn) -> None:
        """Record a finished turn and make it the head (used by the conversation)."""
        if turn.id in self._by_id:
            raise ValueError(f"turn id {turn.id!r} is already recorded")
        if turn.parent is not None and turn.parent not in self._by_id:
            raise ValueError(f"turn {turn.id!r} names an unknown parent {turn.parent!r}")
        self._turns.append(turn)
        self._by_id[turn.id] = turn
        self._head = turn.id
        self._next = max(self._next, int(turn.id[1:]) + 1)
        self._emit("append", turn)
        self._compact()

    def checkout(self, key: int | str | Turn) -> Turn:
        """Make an earlier turn the head: the next turn will start from its picture.

        Parameters
        ----------
        key : int, str or Turn
            Position (``-1`` is the newest), turn id (``"t3"``) or the turn itself.

        Raises
        ------
        KeyError, IndexError
            If there is no such turn.
        """
        turn = self._resolve(key)
        self._head = turn.id
        self._emit("checkout", turn)
        self._compact()
        return turn

    def on_change(self, callback: Callable[[str, Turn], Any], remove: bool = False) -> None:
        """Call ``callback(event, turn)`` after ``"append"`` and ``"checkout"``.

        Exceptions from ``callback`` are logged, never raised: the turn stays recorded.
        """
        if remove:
            if callback in self._listeners:
                self._listeners.remove(callback)
        elif callback not in self._listeners:
            self._listeners.append(callback)

    def restore(
        self, turns: Iterable[Turn], head: str | None = None, *, taken: Iterable[str] = ()
    ) -> None:
        """Record saved ``turns`` into this empty history and reopen ``head``.

        A turn whose parent is not among ``turns`` (a turn that was never saved) is kept,
        with its parent named but missing (:meth:`lineage` starts at it). ``taken`` are ids
        already used on disk by turns that could not be read: new turns get other ids.

        Raises
        ------
        InputError
            When the history already holds turns, or two turns share an id.
        """
        if self._turns:
            raise InputError("can only restore into an empty history")
        listed = list(turns)
        ids = [t.id for t in listed]
        if len(set(ids)) != len(ids):
            raise InputError(f"the saved turns repeat an id: {', '.join(ids)}")
        for turn in _parents_first(listed):
            self._turns.append(turn)
            self._by_id[turn.id] = turn
            self._head = turn.id
            self._next = max(self._next, int(turn.id[1:]) + 1)
            self._emit("append", turn)
        for tid in taken:
            if isinstance(tid, str) and tid[1:].isdigit():
                self._next = max(self._next, int(tid[1:]) + 1)
        if head is not None and head in self._by_id and head != self._head:
            self.checkout(head)
        self._compact()

    def next_id(self) -> str:
        """Return the id the next turn will get (one above every id used so far)."""
        return f"t{self._next}"

    # -- navigation ------------------------------------------------------------
    @property
    def last(self) -> Turn | None:
        """The newest turn, or ``None`` when there is none."""
        return self._turns[-1] if self._turns else None

    @property
    def head(self) -> Turn | None:
        """The current turn: the newest one unless :meth:`checkout` reopened another."""
        return self._by_id[self._head] if self._head is not None else None

    def children(self, key: int | str | Turn) -> list[Turn]:
        """Return the turns made from ``key``'s picture, oldest first."""
        turn = self._resolve(key)
        return [t for t in self._turns if t.parent == turn.id]

    def lineage(self, key: int | str | Turn) -> list[Turn]:
        """Return the turns from the first one down to ``key`` (inclusive)."""
        turn: Turn | None = self._resolve(key)
        path: list[Turn] = []
        while turn is not None:
            path.append(turn)
            turn = self._by_id.get(turn.parent) if turn.parent is not None else None
        return path[::-1]

    @property
    def tips(self) -> list[Turn]:
        """The turns nothing was made from yet (one per branch), oldest first."""
        parents = {t.parent for t in self._turns}
        return [t for t in self._turns if t.id not in parents]

    def branches(self) -> list[list[Turn]]:
        """Return every branch as its turns from the first to its tip.

        Branch 0 is the one whose tip is oldest; a branch shares its first
        turns with the branch it split from.
        """
        return [self.lineage(tip) for tip in self.tips]

    def branch(self, key: int | str | Turn) -> list[Turn]:
        """Return one branch: ``branch(i)`` is ``branches()[i]``; ``branch("t5")``
        is the path from the first turn to ``t5``."""
        if isinstance(key, int) and not isinstance(key, bool):
            return self.branches()[key]
        return self.lineage(key)

    # -- export ----------------------------------------------------------------
    def to_code(self, turn: int | str | Turn | None = None, *, name: str = "chat") -> str:
        """Return a Python script that redoes the session (or the path to ``turn``).

        Each turn becomes a ``send`` with its prompt, seed, settings and mask;
        an earlier turn reopened before a branch becomes a ``checkout``. On the
        built-in engine the script gives the same pictures, pixel for pixel.
        """
        turns = self.lineage(turn) if turn is not None else list(self._turns)
        return history_to_code(turns, name=name)

    def to_notebook(self, path: str | os.PathLike[str], *, name: str = "chat") -> Path:
        """Write the session as a notebook: one cell per turn.

        Each cell holds the code that redoes its turn, the picture as its
        output and the turn's record (plan, settings, seed, mask...) in its
        metadata; :meth:`ImageChat.from_notebook` reads it back.

        Returns
        -------
        pathlib.Path
            The notebook written.
        """
        head = self.head
        return write_notebook(self._turns, path, head=head.id if head else None, name=name)

    # -- list behaviour ----------------------------------------------------------
    def __len__(self) -> int:
        return len(self._turns)

    def __iter__(self) -> Iterator[Turn]:
        return iter(list(self._turns))

    def __contains__(self, key: object) -> bool:
        if isinstance(key, Turn):
            return self._by_id.get(key.id) is key
        return isinstance(key, str) and key in self._by_id

    @overload
    def __getitem__(self, key: int | str) -> Turn: ...

    @overload
    def __getitem__(self, key: slice) -> list[Turn]: ...

    def __getitem__(self, key: int | str | slice) -> Turn | list[Turn]:
        if isinstance(key, str):
            if key not in self._by_id:
                raise KeyError(f"no turn with id {key!r}")
            return self._by_id[key]
        return self._turns[key]

    def __repr__(self) -> str:
        lines = [f"History with {len(self)} turn(s)"]
        for t in self._turns:
            mark = "*" if t.id == self._head else " "
            lines.append(f" {mark}{t!r} <- {t.parent or '-'}")
        return "\n".join(lines)

    # -- internals ----------------------------------------------------------------
    def _resolve(self, key: int | str | Turn) -> Turn:
        if isinstance(key, Turn):
            key = key.id
        if isinstance(key, bool) or not isinstance(key, (int, str)):
            raise KeyError(f"look turns up by position or id, not {type(key).__name__}")
        return self[key]

    def _compact(self) -> None:
        """Keep the decoded pictures of the newest turns and the head; let the others go."""
        kept = self._turns[-self.pictures_kept :] if self.pictures_kept > 0 else []
        keep = {t.id for t in kept} | ({self._head} if self._head else set())
        for turn in self._turns:
            if turn.id in keep:
                turn._keep()
            else:
                turn._release()

    def _emit(self, event: str, turn: Turn) -> None:
        for callback in list(self._listeners):
            try:
                callback(event, turn)
            except Exception:  # a listener (autosave, widget) must never lose a turn
                log.exception("history listener %r failed on %s %s", callback, event, turn.id)


def _parents_first(turns: list[Turn]) -> list[Turn]:
    """``turns`` oldest first, each parent before its children; a turn whose parent is not
    there counts as a first turn."""
    ids = {t.id for t in turns}
    ordered: list[Turn] = []
    placed: set[str] = set()
    waiting = sorted(turns, key=lambda t: int(t.id[1:]))
    while waiting:
        rest = []
        for turn in waiting:
            if turn.parent is None or turn.parent not in ids or turn.parent in placed:
                ordered.append(turn)
                placed.add(turn.id)
            else:
                rest.append(turn)
        if len(rest) == len(waiting):  # parents that name each other: a tampered folder
            raise InputError(f"turns {', '.join(t.id for t in rest)} name each other as parents")
        waiting = rest
    return ordered
