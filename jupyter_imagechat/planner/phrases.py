"""Reading tokens into items: noun phrases, relations, conjunctions, negation, places.

:func:`scan` walks the token list once, left to right, and returns a flat list of
:class:`Item` s; style and background phrases go straight into :class:`Extras`.
Every step looks at most a few tokens ahead, so the whole scan is linear.
"""

from __future__ import annotations

from . import lexicon as lx
from . import scan_cues as cues
from .clauses import (
    CLAUSE_STARTS,
    MADE_OF_VERBS,
    background_is,
    clause_has_content,
    copula_subject,
    in_colour,
    made_of,
    skip_frame,
    starts_predicate,
)
from .items import Extras, Item, NounPhrase
from .measures import measure_end
from .nouns import cap_count, listed_colour_noun, read_phrase, starts_phrase
from .partitives import split_counts
from .places import match_background, match_style
from .scan_cues import CONTRACTED, LEADING_POSES, POSE_NEXT, RELATIVES
from .states import (
    AIRBORNE,
    THING_ITEMS,
    after_and,
    degree_tail,
    dressed_in,
    in_pose,
    is_state,
    linking_verb,
    participle,
    side_pose,
    state_next,
    state_tail,
)
from .words import (
    AND_WORDS,
    BODY_PARTS,
    COPULA,
    NEG_WORDS,
    POSE_WORDS,
    SEPARATORS,
    STATE_PARTICLES,
    STATE_WORDS,
    is_adjective_like,
    longest,
    places_named_as_things,
    read_number,
)

__all__ = [
    "Extras", "Item", "NounPhrase", "cap_count", "is_adjective_like", "longest",
    "match_background", "match_style", "read_number", "read_phrase", "scan", "starts_phrase",
]  # fmt: skip


