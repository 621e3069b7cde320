"""A history as code (see :meth:`.history.History.to_code`).

The code for a turn is an ``ImageChat.send`` with its prompt, seed, settings
and mask (masks as short text, :func:`.masktext.mask_to_text`); a plan edited
before drawing or re-laid out by fix becomes ``generate`` of that plan; an
outpainting turn becomes ``outpaint``; a branch becomes ``checkout`` of the turn it
starts from; a loaded picture becomes ``load`` of a PNG saved next to the notebook.
The chat is made with the engine, model and engine options of the first drawn turn (a
diffusers turn's ``metadata["engine_options"]``: dtype, revision, grounding, scheduler...;
see :mod:`..engines.diffusers.options`), so the code rebuilds the same engine; a later turn
drawn with other options is named in a comment.

Turns may come from notebooks and folders anyone can edit, and people run the code this
writes. So it is built from checked values only: the turn's mode from an allow-list
(:data:`.fields.MODES`), its id and parent as turn ids, the outpainting margins by the
names in :data:`.fields.OUTPAINT_SIDES`, the engine options through an allow-list with
each value checked (:func:`~..engines.diffusers.options.replay_options`), and every other
value written by :func:`literal`, which writes plain data (text, numbers, true/false, None,
lists and dicts of those) and nothing else: no text of a record is ever code.
"""

from __future__ import annotations

import json
import keyword
import math
from collections.abc import Sequence
from typing import Any

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
    if not name.isidentifier() or keyword.iskeyword(name):
        raise ValueError(f"name must be a Python identifier, got {name!r}")
    cells: list[str] = []
    ids: dict[str, str] = {}  # recorded id -> id when the code runs
    head: str | None = None
    drawn = [t for t in turns if t.mode not in KEPT_MODES]
    for position, turn in enumerate(turns):
        _check(turn)
        lines: list[str] = []
        if position == 0:
            lines.append(_HEADER.rstrip("\n"))
            if any(t.metadata.get("source") in PLANNED_SOURCES for t in turns):
                lines.append("from jupyter_imagechat import SceneGraph")
            if any(t.mask is not None for t in turns):
                lines.append(_MASK_IMPORT.rstrip("\n"))
            lines.append("")
            first = drawn[0] if drawn else turn
            lines.append(f"{name} = ImageChat({_engine_args(first)})")
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
    if turn.metadata.get("source") in PLANNED_SOURCES and turn.scene is not None:
        # drawn from an edited or fixed plan: redraw that plan, not the prompt's
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
