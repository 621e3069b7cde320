"""A history as code (see :meth:`.history.History.to_code`).

The code for a turn is an ``ImageChat.send`` with its prompt, seed, settings
and mask (masks as short text, :func:`.masktext.mask_to_text`); a plan edited
before drawing or re-laid out by fix becomes ``generate`` of that plan; an
outpainting turn becomes ``outpaint``; a branch becomes ``checkout`` of the turn it
starts from; a loaded picture becomes ``load`` of a PNG saved next to the notebook.
The chat is made with the engine, model and engine options of the first drawn turn (a
diffusers turn's ``metadata["engine_options"]``: dtype, revision, grounding, scheduler...;
see :mod:`..engines.diffusers.options`), so the code rebuilds the same engine; a later turn
drawn with other options is named in a comment. Turns a language model planned
(``metadata["planner"]``) make the chat with that planner (its name, model and base URL;
the key comes from the environment, as it did) and are redone as ``generate`` of the
recorded plan, so running the code draws the same pictures without asking the model again.

Turns may come from notebooks and folders anyone can edit, and people run the code this
writes. So it is built from checked values only: the turn's mode from an allow-list
(:data:`.fields.MODES`), its id and parent as turn ids, the outpainting margins by the
names in :data:`.fields.OUTPAINT_SIDES`, the engine options through an allow-list with
each value checked (:func:`~..engines.diffusers.options.replay_options`), the planner's
name from an allow-list and its model and base URL checked (:func:`_planner_arg`), and every other
value written by :func:`literal`, which writes plain data (text, numbers, true/false, None,
lists and dicts of those) and nothing else: no text of a record is ever code.
"""

from __future__ import annotations

import json
import keyword
import math
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from ..engines.diffusers.options import replay_options, split_revision
from ..errors import InputError
from .fields import KEPT_MODES, MODES, OUTPAINT_SIDES, PLANNED_SOURCES, TurnFields
from .masktext import mask_to_text
from .records import TURN_ID

__all__ = ["history_to_code", "literal", "turn_cells"]

_HEADER = "from jupyter_imagechat import ImageChat\n"
_MASK_IMPORT = "from jupyter_imagechat.replay import mask_from_text\n"


