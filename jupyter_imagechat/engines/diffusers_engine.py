"""Draw scene graphs with a diffusers pipeline (Stable Diffusion, SD-Turbo, SDXL...).

Creating a :class:`DiffusersEngine` is cheap: torch, diffusers and transformers are
imported and the weights loaded on the first :meth:`~DiffusersEngine.draw` (or an
explicit :meth:`~DiffusersEngine.load`). One loaded pipeline serves all three modes:
the image-to-image and inpainting pipelines are built from the same components with
``from_pipe`` the first time they are needed.
"""

from __future__ import annotations

import importlib
import logging
import math
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import Cancelled, EngineError, InputError
from .base import Result, keep_outside_mask, mode_of
from .diffusers_loading import (
    INSTALL_HINT,
    OOM_HINT,
    dtype_kwarg,
    hub_offline,
    hub_revision,
    import_backend,
    is_oom,
    loading_error,
    looks_like_path,
)
from .prompting import scene_to_prompt

if TYPE_CHECKING:
    from PIL import Image

    from ..scene import SceneGraph
    from .base import ProgressCallback, StopCheck

__all__ = ["INSTALL_HINT", "DiffusersEngine"]

log = logging.getLogger(__name__)

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


def _positive_int(settings: dict[str, Any], key: str) -> int | None:
    value = settings.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise InputError(f"`{key}` must be a positive integer, got {value!r}")
    return int(value)


def _number(settings: dict[str, Any], key: str, low: float, high: float) -> float | None:
    value = settings.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise InputError(f"`{key}` must be a number, got {value!r}")
    if not low <= float(value) <= high:
        raise InputError(f"`{key}` must be between {low} and {high}, got {value!r}")
    return float(value)