def scan(tokens: list[str], extras: Extras) -> list[Item]:
    """Read ``tokens`` into items, filling ``extras`` with style and background."""
    tokens = split_counts(tokens)  # "one red and two blue apples": two kinds of apple
    items: list[Item] = []
    i, n = 0, len(tokens)
    extras.things |= places_named_as_things(tokens)
    body = False  # the last thing read is a body part ("right arm up")
    subject_state = False  # after "while": the state is the subject's
    place_end = -1  # where the last background place ("on a road") ended
    while i < n:
        word = tokens[i]
        air = longest(tokens, i, AIRBORNE, 3) if items and items[-1].kind in THING_ITEMS else 0
        if air:
            items.append(Item("STATE", value="in the air"))  # "jumping in the air"
            i += air
            continue
        measured = measure_end(tokens, i)
        if measured > i:  # "bent at 90 degrees": how much, never things
            if items and items[-1].kind == "STATE":
                measure = " ".join(tokens[i:measured]).replace(" colon ", ":")
                items[-1].value = f"{items[-1].value} {measure}"
            i = measured
            continue
        j = match_style(tokens, i, extras)
        if j == i:
            j = match_background(tokens, i, extras)
            place_end = j if j > i else place_end
        if j > i:
            i = j
            continue
        recent = [it.kind for it in items[-8:]]  # enough to see the sentence's start
        if tuple(tokens[i : i + 2]) in CLAUSE_STARTS and clause_has_content(recent):
            relative = items[-1].np is not None and items[-1].np.word in RELATIVES
            if recent[-3:] == ["CONJ", "REL", "NP"]:
                items[-3] = Item("SEP")  # "a bird, around the bird there are rocks"
            elif not relative:  # "a road on which there are stones": one sentence
                items.append(Item("SEP"))  # "..., here we can see a wall": a new sentence
        back, k = background_is(tokens, i)
        if back:
            extras.background, i = back, k  # "the background is white"
            continue
        made, k = made_of(tokens, i) if items and items[-1].kind in ("NP", "COP") else (None, i)
        if not made and items and items[-1].kind in ("NP", "COP", "STATE"):
            made, k = in_colour(tokens, i)  # "three zebras in black and white"
        if made:
            items.append(Item("ADJS", attrs=made))  # "a cube made of denim"
            i = k
            continue
        k = skip_frame(tokens, i)
        if k > i:
            if {"background", "distance"} & set(tokens[i:k]):
                after = k + (k < n and tokens[k] == ",")
                if tuple(tokens[after : after + 2]) in CLAUSE_STARTS and clause_has_content(
                    [it.kind for it in items[-8:]]
                ):  # "a car and in the background we can see a wall": a new sentence
                    items.append(Item("SEP"))
                items.append(Item("BACK"))
            i = k
            continue
        if cues.contracted(tokens, i):  # "it's sitting on a table": "it", then "is"
            items.append(Item("NP", np=NounPhrase("", CONTRACTED[word], 1, pronoun=True)))
            items.append(Item("COP", value=""))
            i += 1
            continue
        if cues.relative(tokens, i, items):
            if place_end >= 0 and tuple(tokens[place_end:i]) in lx.RELATIONS:
                items.pop()  # "on a road on which there are stones": the road is the background
            else:
                items.append(Item("NP", np=NounPhrase("", word, 1, pronoun=True)))
            i += 1
            continue
        pos = longest(tokens, i, lx.POSITIONS, lx.MAX_POSITION_WORDS)
        rel = longest(tokens, i, lx.RELATIONS, lx.MAX_RELATION_WORDS)
        if word == "in" and i + 1 < n and tokens[i + 1] in ("color", "colour", "colors"):
            i += 2  # "the door is green in color"
            continue
        if word == "in" and i + 1 < n:
            k = i + 1 + (tokens[i + 1] in lx.DETERMINERS or tokens[i + 1] in ("a", "one"))
            if k < n and tokens[k] in lx.HAND_WORDS:
                items.append(Item("INHAND"))
                i = k + 1
                continue
        after_thing = bool(items) and items[-1].kind in ("NP", "COP", "STATE", "ADJS")
        if (word in STATE_WORDS or (body and word in POSE_WORDS)) and after_and(tokens, i, items):
            # "wearing goggles and flying", "left arm down and slightly bent"
            after_thing = items[-2].kind in ("NP", "STATE")  # "hunched over and looking"
        pose_state = in_pose(tokens, i) if after_thing or not items else (None, i)
        if pose_state[0]:
            if not items:  # "in a squat with arms out": a person's pose
                items.append(Item("NP", np=NounPhrase("person", "person", 1, known=True)))
            items.append(Item("STATE", value=pose_state[0]))  # "is in a wide stance"
            i = pose_state[1]
            continue
        if not items and word in LEADING_POSES and (i + 1 == n or tokens[i + 1] in POSE_NEXT):
            # "standing on left leg, right arm up": a pose with no subject is a person's
            items.append(Item("NP", np=NounPhrase("person", "person", 1, known=True)))
            after_thing = True
        if word in MADE_OF_VERBS and tokens[i + 1 : i + 2] == ["of"]:
            i += 2  # "this image consists of a cube": what follows is what is drawn
            continue
        pose = body and word in POSE_WORDS and not pos
        verb = (
            not rel
            and bool(items)
            and items[-1].kind == "NP"
            and starts_predicate(tokens[i - 1], tokens, i)
        )
        described = (
            bool(items)
            and items[-1].kind in ("COP", "NP")
            and participle(word)
            and word not in COPULA  # "a dog painted red"
        )
        side = side_pose(tokens, i) if body and items and items[-1].kind == "NP" else i
        if side > i:
            items.append(Item("STATE", value=" ".join(tokens[i:side])))  # "left arm to the side"
            i = side
            continue
        after = bool(items) and items[-1].kind in THING_ITEMS
        linked = linking_verb(tokens, i) if after else i
        if linked > i:
            items.append(Item("COP", value=copula_subject(tokens, i, items)))
            i = linked  # "the child looks sad", "the dog seems to be tired"
            continue
        if word in ("both", "all") and after and state_next(tokens, i + 1):
            i += 1  # "legs both bent", "they are all wearing"
            continue
        if word in ("while", "whilst") and items and state_next(tokens, i + 1):
            i += 1  # "smiling while crying": one more state of the sentence's subject
            subject_state = True
            continue
        dressed = dressed_in(tokens, i) if after_thing else i
        if dressed > i:
            items.append(Item("STATE", value=" ".join(tokens[i:dressed])))  # "dressed in black"
            i = dressed
            continue
        acted = cues.activity(tokens, i) if after_thing else i
        if acted > i:  # "doing a kickflip", "doing yoga": what it does, not a thing
            items.append(Item("STATE", value=" ".join(tokens[i:acted])))
            i = acted
            continue
        used = word in ("using", "uses") and bool(items) and items[-1].kind in ("NP", "COP")
        used = used and cues.person_before(items)  # "a man (is) using a laptop": what he does
        if after_thing and (
            word in STATE_WORDS or is_state(word, rel) or pose or verb or described or used
        ):
            k = i + 1
            while (
                k < n
                and tokens[k] in STATE_PARTICLES
                and k - i < 3
                and not cues.starts_place(tokens, k)
            ):  # "sitting down", "hunched over", but "walking down the street" is a place
                k += 1
            k = state_tail(tokens, k)  # "down to the side", "tilted to their right"
            k = degree_tail(tokens, k)  # "bent a little"
            items.append(Item("STATE", value=" ".join(tokens[i:k]), reverse=subject_state))
            subject_state = False
            if rel and k == i + 1:  # "sitting on": the state, then the relation
                pred, reverse = lx.RELATIONS[tuple(tokens[i : i + rel])]
                items.append(Item("REL", value=pred, reverse=reverse))
                i += rel
            else:
                i = k
            continue
        clock = read_number(tokens, i) if items else (None, i)
        if clock[0] is not None and tokens[clock[1] : clock[1] + 1] == ["o'clock"]:
            if items[-1].kind == "STATE" and items[-1].value in ("showing", "reading"):
                items.pop()  # "a clock showing three o'clock"
            items.append(Item("STATE", value=f"showing {clock[0]} o'clock"))  # a clock's time
            i = clock[1] + 1
        elif word in lx.COMPARATIVES and tokens[i + 1 : i + 2] == ["than"] and items:
            mine, other = lx.COMPARATIVES[word]  # "a giraffe taller than a tree": side by
            items.append(Item("ADJS", attrs={"size": mine}))  # side, big and small
            items.append(Item("REL", value="next to", value2=other))
            i += 2
        elif pos and pos >= rel:
            items.append(Item("POS", value=lx.POSITIONS[tuple(tokens[i : i + pos])]))
            i += pos
        elif rel:
            pred, reverse = lx.RELATIONS[tuple(tokens[i : i + rel])]
            if pred == "inside" and cues.looking(items):
                pred = "next to"  # "looking into a mirror": facing it, not in it
            items.append(Item("REL", value=pred, reverse=reverse))
            i += rel
        elif verb_rel := cues.verb_relation(tokens, i, items):
            pred, reverse, size = verb_rel
            items.append(Item("REL", value=pred, reverse=reverse))
            i += size
        elif word in lx.BETWEEN_WORDS:
            items.append(Item("BETWEEN"))
            i += 1
        elif word in SEPARATORS:
            items.append(Item("SEP"))
            i += 1
        elif word in NEG_WORDS and _not_a_look(tokens, i):
            i += 2  # "a dog that is not brown": drawn with no colour asked, never brown
        elif word in NEG_WORDS:
            items.append(Item("NEG"))
            i += 1
        elif word in AND_WORDS or word == "with" or cues.has(tokens, i, items):
            conj = "and" if word in AND_WORDS else "with"
            said = word if word in (",", "or", "nor") else ""  # "no cats or dogs": one list
            items.append(Item("CONJ", value=conj, value2=said))
            i += 1
        elif word == "of":
            items.append(Item("OF"))
            i += 1
        elif word in COPULA:
            items.append(Item("COP", value=copula_subject(tokens, i, items)))
            i += 1
        elif cues.set_of(tokens, i, items):
            i += 3  # "cocktail napkins, white, set of four"
        elif starts_phrase(tokens, i):
            start = i
            item, i = read_phrase(tokens, i, extras)
            item, i = cues.kinds_of(item, tokens, i, extras)  # "nine breeds of dogs": nine dogs
            item = cues.material_thing(item, tokens, i, items)
            item = listed_colour_noun(item, tokens, start, i)  # "a pear, orange, and a fig"
            item = cues.degree_description(item, tokens, start, i, items)
            if item is not None:
                items.append(item)
                if item.np is not None:
                    body = item.np.name.rpartition(" ")[2] in BODY_PARTS
                    extras.things.update((item.np.name, lx.singular(item.np.word)))
        else:
            i += 1
    return items


def _not_a_look(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` says what a thing does not look like ("is not brown", "not
    big"): "not" before a colour or an adjective that no noun follows."""
    if tokens[i] != "not" or i + 1 >= len(tokens):
        return False
    word = tokens[i + 1]
    if lx.color_of(word) is None and word not in lx.ADJECTIVES:
        return False
    after = tokens[i + 2] if i + 2 < len(tokens) else ""
    return not (after.isalpha() and lx.singular(after) in lx.KNOWN_NOUNS)
