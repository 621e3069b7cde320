"""One conversation: the only place that knows the order of the steps.

``Conversation.send(prompt)`` runs plan -> layout -> draw -> check -> record and
returns the new :class:`~jupyter_imagechat.history.Turn`. The widget, the cell
magic and the command line all drive a conversation; none re-implements a step.
A failed turn changes nothing: the history, the picture and the mask stay as
they were.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

import numpy as np

from .checker import check
from .errors import Busy, Cancelled, EngineError, ImageChatError, InputError
from .history import History, Turn
from .images import as_image, as_mask
from .layout import arrange
from .planner import create_planner
from .scene import SceneGraph

if TYPE_CHECKING:
    from PIL import Image

    from .engines.base import Engine, ProgressCallback, StopCheck
    from .planner import Planner

log = logging.getLogger(__name__)

MAX_PROMPT_CHARS = 2000
"""Longest prompt accepted, in characters."""

MIN_SIZE, MAX_SIZE = 64, 2048
"""Allowed picture sizes in pixels (each side)."""

_CURRENT: Any = object()  # "use the conversation's own mask"


class Conversation:
    """Turns prompts (and masks) into pictures, remembering every turn.

    Parameters
    ----------
    engine : str or Engine
        ``"builtin"`` (default; offline, no weights), ``"diffusers"``, or an
        engine object.
    model : str, optional
        Model id or local folder for the diffusers engine.
    planner : str or Planner
        ``"rules"`` (default) or a planner object.
    size : int, optional
        Side of new pictures in pixels (64 to 2048). By default the engine's own:
        512 for the built-in engine, the model's native size for diffusers.
        Edits keep the size of the picture they edit.
    seed : int
        Seed used for every turn unless ``send(seed=...)`` says otherwise, so the
        same prompt gives the same picture.
    **engine_options
        Passed to the engine (e.g. ``device``, ``dtype`` for diffusers).

    Raises
    ------
    InputError
        For an unknown engine or planner name or a bad size or seed.
    """

    def __init__(
        self,
        engine: str | Engine = "builtin",
        model: str | None = None,
        *,
        planner: str | Planner = "rules",
        size: int | None = None,
        seed: int = 0,
        **engine_options: Any,
    ) -> None:
        from .engines import create_engine

        self.size = None if size is None else _check_size(size)
        self.seed = _check_seed(seed)
        self.engine: Engine = (
            create_engine(engine, model=model, **engine_options)
            if isinstance(engine, str)
            else engine
        )
        self.planner: Planner = create_planner(planner) if isinstance(planner, str) else planner
        self.history = History()
        self._mask: np.ndarray | None = None
        self._lock = threading.Lock()

    # -- state ----------------------------------------------------------------
    @property
    def image(self) -> Image.Image | None:
        """The current picture (the newest turn's), or ``None``."""
        last = self.history.last
        return last.image if last else None

    @property
    def scene(self) -> SceneGraph | None:
        """The current plan (the newest turn's), or ``None``."""
        last = self.history.last
        return last.scene.copy() if last and last.scene else None

    @property
    def mask(self) -> np.ndarray | None:
        """The mask for the next edit: a bool array of the picture's size, or ``None``."""
        return None if self._mask is None else self._mask.copy()

    @mask.setter
    def mask(self, value: Any) -> None:
        self._mask = as_mask(value, self.image)

    @property
    def busy(self) -> bool:
        """True while a turn is running."""
        return self._lock.locked()

    # -- turns ----------------------------------------------------------------
    def send(
        self,
        prompt: str,
        *,
        mask: Any = _CURRENT,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Run one turn and return it.

        A prompt that describes a scene draws a new picture. An edit ("make the
        bowl green", "add two more apples") changes the current plan; with a
        mask only the masked pixels change (inpainting), without one the whole
        picture is redrawn from the changed plan (img2img for diffusion models).

        Parameters
        ----------
        prompt : str
            What to draw or change.
        mask : array-like or PIL.Image.Image or None, optional
            Where the edit may change pixels; by default the conversation's own
            :attr:`mask`. ``None`` means no mask.
        seed : int, optional
            Overrides the conversation's seed for this turn.
        settings : dict, optional
            Engine settings for this turn (``steps``, ``guidance_scale``, ...).
        on_progress, should_stop : callable, optional
            Progress report ``(step, total, preview)`` and cancel check.

        Raises
        ------
        InputError
            Bad prompt, mask or settings. Nothing changes.
        EngineError
            The engine could not load or draw. Nothing changes.
        Cancelled
            ``should_stop()`` returned True. Nothing changes.
        Busy
            Another turn is running.
        """
        with self._busy_guard():
            return self._send(prompt, mask, seed, settings, on_progress, should_stop)

    def load(self, image: Any) -> Turn:
        """Make ``image`` the current picture (a PIL image, array, path or bytes).

        Raises
        ------
        InputError
            If ``image`` cannot be read as a picture, or its size is out of range.
        """
        picture = as_image(image, min_size=16, max_size=4 * MAX_SIZE)
        with self._busy_guard():
            turn = Turn(
                id=self.history.next_id(),
                parent=self.history.last.id if self.history.last else None,
                prompt="",
                mode="load",
                scene_before=self.scene,
                scene=None,
                engine="load",
                model=None,
                settings={"width": picture.width, "height": picture.height},
                seed=0,
                mask=None,
                image=picture,
            )
            self.history.append(turn)
            self._mask = None
            return turn

    # -- internals ------------------------------------------------------------
    def _busy_guard(self) -> _Guard:
        return _Guard(self._lock)

    def _send(
        self,
        prompt: Any,
        mask: Any,
        seed: int | None,
        settings: dict[str, Any] | None,
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
    ) -> Turn:
        text = _check_prompt(prompt)
        use_seed = self.seed if seed is None else _check_seed(seed)
        use_mask = self._mask if mask is _CURRENT else as_mask(mask, self.image)
        if settings is not None and not isinstance(settings, dict):
            raise InputError(f"settings must be a dict, got {type(settings).__name__}")
        before = self.scene
        base = self.image
        timings: dict[str, float] = {}

        t0 = time.perf_counter()
        scene, notes = _plan(self.planner, text, before)
        edit = before is not None and self.planner.is_edit(text)
        region = None
        if use_mask is not None and not edit and before is not None:
            # A description painted into a mask adds its things inside the mask.
            scene = _merge_new(before, scene)
            region = _mask_region(use_mask)
        timings["plan"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        scene = arrange(scene, seed=use_seed, region=region)
        timings["layout"] = time.perf_counter() - t0

        if use_mask is not None:
            image_in, mode = base, "inpaint"
        elif base is not None and (edit or before is None):
            image_in, mode = base, "img2img"
        else:
            image_in, mode = None, "text2img"
        run_settings: dict[str, Any] = {}
        if image_in is None and self.size is not None:
            run_settings = {"width": self.size, "height": self.size}
        run_settings.update(settings or {})

        t0 = time.perf_counter()
        result = self._draw(
            scene, image_in, use_mask, use_seed, run_settings, on_progress, should_stop
        )
        timings["draw"] = time.perf_counter() - t0
        if mode == "text2img":  # record the size the engine chose, so the turn can be redone
            run_settings.setdefault("width", result.image.width)
            run_settings.setdefault("height", result.image.height)

        t0 = time.perf_counter()
        verdict = check(scene, result)
        timings["check"] = time.perf_counter() - t0

        last = self.history.last
        turn = Turn(
            id=self.history.next_id(),
            parent=last.id if last else None,
            prompt=text,
            mode=mode,
            scene_before=before,
            scene=scene,
            engine=self.engine.name,
            model=result.metadata.get("model_revision") or self.engine.model,
            settings=run_settings,
            seed=use_seed,
            mask=use_mask,
            image=result.image,
            verdict=verdict,
            objects=list(result.objects),
            notes=notes,
            timings=timings,
            metadata=dict(result.metadata),
        )
        self.history.append(turn)
        self._mask = None
        return turn

    def _draw(
        self,
        scene: SceneGraph,
        image: Image.Image | None,
        mask: np.ndarray | None,
        seed: int,
        settings: dict[str, Any],
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
    ) -> Any:
        try:
            return self.engine.draw(
                scene,
                image=image,
                mask=mask,
                seed=seed,
                settings=settings,
                on_progress=on_progress,
                should_stop=should_stop,
            )
        except (ImageChatError, KeyboardInterrupt):
            raise
        except MemoryError:
            raise EngineError("out of memory while drawing: try a smaller size") from None
        except Exception as exc:  # an engine bug must not take the session down
            log.exception("engine %s failed", self.engine.name)
            raise EngineError(f"the {self.engine.name} engine failed: {exc}") from exc


class _Guard:
    """Hold the conversation's lock for a short step, or raise :class:`Busy`."""

    def __init__(self, lock: threading.Lock) -> None:
        self._lock = lock

    def __enter__(self) -> None:
        if not self._lock.acquire(blocking=False):
            raise Busy("still working on the previous request; press Stop or wait")

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


def _plan(planner: Planner, text: str, current: SceneGraph | None) -> tuple[SceneGraph, list[str]]:
    with_notes = getattr(planner, "plan_with_notes", None)
    if with_notes is not None:
        scene, notes = with_notes(text, current=current)
        return scene, list(notes)
    return planner.plan(text, current=current), []


def _merge_new(current: SceneGraph, new: SceneGraph) -> SceneGraph:
    """Return ``current`` plus the entities, relations and texts of ``new``."""
    merged = current.copy()
    renamed: dict[str, str] = {}
    for ent in new.entities:
        fresh = merged.new_id()
        renamed[ent.id] = fresh
        ent_copy = type(ent)(fresh, ent.name, ent.count, dict(ent.attributes))
        merged.entities.append(ent_copy)
    for rel in new.relations:
        merged.relations.append(type(rel)(renamed[rel.subject], rel.predicate, renamed[rel.object]))
    merged.texts.extend(t for t in new.texts if t not in merged.texts)
    merged.validate()
    return merged


def _mask_region(mask: np.ndarray) -> tuple[float, float, float, float]:
    """Return the mask's bounding box, normalised ``(x0, y0, x1, y1)``."""
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    h, w = mask.shape
    return (cols[0] / w, rows[0] / h, (cols[-1] + 1) / w, (rows[-1] + 1) / h)


def _check_prompt(prompt: Any) -> str:
    if not isinstance(prompt, str):
        raise InputError(f"the prompt must be text, got {type(prompt).__name__}")
    text = prompt.strip()
    if not text:
        raise InputError("Type what you want to see, e.g. 'three red apples left of a blue bowl'")
    if len(text) > MAX_PROMPT_CHARS:
        raise InputError(
            f"the prompt is {len(text):,} characters long; the limit is {MAX_PROMPT_CHARS:,}"
        )
    return text


def _check_size(size: Any) -> int:
    if isinstance(size, bool) or not isinstance(size, int) or not MIN_SIZE <= size <= MAX_SIZE:
        raise InputError(f"size must be an integer from {MIN_SIZE} to {MAX_SIZE}, got {size!r}")
    return size


def _check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise InputError(f"seed must be an integer from 0 to 2**32 - 1, got {seed!r}")
    return seed


__all__ = ["MAX_PROMPT_CHARS", "Cancelled", "Conversation"]
