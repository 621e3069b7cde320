"""Issue 4 gaps: things stand on the ground, "inside" reads right, removing leaves no
shadow."""

from __future__ import annotations

import numpy as np
import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.checker.check import check
from jupyter_imagechat.engines.base import DrawnObject, Result
from jupyter_imagechat.engines.builtin import BuiltinEngine, artwork
from jupyter_imagechat.engines.builtin import backgrounds as bg
from jupyter_imagechat.engines.builtin import draw as builtin_draw
from jupyter_imagechat.layout.arrange import arrange
from jupyter_imagechat.layout.ground import FOOTING
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import Box, Entity, Relation, SceneGraph
from jupyter_imagechat.vocab import world

planner = RulesPlanner()
SIZE = 256
FEET = world.HORIZON + FOOTING - 0.02  # less the layout's small jitter


def laid(text: str, seed: int = 0) -> SceneGraph:
    return arrange(planner.plan(text), seed=seed)


def boxes(scene: SceneGraph, name: str) -> list[tuple[float, float, float, float]]:
    ids = {e.id for e in scene.entities if e.name == name}
    return [tuple(b.box) for b in scene.layout if b.entity in ids]


def draw(scene: SceneGraph) -> Result:
    return BuiltinEngine().draw(scene, settings={"width": SIZE, "height": SIZE})


def test_the_engine_and_the_layout_share_one_ground_and_one_sky() -> None:
    """No copies to keep in step: the engine's ground line and sky things are vocab.world's."""
    assert bg.ground_level is world.ground_level
    assert bg.HORIZON is world.HORIZON
    assert builtin_draw.IN_THE_AIR is world.IN_THE_AIR
    assert artwork.IN_THE_AIR is world.IN_THE_AIR
    assert set(world.HORIZONS) <= set(bg.BACKGROUNDS), "every listed horizon is painted"
    for key in [*bg.BACKGROUNDS, "the beach", None, "forest at night", "a volcano"]:
        line = world.ground_level(key)
        expected = None if world.place_of(key) in world.SWIMMING else line
        assert world.horizon(key) == expected, key
    assert world.horizon("underwater") is None  # under water things swim
    assert world.ground_level("underwater") == 0.82  # above a painted sea floor
    assert world.horizon("forest at night") == bg.ground_level("forest at night") == 0.55
    assert world.ground_level("a volcano") == world.HORIZON  # no painting: the default


@pytest.mark.parametrize("key", sorted(k for k in bg.BACKGROUNDS if world.ground_level(k)))
def test_each_background_paints_its_ground_at_the_shared_line(key: str) -> None:
    line = world.ground_level(key)
    assert line is not None
    picture = np.asarray(bg.make_background(key, 160, 200), dtype=float)
    row = round(line * 200)
    edge = np.abs(picture[row - 3].mean(axis=0) - picture[row + 2].mean(axis=0)).sum()
    assert edge > 30, f"{key}: no ground edge at {line}"


def test_a_place_at_a_time_of_day_is_the_place_in_that_light() -> None:
    forest = np.asarray(bg.make_background("forest", SIZE, SIZE), dtype=float)
    night = np.asarray(bg.make_background("forest at night", SIZE, SIZE), dtype=float)
    sunset = np.asarray(bg.make_background("forest at sunset", SIZE, SIZE), dtype=float)
    ground_rows = slice(round(0.6 * SIZE), SIZE)
    assert night[ground_rows].mean() < 0.6 * forest[ground_rows].mean()  # darker ground
    sky = night[: round(0.5 * SIZE)]
    assert sky[..., 2].mean() > sky[..., 0].mean()  # a blue night sky...
    assert (sky.min(axis=-1) > 200).sum() > 20  # ...with stars
    warm = sunset[: round(0.5 * SIZE)]
    assert warm[..., 0].mean() > forest[: round(0.5 * SIZE), ..., 0].mean()  # a warmer sky
    assert bg.make_background("forest at day", SIZE, SIZE).tobytes() == forest.astype(
        np.uint8
    ).tobytes()



@pytest.mark.parametrize(
    "text",
    [
        "three red apples left of a blue bowl",
        "a cat",
        "two dogs",
        "a car left of a tree",
        "a giraffe next to an elephant",
        "a pizza, a hot dog and a sandwich",
        "a cup left of a book and a pencil right of the book",
    ],
)
def test_standing_things_rest_on_the_ground_with_a_shadow(text: str) -> None:
    scene = laid(text)
    for b in scene.layout:
        assert FEET <= b.box[3] <= 0.95 + 1e-6, (b, "bottom not on the ground band")
    result = draw(scene)
    assert check(scene, result).ok
    for obj in result.objects:
        assert obj.shadow is not None, f"{obj.name} casts no shadow: it hangs in the air"


