"""The diffusers pipelines of one model: loaded once, shared by the three drawing modes.

:class:`DiffusersPipelines` is what :class:`~.engine.DiffusersEngine` owns and draws
with (``engine.pipelines``): creating it is cheap; torch and diffusers are imported and
the weights loaded on the first :meth:`~DiffusersPipelines.load`. The image-to-image
and inpainting pipelines are built from the text-to-image pipeline's components with
``from_pipe`` the first time :meth:`~DiffusersPipelines.pipeline_for` asks for them
(or loaded from ``inpaint_model``). Device, dtype and offload are resolved here; the
library-level helpers (imports, placement, error messages) are in :mod:`.loading`.
"""

from __future__ import annotations

import importlib
import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import EngineError, InputError
from .families import Profile, profile_of
from .grounding import is_gligen
from .loading import (
    default_dtype,
    download_progress,
    dtype_kwarg,
    hub_offline,
    hub_revision,
    import_backend,
    loading_error,
    looks_like_path,
    place,
)
from .options import check_scheduler, make_scheduler

if TYPE_CHECKING:
    from ..base import ProgressCallback

__all__ = ["MODES", "DiffusersPipelines"]

log = logging.getLogger(__name__)

MODES = ("text2img", "img2img", "inpaint", "text2img-plain")
"""The modes :meth:`DiffusersPipelines.pipeline_for` hands out a pipeline for;
``"text2img-plain"`` is a GLIGEN model's plain text-to-image pipeline (no boxes)."""

_DTYPES = {
    "float16": "float16",
    "fp16": "float16",
    "half": "float16",
    "bfloat16": "bfloat16",
    "bf16": "bfloat16",
    "float32": "float32",
    "fp32": "float32",
    "float": "float32",
}


