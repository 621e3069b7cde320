"""The served application on Ray Serve: one gateway deployment in front of one deployment
per model.

- ``gateway``: the HTTP ingress (:class:`~.gateway.Gateway`: token, limits, rate limits),
  one replica, no CPU reserved: it only waits on the models.
- ``painter-<model>``: the engine (:class:`~.painter.Painter`), with ``num_gpus`` where a
  GPU draws, autoscaling between ``min_replicas`` and ``max_replicas``. Each replica takes
  ``max_ongoing + max_queued`` requests, draws ``max_ongoing`` at a time and keeps the rest
  waiting in order, so it never idles while Ray Serve's router backs off from a busy
  replica (a replica that took only what it draws ran at a third of its speed under load:
  benchmarks/serve_load.py). The gateway counts what is in flight and answers 429 with
  ``Retry-After`` beyond :attr:`~.options.ModelSpec.capacity`; Ray Serve's own
  ``max_queued_requests`` is set to the same bound, as a backstop only: in a burst it
  refuses requests still waiting to be routed, however much room the replicas have. A
  client that goes away cancels its drawing (the engine stops at its next step).

:func:`start_server` starts Ray in this process (one machine, nothing else running) or joins
a cluster (``address="auto"``; a KubeRay cluster too); :func:`build` is the application
builder for ``serve run jupyter_imagechat.server.app:build`` and a KubeRay ``RayService``.
Ray is imported only here, and only when used; without it the error names the pip command.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from typing import Any

from ..errors import Cancelled, EngineError
from .forms import BadRequest
from .gateway import Gateway, QueueFull, read_limited
from .jobs import ImageJob
from .options import Limits, ModelSpec, ServeOptions, serve_options

__all__ = ["SERVE_HINT", "Served", "build", "build_app", "require_ray", "start_server"]

log = logging.getLogger(__name__)

SERVE_HINT = 'pip install "jupyter-imagechat[serve]"'
"""The command that installs Ray Serve (the ``serve`` extra)."""


def require_ray() -> tuple[Any, Any]:
    """Return ``(ray, ray.serve)``, or raise :class:`EngineError` naming the pip command."""
    try:
        import ray
        from ray import serve
    except ImportError:
        raise EngineError(f"serving needs Ray Serve: {SERVE_HINT}") from None
    return ray, serve


class PainterReplica:
    """One replica of a model: draws jobs in a worker thread, so a cancelled request
    (the client left) can stop the engine at its next step.

    With ``spec.max_batch_size`` above 1, requests are gathered by Ray Serve's
    ``@serve.batch`` (up to :attr:`~.options.ModelSpec.batch_size`, waiting at most
    ``batch_wait_timeout_s`` for them) and drawn in one step
    (:meth:`~.painter.Painter.paint_batch`); each request still gets its own answer or
    its own error. ``max_ongoing`` steps run at once; the other requests wait in order.
    """

    def __init__(self, spec: ModelSpec, limits: Limits) -> None:
        from .painter import Painter

        self._painter = Painter(spec, limits)
        self._slots = spec.max_ongoing
        self._drawing: asyncio.Semaphore | None = None  # made on the replica's event loop
        self._batched: Any = None
        if spec.batch_size > 1:
            _, serve = require_ray()
            self._batched = serve.batch(
                max_batch_size=spec.batch_size,
                batch_wait_timeout_s=spec.batch_wait_timeout_s,
                max_concurrent_batches=spec.max_ongoing,
            )(self._paint_batch)

    async def __call__(self, job: ImageJob) -> dict[str, Any]:
        stop = threading.Event()
        try:
            if self._batched is not None:
                outcome = await self._batched((job, stop.is_set))
            else:
                if self._drawing is None:
                    self._drawing = asyncio.Semaphore(self._slots)
                async with self._drawing:  # one drawing per slot; the others wait, in order
                    outcome = (
                        await asyncio.to_thread(self._painter.paint_batch, [(job, stop.is_set)])
                    )[0]
        except asyncio.CancelledError:
            stop.set()
            raise
        return _answer(outcome)

    async def _paint_batch(self, items: list[tuple[ImageJob, Any]]) -> list[Any]:
        """One drawing step for the requests Ray Serve gathered (errors as values)."""
        return await asyncio.to_thread(self._painter.paint_batch, items)


def _answer(outcome: dict[str, Any] | Exception) -> dict[str, Any]:
    """A job's outcome as it travels back to the gateway: the reply, or its error as a
    value (exceptions are rebuilt on the other side); Stop is raised (the client left)."""
    if isinstance(outcome, BadRequest):
        return {"error": {"status": outcome.status, "message": str(outcome), "code": outcome.code}}
    if isinstance(outcome, EngineError):
        return {"error": {"status": 500, "message": str(outcome), "code": "engine_error"}}
    if isinstance(outcome, Cancelled):
        raise outcome
    if isinstance(outcome, Exception):
        log.error("drawing a request failed", exc_info=outcome)
        return {"error": {"status": 500, "message": "drawing failed; see the server's log",
                          "code": "engine_error"}}  # fmt: skip
    return outcome


class GatewayReplica:
    """The ingress: adapts Ray Serve's requests to :class:`~.gateway.Gateway`."""

    def __init__(self, options: ServeOptions, painters: dict[str, Any]) -> None:
        self._painters = painters
        self._gateway = Gateway(options, self._submit)

    async def _submit(self, spec: ModelSpec, job: ImageJob) -> dict[str, Any]:
        from ray.serve.exceptions import BackPressureError

        try:
            result: dict[str, Any] = await self._painters[spec.name].remote(job)
        except BackPressureError:
            raise QueueFull() from None
        error = result.get("error")
        if isinstance(error, dict):
            if error.get("code") == "engine_error":
                raise EngineError(str(error.get("message")))
            raise BadRequest(
                str(error.get("message")), status=int(error["status"]), code=str(error["code"])
            )
        return result

    async def __call__(self, request: Any) -> Any:
        from starlette.responses import JSONResponse

        headers = {k.lower(): v for k, v in request.headers.items()}
        answer = await self._gateway.handle(
            request.method, request.url.path, headers, read_limited(request.stream())
        )
        return JSONResponse(answer.body, status_code=answer.status, headers=answer.headers)


