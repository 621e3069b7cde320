"""The widget's sessions on disk: autosave as turns finish, and chats reopened from disk.

- :func:`open_autosave`: resume a named session's folder (or start a new one) and save
  every later turn to it;
- :func:`notebook_options` and :func:`notebook_turns`: what
  :meth:`~.chat.ImageChat.from_notebook` needs from a notebook written by
  ``history.to_notebook``;
- :func:`session_options`: what :meth:`~.chat.ImageChat.restore` needs from a saved
  session.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..session import (
    NotebookSession,
    SessionStore,
    default_root,
    list_sessions,
    new_session_name,
    read_notebook,
)
from ..turns import replay

if TYPE_CHECKING:
    from ..engines.base import Engine
    from ..session import Turn
    from ..turns import Conversation

__all__ = ["notebook_options", "notebook_turns", "open_autosave", "session_options"]

Post = Callable[[str, str], None]


def in_kernel() -> bool:
    """Whether this runs inside a Jupyter kernel (where autosave is on by default)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None  # type: ignore[attr-defined]
    return shell is not None and getattr(shell, "kernel", None) is not None


def open_autosave(
    conversation: Conversation,
    autosave: bool | str | os.PathLike[str] | None,
    session: str | None,
    post: Post,
) -> SessionStore | None:
    """Attach autosave to ``conversation``'s history; return the store (``None``: off).

    ``autosave`` is True (the default folder), a folder, False (off) or None (on inside a
    kernel or when ``session`` is named). A session that exists is resumed: its turns come
    back and the current turn is reopened. What happened is posted to the chat.
    """
    if autosave is None:
        autosave = session is not None or in_kernel()
    if autosave is False:
        return None
    root = None if autosave is True else autosave
    store = SessionStore(session or new_session_name(), root)
    earlier = [] if session else list_sessions(store.root)
    history = conversation.history
    if store.exists:
        turns = store.load_turns()
        history.restore(turns, store.info().get("head"))
        if turns:
            post("info", f"Restored {len(turns)} turn(s) of session {store.session!r}.")

    def failed(exc: OSError) -> None:
        post("error", f"Autosave failed ({exc}); the turn is kept in memory but not on disk.")

    store.attach(
        history,
        on_error=failed,
        engine=conversation.engine.name,
        model=conversation.engine.model,
        seed=conversation.seed,
        size=conversation.size,
    )
    if earlier:
        post(
            "info",
            f"This chat saves to {store.folder}. {len(earlier)} earlier session(s) are "
            f"saved next to it: ImageChat.restore() reopens the newest ({earlier[0]!r}).",
        )
    return store


def notebook_options(
    path: str | os.PathLike[str], options: dict[str, Any]
) -> tuple[NotebookSession, dict[str, Any]]:
    """Read the notebook at ``path``; return it and the chat's options (by default the
    notebook's engine and model)."""
    saved = read_notebook(path)
    options = dict(options)
    options.setdefault("engine", saved.engine)
    if saved.model is not None and options["engine"] == saved.engine:
        options.setdefault("model", saved.model)
    return saved, options


def notebook_turns(saved: NotebookSession, engine: Engine, *, redraw: bool) -> list[Turn]:
    """Return the notebook's turns, every picture drawn again first when ``redraw``.

    Raises
    ------
    InputError
        When a redrawn picture differs from the notebook's.
    """
    if not redraw:
        return saved.turns
    report = replay(saved.turns, engine)
    if not report.identical:
        raise InputError(f"turn(s) {', '.join(report.differing)} came out different when redrawn")
    images = {t.id: t.image for t in report.turns}
    return [replace(t, image=images[t.id]) for t in saved.turns]


def session_options(
    session: str | None, root: str | os.PathLike[str] | None, options: dict[str, Any]
) -> dict[str, Any]:
    """Return the options that reopen a saved session (by default the newest one under
    ``root``): its folder, name, engine, model, seed and size.

    Raises
    ------
    InputError
        If there is no saved session.
    """
    folder = root if root is not None else default_root()
    if session is None:
        names = list_sessions(folder)
        if not names:
            raise InputError(f"no saved session in {str(folder)!r}")
        session = names[0]
    store = SessionStore(session, folder)
    if not store.exists:
        raise InputError(f"no saved session {session!r} in {str(folder)!r}")
    info = store.info()
    options = dict(options)
    options.setdefault("engine", info.get("engine") or "builtin")
    if info.get("model") and options["engine"] == info.get("engine"):
        options.setdefault("model", info["model"])
    for key in ("seed", "size"):
        if isinstance(info.get(key), int):
            options.setdefault(key, info[key])
    return {**options, "autosave": folder, "session": session}