class DiffusersEngine:
    """Draw with any diffusers text-to-image checkpoint, from the hub or a local folder.

    Parameters
    ----------
    model : str
        A hub id (``"stabilityai/sd-turbo"``) or a folder saved with
        ``save_pretrained``. ``HF_HUB_OFFLINE=1`` is respected.
    device : str, optional
        ``"cuda"``, ``"cuda:1"``, ``"mps"`` or ``"cpu"``. Default: CUDA if available,
        else MPS, else CPU.
    dtype : str, optional
        ``"float16"``, ``"bfloat16"`` or ``"float32"``. Default: float16 on CUDA and
        MPS, float32 on CPU.
    inpaint_model : str, optional
        A separate inpainting checkpoint (e.g. a 9-channel inpainting UNet); by default
        inpainting reuses ``model``'s components.
    revision : str, optional
        Branch, tag or commit of ``model`` on the hub.
    **from_pretrained_kwargs
        Passed to ``from_pretrained`` (``variant="fp16"``, ``cache_dir=``...).

    Notes
    -----
    Settings read by :meth:`draw`, with their defaults:

    - ``width``, ``height``: the pipeline's default size (UNet sample size times the
      VAE scale factor, 512 for SD 1.5 and SD-Turbo) or the input picture's size.
      Both must be divisible by 8.
    - ``steps``: 25; for a model whose id contains "turbo", 1 for text-to-image and
      the fewest with ``steps * strength >= 1`` for edits.
    - ``guidance_scale``: 7.5; 0.0 for "turbo" models.
    - ``strength``: 0.75 (image-to-image and inpainting only).
    - ``negative_prompt``: replaces the one made from ``scene.exclude``.
    """

    name = "diffusers"

    def __init__(
        self,
        model: str,
        *,
        device: str | None = None,
        dtype: str | None = None,
        inpaint_model: str | None = None,
        revision: str | None = None,
        **from_pretrained_kwargs: Any,
    ) -> None:
        if not isinstance(model, str) or not model.strip():
            raise InputError(f"model must be a hub id or a folder path, got {model!r}")
        if dtype is not None and str(dtype).lower() not in _DTYPES:
            raise InputError(f"unknown dtype {dtype!r}; use 'float16', 'bfloat16' or 'float32'")
        self.model = model
        self.model_revision: str | None = None
        self.device = device
        self.dtype = _DTYPES[str(dtype).lower()] if dtype is not None else None
        self.inpaint_model = inpaint_model
        self.revision = revision
        self.from_pretrained_kwargs = from_pretrained_kwargs
        self._pipes: dict[str, Any] = {}
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        state = f"loaded on {self.device}" if self.loaded else "not loaded"
        return f"DiffusersEngine({self.model!r}, {state})"

    # -- loading --------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory."""
        return "text2img" in self._pipes

    @property
    def pipeline(self) -> Any:
        """The loaded text-to-image pipeline (loads it first), e.g. to call
        ``engine.pipeline.enable_model_cpu_offload()``."""
        self.load()
        return self._pipes["text2img"]

    def load(self) -> None:
        """Import the libraries and load the weights, once.

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
            pipe = self._from_pretrained(
                diffusers.AutoPipelineForText2Image, self.model, self.revision, dtype, device
            )
            self.device, self.dtype = device, str(dtype).removeprefix("torch.")
            self._pipes["text2img"] = pipe
            self.model_revision = hub_revision(
                self.model, self.revision, self.from_pretrained_kwargs.get("cache_dir")
            )
            log.info("loaded %s (%s) on %s as %s", self.model, self.model_revision, device, dtype)

    def unload(self) -> None:
        """Drop the pipelines and free their memory; the next draw loads again."""
        with self._lock:
            self._pipes.clear()
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
        if kind == "cuda" and not torch.cuda.is_available():
            raise EngineError(
                f"device={device!r} was asked for but torch {torch.__version__} sees no CUDA "
                "GPU: use device='cpu' or install a CUDA build of torch"
            )
        name = self.dtype or ("float32" if kind == "cpu" else "float16")
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
        kwargs = dict(self.from_pretrained_kwargs)
        kwargs[dtype_kwarg()] = dtype
        if revision is not None:
            kwargs["revision"] = revision
        if hub_offline():
            # huggingface_hub reads HF_HUB_OFFLINE once, at import; honour a later setting too
            kwargs.setdefault("local_files_only", True)
        try:
            pipe = auto_class.from_pretrained(model, **kwargs).to(device)
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
        """
        if mode not in ("text2img", "img2img", "inpaint"):
            raise InputError(f"unknown mode {mode!r}; use 'text2img', 'img2img' or 'inpaint'")
        self.load()
        with self._lock:
            if mode in self._pipes:
                return self._pipes[mode]
            _, diffusers = import_backend()
            base = self._pipes["text2img"]
            if mode == "inpaint" and self.inpaint_model:
                pipe = self._from_pretrained(
                    diffusers.AutoPipelineForInpainting,
                    self.inpaint_model,
                    None,
                    base.dtype,
                    self.device,
                )
            else:
                auto = (
                    diffusers.AutoPipelineForInpainting
                    if mode == "inpaint"
                    else diffusers.AutoPipelineForImage2Image
                )
                try:
                    pipe = auto.from_pipe(base)
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

    # -- drawing --------------------------------------------------------------
    def draw(
        self,
        scene: SceneGraph,
        *,
        image: Image.Image | None = None,
        mask: np.ndarray | None = None,
        seed: int = 0,
        settings: dict[str, Any] | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Result:
        """Draw ``scene``: a new picture, a variation of ``image``, or an edit inside ``mask``.

        Parameters
        ----------
        scene : SceneGraph
            What to draw; its prompt comes from :func:`~.prompting.scene_to_prompt`.
        image : PIL.Image.Image, optional
            The picture to vary (img2img) or edit (with ``mask``).
        mask : numpy.ndarray, optional
            Boolean ``(height, width)`` array, True where to repaint. Every pixel
            outside it is returned unchanged.
        seed : int
            Seeds a ``torch.Generator``; the same inputs and seed give the same
            picture on the same device.
        settings : dict, optional
            See the class notes for the keys and their defaults.
        on_progress : callable, optional
            Called as ``on_progress(step, total, None)`` after each denoising step.
        should_stop : callable, optional
            Checked after each step; when it returns True the run stops.

        Raises
        ------
        InputError
            For a mask of the wrong size, a size not divisible by 8, bad settings.
        Cancelled
            When ``should_stop()`` returned True.
        EngineError
            When loading fails or the GPU runs out of memory.
        """
        settings = dict(settings or {})
        mode = mode_of(image, mask)
        source = image.convert("RGB") if image is not None else None
        keep = self._check_mask(mask, source)
        steps, guidance, strength = self._schedule(mode, settings)
        pipe = self.pipeline_for(mode)
        torch = importlib.import_module("torch")
        width, height, work = self._size(mode, source, settings, pipe)
        prompt, negative = scene_to_prompt(scene)
        negative = settings.get("negative_prompt", negative)

        generator_device = "cpu" if str(self.device).startswith("mps") else self.device
        call: dict[str, Any] = {
            "prompt": prompt,
            "negative_prompt": negative or None,
            "num_inference_steps": steps,
            "guidance_scale": guidance,
            "generator": torch.Generator(generator_device).manual_seed(int(seed)),
            "output_type": "pil",
        }
        if mode == "text2img":
            call.update(width=width, height=height)
        else:
            call.update(image=source.resize(work) if work != source.size else source)
            call["strength"] = strength
        if mode == "inpaint":
            mask_image = _mask_image(keep)
            call.update(
                mask_image=mask_image.resize(work) if work != source.size else mask_image,
                width=work[0],
                height=work[1],
            )

        stopped: list[tuple[int, int]] = []

        def step_end(p: Any, step: int, timestep: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
            total = int(getattr(p, "num_timesteps", 0) or steps)
            if on_progress is not None:
                on_progress(step + 1, total, None)
            if should_stop is not None and not stopped and should_stop():
                p._interrupt = True
                stopped.append((step + 1, total))
            return {}

        call["callback_on_step_end"] = step_end
        try:
            with torch.inference_mode():
                out = pipe(**call).images[0].convert("RGB")
        except Exception as exc:
            raise self._draw_error(exc, torch) from exc
        if stopped:
            done, total = stopped[0]
            raise Cancelled(f"stopped after step {done} of {total}")
        if out.size != (width, height):
            out = out.resize((width, height))
        if mode == "inpaint":
            out = keep_outside_mask(out, source, keep)

        metadata = {
            "mode": mode,
            "model": self.model,
            "model_revision": self.model_revision,
            "scheduler": type(pipe.scheduler).__name__,
            "steps": steps,
            "guidance_scale": guidance,
            "strength": strength if mode != "text2img" else None,
            "width": width,
            "height": height,
            "device": str(self.device),
            "dtype": self.dtype,
            "prompt": prompt,
            "negative_prompt": negative,
        }
        return Result(out, [], metadata)

    def _draw_error(self, exc: Exception, torch: Any) -> EngineError:
        if is_oom(exc):
            log.info("out of memory drawing with %s", self.model, exc_info=exc)
            if str(self.device).startswith("cpu"):
                return EngineError("not enough memory: try a smaller size or fewer pictures")
            if str(self.device).startswith("cuda"):
                torch.cuda.empty_cache()
            return EngineError(f"not enough GPU memory: {OOM_HINT}")
        log.error("drawing with %s failed", self.model, exc_info=exc)
        return EngineError(f"drawing with '{self.model}' failed: {exc}")

    @staticmethod
    def _check_mask(mask: np.ndarray | None, source: Image.Image | None) -> np.ndarray | None:
        if mask is None:
            return None
        if source is None:
            raise InputError("a mask needs the picture it belongs to: pass image= too")
        mask = np.asarray(mask)
        if mask.ndim != 2:
            raise InputError(f"mask must be a (height, width) array, got shape {mask.shape}")
        if mask.shape != (source.height, source.width):
            raise InputError(
                f"mask is {mask.shape[1]}x{mask.shape[0]} but the image is "
                f"{source.width}x{source.height}: they must be the same size"
            )
        keep = mask.astype(bool)
        if not keep.any():
            raise InputError("the mask is empty: paint the area to change")
        return keep

    def _size(
        self, mode: str, source: Image.Image | None, settings: dict[str, Any], pipe: Any
    ) -> tuple[int, int, tuple[int, int]]:
        """Return ``(width, height, work_size)``: output size and the size the pipeline runs at."""
        width, height = _positive_int(settings, "width"), _positive_int(settings, "height")
        if source is None:
            default = int(pipe.unet.config.sample_size) * int(pipe.vae_scale_factor)
            width, height = width or default, height or default
        elif mode == "inpaint" and (width, height) not in {(None, None), source.size}:
            raise InputError(
                f"an edit keeps the picture's size: the image is {source.width}x"
                f"{source.height} but width and height ask for {width}x{height}"
            )
        elif width is None and height is None:
            # the picture's own size: run at the nearest multiple of 8 below it, resize back
            w, h = source.size
            return w, h, (max(8, w - w % 8), max(8, h - h % 8))
        else:
            width, height = width or source.width, height or source.height
        if width % 8 or height % 8:
            raise InputError(
                f"`height` and `width` have to be divisible by 8 but are {height} and {width}."
            )
        return width, height, (width, height)

    def _schedule(self, mode: str, settings: dict[str, Any]) -> tuple[int, float, float]:
        """Return ``(steps, guidance_scale, strength)`` from settings and model defaults."""
        turbo = "turbo" in self.model.lower()
        strength = _number(settings, "strength", 0.0, 1.0)
        strength = 0.75 if strength is None else strength
        if mode != "text2img" and strength <= 0:
            raise InputError("`strength` must be above 0 to change the picture, got 0")
        steps = _positive_int(settings, "steps")
        if steps is None:
            steps = 1 if turbo else 25
            if mode != "text2img" and turbo:
                steps = max(1, math.ceil(1 / strength))
                while int(steps * strength) < 1:
                    steps += 1
        elif mode != "text2img" and int(steps * strength) < 1:
            raise InputError(
                f"`steps` * `strength` must be at least 1 but is {steps} * {strength}: "
                f"use steps={math.ceil(1 / strength)} or more"
            )
        guidance = _number(settings, "guidance_scale", 0.0, 100.0)
        if guidance is None:
            guidance = 0.0 if turbo else 7.5
        return steps, guidance, strength


def _mask_image(mask: np.ndarray) -> Image.Image:
    from PIL import Image

    return Image.fromarray(mask.astype(np.uint8) * 255, "L")
