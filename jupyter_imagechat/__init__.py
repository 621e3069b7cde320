"""jupyter-imagechat: build pictures by conversation, inline with code.

>>> from jupyter_imagechat import ImageChat
>>> chat = ImageChat()          # built-in engine: offline, no model weights
>>> chat                        # shows the widget in a notebook

Importing this package is cheap: the widget (ipywidgets), torch and diffusers
load only when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import Busy, Cancelled, EngineError, ImageChatError, InputError
from .scene import Box, Entity, Relation, SceneGraph

if TYPE_CHECKING:
    from .session.provenance import read_metadata
    from .turns.conversation import Conversation
    from .widget.chat import ImageChat


__all__ = [
    "Box",
    "Busy",
    "Cancelled",
    "Conversation",
    "EngineError",
    "Entity",
    "ImageChat",
    "ImageChatError",
    "InputError",
    "Relation",
    "SceneGraph",
    "__version__",
    "load_ipython_extension",
    "read_metadata",
]


def __getattr__(name: str) -> Any:
    if name == "ImageChat":
        from .widget.chat import ImageChat

        return ImageChat
    if name == "Conversation":
        from .turns.conversation import Conversation

        return Conversation
    if name == "read_metadata":
        from .session.provenance import read_metadata

        return read_metadata
    raise AttributeError(f"module 'jupyter_imagechat' has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """Register the ``%%imagechat`` cell magic (``%load_ext jupyter_imagechat``)."""
    from .magics import load_ipython_extension as load

    load(ipython)
