"""Topics beyond the knowledge base: a plan kept as your own topic, read back offline by the
rules planner from a file of your own that is checked as data, never run."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chat_standin import ChatStandIn

from jupyter_imagechat.planner import PlanError, RulesPlanner, save_topic
from jupyter_imagechat.planner.lessons.saved_topics import recipe_from_scene
from jupyter_imagechat.planner.lessons.topics import Topic, forget_topics, topic_scene, topics
from jupyter_imagechat.planner.lessons.user_topics import (
    ENV_FILE,
    USER_AREA,
    check_recipe,
    topics_file,
    user_recipes,
)
from jupyter_imagechat.planner.llm.planners import EndpointPlanner
from jupyter_imagechat.scene import SceneError
from jupyter_imagechat.turns import Conversation

NITROGEN = {
    "entities": [
        {"id": "e1", "name": "cloud", "count": 1, "attributes": {}},
        {"id": "e2", "name": "plant", "count": 2, "attributes": {"color": "green"}},
        {"id": "e3", "name": "soil", "count": 1, "attributes": {}},
        {"id": "e4", "name": "lightning", "count": 1, "attributes": {}},
    ],
    "labels": [
        {"text": "nitrogen in the air", "target": "e1", "index": 0, "anchor": [0.5, 0.5]},
        {"text": "roots", "target": "e2", "index": 0, "anchor": [0.5, 0.95]},
    ],
    "arrows": [
        {"start": "e1", "end": "e4", "label": "fixation", "curved": True},
        {"start": "e4", "end": "e3", "label": "nitrates", "curved": True},
        {"start": "e3", "end": "e2", "label": "uptake", "curved": True},
        {"start": "e2", "end": "e1", "label": "denitrification", "curved": True},
    ],
    "arrangements": [{"kind": "circle", "members": ["e1", "e4", "e3", "e2"]}],
    "topic": "nitrogen cycle",
}


@pytest.fixture
def topics_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "mine" / "topics.json"
    monkeypatch.setenv(ENV_FILE, str(path))
    forget_topics()
    yield path
    monkeypatch.delenv(ENV_FILE)
    forget_topics()


def diagram(scene: Any) -> dict[str, Any]:
    names = {e.id: e.name for e in scene.entities}
    return {
        "things": sorted(e.describe() for e in scene.entities),
        "labels": sorted((names[lb.target], lb.text, lb.anchor) for lb in scene.labels),
        "arrows": sorted((names[a.start], names[a.end], a.label, a.curved) for a in scene.arrows),
        "arrangements": [(a.kind, [names[m] for m in a.members]) for a in scene.arrangements],
    }


def test_the_file_is_yours_and_named_by_the_environment(topics_path: Path) -> None:
    assert topics_file() == topics_path
    assert user_recipes() == []  # no file yet: nothing, no error


def test_a_model_planned_topic_kept_is_drawn_again_offline_by_the_rules_planner(
    topics_path: Path,
) -> None:
    with ChatStandIn(lambda seen: json.dumps(NITROGEN)) as standin:
        planner = EndpointPlanner(base_url=standin.url, model="tiny", corrections=0)
        chat = Conversation(planner=planner, size=128)
        turn = chat.send("draw the nitrogen cycle for my year 6 class")
        assert any("save_topic(chat.scene, 'nitrogen cycle')" in n for n in turn.notes)
        before = RulesPlanner().plan("the nitrogen cycle")  # the rules alone do not know it
        assert before.summary() == "1 x nitrogen cycle"
        where = save_topic(chat.scene, "nitrogen cycle", names=["cycle of nitrogen"])
    assert where == topics_path
    data = json.loads(topics_path.read_text(encoding="utf-8"))
    assert [t["id"] for t in data["topics"]] == ["nitrogen cycle"]
    offline = RulesPlanner().plan("draw the nitrogen cycle")
    assert diagram(offline) == diagram(turn.scene)
    assert diagram(RulesPlanner().plan("the cycle of nitrogen")) == diagram(turn.scene)
    assert next(t for t in topics() if t.id == "nitrogen cycle").area == USER_AREA
    offline_turn = Conversation(size=128).send("the nitrogen cycle")
    assert offline_turn.verdict is not None
    assert "card" not in offline_turn.verdict.summary()


def test_the_llm_planner_draws_a_kept_topic_without_asking(topics_path: Path) -> None:
    scene = RulesPlanner().plan("three red apples in a row labelled")
    save_topic(scene, "apple row")
    with ChatStandIn(lambda seen: "{}") as standin:
        planner = EndpointPlanner(base_url=standin.url, model="tiny")
        reading = planner.read("an apple row diagram")
        assert standin.seen == []
    assert reading.notes[0] == "the topic 'apple row' from the knowledge base (no model asked)"


@pytest.mark.parametrize(
    ("prompt", "said", "known"),
    [
        ("show my class how rain is made", "rain cycle", "water cycle"),
        ("what happens inside a mountain that erupts", "the volcano", "parts of a volcano"),
        ("from tadpole to frog, step by step", "Frog Life Cycle", "life cycle of a frog"),
    ],
)
def test_a_topic_the_model_names_that_the_knowledge_base_knows_is_not_called_new(
    topics_path: Path, prompt: str, said: str, known: str
) -> None:
    answer = {**NITROGEN, "topic": said}
    with ChatStandIn(lambda seen: json.dumps(answer)) as standin:
        planner = EndpointPlanner(base_url=standin.url, model="tiny", corrections=0)
        reading = planner.read(prompt)
        assert len(standin.seen) == 1  # the knowledge base did not know the words: asked
    notes = " ".join(reading.notes)
    assert "not in the topic knowledge base" not in notes
    assert "save_topic" not in notes  # saving a built-in topic's name is refused
    assert f"{known!r}, a topic the knowledge base knows" in notes


def test_saving_the_same_name_again_replaces_it(topics_path: Path) -> None:
    save_topic(RulesPlanner().plan("a cat and a dog"), "pets at home")
    save_topic(RulesPlanner().plan("a rabbit and a hamster"), "pets at home")
    data = json.loads(topics_path.read_text(encoding="utf-8"))
    assert len(data["topics"]) == 1
    scene = RulesPlanner().plan("pets at home diagram")
    assert sorted(e.name for e in scene.entities) == ["hamster", "rabbit"]


def test_a_built_in_topic_name_is_refused(topics_path: Path) -> None:
    with pytest.raises(PlanError, match="built-in topic"):
        save_topic(RulesPlanner().plan("a cat"), "water cycle")
    assert not topics_path.exists()
    with pytest.raises(PlanError, match="scene graph"):
        save_topic("a cat", "cats")  # type: ignore[arg-type]
    with pytest.raises(PlanError, match="cannot be kept"):
        save_topic(RulesPlanner().plan("a cat"), "Cats!")


def test_the_recipe_draws_the_same_diagram_with_panels_and_signs(topics_path: Path) -> None:
    for prompt in (
        "the life cycle of a frog",
        "3 apples + 2 apples = 5 apples",
        "the parts of a plant",
    ):
        scene = RulesPlanner().plan(prompt)
        recipe = check_recipe(recipe_from_scene(scene, "mine"))
        again, _notes = topic_scene(Topic("mine", USER_AREA, recipe, ()))
        assert diagram(again) == diagram(scene), prompt
        assert [p.title for p in again.panels] == [p.title for p in scene.panels], prompt
        assert [a.signs for a in again.arrangements] == [a.signs for a in scene.arrangements]


def test_a_kept_topic_keeps_where_its_things_are_to_each_other(topics_path: Path) -> None:
    answer = {
        "entities": [
            {"id": "e1", "name": "house", "count": 1, "attributes": {"material": "stone"}},
            {"id": "e2", "name": "fountain", "count": 1, "attributes": {}},
            {"id": "e3", "name": "tree", "count": 2, "attributes": {}},
        ],
        "relations": [
            {"subject": "e2", "predicate": "in front of", "object": "e1"},
            {"subject": "e3", "predicate": "right of", "object": "e1"},
        ],
        "labels": [{"text": "atrium", "target": "e1", "index": 0, "anchor": [0.5, 0.6]}],
        "topic": "roman villa",
    }
    with ChatStandIn(lambda seen: json.dumps(answer)) as standin:
        planner = EndpointPlanner(base_url=standin.url, model="tiny", corrections=0)
        scene = planner.plan("draw a roman villa for my history class")
    save_topic(scene, "roman villa")
    offline = RulesPlanner().plan("a roman villa diagram")
    assert offline.summary() == scene.summary()
    assert "fountain in front of house" in offline.summary()


BAD_RECIPES: list[tuple[Any, str]] = [
    ("__import__('os').system('rm -rf /')", "must be a JSON object"),
    ({"id": "Loud Name", "things": ["cat"]}, "lowercase"),
    ({"id": "x", "things": []}, "1 to 30 things"),
    ({"id": "x", "things": ["cat"], "labels": [["dog", "a dog", 0.5, 0.5]]}, "label"),
    ({"id": "x", "things": ["cat"], "labels": [["cat", "a cat", 2, 0.5]]}, "within 0..1"),
    ({"id": "x", "things": ["cat", "dog"], "arrows": [["cat", "fish"]]}, "arrow"),
    ({"id": "x", "things": ["cat"], "arrows": [["cat", "cat"]]}, "two things"),
    ({"id": "x", "things": [{"id": "c", "noun": "cat", "count": 500}]}, "count"),
    ({"id": "x", "things": [{"id": "c", "noun": "cat", "exec": "print(1)"}]}, "a thing"),
    ({"id": "x", "things": ["cat"], "arrangement": "spiral"}, "arrangement"),
    (
        {
            "id": "x",
            "things": ["cat", "dog"],
            "arrangement": {"kind": "row", "members": ["cat"], "signs": ["+"]},
        },
        "one sign fewer",
    ),
    ({"id": "x", "things": ["cat"], "caveat": "\ud83c"}, "surrogate"),
    ({"id": "x", "names": [42], "things": ["cat"]}, "lowercase"),
    ({"id": "x", "things": ["cat", "dog"], "relations": [["cat", "on", "fish"]]}, "relation"),
    ({"id": "x", "things": ["cat", "dog"], "relations": [["cat", "eats", "dog"]]}, "relation"),
    ({"id": "x", "things": ["cat", "dog"], "relations": "cat on dog"}, "relations"),
]


@pytest.mark.parametrize(("recipe", "said"), BAD_RECIPES, ids=lambda v: str(v)[:30])
def test_a_bad_recipe_is_refused_with_what_is_wrong(recipe: Any, said: str) -> None:
    with pytest.raises(SceneError, match=said):
        check_recipe(recipe)


def test_a_bad_recipe_in_the_file_is_left_out_and_the_rest_is_read(
    topics_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    topics_path.parent.mkdir(parents=True)
    good = {"id": "zoo trip", "things": ["frog", "duck", "fish"], "arrangement": "row"}
    shadow = {"id": "water cycle", "things": ["cat"]}  # a built-in topic's name
    text = json.dumps({"topics": [BAD_RECIPES[3][0], good, shadow, "not a recipe"]})
    topics_path.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        forget_topics()
        scene = RulesPlanner().plan("zoo trip diagram")
    assert sorted(e.name for e in scene.entities) == ["duck", "fish", "frog"]
    assert "left out" in caplog.text
    water = RulesPlanner().plan("the water cycle")
    assert "cat" not in {e.name for e in water.entities}  # the built-in one is not replaced


def test_a_tampered_topics_file_is_said_in_the_chat_once(topics_path: Path) -> None:
    topics_path.parent.mkdir(parents=True)
    save_topic(RulesPlanner().plan("three red apples in a row labelled"), "apple row")
    data = json.loads(topics_path.read_text(encoding="utf-8"))
    data["topics"][0]["things"][0]["count"] = 10_000  # edited by hand, or by someone else
    topics_path.write_text(json.dumps(data), encoding="utf-8")
    forget_topics()
    with ChatStandIn(lambda seen: json.dumps(NITROGEN)) as standin:
        planner = EndpointPlanner(base_url=standin.url, model="tiny", corrections=0)
        chat = Conversation(planner=planner, size=64)
        first = chat.send("an apple row diagram")
        second = chat.send("new picture: a pear")
    (said,) = [n for n in first.notes if "your topics file" in n]
    assert said.startswith(f"topic 1 of your topics file {topics_path} was left out")
    assert "count" in said
    assert not any("your topics file" in n for n in second.notes)


def test_the_rules_planner_says_a_tampered_topics_file_in_the_chat_once(topics_path: Path) -> None:
    topics_path.parent.mkdir(parents=True)
    save_topic(RulesPlanner().plan("three red apples in a row labelled"), "apple row")
    data = json.loads(topics_path.read_text(encoding="utf-8"))
    data["topics"][0]["things"][0]["count"] = 10_000
    topics_path.write_text(json.dumps(data), encoding="utf-8")
    forget_topics()
    chat = Conversation(size=64)  # the rules planner, offline
    first = chat.send("an apple row diagram")
    second = chat.send("new picture: a pear")
    (said,) = [n for n in first.notes if "your topics file" in n]
    assert said.startswith(f"topic 1 of your topics file {topics_path} was left out")
    assert not any("your topics file" in n for n in second.notes)


@pytest.mark.parametrize("content", ["{not json", '{"topics": 5}', "[1, 2]", "x" * 3_000_000])
def test_an_unreadable_file_leaves_the_built_in_topics_working(
    topics_path: Path, content: str
) -> None:
    topics_path.parent.mkdir(parents=True)
    topics_path.write_text(content, encoding="utf-8")
    forget_topics()
    assert user_recipes() == []
    assert RulesPlanner().plan("the water cycle").arrows
    with pytest.raises(PlanError, match="not a topics file"):
        save_topic(RulesPlanner().plan("a cat"), "cats")
