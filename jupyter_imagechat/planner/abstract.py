"""Abstract or grammatical words never become things.

"The world" in "a map of the world" describes the map (a world map), "a flock" in "a flock
of sheep" says how many, "fun" in "children having fun" is what they do, "breakfast" in "a
breakfast of eggs and toast" is when. :func:`rewrite` reads the "of" phrases before the
scan; :func:`settle` takes what is left of such words out of a planned scene, giving
activities to the things that do them.
"""

from __future__ import annotations

from ..scene import SceneGraph
from . import lexicon as lx
from .entity_attrs import add_state
from .lessons.words import ABSTRACT, PICTURE_HOLDERS, STANDS_FOR
from .words import NEVER_THINGS

__all__ = ["rewrite", "settle"]


def rewrite(tokens: list[str], *, people: bool = True) -> list[str]:
    """ "a map of the world" -> "a world map"; "a breakfast of eggs" -> "eggs"; "a flock of
    sheep" stays (a count the planner reads); "a family" is who it means."""
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        word = tokens[i]
        one = lx.singular(word)
        if people and word in STANDS_FOR and tokens[i + 1 : i + 2] != ["of"]:
            if out and out[-1] in ("a", "an", "the", "my", "our"):
                out.pop()  # "a family having a picnic": a man, a woman and two children
            out += STANDS_FOR[word]
            i += 1
            continue
        if tokens[i + 1 : i + 2] == ["of"] and i + 2 < n:
            j = i + 2 + (tokens[i + 2] in ("the", "a", "an", "our", "my"))
            what = tokens[j] if j < n else ""
            if one in PICTURE_HOLDERS and ABSTRACT.get(lx.singular(what)) == "description":
                out += [what, word]  # "a map of the world": a world map
                i = j + 1
                continue
            if ABSTRACT.get(one) == "setting" and what:
                if out and out[-1] in ("a", "an", "the", "our", "my", "some"):
                    out.pop()  # "a breakfast of eggs and toast": the eggs and toast
                i += 2
                continue
        out.append(word)
        i += 1
    return out


def settle(scene: SceneGraph, notes: list[str]) -> None:
    """Take abstract words out of ``scene``'s things: an activity ("fun") becomes what its
    doers are doing ("having fun"), a description or setting is dropped, and so are the
    words that are never things (:data:`~.words.NEVER_THINGS`: "thee", "a throwing
    position", "sizes", "colors", "stock vector"). A pronoun always goes; a word for the
    picture itself stays where something is placed against it ("a portrait on the wall");
    the others stay when they are all the prompt names, so that it is drawn and checked as
    the card it is."""
    pronouns = {  # "thee", "before thee"
        e.id for e in scene.entities if NEVER_THINGS.get(e.name.rpartition(" ")[2]) == "pronoun"
    }
    if pronouns:
        scene.entities = [e for e in scene.entities if e.id not in pronouns]
        scene.drop_missing()
    related = {eid for r in scene.relations for eid in (r.subject, r.object)}
    gone = [
        e for e in scene.entities
        if _abstract(e.name) and not e.attributes.get("text")
        and not (NEVER_THINGS.get(e.name) == "picture" and e.id in related)
    ]  # fmt: skip
    if not gone or (len(gone) == len(scene.entities) and not scene.panels):
        return
    for ent in gone:
        if ABSTRACT.get(_word(ent.name)) == "activity":
            doers = {r.subject for r in scene.relations if r.object == ent.id}
            doers |= {r.object for r in scene.relations if r.subject == ent.id}
            for other in scene.entities:
                if other.id in doers:
                    state = other.attributes.get("state", "")
                    verb = state.split(", ")[-1] if state.endswith(("having", "doing")) else ""
                    if verb:
                        other.attributes["state"] = state[: len(state) - len(verb)].rstrip(", ")
                        if not other.attributes["state"]:
                            del other.attributes["state"]
                    add_state(other, f"{verb or 'having'} {ent.name}")
    ids = {e.id for e in gone}
    scene.entities = [e for e in scene.entities if e.id not in ids]
    scene.drop_missing()
    del notes


def _word(name: str) -> str:
    return lx.singular(name.rpartition(" ")[2]) if name not in ABSTRACT else name


def _abstract(name: str) -> bool:
    if name in NEVER_THINGS or (" " not in name and lx.singular(name) in NEVER_THINGS):
        return True
    return name in ABSTRACT or (" " not in name and lx.singular(name) in ABSTRACT)
