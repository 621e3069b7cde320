"""What is worn sits at its place on the wearer, a part stays small on its whole, and what
is stood on lies under the rider's feet (:mod:`jupyter_imagechat.layout.body`).

Plans are made by hand, as a user would ask ("a dog wearing a hat" is a hat on a dog), so
that these tests judge the layout whatever the planner reads; each is laid out, and where
it says so drawn by the built-in engine and checked by the world model on the picture.
"""

from __future__ import annotations

import pytest

from jupyter_imagechat.checker import check, check_layout
from jupyter_imagechat.engines import create_engine
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.body import SPOTS, STOOD_ON, spot_of, stood_on
from jupyter_imagechat.scene import Entity, Relation, SceneGraph
from jupyter_imagechat.vocab.support import WORN, is_part

ENGINE = create_engine("builtin")
Rect = tuple[float, float, float, float]
WORLD = ("support", "frame", "overlap", "legibility", "size")


def plan(things: list[tuple[str, int]], relations: list[tuple[str, str, str]]) -> SceneGraph:
    """Entities ``e1``, ``e2``... of ``things`` (name, count), and relations between them."""
    ents = [Entity(f"e{i}", name, count) for i, (name, count) in enumerate(things, start=1)]
    return SceneGraph(entities=ents, relations=[Relation(*r) for r in relations])


def boxes(scene: SceneGraph, eid: str) -> list[Rect]:
    return [b.box for b in scene.boxes_of(eid)]  # type: ignore[misc]


def middle_y(box: Rect, host: Rect) -> float:
    """Where the middle of ``box`` is, as a share of ``host``'s height from its top."""
    return ((box[1] + box[3]) / 2 - host[1]) / (host[3] - host[1])


def nearest(box: Rect, hosts: list[Rect]) -> Rect:
    cx = (box[0] + box[2]) / 2
    return min(hosts, key=lambda h: abs((h[0] + h[2]) / 2 - cx))


def layout_problems(scene: SceneGraph) -> list[str]:
    return [f"{f.kind}: {f.constraint} ({f.reason})" for f in check_layout(scene).of_kind(*WORLD)
            if f.status == "violated"]  # fmt: skip


def drawn_problems(scene: SceneGraph, kinds: tuple[str, ...] = WORLD) -> list[str]:
    result = ENGINE.draw(scene, seed=0, settings={"width": 512, "height": 512})
    return [f"{f.kind}: {f.constraint} ({f.reason})" for f in check(scene, result).findings
            if f.kind in kinds and f.status == "violated"]  # fmt: skip


# -- worn things at their place on the body ------------------------------------------------
@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize(
    ("wearer", "count", "worn", "low", "high"),
    [
        ("scarecrow", 1, "hat", 0.0, 0.35),  # on the head
        ("dog", 1, "top hat", 0.0, 0.35),
        ("person", 3, "helmet", 0.0, 0.35),  # each of a crowd on its own head
        ("girl", 1, "crown", 0.0, 0.35),
        ("penguin", 1, "scarf", 0.5, 0.9),  # at the neck
        ("person", 2, "necklace", 0.5, 0.9),
        ("person", 1, "boots", 0.7, 1.0),  # at the feet
        ("snowman", 1, "carrot nose", 0.3, 0.6),  # a part: on the face
    ],
)
def test_what_is_worn_goes_at_its_place_on_the_wearer(
    wearer: str, count: int, worn: str, low: float, high: float, seed: int
) -> None:
    scene = arrange(plan([(wearer, count), (worn, count)], [("e2", "on", "e1")]), seed=seed)
    hosts = boxes(scene, "e1")
    for box in boxes(scene, "e2"):
        host = nearest(box, hosts)
        assert host[0] <= box[0] <= box[2] <= host[2]  # within its wearer
        assert host[1] <= box[1] <= box[3] <= host[3]
        assert low <= middle_y(box, host) <= high, (worn, box, host)
    assert layout_problems(scene) == []


