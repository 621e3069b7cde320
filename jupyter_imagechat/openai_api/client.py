"""One small client for OpenAI-compatible servers, on the official ``openai`` package.

:class:`Endpoint` says where a server is and how long to wait; :class:`Client` sends
requests with the ``openai`` package's own timeouts and retries (it waits as long as a
``Retry-After`` header asks, up to a minute, and backs off on 5xx and dropped
connections). Each request runs on one background event loop shared by every client, so
the caller's thread only waits: it polls ``should_stop`` and, when the user presses Stop,
cancels the request, which closes its connection (the server sees the client leave).

The ``openai`` package is an optional extra, imported on first use; without it the
error names the pip command. The key is held only by the ``openai`` client: it is never
in ``repr``, in :attr:`Endpoint.shown`, or in an error message (:mod:`.faults`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from ..errors import Cancelled, EngineError
from .faults import IMAGES, Role, describe, unreadable_reply

__all__ = ["PIP_HINT", "Client", "Endpoint", "require_openai"]

T = TypeVar("T")

PIP_HINT = 'pip install "jupyter-imagechat[remote]"'
"""The command that installs the ``openai`` package (the ``remote`` extra)."""

OPENAI_URL = "https://api.openai.com/v1"

MACHINE_HEADERS = (
    "X-Stainless-OS",
    "X-Stainless-Arch",
    "X-Stainless-Runtime",
    "X-Stainless-Runtime-Version",
    "X-Stainless-Lang",
    "X-Stainless-Package-Version",
)
"""Headers the ``openai`` package would send about the machine; left out of every request."""
MAX_RETRY_WAIT = 60.0
"""Seconds a ``Retry-After`` is waited for at most, between two attempts."""
_POLL = 0.1  # seconds between checks of should_stop while a request runs


def require_openai() -> Any:
    """Return the ``openai`` module, or raise :class:`EngineError` naming the pip command."""
    try:
        import openai
    except ImportError:
        raise EngineError(
            f"talking to an OpenAI-compatible server needs the openai package: {PIP_HINT}"
        ) from None
    return openai


@dataclass(frozen=True)
class Endpoint:
    """Where a server is, its key and how long to wait.

    Attributes
    ----------
    base_url : str or None
        The server's address up to ``/v1`` (``None``: OpenAI's own).
    api_key : str or None
        The key sent as ``Authorization: Bearer``; never shown.
    timeout : float
        Seconds for one attempt (connecting gets at most 10 s of it).
    max_retries : int
        Attempts after the first, for 429, 5xx, timeouts and dropped connections.
    openai_only_headers : bool
        False for servers that are not OpenAI: the ``openai`` package's
        ``OpenAI-Organization`` and ``OpenAI-Project`` headers (from ``$OPENAI_ORG_ID``
        and ``$OPENAI_PROJECT_ID``) are then not sent.
    role : Role
        What the server is to the user, for error messages (:data:`.faults.IMAGES`, the
        image server, or :data:`.faults.CHAT`, a language model).
    """

    base_url: str | None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 120.0
    max_retries: int = 2
    openai_only_headers: bool = False
    role: Role = IMAGES

    @property
    def deadline(self) -> float:
        """The longest one request may take in all: each attempt's ``timeout`` and the
        waits between attempts. A server that trickles its answer byte by byte never lets
        a read time out; it is cut off here."""
        return (self.max_retries + 1) * self.timeout + self.max_retries * MAX_RETRY_WAIT

    @property
    def shown(self) -> str:
        """The address as users may see it: no user name, password, query or fragment."""
        parts = urlsplit(self.base_url or OPENAI_URL)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


class Client:
    """Sends requests to one :class:`Endpoint` (see the module docstring).

    Examples
    --------
    >>> client = Client(Endpoint("http://127.0.0.1:8000/v1", "token"))   # doctest: +SKIP
    >>> client.call(lambda api: api.models.list())                       # doctest: +SKIP
    """

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._openai = require_openai()
        self._held: dict[str, Any] = {}  # "api": an AsyncOpenAI, made on the loop at first use
        weakref.finalize(self, _close_later, self._held)  # its connections close with it

    def __repr__(self) -> str:
        return f"Client({self.endpoint.shown!r})"

    def call(
        self,
        request: Callable[[Any], Awaitable[T]],
        *,
        should_stop: Callable[[], bool] | None = None,
        on_wait: Callable[[float], None] | None = None,
    ) -> T:
        """Run ``request(api)`` (``api`` an ``openai.AsyncOpenAI``) and return its result.

        Parameters
        ----------
        request : callable
            Makes the coroutine, e.g. ``lambda api: api.images.generate(...)``.
        should_stop : callable, optional
            Polled every 0.1 s; True cancels the request (its connection is closed).
        on_wait : callable, optional
            Called with the seconds waited so far, every 0.1 s while waiting.

        Raises
        ------
        Cancelled
            ``should_stop()`` returned True.
        EngineError
            The request failed; the message says why in words (never with the key).
        """
        future = asyncio.run_coroutine_threadsafe(self._run(request), _loop())
        started = time.monotonic()
        while True:
            try:
                return future.result(timeout=_POLL)
            except concurrent.futures.TimeoutError:
                if should_stop is not None and should_stop():
                    future.cancel()
                    raise Cancelled(
                        f"stopped; the request to {self.endpoint.shown} was abandoned"
                    ) from None
                if time.monotonic() - started > self.endpoint.deadline:
                    future.cancel()
                    end = self.endpoint
                    raise EngineError(
                        f"the {end.role.name} at {end.shown} did not answer in time; "
                        f"{end.role.slow}"
                    ) from None
                if on_wait is not None:
                    on_wait(time.monotonic() - started)
            except concurrent.futures.CancelledError:
                raise Cancelled(f"the request to {self.endpoint.shown} was cancelled") from None
            except self._openai.OpenAIError as exc:
                secrets = [self.endpoint.api_key]
                said = describe(exc, self.endpoint.shown, secrets, role=self.endpoint.role)
                raise EngineError(said) from None
            except (RecursionError, ValueError) as exc:
                why = unreadable_reply(exc)
                if not why:
                    raise
                end = self.endpoint
                raise EngineError(
                    f"the {end.role.name} at {end.shown} answered with something that is not "
                    f"{end.role.reply} ({why})"
                ) from None

    def close(self) -> None:
        """Close the connections (a later call opens new ones)."""
        _close_later(self._held)

    async def _run(self, request: Callable[[Any], Awaitable[T]]) -> T:
        if "api" not in self._held:
            self._held["api"] = self._make_api()
        return await request(self._held["api"])

    def _make_api(self) -> Any:
        end = self.endpoint
        # the machine's OS, architecture and Python are nobody's business: only what a
        # request is about leaves the notebook
        headers: dict[str, Any] = {name: self._openai.Omit() for name in MACHINE_HEADERS}
        if not end.openai_only_headers:
            headers["OpenAI-Organization"] = self._openai.Omit()
            headers["OpenAI-Project"] = self._openai.Omit()
        timeout = self._openai.Timeout(end.timeout, connect=min(10.0, end.timeout))
        return self._openai.AsyncOpenAI(
            base_url=end.base_url or OPENAI_URL,
            # an explicit key always: the package would otherwise send $OPENAI_API_KEY to
            # whatever server this is
            api_key=end.api_key or "none",
            timeout=timeout,
            max_retries=end.max_retries,
            default_headers=headers,
        )


def _close_later(held: dict[str, Any]) -> None:
    """Close a client's ``AsyncOpenAI`` on the loop it was made on."""
    api = held.pop("api", None)
    if api is not None and _LOOP is not None and not _LOOP.is_closed():
        asyncio.run_coroutine_threadsafe(api.close(), _LOOP)


_LOOP: asyncio.AbstractEventLoop | None = None
_LOOP_LOCK = threading.Lock()


def _loop() -> asyncio.AbstractEventLoop:
    """The event loop every client's requests run on (a daemon thread, made once)."""
    global _LOOP
    with _LOOP_LOCK:
        if _LOOP is None or _LOOP.is_closed():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(
                target=loop.run_forever, name="imagechat-openai-client", daemon=True
            )
            thread.start()
            _LOOP = loop
        return _LOOP
