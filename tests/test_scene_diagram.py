"""The diagram vocabulary is part of the scene graph contract: validated, round-tripped."""

from __future__ import annotations

import json

import pytest

from jupyter_imagechat.scene import (
    Arrangement,
    Arrow,
    Entity,
    Label,
    Panel,
    SceneError,
    SceneGraph,
)


def water_cycle() -> SceneGraph:
    return SceneGraph(
        entities=[Entity("e1", "sea"), Entity("e2", "cloud"), Entity("e3", "rain")],
        arrows=[
            Arrow("e1", "e2", "evaporation", curved=True),
            Arrow("e2", "e3", "condensation", curved=True),
            Arrow("e3", "e1", "precipitation", curved=True),
        ],
        labels=[Label("sea", "e1", 0, (0.5, 0.9))],
        arrangements=[Arrangement("circle", ["e1", "e2", "e3"])],
    )


def test_a_diagram_round_trips_through_json():
    scene = water_cycle()
    scene.validate()
    again = SceneGraph.from_json(scene.to_json())
    assert again == scene
    assert again.to_dict() == json.loads(scene.to_json())
    assert "arrows: sea -> cloud (evaporation)" in scene.summary()
    assert "circle: sea, cloud, rain" in scene.summary()


def test_a_plain_scene_writes_no_diagram_keys():
    plain = SceneGraph(entities=[Entity("e1", "cat")]).to_dict()
    assert set(plain) == {
        "entities",
        "relations",
        "exclude",
        "style",
        "background",
        "texts",
        "layout",
    }


def test_panels_hold_entities_and_arrows_may_join_panels():
    scene = SceneGraph(
        entities=[Entity("e1", "egg"), Entity("e2", "chick"), Entity("e3", "hen")],
        panels=[Panel("p1", ["e1"], "egg"), Panel("p2", ["e2"]), Panel("p3", ["e3"], "hen")],
        arrows=[Arrow("p1", "p2"), Arrow("p2", "p3"), Arrow("p3", "p1", curved=True)],
        arrangements=[Arrangement("circle", ["p1", "p2", "p3"])],
    )
    scene.validate()
    assert SceneGraph.from_dict(scene.to_dict()).panel("p2").members == ["e2"]
    assert "panels: egg, p2, hen" in scene.summary()


def test_an_equation_is_an_arrangement_with_signs_between_its_members():
    scene = SceneGraph(
        entities=[Entity("e1", "apple", 3), Entity("e2", "apple", 2), Entity("e3", "apple", 5)],
        arrangements=[Arrangement("row", ["e1", "e2", "e3"], signs=["+", "="])],
    )
    scene.validate()
    assert "row: apple, apple, apple with + =" in scene.summary()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.arrows.append(Arrow("e1", "e9")), "unknown entity or panel 'e9'"),
        (lambda s: s.arrows.append(Arrow("e1", "e1")), "join two things"),
        (lambda s: s.labels.append(Label("", "e1")), "label text must be text"),
        (lambda s: s.labels.append(Label("x", "e1", 3)), "index 3 is not an instance"),
        (lambda s: s.labels.append(Label("x", "e1", 0, (1.5, 0))), "within 0..1"),
        (lambda s: s.labels.append(Label("x" * 201, "e1")), "the limit is 200"),
        (lambda s: s.arrangements.append(Arrangement("spiral", ["e1"])), "unknown arrangement"),
        (lambda s: s.arrangements.append(Arrangement("row", [])), "needs members"),
        (
            lambda s: s.arrangements.append(Arrangement("row", ["e1", "e2"], signs=["+", "+"])),
            "2 members take 1 signs",
        ),
        (
            lambda s: s.arrangements.append(Arrangement("row", ["e1", "e2"], signs=["%"])),
            "signs must be from",
        ),
        (lambda s: s.arrangements.append(Arrangement("rows", ["e1"], rows=0)), "rows must be"),
        (lambda s: s.panels.append(Panel("e1", [])), "used twice"),
        (lambda s: s.panels.extend([Panel("p1", ["e1"]), Panel("p2", ["e1"])]), "two panels"),
        (lambda s: s.panels.append(Panel("p 1", [])), "panel id"),
    ],
)
def test_a_broken_diagram_is_refused_naming_the_field(change, message):
    scene = water_cycle()
    change(scene)
    with pytest.raises(SceneError, match=message):
        scene.validate()
    with pytest.raises(SceneError, match=message):
        SceneGraph.from_dict(scene.to_dict())


def test_json_from_outside_with_wrong_types_is_a_scene_error_not_a_crash():
    data = water_cycle().to_dict()
    data["labels"][0]["anchor"] = "bottom"
    with pytest.raises(SceneError, match="anchor"):
        SceneGraph.from_dict(data)
    data = water_cycle().to_dict()
    data["arrangements"][0]["members"] = "e1"
    with pytest.raises(SceneError, match="members"):
        SceneGraph.from_dict(data)
    data = water_cycle().to_dict()
    data["layout"] = [{"entity": "e1", "index": None, "box": [0, 0, 1, 1]}]
    with pytest.raises(SceneError, match="index"):
        SceneGraph.from_dict(data)


def test_removing_a_thing_drops_what_names_it():
    scene = water_cycle()
    scene.focus = "e3"
    scene.arrangements = [Arrangement("row", ["e1", "e2", "e3"], signs=["+", "="])]
    scene.entities = [e for e in scene.entities if e.id != "e3"]
    scene.drop_missing()
    scene.validate()
    assert [(a.start, a.end) for a in scene.arrows] == [("e1", "e2")]
    assert scene.focus is None
    assert scene.arrangements[0].members == ["e1", "e2"]
    assert scene.arrangements[0].signs == []  # the equation no longer reads


def test_an_arrow_keeps_where_its_label_was_laid_out_and_old_json_still_reads():
    scene = water_cycle()
    assert "box" not in scene.arrows[0].to_dict()  # not laid out: written as before
    scene.arrows[0].box = (0.4, 0.1, 0.62, 0.15)
    again = SceneGraph.from_json(scene.to_json())
    assert again.arrows[0].box == (0.4, 0.1, 0.62, 0.15)
    old = scene.to_dict()
    del old["arrows"][0]["box"]
    assert SceneGraph.from_dict(old).arrows[0].box is None
    old["arrows"][0]["box"] = [0.5, 0.5, 0.4, 0.6]
    with pytest.raises(SceneError, match="box of arrow 'e1' -> 'e2'"):
        SceneGraph.from_dict(old)
