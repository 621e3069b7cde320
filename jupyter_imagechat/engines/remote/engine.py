"""Engines that draw on a server: OpenAI's images API, or any OpenAI-compatible server.

Each drawing is one request (:mod:`.exchange`): a new picture goes to
``/images/generations``; a change of the current picture goes to ``/images/edits`` with the
picture, and inside a mask with a same-size mask PNG transparent where to edit. Whatever
the server sends back, every pixel outside the mask is pasted back exactly (hosted models
are known to change them). The turn records what was sent, what was not honoured and what
came back; a remote picture cannot be redrawn bit for bit (``metadata["reproducible"]`` is
False), so replay reuses the stored one.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from typing import TYPE_CHECKING, Any

from ...errors import EngineError, InputError
from ...openai_api import Client, Endpoint, WireError
from ..base import ProgressCallback, Result, StopCheck, keep_outside_mask, mode_of
from .dialects import OPENAI, REMOTE, Dialect, unused_by_server
from .exchange import build_request, read_reply

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from ...scene import SceneGraph

__all__ = ["OpenAIEngine", "RemoteEngine", "student_id"]


def student_id() -> str:
    """A pseudonym for the person running this kernel (a hash of ``$JUPYTERHUB_USER`` or
    the login name): a class server keeps its rate limits per student with it."""
    who = os.environ.get("JUPYTERHUB_USER") or _login()
    return "u-" + hashlib.sha256(f"jupyter-imagechat:{who}".encode()).hexdigest()[:16]


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this container: one pseudonym for everyone
        return "anonymous"


class RemoteEngine:
    """Draws on any OpenAI-compatible image server, such as ``jupyter-imagechat serve``.

    Besides the images API's own fields it sends ``seed``, ``num_inference_steps``,
    ``guidance_scale``, ``negative_prompt`` and ``strength`` (vLLM-Omni's names for a
    turn's ``steps``, ``guidance_scale``, ``negative_prompt``, ``strength``) and
    ``scene_graph`` (the plan, so the server can ground the picture in it); a server that
    does not know a field ignores it.

    Parameters
    ----------
    base_url : str
        The server's address up to ``/v1``, e.g. ``"http://imagechat:8000/v1"``.
    api_key : str, optional
        The server's token (sent as ``Authorization: Bearer``); never recorded.
    model : str, optional
        The model to ask for; by default the server's first.
    timeout : float
        Seconds to wait for one attempt.
    max_retries : int
        Attempts after the first, for a busy server (429), failures (5xx) and dropped
        connections; a ``Retry-After`` header says how long to wait.
    user : str, optional
        Who asks, for the server's per-student rate limits; by default a pseudonym
        (:func:`student_id`).
    """

    name = "remote"
    dialect: Dialect = REMOTE

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        model: str | None = None,
        *,
        timeout: float = 120.0,
        max_retries: int = 2,
        user: str | None = None,
    ) -> None:
        if self.dialect is REMOTE and not base_url:
            raise InputError(
                "engine='remote' needs the server's address: base_url='http://host:8000/v1' "
                "or the JUPYTER_IMAGECHAT_BASE_URL environment variable"
            )
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise InputError(f"max_retries must be a whole number from 0, got {max_retries!r}")
        self._model = model or self.dialect.default_model
        self._user = user or student_id()
        self._client = Client(
            Endpoint(
                base_url,
                api_key,
                timeout=float(timeout),
                max_retries=max_retries,
                openai_only_headers=self.dialect is OPENAI,
            )
        )
        self._told_seed = False
        self._answered: str | None = None  # the model a server named in its last reply

    @property
    def model(self) -> str | None:
        """The model asked for; when none was, the one the server said drew the last
        picture (``None`` until then, or when the server does not say)."""
        return self._model or self._answered

    @property
    def endpoint(self) -> str:
        """The server's address as users may see it (no credentials)."""
        return self._client.endpoint.shown

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.endpoint!r}, model={self._model!r})"

    def draw(
        self,
        scene: SceneGraph,
        *,
        image: Image.Image | None = None,
        mask: np.ndarray | None = None,
        seed: int = 0,
        settings: dict[str, Any] | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Result:
        """Draw ``scene`` on the server (see the class and module docstrings).

        Raises
        ------
        EngineError
            The server could not be reached, refused, failed or answered without a
            picture; the message says which, and what to do.
        Cancelled
            ``should_stop()`` returned True: the request is abandoned.
        InputError
            Bad sizes in ``settings``.
        """
        settings = dict(settings or {})
        mode = mode_of(image, mask)
        source = image.convert("RGB") if image is not None else None
        request = build_request(
            self.dialect,
            self._model,
            scene,
            image=source,
            mask=mask,
            seed=seed,
            settings=settings,
            user=self._user,
        )
        if on_progress is not None:
            on_progress(0, 0, None)  # waiting for the server: an indeterminate bar
        answer = self._client.call(request.send, should_stop=should_stop)
        try:
            reply = read_reply(answer, request)
        except WireError as exc:
            raise EngineError(
                f"the image server at {self.endpoint} answered without a usable picture: {exc}"
            ) from None
        picture = reply.image
        if mode == "inpaint" and source is not None and mask is not None:
            picture = keep_outside_mask(picture, source, mask)
        server = reply.facts.get("server", {})
        self._answered = server.get("model") or self._answered
        ignored: list[str] = []
        if "honoured" in server:  # the server said which fields it used: the rest were not
            sent = {k: v for k, v in request.extra.items() if k != "scene_graph"}
            ignored = unused_by_server({**sent, **_size_of(request.params)}, server["honoured"])
        left = [*request.not_honoured, *ignored]
        metadata: dict[str, Any] = {
            "mode": mode,
            "model": server.get("model") or self._model,
            "endpoint": self.endpoint,
            "reproducible": False,
            "sent": request.record(),
            "not_honoured": left,
            **reply.facts,
        }
        notes = self._notes(request.not_honoured, settings)
        used_by = server.get("engine") or "the server"
        given = [k for k in ignored if k in settings or k == "seed"]
        if given:
            notes.append(f"The server's {used_by} engine did not use {', '.join(given)}.")
        if notes:
            metadata["notes"] = notes
        return Result(picture, reply.objects, metadata)

    def _notes(self, left: list[str], settings: dict[str, Any]) -> list[str]:
        """What the chat says about settings the server was not told."""
        notes = []
        given = [k for k in left if k in settings]
        if given:
            notes.append(f"The {self.name} engine does not take {', '.join(given)}: not used.")
        if "seed" in left and not self._told_seed:
            self._told_seed = True
            notes.append(
                f"The {self.name} engine takes no seed: the same prompt gives a new picture "
                "each time, and replay reuses the stored pictures."
            )
        return notes


def _size_of(params: dict[str, Any]) -> dict[str, Any]:
    return {"size": params["size"]} if "size" in params else {}


class OpenAIEngine(RemoteEngine):
    """Draws with OpenAI's images API (``gpt-image-1`` by default, or ``dall-e-2``/``-3``).

    It takes no seed, steps, guidance or negative prompt: the turn records them as not
    honoured. Sizes are the model's nearest (e.g. 1024x1024) and the picture is resized
    to the size asked for; an edit's pixels outside the mask are pasted back exactly.
    The key comes from ``api_key``, ``$JUPYTER_IMAGECHAT_API_KEY`` (where the settings
    make ``openai`` the engine) or ``$OPENAI_API_KEY``.
    """

    name = "openai"
    dialect = OPENAI