class DiffusersPipelines:
    """Load a diffusers checkpoint once and hand out its pipeline for each mode.

    Owned by :class:`~.engine.DiffusersEngine` (its ``pipelines``), whose docstring
    describes the parameters in full. Loading, building a mode's pipeline and
    unloading happen under one lock, so two threads never load the weights twice.

    Parameters
    ----------
    model : str
        A hub id or a folder saved with ``save_pretrained``.
    device : str, optional
        ``"cuda"``, ``"cuda:1"``, ``"mps"`` or ``"cpu"``; by default the best one
        available.
    dtype : str, optional
        ``"float16"``, ``"bfloat16"`` or ``"float32"`` (or an alias such as
        ``"fp16"``); by default one that suits the model and device.
    inpaint_model : str, optional
        A separate inpainting checkpoint.
    revision : str, optional
        Branch, tag or commit of ``model`` on the hub.
    offload : bool or str
        ``True`` (model CPU offload), ``"sequential"`` or ``False``.
    scheduler : str or dict, optional
        A diffusers scheduler to use instead of the model's own, made from its config:
        a class name, or a dict with ``"_class_name"`` and config values to change.
    **from_pretrained_kwargs
        Passed to ``from_pretrained``.

    Attributes
    ----------
    device, dtype : str or None
        What was asked for (``None``: chosen at load); after :meth:`load`, what is used.
    model_revision : str or None
        ``"owner/name@<commit>"`` once a model from the hub cache is loaded; ``None``
        for a folder or before loading.
    asked : dict
        ``device`` and ``dtype`` as given (``None``: chosen at load).
    model_scheduler : dict or None
        The config of the model's own scheduler, once loaded.

    Raises
    ------
    InputError
        For an empty model, an unknown dtype or an unknown offload value.
    """

    def __init__(
        self,
        model: str,
        *,
        device: str | None = None,
        dtype: str | None = None,
        inpaint_model: str | None = None,
        revision: str | None = None,
        offload: bool | str = False,
        scheduler: str | dict[str, Any] | None = None,
        **from_pretrained_kwargs: Any,
    ) -> None:
        check_scheduler(scheduler)
        if not isinstance(model, str) or not model.strip():
            raise InputError(f"model must be a hub id or a folder path, got {model!r}")
        if dtype is not None and str(dtype).lower() not in _DTYPES:
            raise InputError(f"unknown dtype {dtype!r}; use 'float16', 'bfloat16' or 'float32'")
        if offload not in (False, True, "sequential", None):
            raise InputError(f"offload must be True, False or 'sequential', got {offload!r}")
        self.model = model
        self.model_revision: str | None = None
        self.device = device
        self.dtype = _DTYPES[str(dtype).lower()] if dtype is not None else None
        self.asked = {"device": device, "dtype": self.dtype}
        self.scheduler = scheduler
        self.model_scheduler: dict[str, Any] | None = None
        self.inpaint_model = inpaint_model
        self.revision = revision
        self.offload: bool | str = offload or False
        self.from_pretrained_kwargs = from_pretrained_kwargs
        self._pipes: dict[str, Any] = {}
        self._profile: Profile | None = None
        self._lock = threading.RLock()

    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory."""
        return "text2img" in self._pipes

    @property
    def built_modes(self) -> frozenset[str]:
        """The modes (of :data:`MODES`) whose pipeline is built and held."""
        with self._lock:
            return frozenset(self._pipes)

    @property
    def pipeline(self) -> Any:
        """The loaded text-to-image pipeline (loads it first), e.g. to call
        ``engine.pipeline.enable_model_cpu_offload()``."""
        self.load()
        return self._pipes["text2img"]

    @property
    def profile(self) -> Profile:
        """The loaded model's family and defaults (loads it first); see :mod:`.families`."""
        self.load()
        assert self._profile is not None
        return self._profile

    def load(self, on_progress: ProgressCallback | None = None) -> None:
        """Import the libraries and load the weights, once.

        Parameters
        ----------
        on_progress : callable, optional
            Receives the download progress of weights not yet in the cache, as
            ``on_progress(done_mb, total_mb, None, label="downloading")`` (``label``
            only if the callback takes it).

        Raises
        ------
        EngineError
            If a library is missing or the model cannot be loaded; the message names
            the fix and the original exception is chained.
        """
        with self._lock:
            if self.loaded:
                return
            torch, diffusers = import_backend()
            device, dtype = self._resolve_device(torch)
            with download_progress(on_progress):
                pipe = self._from_pretrained(
                    diffusers.AutoPipelineForText2Image, self.model, self.revision, dtype, device
                )
            self.model_scheduler = {
                **pipe.scheduler.config,
                "_class_name": type(pipe.scheduler).__name__,
            }
            if self.scheduler is not None:
                pipe.scheduler = make_scheduler(diffusers, self.scheduler, pipe.scheduler.config)
            self.device, self.dtype = device, str(dtype).removeprefix("torch.")
            self._pipes["text2img"] = pipe
            self._profile = profile_of(pipe, self.model)
            self.model_revision = hub_revision(
                self.model, self.revision, self.from_pretrained_kwargs.get("cache_dir")
            )
            log.info("loaded %s (%s) on %s as %s", self.model, self.model_revision, device, dtype)

    def unload(self) -> None:
        """Drop the pipelines and free their memory; the next draw loads again."""
        with self._lock:
            self._pipes.clear()
            self._profile = None
            if str(self.device).startswith("cuda"):
                importlib.import_module("torch").cuda.empty_cache()

    def _resolve_device(self, torch: Any) -> tuple[str, Any]:
        device = self.device
        if device is None:
            if torch.cuda.is_available():
                device = "cuda"
            elif getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
                device = "mps"
            else:
                device = "cpu"
        try:
            kind = torch.device(device).type
        except (RuntimeError, TypeError) as exc:
            raise InputError(
                f"unknown device {device!r}; use 'cuda', 'cuda:1', 'mps' or 'cpu'"
            ) from exc
        if self.offload and kind in ("cpu", "mps"):
            raise InputError(
                f"offload={self.offload!r} moves models between the CPU and a CUDA GPU, "
                f"and the device is {device!r}: leave offload off, or use a CUDA GPU"
            )
        if kind == "cuda" and not torch.cuda.is_available():
            raise EngineError(
                f"device={device!r} was asked for but torch {torch.__version__} sees no CUDA "
                "GPU: use device='cpu' or install a CUDA build of torch"
            )
        saved_as = _model_index(self.model).get("_class_name")
        name = self.dtype or default_dtype(self.model, kind, torch, str(saved_as or ""))
        return device, getattr(torch, name)

    def _from_pretrained(
        self, auto_class: Any, model: str, revision: str | None, dtype: Any, device: str
    ) -> Any:
        if looks_like_path(model) and not Path(model).expanduser().is_dir():
            raise EngineError(
                f"no model '{model}' on the Hugging Face hub or on disk: check the id or path"
            )
        if Path(model).expanduser().is_dir():
            model = str(Path(model).expanduser())
        kwargs = {**_saved_without(model), **self.from_pretrained_kwargs}
        kwargs[dtype_kwarg()] = dtype
        if revision is not None:
            kwargs["revision"] = revision
        if hub_offline():
            # huggingface_hub reads HF_HUB_OFFLINE once, at import; honour a later setting too
            kwargs.setdefault("local_files_only", True)
        try:
            try:
                pipe = auto_class.from_pretrained(model, **kwargs)
            except ValueError as exc:
                if "AutoPipeline can't find a pipeline" not in str(exc):
                    raise
                # e.g. StableDiffusionGLIGENPipeline: load the class the folder names
                diffusers = importlib.import_module("diffusers")
                _check_shipped(model, diffusers, exc)
                pipe = diffusers.DiffusionPipeline.from_pretrained(model, **kwargs)
            pipe = place(pipe, device, self.offload)
        except EngineError:
            raise
        except Exception as exc:
            error = loading_error(model, exc)
            # info, not warning: the chained error already reaches the user
            log.info("loading %s failed: %s", model, error, exc_info=exc)
            raise error from exc
        pipe.set_progress_bar_config(disable=True)
        return pipe

    def pipeline_for(self, mode: str) -> Any:
        """Return the pipeline for ``mode`` (``"text2img"``, ``"img2img"`` or ``"inpaint"``).

        Loads the model first if needed. The img2img and inpainting pipelines are made
        with ``from_pipe`` on first use and share the text-to-image components (unless
        ``inpaint_model`` was given).

        Parameters
        ----------
        mode : str
            One of :data:`MODES`.

        Raises
        ------
        InputError
            For an unknown mode.
        EngineError
            If loading fails, or the model has no pipeline for ``mode`` in diffusers.
        """
        if mode not in MODES:
            raise InputError(f"unknown mode {mode!r}; use 'text2img', 'img2img' or 'inpaint'")
        self.load()
        with self._lock:
            if mode in self._pipes:
                return self._pipes[mode]
            _, diffusers = import_backend()
            base = self._pipes["text2img"]
            if mode == "text2img-plain":  # a GLIGEN model drawing without boxes
                pipe = diffusers.StableDiffusionPipeline.from_pipe(base)
                if self.offload:
                    place(pipe, str(self.device), self.offload)
            elif mode == "inpaint" and self.inpaint_model:
                pipe = self._from_pretrained(
                    diffusers.AutoPipelineForInpainting,
                    self.inpaint_model,
                    None,
                    base.dtype,
                    str(self.device),  # set by load()
                )
            else:
                auto = (
                    diffusers.AutoPipelineForInpainting
                    if mode == "inpaint"
                    else diffusers.AutoPipelineForImage2Image
                )
                try:
                    pipe = self._derive(auto, base, mode, diffusers)
                except Exception as exc:
                    log.info("no %s pipeline for %s", mode, self.model, exc_info=exc)
                    hint = " or pass inpaint_model=" if mode == "inpaint" else ""
                    raise EngineError(
                        f"'{self.model}' ({type(base).__name__}) has no {mode} pipeline in "
                        f"diffusers: use another model{hint}"
                    ) from exc
            pipe.set_progress_bar_config(disable=True)
            self._pipes[mode] = pipe
            return pipe

    def _derive(self, auto: Any, base: Any, mode: str, diffusers: Any) -> Any:
        """``from_pipe`` for ``mode``; GLIGEN models reuse their SD components."""
        try:
            pipe = auto.from_pipe(base)
        except ValueError:
            if not is_gligen(base):
                raise
            cls = (
                diffusers.StableDiffusionInpaintPipeline
                if mode == "inpaint"
                else diffusers.StableDiffusionImg2ImgPipeline
            )
            pipe = cls.from_pipe(base)
        if self.offload:
            place(pipe, str(self.device), self.offload)
        return pipe


