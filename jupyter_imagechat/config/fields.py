"""The settings an administrator (or a user) can give, each read and checked the same way
from a config file (JSON values) and from an environment variable (text).

Every reader returns the value to use or raises :class:`ValueError` with a message that
says what is allowed; :mod:`.settings` adds where the value came from.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..scene.text import clean_text

__all__ = ["ENV_PREFIX", "FIELDS", "LOCKED_ENV", "Field", "read_names"]

ENV_PREFIX = "JUPYTER_IMAGECHAT_"
"""Every setting ``name`` is also read from the environment variable ``ENV_PREFIX + NAME``."""

LOCKED_ENV = ENV_PREFIX + "LOCKED"
"""Names of settings an administrator locks through the environment (comma-separated)."""

MIN_SIDE, MAX_SIDE = 64, 2048
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}\Z")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _text(limit: int) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValueError("must be non-empty text")
        if len(value) > limit:
            raise ValueError(f"must be at most {limit} characters, got {len(value)}")
        return clean_text(value).strip()  # half an emoji ("\\ud83c" in JSON, a bad byte in
        # the environment) cannot be sent to the browser, nor written to a file

    return read


def _engine(value: Any) -> str:
    text = _text(40)(value).lower()
    if not _NAME.match(text):
        raise ValueError(f"must be an engine name such as 'builtin' or 'remote', got {text!r}")
    return text


def _url(value: Any) -> str:
    text = _text(2000)(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"must be an http:// or https:// address, got {parts.scheme or text!r}")
    return text.rstrip("/")


def _side(value: Any) -> int:
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip()[:9])  # "²" is a digit to isdigit(); 9 digits are plenty
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = int(value)  # np.int64 from numpy arithmetic
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_SIDE <= value <= MAX_SIDE:
        raise ValueError(f"must be an integer from {MIN_SIDE} to {MAX_SIDE}, got {value!r}")
    return value


def _seconds(value: Any) -> float:
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise ValueError("must be a number of seconds") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 3600:
        raise ValueError(f"must be a number of seconds from 1 to 3600, got {value!r}")
    return float(value)


def _switch(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError("must be true or false (in the environment: on/off, 1/0, yes/no)")


def read_names(value: Any) -> tuple[str, ...]:
    """A list of names: a JSON list of strings, or comma-separated text."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
        raise ValueError("must be a list of names (in the environment: comma-separated)")
    names = tuple(dict.fromkeys(i.strip().lower() for i in items if i.strip()))
    bad = [n for n in names if not _NAME.match(n)]
    if bad:
        raise ValueError(f"holds names that are not names: {bad}")
    return names


@dataclass(frozen=True)
class Field:
    """One setting: how to read it and what it means (shown in docs and errors)."""

    name: str
    read: Callable[[Any], Any]
    help: str
    secret: bool = False
    endpoint: bool = False
    """True for the settings of an engine's server (base_url, api_key, model): they belong
    to the configured engine and never reach a server of another engine."""

    @property
    def env(self) -> str:
        """The environment variable that gives this setting."""
        return ENV_PREFIX + self.name.upper()


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("engine", _engine, "the engine a new chat uses: builtin, diffusers, remote, openai"),
        Field("model", _text(300), "the model id for the engine", endpoint=True),
        Field(
            "base_url", _url, "the image server's address, e.g. http://host:8000/v1", endpoint=True
        ),
        Field(
            "api_key",
            _text(4000),
            "the key or token for the image server",
            secret=True,
            endpoint=True,
        ),
        Field("size", _side, "the side of new pictures in pixels"),
        Field("max_size", _side, "the largest picture side a notebook may ask for"),
        Field("timeout", _seconds, "seconds to wait for an image server's answer"),
        Field("allowed_engines", read_names, "the engines a notebook may choose"),
        Field("generation", _switch, "false turns image generation off (plans still work)"),
        Field("generation_message", _text(500), "what the chat says while generation is off"),
    )
}
"""Every setting by name, in the order they are documented."""
