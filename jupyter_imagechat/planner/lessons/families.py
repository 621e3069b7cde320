"""Lesson pictures of any things a teacher names: a chart of counts ("a tally chart of
favourite fruits", "a bar graph of pets in our class"), things sorted into named sets
("mammals, birds and fish sorted into groups", "living and non-living things") and a Venn
diagram of two sets ("a venn diagram of cats and dogs").

These are recipe families: one recipe that takes its sets as an argument. A set is a name
of ``data/lessons.json``'s ``sets`` ("fruit": an apple, a banana, an orange, a pear...) or a
thing the planner knows ("cats"). :func:`chart_of_sets` and :func:`sorted_into_sets` return
the scene, the chat's notes and the token positions they read, or None when the prompt
names no such picture.
"""

from __future__ import annotations

from ...scene import Arrangement, Entity, Label, Panel, SceneGraph
from .. import lexicon as lx
from .words import FILLER, FUNCTION_WORDS, SAME_AS, SETS

__all__ = [
    "Found", "Named", "chart_of_sets", "find_sets", "leave_out_sets", "sorted_into_sets",
    "unknown_layers",
]  # fmt: skip

Found = tuple[SceneGraph, list[str], set[int]]
"""A family's scene, the notes to say and the positions of the tokens it read."""

EXAMPLE_COUNTS = (5, 3, 6, 2, 4)
"""The counts a chart shows when the prompt gives none (the chat says they are made up)."""
_PER_SET, _PER_CHART, _MAX_SETS = 3, 4, 5
_GROUPING = frozenset(("group", "venn", "set"))
_FAMILY_FILLER = frozenset(
    lx.words("thing things object objects item items into sorted activity task game exercise")
)
_SORTED_INTO = frozenset(("into", ":"))
_JOINS = frozenset(("and", ",", "or", "&", "vs", "versus", "/"))


def _word(token: str) -> str:
    one = lx.singular(token)
    if one == token and token.endswith("s") and (token[:-1],) in SETS:
        one = token[:-1]  # "sports": "sport", though "sports" is a word of its own
    return SAME_AS.get(token, SAME_AS.get(one, one))


Named = tuple[str, list[str], set[int], bool]
"""A set named in a prompt: its title as typed, its things, its token positions, and
whether it is a set of the data (not a thing named as its own set)."""


def find_sets(tokens: list[str]) -> list[Named]:
    """The sets ``tokens`` name, in order: each its title as typed ("farm animals",
    "non-magnetic"), the things drawn for it, the positions of its words and whether it
    is a set of the data. A thing the planner knows is a set of itself ("cats": a cat).
    Sets named before "into" or a colon are what is sorted, not the sets sorted into
    ("sort the shapes into triangles and squares")."""
    out: list[Named] = []
    i = 0
    while i < len(tokens):
        words = tokens[i].replace("-", " ").split()
        if words[:1] in (["non"], ["not"]) and len(words) > 1:
            words = ["not", *words[1:]]
        pair = [_word(w) for w in words]
        nxt = _word(tokens[i + 1]) if i + 1 < len(tokens) else ""
        found = _set_at(pair, nxt)
        if found is not None:
            key, size = found
            title = " ".join(tokens[i : i + size])
            out.append((title, list(SETS[key]), set(range(i, i + size)), True))
            i += size
            continue
        noun = lx.SYNONYMS.get(pair[-1], pair[-1]) if len(pair) == 1 else ""
        if noun in lx.KNOWN_NOUNS and noun not in FILLER and noun not in _FAMILY_FILLER:
            out.append((tokens[i], [noun], {i}, False))
        if tokens[i] in _SORTED_INTO and len(out) == 1:
            out = []  # what is sorted: the sets follow
        i += 1
    return out


def leave_out_sets(scene: SceneGraph) -> None:
    """Drop the things of ``scene`` that its "no ..." leaves out by their set ("farm
    animals but no pigs"), and its labels when it asks for none ("without labels")."""
    left_out = {str(e["name"]) for e in scene.exclude if len(e) == 1}
    if left_out & {"label", "name", "word"}:  # "a volcano without labels": none written
        scene.labels = []
    heads = {_word(name) for name in left_out}  # "animals": farm, zoo and sea animals too
    kinds = {m for key, members in SETS.items() if key[-1] in heads for m in members}
    kinds |= left_out
    kept = [e for e in scene.entities if e.name not in kinds]
    if len(kept) < len(scene.entities):
        scene.entities = kept
        scene.drop_missing()


def _set_at(words: list[str], after: str) -> tuple[tuple[str, ...], int] | None:
    """The set named by a token's ``words`` (and maybe the next token's word ``after``:
    "farm animals", "not magnetic") and how many tokens name it."""
    if after and (*words, after) in SETS:
        return (*words, after), 2
    if tuple(words) in SETS:
        return tuple(words), 1
    return None


def _content(tokens: list[str], used: set[int]) -> list[int]:
    """Positions of words that are neither the sets' nor framing words."""
    skip = FUNCTION_WORDS | FILLER | _FAMILY_FILLER | _JOINS | _GROUPING
    return [
        i
        for i, t in enumerate(tokens)
        if i not in used and t[:1].isalnum() and t not in skip and _word(t) not in skip
        and not (t.isdigit() or t in lx.NUMBER_WORDS)
    ]  # fmt: skip


