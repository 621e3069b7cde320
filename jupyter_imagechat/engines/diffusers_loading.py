"""Loading diffusers models: imports, hub revisions, and errors that name the fix.

Kept apart from :mod:`.diffusers_engine` so the engine module holds only the
drawing logic. Nothing here imports torch or diffusers at module level.
"""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Any

from ..errors import EngineError

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "The diffusers engine needs torch, diffusers and transformers. "
    "Install them with: pip install 'jupyter-imagechat[diffusers]'"
)
REQUIRED_MODULES = ("torch", "diffusers", "transformers")
OOM_HINT = "try a smaller size, dtype='float16' or enable_model_cpu_offload"


def import_backend() -> tuple[Any, Any]:
    """Import and return ``(torch, diffusers)``; raise :class:`EngineError` naming what failed."""
    modules = {}
    for name in REQUIRED_MODULES:
        try:
            modules[name] = importlib.import_module(name)
        except ImportError as exc:
            raise EngineError(f"{INSTALL_HINT} (missing: {name})") from exc
        except Exception as exc:  # a broken install, e.g. a mismatched torchvision
            raise EngineError(f"importing {name} failed: {exc!r}. {INSTALL_HINT}") from exc
    return modules["torch"], modules["diffusers"]


def hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def looks_like_path(model: str) -> bool:
    """True for names that can only be a folder (a hub id is ``name`` or ``owner/name``)."""
    return (
        model.startswith(("/", ".", "~", "\\"))
        or model.count("/") > 1
        or "\\" in model
        or (len(model) > 1 and model[1] == ":")
    )


def chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def is_oom(exc: BaseException) -> bool:
    return any(
        type(e).__name__ == "OutOfMemoryError"
        or any(s in str(e).lower() for s in ("out of memory", "can't allocate memory"))
        for e in chain(exc)
    )


def loading_error(model: str, exc: BaseException) -> EngineError:
    """Turn an exception from ``from_pretrained`` into an error that names the fix."""
    names = {type(e).__name__ for e in chain(exc)}
    text = " ".join(str(e) for e in chain(exc))
    if is_oom(exc):
        return EngineError(f"not enough GPU memory to load '{model}': {OOM_HINT}")
    if "GatedRepoError" in names or "gated" in text.lower():
        return EngineError(
            f"model '{model}' needs a Hugging Face token: run `huggingface-cli login` "
            "or set HF_TOKEN, and accept the model's terms on its hub page"
        )
    if "RevisionNotFoundError" in names:
        return EngineError(f"model '{model}' has no such revision: check revision=")
    if "RepositoryNotFoundError" in names or "not a valid model identifier" in text:
        return EngineError(
            f"no model '{model}' on the Hugging Face hub or on disk: check the id or path"
        )
    if "OfflineModeIsEnabled" in names or (hub_offline() and "LocalEntryNotFoundError" in names):
        return EngineError(
            f"the weights of '{model}' are not in the local cache and HF_HUB_OFFLINE is set: "
            "unset HF_HUB_OFFLINE and download them once, or give the path of a saved folder"
        )
    if "LocalEntryNotFoundError" in names or names & {"ConnectError", "ConnectionError"}:
        return EngineError(
            f"the weights of '{model}' are not in the local cache and the hub cannot be "
            "reached (no network): connect once to download them, or give the path of a "
            "saved folder"
        )
    if "HFValidationError" in names:
        return EngineError(
            f"no model '{model}' on the Hugging Face hub or on disk: check the id or path"
        )
    return EngineError(f"could not load model '{model}': {exc}")


def hub_revision(model: str, revision: str | None, cache_dir: Any) -> str | None:
    """Return ``"owner/name@<commit>"`` for a model in the hub cache, else ``None``."""
    if Path(model).expanduser().is_dir():
        return None
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(
            model, "model_index.json", cache_dir=cache_dir, revision=revision
        )
    except Exception:  # a revision or id the cache cannot parse: nothing to record
        log.debug("no cached revision for %s", model, exc_info=True)
        return None
    if not isinstance(found, str):
        return None
    commit = Path(found).parent.name
    return f"{model}@{commit}"


def dtype_kwarg() -> str:
    """diffusers >= 0.42 takes ``dtype=`` and deprecates ``torch_dtype=``."""
    try:
        from diffusers.utils.deprecation_utils import _resolve_dtype  # noqa: F401
    except ImportError:
        return "torch_dtype"
    return "dtype"
