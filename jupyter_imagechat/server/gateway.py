"""The server's front door: routes, the token check, size limits, rate limits, the queue.

:class:`Gateway` holds no Ray code: it takes a request's method, path, headers and a way
to read the body, and a ``submit`` coroutine that hands a job to a model's replicas
(:mod:`.app` wires it to Ray Serve; tests can call it directly). Every request is checked
in this order, and each refusal is an OpenAI-style error body with a reason:

1. the route (404, 405);
2. the token, on every request, ``/v1/models`` included (401);
3. the body's size (400, before it is read past the limit);
4. the client's rate limit, keyed on its token and ``user`` (429 with ``Retry-After``);
5. the fields against the limits (400: prompt length, size, picture and mask sizes...);
6. the model's queue: full is answered 429 "busy" with ``Retry-After`` instead of waiting.
"""

from __future__ import annotations

import hmac
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import Cancelled, EngineError
from .forms import BadRequest, parse_body
from .jobs import ImageJob, read_job
from .options import ModelSpec, ServeOptions, token_digest
from .ratelimit import RateLimiter

__all__ = ["Answer", "Gateway", "QueueFull", "read_limited"]

log = logging.getLogger(__name__)

ROUTES: dict[str, tuple[str, str]] = {
    "/v1/models": ("GET", "models"),
    "/v1/images/generations": ("POST", "generations"),
    "/v1/images/edits": ("POST", "edits"),
}

Submit = Callable[[ModelSpec, ImageJob], Awaitable[dict[str, Any]]]
BodyReader = Callable[[int], Awaitable[bytes]]


class QueueFull(Exception):
    """The model's queue is full: the request was not taken."""


