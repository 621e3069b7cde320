"""Several draws in one pipeline call (:meth:`~.engine.DiffusersEngine.draw_batch`).

A diffusers pipeline draws a batch when it is given a list of prompts, and with a list of
``torch.Generator`` it makes each picture's starting noise from its own generator: each
draw of a shared call starts from the noise its seed gives alone. Draws share a call when
nothing but the prompt, the negative prompt, the seed, the picture to start from and the
mask differs: the same pipeline, mode (a new picture and an edit never share), size,
steps, guidance, strength, grounding and the same keyword arguments. Regional runs of
the UNet families (SD 1.x/2.x, SDXL: ``grounding="regions"``, their default for new
pictures) share a call too, each sample with its own token blocks and attention mask
(:mod:`.regional_batch`). Those that cannot share are drawn alone, never mixed:

- regional runs of SD3 and FLUX (joint attention, where the text tokens attend as well);
- GLIGEN boxes: each draw has its own boxes and phrases;
- a draw whose size, mode or settings no other draw of the batch has.

The pixels equal the draw's alone up to float rounding (a batched matrix product may sum
in another order; tests/test_diffusers_batch.py measures it on tiny random pipelines).
A shared call reports no progress (the server's draws have nobody watching) and stops
when every draw in it is stopped; one that runs out of memory is drawn again one by one.
Each draw's result or error comes back in its place.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from typing import Any

from ...errors import Cancelled, EngineError, InputError
from ..base import Result
from .attention import regional_attention
from .calls import build_call
from .drawing import Drawing, draw_metadata
from .loading import is_oom
from .regional_batch import PADDED, SHARED_FAMILIES, STACKED, BatchLayout, merge_embeds
from .steps import StepHook, StopRun, cancelled_error, finish_image

__all__ = ["PER_DRAW", "draw_batch", "share_key"]

log = logging.getLogger(__name__)

PER_DRAW = ("prompt", "negative_prompt", "generator", "image", "mask_image", *PADDED, *STACKED)
"""The pipeline call's arguments that a shared call takes as a list, one per draw."""

Member = tuple[int, Drawing, Mapping[str, Any]]


def share_key(d: Drawing) -> tuple[Any, ...] | None:
    """What draws that share a call have in common; ``None`` for a draw that runs alone."""
    run = d.run
    if run.grounding.boxes or (run.grounding.regions and d.profile.family not in SHARED_FAMILIES):
        return None
    true_cfg = d.settings.get("true_cfg_scale")
    return (
        run.grounding.name,
        id(d.pipe),
        run.mode,
        run.pipe_mode,
        run.work,
        run.width,
        run.height,
        run.steps,
        run.guidance,
        run.strength,
        bool(d.negative),
        repr(true_cfg),
    )


def draw_batch(engine: Any, calls: Sequence[Mapping[str, Any]]) -> list[Result | Exception]:
    """Draw ``calls`` (each :meth:`~.engine.DiffusersEngine.draw`'s keyword arguments) with
    ``engine``, sharing pipeline calls where they can (see the module docstring)."""
    outcomes: list[Result | Exception] = [EngineError("not drawn")] * len(calls)
    groups: dict[Any, list[Member]] = {}
    for i, call in enumerate(calls):
        try:
            d = engine._plan(
                call["scene"],
                call.get("image"),
                call.get("mask"),
                call.get("seed", 0),
                call.get("settings"),
                call.get("on_progress"),
            )
        except Exception as exc:
            outcomes[i] = exc
            continue
        key = share_key(d)
        groups.setdefault(key if key is not None else ("alone", i), []).append((i, d, call))
    for members in groups.values():
        drawn = _alone(engine, members) if len(members) == 1 else _shared(engine, members)
        for (i, _, _), outcome in zip(members, drawn, strict=True):
            outcomes[i] = outcome
    return outcomes


def _alone(engine: Any, members: list[Member]) -> list[Result | Exception]:
    outcomes: list[Result | Exception] = []
    for _, d, call in members:
        try:
            outcomes.append(engine._run(d, call.get("on_progress"), call.get("should_stop")))
        except Exception as exc:
            outcomes.append(exc)
    return outcomes


def _alone_in(
    engine: Any, members: list[Member], which: list[int], outcomes: list[Result | Exception]
) -> list[Result | Exception]:
    """``outcomes`` with the members at ``which`` drawn alone."""
    for j, drawn in zip(which, _alone(engine, [members[j] for j in which]), strict=True):
        outcomes[j] = drawn
    return outcomes


