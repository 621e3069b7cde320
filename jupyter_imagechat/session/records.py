"""Turn records from outside, checked field by field: notebooks and autosave folders.

A turn's record (``Turn.to_record``) comes back from files anyone can edit: a notebook
shared by email, an autosave folder copied between machines. :func:`turn_fields` checks
every field of one and returns what :class:`~.turn.Turn` is built from, or raises
:class:`~jupyter_imagechat.errors.InputError` naming the record and the field ("turn
record 't3': 'seed' must be a whole number from 0 to 2**32 - 1, got 'x'"). Texts are made
valid (:mod:`jupyter_imagechat.scene.text`), ids and parents must be turn ids (they become
file names), modes come from :data:`.fields.MODES` and settings from
:func:`check_settings`: what exported code is built from (:mod:`.code`) is checked here.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from typing import Any

from ..checker import SATISFIED, UNKNOWN, VIOLATED, Finding, Verdict
from ..engines.base import DrawnObject
from ..errors import InputError
from ..scene import SceneError, SceneGraph
from ..scene.text import clean_data, clean_text
from .fields import MODES

__all__ = [
    "MAX_RECORD_TEXT",
    "MAX_SETTINGS_CHARS",
    "SETTING_NAME",
    "TURN_ID",
    "check_settings",
    "check_turn_id",
    "turn_fields",
]

TURN_ID = re.compile(r"^t[1-9][0-9]{0,8}\Z")
"""A turn's id: ``t1``, ``t2``, ... (it names the turn's files)."""

SETTING_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}\Z")
"""A setting's name: a Python identifier of at most 64 characters (``steps``,
``guidance_scale``); exported code passes settings by these names."""

MAX_SETTINGS_CHARS = 16_000
"""Longest a turn's settings may be, written out."""

MAX_RECORD_TEXT = 10_000
"""Longest prompt, engine or model name, or note a record may hold."""

_MAX_ITEMS = 1000  # notes, findings, objects, items of a setting
_MAX_METADATA_CHARS = 64_000
_STATUSES = (SATISFIED, VIOLATED, UNKNOWN)
_FINDING_TEXTS = tuple(
    f.name
    for f in dataclasses.fields(Finding)
    if f.name not in ("constraint", "status", "reason", "entities") and f.type in ("str", str)
)


def check_turn_id(value: Any, what: str = "a turn id") -> str:
    """Return ``value`` if it is a turn id (``t1``, ``t2``...), else raise InputError."""
    if not isinstance(value, str) or not TURN_ID.match(value):
        raise InputError(f"{what} must be a turn id such as 't3', got {_short(value)}")
    return value


def check_settings(settings: Any, where: str = "settings") -> dict[str, Any]:
    """Return a copy of ``settings`` (``{}`` for None) with its texts made valid.

    Settings are named by identifiers (:data:`SETTING_NAME`) and hold what JSON holds:
    text, whole or finite numbers, true/false, null, and lists and dicts of those (at most
    4 deep and :data:`MAX_SETTINGS_CHARS` characters in all).

    Raises
    ------
    InputError
        Naming the setting that is not such a value.
    """
    if settings is None:
        return {}
    if not isinstance(settings, dict):
        raise InputError(f"{where} must be a dict, got {type(settings).__name__}")
    checked: dict[str, Any] = {}
    for name, value in settings.items():
        if not isinstance(name, str) or not SETTING_NAME.match(name):
            raise InputError(
                f"the names in {where} must be Python identifiers of at most 64 characters, "
                f"got {_short(name)}"
            )
        checked[name] = _setting(value, f"{where}[{name!r}]", depth=4)
    if len(repr(checked)) > MAX_SETTINGS_CHARS:
        raise InputError(f"{where} are too long; the limit is {MAX_SETTINGS_CHARS:,} characters")
    return checked


