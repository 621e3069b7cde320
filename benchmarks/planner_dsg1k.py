"""Score the rules planner against DSG-1k's question tuples (no images needed).

Run from the project root::

    python benchmarks/planner_dsg1k.py [--data ../shared/data/dsg1k] [--show 20]

DSG-1k (Cho et al., "Davidsonian Scene Graph", 1,060 free-form prompts) breaks each prompt
into tuples: entities, attributes and relations. This script plans every prompt with the rules
planner and prints the recall of entity tuples, of attribute tuples (colour, count, size,
material, shape, texture, state) and of spatial relation tuples, the precision of planned
entities, and the median planning time.

Matching rule (documented here, the README points to it):

- **Words** are compared as lemmas: lowercase, hyphenated words whole ("t-shirt"),
  possessive owners dropped ("someone's right arm" -> "right arm"), determiners dropped,
  nouns singular (the planner's own
  ``lexicon.singular``), verbs stemmed ("leaning", "leaned", "leans" -> "lean"; a final "e"
  dropped on both sides, so "posing" and "pose" meet), material adjectives as their noun
  ("wooden" -> "wood").
- **Entity** tuple T matches a planned entity E when T's lemma phrase, its head word (last
  word) or their synonym (the planner's synonym table, and person words such as "man" ->
  "person") equals E's name or E's head word, or T's head word is one of E's attribute
  values (E = "person" with kind "man"). Among several such E, T takes the one whose
  attributes share most of T's modifiers ("red book" -> the red one; an E named exactly as T
  comes first, so "left arm" never takes a planned "right arm" over the left one), and DSG's
  numbered duplicates ("flowers_2") take the planned entities in order. T also matches the
  scene's **background** when T's lemma maps to it through the background table ("woods" ->
  forest), and "word", "text", "caption"... match the plan's texts to render when it has some
  (captions, or a ``text`` attribute: words written on a planned thing);
  "background" and "backdrop" match the scene's background when the plan sets one. Entity
  tuples are the ``entity - whole`` and ``entity - part`` rows.
- **Attribute** tuple (T, value) needs T matched to an entity E, and one content word of the
  value (as a lemma) among the lemmas of E's attribute values; colours go through the colour
  synonym table; counts (``==3``, ``>=2``, "three") compare with E's count. A colour of the
  background ("background, white") must equal the scene's background.
- **Spatial relation** tuple (S, O, predicate) needs S and O matched to entities (or O to
  the background) and a planned relation between them. S and O are the tuple's first two
  keywords; DSG lists a relation's dependencies in the order the entities were introduced,
  so the dependency ids are put in keyword order first ("stop sign is left to dog" depends
  on "dog, stop sign"). A predicate the vocabulary knows ("on top of", "beside", "wear")
  must be the same relation (or its inverse with the ends swapped: left/right, above/below,
  on/under, in front/behind); a predicate it does not know ("with", "has", "play") matches
  any planned relation between the two. The vocabulary is the planner's relation table plus
  a few DSG spellings (``EXTRA_RELATIONS``). A relation whose object is the background
  counts when the subject was planned and the background set (the planner put the subject in
  that place). With no background set, a relation to "background" ("wall, background, in")
  counts when the plan puts the subject behind something (the planner reads "in the
  background" as behind the main thing). "wear" matches either way round, because DSG writes
  it both ways ("coat, man, wear" and "man, coat, wear").
- **Written text**: a relation whose subject is a text ("word, sidewalk, on") counts when
  the object's planned entity carries a ``text`` attribute (the text is written on it).
- **Same-named things**: when DSG lists the same entity phrase in several rows ("chair
  beside chair" has two "chair" rows), the k-th row takes the k-th planned entity of that
  name; a relation whose two ends are one DSG row ("truck, truck, behind" on row 1 twice)
  counts when two planned entities of that name stand in that relation.
- **Dependencies** that name no entity row (DSG sometimes points at another relation:
  "railings, background, in" depends on "3,16" with 16 = "car, background, in") are read as
  missing, and the end is found from its keyword instead, as when no dependency is given.
- **Precision**: the share of planned entities that match some entity tuple of their prompt;
  the rest are things the planner invented ("different color" read as a thing).
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jupyter_imagechat.planner import RulesPlanner  # noqa: E402
from jupyter_imagechat.planner import lexicon as lx  # noqa: E402
from jupyter_imagechat.planner.text import PlanError  # noqa: E402
from jupyter_imagechat.scene import Entity, SceneGraph  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "dsg1k"
ATTRIBUTE_KINDS = ("color", "count", "size", "material", "shape", "texture", "state")
STOP = frozenset(lx.words("a an the of some its their his her to is are be in on at and very"))
INVERSE = {
    "left of": "right of", "right of": "left of", "above": "below", "below": "above",
    "on": "under", "under": "on", "in front of": "behind", "behind": "in front of",
    "next to": "next to",
}  # fmt: skip
EXTRA_RELATIONS = {
    "in the background": "behind", "in the background of": "behind", "beside": "next to",
    "close": "next to", "near": "next to", "in front": "in front of", "hang from": "under",
    "stand on": "on", "sit on": "on", "stand on top of": "on", "on the side of": "next to",
    "on the top of": "on", "surrounded by": "inside", "inside": "inside", "in": "inside",
}  # fmt: skip


IRREGULAR_VERBS = {
    "lying": "lie", "lies": "lie", "laying": "lay", "sat": "sit", "seated": "sit",
    "stood": "stand", "ran": "run", "flew": "fly", "flying": "fly", "flies": "fly",
    "worn": "wear", "wore": "wear", "held": "hold", "hung": "hang", "rode": "ride",
}  # fmt: skip
TEXT_WORDS = frozenset(lx.words("word text letter caption message phrase writing lettering"))
BACKGROUND_WORDS = frozenset(lx.words("background backdrop"))
WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A word of a keyword; hyphenated words stay whole ("t-shirt")."""
MATERIAL_ADJECTIVES = {"wooden": "wood", "woolen": "wool", "woollen": "wool", "golden": "gold"}


