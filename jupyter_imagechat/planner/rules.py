"""The rules planner: deterministic English -> :class:`~jupyter_imagechat.scene.SceneGraph`.

No model, no network, a fraction of a millisecond per prompt. It reads counts, colours
and other adjectives, multi-word nouns, plurals and synonyms, relations between things,
"no X", style, background and quoted text; with a current scene it also applies edits
("make the bowl green", "add two more apples", "remove the cat", "move the dog to the
right", "make it bigger", "now at night"; see :mod:`.edits.commands`).

Word choices worth knowing:

- "beneath" and "underneath" mean ``under`` (touching or covered, like a cat under a
  table); only "below" means ``below``. "over" means ``above``; "on top of" means ``on``.
- "near", "beside", "by", "next to" mean ``next to``; "in", "inside", "within" mean
  ``inside`` unless they name a place ("in a forest" is the background).
- A bare plural ("apples") or "some"/"several"/"a few" is 3 things; "many"/"lots of" 6.
- "it" is the thing last created, changed or selected (the scene's ``focus``), else the
  only thing in the picture, else the last one added that holds nothing up.
- A follow-up is a change unless it clearly asks for a new picture; when it could be
  either, the reading asks (see :mod:`.edits.followup`).
"""

from __future__ import annotations

from ..scene import SceneGraph
from . import lexicon
from .abstract import settle
from .annotations import annotate, annotate_added
from .bodies import own_bodies
from .build import Builder
from .canvas_regions import drop_canvas_regions
from .edits import commands as edits
from .edits.followup import is_change, new_picture_sign, read_followup
from .everyday import read_everyday
from .honesty import drop_unknown, not_understood
from .lessons.families import leave_out_sets
from .lessons.maths import spell_signs
from .lessons.request import finish_lesson, read_lesson
from .lessons.topics import names_topic
from .lessons.user_topics import refusals_not_told
from .phrases import Extras, scan
from .quantities import plain_counts
from .reading import Reading
from .skies import skies_as_background
from .tags import attach_tags, split_tags
from .text import PlanError, prepare, quote_named_text, quote_written_words, tokenize
from .worn_counts import one_per_owner

_EXAMPLE = "e.g. 'three red apples left of a blue bowl'"


