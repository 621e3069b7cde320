"""The OpenAI-compatible HTTP API: the wire formats both sides share (:mod:`.wire`), a
client on the ``openai`` package (:mod:`.client`) and plain-words faults (:mod:`.faults`).

The remote engines use it to draw on a server; the server reads the same formats; the
language-model planners ask a chat endpoint through the same client (:mod:`.chat`).
Importing this package imports neither ``openai`` nor an HTTP library.
"""

from __future__ import annotations

from .chat import Chat, ChatAnswer
from .client import PIP_HINT, Client, Endpoint, require_openai
from .faults import CHAT, IMAGES, Role, describe, redact, retry_after
from .wire import WireError, decode_picture, mask_from_png, mask_to_png, parse_size, size_text

__all__ = [
    "CHAT",
    "IMAGES",
    "PIP_HINT",
    "Chat",
    "ChatAnswer",
    "Client",
    "Endpoint",
    "Role",
    "WireError",
    "decode_picture",
    "describe",
    "mask_from_png",
    "mask_to_png",
    "parse_size",
    "redact",
    "require_openai",
    "retry_after",
    "size_text",
]
