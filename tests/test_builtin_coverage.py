"""What the built-in engine covers: nouns and their words, and GenEval drawn faithfully."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.engines.builtin import artwork_names
from jupyter_imagechat.engines.builtin.artwork import artwork_for, render_artwork
from jupyter_imagechat.engines.builtin.catalogue import ARTWORK
from jupyter_imagechat.planner import lexicon

ROOT = Path(__file__).resolve().parents[1]
GENEVAL = ROOT / "tests" / "data" / "geneval"


def test_at_least_300_everyday_nouns_beyond_geneval_each_render():
    names = artwork_names()
    assert set(lexicon.COCO_NAMES) <= set(names)
    assert len(set(names) - set(lexicon.COCO_NAMES)) >= 300
    for name in names:  # every picture renders, with something visible
        alpha = np.asarray(render_artwork(name, 40, 40).getchannel("A"))
        assert (alpha > 128).sum() > 80, name


def test_the_coverage_table_lists_every_noun():
    text = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    listed = {line.split("|")[1].strip().split(" (")[0].rstrip(" †") for line in text.splitlines()
              if line.startswith("| ") and not line.startswith("| noun")}  # fmt: skip
    assert listed == set(artwork_names())


EVERYDAY = {  # prompt -> nouns drawn from artwork (synonyms, plurals, people and jobs)
    "two puppies and three kittens": {"dog", "cat"},
    "a sofa next to a fridge": {"couch", "refrigerator"},
    "some mice": {"mouse"},
    "a grandma and a grandpa": {"person"},
    "two firefighters and a police officer": {"firefighter", "police officer"},
    "a school bus and a tractor": {"school bus", "tractor"},
    "a teacher at a blackboard": {"teacher", "blackboard"},
    "a desk, a lamp and a pillow": {"desk", "lamp", "pillow"},
    "a tornado over a volcano": {"tornado", "volcano"},
    "a cactus, a tulip and a sunflower": {"cactus", "tulip", "sunflower"},
    "a castle and a lighthouse": {"castle", "lighthouse"},
    "three bees and a ladybird": {"bee", "ladybug"},
    "a waffle, a pretzel and a mango": {"waffle", "pretzel", "mango"},
    "a pencil, a ruler and a globe": {"pencil", "ruler", "globe"},
    "a red circle inside a blue square": {"circle", "square"},
    "a triangle, a hexagon and a rectangle": {"triangle", "hexagon", "rectangle"},
    "a sphere next to a cone and a cylinder": {"sphere", "cone", "cylinder"},
}


@pytest.mark.parametrize("prompt", sorted(EVERYDAY))
def test_everyday_prompts_draw_real_pictures_not_cards(prompt):
    turn = Conversation(size=128).send(prompt)
    assert {o.name for o in turn.objects} == EVERYDAY[prompt]
    assert turn.metadata["placeholders"] == []  # no labelled cards
    assert turn.verdict is not None
    assert turn.verdict.ok


KINDS = {  # prompt -> pictures drawn, one prompt per kind of classroom word (jobs, sport, ...)
    "a welder next to a plumber": {"welder", "mechanic"},  # jobs: a Noto person in that job
    "two weightlifters and a gymnast": {"weightlifter", "gymnast"},  # sport
    "a bride and a groom": {"bride", "groom"},  # roles
    "two rats and a stag": {"rat", "stag"},  # animals
    "a melon, a beetroot and a milkshake": {"melon", "beetroot", "milkshake"},  # food
    "a t-shirt, a blouse and a vest": {"t-shirt", "blouse", "vest"},  # clothing
    "a wheel, a timer and a fan": {"wheel", "timer", "fan"},  # tools and home
    "a crane and a cruise ship": {"crane", "cruise ship"},  # machines and vehicles
    "a chapel and a circus": {"chapel", "circus"},  # buildings and places
    "a sunset, some snow and a galaxy": {"sunset", "snow", "galaxy"},  # sky and weather
    "a fingerprint and a drop of blood": {"fingerprint", "blood"},  # the body
}


@pytest.mark.parametrize("prompt", sorted(KINDS))
def test_classroom_words_of_each_kind_are_drawn_as_themselves_not_cards(prompt):
    turn = Conversation(size=128).send(prompt)
    assert {artwork_for(o.name, o.attributes) for o in turn.objects} == KINDS[prompt]
    assert turn.metadata["placeholders"] == []
    assert turn.verdict is not None
    assert turn.verdict.ok


def test_a_modifier_that_names_its_own_picture_draws_that_picture():
    """'a safety vest' is the hi-vis vest, not the running vest; 'a guide dog' wears its
    harness; 'a cricket bat' is not the animal; a plain vest, dog and bat keep their own."""
    drawn = {}
    prompts = ("a man in a hi-vis jacket", "a safety vest", "a guide dog", "a cricket bat")
    for prompt in (*prompts, "a vest", "a dog", "a bat"):
        turn = Conversation(size=128).send(prompt)
        assert turn.metadata["placeholders"] == [], prompt
        drawn[prompt] = [
            artwork_for(o.name, o.attributes) for o in turn.objects if o.name != "person"
        ]
    assert drawn["a man in a hi-vis jacket"] == ["hi-vis jacket"]
    assert drawn["a safety vest"] == ["safety vest"]
    assert drawn["a guide dog"] == ["guide dog"]
    assert drawn["a cricket bat"] == ["cricket bat"]
    assert (drawn["a vest"], drawn["a dog"], drawn["a bat"]) == (["vest"], ["dog"], ["bat"])
    assert ARTWORK["safety vest"] != ARTWORK["vest"]
    assert ARTWORK["guide dog"] != ARTWORK["dog"]
    assert ARTWORK["cricket bat"] != ARTWORK["bat"]


@pytest.mark.parametrize("thing", ["walrus", "mummy", "knight"])
def test_a_thing_with_no_picture_of_its_own_stays_a_card_not_a_look_alike(thing):
    """No emoji shows a walrus (a seal is not one), a mummy (a zombie is not one) or a
    knight (a fencer is not one): the card says so, whatever else the planner adds."""
    assert thing not in ARTWORK
    turn = Conversation(size=128).send(f"a {thing}")
    names = {o.name for o in turn.objects}
    assert thing in turn.metadata["placeholders"] or thing not in names
    assert not ({"seal", "zombie", "fencer"} & names)


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "geneval_builtin", ROOT / "benchmarks" / "geneval_builtin.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_a_sample_of_geneval_is_drawn_faithfully_checked_from_the_pixels():
    """Every 8th GenEval prompt: the checker (counts, relations and positions satisfied,
    colours read from the pixels never violated), GenEval's own truth and the benchmark's
    pixel audit (each instance visible, colours as asked) all pass."""
    path = GENEVAL / "evaluation_metadata.jsonl"
    bench = _benchmark()
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()][::8]
    from jupyter_imagechat.checker.check import SATISFIED, VIOLATED, check
    from jupyter_imagechat.engines.builtin import BuiltinEngine
    from jupyter_imagechat.layout.arrange import arrange
    from jupyter_imagechat.planner import RulesPlanner

    planner, engine, size = RulesPlanner(), BuiltinEngine(), {"width": 256, "height": 256}
    for row in rows:
        scene = arrange(planner.plan(row["prompt"]), seed=0)
        result = engine.draw(scene, settings=size)
        asked = [f for f in check(scene, result).findings if getattr(f, "kind", "plan") == "plan"]
        colours = [f for f in asked if " color " in f.constraint]
        assert all(f.status == SATISFIED for f in asked if f not in colours), row["prompt"]
        assert all(f.status != VIOLATED for f in colours), row["prompt"]
        plain = None
        if any(item.get("color") for item in row["include"]):
            bare = scene.copy()
            for ent in bare.entities:
                ent.attributes.pop("color", None)
            plain = engine.draw(bare, settings=size)
        truth, pixels, why = bench.audit(row, result, plain)
        assert truth, f"{row['prompt']}: {why}"
        assert pixels, f"{row['prompt']}: {why}"
