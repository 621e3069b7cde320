"""Under a thing in the air means on the ground below it, not hanging from it: "tents
under a balloon", "a dog under a kite". The layout stands what is under on the ground,
wholly below what flies, and the drawn picture breaks no world rule."""

from __future__ import annotations

import pytest

from jupyter_imagechat.checker import check
from jupyter_imagechat.engines import create_engine
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.hosts import support_of
from jupyter_imagechat.scene import Entity, Relation, SceneGraph

ENGINE = create_engine("builtin")
KINDS = ("support", "overlap", "legibility", "frame")


def _plan(thing: str, count: int, flier: str) -> SceneGraph:
    return SceneGraph(
        entities=[Entity("e1", thing, count), Entity("e2", flier, 1)],
        relations=[Relation("e1", "under", "e2")],
        background="park",
    )


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize(
    ("thing", "count", "flier"),
    [("tent", 2, "balloon"), ("dog", 1, "kite"), ("tulip", 4, "moon"), ("bench", 1, "eagle")],
)
def test_what_is_under_a_flying_thing_stands_on_the_ground_below_it(
    thing: str, count: int, flier: str, seed: int
) -> None:
    plan = _plan(thing, count, flier)
    assert support_of(plan)["e1"] == "ground"
    scene = arrange(plan, seed=seed)
    boxes = {(b.entity, b.index): b.box for b in scene.layout}
    sky = boxes[("e2", 0)]
    for i in range(count):
        below = boxes[("e1", i)]
        assert below[1] >= sky[3], f"{thing} {i} hangs into the {flier}: {below} vs {sky}"
    result = ENGINE.draw(scene, seed=seed, settings={"width": 512, "height": 512})
    bad = [f"{f.kind}: {f.constraint} ({f.reason})" for f in check(scene, result).findings
           if f.kind in KINDS and f.status == "violated"]  # fmt: skip
    assert bad == []
