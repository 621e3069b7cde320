"""Scene graph -> prompt text for text-conditioned engines.

:func:`scene_to_prompt` writes a scene as the short English a diffusion model was
trained on::

    >>> scene = SceneGraph.from_dict({
    ...     "entities": [
    ...         {"id": "e1", "name": "apple", "count": 3, "attributes": {"color": "red"}},
    ...         {"id": "e2", "name": "bowl", "attributes": {"color": "blue"}}],
    ...     "relations": [{"subject": "e1", "predicate": "left of", "object": "e2"}],
    ...     "exclude": [{"name": "banana"}], "style": "watercolor", "background": "white"})
    >>> scene_to_prompt(scene)
    ('three red apples to the left of a blue bowl, white background, watercolor style', 'banana')

Pure text, no dependencies: any engine may use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..scene import split_background

if TYPE_CHECKING:
    from ..scene import Entity, SceneGraph

__all__ = ["entity_phrase", "plural", "scene_to_prompt"]

PREDICATE_PHRASES: dict[str, str] = {
    "left of": "to the left of",
    "right of": "to the right of",
    "above": "above",
    "below": "below",
    "on": "on",
    "under": "under",
    "in front of": "in front of",
    "behind": "behind",
    "next to": "next to",
    "inside": "inside",
    "holding": "holding",
}
"""How each predicate of :data:`~jupyter_imagechat.scene.PREDICATES` reads in a prompt."""

_NUMBERS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_IRREGULAR = {
    "person": "people",
    "man": "men",
    "woman": "women",
    "child": "children",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
    "ox": "oxen",
    "knife": "knives",
    "leaf": "leaves",
    "wolf": "wolves",
    "loaf": "loaves",
    "shelf": "shelves",
    "scarf": "scarves",
    "half": "halves",
    "life": "lives",
    "wife": "wives",
    "calf": "calves",
    "elf": "elves",
    "cactus": "cacti",
    "tomato": "tomatoes",
    "potato": "potatoes",
    "hero": "heroes",
    "mango": "mangoes",
}
_SAME_PLURAL = {
    "sheep",
    "deer",
    "fish",
    "broccoli",
    "scissors",
    "skis",
    "glasses",
    "jeans",
    "moose",
}
_AN_EXCEPTIONS = ("uni", "use", "usu", "one", "eu", "ewe")
_A_EXCEPTIONS = ("hour", "honest", "honor", "heir")


def plural(name: str) -> str:
    """Return the plural of a lowercase noun phrase, inflecting its last word.

    ``"apple"`` -> ``"apples"``, ``"wine glass"`` -> ``"wine glasses"``,
    ``"strawberry"`` -> ``"strawberries"``, ``"person"`` -> ``"people"``.
    """
    head, _, last = name.rpartition(" ")
    prefix = head + " " if head else ""
    if last in _SAME_PLURAL:
        return name
    if last in _IRREGULAR:
        return prefix + _IRREGULAR[last]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return prefix + last + "es"
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return prefix + last[:-1] + "ies"
    return prefix + last + "s"


def _article(word: str) -> str:
    if word.startswith(_A_EXCEPTIONS):
        return "an"
    if word[:1] in "aeiou" and not word.startswith(_AN_EXCEPTIONS):
        return "an"
    return "a"


_BEFORE = ("detail", "size", "shape", "texture", "age", "pattern", "shade", "color", "material")
"""Attributes written before the noun, in English adjective order; ``kind`` comes last."""
_AFTER = ("state", "facing", "position", "arrangement", "label", "text")
"""Attributes written after the noun: "a dog sitting", 'a cat labelled "Tom"'."""
_GENERIC_PEOPLE = frozenset({"someone", "somebody", "anyone", "person", "people", "human"})


def _noun(entity: Entity) -> str:
    """The noun for ``entity``: a person's kind ("man", "girl") names them."""
    kind = (entity.attributes.get("kind") or "").strip()
    if entity.name == "person" and kind and kind not in _GENERIC_PEOPLE:
        return kind
    return entity.name


def _attribute_words(entity: Entity) -> list[str]:
    """Words before the noun: "small red wooden", "red and white", "panda"."""
    attrs = {k: (v or "").strip() for k, v in entity.attributes.items()}
    color = attrs.get("color", "")
    if color and attrs.get("color2"):
        more = [attrs["color2"], attrs.get("color3", "")]
        attrs["color"] = (
            f"{color}, {more[0]} and {more[1]}" if more[1] else f"{color} and {more[0]}"
        )
    known = set(_BEFORE) | set(_AFTER) | {"color2", "color3", "kind"}
    words = [attrs[k] for k in _BEFORE if attrs.get(k)]
    words += [v for k, v in attrs.items() if k not in known and v]  # keys a model invented
    if attrs.get("kind") and _noun(entity) == entity.name and entity.name != "person":
        words.append(attrs["kind"])  # "panda bear"
    return words