def test_a_hat_goes_above_a_scarf_and_a_costume_covers_more_of_the_body_than_both() -> None:
    scene = arrange(plan([("person", 1), ("hat", 1), ("scarf", 1), ("costume", 1)],
                         [("e2", "on", "e1"), ("e3", "on", "e1"), ("e4", "on", "e1")]))  # fmt: skip
    person = boxes(scene, "e1")[0]
    hat, scarf, costume = (boxes(scene, e)[0] for e in ("e2", "e3", "e4"))
    assert middle_y(hat, person) < middle_y(scarf, person)
    assert costume[2] - costume[0] > max(hat[2] - hat[0], scarf[2] - scarf[0])
    assert layout_problems(scene) == []
    assert drawn_problems(scene, ("support", "frame", "size")) == []


@pytest.mark.parametrize(
    ("whole", "part"),
    [("snowman", "carrot nose"), ("snowman", "button"), ("face", "nose"), ("robot", "eye"),
     ("clown", "red nose"), ("teddy bear", "button eyes")],
)  # fmt: skip
def test_a_part_is_small_beside_its_whole(whole: str, part: str) -> None:
    """The nose of "a snowman with a carrot nose" " was drawn at 0.8 of the snowman, above it."""
    scene = arrange(plan([(whole, 1), (part, 1)], [("e2", "on", "e1")]))
    host, box = boxes(scene, "e1")[0], boxes(scene, "e2")[0]
    assert box[2] - box[0] <= 0.3 * (host[2] - host[0])
    assert host[1] <= box[1] <= box[3] <= host[3]  # on it, not on top of it
    assert drawn_problems(scene, ("support", "size")) == []


def test_a_word_for_what_a_part_is_made_of_keeps_it_a_part() -> None:
    assert all(is_part(name) for name in ("carrot nose", "button eyes", "coal buttons"))
    assert not is_part("ferris wheel")  # a thing of its own, in the size table
    assert not is_part("carrot")
    assert spot_of("straw hat") == spot_of("hat")
    assert spot_of("carrot") is None


# -- what is stood on lies under the feet ----------------------------------------------------
@pytest.mark.parametrize("seed", [0, 5])
@pytest.mark.parametrize(
    ("rider", "count", "board", "relation"),
    [
        ("person", 1, "skateboard", "rider on board"),
        ("person", 1, "snowboard", "rider on board"),
        ("dog", 1, "surfboard", "rider on board"),
        ("surfer", 1, "surfboard", "board under rider"),
        ("person", 2, "skateboard", "rider on board"),
        ("person", 1, "roller skates", "rider on board"),
    ],
)
def test_what_is_stood_on_lies_under_the_riders_feet(
    rider: str, count: int, board: str, relation: str, seed: int
) -> None:
    """The board of "a kid on a snowboard" stood upright under the child, bigger than it."""
    rel = ("e1", "on", "e2") if relation == "rider on board" else ("e2", "under", "e1")
    scene = arrange(plan([(rider, count), (board, count)], [rel]), seed=seed)
    riders = boxes(scene, "e1")
    for box in boxes(scene, "e2"):
        host = nearest(box, riders)
        wide, tall = box[2] - box[0], box[3] - box[1]
        assert tall <= STOOD_ON[board] * wide + 1e-4  # a board lies flat
        assert wide <= host[2] - host[0]  # no wider than its rider
        assert host[0] - 1e-4 <= box[0] <= box[2] <= host[2] + 1e-4  # under the rider
        assert host[3] - 1e-4 <= box[3] <= host[3] + 0.05  # where its rider stands
        assert middle_y(box, host) > 0.5  # under the feet, not beside or above
    assert layout_problems(scene) == []


@pytest.mark.parametrize("board", ["snowboard", "surfboard", "skateboard", "roller skates"])
def test_a_rider_drawn_on_its_board_stays_in_the_picture(board: str) -> None:
    scene = arrange(plan([("person", 1), (board, 1)], [("e1", "on", "e2")]))
    assert drawn_problems(scene, ("support", "frame", "overlap")) == []


def test_the_tables_name_each_noun_once_and_only_things_worn_stood_on_or_parts() -> None:
    assert all(0 <= s.y <= 1 and 0 < s.share <= 1 for s in SPOTS.values())
    assert all(0 < h <= 1 for h in STOOD_ON.values())
    assert all(stood_on(n) and not is_part(n) for n in STOOD_ON)
    assert {n for n in SPOTS if n in WORN or is_part(n)} >= {"hat", "scarf", "nose", "boots"}