def _shared(engine: Any, members: list[Member]) -> list[Result | Exception]:
    """One pipeline call for ``members`` (whose :func:`share_key` is the same)."""
    torch = importlib.import_module("torch")
    first = members[0][1]
    pipe, run = first.pipe, first.run
    hook = StepHook(
        pipe,
        run.steps,
        (run.width, run.height),
        None,
        _all_stopped([c.get("should_stop") for _, _, c in members]),
        preview=None,
    )
    outcomes: list[Result | Exception] = [EngineError("not drawn")] * len(members)
    built: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    layouts: list[Any] = []
    with torch.inference_mode():
        for j, (_, d, _) in enumerate(members):
            try:  # each draw's arguments, with its own generator; a bad one fails alone
                call, record, layout = build_call(
                    pipe,
                    d.profile,
                    d.run,
                    d.scene,
                    (d.prompt, d.negative),
                    d.settings,
                    engine._generator(torch, d.seed),
                )
                built.append((j, call, record))
                layouts.append(layout)
            except Exception as exc:
                outcomes[j] = exc
    if len(built) < 2 or not _same_form([call for _, call, _ in built]):
        return _alone_in(engine, members, [j for j, _, _ in built], outcomes)
    merged = {k: v for k, v in built[0][1].items() if k not in PER_DRAW}
    for name in PER_DRAW:
        if name in built[0][1]:
            merged[name] = [call[name] for _, call, _ in built]
    merged.update(hook.call_kwargs())
    regional = None
    if layouts[0] is not None:  # regional runs: padded embeddings, a mask per sample
        embeds, total = merge_embeds([call for _, call, _ in built])
        merged.update(embeds)
        batch = BatchLayout(layouts, total)  # read as a RegionLayout by the UNet processor
        regional = regional_attention(pipe, first.profile.family, batch)  # type: ignore[arg-type]
    try:
        with torch.inference_mode(), regional or nullcontext():
            images: list[Any] | None = list(pipe(**merged).images)
    except StopRun:
        images = None
    except (InputError, EngineError) as exc:
        images, failure = None, exc
        for j, _, _ in built:
            outcomes[j] = failure
        return outcomes
    except Exception as exc:
        error = engine._draw_error(exc, torch)
        if is_oom(exc):  # too many at once: one by one
            log.info("a batch of %d ran out of memory; drawing them one by one", len(built))
            return _alone_in(engine, members, [j for j, _, _ in built], outcomes)
        for j, _, _ in built:
            outcomes[j] = error
        return outcomes
    for k, (j, _, record) in enumerate(built):
        d = members[j][1]
        metadata = {**draw_metadata(engine, d, record), "batch_size": len(built)}
        if hook.stopped is not None:
            out = images[k].convert("RGB") if images is not None else None
            outcomes[j] = _stopped(hook, out, metadata, d)
        else:
            assert images is not None
            picture = finish_image(
                images[k].convert("RGB"), run.width, run.height, d.source, d.keep
            )
            outcomes[j] = Result(picture, [], metadata)
    return outcomes


def _stopped(hook: StepHook, out: Any, metadata: dict[str, Any], d: Drawing) -> Cancelled:
    """A stopped shared call: each draw's own picture so far (none where the pipeline
    ended by an exception: its latents are the whole batch's)."""
    if out is not None:
        return cancelled_error(hook, out, metadata, d.source, d.keep)
    done, total = hook.stopped or (0, 0)
    error = Cancelled(f"stopped after step {done} of {total}")
    error.draft = None  # type: ignore[attr-defined]
    return error


def _all_stopped(checks: list[Callable[[], bool] | None]) -> Callable[[], bool] | None:
    """Stop a shared call only when every draw in it is stopped."""
    if any(check is None for check in checks):
        return None
    return lambda: all(check() for check in checks if check is not None)


def _same_form(calls: list[dict[str, Any]]) -> bool:
    """Whether the calls differ only in :data:`PER_DRAW` (a check behind :func:`share_key`)."""
    first = calls[0]
    for call in calls[1:]:
        if call.keys() != first.keys():
            return False
        for name, value in first.items():
            if name not in PER_DRAW and not _equal(value, call[name]):
                return False
    return True


def _equal(a: Any, b: Any) -> bool:
    if a is b:
        return True
    try:
        return bool(a == b)
    except Exception:  # tensors, arrays: not compared; such calls run alone
        return False