def stem(word: str) -> str:
    """Return a crude lemma: singular nouns, verbs without -ing/-ed/-s, "wooden" -> wood."""
    word = MATERIAL_ADJECTIVES.get(word, lx.singular(word))
    if word in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[word]
    for suffix, repl in (("ying", "y"), ("ing", ""), ("ied", "y"), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + repl
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # running -> run, sitting -> sit
            return base.rstrip("e") if base.endswith("e") and len(base) > 3 else base
    return word.rstrip("e") if word.endswith("e") and len(word) > 3 else word


def lemmas(text: str) -> list[str]:
    """Return the lemmas of ``text``'s content words (possessive owner dropped)."""
    text = text.lower().strip()
    text = re.split(r"'s |s' ", text)[-1]
    return [stem(w) for w in WORD.findall(text) if w not in STOP]


def variants(phrase: str) -> set[str]:
    """Return the strings an entity phrase may match: lemma phrase, head, synonyms."""
    words = lemmas(phrase)
    if not words:
        return set()
    raw = [lx.singular(w) for w in WORD.findall(phrase.lower()) if w not in STOP]
    out = {" ".join(words), words[-1], " ".join(raw), raw[-1] if raw else ""}
    for v in list(out):
        if v in lx.SYNONYMS:
            out.add(lx.SYNONYMS[v])
        if v in lx.PERSON_WORDS:
            out.add("person")
    return out - {""}


@dataclass
class Planned:
    """A planned scene prepared for matching."""

    scene: SceneGraph
    keys: dict[str, set[str]] = field(default_factory=dict)
    attrs: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for e in self.scene.entities:
            self.keys[e.id] = {e.name, e.name.split()[-1], stem(e.name.split()[-1])}
            words = {stem(w) for v in e.attributes.values() for w in re.findall(r"[a-z0-9]+", v)}
            self.attrs[e.id] = words | set(e.attributes.values())

    def find(self, phrase: str, occurrence: int = 1) -> Entity | str | None:
        """Return the entity ``phrase`` names, ``"background"``, or None.

        ``occurrence`` counts entity rows with this same phrase so far: the second "chair"
        row of "chair beside chair" takes the second planned chair.
        """
        ordinal = re.search(r"_(\d+)\s*$", phrase)
        phrase = phrase[: ordinal.start()] if ordinal else phrase
        want = variants(phrase)
        found = [
            e
            for e in self.scene.entities
            if want & self.keys[e.id] or (want & self.attrs[e.id] and e.name == "person")
        ]
        if found:
            if ordinal and len(found) > 1:  # "flowers_2": the second planned flowers
                return found[min(int(ordinal.group(1)), len(found)) - 1]
            same = [e for e in found if e.name == found[0].name]
            if occurrence > 1 and len(same) >= occurrence:
                return same[occurrence - 1]
            modifiers = set(lemmas(phrase)[:-1])  # "red book": the book that is red
            return max(
                found,  # "left arm": the planned left arm before the right arm
                key=lambda e: (e.name in want, len(modifiers & self.attrs[e.id])),
            )
        written = any("text" in e.attributes for e in self.scene.entities)
        if (self.scene.texts or written) and want & TEXT_WORDS:
            return "text"
        bg = self.scene.background
        if want & BACKGROUND_WORDS and not bg:
            return "depth"  # "trees in the background" with no background: see match_relation
        if bg:
            if want & BACKGROUND_WORDS:
                return "background"
            for v in want:
                if v in bg or lx.BACKGROUNDS.get(tuple(v.split())) == bg:
                    return "background"
        return None


def match_attribute(planned: Planned, kind: str, ent: Entity, value: str) -> bool:
    """Whether entity ``ent`` carries the attribute ``value`` of ``kind``."""
    if kind == "count":
        m = re.match(r"\s*(==|>=|<=|>|<)?\s*(\d+)", value)
        if m:
            op, n = m.group(1) or "==", int(m.group(2))
            return {
                "==": ent.count == n, ">=": ent.count >= n, "<=": ent.count <= n,
                ">": ent.count > n, "<": ent.count < n,
            }[op]  # fmt: skip
        words = value.lower().split()
        nums = [lx.NUMBER_WORDS[w] for w in words if w in lx.NUMBER_WORDS]
        return ent.count == nums[0] if nums else ent.count > 1
    have = planned.attrs[ent.id]
    if kind == "color":
        colours = {lx.color_of(w) or w for w in re.findall(r"[a-z]+", value.lower())}
        return bool(colours & have)
    return bool(set(lemmas(value)) & have)


def match_relation(planned: Planned, subj: object, obj: object, pred: str) -> bool:
    """Whether the plan relates ``subj`` to ``obj`` as ``pred`` says."""
    if [stem(w) for w in pred.lower().split()] == ["wear"] and subj is not obj:
        # DSG writes "wear" both ways ("coat, man, wear" and "man, coat, wear")
        return _match_relation(planned, subj, obj, pred) or _match_relation(
            planned, obj, subj, pred
        )
    return _match_relation(planned, subj, obj, pred)


def _match_relation(planned: Planned, subj: object, obj: object, pred: str) -> bool:
    if subj == "text":  # "word, sidewalk, on": the text written on the sidewalk
        return isinstance(obj, Entity) and "text" in obj.attributes
    if subj is None or obj is None or subj == "background":
        return False
    if obj == "background":
        return True
    if obj == "depth":  # "X in the background": X planned behind something
        return isinstance(subj, Entity) and any(
            (r.subject == subj.id and r.predicate == "behind")
            or (r.object == subj.id and r.predicate == "in front of")
            for r in planned.scene.relations
        )
    if not (isinstance(subj, Entity) and isinstance(obj, Entity)):
        return False
    key = tuple(pred.lower().split())
    known = lx.RELATIONS.get(key)
    if known is None and pred.lower() in EXTRA_RELATIONS:
        known = (EXTRA_RELATIONS[pred.lower()], False)
    if known is None:
        known_stem = lx.RELATIONS.get(tuple(stem(w) for w in key))
        known = known_stem
    for rel in planned.scene.relations:
        pair = (rel.subject, rel.object)
        if known is None:
            if set(pair) == {subj.id, obj.id}:
                return True
            continue
        want, reverse = known
        s, o = (obj.id, subj.id) if reverse else (subj.id, obj.id)
        if pair == (s, o) and rel.predicate == want:
            return True
        if pair == (o, s) and rel.predicate == INVERSE.get(want):
            return True
    return False


def match_twins(planned: Planned, ent: Entity, pred: str) -> bool:
    """ "truck behind truck" whose two ends DSG gave one entity row: any two planned
    entities named like ``ent`` in that relation."""
    twins = [e for e in planned.scene.entities if e.name == ent.name]
    return any(match_relation(planned, a, b, pred) for a in twins for b in twins if a is not b)


def load(data: Path) -> dict[str, tuple[str, list[dict[str, str]]]]:
    """Read the CSV into ``{item_id: (prompt, rows)}``."""
    items: dict[str, tuple[str, list[dict[str, str]]]] = {}
    with open(data / "dsg-1k-anns.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            items.setdefault(row["item_id"], (row["text"], []))[1].append(row)
    return items


def split_keywords(text: str) -> list[str]:
    """Split a tuple's keywords on commas."""
    return [k.strip() for k in text.split(",")]


def _ordered_ends(deps: list[str], keys: list[str], by_id: dict[str, dict[str, str]]) -> list[str]:
    """Return the dependency ids of a relation as (subject, object).

    DSG lists a relation's dependencies in the order its entities were introduced, not
    always subject first ("stop sign is left to dog" depends on "1,2" with 1 = dog); the
    keywords give the order.
    """
    deps = [d.strip() for d in deps]
    if len(deps) >= 2 and len(keys) >= 2:
        first, second = (by_id.get(d, {}).get("keywords", "") for d in deps[:2])
        subj, obj = variants(keys[0]), variants(keys[1])
        if variants(first) & obj and variants(second) & subj and not variants(first) & subj:
            return [deps[1], deps[0], *deps[2:]]
    return deps


def evaluate(items: dict[str, tuple[str, list[dict[str, str]]]]) -> dict[str, object]:
    """Plan every prompt and score it; return counters, times and misses."""
    planner = RulesPlanner()
    hits: dict[str, list[bool]] = defaultdict(list)
    misses: dict[str, list[str]] = defaultdict(list)
    times: list[float] = []
    planned_total = planned_ok = errors = 0
    for prompt, rows in items.values():
        t0 = time.perf_counter()
        try:
            scene = planner.plan(prompt)
        except PlanError:
            scene, errors = SceneGraph(), errors + 1
        times.append((time.perf_counter() - t0) * 1000)
        planned = Planned(scene)
        by_id = {r["proposition_id"]: r for r in rows}
        found: dict[str, object] = {}
        used: set[str] = set()
        seen: dict[str, int] = defaultdict(int)
        for r in rows:
            if r["category_broad"] == "entity":
                seen[r["keywords"].strip().lower()] += 1
                got = planned.find(r["keywords"], seen[r["keywords"].strip().lower()])
                found[r["proposition_id"]] = got
                hits["entity"].append(got not in (None, "depth"))
                if isinstance(got, Entity):
                    used.add(got.id)
                if got in (None, "depth"):
                    misses["entity"].append(f"{r['keywords']!r} in {prompt[:80]!r}")
        for r in rows:
            kind = r["category_detailed"]
            if (r["category_broad"], kind) in (("attribute", k) for k in ATTRIBUTE_KINDS) or (
                r["category_broad"] == "other" and kind == "count"
            ):
                keys = split_keywords(r["keywords"])
                dep = by_id.get(r["dependency"].split(",")[0])
                dep_id = dep["proposition_id"] if dep else ""
                ent = found[dep_id] if dep_id in found else planned.find(keys[0])
                value = ", ".join(keys[1:])
                if ent == "background" and kind == "color":
                    colour = value.lower().strip()
                    ok = (lx.color_of(colour) or colour) == scene.background
                else:
                    ok = isinstance(ent, Entity) and match_attribute(planned, kind, ent, value)
                hits[f"attr:{kind}"].append(ok)
                hits["attribute"].append(ok)
                if not ok:
                    misses["attribute"].append(f"{kind} {r['keywords']!r} in {prompt[:80]!r}")
            elif r["category_broad"] == "relation" and kind == "spatial":
                keys = split_keywords(r["keywords"])
                deps = _ordered_ends(r["dependency"].split(","), keys, by_id)
                if len(deps) < 2 or len(keys) < 2:
                    ends = [planned.find(k) for k in [*keys, ""][:2]]
                else:  # a dependency that is no entity row: find the keyword instead
                    ends = [
                        found[d] if d in found else planned.find(k)
                        for d, k in zip(deps[:2], keys[:2], strict=True)
                    ]
                ok = len(keys) >= 3 and match_relation(planned, ends[0], ends[1], keys[-1])
                if not ok and len(keys) >= 3 and ends[0] is ends[1] and isinstance(ends[0], Entity):
                    ok = match_twins(planned, ends[0], keys[-1])
                hits["spatial"].append(ok)
                if not ok:
                    misses["spatial"].append(f"{r['keywords']!r} in {prompt[:80]!r}")
        planned_total += len(scene.entities)
        planned_ok += len(used)
    return {
        "hits": hits,
        "misses": misses,
        "times": times,
        "precision": (planned_ok, planned_total),
        "errors": errors,
    }


TARGETS = {"entity": 0.90, "attribute": 0.80, "spatial": 0.75}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="DSG-1k folder")
    parser.add_argument("--show", type=int, default=0, help="misses to print per kind")
    args = parser.parse_args(argv)
    if not (args.data / "dsg-1k-anns.csv").is_file():
        print(f"DSG-1k data not found in {args.data}; pass --data", file=sys.stderr)
        return 2
    items = load(args.data)
    out = evaluate(items)
    hits: dict[str, list[bool]] = out["hits"]  # type: ignore[assignment]
    print(f"{len(items)} prompts, {out['errors']} with nothing planned")
    print(f"{'tuples':<18}{'count':>7}{'matched':>9}{'recall':>9}{'target':>9}")
    for key in ("entity", "attribute", *(f"attr:{k}" for k in ATTRIBUTE_KINDS), "spatial"):
        ok = hits.get(key, [])
        if not ok:
            continue
        target = f"{TARGETS[key]:.0%}" if key in TARGETS else ""
        print(f"{key:<18}{len(ok):>7}{sum(ok):>9}{sum(ok) / len(ok):>9.1%}{target:>9}")
    good, total = out["precision"]  # type: ignore[misc]
    print(
        f"entity precision: {good}/{total} = {good / max(total, 1):.1%} of planned entities "
        "match a DSG entity tuple"
    )
    times: list[float] = out["times"]  # type: ignore[assignment]
    print(f"median {statistics.median(times):.3f} ms per prompt (target <= 1 ms)")
    misses: dict[str, list[str]] = out["misses"]  # type: ignore[assignment]
    for kind, lines in misses.items():
        for line in lines[: args.show]:
            print(f"MISS {kind}: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
