"""Engines that draw on a server over the OpenAI images API: ``"openai"`` (OpenAI itself)
and ``"remote"`` (any OpenAI-compatible server, this project's ``serve`` among them).

Needs the ``openai`` package (``pip install "jupyter-imagechat[remote]"``), imported when
an engine is made.
"""

from __future__ import annotations

from .engine import OpenAIEngine, RemoteEngine, student_id

__all__ = ["OpenAIEngine", "RemoteEngine", "student_id"]
