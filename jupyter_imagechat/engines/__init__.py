"""Engines turn a laid-out scene graph into a picture.

``create_engine(name, ...)`` is the one way to get one. Importing this package is
cheap: the diffusers engine (and torch) load only when that engine is created, the remote
engines' ``openai`` package when one of them is.
"""

from __future__ import annotations

from typing import Any

from ..config import Settings, resolve_settings
from ..errors import InputError
from .base import Engine, Result

ENGINE_NAMES: tuple[str, ...] = ("builtin", "diffusers", "remote", "openai")

REMOTE_OPTIONS = ("base_url", "api_key", "timeout")
"""Settings only the remote engines take (``max_retries`` and ``user`` are their options)."""

__all__ = ["ENGINE_NAMES", "Engine", "Result", "create_engine"]


def create_engine(
    name: str | None = None,
    *,
    model: str | None = None,
    settings: Settings | None = None,
    **options: Any,
) -> Engine:
    """Return a new engine.

    Parameters
    ----------
    name : str, optional
        ``"builtin"`` (offline, no weights), ``"diffusers"``, ``"remote"`` (any
        OpenAI-compatible image server) or ``"openai"`` (OpenAI's images API). By default
        the engine the settings name (``$JUPYTER_IMAGECHAT_ENGINE``, a settings file), else
        ``"builtin"``.
    model : str, optional
        For ``"diffusers"``: a model id on the Hugging Face hub
        (``"stabilityai/sd-turbo"``) or a local folder saved with
        ``save_pretrained``; for the remote engines the server's model name. The built-in
        engine takes none.
    settings : Settings, optional
        A chat's settings (:func:`~jupyter_imagechat.config.resolve_settings`, with the
        administrator's policy); by default made from these arguments, the environment
        and the settings files, without the policy (nothing locked or refused).
    **options
        Passed to the engine's constructor (e.g. ``device``, ``dtype`` for diffusers;
        ``base_url``, ``api_key``, ``timeout``, ``max_retries`` for the remote engines).

    Raises
    ------
    InputError
        For an unknown engine name, a model given to the built-in engine, or server
        settings given to an engine that has no server.
    """
    if settings is None:
        settings = resolve_settings(name, model, policy=False, **options)
    engine = settings.engine
    if not settings.generation:
        from .off import GenerationOff

        return GenerationOff(engine, settings.generation_message)
    options = dict(settings.engine_options)
    if engine in ("remote", "openai"):
        from .remote import OpenAIEngine, RemoteEngine

        kind = RemoteEngine if engine == "remote" else OpenAIEngine
        return kind(
            settings.base_url, settings.api_key, settings.model, timeout=settings.timeout, **options
        )
    given = [k for k in REMOTE_OPTIONS if settings.given(k)]
    if given:
        raise InputError(
            f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} for the remote and openai "
            f"engines; the {engine} engine has no server"
        )
    if engine == "builtin":
        if settings.model is not None:
            raise InputError(
                f"the builtin engine takes no model, got model={settings.model!r}; "
                "use engine='diffusers' to run a diffusers model"
            )
        from .builtin import BuiltinEngine

        return BuiltinEngine(**options)
    if engine == "diffusers":
        if not settings.model:
            raise InputError(
                "engine='diffusers' needs a model, e.g. model='stabilityai/sd-turbo' "
                "or the path of a folder saved with save_pretrained"
            )
        from .diffusers.engine import DiffusersEngine

        return DiffusersEngine(settings.model, **options)
    raise InputError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINE_NAMES)}")
