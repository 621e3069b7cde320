"""What went wrong talking to an OpenAI-compatible server, said so a student can act on it.

:func:`describe` turns an exception of the ``openai`` package (or of its HTTP library) into
one sentence for the chat: which server, what happened, what to do. Text that comes from
the server is untrusted: it is shortened, cleaned of control characters, and every key
the caller knows about is blanked out (:func:`redact`), so a key never reaches an error
message even when a server echoes it. A :class:`Role` says what the server is to the user
(:data:`IMAGES`, the image engines' server; :data:`CHAT`, a language model that plans).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["CHAT", "IMAGES", "Role", "describe", "redact", "retry_after", "server_reason"]


@dataclass(frozen=True)
class Role:
    """What a server is to the user, for the words of :func:`describe`.

    Attributes
    ----------
    name : str
        What the chat calls it ("the image server at ...").
    keys : str
        Where its key comes from, for a refused key (401).
    reply : str
        What it answers with, for an answer of the wrong shape.
    slow : str
        What to do when it did not answer in time.
    """

    name: str = "image server"
    keys: str = "api_key, JUPYTER_IMAGECHAT_API_KEY or OPENAI_API_KEY"
    reply: str = "an image reply"
    slow: str = "it may be busy or the picture too large: try again, or a smaller size"


IMAGES = Role()
"""The image engines' server (``engine="remote"``, ``engine="openai"``)."""
CHAT = Role(
    "language model server",
    "api_key, IMAGECHAT_LLM_API_KEY or OPENAI_API_KEY",
    "a chat reply",
    "it may be busy or the model still loading: try again, or give the planner a longer timeout",
)
"""A chat endpoint a language-model planner asks (``planner="openai"``)."""

MAX_REASON_CHARS = 300
"""A server's own explanation is cut to this many characters."""

_KEYLIKE = re.compile(r"(?i)\b(sk-[A-Za-z0-9_\-*]{6,}|bearer\s+[A-Za-z0-9._\-~+/=]{6,})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Return ``text`` with each of ``secrets`` and anything shaped like a key replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return _KEYLIKE.sub("***", text)


def server_reason(body: Any, secrets: Iterable[str | None] = ()) -> str:
    """The server's own explanation in an error body (OpenAI's ``{"error": {"message"}}``,
    or plain text), shortened and redacted; ``""`` when there is none."""
    message: Any = body
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if message is None and isinstance(body.get("detail"), str):
            message = body["detail"]
    if not isinstance(message, str):
        return ""
    text = _CONTROL.sub(" ", message.encode("utf-8", "replace").decode()).strip()  # half emoji
    if len(text) > MAX_REASON_CHARS:
        text = text[: MAX_REASON_CHARS - 1] + "\u2026"
    return redact(text, secrets)


def retry_after(headers: Any) -> int | None:
    """Whole seconds a ``Retry-After`` (or ``retry-after-ms``) header asks to wait."""
    if headers is None:
        return None
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / divisor
        except ValueError:
            continue
        if math.isfinite(seconds) and seconds >= 0:
            return max(1, math.ceil(seconds))
    return None


def describe(
    exc: BaseException, where: str, secrets: Iterable[str | None] = (), *, role: Role = IMAGES
) -> str:
    """One sentence for the chat about ``exc``, raised while asking the server ``where``.

    Parameters
    ----------
    exc : BaseException
        An ``openai`` exception (matched by class name, so the package need not be
        importable here) or anything else.
    where : str
        The server as the user knows it (an address without credentials).
    secrets : iterable of str
        Keys to blank out of any text taken from the server.
    role : Role
        What the server is to the user (the image server unless said otherwise).
    """
    secrets = list(secrets)
    server = role.name
    kind = type(exc).__name__
    status = getattr(exc, "status_code", None)
    reason = server_reason(getattr(exc, "body", None), secrets)
    said = f": {reason}" if reason else ""
    if kind == "APITimeoutError":
        return f"the {server} at {where} did not answer in time; {role.slow}"
    if kind == "APIConnectionError":
        return _connection(exc, where, server)
    if status == 401:
        return (
            f"the {server} at {where} refused the key (401 Unauthorized): check "
            f"{role.keys}, or ask your teacher"
        )
    if status == 403:
        return f"the {server} at {where} does not allow this (403 Forbidden){said}"
    if status == 404:
        return (
            f"the {server} at {where} has no such model or address (404){said}; check "
            "model and base_url (it usually ends in /v1)"
        )
    if status == 429:
        wait = retry_after(getattr(getattr(exc, "response", None), "headers", None))
        when = f"try again in {wait} s" if wait else "try again in a moment"
        return f"the {server} at {where} is busy or your share is used up (429){said}; {when}"
    if status == 413:
        return f"the {server} at {where} refused the request as too large (413){said}"
    if isinstance(status, int) and 400 <= status < 500:
        return f"the {server} at {where} refused the request ({status}){said}"
    if isinstance(status, int):
        return (
            f"the {server} at {where} failed ({status}){said}; try again, and tell your "
            "teacher if it keeps failing"
        )
    if kind == "APIResponseValidationError":
        return f"the {server} at {where} answered with something that is not {role.reply}"
    text = redact(str(exc), secrets)[:MAX_REASON_CHARS]
    return f"asking the {server} at {where} failed ({kind}: {text})"


def unreadable_reply(exc: BaseException) -> str:
    """Why a reply's JSON could not be parsed at all, or "" when ``exc`` is not about that:
    nested too deep for the parser, or a number too long to convert (Python's 4,300 digits).
    """
    if isinstance(exc, RecursionError):
        return "JSON nested too deep to read"
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return "a number too long to read"
    return ""


def _connection(exc: BaseException, where: str, server: str) -> str:
    causes: list[str] = []
    cause: BaseException | None = exc.__cause__ or exc.__context__
    while cause is not None and len(causes) < 5:
        causes.append(type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    if any(name in ("ConnectError", "ConnectionRefusedError", "ConnectTimeout") for name in causes):
        return (
            f"could not connect to the {server} at {where}: it is not running or cannot "
            "be reached; check base_url, or ask your teacher whether the server is up"
        )
    if any(n in ("RemoteProtocolError", "ReadError", "IncompleteRead") for n in causes):
        return (
            f"the connection to the {server} at {where} was cut off before the answer "
            "was complete (the server stopped or restarted?); try again"
        )
    return f"the connection to the {server} at {where} failed; try again"
