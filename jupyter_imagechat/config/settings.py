"""One settings object for a chat, read from arguments, then environment variables, then
``jupyter_imagechat_config.json`` (or ``.py``) files (:mod:`.files`), with an administrator's
locks.

>>> from jupyter_imagechat.config import resolve_settings
>>> resolve_settings().engine                                   # doctest: +SKIP
'builtin'

Order: an argument beats an environment variable, which beats a settings file; among the
files, one in a folder ``jupyter --paths`` lists earlier beats one listed later (the user's
``~/.jupyter`` beats ``/etc/jupyter``). A setting named in a file's ``"locked"`` list (or in
``$JUPYTER_IMAGECHAT_LOCKED``) keeps the value it has at that point: files read after it,
environment variables (for a lock in a file) and arguments cannot change it; the chat says
which argument was ignored.

Locks set classroom defaults; they are not a sandbox. A notebook's code runs in the
student's own kernel and could change anything there. What a shared server spends is
bounded by the server itself: its token, request limits and per-student rate limits.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .fields import FIELDS, LOCKED_ENV, MAX_SIDE, read_names
from .files import config_folders, read_config_files

__all__ = ["DEFAULT_GENERATION_MESSAGE", "Settings", "resolve_settings"]

DEFAULT_GENERATION_MESSAGE = (
    "Image generation is turned off for this course by your administrator; "
    "plans still work (plan_first, chat.plan(...))."
)


@dataclass(frozen=True)
class Settings:
    """The settings one chat runs with (see the module docstring for where they come from).

    Attributes
    ----------
    engine : str
        The engine's name.
    model, base_url : str or None
        The model id; the image server's address (remote engines).
    api_key : str or None
        The key for the image server. Never shown: not in ``repr``, :meth:`shown`, the
        history, exported notebooks or error messages.
    size : int or None
        Side of new pictures in pixels; ``None``: the engine's own.
    max_size : int
        The largest ``size`` a notebook may ask for.
    timeout : float
        Seconds to wait for an image server's answer.
    allowed_engines : tuple of str or None
        The engines a notebook may choose; ``None``: any.
    generation : bool
        False when an administrator turned image generation off.
    generation_message : str
        What the chat says while generation is off.
    locked : frozenset of str
        The settings an administrator locked.
    sources : mapping
        Where each setting that is not a default came from (``"argument"``, an
        environment variable as ``"$NAME"``, or a file's path).
    notes : tuple of str
        What the chat should tell the user: ignored arguments, a ``.py`` file not run.
    engine_options : mapping
        Other keyword arguments, for the engine's constructor (``device=`` ...).
    """

    engine: str = "builtin"
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    size: int | None = None
    max_size: int = MAX_SIDE
    timeout: float = 120.0
    allowed_engines: tuple[str, ...] | None = None
    generation: bool = True
    generation_message: str = DEFAULT_GENERATION_MESSAGE
    locked: frozenset[str] = frozenset()
    sources: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    engine_options: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def given(self, name: str) -> bool:
        """Whether ``name`` was passed as an argument (not a default, file or variable)."""
        return self.sources.get(name) == "argument"

    def shown(self) -> dict[str, Any]:
        """What the widget shows: the locked settings (a key only as ``"set"``), whether
        generation is on and its message, and the notes."""
        locked = {
            name: ("set" if FIELDS[name].secret else _display(getattr(self, name)))
            for name in sorted(self.locked)
            if getattr(self, name) is not None or name == "api_key"
        }
        if "api_key" in locked and self.api_key is None:
            locked["api_key"] = "not set"
        return {
            "engine": self.engine,
            "locked": locked,
            "generation": self.generation,
            "message": "" if self.generation else self.generation_message,
            "notes": list(self.notes),
        }


def resolve_settings(
    engine: str | None = None,
    model: str | None = None,
    *,
    size: int | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    timeout: float | None = None,
    policy: bool = True,
    environ: Mapping[str, str] | None = None,
    folders: Sequence[os.PathLike[str] | str] | None = None,
    **engine_options: Any,
) -> Settings:
    """Return the settings for a chat from these arguments, the environment and the files.

    Parameters
    ----------
    engine, model, size, base_url, api_key, timeout
        What the notebook asked for; ``None`` means "not given".
    policy : bool
        True (a chat's settings): apply the administrator's locks, allowed engines and
        generation switch. False (:func:`~jupyter_imagechat.engines.create_engine` called
        directly): arguments win and nothing is refused.
    environ : mapping, optional
        The environment variables (default ``os.environ``).
    folders : sequence of paths, optional
        Where to look for settings files (default: ``jupyter --paths``'s config folders).
    **engine_options
        Kept as :attr:`Settings.engine_options` for the engine's constructor.

    Raises
    ------
    InputError
        A settings file or variable holds a bad value (the message names it), an engine
        the administrator does not allow, or a size over the allowed maximum.
    """
    env = os.environ if environ is None else environ
    files, notes = read_config_files(config_folders() if folders is None else folders)
    state = _State(policy, notes)
    for config in files:  # lowest priority first
        for name, raw in config.values.items():
            if name not in FIELDS:
                notes.append(f"{config.path}: unknown setting {name!r} is ignored")
                continue
            state.offer(name, _read(name, raw, str(config.path)), str(config.path))
        state.lock(config.locked, str(config.path), from_file=True)
    for spec in FIELDS.values():
        if env.get(spec.env, "").strip():
            state.offer(spec.name, _read(spec.name, env[spec.env], "$" + spec.env), "$" + spec.env)
    if env.get(LOCKED_ENV, "").strip():
        state.lock(_names(env[LOCKED_ENV], "$" + LOCKED_ENV), "$" + LOCKED_ENV, from_file=False)
    configured = state.values.get("engine")
    if policy and engine is not None and "engine" in state.lockers:
        state.offer("engine", _read("engine", engine, ""), "argument")
        if state.values.get("engine") != engine.strip().lower():  # the lock held
            dropped = [n for n, v in (("model", model), ("base_url", base_url),
                                      ("api_key", api_key)) if v is not None]  # fmt: skip
            if dropped:
                state.notes.append(f"{', '.join(dropped)} given for engine {engine!r}: ignored")
            engine = model = base_url = api_key = None
    arguments = {
        "engine": engine,
        "model": model,
        "size": size,
        "base_url": base_url,
        "api_key": api_key,
        "timeout": timeout,
    }
    for name, value in arguments.items():
        if value is not None:
            state.offer(name, _read(name, value, ""), "argument")
    return state.settings(configured, env, dict(engine_options))


class _State:
    """The values so far, where each came from, and who locked what."""

    def __init__(self, policy: bool, notes: list[str]) -> None:
        self.policy = policy
        self.notes = notes
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}
        self.lockers: dict[str, tuple[str, bool]] = {}  # name -> (source, from a file)

    def offer(self, name: str, value: Any, source: str) -> None:
        locker = self.lockers.get(name)
        held = locker is not None and (locker[1] or source == "argument")
        if self.policy and held:
            assert locker is not None
            if value != self.values.get(name):
                shown = "***" if FIELDS[name].secret else repr(value)
                where = f"{name}={shown}" if source == "argument" else f"{source}'s {name}"
                self.notes.append(
                    f"{name} is locked by your administrator ({locker[0]}): {where} is ignored"
                )
            return
        self.values[name], self.sources[name] = value, source

    def lock(self, names: Sequence[str], source: str, *, from_file: bool) -> None:
        for name in names:
            if name not in FIELDS:
                raise InputError(f"{source}: cannot lock {name!r}: there is no such setting")
            self.lockers.setdefault(name, (source, from_file))

    def settings(
        self, configured: str | None, env: Mapping[str, str], options: dict[str, Any]
    ) -> Settings:
        values, sources = self.values, self.sources
        allowed = values.get("allowed_engines") if self.policy else None
        if "engine" not in values and allowed:
            values["engine"], sources["engine"] = allowed[0], sources["allowed_engines"]
        chosen = values.get("engine", "builtin")
        if allowed and chosen not in allowed:
            raise InputError(
                f"engine {chosen!r} is not allowed here; your administrator allows: "
                f"{', '.join(allowed)}"
            )
        owner = configured or "remote"  # whom the files' and variables' endpoint settings serve
        for spec in FIELDS.values():
            inherited = sources.get(spec.name, "argument") != "argument"
            if spec.endpoint and inherited and chosen != owner:
                values.pop(spec.name, None)
                sources.pop(spec.name, None)
        if chosen == "openai":  # the openai package's own variables, for OpenAI's engine only
            for name, variable in (("api_key", "OPENAI_API_KEY"), ("base_url", "OPENAI_BASE_URL")):
                if name not in values and env.get(variable, "").strip():
                    values[name] = _read(name, env[variable], "$" + variable)
                    sources[name] = "$" + variable
        size, most = values.get("size"), values.get("max_size", MAX_SIDE)
        if self.policy and size is not None and size > most:
            raise InputError(
                f"size {size} is over the largest side allowed here ({most} px, "
                f"{sources.get('max_size', 'default')})"
            )
        if not self.policy:
            values.pop("generation", None)
        locked = frozenset(self.lockers) if self.policy else frozenset()
        return Settings(
            **values,
            locked=locked,
            sources=dict(sources),
            notes=tuple(dict.fromkeys(self.notes)),
            engine_options=options,
        )


def _read(name: str, raw: Any, where: str) -> Any:
    try:
        return FIELDS[name].read(raw)
    except ValueError as exc:
        raise InputError(f"{where + ': ' if where else ''}{name} {exc}") from None


def _names(raw: str, where: str) -> tuple[str, ...]:
    try:
        return read_names(raw)
    except ValueError as exc:
        raise InputError(f"{where} {exc}") from None


def _display(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