def literal(value: Any, *, depth: int = 8) -> str:
    """Return Python source that builds ``value``: text, a whole or real number, True,
    False, None, or a list, tuple or dict (with text keys) of those.

    The base types' own ``repr`` is used, so a subclass cannot change what is written.

    Raises
    ------
    ValueError
        For anything else (or nesting deeper than ``depth``).
    """
    if value is None or isinstance(value, bool):
        return "True" if value is True else "False" if value is False else "None"
    if isinstance(value, str):
        return str.__repr__(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        text = float.__repr__(value)
        return text if math.isfinite(value) else f"float({text!r})"
    if depth > 0 and isinstance(value, (list, tuple)):
        items = [literal(v, depth=depth - 1) for v in value]
        if isinstance(value, tuple):
            return f"({', '.join(items)}{',' if len(items) == 1 else ''})"
        return f"[{', '.join(items)}]"
    if depth > 0 and isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise ValueError("a dict written as code must have text keys")
        pairs = (f"{literal(k)}: {literal(v, depth=depth - 1)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and not isinstance(value, (list, tuple, dict)):
        plain = item()
        if isinstance(plain, (bool, int, float, str)):
            return literal(plain)
    raise ValueError(f"cannot write a {type(value).__name__} as code")


def turn_cells(
    turns: Sequence[TurnFields], *, name: str = "chat", image_dir: str = "."
) -> list[str]:
    """Return one code snippet per turn; together they redo ``turns`` in order.

    The first snippet imports and creates the chat. ``turns`` must list parents
    before children (a history's order, or one branch).

    Raises
    ------
    InputError
        For a turn whose id, parent, mode or settings cannot be written as code.
    """
    if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
        raise InputError(f"name must be a Python identifier, got {name!r}")
    cells: list[str] = []
    ids: dict[str, str] = {}  # recorded id -> id when the code runs
    head: str | None = None
    drawn = [t for t in turns if t.mode not in KEPT_MODES]
    for position, turn in enumerate(turns):
        _check(turn)
        lines: list[str] = []
        if position == 0:
            lines.append(_HEADER.rstrip("\n"))
            planner = _planner_arg(turns)
            if "create_planner(" in planner:
                lines.append("from jupyter_imagechat.planner import create_planner")
            if any(_from_plan(t) for t in turns):
                lines.append("from jupyter_imagechat import SceneGraph")
            if any(t.mask is not None for t in turns):
                lines.append(_MASK_IMPORT.rstrip("\n"))
            lines.append("")
            first = drawn[0] if drawn else turn
            chat_args = ", ".join(a for a in (_engine_args(first), planner) if a)
            lines.append(f"{name} = ImageChat({chat_args})")
            left_out = _left_out(first)
            if left_out is not None:
                lines.append(left_out)
        elif drawn and turn.mode not in KEPT_MODES:
            changed = _changed_options(drawn[0], turn)
            if changed:
                lines.append(
                    f"# {turn.id} was drawn with {changed}: this code draws it with the chat's"
                )
        if turn.parent is not None and turn.parent in ids and ids[turn.parent] != head:
            lines.append(f"{name}.checkout({literal(ids[turn.parent])})  # branch from this turn")
        try:
            lines.append(_call(turn, name, image_dir))
        except ValueError as exc:
            raise InputError(f"turn {turn.id} cannot be written as code: {exc}") from None
        cells.append("\n".join(lines))
        head = ids[turn.id] = f"t{position + 1}"
    return cells


def history_to_code(
    turns: Sequence[TurnFields], *, name: str = "chat", image_dir: str = "."
) -> str:
    """Return a script that redoes ``turns`` (see :meth:`History.to_code`)."""
    if not turns:
        return f"{_HEADER}\n{name} = ImageChat()\n"
    cells = turn_cells(turns, name=name, image_dir=image_dir)
    parts = [f"# {t.id}: {t.mode}\n{cell}" for t, cell in zip(turns, cells, strict=True)]
    return "\n\n".join(parts) + f"\n{name}.image\n"


def _check(turn: TurnFields) -> None:
    """Raise InputError unless the turn's id, parent and mode may appear in code."""
    for what, value in (("id", turn.id), ("parent", turn.parent)):
        if (value is not None or what == "id") and not (
            isinstance(value, str) and TURN_ID.match(value)
        ):
            raise InputError(f"a turn's {what} must be a turn id such as 't3', got {value!r}")
    if not isinstance(turn.mode, str) or turn.mode not in MODES:
        raise InputError(f"turn {turn.id}'s mode must be one of {', '.join(MODES)}")


def _call(turn: TurnFields, name: str, image_dir: str) -> str:
    """The line that redoes ``turn`` (its values written with :func:`literal`)."""
    seed = turn.seed
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"its seed is not a whole number: {type(seed).__name__}")
    if turn.mode in KEPT_MODES:
        png = f"{image_dir.rstrip('/')}/{turn.id}.png" if image_dir != "." else f"{turn.id}.png"
        what = "loaded" if turn.mode == "load" else "kept from a stopped turn"
        return f"{name}.load({literal(png)})  # the picture {what} at turn {turn.id}"
    settings = dict(turn.settings)
    if turn.mode == "outpaint":
        margins = settings.pop("outpaint", {})
        if not isinstance(margins, dict) or not set(margins) <= set(OUTPAINT_SIDES):
            raise ValueError(f"its margins must name only {', '.join(OUTPAINT_SIDES)}")
        args = [f"{side}={literal(margins[side])}" for side in OUTPAINT_SIDES if margins.get(side)]
        if turn.prompt:
            args.append(f"prompt={literal(turn.prompt)}")
        args.append(f"seed={literal(seed)}")
        if settings:
            args.append(f"settings={literal(settings)}")
        return f"{name}.outpaint({', '.join(args)})"
    mask = f"mask_from_text({literal(mask_to_text(turn.mask))})" if turn.mask is not None else None
    if _from_plan(turn) and turn.scene is not None:
        # drawn from an edited or fixed plan, or one a language model made: redraw that plan
        plan = json.dumps(turn.scene.to_dict(), separators=(",", ":"))
        args = [f"SceneGraph.from_json({literal(plan)})", f"seed={literal(seed)}"]
        if settings:
            args.append(f"settings={literal(settings)}")
        args.append(f"edit={turn.mode != 'text2img'}")
        call = f"{name}.generate({', '.join(args)})  # {literal(turn.prompt[:60])}"
        return call if mask is None else f"{name}.mask = {mask}\n{call}"
    args = [literal(turn.prompt), f"seed={literal(seed)}"]
    if settings:
        args.append(f"settings={literal(settings)}")
    if mask is not None:
        args.append(f"mask={mask}")
    if isinstance(turn.metadata.get("new"), bool):  # the answer to "change it or a new one?"
        args.append(f"new={turn.metadata['new']!r}")
    return f"{name}.send({', '.join(args)})"


def _from_plan(turn: TurnFields) -> bool:
    """Whether the code redoes ``turn`` from its recorded plan: a plan edited or fixed, or
    one a language model made from the prompt (asking it again may answer otherwise)."""
    return turn.metadata.get("source") in PLANNED_SOURCES or "planner" in turn.metadata


_PLANNERS = ("openai", "transformers")
_MAX_PLANNER_TEXT = 512


def _planner_arg(turns: Sequence[TurnFields]) -> str:
    """``ImageChat``'s ``planner=`` argument for the planner of the first turn a language
    model planned (``metadata["planner"]``), or ``""`` (the rules planner).

    Raises
    ------
    InputError
        For a record whose name is not one of :data:`_PLANNERS`, or whose model or base URL
        is not plain text (an http(s) address without credentials, query or fragment).
    """
    turn = next((t for t in turns if "planner" in t.metadata), None)
    if turn is None:
        return ""
    record = turn.metadata["planner"]
    bad = f"turn {turn.id} cannot be written as code: its planner record"
    if not isinstance(record, dict) or record.get("name") not in _PLANNERS:
        raise InputError(f"{bad} must name one of {', '.join(_PLANNERS)}")
    model, base_url = record.get("model"), record.get("base_url")
    for what, text in (("model", model), ("base_url", base_url)):
        if text is not None and not (
            isinstance(text, str) and 0 < len(text) <= _MAX_PLANNER_TEXT and text.isprintable()
        ):
            raise InputError(f"{bad}'s {what} must be a line of text")
    if record["name"] == "transformers":
        if model is None:
            raise InputError(f"{bad} must name the model")
        return f"planner={literal('transformers:' + model)}"
    if base_url is not None:
        parts = urlsplit(base_url)
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or "@" in parts.netloc
            or parts.query
            or parts.fragment
            or any(c.isspace() for c in base_url)
        ):
            raise InputError(f"{bad}'s base_url must be an http(s) address without credentials")
    options = [f"{k}={literal(v)}" for k, v in (("base_url", base_url), ("model", model)) if v]
    return f"planner=create_planner({', '.join([literal('openai'), *options])})"