def turn_fields(record: Any, where: str = "the turn record") -> dict[str, Any]:
    """Return the checked fields of a turn record, all but its picture and mask.

    Raises
    ------
    InputError
        Naming ``where`` and the field that is missing, of the wrong type or out of range.
    """
    if not isinstance(record, dict):
        raise InputError(f"{where} must be a JSON object, got {type(record).__name__}")
    tid = record.get("id")
    if isinstance(tid, str) and TURN_ID.match(tid) and tid not in where:
        where = f"{where} {tid!r}"
    try:
        return _fields(record)
    except _Bad as bad:
        raise InputError(f"{where}: {bad}") from None
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


class _Bad(Exception):
    """A field of a record that is not what it must be (the message names it)."""


def _fields(record: dict[str, Any]) -> dict[str, Any]:
    mode = record.get("mode")
    if mode not in MODES:
        raise _Bad(f"'mode' must be one of {', '.join(MODES)}, got {_short(mode)}")
    tid = check_turn_id(record.get("id"), "'id'")
    parent = record.get("parent")
    if parent is not None and int(check_turn_id(parent, "'parent'")[1:]) >= int(tid[1:]):
        raise _Bad(f"'parent' must be an earlier turn than {tid}, got {parent!r}")
    verdict = record.get("verdict")
    return {
        "id": tid,
        "parent": parent,
        "prompt": _text(record.get("prompt", ""), "prompt"),
        "mode": mode,
        "scene_before": _scene(record.get("scene_before"), "scene_before"),
        "scene": _scene(record.get("scene"), "scene"),
        "engine": _text(record.get("engine"), "engine", limit=200),
        "model": None if record.get("model") is None else _text(record["model"], "model"),
        "settings": check_settings(record.get("settings"), "'settings'"),
        "seed": _seed(record.get("seed", 0)),
        "verdict": None if verdict is None else _verdict(verdict),
        "objects": [_object(o, i) for i, o in enumerate(_list(record, "objects"))],
        "notes": [_text(n, f"notes[{i}]") for i, n in enumerate(_list(record, "notes"))],
        "timings": _timings(record.get("timings", {})),
        "metadata": _metadata(record.get("metadata", {})),
    }


def _text(value: Any, what: str, *, limit: int = MAX_RECORD_TEXT) -> str:
    if not isinstance(value, str):
        raise _Bad(f"'{what}' must be text, got {_short(value)}")
    if len(value) > limit:
        raise _Bad(f"'{what}' is {len(value):,} characters long; the limit is {limit:,}")
    return clean_text(value)


def _scene(value: Any, what: str) -> SceneGraph | None:
    if value is None:
        return None
    try:
        return SceneGraph.from_dict(clean_data(value))
    except (SceneError, ValueError) as exc:
        raise _Bad(f"'{what}' is not a valid scene graph: {exc}") from None


