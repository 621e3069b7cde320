"""Draw scene graphs with a diffusers pipeline (Stable Diffusion 1.x/2.x, SDXL, SD3, FLUX...).

Creating a :class:`DiffusersEngine` is cheap: torch, diffusers and transformers are
imported and the weights loaded on the first :meth:`~DiffusersEngine.draw` (or an
explicit :meth:`~DiffusersEngine.load`). One loaded pipeline serves all three modes:
the image-to-image and inpainting pipelines are built from the same components with
``from_pipe`` the first time they are needed. The engine owns a
:class:`~.pipelines.DiffusersPipelines` (``engine.pipelines``) that loads the model,
chooses device and dtype, knows its family (:mod:`.families`) and hands out the
pipeline for each mode; :mod:`.calls` plans one draw and writes its pipeline call; the
engine runs it and returns the result.

New pictures follow the plan's layout (:mod:`.grounding`): regional prompts confined
to the boxes by attention masks (:mod:`.regions`, :mod:`.attention`) on the built-in
engine's drawing of the plan, or GLIGEN's boxes for GLIGEN models. Each step reports
progress with a cheap preview (:mod:`.previews`); Stop ends the run within one step
and hands back the draft picture on the :class:`Cancelled` error (``error.draft``, a
:class:`Result`). The libraries' own warnings go to the log (:mod:`.quiet`).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import EngineError, InputError
from ..base import Result, mode_of
from ..prompting import scene_to_prompt
from .attention import regional_attention
from .batching import draw_batch
from .calls import build_call, plan_run
from .drawing import Drawing, draw_metadata
from .grounding import GROUNDINGS
from .loading import INSTALL_HINT, OOM_HINT, is_oom
from .pipelines import DiffusersPipelines
from .quiet import library_output_to_log
from .settings import check_mask
from .steps import StepHook, StopRun, cancelled_error, finish_image

if TYPE_CHECKING:
    from PIL import Image

    from ...scene import SceneGraph
    from ..base import ProgressCallback, StopCheck

__all__ = ["INSTALL_HINT", "DiffusersEngine"]

log = logging.getLogger(__name__)


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
        ``"float16"``, ``"bfloat16"`` or ``"float32"``. Default: float32 on CPU;
        bfloat16 for FLUX and SD3 models on CUDA GPUs that support it (they overflow
        in float16); float16 otherwise.
    inpaint_model : str, optional
        A separate inpainting checkpoint (e.g. a 9-channel inpainting UNet); by default
        inpainting reuses ``model``'s components.
    revision : str, optional
        Branch, tag or commit of ``model`` on the hub.
    offload : bool or str
        ``True``: ``enable_model_cpu_offload`` (each model moves to the GPU only while
        it runs; for GPUs with little memory, slower). ``"sequential"``:
        ``enable_sequential_cpu_offload`` (least memory, much slower). Needs a GPU
        and the ``accelerate`` package.
    grounding : str
        How new pictures follow the plan's layout: ``"auto"`` (default),
        ``"regions"`` (a prompt per thing, confined to its boxes, on the layout
        sketch), ``"sketch"`` (img2img from the built-in engine's drawing),
        ``"boxes"`` (GLIGEN models) or ``"none"``; see
        :mod:`jupyter_imagechat.engines.diffusers.grounding`. A turn's
        ``settings["grounding"]`` overrides it.
    scheduler : str or dict, optional
        A diffusers scheduler instead of the model's own, made from its config:
        ``"DPMSolverMultistepScheduler"``, or ``{"_class_name": ..., "use_karras_sigmas":
        True}`` to change config values too.
    **from_pretrained_kwargs
        Passed to ``from_pretrained`` (``variant="fp16"``, ``cache_dir=``...).

    Attributes
    ----------
    pipelines : ~jupyter_imagechat.engines.diffusers.pipelines.DiffusersPipelines
        Loads the model and holds its pipelines, with the loading options
        (``revision``, ``inpaint_model``, ``offload``, ``from_pretrained_kwargs``).
        ``model``, ``model_revision``, ``device``, ``dtype``, ``loaded``,
        ``pipeline``, :meth:`load`, :meth:`unload` and :meth:`pipeline_for` are read
        from it.
    grounding : str
        The default grounding of new pictures.

    Notes
    -----
    Settings read by :meth:`draw`, with their defaults (the model's family decides
    several; see :mod:`.families`):

    - ``width``, ``height``: the pipeline's default size (512 for SD 1.5 and
      SD-Turbo, 1024 for SDXL and FLUX) or the input picture's size. Both must be
      divisible by 8 (16 for SD3 and FLUX).
    - ``steps``: 25 (28 for SD3 and FLUX); a distilled model (SD-Turbo: 1,
      FLUX.1-schnell: 4) takes its few steps, and for edits the fewest that leave
      that many after ``strength``.
    - ``guidance_scale``: 7.5 (SDXL 5.0, SD3 7.0, FLUX 3.5); 0.0 for distilled models.
    - ``strength``: 0.75 (image-to-image and inpainting only).
    - ``negative_prompt``: replaces the one made from ``scene.exclude``; used where the
      run has classifier-free guidance (the turn's notes say when it is not).
    - ``true_cfg_scale``: FLUX only; above 1, a second pass with the negative prompt.
    - ``grounding``: see above; ``sketch_strength`` (0.85): how far a new picture may
      move from the layout sketch (1.0: no sketch); ``gligen_beta`` (0.3): the fraction
      of steps that use GLIGEN boxes.

    Everything that decides the pixels (model and revision, family, scheduler,
    steps, guidance, strength, size, grounding and its regions, device, dtype,
    library versions) is in the result's ``metadata``; with the seed, the same values
    give the same pixels on the same device. ``metadata["engine_options"]`` holds the
    options that rebuild this engine (:mod:`.options`), for exported code.
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
        offload: bool | str = False,
        grounding: str = "auto",
        scheduler: str | dict[str, Any] | None = None,
        **from_pretrained_kwargs: Any,
    ) -> None:
        self.pipelines = DiffusersPipelines(
            model,
            device=device,
            dtype=dtype,
            inpaint_model=inpaint_model,
            revision=revision,
            offload=offload,
            scheduler=scheduler,
            **from_pretrained_kwargs,
        )
        if grounding not in GROUNDINGS:
            raise InputError(f"grounding must be one of {', '.join(GROUNDINGS)}, got {grounding!r}")
        self.grounding = grounding

    def __repr__(self) -> str:
        state = f"loaded on {self.device}" if self.loaded else "not loaded"
        return f"DiffusersEngine({self.model!r}, {state})"

    # -- the model and its pipelines (held by self.pipelines) ----------------------
    @property
    def model(self) -> str:
        """The hub id or folder given as ``model``."""
        return self.pipelines.model

    @property
    def model_revision(self) -> str | None:
        """``"owner/name@<commit>"`` for a loaded model from the hub cache, else ``None``."""
        return self.pipelines.model_revision

    @property
    def device(self) -> str | None:
        """The device asked for (``None``: the best one); once loaded, the one in use."""
        return self.pipelines.device

    @property
    def dtype(self) -> str | None:
        """The dtype asked for (``None``: one that suits); once loaded, the one in use."""
        return self.pipelines.dtype

    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory."""
        return self.pipelines.loaded

    @property
    def pipeline(self) -> Any:
        """The loaded text-to-image pipeline (loads it first), e.g. to call
        ``engine.pipeline.enable_model_cpu_offload()``."""
        with library_output_to_log():
            return self.pipelines.pipeline

    def load(self, on_progress: ProgressCallback | None = None) -> None:
        """Import the libraries and load the weights, once (:meth:`draw` calls it).

        Parameters
        ----------
        on_progress : callable, optional
            Receives the download progress of weights not yet in the cache; see
            :meth:`~.pipelines.DiffusersPipelines.load`.

        Raises
        ------
        EngineError
            If a library is missing or the model cannot be loaded.
        """
        with library_output_to_log():
            self.pipelines.load(on_progress)

    def unload(self) -> None:
        """Drop the pipelines and free their memory; the next draw loads again."""
        self.pipelines.unload()

    def pipeline_for(self, mode: str) -> Any:
        """Return the pipeline for ``mode`` (``"text2img"``, ``"img2img"`` or ``"inpaint"``).

        See :meth:`~.pipelines.DiffusersPipelines.pipeline_for`: the img2img and
        inpainting pipelines share the text-to-image components.
        """
        with library_output_to_log():
            return self.pipelines.pipeline_for(mode)

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
            What to draw; its prompt comes from
            :func:`~jupyter_imagechat.engines.prompting.scene_to_prompt`,
            its layout grounds a new picture (see :mod:`.grounding`).
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
            Called as ``on_progress(step, total, preview)`` after each denoising step;
            ``preview`` is a cheap approximation of the picture so far (``None`` for
            models without a known latent map). Weight downloads report
            ``on_progress(done_mb, total_mb, None, label="downloading")``.
        should_stop : callable, optional
            Checked after each step; when it returns True the run stops within that
            step.

        Raises
        ------
        InputError
            For a mask of the wrong size, a size the model cannot draw, bad settings.
        Cancelled
            When ``should_stop()`` returned True. Its ``draft`` attribute holds a
            :class:`Result` with the picture so far (``metadata["stopped_at_step"]``),
            or ``None``.
        EngineError
            When loading fails or the GPU runs out of memory.
        """
        with library_output_to_log():  # the libraries' warnings go to the log
            drawing = self._plan(scene, image, mask, seed, settings, on_progress)
            return self._run(drawing, on_progress, should_stop)

    def draw_batch(self, calls: Sequence[Mapping[str, Any]]) -> list[Result | Exception]:
        """Draw several scenes, sharing one pipeline call among those that can share it.

        Parameters
        ----------
        calls : sequence of mapping
            Each the keyword arguments of :meth:`draw`, ``scene`` included.

        Returns
        -------
        list
            In order, each draw's :class:`Result` or the error :meth:`draw` would have
            raised for it alone. Draws with the same pipeline, mode, size, steps,
            guidance, strength and grounding run as one call with a list of prompts
            (pictures and masks for edits; padded regional embeddings with a mask per
            sample for SD and SDXL) and one ``torch.Generator`` per draw, so each picture
            is the one its seed gives alone, up to float rounding; see :mod:`.batching`.
        """
        with library_output_to_log():
            return draw_batch(self, calls)

    def _plan(
        self,
        scene: SceneGraph,
        image: Image.Image | None,
        mask: np.ndarray | None,
        seed: int,
        settings: dict[str, Any] | None,
        on_progress: ProgressCallback | None,
    ) -> Drawing:
        """Steps 1 to 3 of a draw: check the inputs, load the model, plan the run."""
        # 1. Check inputs
        settings = dict(settings or {})
        mode = mode_of(image, mask)
        source = image.convert("RGB") if image is not None else None
        keep = check_mask(mask, source)
        # 2. Load the model once; know its family
        self.pipelines.load(on_progress)
        profile = self.pipelines.profile
        # 3. Plan the run: pipeline, grounding, steps, size, the picture to start from
        run = plan_run(
            scene,
            mode,
            source,
            keep,
            settings,
            profile=profile,
            base=self.pipelines.pipeline,
            grounding=self.grounding,
            seed=seed,
        )
        prompt, negative = scene_to_prompt(scene)
        if settings.get("negative_prompt") is not None:
            negative = settings["negative_prompt"]
            if not isinstance(negative, str):
                raise InputError(f"`negative_prompt` must be text, got {negative!r}")
        pipe = self.pipelines.pipeline_for(run.pipe_mode)
        return Drawing(
            scene, settings, int(seed), source, keep, profile, run, pipe, prompt, negative
        )

    def _generator(self, torch: Any, seed: int) -> Any:
        """A ``torch.Generator`` seeded with ``seed`` on the device the latents are made on."""
        generator_device = "cpu" if str(self.device).startswith("mps") else self.device
        return torch.Generator(generator_device).manual_seed(int(seed))

    def _run(
        self, d: Drawing, on_progress: ProgressCallback | None, should_stop: StopCheck | None
    ) -> Result:
        """Steps 4 to 6 of one draw: the call, the denoising, the result."""
        torch = importlib.import_module("torch")
        pipe, run = d.pipe, d.run
        vae = int(getattr(pipe, "vae_scale_factor", 8))
        hook = StepHook(
            pipe,
            run.steps,
            (run.width, run.height),
            on_progress,
            should_stop,
            d.source,
            d.keep,
            preview=d.profile.preview,
            grid=(run.work[1] // vae, run.work[0] // vae),
        )
        out = None
        try:
            with torch.inference_mode():
                # 4. The call's arguments (a regional run encodes its prompts here)
                call, record, layout = build_call(pipe, d.profile, run, d.scene,
                    (d.prompt, d.negative), d.settings, self._generator(torch, d.seed))  # fmt: skip
                call.update(hook.call_kwargs())
                # 5. Denoise (with the regional attention masks, if any)
                with ExitStack() as stack:
                    if layout is not None:
                        stack.enter_context(regional_attention(pipe, d.profile.family, layout))
                    out = pipe(**call).images[0].convert("RGB")
        except StopRun:
            pass
        except (InputError, EngineError):
            raise
        except Exception as exc:
            raise self._draw_error(exc, torch) from exc

        # 6. Record what decides the pixels; paste back what the mask keeps
        metadata = draw_metadata(self, d, record)
        if hook.stopped is not None:
            raise cancelled_error(hook, out, metadata, d.source, d.keep)
        assert out is not None
        return Result(finish_image(out, run.width, run.height, d.source, d.keep), [], metadata)

    def _draw_error(self, exc: Exception, torch: Any) -> EngineError:
        if is_oom(exc):
            log.info("out of memory drawing with %s", self.model, exc_info=exc)
            if str(self.device).startswith("cpu"):
                return EngineError("not enough memory: try a smaller size or fewer pictures")
            if str(self.device).startswith("cuda"):
                torch.cuda.empty_cache()
            return EngineError(f"not enough GPU memory: {OOM_HINT}")
        # info, not error: the chained EngineError reaches the user in the chat
        log.info("drawing with %s failed", self.model, exc_info=exc)
        return EngineError(f"drawing with '{self.model}' failed: {exc}")
