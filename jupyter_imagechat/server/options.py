"""What a served application is made of: its models, limits, rate limits and tokens.

Everything here is plain data (no Ray), so the command line, ``serve run``'s application
builder and the tests make the same :class:`ServeOptions`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import InputError

if TYPE_CHECKING:
    from ..engines.base import Engine

__all__ = [
    "TOKEN_ENV",
    "Limits",
    "ModelSpec",
    "RateLimit",
    "ServeOptions",
    "serve_options",
    "token_digest",
    "tokens_from",
]

TOKEN_ENV = "JUPYTER_IMAGECHAT_TOKEN"
"""The environment variable that gives the server's token(s), comma-separated."""

SERVED_ENGINES = ("builtin", "diffusers")


def token_digest(token: str) -> str:
    """The SHA-256 of a token: the gateway keeps only these, never the tokens."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Limits:
    """What one request may ask for; more is answered with 400 and the reason.

    Attributes
    ----------
    max_body_bytes : int
        The whole request (a picture and a mask included).
    max_prompt_chars : int
        The prompt, and the negative prompt.
    min_side, max_side : int
        Each side of the picture asked for, and of a picture sent to edit.
    max_steps : int
        ``num_inference_steps``.
    max_plan_bytes : int
        The ``scene_graph`` as JSON.
    """

    max_body_bytes: int = 16 * 1024 * 1024
    max_prompt_chars: int = 4000
    min_side: int = 64
    max_side: int = 1024
    max_steps: int = 100
    max_plan_bytes: int = 256 * 1024


@dataclass(frozen=True)
class RateLimit:
    """Requests each client may send: ``per_minute`` on average, ``burst`` at once.

    A client is its token plus the ``user`` it sends (remote engines send a pseudonym per
    student), never its IP address: a whole school may share one.
    """

    per_minute: float = 30.0
    burst: int = 10


@dataclass(frozen=True)
class ModelSpec:
    """One served model: one Ray Serve deployment.

    Attributes
    ----------
    name : str
        The id clients ask for and ``/v1/models`` lists.
    engine : str
        ``"builtin"`` or ``"diffusers"``.
    model : str or None
        For diffusers: the hub id or folder.
    engine_options : mapping
        Passed to the engine (``device``, ``dtype``...).
    engine_factory : callable, optional
        Makes the engine instead (any object with the engine contract); it runs in each
        replica, so it must be importable there or picklable by value.
    num_gpus : float or None
        GPUs each replica reserves; ``None``: one for a diffusers model when the Ray
        cluster has GPUs, none otherwise.
    num_cpus : float
        CPUs each replica reserves.
    min_replicas, max_replicas : int
        Autoscaling bounds (equal: a fixed number).
    max_ongoing : int
        Drawings one replica runs at once (1: a pipeline draws one picture at a time).
    max_queued : int
        Requests each replica keeps waiting, in order, beyond those it draws; one more
        than all replicas hold (:attr:`capacity`) is answered 429 with Retry-After.
    max_batch_size : int
        Requests a replica gathers into one drawing step (Ray Serve's ``@serve.batch``);
        1 turns batching off. The diffusers engine draws the requests that can share a
        pipeline call (same size, mode and settings) in one call; the built-in engine
        draws a batch one by one. At most :attr:`per_replica` (:attr:`batch_size`).
    batch_wait_timeout_s : float
        Seconds a replica waits for a batch to fill after its first request (0: draw
        what has arrived).
    """

    name: str
    engine: str = "builtin"
    model: str | None = None
    engine_options: Mapping[str, Any] = field(default_factory=dict)
    engine_factory: Callable[[], Engine] | None = None
    num_gpus: float | None = None
    num_cpus: float = 1.0
    min_replicas: int = 1
    max_replicas: int = 1
    max_ongoing: int = 1
    max_queued: int = 16
    max_batch_size: int = 4
    batch_wait_timeout_s: float = 0.02

    def __post_init__(self) -> None:
        if self.engine not in SERVED_ENGINES and self.engine_factory is None:
            raise InputError(
                f"the server draws with {' or '.join(SERVED_ENGINES)}, not {self.engine!r}"
            )
        if self.engine == "diffusers" and not self.model and self.engine_factory is None:
            raise InputError("--engine diffusers needs --model (a hub id or a saved folder)")
        if not 1 <= self.min_replicas <= self.max_replicas:
            raise InputError(
                f"replicas: need 1 <= min ({self.min_replicas}) <= max ({self.max_replicas})"
            )
        if self.max_ongoing < 1 or self.max_queued < 0:
            raise InputError("max_ongoing must be at least 1 and max_queued at least 0")
        if not 1 <= self.max_batch_size <= 256:
            raise InputError(f"max_batch_size must be from 1 to 256, got {self.max_batch_size}")
        if not 0 <= self.batch_wait_timeout_s <= 10:
            raise InputError(
                f"batch_wait_timeout_s must be from 0 to 10 s, got {self.batch_wait_timeout_s}"
            )

    @property
    def per_replica(self) -> int:
        """Requests one replica holds: ``max_ongoing`` drawing, ``max_queued`` waiting."""
        return self.max_ongoing + self.max_queued

    @property
    def batch_size(self) -> int:
        """Requests one drawing step takes at most: ``max_batch_size``, within what each
        of the replica's ``max_ongoing`` drawings can hold."""
        return max(1, min(self.max_batch_size, self.per_replica // self.max_ongoing))

    @property
    def capacity(self) -> int:
        """Requests in flight at most: what the largest number of replicas hold."""
        return self.max_replicas * self.per_replica


@dataclass(frozen=True)
class ServeOptions:
    """A served application: where it listens, what it serves, and its guards.

    Attributes
    ----------
    host, port : str, int
        Where the HTTP proxy listens (``127.0.0.1``: this machine only).
    token_digests : tuple of str
        SHA-256 of each accepted token (:func:`token_digest`); empty: no token needed,
        allowed only on a loopback address.
    models : tuple of ModelSpec
        One deployment each; the first answers requests that name no model.
    limits, rate : Limits, RateLimit
        Request size limits; per-client rate limits.
    address : str or None
        ``None``: start Ray in this process; ``"auto"`` or ``"ray://..."``: join a cluster.
    name : str
        The Serve application's name.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    token_digests: tuple[str, ...] = field(default=(), repr=False)
    models: tuple[ModelSpec, ...] = (ModelSpec("builtin"),)
    limits: Limits = Limits()
    rate: RateLimit = RateLimit()
    address: str | None = None
    name: str = "jupyter-imagechat"

    def __post_init__(self) -> None:
        if not self.models:
            raise InputError("the server needs at least one model")
        names = [m.name for m in self.models]
        if len(set(names)) != len(names):
            raise InputError(f"model names must differ, got {names}")
        if not self.token_digests and not _loopback(self.host):
            raise InputError(
                f"serving on {self.host} without a token would let anyone on the network "
                f"draw: pass --token (or set ${TOKEN_ENV})"
            )

    @property
    def url(self) -> str:
        """The base URL clients use (``http://host:port/v1``)."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}/v1"


def tokens_from(
    values: list[str] | None, environ: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The digests of the tokens given (``--token``, repeatable), else of
    ``$JUPYTER_IMAGECHAT_TOKEN`` (comma-separated)."""
    env = os.environ if environ is None else environ
    raw = list(values or []) or env.get(TOKEN_ENV, "").split(",")
    tokens = [t.strip() for t in raw if t.strip()]
    short = [t for t in tokens if len(t) < 16]
    if short:
        raise InputError("a token must be at least 16 characters (e.g. `openssl rand -hex 24`)")
    return tuple(token_digest(t) for t in tokens)


def _loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def serve_options(
    values: Mapping[str, Any], environ: Mapping[str, str] | None = None
) -> ServeOptions:
    """:class:`ServeOptions` from plain values: the command line's, or the ``args`` of a
    ``serve run`` / KubeRay ``RayService`` config (see :func:`~.app.build`).

    Keys (all optional): ``host``, ``port``, ``engine`` (``builtin``/``diffusers``),
    ``model`` (one id or a list: one deployment each), ``token`` (one or a list; else
    ``$JUPYTER_IMAGECHAT_TOKEN``), ``address``, ``replicas`` or ``min_replicas`` and
    ``max_replicas``, ``num_gpus`` (by default one per diffusers replica where the cluster
    has GPUs), ``max_queued``, ``max_batch_size`` (requests drawn in one step, default 4;
    1: no batching), ``batch_wait_timeout_s`` (default 0.02), ``max_side``, ``max_body_mb``,
    ``rate_per_minute``, ``burst``, ``device``, ``dtype``.
    """
    known = {
        "host", "port", "engine", "model", "token", "address", "replicas", "min_replicas",
        "max_replicas", "num_gpus", "max_queued", "max_batch_size", "batch_wait_timeout_s",
        "max_side", "max_body_mb",
        "rate_per_minute", "burst", "device", "dtype",
    }  # fmt: skip
    unknown = sorted(set(values) - known)
    if unknown:
        raise InputError(f"unknown server option(s) {unknown}; known: {sorted(known)}")
    engine = str(values.get("engine") or "builtin")
    models = values.get("model")
    ids = [models] if isinstance(models, str) else list(models or [])
    if engine == "builtin" and ids:
        raise InputError("--engine builtin takes no --model")
    fixed = values.get("replicas")
    low = int(fixed if fixed is not None else values.get("min_replicas") or 1)
    high = int(fixed if fixed is not None else values.get("max_replicas") or low)
    options = {k: values[k] for k in ("device", "dtype") if values.get(k)}
    common: dict[str, Any] = {
        "engine": engine,
        "engine_options": options,
        "num_gpus": None if values.get("num_gpus") is None else float(values["num_gpus"]),
        "min_replicas": low,
        "max_replicas": high,
        "max_queued": int(values["max_queued"]) if values.get("max_queued") is not None else 16,
    }
    if values.get("max_batch_size") is not None:
        common["max_batch_size"] = int(values["max_batch_size"])
    if values.get("batch_wait_timeout_s") is not None:
        common["batch_wait_timeout_s"] = float(values["batch_wait_timeout_s"])
    specs = tuple(ModelSpec(name=i, model=i, **common) for i in ids) or (
        ModelSpec(name=engine, **common),
    )
    tokens = values.get("token")
    given = [tokens] if isinstance(tokens, str) else list(tokens or [])
    limits = Limits(
        max_side=int(values.get("max_side") or Limits.max_side),
        max_body_bytes=int(float(values.get("max_body_mb") or 16) * 1024 * 1024),
    )
    rate = RateLimit(
        per_minute=float(values.get("rate_per_minute") or RateLimit.per_minute),
        burst=int(values.get("burst") or RateLimit.burst),
    )
    return ServeOptions(
        host=str(values.get("host") or "127.0.0.1"),
        port=int(values.get("port") or 8000),
        token_digests=tokens_from(given, environ),
        models=specs,
        limits=limits,
        rate=rate,
        address=values.get("address") or None,
    )
