"""A history as code (see :meth:`.history.History.to_code`).

The code for a turn is an ``ImageChat.send`` with its prompt, seed, settings
and mask (masks as short text, :func:`.masktext.mask_to_text`); a plan edited
before drawing or re-laid out by fix becomes ``generate`` of that plan; an
outpainting turn becomes ``outpaint``; a branch becomes ``checkout`` of the turn it
starts from; a loaded picture becomes ``load`` of a PNG saved next to the notebook.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .fields import KEPT_MODES, PLANNED_SOURCES, TurnFields
from .masktext import mask_to_text

__all__ = ["history_to_code", "turn_cells"]

_HEADER = "from jupyter_imagechat import ImageChat\n"
_MASK_IMPORT = "from jupyter_imagechat.replay import mask_from_text\n"


def turn_cells(
    turns: Sequence[TurnFields], *, name: str = "chat", image_dir: str = "."
) -> list[str]:
    """Return one code snippet per turn; together they redo ``turns`` in order.

    The first snippet imports and creates the chat. ``turns`` must list parents
    before children (a history's order, or one branch).
    """
    if not name.isidentifier():
        raise ValueError(f"name must be a Python identifier, got {name!r}")
    cells: list[str] = []
    ids: dict[str, str] = {}  # recorded id -> id when the code runs
    head: str | None = None
    drawn = [t for t in turns if t.mode not in KEPT_MODES]
    for position, turn in enumerate(turns):
        lines: list[str] = []
        if position == 0:
            lines.append(_HEADER.rstrip("\n"))
            if any(t.metadata.get("source") in PLANNED_SOURCES for t in turns):
                lines.append("from jupyter_imagechat import SceneGraph")
            if any(t.mask is not None for t in turns):
                lines.append(_MASK_IMPORT.rstrip("\n"))
            lines.append("")
            lines.append(f"{name} = ImageChat({_engine_args(drawn[0] if drawn else turn)})")
        if turn.parent is not None and turn.parent in ids and ids[turn.parent] != head:
            lines.append(f"{name}.checkout({ids[turn.parent]!r})  # branch from this turn")
        if turn.mode in KEPT_MODES:
            png = f"{image_dir.rstrip('/')}/{turn.id}.png" if image_dir != "." else f"{turn.id}.png"
            what = "loaded" if turn.mode == "load" else "kept from a stopped turn"
            lines.append(f"{name}.load({png!r})  # the picture {what} at turn {turn.id}")
        elif turn.mode == "outpaint":
            margins = turn.settings.get("outpaint", {})
            args = [f"{k}={int(v)}" for k, v in margins.items() if v]
            if turn.prompt:
                args.append(f"prompt={turn.prompt!r}")
            args.append(f"seed={turn.seed}")
            rest = {k: v for k, v in turn.settings.items() if k != "outpaint"}
            if rest:
                args.append(f"settings={rest!r}")
            lines.append(f"{name}.outpaint({', '.join(args)})")
        elif turn.metadata.get("source") in PLANNED_SOURCES and turn.scene is not None:
            # drawn from an edited or fixed plan: redraw that plan, not the prompt's
            if turn.mask is not None:
                lines.append(f"{name}.mask = mask_from_text({mask_to_text(turn.mask)!r})")
            plan = json.dumps(turn.scene.to_dict(), separators=(",", ":"))
            args = [f"SceneGraph.from_json({plan!r})", f"seed={turn.seed}"]
            if turn.settings:
                args.append(f"settings={turn.settings!r}")
            args.append(f"edit={turn.mode != 'text2img'}")
            lines.append(f"{name}.generate({', '.join(args)})  # {turn.prompt[:60]!r}")
        else:
            args = [repr(turn.prompt), f"seed={turn.seed}"]
            if turn.settings:
                args.append(f"settings={turn.settings!r}")
            if turn.mask is not None:
                args.append(f"mask=mask_from_text({mask_to_text(turn.mask)!r})")
            lines.append(f"{name}.send({', '.join(args)})")
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


def _engine_args(turn: TurnFields) -> str:
    if turn.engine in ("builtin", "load"):
        return ""
    args = [f"engine={turn.engine!r}"]
    model = turn.metadata.get("model") or turn.model  # the turn's model may be a revision
    if model:
        args.append(f"model={model!r}")
    return ", ".join(args)