def test_sky_things_stay_above_and_relations_hold() -> None:
    scene = laid("a bird above a dog")
    (bird,), (dog,) = boxes(scene, "bird"), boxes(scene, "dog")
    assert bird[3] <= dog[1], "the bird is higher than the dog"
    assert dog[3] >= FEET
    objs = {o.name: o for o in draw(scene).objects}
    assert objs["bird"].shadow is None
    assert objs["dog"].shadow is not None
    # two standing things one above the other: both on the ground, the first further back
    scene = laid("a car above a dog")
    (car,), (dog,) = boxes(scene, "car"), boxes(scene, "dog")
    assert car[3] <= dog[1]
    assert car[3] >= FEET


def test_things_on_others_are_not_pulled_to_the_ground() -> None:
    scene = laid("a cat on a table")
    (cat,), (table,) = boxes(scene, "cat"), boxes(scene, "dining table")
    assert table[3] >= FEET
    assert cat[3] < table[3] - 0.1, "the cat stays on the table"


def test_no_ground_in_space() -> None:
    scene = laid("a cat in space")
    (cat,) = boxes(scene, "cat")
    assert abs((cat[1] + cat[3]) / 2 - 0.5) < 0.05, "centred: nothing stands in space"


def test_user_boxes_are_kept_and_a_new_thing_lands_on_the_ground() -> None:
    high = (0.1, 0.1, 0.3, 0.3)  # a dog put in the sky in the plan editor
    scene = SceneGraph(
        entities=[Entity("e1", "dog", 1), Entity("e2", "cat", 1)], layout=[Box("e1", 0, high)]
    )
    out = arrange(scene)
    assert tuple(out.boxes_of("e1")[0].box) == high
    cat = out.boxes_of("e2")[0].box
    assert cat[3] >= FEET


def test_a_thing_in_a_container_sticks_out_of_it_and_is_hidden_below_the_rim() -> None:
    scene = laid("a sunflower in a vase")
    result = draw(scene)
    objs = {o.name: o for o in result.objects}
    flower, vase = objs["sunflower"], objs["vase"]
    assert flower.box[1] < vase.box[1], "the flower head shows above the vase"
    assert vase.box[1] < flower.box[3] <= vase.box[3], "its lower part is in the vase"
    # where the vase's front is, below its rim, the flower is hidden
    x0, y0 = max(flower.box[0], vase.box[0]), max(flower.box[1], vase.box[1]) + 4
    x1, y1 = min(flower.box[2], vase.box[2]), flower.box[3]
    fx, fy, vx, vy = flower.box[0], flower.box[1], vase.box[0], vase.box[1]
    f = flower.mask[y0 - fy : y1 - fy, x0 - fx : x1 - fx]
    v = vase.mask[y0 - vy : y1 - vy, x0 - vx : x1 - vx]
    assert v.any()
    assert not (f & v).any()
    assert check(scene, result).ok


def _objs(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> list[DrawnObject]:
    return [DrawnObject("e2", 0, "vase", b), DrawnObject("e1", 0, "rose", a)]


@pytest.mark.parametrize(
    ("rose", "ok"),
    [
        ((40, 10, 60, 70), True),  # sticks out of the top, bottom inside: in the vase
        ((40, 40, 60, 90), True),  # wholly inside
        ((40, 10, 60, 45), False),  # above the vase, not in it
        ((90, 60, 120, 80), False),  # beside it
    ],
)
def test_checker_inside_rule(rose: tuple[int, int, int, int], ok: bool) -> None:
    plan = SceneGraph(
        entities=[Entity("e1", "rose", 1), Entity("e2", "vase", 1)],
        relations=[Relation("e1", "inside", "e2")],
    )
    result = Result(image=None, objects=_objs(rose, (30, 50, 80, 100)))  # type: ignore[arg-type]
    (finding,) = [f for f in check(plan, result).findings if f.constraint == "rose inside vase"]
    assert finding.status == ("satisfied" if ok else "violated")


def test_removing_a_selected_thing_leaves_no_shadow() -> None:
    chat = Conversation(size=SIZE)
    chat.send("a cat left of a dog")
    cat = next(o for o in chat.history.last.objects if o.name == "cat")
    assert cat.shadow is not None
    inside = np.argwhere(cat.mask)[len(np.argwhere(cat.mask)) // 2]
    mask = chat.select_at(int(inside[1] + cat.box[0]), int(inside[0] + cat.box[1]))
    (sx0, sy0, sx1, sy1), dark = cat.shadow
    assert mask[sy0:sy1, sx0:sx1][dark].all(), "the selection covers the shadow"
    chat.mask = mask
    turn = chat.send("remove the cat")
    assert [o.name for o in turn.objects] == ["dog"]
    fresh = (
        BuiltinEngine()
        .draw(turn.scene, seed=turn.seed, settings={"width": SIZE, "height": SIZE})
        .image
    )
    assert np.array_equal(np.asarray(turn.image), np.asarray(fresh)), "a trace is left"
