"""Chat completions on the shared :class:`~.client.Client`: what a language-model planner asks.

:class:`Chat` sends ``POST /chat/completions`` through the ``openai`` package, with the
client's timeouts, its retries with backoff on 429, 5xx, timeouts and dropped
connections, and Stop. The answer is asked for as JSON against a schema (the
``json_schema`` response format) where the server supports it: a server that refuses a
parameter with 400 ("response_format is not supported", "temperature does not support 0
with this model") is asked again without it, a schema falling back to plain JSON mode and
then to no format, and the chat remembers what the server refused. Answers are read
defensively: a reply that is not a chat completion, a refusal and an empty answer are
errors in plain words (:class:`~jupyter_imagechat.errors.EngineError`), like every fault
of the client (:func:`.faults.describe`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import EngineError
from .client import Client, Endpoint, require_openai
from .faults import server_reason

__all__ = ["Chat", "ChatAnswer"]

_DROPPABLE = ("response_format", "temperature", "seed", "max_tokens")
"""Parameters a server may refuse; the request is sent again without them."""
_TRIES = 1 + len(_DROPPABLE) + 1  # one more: a schema becomes plain JSON mode first
MAX_ANSWER_CHARS = 200_000
"""Longest answer text kept (a scene graph is a few thousand characters)."""


@dataclass(frozen=True)
class ChatAnswer:
    """A chat endpoint's answer.

    Attributes
    ----------
    text : str
        The first choice's content.
    finish : str or None
        Why the model stopped (``"stop"``, or ``"length"`` when the answer was cut off).
    model : str or None
        The model that answered, as the server names it.
    format : str
        How the answer was asked for: ``"json_schema"``, ``"json_object"`` or ``"text"``.
    """

    text: str
    finish: str | None = None
    model: str | None = None
    format: str = "text"


class Chat:
    """Asks one model at one :class:`~.client.Endpoint` (see the module docstring).

    Parameters
    ----------
    endpoint : Endpoint
        Where the server is, its key, the timeout of one attempt and the retries.
    model : str
        The model to ask.
    max_tokens : int, optional
        The longest answer; by default the server's own limit (some models refuse the
        parameter).

    Raises
    ------
    EngineError
        When the ``openai`` package is missing (the message names the pip command).
    """

    def __init__(self, endpoint: Endpoint, model: str, *, max_tokens: int | None = None) -> None:
        self.client = Client(endpoint)
        self.model = model
        self.max_tokens = max_tokens
        self.refused: set[str] = set()
        """Parameters the server refused; later requests leave them out."""
        self._json_mode_only = False

    def __repr__(self) -> str:
        return f"Chat({self.client.endpoint.shown!r}, model={self.model!r})"

    def ask(
        self,
        messages: Sequence[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        name: str = "answer",
        should_stop: Callable[[], bool] | None = None,
    ) -> ChatAnswer:
        """Send ``messages`` and return the answer; ``schema`` asks for JSON matching it.

        Raises
        ------
        EngineError
            The server could not be reached, refused, failed after its retries, or
            answered with no text or something that is not a chat completion; the
            message says which in words, never with the key.
        Cancelled
            ``should_stop()`` returned True.
        """
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [dict(m) for m in messages],
            "temperature": 0,
            "seed": 0,
        }
        if self.max_tokens is not None:
            body["max_tokens"] = int(self.max_tokens)
        if schema is not None:
            body["response_format"] = self._format(schema, name)
        openai = require_openai()

        async def send(api: Any) -> tuple[Any, str]:
            for _ in range(_TRIES):
                sent = {k: v for k, v in body.items() if k not in self.refused}
                try:
                    reply = await api.chat.completions.create(**sent)
                except openai.BadRequestError as exc:  # 400/422: a parameter it does not take
                    if not self._drop(exc, body):
                        raise
                    continue
                return reply, _format_name(sent.get("response_format"))
            raise EngineError(f"{self.where} refused every form of the request")

        reply, how = self.client.call(send, should_stop=should_stop)
        return self._read(reply, how)

    @property
    def where(self) -> str:
        """The server as the chat names it ("the language model server at ...")."""
        end = self.client.endpoint
        return f"the {end.role.name} at {end.shown}"

    def _format(self, schema: dict[str, Any], name: str) -> dict[str, Any]:
        if self._json_mode_only:
            return {"type": "json_object"}
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema}}

    def _drop(self, exc: Any, body: dict[str, Any]) -> bool:
        """Leave out the parameter a 400 names; False when it names none we can drop."""
        said = " ".join(
            str(part).lower()
            for part in (getattr(exc, "param", None), server_reason(getattr(exc, "body", None)))
            if part
        )
        said += " " + str(getattr(exc, "message", "")).lower()
        for param in _DROPPABLE:
            mentioned = param in said or (param == "response_format" and "json_schema" in said)
            if not mentioned or param not in body or param in self.refused:
                continue
            fmt = body.get("response_format") or {}
            if param == "response_format" and fmt.get("type") == "json_schema":
                body["response_format"] = {"type": "json_object"}  # plain JSON mode next
                self._json_mode_only = True
                return True
            self.refused.add(param)
            return True
        return False

    def _read(self, reply: Any, how: str) -> ChatAnswer:
        choices = getattr(reply, "choices", None)
        if isinstance(reply, (str, bytes)) or not isinstance(choices, list) or not choices:
            raise EngineError(f"{self.where} did not answer like a chat endpoint (no choices)")
        first = choices[0]
        message = getattr(first, "message", None)
        refusal = getattr(message, "refusal", None)
        if isinstance(refusal, str) and refusal.strip():
            raise EngineError(f"the model at {self.client.endpoint.shown} declined: "
                              f"{server_reason(refusal)}")  # fmt: skip
        content = getattr(message, "content", None)
        if not isinstance(content, str) or not content.strip():
            raise EngineError(f"{self.where} sent no text")
        finish = getattr(first, "finish_reason", None)
        model = getattr(reply, "model", None)
        return ChatAnswer(
            content[:MAX_ANSWER_CHARS],
            finish if isinstance(finish, str) else None,
            model if isinstance(model, str) else None,
            how,
        )


def _format_name(fmt: Any) -> str:
    kind = fmt.get("type") if isinstance(fmt, dict) else None
    return kind if kind in ("json_schema", "json_object") else "text"
