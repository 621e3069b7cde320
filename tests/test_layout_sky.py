"""What belongs in the sky stays in the sky: the sun, clouds, a bird in flight.

The layout keeps every thing of the sky (:func:`~jupyter_imagechat.layout.hosts.in_the_sky`)
above the background's horizon whatever the seed: in a plain scene, among a diagram's
loose things (the water cycle), inside a panel with its own ground, and when an edit adds
one. The checker reports one laid below the horizon as a violated ``support`` finding
naming it, and "fix" puts it back in the sky. Things the plan puts low (a bird under a
tree, a kite held by a child, a bird asked to be at the bottom) are left where they are.
"""

from __future__ import annotations

import math

import pytest

from jupyter_imagechat.checker import check_layout
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.hosts import in_the_sky, stands
from jupyter_imagechat.layout.marks import panel_parts
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import Box, Entity, Relation, SceneGraph
from jupyter_imagechat.turns import Conversation
from jupyter_imagechat.turns.planflow import fix_targets, relayout
from jupyter_imagechat.vocab.world import horizon

planner = RulesPlanner()
SEEDS = range(21)
EPS = 1e-6


def violations(scene: SceneGraph) -> list[str]:
    return [f"{f.kind}: {f.constraint} ({f.reason})" for f in check_layout(scene).findings
            if f.status == "violated"]  # fmt: skip


def low_sky(scene: SceneGraph, line: float) -> list[str]:
    """Things of the sky whose box reaches below ``line``."""
    names = {e.id: e.name for e in scene.entities}
    sky = in_the_sky(scene)
    return [f"{names[b.entity]} {b.box}" for b in scene.layout
            if b.entity in sky and b.box[3] > line + EPS]  # fmt: skip


def middle_y(scene: SceneGraph, ids: set[str]) -> list[float]:
    return [b.center[1] for b in scene.layout if b.entity in ids]


def test_the_water_cycle_has_its_sun_and_clouds_over_its_sea_and_land_for_every_seed():
    plan = planner.plan("the water cycle")
    for seed in SEEDS:
        scene = arrange(plan, seed=seed)
        line = horizon(scene.background)
        assert line is not None, "the water cycle is drawn over a ground"
        sky, ground = in_the_sky(scene), stands(scene)
        assert {"sun", "cloud"} <= {e.name for e in scene.entities if e.id in sky}
        assert ground, "its sea and land stand on the ground"
        assert not low_sky(scene, line), f"seed {seed}: {low_sky(scene, line)}"
        assert max(middle_y(scene, sky)) < min(middle_y(scene, ground)), f"seed {seed}"
        assert not violations(scene), f"seed {seed}: {violations(scene)}"


def test_the_water_cycle_still_goes_one_way_round():
    """Its arrows make a loop; every step of the loop turns the same way about its middle,
    so the cycle reads in order (sea, clouds, rain, land, back to the sea)."""
    plan = planner.plan("the water cycle")
    order = [a.start for a in plan.arrows]
    assert [a.end for a in plan.arrows] == order[1:] + order[:1], "the recipe is a loop"
    for seed in SEEDS:
        scene = arrange(plan, seed=seed)
        centres = {}
        for eid in order:
            boxes = [b.center for b in scene.boxes_of(eid)]
            centres[eid] = (sum(p[0] for p in boxes) / len(boxes),
                            sum(p[1] for p in boxes) / len(boxes))  # fmt: skip
        mx = sum(c[0] for c in centres.values()) / len(centres)
        my = sum(c[1] for c in centres.values()) / len(centres)
        angles = [math.atan2(centres[e][1] - my, centres[e][0] - mx) for e in order]
        steps = zip(angles, angles[1:] + angles[:1], strict=True)
        turns = [(b - a) % (2 * math.pi) for a, b in steps]
        assert all(t < math.pi for t in turns) or all(t > math.pi for t in turns), seed
        assert all(a.box is not None for a in scene.arrows if a.label), "arrow words placed"


@pytest.mark.parametrize(
    "text",
    [
        "a sun and a cloud and a tractor in a field",
        "two birds, a cat and a dog in the garden",
        "a kite and a girl in the park",
        "a bird, a cloud and a cow on a farm",
        "an airplane over a house and a car in a meadow",
    ],
)
def test_things_of_the_sky_are_laid_above_the_horizon_for_every_seed(text):
    plan = planner.plan(text)
    assert in_the_sky(plan), "the scene has a thing of the sky"
    for seed in SEEDS:
        scene = arrange(plan, seed=seed)
        line = horizon(scene.background)
        assert line is not None
        assert not low_sky(scene, line), f"seed {seed}: {low_sky(scene, line)}"
        assert not violations(scene), f"seed {seed}: {violations(scene)}"


