"""The options that rebuild a diffusers engine: recorded with each turn, read back for code.

Every turn the engine draws records ``metadata["engine_options"]`` (:func:`recorded_options`):
the constructor options that made the engine, so that code exported from the history
(:mod:`jupyter_imagechat.session.code`) rebuilds the same engine:

- ``device`` and ``dtype`` as they were asked for (left out when the engine chose them:
  the machine that runs the code chooses again, and does not fail for lack of a GPU the
  first machine had; the chosen ones are in ``metadata["device"]``/``["dtype"]``);
- ``revision``: the commit the weights came from (``model_revision``), so the code loads
  the same weights after the model's ``main`` moves on, else the revision asked for;
- ``inpaint_model``, ``offload``, ``grounding`` (the engine's default; a turn's own is in
  its settings);
- ``scheduler``: only when the pipeline's scheduler is not the model's own (the
  ``scheduler=`` option, or one set by hand on ``engine.pipeline``): its class and the
  config values that differ from the model's;
- ``variant``, ``use_safetensors`` and components loaded as ``None``
  (``text_encoder_3=None``) from the ``from_pretrained`` keywords.

Other ``from_pretrained`` keywords (a component object, ``cache_dir``...) cannot be written
as code: their names are in ``metadata["engine_options_left_out"]``.

Records come from notebooks and folders anyone can edit, so :func:`replay_options` reads
them back through an allow-list, each value checked (a device name, a dtype, a scheduler
class name...): nothing but these options, with plain values, reaches exported code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from ...errors import InputError

__all__ = ["GROUNDINGS", "check_scheduler", "make_scheduler", "recorded_options", "replay_options"]

GROUNDINGS = ("auto", "regions", "sketch", "boxes", "none")
"""Values of the ``grounding`` setting (here, where the exported code reads them without
importing the drawing code)."""

_DEVICE = re.compile(r"(cpu|mps|xpu|cuda)(:\d{1,2})?")
_DTYPES = ("float16", "bfloat16", "float32")
_REVISION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")
_COMMIT = re.compile(r"(?P<model>.+)@(?P<commit>[0-9a-f]{40})")
_SCHEDULER = re.compile(r"[A-Z][A-Za-z0-9]{0,60}Scheduler")
_CONFIG_KEY = re.compile(r"[a-z][a-z0-9_]{0,60}")
_VARIANT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
_COMPONENT = re.compile(r"(text_encoder|tokenizer)(_[23])?|safety_checker|feature_extractor")
_PLAIN_KWARGS = ("variant", "use_safetensors")


def split_revision(model: str) -> tuple[str, str | None]:
    """``"owner/name@<commit>"`` -> ``("owner/name", "<commit>")``; else ``(model, None)``."""
    found = _COMMIT.fullmatch(model)
    return (found["model"], found["commit"]) if found else (model, None)


def check_scheduler(spec: Any) -> tuple[str, dict[str, Any]] | None:
    """Return ``(class name, config overrides)`` of a ``scheduler=`` option, ``None`` for none.

    ``spec`` is a diffusers scheduler's class name (``"DPMSolverMultistepScheduler"``)
    or a dict with its ``"_class_name"`` and config values to change
    (``{"_class_name": "DPMSolverMultistepScheduler", "use_karras_sigmas": True}``).

    Raises
    ------
    InputError
        For anything else.
    """
    if spec is None:
        return None
    overrides: dict[str, Any] = {}
    name = spec
    if isinstance(spec, Mapping):
        overrides = {k: v for k, v in spec.items() if k != "_class_name"}
        name = spec.get("_class_name")
        bad = [k for k in overrides if not (isinstance(k, str) and _CONFIG_KEY.fullmatch(k))]
        if bad:
            raise InputError(f"`scheduler` config keys must be setting names, got {bad[0]!r}")
    if not (isinstance(name, str) and _SCHEDULER.fullmatch(name)):
        raise InputError(
            "`scheduler` must name a diffusers scheduler class, e.g. "
            f"'DPMSolverMultistepScheduler' (or a dict with its '_class_name'), got {name!r}"
        )
    return name, overrides


def make_scheduler(diffusers: Any, spec: Any, config: Mapping[str, Any]) -> Any:
    """A new scheduler of ``spec`` (see :func:`check_scheduler`) from the model's ``config``.

    Raises
    ------
    InputError
        When diffusers has no such scheduler class.
    """
    checked = check_scheduler(spec)
    assert checked is not None
    name, overrides = checked
    found = getattr(diffusers, name, None)
    if not (isinstance(found, type) and issubclass(found, diffusers.SchedulerMixin)):
        raise InputError(
            f"diffusers {diffusers.__version__} has no scheduler {name!r}: see "
            "diffusers.schedulers for the names"
        )
    cls: Any = found  # a SchedulerMixin subclass (mypy knows only "type")
    return cls.from_config({**dict(config), **overrides})


def _scheduler_change(model_config: Mapping[str, Any], current: Any) -> dict[str, Any] | None:
    """The scheduler option that turns the model's scheduler into ``current``, or ``None``."""
    name = type(current).__name__
    baseline = dict(model_config)
    if name != model_config.get("_class_name"):  # what the class makes of the model's config
        baseline = dict(type(current).from_config(model_config).config)
    changed = {
        k: v
        for k, v in dict(current.config).items()
        if not k.startswith("_") and not (k in baseline and _same(baseline[k], v))
    }
    if name == model_config.get("_class_name") and not changed:
        return None
    return {"_class_name": name, **changed}