def _model_index(model: str) -> dict[str, Any]:
    """The ``model_index.json`` of a saved folder (``{}`` for a hub id or none)."""
    path = Path(model).expanduser() / "model_index.json"
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return index if isinstance(index, dict) else {}


def _saved_without(model: str) -> dict[str, Any]:
    """``{name: None}`` for each component a folder was saved without.

    A pipeline saved with ``text_encoder_3=None`` (SD3 without its T5) writes
    ``[null, null]`` for it, and diffusers will not load the folder back unless told
    that the component is None.
    """
    return {
        name: None
        for name, value in _model_index(model).items()
        if not name.startswith("_") and value == [None, None]
    }


def _check_shipped(model: str, diffusers: Any, cause: Exception) -> None:
    """Raise a clear error for a checkpoint whose pipeline class diffusers no longer has."""
    name = _model_index(model).get("_class_name") or ""
    if not name:
        text = str(cause)
        name = next((w for w in text.split() if w.endswith("Pipeline")), "")
    if name and getattr(diffusers, name, None) is None:
        hint = (
            " GLIGEN was moved to diffusers.pipelines.deprecated in 0.42 and may be gone: "
            "install a diffusers release that has it, or draw with another model and "
            "grounding='regions' (boxes as regional prompts)."
            if "GLIGEN" in name
            else " Install a diffusers release that has it, or use another model."
        )
        raise EngineError(
            f"'{model}' is a {name} checkpoint, and diffusers {diffusers.__version__} "
            f"does not ship {name}.{hint}"
        )