@pytest.mark.parametrize("text", ["photosynthesis", "how a rainbow forms"])
def test_a_diagrams_loose_things_of_the_sky_are_above_its_horizon(text):
    plan = planner.plan(text)
    for seed in SEEDS:
        scene = arrange(plan, seed=seed)
        line = horizon(scene.background)
        if line is None:
            pytest.skip(f"{text!r} is drawn on a plain page now")
        assert not low_sky(scene, line), f"seed {seed}: {low_sky(scene, line)}"


def test_things_of_the_sky_in_a_panel_are_above_that_panels_horizon():
    """Day and night: the night's moon and stars hang over the house, not in the grass."""
    plan = planner.plan("day and night")
    grounded = [p for p in plan.panels if horizon(p.background) is not None]
    assert grounded
    assert any(set(p.members) & in_the_sky(plan) for p in grounded)
    for seed in SEEDS:
        scene = arrange(plan, seed=seed)
        sky = in_the_sky(scene)
        for panel in scene.panels:
            line = horizon(panel.background)
            if line is None or panel.box is None:
                continue
            _, inner = panel_parts(panel.box, panel.title)
            at = inner[1] + line * (inner[3] - inner[1])
            low = [
                b
                for b in scene.layout
                if b.entity in panel.members and b.entity in sky and b.box[3] > at + EPS
            ]
            assert not low, f"seed {seed}, panel {panel.title}: {low}"  # fmt: skip


def test_a_sun_added_by_an_edit_goes_in_the_sky():
    chat = Conversation(engine="builtin", size=128, seed=0)
    chat.send("a tractor, a barn and a cow in a field", mask=None)
    turn = chat.send("add a sun", mask=None)
    scene = turn.scene
    assert scene is not None
    line = horizon(scene.background)
    assert line is not None
    sun = next(e.id for e in scene.entities if e.name == "sun")
    assert all(b.box[3] <= line + EPS for b in scene.boxes_of(sun)), scene.boxes_of(sun)


def _sunk(scene: SceneGraph, eid: str) -> SceneGraph:
    """``scene`` with every box of ``eid`` moved down into the grass."""
    out = scene.copy()
    lay = []
    for b in out.layout:
        if b.entity == eid:
            x0, y0, x1, y1 = b.box
            b = Box(b.entity, b.index, (x0, 0.94 - (y1 - y0), x1, 0.94))
        lay.append(b)
    out.layout = lay
    return out


@pytest.mark.parametrize(
    ("text", "thing"),
    [("the water cycle", "sun"), ("a bird and a dog in the park", "bird"),
     ("a sun and a cloud and a tractor in a field", "cloud")],
)  # fmt: skip
def test_a_thing_of_the_sky_laid_in_the_grass_is_reported_and_fix_repairs_it(text, thing):
    scene = arrange(planner.plan(text), seed=0)
    eid = next(e.id for e in scene.entities if e.name == thing)
    assert not violations(scene)
    sunk = _sunk(scene, eid)
    verdict = check_layout(sunk)
    found = [f for f in verdict.findings if f.status == "violated" and eid in f.entities]
    assert [f.kind for f in found if f.kind == "support"] == ["support"], violations(sunk)
    assert "below the horizon" in next(f.reason for f in found if f.kind == "support")
    targets, labels = fix_targets(sunk, verdict)
    assert eid in targets
    assert any(label.startswith("support:") for label in labels)
    fixed, changed = relayout(sunk, targets, seed=0)
    assert eid in changed
    line = horizon(fixed.background)
    assert line is not None
    assert all(b.box[3] <= line + EPS for b in fixed.boxes_of(eid))
    assert not violations(fixed), violations(fixed)


def _scene(names: list[str], relations: list[tuple[int, str, int]], boxes, **kw) -> SceneGraph:
    ents = [Entity(f"e{i}", n, 1, dict(kw.get(n, {}))) for i, n in enumerate(names)]
    rels = [Relation(f"e{a}", p, f"e{b}") for a, p, b in relations]
    lay = [Box(f"e{i}", 0, box) for i, box in enumerate(boxes)]
    return SceneGraph(entities=ents, relations=rels, background="park", layout=lay)


LOW = (0.3, 0.7, 0.45, 0.85)
"""A small box in the grass of the park (its horizon is at half the height)."""


