"""Places that point at a region of a drawn picture ("in the masked part", "inside the
selected area", "in the selection"), typed for a new picture where no region is chosen yet.

They are never things: :func:`drop_canvas_regions` takes them out of a new picture's
tokens and says in the chat that the thing was placed where it fits.
"""

from __future__ import annotations

from . import lexicon as lx

__all__ = ["drop_canvas_regions"]

_PLACE_WORDS = frozenset(lx.words("in into inside within on over onto at to"))
_CHOSEN = frozenset(
    lx.words("masked selected highlighted marked painted chosen circled shaded outlined erased")
)
_REGIONS = frozenset(
    lx.words("part parts area areas region regions bit spot zone section space patch place")
)
_WHOLE = frozenset(lx.words("selection"))  # not "mask": "a man in the mask"


def _region_end(tokens: list[str], i: int) -> int:
    """The end of a region phrase starting at ``i`` ("the masked part"), or ``i``."""
    j = i + 1 if tokens[i : i + 1] in (["the"], ["my"], ["this"], ["that"]) else i
    if tokens[j : j + 1] and tokens[j] in _WHOLE:
        return j + 1  # "the mask", "the selection"
    if tokens[j : j + 1] and tokens[j] in _CHOSEN:
        if tokens[j + 1 : j + 2] and tokens[j + 1] in _REGIONS:
            return j + 2
        return j + 1 if j > i else i  # "the masked", not a bare "masked"
    return i


def drop_canvas_regions(tokens: list[str]) -> tuple[list[str], str | None]:
    """Return ``tokens`` without their region phrases ("in the masked part") and the note
    to say, or ``tokens`` and None when they name no region of a drawn picture."""
    out: list[str] = []
    found = False
    i = 0
    while i < len(tokens):
        if tokens[i] in _PLACE_WORDS and i + 1 < len(tokens):
            end = _region_end(tokens, i + 1)
            if end > i + 1:
                found, i = True, end
                continue
        out.append(tokens[i])
        i += 1
    if not found:
        return tokens, None
    note = (
        "There is no masked or selected area in a new picture, so I placed everything "
        "where it fits: draw the picture first, then mask an area and ask again to put "
        "something there."
    )
    return out, note