def _seed(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**32:
        raise _Bad(f"'seed' must be a whole number from 0 to 2**32 - 1, got {_short(value)}")
    return value


def _list(record: dict[str, Any], name: str) -> list[Any]:
    value = record.get(name, [])
    if not isinstance(value, list) or len(value) > _MAX_ITEMS:
        raise _Bad(f"'{name}' must be a list of at most {_MAX_ITEMS:,} items, got {_short(value)}")
    return value


def _verdict(value: Any) -> Verdict:
    findings = value.get("findings") if isinstance(value, dict) else None
    if not isinstance(findings, list) or len(findings) > _MAX_ITEMS:
        raise _Bad(f"'verdict' must be an object with a list of 'findings', got {_short(value)}")
    checked = []
    for i, f in enumerate(findings):
        what = f"verdict.findings[{i}]"
        if not isinstance(f, dict) or f.get("status") not in _STATUSES:
            raise _Bad(f"'{what}' must have a status of {', '.join(_STATUSES)}, got {_short(f)}")
        entities = f.get("entities", [])
        if not isinstance(entities, list) or not all(isinstance(e, str) for e in entities):
            raise _Bad(f"'{what}.entities' must be a list of entity ids, got {_short(entities)}")
        extra = {  # other text fields a finding has (such as its kind)
            name: _text(f[name], f"{what}.{name}", limit=200)
            for name in _FINDING_TEXTS
            if isinstance(f.get(name), str)
        }
        checked.append(
            Finding(
                _text(f.get("constraint"), f"{what}.constraint"),
                f["status"],
                _text(f.get("reason"), f"{what}.reason"),
                tuple(clean_text(e) for e in entities),
                **extra,
            )
        )
    return Verdict(checked)


def _object(value: Any, i: int) -> DrawnObject:
    what = f"objects[{i}]"
    if not isinstance(value, dict):
        raise _Bad(f"'{what}' must be an object, got {_short(value)}")
    index, box, attributes = value.get("index"), value.get("box"), value.get("attributes", {})
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise _Bad(f"'{what}.index' must be a whole number >= 0, got {_short(index)}")
    if not (
        isinstance(box, list)
        and len(box) == 4
        and all(isinstance(v, int) and not isinstance(v, bool) for v in box)
    ):
        raise _Bad(f"'{what}.box' must be 4 whole numbers of pixels, got {_short(box)}")
    if not isinstance(attributes, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in attributes.items()
    ):
        raise _Bad(f"'{what}.attributes' must map words to words, got {_short(attributes)}")
    return DrawnObject(
        _text(value.get("entity"), f"{what}.entity", limit=100),
        index,
        _text(value.get("name"), f"{what}.name", limit=200),
        (box[0], box[1], box[2], box[3]),
        {clean_text(k): clean_text(v) for k, v in attributes.items()},
    )


def _timings(value: Any) -> dict[str, float]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str)
        and isinstance(v, (int, float))
        and not isinstance(v, bool)
        and math.isfinite(v)
        for k, v in value.items()
    ):
        raise _Bad(f"'timings' must map step names to seconds, got {_short(value)}")
    return {clean_text(k): float(v) for k, v in value.items()}


def _metadata(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(f"'metadata' must be an object, got {_short(value)}")
    try:
        cleaned = clean_data(value)
        size = len(json.dumps(cleaned, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise _Bad(f"'metadata' is not JSON data: {exc}") from None
    if size > _MAX_METADATA_CHARS:
        raise _Bad(f"'metadata' is {size:,} characters; the limit is {_MAX_METADATA_CHARS:,}")
    return dict(cleaned)


def _setting(value: Any, where: str, depth: int) -> Any:
    """``value`` as a setting: JSON-like data with valid texts, or an InputError."""
    if getattr(value, "shape", None) == () and hasattr(value, "item"):  # np.int64(3)...
        value = value.item()
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            raise InputError(f"{where} is too large a number")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"{where} must be a finite number, got {value!r}")
        return value
    if isinstance(value, str):
        if len(value) > MAX_SETTINGS_CHARS:
            raise InputError(f"{where} is {len(value):,} characters; the limit is 16,000")
        return clean_text(value)
    if isinstance(value, (list, tuple, dict)) and depth > 0:
        if len(value) > _MAX_ITEMS:
            raise InputError(f"{where} holds {len(value):,} items; the limit is {_MAX_ITEMS:,}")
        if isinstance(value, dict):
            if not all(isinstance(k, str) and len(k) <= 200 for k in value):
                raise InputError(f"the keys of {where} must be text of at most 200 characters")
            return {
                clean_text(k): _setting(v, f"{where}[{k!r}]", depth - 1) for k, v in value.items()
            }
        return [_setting(v, f"{where}[{i}]", depth - 1) for i, v in enumerate(value)]
    raise InputError(
        f"{where} must be text, a number, true/false, null or a list or dict of those "
        f"(at most 4 deep), got {type(value).__name__}"
    )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