class RulesPlanner:
    """Plan scenes from English with hand-written rules (the default planner).

    Examples
    --------
    >>> RulesPlanner().plan("three red apples left of a blue bowl").summary()
    '3 x apple (red), 1 x bowl (blue); apple left of bowl'
    """

    name = "rules"

    def __init__(self) -> None:
        self._told: set[str] = set()  # what the chat was told about your topics file

    def plan(self, text: str, *, current: SceneGraph | None = None) -> SceneGraph:
        """Return the scene ``text`` describes, or ``current`` changed by the edit ``text``.

        Parameters
        ----------
        text : str
            The prompt, at most 2000 characters.
        current : SceneGraph, optional
            The scene shown now. When given and :meth:`is_edit` is true for ``text``, the
            result is a changed copy: kept things keep their ids and layout boxes.

        Raises
        ------
        PlanError
            For an empty or too long prompt, one with nothing to draw, or an edit that
            names something not in the picture.
        """
        return self.plan_with_notes(text, current=current)[0]

    def plan_with_notes(
        self, text: str, *, current: SceneGraph | None = None
    ) -> tuple[SceneGraph, list[str]]:
        """Like :meth:`plan`, and also return notes for the user ("capped 1000 apples at
        50")."""
        reading = self.read(text, current=current)
        return reading.scene, reading.notes

    def read(
        self,
        text: str,
        *,
        current: SceneGraph | None = None,
        focus: str | None = None,
        masked: list[tuple[str, int]] | None = None,
        new: bool | None = None,
    ) -> Reading:
        """Read ``text`` once: the scene it means, notes, and whether it edits ``current``.

        A follow-up is a change of ``current`` unless it clearly asks for a new picture;
        when it could be either, the reading is a question (:attr:`Reading.question`) and
        ``current`` is kept (see :mod:`.edits.followup`).

        Parameters
        ----------
        focus : str, optional
            The id of the entity the user pointed at (selected in the picture): "it" and
            "this" in an edit mean that entity.
        masked : list of (str, int), optional
            The instances a mask covers: an edit of their entity changes only them.
        new : bool, optional
            The user's answer to a question: True plans a new picture, False a change of
            ``current``.

        Raises
        ------
        PlanError
            As :meth:`plan`.
        """
        tokens, texts = prepare(spell_signs(text) if isinstance(text, str) else text)
        tokens = lexicon.join_phrases(tokens)
        quoted = quote_named_text(quote_written_words(text))  # "the number 7": '7'

        def plan_new(words: list[str]) -> tuple[SceneGraph, list[str]]:
            if edits.edit_kind(words) and edits.can_start_fresh(words):
                words = edits.strip_edit_verb(words)  # "add a cat" with no picture
            return plan_tokens(words, texts, quoted)

        if current is not None:
            base = current.copy()
            if focus is not None and any(e.id == focus for e in base.entities):
                base.focus = focus
            reading = read_followup(
                text, tokens, texts, base, plan_new=plan_new, masked=masked, new=new
            )
            if reading.edit and edits.edit_kind(tokens) == "add":  # "add a cat labelled 'Tom'"
                annotate_added(reading.scene, current, quoted)
            return reading
        tokens = plain_counts(tokens)  # "no more than three apples": three apples
        refused = edits.edit_kind(tokens) and not edits.can_start_fresh(tokens)
        if refused and not names_topic(tokens):  # "push and pull" is a topic
            raise PlanError(
                f"{text.strip()[:60]!r} changes a picture, but there is none yet. "
                f"Describe one first, {_EXAMPLE}."
            )
        scene, notes = plan_new(tokens)
        return Reading(scene, [*refusals_not_told(self._told), *notes], edit=False)

    def is_edit(self, text: str, current: SceneGraph | None = None) -> bool:
        """Whether ``text`` changes the current picture rather than describing a new one.

        True for commands ("make the bowl green", "add two more apples", "remove the
        cat", "move the dog to the right", "make it bigger", "replace the cat with a dog")
        and for prompts naming only a background or style ("now at night", "in
        watercolor"); with ``current``, also for follow-ups that point at what it has
        ("the bowl should be green", "I'd like exactly three rabbits", "make it a pair").
        Never raises.
        """
        if not isinstance(text, str) or not text.strip() or len(text) > 2000:
            return False
        tokens = lexicon.join_phrases(tokenize(text))
        if current is None:
            return bool(edits.edit_kind(tokens))
        if new_picture_sign(tokens) is not None:
            return False
        tokens = edits.rephrase(tokens, {e.name for e in current.entities})
        try:
            return is_change(tokens, current)
        except PlanError:
            return True


def plan_tokens(tokens: list[str], texts: list[str], text: str) -> tuple[SceneGraph, list[str]]:
    """Plan a new scene from prepared tokens (see :func:`.text.prepare`).

    A lesson topic, a sum or an arrangement is read first (:mod:`.lessons.request`); the rest of
    the prompt is planned into the same scene ("the water cycle at night").
    """
    extras = Extras()
    tokens, region_note = drop_canvas_regions(tokens)  # "in the masked part": no mask yet
    if region_note:
        extras.notes.append(region_note)
    lesson = read_lesson(tokens)
    rest, tags = split_tags(lesson.tokens)
    items = scan(rest, extras)
    scene = lesson.scene
    builder = Builder(scene, extras)
    builder.apply(items)
    attach_tags(scene, tags)
    extras.background = skies_as_background(scene, extras.background)  # "evening sky" is
    # read as a thing "evening", which later passes would drop as a word they do not know
    finish_lesson(lesson, scene)
    leave_out_sets(scene)  # "a farm with no animals": none of the farm's animals
    settle(scene, extras.notes)
    own_bodies(scene)
    one_per_owner(scene, builder.resolver.guessed)  # parts own_bodies gave their owners
    unknown = drop_unknown(scene, tokens)
    scene.style = extras.style or scene.style
    scene.background = read_everyday(scene, background=extras.background or scene.background)
    scene.texts = texts
    annotate(scene, text)
    if not (scene.entities or scene.panels or scene.background or scene.style or texts):
        if unknown:
            raise PlanError(
                f"{not_understood(unknown)}. Name the things you want to see, {_EXAMPLE}, "
                "or a lesson topic such as 'the water cycle'."
            )
        raise PlanError(
            f"Found nothing to draw in {text.strip()[:60]!r}. Name the things you want to "
            f"see, {_EXAMPLE}."
        )
    scene.validate()
    notes = [*lesson.notes, *extras.notes]
    if unknown:
        notes.append(f"{not_understood(unknown)}, so nothing is drawn for it.")
    return scene, notes