def _engine_args(turn: TurnFields) -> str:
    """``ImageChat``'s arguments that rebuild the engine that drew ``turn``.

    A diffusers turn's ``metadata["engine_options"]`` (dtype, revision, grounding,
    scheduler...; see :mod:`..engines.diffusers.options`) pass an allow-list, each value
    checked, or the turn is refused.
    """
    if turn.engine in ("builtin", "load"):
        return ""
    args = [f"engine={literal(str(turn.engine))}"]
    model = turn.metadata.get("model") or turn.model  # the turn's model may be a revision
    options: dict[str, Any] = {}
    if isinstance(model, str) and model:
        model, commit = split_revision(model)
        args.append(f"model={literal(model)}")
        if commit is not None:
            options["revision"] = commit
    options.update(_options(turn))
    try:
        args += [f"{name}={literal(value)}" for name, value in options.items()]
    except ValueError as exc:
        raise InputError(f"turn {turn.id} cannot be written as code: {exc}") from None
    return ", ".join(args)


def _options(turn: TurnFields) -> dict[str, Any]:
    if turn.engine != "diffusers":
        return {}
    try:
        return replay_options(turn.metadata.get("engine_options"))
    except InputError as exc:
        raise InputError(f"turn {turn.id} cannot be written as code: {exc}") from None


def _changed_options(first: TurnFields, turn: TurnFields) -> str:
    """What ``turn`` was drawn with that differs from the chat's engine (``first``'s)."""
    if turn.engine != first.engine:
        return "another engine"
    ours, theirs = _options(first), _options(turn)
    names = sorted(n for n in ours.keys() | theirs.keys() if ours.get(n) != theirs.get(n))
    return f"other engine options ({', '.join(names)})" if names else ""


def _left_out(turn: TurnFields) -> str | None:
    """A comment naming the engine options the code cannot rebuild, if any."""
    names = turn.metadata.get("engine_options_left_out")
    if not isinstance(names, list):
        return None
    shown = [n for n in names if isinstance(n, str) and n.isidentifier()][:8]
    if not shown:
        return None
    return f"# not rebuilt by this code (not plain values): {', '.join(shown)}"
