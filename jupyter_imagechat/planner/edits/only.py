"""Two short follow-ups that say much: "only circles" and "a dog instead".

- "only circles", "just the cats", "nothing but the dog", "keep only the cat": every
  other thing goes;
- "a dog instead", "actually a dog", "what about a dog instead", "rather a rabbit": a
  description of one thing, said as a correction, replaces the thing of its kind (an
  animal for an animal, a person for a person) or, failing that, the thing in focus.
"""

from __future__ import annotations

from ...scene import SceneGraph
from .. import lexicon as lx
from ..items import Extras
from ..links import ANIMALS
from ..phrases import scan
from ..text import PlanError
from .make import rename
from .refs import it_means
from .targets import find_targets

ONLY = (("only",), ("just",), ("nothing", "but"), ("keep", "only"), ("keep", "just"),
        ("only", "keep"), ("leave", "only"), ("leave", "just"))  # fmt: skip
"""Openings that keep what they name and remove the rest."""
CORRECTING = frozenset(lx.words("instead actually rather"))
"""Words that make a lone description a correction of the picture ("a dog instead")."""


def keep_only(tokens: list[str], scene: SceneGraph) -> bool:
    """Apply "only circles" (``tokens`` after the polite lead) in place; False when
    ``tokens`` say something else."""
    size = next((len(o) for o in ONLY if tuple(tokens[: len(o)]) == o), 0)
    rest = tokens[size:]
    if not size or not rest or rest[0] in lx.NUMBER_WORDS or rest[0].isdigit() or rest[0] == "a":
        return False
    words = (
        rest
        if rest[0] in ("the", "this", "that", "these", "those", "it", "them")
        else ["the", *rest]
    )
    try:
        target = find_targets(words, scene)
    except PlanError:
        return False
    if target.what not in ("entities", "it") or target.end != len(words) or not target.ids:
        return False
    keep = set(target.ids)
    scene.entities = [e for e in scene.entities if e.id in keep]
    return True


def replace_in_focus(body: list[str], tokens: list[str], scene: SceneGraph) -> bool:
    """Apply "a dog instead" / "actually a dog" in place; False when the follow-up is no such
    correction (``tokens`` is the whole command, ``body`` it after the polite lead)."""
    if not CORRECTING & set(tokens) and tokens[:2] not in (["what", "about"], ["how", "about"]):
        return False
    words = [w for w in body if w not in CORRECTING and w not in ("what", "about", "how")]
    items = scan(words, Extras())
    nps = [it for it in items if it.kind == "NP" and it.np is not None and not it.np.pronoun]
    if len(items) != len(nps) or len(nps) != 1 or nps[0].np is None:
        return False
    np = nps[0].np
    if any(e.name == np.name for e in scene.entities):
        return False  # "the cat instead": a thing that is there
    ids = _same_kind(scene, np.name) or it_means(scene)
    if not ids:
        return False
    rename(scene.entity(ids[-1]), np)
    return True


def _same_kind(scene: SceneGraph, name: str) -> list[str]:
    def kind(noun: str) -> str:
        return "animal" if noun in ANIMALS else "person" if noun == "person" else ""

    want = kind(name)
    if not want:
        return []
    focus = [e.id for e in scene.entities if e.id == scene.focus and kind(e.name) == want]
    return focus or [e.id for e in scene.entities if kind(e.name) == want]
