"""Which entity a noun phrase names: an existing one ("the dog", "it", "they") or a new one.

:class:`Resolver` keeps the entities a description has mentioned so far and finds or adds
the one each noun phrase means: "the bear" after "a teddy bear", "a chair beside a chair"
(two chairs), "two more apples" (added to the apples), "he" (a person first), "they"
(several things, or someone of no stated sex). :class:`~.build.Builder` owns one.
"""

from __future__ import annotations

from ..scene import MAX_COUNT, MAX_ENTITIES, Entity, SceneGraph
from . import lexicon as lx
from .entity_attrs import compatible
from .items import Extras, NounPhrase
from .links import ANIMALS
from .nouns import cap_count
from .words import BODY_PARTS

SOMEONE = {"he": "man", "him": "man", "she": "woman", "her": "woman", "they": "", "them": ""}
"""Pronouns that name someone new when nobody was named before ("He is walking a dog")."""


class Resolver:
    """Find or add the entity each noun phrase names, in the order they are read.

    Parameters
    ----------
    scene : SceneGraph
        Changed in place: new entities are appended.
    extras : Extras
        Collects notes (capped counts, too many things).
    add_mode : bool
        An edit that adds things: "an apple" joins the apples already there.
    """

    def __init__(self, scene: SceneGraph, extras: Extras, *, add_mode: bool = False) -> None:
        self.scene = scene
        self.extras = extras
        self.add_mode = add_mode
        self.mentioned: list[str] = []
        self.subjects: list[str] = []  # the first thing of each sentence, for pronouns
        self._full_noted = False
        self.guessed: set[str] = set()  # bare plurals: how many is a guess

    def resolve(
        self, np: NounPhrase, *, avoid: list[str], merge: bool = True, fresh: bool = False
    ) -> str | None:
        """Return the id of the entity ``np`` names, creating it if needed (``fresh``: ``np``
        starts a clause, so "it" is most likely the last sentence's subject)."""
        scene = self.scene
        if np.pronoun:
            for eid in self._pronoun_order(np.word, fresh):
                if eid not in avoid:
                    return eid
            rest = [e.id for e in scene.entities if e.id not in avoid]
            if rest or np.word not in SOMEONE:
                return rest[-1] if rest else None
            # "He is walking a dog": nobody named before, so someone new
            kind = SOMEONE[np.word]
            someone = NounPhrase("person", "person", plural=not kind, known=True)
            someone.attrs = {"kind": kind} if kind else {}
            return self._new(someone)
        same = [e for e in scene.entities if e.name == np.name and compatible(e, np.attrs)]
        if np.definite and not same:  # "a teddy bear ... in front of the bear"
            same = [e for e in scene.entities if e.name.endswith(" " + np.name)]
        if same and avoid and not (np.more or np.definite):
            # "a chair beside a chair", "a red cube on a green cube": another one
            same = [e for e in same if e.id not in avoid]
            if not same:
                return self._new(np)
        bare = not (np.explicit or np.more or np.plural or self.add_mode)
        if np.plural and not (np.explicit or np.more or self.add_mode):
            # "trees behind a bush. sky above trees": the same trees again
            bare = bool(same) and same[-1].count > 1 and not np.attrs
        if (np.definite or bare) and same:
            # "next to the brown chicken": the brown one, not the first chicken made brown
            exact = [e for e in same if all(e.attributes.get(k) == v for k, v in np.attrs.items())]
            ent = (exact or same)[0]
            for key, value in np.attrs.items():
                ent.attributes.setdefault(key, value)
            return self.mention(ent.id)
        if same and merge and (np.more or self.add_mode):
            exact = [e for e in same if e.attributes == np.attrs]  # "two more trees": plain ones
            ent = (exact or same)[-1]
            if np.more or all(ent.attributes.get(k) == v for k, v in np.attrs.items()):
                total = ent.count + max(np.count or 1, 1)
                if total > MAX_COUNT:
                    self.extras.notes.append(f"capped {total} {np.word} at {MAX_COUNT}")
                ent.count = min(total, MAX_COUNT)
                return self.mention(ent.id)
        return self._new(np)

    def _new(self, np: NounPhrase) -> str | None:
        """Add a new entity for ``np`` (or note that the picture is full)."""
        scene = self.scene
        if len(scene.entities) >= MAX_ENTITIES:
            if not self._full_noted:
                self.extras.notes.append(
                    f"a picture holds at most {MAX_ENTITIES} kinds of things; "
                    f"left out {np.name} and anything after it"
                )
                self._full_noted = True
            return None
        if np.count is None:
            np.count = lx.plural_count(np.name) if np.plural else 1
        ent = Entity(scene.new_id(), np.name, cap_count(np, self.extras), dict(np.attrs))
        scene.entities.append(ent)
        if np.plural and not (np.explicit or np.more or np.definite):
            self.guessed.add(ent.id)
        return self.mention(ent.id)

    def _pronoun_order(self, word: str, fresh: bool = False) -> list[str]:
        """Mentioned ids, most likely referent of ``word`` first: a person for "he"/"she",
        several things for "they", the last subject for "it" opening a clause ("a bike in a
        lot. It is blue": the bike), else the last one mentioned."""
        recent = list(dict.fromkeys(reversed(self.mentioned)))
        alive = [e for e in recent if self.scene.entity(e).name in ("person", *ANIMALS)]
        if word in ("he", "she", "him", "her"):  # a person, else an animal ("a beaver... he")
            want = [e for e in alive if self.scene.entity(e).name == "person"]
            want += [e for e in alive if e not in want]
            # else a sentence's subject ("a surfer is wearing a suit. He ..."), not the suit
            want += [e for e in recent if e in self.subjects and e not in want]
        elif word in ("they", "them"):  # living things first: "they are wearing shirts"
            want = [e for e in recent if _several_or_someone(self.scene.entity(e))]
            want = [e for e in want if e in alive] + [e for e in want if e not in alive]
        elif word == "it" and fresh:
            want = [e for e in recent if self.scene.entity(e).count == 1]
        else:
            want = []
        if want:  # a sentence's subject before things named after it ("they have trunks")
            subjects = set(self.subjects)
            want = [e for e in want if e in subjects] + [e for e in want if e not in subjects]
        return want + [e for e in recent if e not in want]

    def mention(self, eid: str) -> str:
        self.mentioned.append(eid)
        return eid


def _several_or_someone(ent: Entity) -> bool:
    """Whether "they" may name ``ent``: several things, or one person of no stated sex
    ("Someone is leaning forward. They are hunched over"); never a body part."""
    if ent.name.rpartition(" ")[2] in BODY_PARTS:
        return False
    if ent.name == "person" and ent.count == 1:
        return ent.attributes.get("kind", "person") in ("person", "someone", "somebody")
    return ent.count > 1
