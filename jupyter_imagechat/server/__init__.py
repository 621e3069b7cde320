"""``jupyter-imagechat serve``: this project's engines behind an OpenAI-compatible images API
(``/v1/images/generations``, ``/v1/images/edits``, ``/v1/models``) on Ray Serve.

>>> from jupyter_imagechat.server import serve_options, start_server
>>> served = start_server(serve_options({"token": "a-long-class-token-0123"}))  # doctest: +SKIP
>>> served.url                                                                  # doctest: +SKIP
'http://127.0.0.1:8000/v1'

Ray is imported only when a server starts (``pip install "jupyter-imagechat[serve]"``).
See docs/serving.md for one machine, a Ray cluster, KubeRay and a JupyterHub.
"""

from __future__ import annotations

from .app import SERVE_HINT, Served, build, build_app, start_server
from .gateway import Answer, Gateway, QueueFull
from .options import (
    TOKEN_ENV,
    Limits,
    ModelSpec,
    RateLimit,
    ServeOptions,
    serve_options,
    token_digest,
)

__all__ = [
    "SERVE_HINT",
    "TOKEN_ENV",
    "Answer",
    "Gateway",
    "Limits",
    "ModelSpec",
    "QueueFull",
    "RateLimit",
    "ServeOptions",
    "Served",
    "build",
    "build_app",
    "serve_options",
    "start_server",
    "token_digest",
]
