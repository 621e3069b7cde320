"""Engines turn a laid-out scene graph into a picture.

``create_engine(name, ...)`` is the one way to get one. Importing this package is
cheap: the diffusers engine (and torch) load only when that engine is created.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError
from .base import Engine, Result

ENGINE_NAMES: tuple[str, ...] = ("builtin", "diffusers")

__all__ = ["ENGINE_NAMES", "Engine", "Result", "create_engine"]


def create_engine(name: str = "builtin", *, model: str | None = None, **options: Any) -> Engine:
    """Return a new engine.

    Parameters
    ----------
    name : str
        ``"builtin"`` (offline, no weights) or ``"diffusers"``.
    model : str, optional
        For ``"diffusers"``: a model id on the Hugging Face hub
        (``"stabilityai/sd-turbo"``) or a local folder saved with
        ``save_pretrained``. The built-in engine takes none.
    **options
        Passed to the engine's constructor (e.g. ``device``, ``dtype``).

    Raises
    ------
    InputError
        For an unknown engine name, or a model given to the built-in engine.
    """
    if name == "builtin":
        if model is not None:
            raise InputError(
                f"the builtin engine takes no model, got model={model!r}; "
                "use engine='diffusers' to run a diffusers model"
            )
        from .builtin import BuiltinEngine

        return BuiltinEngine(**options)
    if name == "diffusers":
        if not model:
            raise InputError(
                "engine='diffusers' needs a model, e.g. model='stabilityai/sd-turbo' "
                "or the path of a folder saved with save_pretrained"
            )
        from .diffusers.engine import DiffusersEngine

        return DiffusersEngine(model, **options)
    raise InputError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}")