def build_app(options: ServeOptions) -> Any:
    """The Ray Serve application for ``options`` (not yet running)."""
    ray, serve = require_ray()
    gpus_here = ray.is_initialized() and ray.cluster_resources().get("GPU", 0) > 0
    painters = {}
    for spec in options.models:
        gpus = spec.num_gpus
        if gpus is None:
            gpus = 1.0 if spec.engine == "diffusers" and gpus_here else 0.0
        scaling: dict[str, Any] = {"num_replicas": spec.min_replicas}
        if spec.max_replicas > spec.min_replicas:
            scaling = {
                "autoscaling_config": {
                    "min_replicas": spec.min_replicas,
                    "max_replicas": spec.max_replicas,
                    "target_ongoing_requests": spec.max_ongoing,
                }
            }
        deployment = serve.deployment(
            PainterReplica,
            name=f"painter-{spec.name}".replace("/", "--"),
            max_ongoing_requests=spec.per_replica,
            max_queued_requests=spec.capacity,
            ray_actor_options={"num_cpus": spec.num_cpus, "num_gpus": gpus},
            **scaling,
        )
        painters[spec.name] = deployment.bind(spec, options.limits)
    gateway = serve.deployment(
        GatewayReplica,
        name="gateway",
        num_replicas=1,
        max_ongoing_requests=1000,
        ray_actor_options={"num_cpus": 0},
    )
    return gateway.bind(options, painters)


def build(args: dict[str, Any]) -> Any:
    """Application builder: ``serve run jupyter_imagechat.server.app:build engine=builtin``,
    or ``import_path`` of a KubeRay ``RayService`` with these ``args`` (see
    :func:`~.options.serve_options`)."""
    return build_app(serve_options(args))


@dataclass
class Served:
    """A running application: where clients reach it, and how to stop it."""

    url: str
    name: str
    started_ray: bool

    def stop(self) -> None:
        """Delete the application; shut Ray down too if :func:`start_server` started it."""
        ray, serve = require_ray()
        if self.started_ray:
            serve.shutdown()
            ray.shutdown()
        else:
            serve.delete(self.name)


def start_server(options: ServeOptions, **ray_init: Any) -> Served:
    """Start (or join) Ray, start Serve's HTTP proxy on ``options.host:port`` and run the
    application; return when it is ready.

    Parameters
    ----------
    options : ServeOptions
        What to serve and where.
    **ray_init
        For ``ray.init`` when Ray is started here (``num_cpus=``...).
    """
    ray, serve = require_ray()
    started = False
    if not ray.is_initialized():
        if options.address is None:
            ray_init.setdefault("include_dashboard", False)
        ray.init(address=options.address, **ray_init)
        started = options.address is None
    serve.start(http_options={"host": options.host, "port": options.port})
    serve.run(build_app(options), name=options.name, route_prefix="/", blocking=False)
    log.info("jupyter-imagechat is serving at %s", options.url)
    return Served(options.url, options.name, started)