def recorded_options(pipelines: Any, grounding: str, pipe: Any) -> tuple[dict[str, Any], list[str]]:
    """The options that rebuild the engine drawing with ``pipe``, and the names left out.

    ``pipelines`` is the engine's loaded :class:`~.pipelines.DiffusersPipelines`.
    """
    options: dict[str, Any] = {}
    for name in ("device", "dtype"):
        if pipelines.asked.get(name) is not None:
            options[name] = pipelines.asked[name]
    revision = split_revision(pipelines.model_revision or "")[1] or pipelines.revision
    if revision:
        options["revision"] = revision
    if pipelines.inpaint_model:
        options["inpaint_model"] = pipelines.inpaint_model
    if pipelines.offload:
        options["offload"] = pipelines.offload
    if grounding != "auto":
        options["grounding"] = grounding
    model_scheduler = pipelines.model_scheduler
    scheduler = getattr(pipe, "scheduler", None)
    if model_scheduler is not None and scheduler is not None:
        change = _scheduler_change(model_scheduler, scheduler)
        if change is not None:
            options["scheduler"] = change
    left_out = []
    if not all(_plain(v) for v in options.get("scheduler", {}).values()):
        del options["scheduler"]  # a config value that is not plain data
        left_out.append("scheduler")
    for name, value in pipelines.from_pretrained_kwargs.items():
        if name in _PLAIN_KWARGS and isinstance(value, (str, bool)):
            options[name] = value
        elif _COMPONENT.fullmatch(name) and value is None:
            options[name] = None
        else:
            left_out.append(name)
    return options, left_out


def _same(a: Any, b: Any) -> bool:
    """``a == b`` for config values, arrays too."""
    try:
        return bool(a == b)
    except (ValueError, TypeError):  # arrays: their truth value is ambiguous
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))


def _plain(value: Any) -> bool:
    """Text, a number, True/False/None, or a list of those (what a record and code hold)."""
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (str, bool, int, float))


def replay_options(options: Any) -> dict[str, Any]:
    """Check a record's ``engine_options`` and return them for exported code.

    Raises
    ------
    InputError
        For an option not on the list or a value it cannot take.
    """
    if options is None:
        return {}
    if not isinstance(options, Mapping):
        raise InputError("its engine options must be a dict")
    checked: dict[str, Any] = {}
    for name, value in options.items():
        if not isinstance(name, str) or not _valid(name, value):
            raise InputError(f"its engine option {str(name)[:40]!r} cannot be replayed")
        checked[name] = value
    return checked


def _valid(name: str, value: Any) -> bool:
    text = isinstance(value, str)
    if name == "device":
        return text and _DEVICE.fullmatch(value) is not None
    if name == "dtype":
        return value in _DTYPES
    if name == "revision":
        return text and _REVISION.fullmatch(value) is not None
    if name == "inpaint_model":
        return text and 0 < len(value) <= 300 and value.isprintable()
    if name == "offload":
        return value is True or value == "sequential"
    if name == "grounding":
        return value in GROUNDINGS
    if name == "scheduler":
        try:
            return check_scheduler(value) is not None
        except InputError:
            return False
    if name == "variant":
        return text and _VARIANT.fullmatch(value) is not None
    if name == "use_safetensors":
        return isinstance(value, bool)
    return _COMPONENT.fullmatch(name) is not None and value is None