@dataclass
class Answer:
    """An HTTP answer: status, JSON body, extra headers."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Load:
    """How busy one model is, for the Retry-After of a full queue."""

    in_flight: int = 0
    seconds: float = 2.0  # moving average of a request's time, queue included

    def note(self, seconds: float) -> None:
        self.seconds = 0.8 * self.seconds + 0.2 * seconds


class Gateway:
    """Checks requests and hands jobs to the models (see the module docstring).

    Parameters
    ----------
    options : ServeOptions
        Tokens (as digests), models, limits and rate limits.
    submit : coroutine function
        ``submit(spec, job)`` draws ``job`` on ``spec``'s replicas and returns the
        painter's result; raises :class:`QueueFull` when the queue is full.
    clock : callable
        Monotonic seconds (for the rate limits).
    """

    def __init__(
        self, options: ServeOptions, submit: Submit, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.options = options
        self._submit = submit
        self._limiter = RateLimiter(options.rate.per_minute, options.rate.burst, clock=clock)
        self._models = {m.name: m for m in options.models}
        self._load = {m.name: _Load() for m in options.models}

    async def handle(
        self, method: str, path: str, headers: Mapping[str, str], read_body: BodyReader
    ) -> Answer:
        """Answer one request (``headers`` with lower-case names)."""
        route = ROUTES.get(path.rstrip("/") or "/")
        if route is None:
            return _error(404, f"no such path {path[:100]!r}; see /v1/models", "not_found")
        if method.upper() != route[0]:
            return _error(405, f"use {route[0]} for {path}", "method_not_allowed")
        token = _bearer(headers)
        if not self._authorised(token):
            answer = _error(
                401,
                "a valid token is required (Authorization: Bearer ...)",
                "invalid_api_key",
                "authentication_error",
            )
            answer.headers["WWW-Authenticate"] = 'Bearer realm="jupyter-imagechat"'
            return answer
        if route[1] == "models":
            return self._model_list()
        try:
            return await self._draw(route[1], token, headers, read_body)
        except BadRequest as exc:
            return _error(exc.status, str(exc), exc.code)
        except Cancelled:
            return _error(499, "the client went away", "cancelled")
        except EngineError as exc:
            return _error(500, f"drawing failed: {exc}", "engine_error", "server_error")
        except Exception:
            log.exception("request to %s failed", path)
            return _error(500, "the server failed; see its log", "internal_error", "server_error")

    async def _draw(
        self, kind: str, token: str | None, headers: Mapping[str, str], read_body: BodyReader
    ) -> Answer:
        limit = self.options.limits.max_body_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise BadRequest(_too_big(int(declared), limit), code="request_too_large")
        body = await read_body(limit)
        fields = parse_body(body, headers.get("content-type", ""))
        client = self._client(token, headers, fields)
        wait = self._limiter.take(client)
        if wait > 0:
            seconds = _whole_seconds(wait)
            per_minute = self.options.rate.per_minute
            answer = _error(
                429,
                f"rate limit: {per_minute:g} pictures a minute per student; try again in "
                f"{seconds} s",
                "rate_limit_exceeded",
                "rate_limit_error",
            )
            answer.headers["Retry-After"] = str(seconds)
            return answer
        job = read_job(kind, fields, self.options.limits)
        spec = self._models.get(job.model or "") if job.model else self.options.models[0]
        if spec is None:
            raise BadRequest(
                f"no model {job.model!r} here; this server has {', '.join(self._models)}",
                status=404,
                code="model_not_found",
            )
        load = self._load[spec.name]
        if load.in_flight >= spec.capacity:
            return self._busy(spec)
        started = time.monotonic()
        load.in_flight += 1
        try:
            result = await self._submit(spec, job)
        except QueueFull:
            return self._busy(spec)
        finally:
            load.in_flight -= 1
        load.note(time.monotonic() - started)
        return Answer(200, _reply(result))

    def _busy(self, spec: ModelSpec) -> Answer:
        """429: the model's queue is full; come back when about that many have drawn."""
        waiting = self._load[spec.name].in_flight
        seconds = self._retry_after(spec)
        answer = _error(
            429,
            f"busy: {waiting} requests are ahead for {spec.name}; try again in {seconds} s",
            "server_busy",
            "rate_limit_error",
        )
        answer.headers["Retry-After"] = str(seconds)
        return answer

    def _authorised(self, token: str | None) -> bool:
        digests = self.options.token_digests
        if not digests:
            return True
        if not token:
            return False
        offered = token_digest(token)
        return any(hmac.compare_digest(offered, d) for d in digests)

    def _client(self, token: str | None, headers: Mapping[str, str], fields: dict[str, Any]) -> str:
        """Who sends: the token (as a short digest) and the user it names."""
        user = fields.get("user") or headers.get("x-imagechat-user") or "anonymous"
        key = token_digest(token)[:16] if token else "-"
        return f"{key}/{str(user)[:200]}"

    def _retry_after(self, spec: ModelSpec) -> int:
        """Seconds until a full queue has room again: about what a request has taken lately
        from arriving to its answer (through a full queue, that is the queue's wait)."""
        return min(60, _whole_seconds(self._load[spec.name].seconds))

    def _model_list(self) -> Answer:
        data = [
            {"id": m.name, "object": "model", "owned_by": "jupyter-imagechat", "engine": m.engine}
            for m in self.options.models
        ]
        return Answer(200, {"object": "list", "data": data})


def _reply(result: dict[str, Any]) -> dict[str, Any]:
    import base64

    report = {k: v for k, v in result.items() if k != "png"}
    return {
        "created": int(time.time()),
        "data": [{"b64_json": base64.b64encode(result["png"]).decode("ascii")}],
        "jupyter_imagechat": report,
    }


def _bearer(headers: Mapping[str, str]) -> str | None:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def _error(status: int, message: str, code: str, kind: str = "invalid_request_error") -> Answer:
    return Answer(
        status, {"error": {"message": message, "type": kind, "code": code, "param": None}}
    )


def _too_big(size: int, limit: int) -> str:
    return f"the request is {size:,} bytes; the limit is {limit:,} (a smaller picture?)"


def _whole_seconds(seconds: float) -> int:
    return max(1, math.ceil(seconds)) if math.isfinite(seconds) else 60


def read_limited(chunks: Any) -> BodyReader:
    """A body reader over an async iterator of byte chunks that stops past the limit."""

    async def read(limit: int) -> bytes:
        parts, total = [], 0
        async for chunk in chunks:
            total += len(chunk)
            if total > limit:
                raise BadRequest(_too_big(total, limit) + " (cut off)", code="request_too_large")
            parts.append(chunk)
        return b"".join(parts)

    return read
