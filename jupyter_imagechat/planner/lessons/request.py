"""A prompt as a lesson request: a topic, a sum, maths things, labels and an arrangement,
around the ordinary description the rest of the planner reads.

:func:`read_lesson` runs before the scan: it drops "for my year 3 class", reads "a map of
the world" as a world map, and takes out what the scan must not read as things (a topic's
name, a sum, "half past three", "in two rows", "with their names"). :func:`finish_lesson`
runs after the scan has planned the rest into the same scene: it sets the maths
attributes, names the things when asked, adds the arrangement and drops the words that
only framed the request ("stages", "diagram").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...scene import Entity, Label, SceneGraph
from .. import lexicon as lx
from ..abstract import rewrite
from ..arrangements import Wanted, arrange_scene, take_arrangement
from ..honesty import unknown_topic
from ..scene_panels import read_scene_panels
from .families import chart_of_sets, find_sets, sorted_into_sets, unknown_layers
from .maths import read_sum
from .maths_things import CLOCKS, read_maths_things
from .maths_things import Wanted as MathsWanted
from .recipes import names_under
from .topics import find_topic, topic_scene, topic_vocabulary, topics
from .words import FILLER, drop_audience

__all__ = ["Lesson", "finish_lesson", "read_lesson"]

NEVER_THINGS = frozenset(
    [*lx.words("diagram diagrams infographic worksheet illustration labels"), "venn diagram"]
)
"""Names that frame a request in any prompt ("a diagram of a cat"): never drawn."""
COUNTERS = {"counter": "dot"}
"""In a maths picture "counters" are the dots a class counts with, not a kitchen counter."""
_NAME_LABELS: tuple[tuple[str, ...], ...] = (
    ("with", "their", "names"), ("with", "its", "name"), ("with", "the", "names"),
    ("with", "names"), ("with", "labels"), ("with", "name", "labels"), ("and", "their", "names"),
    ("labelled",), ("labeled",), ("with", "their", "labels"), ("all", "labelled"),
    ("all", "labeled"), ("named",),
)  # fmt: skip


@dataclass
class Lesson:
    """What :func:`read_lesson` found, to plan the rest of the prompt around."""

    scene: SceneGraph = field(default_factory=SceneGraph)
    tokens: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    topic: str | None = None
    attributes: MathsWanted = field(default_factory=dict)
    arrangement: Wanted | None = None
    name_labels: bool = False
    framed: int = 0
    """Entities the topic or sum drew; those the rest of the prompt adds come after."""


def read_lesson(tokens: list[str]) -> Lesson:
    """Read the lesson parts of ``tokens``; :attr:`Lesson.tokens` is what is left to plan."""
    lesson = Lesson()
    tokens = drop_audience(tokens)
    if (panels := read_scene_panels(tokens)) is not None:  # "a summer day and a winter day"
        lesson.scene, lesson.tokens = panels, []
        return lesson
    tokens = rewrite(tokens, people=find_topic(tokens) is None)  # "my family" is a topic
    found = read_sum(tokens)
    if found is not None:
        lesson.scene, used, lesson.notes = found
        tokens = [t for i, t in enumerate(tokens) if i not in set(used)]
    tokens, lesson.attributes = read_maths_things(tokens)
    if found is None:
        tokens, other_chart = _other_chart(tokens)
        charted, wanted = take_arrangement(tokens)
        chart = wanted is not None and wanted.kind == "pictogram"
        named = find_sets(charted)
        if chart and (_is_the_thing(tokens) or (named and _names_the_chart(tokens))):
            lesson.tokens = tokens  # "a bar chart": the chart itself, a thing with a picture
            return lesson
        subject = " ".join(t for t in charted if t not in _CHART_DATA and t not in FILLER)
        if chart and subject and not named and not _has_numbers(charted):
            name = other_chart or "bar chart"  # "a bar chart of favourite colours"
            lesson.tokens = ["a", *name.split()]
            lesson.notes.append(
                f"I don't know which kinds of {subject} to count, so I drew a {name} "
                f"without them: name them with counts, e.g. 'a {name} of apples 4, pears 7'."
            )
            return lesson
        if chart and _has_numbers(charted):
            tokens, lesson.arrangement = charted, wanted  # a chart of its own counts
        elif chart and (family := chart_of_sets(charted)):  # "a tally chart of fruits"
            (lesson.scene, lesson.notes, _), tokens = family, []
            lesson.topic = "a chart of counts"
        elif "venn" in tokens and (family := sorted_into_sets(tokens)):
            (lesson.scene, lesson.notes, _), tokens = family, []
            lesson.topic = "a venn diagram"
        elif match := find_topic(_unnegated(tokens)):  # "a farm with no animals": a farm
            lesson.scene, lesson.notes = topic_scene(match.topic)
            lesson.topic = match.topic.id
            tokens = [t for i, t in enumerate(tokens) if i not in match.used]
        elif family := sorted_into_sets(tokens):  # "mammals, birds and fish sorted"
            (lesson.scene, lesson.notes, _), tokens = family, []
            lesson.topic = "things sorted into sets"
        elif unknown := unknown_topic(tokens, [t.id for t in topics()]):
            tokens, note = unknown  # "the life cycle of a star": a star, and the note
            lesson.notes.append(note)
        elif unknown := unknown_layers(tokens, [t.id for t in topics()]):
            tokens, note = unknown  # "the layers of the atmosphere"
            lesson.notes.append(note)
        if other_chart:
            lesson.notes.append(
                f"I can't draw a {other_chart} yet, so I drew the counts as a pictogram "
                "(a row of things for each kind)."
            )
    lesson.framed = len(lesson.scene.entities)
    tokens, lesson.name_labels = _take_name_labels(tokens)
    if found is None and lesson.arrangement is None:
        tokens, lesson.arrangement = take_arrangement(tokens)
    lesson.tokens = tokens
    return lesson


_OTHER_CHARTS = frozenset(lx.words("pie line doughnut donut"))
"""Charts drawn as a pictogram of the same counts (the chat says so)."""
_CHART_WORDS = frozenset(lx.words("chart graph charts graphs"))
_CHART_DATA = frozenset(lx.words("of showing to for"))
_CHART_LEADS = frozenset((":", "with", "about", "comparing", "that", "which"))
_CHART_HEADS = frozenset(
    lx.words("chart charts graph graphs pictogram pictograms pictograph tally")
)


def _other_chart(tokens: list[str]) -> tuple[list[str], str]:
    """``tokens`` with "a pie chart of" read as "a pictogram of", and the chart's name
    ("pie chart"); ``tokens`` and "" when they ask for no such chart of counts."""
    for i in range(len(tokens) - 2):
        if (
            tokens[i] in _OTHER_CHARTS
            and tokens[i + 1] in _CHART_WORDS
            and tokens[i + 2] in _CHART_DATA
        ):
            name = f"{tokens[i]} {lx.singular(tokens[i + 1])}"
            return [*tokens[:i], "pictogram", *tokens[i + 2 :]], name
    return tokens, ""


_NEGATIONS = frozenset(lx.words("no without not none"))
_LIST_ENDS = frozenset(lx.words(", . ; and but just only with"))


def _unnegated(tokens: list[str]) -> list[str]:
    """``tokens`` with the words a "no" leaves out blanked ("a farm with no animals": no
    "animals" to name the farm animals topic), at the same positions."""
    out, negated = list(tokens), False
    for k, token in enumerate(tokens):
        if token in _NEGATIONS:
            negated = True
        elif token in _LIST_ENDS:
            negated = False
        elif negated:
            out[k] = ""
    return out


def _names_the_chart(tokens: list[str]) -> bool:
    """Whether a chart named in ``tokens`` is a thing of the picture ("a teacher pointing
    at a bar chart", "a bar chart on a whiteboard"): no counts, nothing after its name that
    leads to its data ("of", "showing", "with", ":") and no "in a" or "as a" before it."""
    if _has_numbers(tokens):
        return False
    for k, token in enumerate(tokens):
        if token in _CHART_HEADS and tokens[k + 1 : k + 2] != ["chart"]:  # "tally chart"
            after = tokens[k + 1 : k + 2]
            if after and (after[0] in _CHART_DATA or after[0] in _CHART_LEADS):
                return False
            return not any(w in ("in", "into", "as") for w in tokens[max(k - 3, 0) : k])
    return False


def _is_the_thing(tokens: list[str]) -> bool:
    """Whether ``tokens`` name one known thing and nothing else ("a bar chart")."""
    words = [t for t in tokens if t not in ("a", "an", "the", "one", "this", "that")]
    return " ".join(words) in lx.KNOWN_NOUNS


def _has_numbers(tokens: list[str]) -> bool:
    return any(t.isdigit() or t in lx.NUMBER_WORDS for t in tokens)


def _take_name_labels(tokens: list[str]) -> tuple[list[str], bool]:
    for i in range(len(tokens)):
        for phrase in _NAME_LABELS:
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                after = tokens[i + len(phrase) : i + len(phrase) + 1]
                if phrase == ("named",) and after and after[0].isalpha():
                    continue  # "a dog named Rex"
                return tokens[:i] + tokens[i + len(phrase) :], True
    return tokens, False


def finish_lesson(lesson: Lesson, scene: SceneGraph) -> None:
    """Complete ``scene`` (the lesson's scene with the rest of the prompt planned into it)."""
    extra = scene.entities[lesson.framed :]
    drop = {
        e.id
        for e in extra
        if not e.attributes.get("text")
        and (e.name in NEVER_THINGS or (lesson.topic and _framing(e.name, lesson.topic)))
    }
    if drop and len(drop) < len(scene.entities):
        scene.entities = [e for e in scene.entities if e.id not in drop]
        scene.drop_missing()
    if lesson.arrangement is not None or lesson.framed:  # "ten counters in a grid"
        for ent in scene.entities:
            ent.name = COUNTERS.get(ent.name, ent.name)
    _set_attributes(scene, lesson.attributes)
    if lesson.name_labels and not lesson.topic:
        labelled = {lb.target for lb in scene.labels}
        for ent in scene.entities:
            if ent.id not in labelled:
                text = ent.attributes.get("kind") or ent.name
                scene.labels.append(Label(text, ent.id, 0, (0.5, 0.5)))
    if lesson.arrangement is not None and not scene.arrangements:
        arrange_scene(scene, lesson.arrangement)
    names_under(scene)  # "in a row with their names": the names under the things


def _framing(name: str, topic: str) -> bool:
    """Whether a thing the rest of a topic's prompt names only frames the request ("the
    stages", "the night sky", "how plants grow"): a word of the topic's names, a filler
    word, or no noun the planner knows ("woodland", "experiment")."""
    words = name.split()
    if all(w in FILLER or lx.singular(w) in FILLER for w in words):
        return True
    if set(words) <= topic_vocabulary(topic):
        return True
    return not (name in lx.KNOWN_NOUNS or name in lx.SYNONYMS or name in lx.PERSON_WORDS)


def _set_attributes(scene: SceneGraph, wanted: MathsWanted) -> None:
    """Give each noun's maths attributes to its things, in order ("a quarter of a pizza and
    half a pizza"); a time or range with no clock or number line named adds one."""
    for noun, each in wanted.items():
        names = CLOCKS if noun == "clock" else {noun}
        mine = [e for e in scene.entities if e.name in names]
        if not mine and noun in ("clock", "number line"):
            mine = [Entity(scene.new_id(), noun)]
            scene.entities.append(mine[0])
        for ent, attrs in zip(mine, [*each, *[each[-1]] * (len(mine) - len(each))], strict=False):
            if noun == "clock":  # a face that shows the time, not an alarm clock's picture
                ent.attributes.pop("kind", None)
                hour, _, minutes = attrs["time"].partition(":")
                if minutes == "00" and "state" not in ent.attributes:
                    ent.attributes["state"] = f"showing {hour} o'clock"
            ent.attributes.update(attrs)
