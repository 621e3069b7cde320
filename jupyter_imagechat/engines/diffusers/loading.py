"""Loading diffusers models: imports, hub revisions, and errors that name the fix.

The library-level helpers of :class:`~.pipelines.DiffusersPipelines` (which loads
and holds the pipelines) and :class:`~.engine.DiffusersEngine` (which draws with
them), kept apart so those modules hold only their own logic. Nothing here imports
torch or diffusers at module level.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import EngineError

if TYPE_CHECKING:
    from ..base import ProgressCallback

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "The diffusers engine needs torch, diffusers and transformers. "
    "Install them with: pip install 'jupyter-imagechat[diffusers]'"
)
REQUIRED_MODULES = ("torch", "diffusers", "transformers")
OOM_HINT = "try a smaller size, dtype='float16' or offload=True (CPU offload)"


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


_MB = 2**20
_PATCH_LOCK = threading.Lock()


@contextmanager
def download_progress(callback: ProgressCallback | None) -> Iterator[None]:
    """Forward huggingface_hub's download progress to ``callback`` while loading.

    ``callback(done_mb, total_mb, None, label="downloading")`` (``label`` only when
    the callback takes it) is called as the bytes of a ``from_pretrained`` download
    arrive. It hooks the byte counters of ``snapshot_download``, which is how
    diffusers fetches a pipeline; nothing is reported for a model already on disk.
    """
    if callback is None:
        yield
        return
    try:
        snap = importlib.import_module("huggingface_hub._snapshot_download")
        base = snap.hf_tqdm
    except (ImportError, AttributeError):  # another huggingface_hub layout: no progress
        yield
        return
    from .steps import call_progress

    class Forwarding(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._seen = int(kwargs.get("initial", 0) or 0)
            super().__init__(*args, **kwargs)

        def update(self, n: float | None = 1) -> Any:
            self._seen += int(n or 0)
            total = int(self.total or 0)
            if total > 0 and getattr(self, "unit", "B") == "B":
                total_mb = max(1, -(-total // _MB))
                done_mb = total_mb if self._seen >= total else self._seen // _MB
                try:
                    call_progress(callback, done_mb, total_mb, None, label="downloading")
                except Exception:  # a progress display must not break a download
                    log.debug("download progress callback failed", exc_info=True)
            return super().update(n)

    with _PATCH_LOCK:
        # hf_tqdm is a private name of huggingface_hub (read above, guarded); mypy sees
        # a ModuleType and cannot know it has the attribute
        snap.hf_tqdm = Forwarding  # type: ignore[attr-defined]
        try:
            yield
        finally:
            snap.hf_tqdm = base  # type: ignore[attr-defined]


def place(pipe: Any, device: str, offload: bool | str) -> Any:
    """Move ``pipe`` to ``device``, or set up CPU offload (``offload=True`` or ``"sequential"``)."""
    if not offload:
        return pipe.to(device)
    method = (
        "enable_sequential_cpu_offload" if offload == "sequential" else "enable_model_cpu_offload"
    )
    try:
        getattr(pipe, method)(device=device)
    except ImportError as exc:
        raise EngineError(
            f"offload needs the accelerate package: pip install accelerate ({exc})"
        ) from exc
    return pipe


def default_dtype(model: str, kind: str, torch: Any, pipeline_class: str | None = None) -> str:
    """float32 on CPU; bfloat16 for FLUX and SD3 on GPUs that have it; else float16.

    FLUX and SD3 are known by ``pipeline_class`` (a saved folder's ``model_index.json``
    names it: a folder of any name) or by their hub id."""
    if kind == "cpu":
        return "float32"
    lowered = f"{model} {pipeline_class or ''}".lower()
    wants_bf16 = any(k in lowered for k in ("flux", "stable-diffusion-3", "sd3", "diffusion3"))
    if wants_bf16 and kind == "cuda" and torch.cuda.is_bf16_supported():
        return "bfloat16"
    return "float16"


def library_versions() -> dict[str, str]:
    """The versions of diffusers, torch and transformers (recorded with each picture)."""
    versions = {}
    for name in ("diffusers", "torch", "transformers"):
        module = importlib.import_module(name)
        versions[name] = str(getattr(module, "__version__", "?"))
    return versions
