"""The widget's sessions on disk: autosave as turns finish, and chats reopened from disk.

- :func:`open_autosave`: resume a named session's folder (or start a new one) and save
  every later turn to it; what is not saved is said in the chat, and a folder that
  cannot be written leaves the chat in memory, said once;
- :func:`close_autosave`: the last try to save what is not saved yet, when the chat closes;
- :func:`notebook_options`, :func:`notebook_turns` and :func:`restore_notebook`: what
  :meth:`~.chat.ImageChat.from_notebook` needs from a notebook written by
  ``history.to_notebook`` (run again, it reopens the session it made the first time);
- :func:`session_options`: what :meth:`~.chat.ImageChat.restore` needs from a saved
  session.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..session import (
    NotebookSession,
    SessionBusy,
    SessionStore,
    default_root,
    list_sessions,
    new_session_name,
    read_notebook,
)
from ..turns import replay

if TYPE_CHECKING:
    from ..engines.base import Engine
    from ..session import History, Turn
    from ..turns import Conversation

__all__ = [
    "attach_autosave",
    "close_autosave",
    "from_notebook",
    "notebook_options",
    "notebook_turns",
    "open_autosave",
    "restore_chat",
    "restore_notebook",
    "session_options",
]

log = logging.getLogger(__name__)

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
    kernel or when ``session`` is named). A session that exists is resumed: every whole
    turn comes back (those that cannot be read are named in the chat) and the current turn
    is reopened. A chat of this kernel that had the session open (one an earlier run of the
    same cell made) stops saving to it and says so. A folder that cannot be written turns
    autosave off, and the chat says so once. What happened is posted to the chat.
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
        history.restore(turns, store.head(turns), taken=[n[:-5] for n in store.skipped])
        if turns:
            post("info", f"Restored {len(turns)} turn(s) of session {store.session!r}.")
        if store.skipped:
            post("error", _skipped_text(store))
    try:
        store.attach(
            history,
            on_error=lambda exc, unsaved: post("error", _failed_text(exc, unsaved)),
            on_saved=lambda ids: post("info", f"Saved turn(s) {', '.join(ids)} to {store.folder}."),
            on_taken=lambda: post(
                "info",
                f"Session {store.session!r} was reopened by a newer chat in this kernel; "
                "this chat no longer saves to it.",
            ),
            take_over=True,  # from a chat an earlier run of the same cell made
            engine=conversation.engine.name,
            model=conversation.engine.model,
            seed=conversation.seed,
            size=conversation.size,
        )
    except SessionBusy as exc:  # the same notebook opened twice, a copy of it run
        log.warning("autosave is off: %s", exc)
        post(
            "info",
            f"Autosave is off: {exc}; two kernels saving one session would overwrite each "
            "other's turns. Its saved turns are shown here and new ones kept in memory only; "
            "pass session='another_name' to save them.",
        )
        return None
    except OSError as exc:  # a read-only folder (course material on many hubs)
        log.warning("autosave is off: cannot write to %s: %s", store.folder, exc)
        post(
            "info",
            f"Autosave is off: {store.folder} cannot be written ({exc.strerror or exc}). "
            "Turns are kept in memory only; pass autosave='a/folder/you/can/write' (or set "
            "JUPYTER_IMAGECHAT_DIR) to save them.",
        )
        return None
    if earlier:
        post(
            "info",
            f"This chat saves to {store.folder}. {len(earlier)} earlier session(s) are "
            f"saved next to it: ImageChat.restore() reopens the newest ({earlier[0]!r}).",
        )
    return store


def attach_autosave(
    chat: Any,
    conversation: Conversation,
    autosave: bool | str | os.PathLike[str] | None,
    session: str | None,
) -> SessionStore | None:
    """:func:`open_autosave` for ``chat``, a widget being made. When it fails (the session
    is open in another chat, its folder is not one), the widget is closed before the error
    is raised: else it stays registered with ipywidgets, its conversation and all."""
    try:
        return open_autosave(conversation, autosave, session, chat._display.post)
    except BaseException:
        chat.close()
        raise


def close_autosave(chat: Any) -> None:
    """Save what ``chat`` (the widget) has not saved yet and stop saving; say in the chat
    (and the log) what could still not be saved."""
    store: SessionStore | None = getattr(chat, "_store", None)
    display = getattr(chat, "_display", None)  # both unset when __init__ failed early
    if store is None or display is None:
        return
    try:
        unsaved = store.detach()
    except Exception:  # closed by the garbage collector while Python shuts down
        return
    if unsaved:
        text = (
            f"Turn(s) {', '.join(unsaved)} could not be saved to {store.folder} and are lost "
            "when this kernel stops; history.to_notebook('somewhere.ipynb') keeps them."
        )
        log.error(text)
        display.post("error", text)


def _failed_text(exc: OSError, unsaved: list[str]) -> str:
    if not unsaved:
        why = exc.strerror or exc
        return f"Autosave could not note the current turn ({why}); every turn is saved."
    return (
        f"Autosave failed ({exc.strerror or exc}): turn(s) {', '.join(unsaved)} are kept in "
        "memory but not on disk. They are saved again with the next turn and when the chat "
        "closes."
    )


def _skipped_text(store: SessionStore) -> str:
    listed = "; ".join(f"{name}: {why}" for name, why in list(store.skipped.items())[:5])
    more = f" and {len(store.skipped) - 5} more" if len(store.skipped) > 5 else ""
    return (
        f"{len(store.skipped)} saved turn(s) could not be read and were left out ({listed}{more})."
    )


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


def from_notebook(
    make: Callable[..., Any], path: str | os.PathLike[str], *, redraw: bool, options: dict[str, Any]
) -> Any:
    """Make a chat with ``make`` (the widget class) from the notebook at ``path``: see
    :meth:`~.chat.ImageChat.from_notebook`. A chat of the same session that an earlier run
    of the cell made stops saving to it; the new chat is closed again if it fails."""
    saved, options = notebook_options(path, options)
    _check_session(saved, options)  # before any chat of that session stops saving to it
    chat = make(**options)
    try:
        turns = notebook_turns(saved, chat.conversation.engine, redraw=redraw)
        chat._runner.check_idle()
        restore_notebook(chat.history, turns, saved, options, chat._display.post)
    except BaseException:
        chat.close()  # the session stays free
        raise
    chat._show_all()
    return chat


def restore_notebook(
    history: History,
    turns: list[Turn],
    saved: NotebookSession,
    options: dict[str, Any],
    post: Post,
) -> None:
    """Put a notebook's ``turns`` into ``history`` and reopen its head.

    A history that already holds turns was resumed from the session on disk (a cell with
    ``from_notebook(..., session=...)`` run again): when it holds the notebook's turns it
    is kept as it is (with any turns made since), and the chat says so.

    Raises
    ------
    InputError
        When the saved session holds other turns than the notebook.
    """
    session = options.get("session")
    if not len(history):
        history.restore(turns, saved.head)
        return
    _check_same(history, turns, session)
    post(
        "info",
        f"Session {session!r} already holds this notebook's {len(turns)} turn(s); it is "
        f"reopened as saved ({len(history)} turn(s)).",
    )


def _check_session(saved: NotebookSession, options: dict[str, Any]) -> None:
    """Raise InputError when ``options`` name a saved session that holds other turns than
    the notebook."""
    session, autosave = options.get("session"), options.get("autosave")
    if session is None or autosave is False:
        return
    store = SessionStore(session, None if autosave in (None, True) else autosave)
    if store.exists:
        _check_same(store.load_turns(), saved.turns, session)


def _check_same(history: History | list[Turn], turns: list[Turn], session: Any) -> None:
    by_id = {t.id: t for t in history}
    for turn in turns:
        if turn.id not in by_id or not _same(by_id[turn.id], turn):
            raise InputError(
                f"session {session!r} already holds other turns than this notebook (turn "
                f"{turn.id} differs): name another session, or reopen the saved one with "
                f"ImageChat.restore({session!r})"
            )


def _same(saved: Turn, turn: Turn) -> bool:
    keys = ("parent", "prompt", "mode", "seed", "settings", "scene", "engine")
    a, b = saved.to_dict(), turn.to_dict()
    return all(a[k] == b[k] for k in keys)


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
    info = store.info()  # anyone may have edited it: only values of the right kind are used
    options = dict(options)
    engine = info.get("engine") if isinstance(info.get("engine"), str) else None
    options.setdefault("engine", engine or "builtin")
    if isinstance(info.get("model"), str) and info["model"] and options["engine"] == engine:
        options.setdefault("model", info["model"])
    for key in ("seed", "size"):
        if isinstance(info.get(key), int) and not isinstance(info[key], bool):
            options.setdefault(key, info[key])
    return {**options, "autosave": folder, "session": session}


def restore_chat(
    make: Callable[..., Any],
    session: str | None,
    root: str | os.PathLike[str] | None,
    options: dict[str, Any],
) -> Any:
    """Make a chat with ``make`` (the widget class) that reopens a saved session: see
    :meth:`~.chat.ImageChat.restore`. When what ``session.json`` says (engine, model, seed,
    size) cannot be used here (a size over this hub's ``max_size``, an engine it does not
    offer, a file edited by hand), the chat is made without those values and says so: the
    turns on disk always come back."""
    opened = session_options(session, root, options)
    saved = {k: opened[k] for k in ("engine", "model", "seed", "size") if k in opened}
    saved = {k: v for k, v in saved.items() if k not in options}
    try:
        return make(**opened)
    except InputError as exc:
        if not saved:
            raise
        why = str(exc)
    chat = make(**{k: v for k, v in opened.items() if k not in saved})
    values = ", ".join(f"{k}={v!r}" for k, v in saved.items())
    chat._display.post(
        "info",
        f"The session was saved with {values}, which cannot be used here ({why}); it is "
        "reopened with this chat's own settings.",
    )
    return chat
