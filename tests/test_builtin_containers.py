"""The built-in engine's drawn household, work, town and small things, and containers drawn
with what they hold ("a glass of water")."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.engines.builtin.artwork import (
    artwork_for,
    has_artwork,
    load_artwork,
    render_artwork,
)
from jupyter_imagechat.engines.builtin.catalogue import ARTWORK, CONTENTS_COLOURS
from jupyter_imagechat.engines.builtin.painted import SHAPES

ROOT = Path(__file__).resolve().parents[1]
DRAWN = [
    "tape", "toothpaste", "paint tube", "milk carton", "clay", "jack in the box",
    "chest of drawers", "pliers", "pyjamas", "iron", "music stand", "mail bag", "tray",
    "cash register", "beehive", "binoculars", "swimming pool", "running track", "big ben",
    "glass", "jug", "paint roller", "saw and plank", "fire station", "police station", "library",
    "cinema", "cafe", "restaurant", "garage", "theatre", "phone box", "weather vane", "cart",
    "rubber duck", "rattle", "board game", "spirit level", "tape dispenser", "grapefruit",
    "fish finger", "slug", "dragonfly", "pine cone", "earring", "bubble wand", "kaleidoscope",
    "rocking horse", "dolls house", "tree house", "handprint", "drill", "roof", "pagoda", "thistle",
    "typewriter", "gramophone", "spear", "chariot", "totem pole", "trombone", "clarinet",
    "golf club", "canvas", "sticker", "certificate", "timetable", "sandpit", "maths counter",
    "moth", "rolling pin", "egg cup", "spatula", "tongs", "piggy bank",
    "snow globe", "life jacket", "plasticine", "ice lolly", "sleeping bag", "bird house",
    "lego brick", "building block", "carrot nose", "scarecrow", "pirate ship", "viking ship",
    "guinea pig", "sea lion",
]  # fmt: skip


def _share_near(image: object, rgb: tuple[int, int, int], tol: int = 18) -> float:
    """Share of the opaque pixels within ``tol`` of ``rgb`` on every channel."""
    px = np.asarray(image, dtype=np.int16)
    opaque = px[..., 3] > 200
    near = (np.abs(px[..., :3] - np.array(rgb)) <= tol).all(axis=-1) & opaque
    return float(near.sum()) / max(int(opaque.sum()), 1)


@pytest.mark.parametrize("name", DRAWN)
def test_each_drawn_thing_is_a_picture_with_a_body_and_detail(name):
    assert has_artwork(name), name  # not a card
    assert name not in ARTWORK, name  # drawn, not an emoji
    image = load_artwork(name)  # cropped to what is drawn
    alpha = np.asarray(image.getchannel("A"))
    assert (alpha > 200).mean() > 0.05, name  # fills its box, not a few stray strokes
    colours = {tuple(int(c) // 32 for c in px[:3]) for px in np.asarray(image)[alpha > 200]}
    assert len(colours) >= 3, name  # an outline, a fill and some detail


def test_every_job_emblem_the_roles_table_wants_is_drawn():
    roles = json.loads((ROOT / "jupyter_imagechat/planner/data/roles.json").read_text("utf-8"))
    wanted = {role["wanted"] for role in roles["roles"] if "wanted" in role}
    assert {"mail bag", "tray", "cash register", "beehive", "binoculars"} <= wanted
    assert [w for w in sorted(wanted) if not has_artwork(w)] == []


def test_a_glass_is_a_clear_drinking_glass_not_a_whisky_tumbler():
    assert artwork_for("glass") == "glass"
    assert "glass" not in ARTWORK
    assert ARTWORK["whisky glass"] == "\N{TUMBLER GLASS}"


def test_a_container_is_drawn_filled_with_its_contents():
    assert artwork_for("glass", {"contents": "water"}) == "glass of water"
    assert artwork_for("jar", {"contents": "red jam"}) == "jar of jam"  # the stuff's own word
    assert artwork_for("pot", {"contents": "glue"}) == "pot of glue"
    assert artwork_for("tube", {"contents": "paint"}) == "tube of paint"
    assert artwork_for("pot", {"kind": "yoghurt"}) == "yoghurt pot"  # drawn filled
    assert "water jug" in SHAPES  # a jug named by what it holds
    water = CONTENTS_COLOURS["water"]
    full, empty = render_artwork("glass of water", 96, 128), render_artwork("glass", 96, 128)
    assert _share_near(full, water) > 0.3  # most of the glass is water
    assert _share_near(empty, water) < 0.05
    yoghurt = CONTENTS_COLOURS["yoghurt"]
    assert _share_near(render_artwork("yoghurt pot", 96, 128), yoghurt, 4) > 0.1
    jam = render_artwork("jar of jam", 96, 128)
    assert _share_near(jam, CONTENTS_COLOURS["jam"]) > 0.3


def test_contents_with_no_drawn_fill_keep_the_plain_picture():
    assert artwork_for("pot") == "pot"
    assert "pot" in ARTWORK
    assert artwork_for("pot", {"contents": "stew"}) == "pot"
    assert artwork_for("bucket", {"contents": "sand"}) == "bucket"  # no filled bucket drawn
    assert "tube" not in SHAPES
    assert "glass of gravel" not in SHAPES
    assert "cup of water" not in SHAPES
    assert "counter" not in SHAPES  # a shop's counter is not a maths counter


def test_a_glass_of_water_is_drawn_and_its_contents_never_called_kept():
    turn = Conversation(engine="builtin", size=160, seed=1).send("a glass of water", mask=None)
    assert turn.verdict is not None
    findings = {f.constraint: f for f in turn.verdict.findings}
    assert not any(f.reason.startswith("no picture for") for f in turn.verdict.findings)
    contents = [f for c, f in findings.items() if "contents" in c]
    assert contents
    assert all(f.status == "unknown" for f in contents)
    image = np.asarray(turn.image.convert("RGB"), dtype=np.int16)
    water = np.array(CONTENTS_COLOURS["water"])
    assert ((np.abs(image - water) <= 18).all(axis=-1)).sum() > 100  # the water is there


@pytest.mark.parametrize("prompt", ["a yoghurt pot next to a cup", "a glue pot next to a mug"])
def test_a_pot_named_by_what_it_holds_is_no_bigger_than_a_cup(prompt: str) -> None:
    """A yoghurt pot was sized as a cooking pot: bigger than the cup beside it."""
    scene = Conversation(size=128).send(prompt).scene
    pot, other = (next(b.box for b in scene.boxes_of(e.id)) for e in scene.entities)
    assert pot is not None
    assert other is not None
    assert pot[2] - pot[0] <= (other[2] - other[0]) * 1.05
    assert pot[3] - pot[1] <= (other[3] - other[1]) * 1.05
