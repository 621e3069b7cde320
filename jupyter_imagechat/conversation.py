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
from .drafts import keep_draft
from .errors import Busy, Cancelled, EngineError, ImageChatError, InputError
from .history import History, Turn
from .images import as_image, as_mask
from .layout import arrange
from .planflow import Pending, boxes_mask, fix_targets, relayout, validate_plan
from .planner import create_planner
from .provenance import plan_from_png
from .scene import SceneGraph

if TYPE_CHECKING:
    from PIL import Image

    from .checker import Verdict
    from .detector import Detector
    from .engines.base import Engine, ProgressCallback, Result, StopCheck
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
        self.detector: Detector | None = None
        """Finds objects in pictures from engines that do not report them (see ``detector``)."""
        self._pending: Pending | None = None

    # -- state ----------------------------------------------------------------
    @property
    def image(self) -> Image.Image | None:
        """The current picture (the head turn's: the newest unless reopened), or ``None``."""
        last = self.history.head
        return last.image if last else None

    @property
    def scene(self) -> SceneGraph | None:
        """The current plan (the head turn's), or ``None``."""
        last = self.history.head
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

    def select_at(self, x: int, y: int) -> np.ndarray | None:
        """Return the exact shape of the object at pixel ``(x, y)`` of the current picture
        as a bool mask (widened by 2 px), or ``None`` if nothing drawn is there.

        Uses what the engine reported it drew: the built-in engine knows each shape;
        other engines' objects select their box. The mask is not set; assign it to
        :attr:`mask` to edit that object.
        """
        from .selection import object_at, object_mask

        last = self.history.head  # the current picture (a reopened turn's, too)
        if last is None or last.image is None:
            return None
        hit = object_at(last.objects, int(x), int(y))
        return None if hit is None else object_mask(hit, last.image.size)

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
                parent=self.history.head.id if self.history.head else None,
                prompt="",
                mode="load",
                scene_before=self.scene,
                scene=plan_from_png(image),  # a PNG this project wrote carries its plan
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

    def checkout(self, turn: int | str | Turn) -> Turn:
        """Reopen an earlier turn: its picture and plan become current.

        The next turn's parent is ``turn``, so editing from it starts a branch;
        nothing is overwritten. The mask is cleared.

        Raises
        ------
        InputError
            If there is no such turn.
        Busy
            While a turn is running.
        """
        with self._busy_guard():
            try:
                reopened = self.history.checkout(turn)
            except (KeyError, IndexError):
                raise InputError(
                    f"there is no turn {turn!r}; the turns are "
                    f"{', '.join(t.id for t in self.history) or 'none yet'}"
                ) from None
            self._mask = None
            return reopened

    # -- the plan first, then the picture ----------------------------------------
    def plan(self, prompt: str, *, seed: int | None = None) -> SceneGraph:
        """Plan and lay out ``prompt`` without drawing; :meth:`generate` draws it.

        The result is what :meth:`send` would draw: for an edit, the changed current
        scene. Change it (counts, attributes, boxes) and pass it to :meth:`generate`.
        Notes from the planner ("capped 1000 apples at 50") are in :attr:`plan_notes`.

        Raises
        ------
        InputError
            Bad prompt or seed (``PlanError`` for a prompt with nothing to draw).
        Busy
            While a turn is running.
        """
        text = _check_prompt(prompt)
        use_seed = self.seed if seed is None else _check_seed(seed)
        with self._busy_guard():
            scene, notes, edit = self._prepare(text, self._mask, use_seed, {})
        self._pending = Pending(text, scene.copy(), notes, edit, use_seed)
        return scene

    @property
    def plan_notes(self) -> list[str]:
        """The notes of the plan made by the last :meth:`plan` (empty when none waits)."""
        return list(self._pending.notes) if self._pending else []

    def generate(
        self,
        scene: SceneGraph | dict[str, Any] | None = None,
        *,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        edit: bool | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Draw ``scene`` (by default the plan from :meth:`plan`) and return the turn.

        ``scene`` may come from an untrusted source (the browser's plan editor): it is
        validated, boxes of instances that no longer exist are dropped and new instances
        get boxes. With a plan from :meth:`plan` for an edit, the picture is redrawn from
        the changed plan as :meth:`send` would; otherwise it is a new picture.
        ``edit=True`` or ``False`` says so explicitly (replayed code does), and the
        conversation's :attr:`mask`, when set, limits the change to the mask.

        Raises
        ------
        InputError
            When there is no plan, or ``scene`` is not a valid scene graph (the message
            names the field).
        """
        pending = self._pending
        if scene is None:
            if pending is None:
                raise InputError("there is no plan to draw; plan a prompt first")
            scene = pending.scene
        plan = validate_plan(scene)
        use_seed = pending.seed if seed is None and pending else self.seed
        if seed is not None:
            use_seed = _check_seed(seed)
        if settings is not None and not isinstance(settings, dict):
            raise InputError(f"settings must be a dict, got {type(settings).__name__}")
        text = pending.prompt if pending else "(a plan)"
        with self._busy_guard():
            timings: dict[str, float] = {}
            t0 = time.perf_counter()
            plan = arrange(plan, seed=use_seed)
            timings["layout"] = time.perf_counter() - t0
            is_edit = bool(pending and pending.edit) if edit is None else bool(edit)
            turn = self._render(
                text, plan, list(pending.notes) if pending else [],
                is_edit, self._mask, use_seed, settings, on_progress,
                should_stop, timings, source="plan",
            )  # fmt: skip
        self._pending = None
        return turn

    def fix(
        self,
        *,
        seed: int | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Redraw the things the checker found wrong in the current picture.

        The offending entities get new boxes (laid out again with another seed) and are
        redrawn inside the area of their old and new boxes; everything else keeps its
        pixels.

        Raises
        ------
        InputError
            When there is no checked picture, or nothing in it is violated.
        """
        head = self.history.head
        if head is None or head.scene is None or head.verdict is None or head.image is None:
            raise InputError("there is no checked picture to fix yet")
        targets, labels = fix_targets(head.scene, head.verdict)
        if not targets:
            raise InputError("nothing to fix: the picture keeps every constraint checked")
        use_seed = (head.seed + 1) % 2**32 if seed is None else _check_seed(seed)
        with self._busy_guard():
            timings: dict[str, float] = {}
            t0 = time.perf_counter()
            moved, targets = relayout(head.scene, targets, use_seed)
            timings["layout"] = time.perf_counter() - t0
            old = [b for b in head.scene.layout if b.entity in targets]
            new = [b for b in moved.layout if b.entity in targets]
            mask = boxes_mask(old + new, head.image.size)
            return self._render(
                "fix: " + "; ".join(labels), moved, [f"redrew {', '.join(labels)}"], True,
                mask, use_seed, None, on_progress, should_stop, timings, source="fix",
            )  # fmt: skip

    def outpaint(
        self,
        left: int = 0,
        right: int = 0,
        top: int = 0,
        bottom: int = 0,
        *,
        prompt: str | None = None,
        seed: int | None = None,
        settings: dict[str, Any] | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Turn:
        """Extend the picture by ``left``/``right``/``top``/``bottom`` pixels; return the turn.

        The new borders are drawn by the engine (inpainted by diffusion models, drawn
        from the plan by the built-in engine); every old pixel stays exactly as it
        was. ``prompt`` adds things inside the new area ("a tall tree"). The turn's
        mode is ``"outpaint"`` and ``settings["outpaint"]`` holds the margins. See
        :mod:`jupyter_imagechat.outpainting`.

        Raises
        ------
        InputError
            No picture yet, negative or zero margins, or a result over 2048 pixels.
        EngineError, Cancelled, Busy
            As for :meth:`send`.
        """
        from .outpainting import outpaint

        use_seed = self.seed if seed is None else _check_seed(seed)
        with self._busy_guard():
            return outpaint(
                self, left, right, top, bottom, prompt=prompt, seed=use_seed,
                settings=settings, on_progress=on_progress, should_stop=should_stop,
            )  # fmt: skip

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
        timings: dict[str, float] = {}
        scene, notes, edit = self._prepare(text, use_mask, use_seed, timings)
        return self._render(
            text, scene, notes, edit, use_mask, use_seed, settings, on_progress, should_stop,
            timings,
        )  # fmt: skip

    def _prepare(
        self, text: str, use_mask: np.ndarray | None, use_seed: int, timings: dict[str, float]
    ) -> tuple[SceneGraph, list[str], bool]:
        """Plan and lay out ``text``; return the scene, notes and whether it is an edit."""
        before = self.scene
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
        return scene, notes, edit

    def _render(
        self,
        text: str,
        scene: SceneGraph,
        notes: list[str],
        edit: bool,
        use_mask: np.ndarray | None,
        use_seed: int,
        settings: dict[str, Any] | None,
        on_progress: ProgressCallback | None,
        should_stop: StopCheck | None,
        timings: dict[str, float],
        *,
        source: str = "send",
    ) -> Turn:
        """Draw a laid-out ``scene``, check it and record the turn.

        ``source`` says where the plan came from (``"send"``: planned from the prompt;
        ``"plan"``: given to :meth:`generate`; ``"fix"``: re-laid out by :meth:`fix`) and
        is recorded in the turn's metadata so exported code redraws the same plan.
        """
        before = self.scene
        base = self.image
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
        try:
            result = self._draw(
                scene, image_in, use_mask, use_seed, run_settings, on_progress, should_stop
            )
        except Cancelled as exc:  # keep the picture so far, if the engine has one
            keep_draft(
                self, exc, prompt=text, mode=mode, scene_before=before, scene=scene,
                settings=run_settings, seed=use_seed, mask=use_mask, notes=notes,
                timings=timings,
            )  # fmt: skip
            raise
        timings["draw"] = time.perf_counter() - t0
        if mode == "text2img":  # record the size the engine chose, so the turn can be redone
            run_settings.setdefault("width", result.image.width)
            run_settings.setdefault("height", result.image.height)

        t0 = time.perf_counter()
        verdict = check(scene, result, detector=self.detector)
        timings["check"] = time.perf_counter() - t0

        return self._record(
            text, mode, before, scene, result, run_settings, use_seed, use_mask, verdict,
            notes, timings, {**result.metadata, "source": source},
        )  # fmt: skip

    def _record(
        self,
        text: str,
        mode: str,
        before: SceneGraph | None,
        scene: SceneGraph | None,
        result: Result,
        settings: dict[str, Any],
        seed: int,
        mask: np.ndarray | None,
        verdict: Verdict | None,
        notes: list[str],
        timings: dict[str, float],
        metadata: dict[str, Any],
        *,
        finished: bool = True,
    ) -> Turn:
        """Record a drawn picture as the new head turn and return it.

        The one place turns are made from engine results (:meth:`_render`, outpainting,
        drafts). A finished turn uses up the mask and any plan waiting to be drawn.
        """
        head = self.history.head
        turn = Turn(
            id=self.history.next_id(),
            parent=head.id if head else None,
            prompt=text,
            mode=mode,
            scene_before=before,
            scene=scene,
            engine=self.engine.name,
            model=metadata.get("model_revision") or self.engine.model,
            settings=settings,
            seed=seed,
            mask=mask,
            image=result.image,
            verdict=verdict,
            objects=list(result.objects),
            notes=list(notes),
            timings=dict(timings),
            metadata=metadata,
        )
        self.history.append(turn)
        if finished:
            self._mask = None
            self._pending = None  # a drawn turn replaces any plan waiting to be drawn
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