def _tail(entity: Entity) -> str:
    """Words after the noun: "sitting and looking up, facing left", 'labelled "Tom"'."""
    attrs = {k: (v or "").strip() for k, v in entity.attributes.items()}
    parts = []
    if attrs.get("state"):
        states = [s.strip() for s in attrs["state"].split(",") if s.strip()]
        parts.append(_join(states))
    if attrs.get("facing"):
        parts.append(f"facing {attrs['facing']}")
    if attrs.get("position"):
        parts.append(f"at the {attrs['position']}")
    if attrs.get("arrangement"):
        parts.append(f"in a {attrs['arrangement']}")
    if attrs.get("label"):
        parts.append(f'labelled "{attrs["label"]}"')
    if attrs.get("text"):
        parts.append(f'with the text "{attrs["text"]}"')
    return (" " + " ".join(parts)) if parts else ""


def entity_phrase(entity: Entity) -> str:
    """Return the full phrase for an entity: ``"a small red chair"``, ``"three men"``.

    Counts up to twelve are written as words, larger ones as digits; attributes go
    before the noun in English adjective order (``detail``, size, shape, colour,
    material, then ``kind``: "a cute small panda bear"); a person's ``kind`` is the noun
    ("two girls", not "two girl people"). What a thing does and how it is shown follow
    the noun: ``state``, ``facing``, ``position``, ``arrangement``, ``label`` and the
    ``text`` written on it (``'a blue t-shirt with the text "START"'``).
    """
    words, noun, tail = _attribute_words(entity), _noun(entity), _tail(entity)
    if entity.count == 1:
        phrase = " ".join([*words, noun])
        return f"{_article(phrase)} {phrase}{tail}"
    count = _NUMBERS[entity.count] if entity.count < len(_NUMBERS) else str(entity.count)
    return " ".join([count, *words, plural(noun)]) + tail


def _short_phrase(entity: Entity) -> str:
    noun = _noun(entity)
    return "the " + (noun if entity.count == 1 else plural(noun))


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _quoted(texts: list[str]) -> str:
    quoted = [f'"{t}"' for t in texts if t]
    if not quoted:
        return ""
    return ("with the text " if len(quoted) == 1 else "with the texts ") + _join(quoted)


def _suffixed(value: str | None, word: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    return value if word in value.split() else f"{value} {word}"


def _background_phrase(value: str | None) -> str:
    """ "forest background", or for a place at a time of day "forest background, at night"."""
    place, time = split_background(value)
    if time and place:
        return f"{_suffixed(place, 'background')}, at {time}"
    return _suffixed(value, "background")


def scene_to_prompt(scene: SceneGraph) -> tuple[str, str]:
    """Return ``(prompt, negative_prompt)`` describing ``scene``.

    The prompt names each entity with its count and attributes, then the
    relations ("three red apples to the left of a blue bowl"; an entity named a
    second time becomes "the bowl"), texts to render, the background
    ("white background") and the style ("watercolor style"). The negative
    prompt lists the names in ``scene.exclude``, except names the scene also
    asks for (a counting exclusion such as "not three clocks" must not forbid
    clocks).

    Parameters
    ----------
    scene : SceneGraph
        The scene; its ``layout`` is not used.

    Returns
    -------
    tuple of str
        The prompt and the negative prompt (``""`` when nothing is excluded).
    """
    by_id = {e.id: e for e in scene.entities}
    mentioned: set[str] = set()

    def refer(entity_id: str) -> str:
        entity = by_id[entity_id]
        if entity_id in mentioned:
            return _short_phrase(entity)
        mentioned.add(entity_id)
        return entity_phrase(entity)

    clauses = [
        f"{refer(r.subject)} {PREDICATE_PHRASES.get(r.predicate, r.predicate)} {refer(r.object)}"
        for r in scene.relations
        if r.subject in by_id and r.object in by_id
    ]
    clauses += [refer(e.id) for e in scene.entities if e.id not in mentioned]
    parts = [
        _join(clauses),
        _quoted(scene.texts),
        _background_phrase(scene.background),
        _suffixed(scene.style, "style"),
    ]
    prompt = ", ".join(p for p in parts if p)

    wanted = {e.name for e in scene.entities}
    negative: list[str] = []
    for item in scene.exclude:
        name = str(item.get("name", "")).strip()
        if name and name not in wanted and name not in negative:
            negative.append(name)
    return prompt, ", ".join(negative)