@pytest.mark.parametrize(
    ("names", "relations", "boxes", "attributes"),
    [
        (["bird", "tree"], [(0, "under", 1)], [LOW, (0.2, 0.2, 0.7, 0.9)], {}),  # shade
        (["bird", "dog"], [(0, "below", 1)], [(0.3, 0.8, 0.4, 0.9), (0.2, 0.55, 0.5, 0.78)], {}),
        (["bird"], [], [LOW], {"bird": {"position": "bottom"}}),  # asked to be there
        (["kite", "person"], [(1, "holding", 0)], [LOW, (0.4, 0.55, 0.6, 0.9)], {}),
    ],
)
def test_a_thing_of_the_sky_the_plan_puts_low_is_not_reported(names, relations, boxes, attributes):
    scene = _scene(names, relations, boxes, **attributes)
    assert "e0" not in in_the_sky(scene)
    low = [
        f
        for f in check_layout(scene).findings
        if f.kind == "support" and f.status == "violated" and "horizon" in f.reason
    ]
    assert not low, [(f.constraint, f.reason) for f in low]  # fmt: skip


def test_a_thing_of_the_sky_with_no_ground_under_it_is_not_reported():
    scene = _scene(["sun"], [], [LOW])
    scene.background = "space"
    assert not [f for f in check_layout(scene).findings if f.status == "violated"]


def test_a_thing_of_the_sky_laid_in_a_panels_grass_is_reported_and_fix_repairs_it():
    scene = arrange(planner.plan("day and night"), seed=0)
    sky = in_the_sky(scene)
    panel = next(p for p in scene.panels if horizon(p.background) is not None
                 and set(p.members) & sky)  # fmt: skip
    eid = next(m for m in panel.members if m in sky)
    assert panel.box is not None
    _, inner = panel_parts(panel.box, panel.title)
    line = horizon(panel.background)
    assert line is not None
    at = inner[1] + line * (inner[3] - inner[1])
    assert not violations(scene)
    sunk = scene.copy()
    lay = []
    for b in sunk.layout:
        if b.entity == eid:
            x0, y0, x1, y1 = b.box
            b = Box(b.entity, b.index, (x0, inner[3] - 0.01 - (y1 - y0), x1, inner[3] - 0.01))
        lay.append(b)
    sunk.layout = lay
    verdict = check_layout(sunk)
    found = [f for f in verdict.findings if f.status == "violated" and eid in f.entities]
    assert any(f.kind == "support" and "below the horizon" in f.reason for f in found)
    targets, _ = fix_targets(sunk, verdict)
    fixed, _ = relayout(sunk, targets, seed=0)
    assert all(b.box[3] <= at + EPS for b in fixed.boxes_of(eid)), fixed.boxes_of(eid)
    assert not violations(fixed), violations(fixed)


@pytest.mark.parametrize(
    ("text", "thing"),
    [("a bird and a cat in the park", "bird"), ("a sun, a house and a dog in a field", "sun")],
)
def test_a_thing_of_the_sky_moved_down_by_an_edit_stops_at_the_horizon(text, thing):
    """Moved down as far as the world allows: like a dog moved up stays on the ground, the
    sun moved down sets on the horizon, so the checker never reports the edit's result."""
    before = arrange(planner.plan(text), seed=0)
    eid = next(e.id for e in before.entities if e.name == thing)
    line = horizon(before.background)
    assert line is not None
    wished = _sunk(before, eid)  # what "move it to the bottom" wishes
    moved = arrange(wished, seed=0, before=before)
    for box in moved.boxes_of(eid):
        assert box.center[1] <= line + EPS, box
    assert max(b.box[3] for b in moved.boxes_of(eid)) > max(
        b.box[3] for b in before.boxes_of(eid)
    ), "it moved down"
    assert not violations(moved), violations(moved)


@pytest.mark.parametrize("text", ["a jellyfish in the sea", "a jellyfish and a boat on the ocean"])
def test_what_floats_in_water_is_not_sent_up_into_the_sky(text):
    """A jellyfish floats (no ground shadow) but in the water: never lifted into the sky band,
    and never reported for lying below the horizon."""
    for seed in range(6):
        scene = arrange(planner.plan(text), seed=seed)
        jelly = {e.id for e in scene.entities if e.name == "jellyfish"}
        assert jelly
        assert not jelly & in_the_sky(scene)
        line = horizon(scene.background)  # None under water: it may float anywhere there
        if line is not None:
            assert all(b.box[3] > line for b in scene.layout if b.entity in jelly), seed
        assert not violations(scene), (seed, violations(scene))