def chart_of_sets(tokens: list[str]) -> Found | None:
    """A chart of counts of the sets ``tokens`` name (what is left of "a tally chart of
    favourite fruits" once the chart's words are taken): the things of one set ("fruits":
    apples, bananas, oranges, pears) or each thing named ("cats, dogs and fish"), in rows
    of made-up counts, each with its name; the note says the counts are examples."""
    sets = find_sets(tokens)
    if not sets:
        return None
    named = [s[1] for s in sets if s[3]] or [s[1] for s in sets]  # "pets in our class"
    members = named[0] if len(named) == 1 else [m for s in named for m in s[: 3 - len(named) // 3]]
    members = list(dict.fromkeys(members))[: _PER_CHART + 1]
    scene = SceneGraph()
    for k, noun in enumerate(members):
        eid = scene.new_id()
        scene.entities.append(Entity(eid, noun, EXAMPLE_COUNTS[k % len(EXAMPLE_COUNTS)]))
    scene.arrangements.append(Arrangement("pictogram", [e.id for e in scene.entities]))
    shown = ", ".join(f"{e.name} {e.count}" for e in scene.entities)
    note = (
        f"I made up the counts ({shown}): type your own to chart them, "
        f"e.g. 'a pictogram of {members[0]} 4, {members[-1]} 7'."
    )
    return scene, [note], set(range(len(tokens)))


def sorted_into_sets(tokens: list[str]) -> Found | None:
    """Things sorted into the sets ``tokens`` name, a framed panel each with its title and
    its things named: asked for by "sorted", "grouped", "classified", "a venn diagram", or
    by two or more sets that are not things themselves ("mammals, birds and fish").
    A Venn diagram is drawn as its two sets side by side, and the note says so."""
    words = {_word(t) for k, t in enumerate(tokens) if tokens[k + 1 : k + 2] != ["of"]}
    sets = find_sets(tokens)
    used = {i for s in sets for i in s[2]}
    venn = "venn" in words
    cued = venn or bool(words & _GROUPING)
    first = min(min(s[2]) for s in sets) if sets else 0
    before = [i for i in range(first) if tokens[i] in _SORTED_INTO]
    if len(sets) < 2 or [i for i in _content(tokens, used) if not before or i > before[-1]]:
        return None  # what comes before "into" is what is sorted
    if not venn and any(s[3] for s in sets) and not all(s[3] for s in sets):
        return None  # "children sorting toys": people and a set, not two sets
    if not cued and not (
        all(s[3] for s in sets)  # "a bowl of fruit" is a bowl
        and any(_word(s[0]) not in lx.KNOWN_NOUNS for s in sets)  # "birds and fish": things
    ):
        return None
    scene = SceneGraph()
    each = _PER_SET if len(sets) == 2 else _PER_SET - 1
    for title, members, _, of_data in sets[:_MAX_SETS]:
        ids = []
        for noun in members[:each] if len(members) > 1 else members * 2:
            ids.append(scene.new_id())
            scene.entities.append(Entity(ids[-1], noun))
            if of_data:
                scene.labels.append(Label(noun, ids[-1], 0, (0.5, 0.5)))
        scene.panels.append(Panel(f"p{len(scene.panels) + 1}", ids, title))
    scene.arrangements.append(Arrangement("row", [p.id for p in scene.panels]))
    notes = []
    if venn:
        names = " and ".join(s[0] for s in sets[:2])
        notes.append(
            f"I can't draw the overlapping circles of a Venn diagram yet, so I drew {names} "
            "side by side: tell me what belongs in both and I'll add it to each."
        )
    return scene, notes, set(range(len(tokens)))


_LAYERS = frozenset(("layer", "layers"))
_SUBJECT_ENDS = frozenset(("for", "with", "and", "in", "on", "at", "to", "please"))


def unknown_layers(tokens: list[str], topic_ids: list[str]) -> tuple[list[str], str] | None:
    """Read "the layers of the atmosphere" when no topic has those layers: ``tokens``
    without "layers of" (no thing is drawn for "layers") and the note saying so, with the
    layers it can draw; None when ``tokens`` ask for no layers of a subject."""
    at = next(
        (i for i, t in enumerate(tokens[:-2]) if t in _LAYERS and tokens[i + 1] == "of"), None
    )
    if at is None:
        return None
    subject = []
    for token in tokens[at + 2 :]:
        if token in _SUBJECT_ENDS or not token[:1].isalnum():
            break
        subject.append(token)
    if not any(t[:1].isalpha() for t in subject):
        return None
    known = [t for t in topic_ids if t.startswith("layers of")]
    offer = f" I can draw {' or '.join('the ' + t for t in known)} instead." if known else ""
    note = f"I don't know the layers of {' '.join(subject)} as a lesson topic, so I drew no layers."
    asked = [t for t in tokens[:at] if t not in FILLER]  # "what are the": not things
    return asked + tokens[at + 2 :], note + offer
