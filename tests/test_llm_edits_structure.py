"""A model's edit keeps more than the things it did not name: the picture's "must not show"
list, the frames (panels) and line-ups (arrangements) of a lesson picture, how many of each
thing there are, and the things a weather "it" does not name. Against a stand-in chat
endpoint on 127.0.0.1 that answers with careless and hostile edits."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from chat_standin import ChatStandIn, Seen
from test_followups_invariant import kept

from jupyter_imagechat.layout import arrange
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.planner.llm.planners import EndpointPlanner
from jupyter_imagechat.planner.llm.prompts import scene_for_model
from jupyter_imagechat.scene import SceneGraph

rules = RulesPlanner()
Edit = Callable[[dict[str, Any]], None]


def _first_thing_again(data: dict[str, Any]) -> None:  # one more of a thing not named
    ent = data["entities"][0]
    data["entities"].append({**ent, "id": "e90", "box": None})


def _excludes_a_thing(data: dict[str, Any]) -> None:
    data["exclude"] = [{"name": data["entities"][0]["name"]}]


def _forgets_what_must_not_show(data: dict[str, Any]) -> None:
    data["exclude"] = []


def _retitles_frames(data: dict[str, Any]) -> None:
    for panel in data.get("panels", []):
        panel["title"], panel["background"] = "volcano", "lava"


def _swaps_frames(data: dict[str, Any]) -> None:
    panels = data.get("panels", [])
    if len(panels) > 1:
        panels[0]["members"], panels[1]["members"] = panels[1]["members"], panels[0]["members"]


def _renumbers_frames(data: dict[str, Any]) -> None:
    panels = data.get("panels", [])
    new = {p["id"]: f"p{len(panels) - k}" for k, p in enumerate(panels)}
    for panel in panels:
        panel["id"] = new[panel["id"]]
    for arrow in data.get("arrows", []):
        arrow["start"], arrow["end"] = (
            new.get(arrow["start"], arrow["start"]),
            new.get(arrow["end"], arrow["end"]),
        )
    for line in data.get("arrangements", []):
        line["members"] = [new.get(m, m) for m in line["members"]]


def _reorders_frames(data: dict[str, Any]) -> None:
    data["panels"] = data.get("panels", [])[::-1]


def _drops_frames(data: dict[str, Any]) -> None:
    data["panels"], data["arrows"] = [], []


def _regrids(data: dict[str, Any]) -> None:
    for line in data.get("arrangements", []):
        line["kind"] = "grid" if line["kind"] != "grid" else "row"
        line["members"] = line["members"][::-1]


def _drops_line_ups(data: dict[str, Any]) -> None:
    data["arrangements"] = []


def _multiplies_everything(data: dict[str, Any]) -> None:
    for ent in data["entities"]:
        ent["count"] = 7


CARELESS: dict[str, Edit] = {
    "one more of a thing": _first_thing_again,
    "excludes a thing shown": _excludes_a_thing,
    "forgets what must not show": _forgets_what_must_not_show,
    "retitles frames": _retitles_frames,
    "swaps frames": _swaps_frames,
    "drops frames": _drops_frames,
    "renumbers frames": _renumbers_frames,
    "reorders frames": _reorders_frames,
    "regrids": _regrids,
    "drops line-ups": _drops_line_ups,
    "multiplies everything": _multiplies_everything,
}
SCENES = (
    "the four seasons",
    "a picture of day and night",
    "how a frog grows up",
    "solid, liquid and gas",
    "a bench and a lamp post in a park, no people",
    "two ducks swimming beside a rowing boat",
)
FOLLOW_UPS = (
    "put a kite in the sky",
    "make it snowy",
    "it's dusk now",
    "it is raining now",
    "draw it as a pencil sketch",
)


def structure(scene: SceneGraph) -> dict[str, Any]:
    """What the follow-ups above must keep, beside the things themselves."""
    names: dict[str, int] = {}
    for ent in scene.entities:
        names[ent.name] = names.get(ent.name, 0) + ent.count
    title = {p.id: p.title for p in scene.panels}
    return {
        "exclude": scene.exclude,
        "panels": [(p.id, p.title, p.background, p.members) for p in scene.panels],
        "arrangements": [(a.kind, a.members, a.rows, a.signs) for a in scene.arrangements],
        "arrows": sorted(
            (title.get(a.start, a.start), title.get(a.end, a.end), a.label) for a in scene.arrows
        ),
        "how many": names,
    }


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[ChatStandIn, dict[str, Any]]]:
    state: dict[str, Any] = {}

    def answer(seen: Seen) -> str:
        text = json.loads(seen.user.rsplit("The follow-up: ", 1)[1])
        data = scene_for_model(rules.read(text, current=state["scene"]).scene)
        state["edit"](data)
        return json.dumps(data)

    with ChatStandIn(answer) as server:
        yield server, state


@pytest.mark.parametrize("careless", sorted(CARELESS))
def test_a_careless_edit_keeps_frames_line_ups_counts_and_what_must_not_show(
    served: tuple[ChatStandIn, dict[str, Any]], careless: str
) -> None:
    server, state = served
    planner = EndpointPlanner(base_url=server.url, model="tiny", timeout=5, max_retries=0)
    state["edit"] = CARELESS[careless]
    repaired = 0
    for start in SCENES:
        before = arrange(rules.plan(start), seed=0)
        state["scene"] = before
        for text in FOLLOW_UPS:
            reading = planner.read(text, current=before)
            after = reading.scene
            assert kept(before, after, set()) == [], (careless, start, text)
            wanted = structure(before)
            if text == FOLLOW_UPS[0]:  # a kite more, nothing else
                wanted["how many"]["kite"] = after.entities[-1].count
            assert structure(after) == wanted, (careless, start, text)
            assert structure(arrange(after, seed=0)) == wanted, (careless, start, text, "layout")
            repaired += any("did not name; kept as it was" in n for n in reading.notes)
    if careless != "reorders frames":  # the list's order alone is not seen in the picture
        assert repaired > 0  # the notes say what was put back


def test_new_things_may_join_a_frame_and_a_line_up_the_follow_up_names(
    served: tuple[ChatStandIn, dict[str, Any]],
) -> None:
    server, state = served
    planner = EndpointPlanner(base_url=server.url, model="tiny", timeout=5, max_retries=0)
    before = arrange(rules.plan("the four seasons"), seed=0)
    state["scene"] = before
    summer = next(p for p in before.panels if p.title == "summer")

    def beach_ball_in_summer(data: dict[str, Any]) -> None:
        data["entities"].append({"id": "e90", "name": "beach ball", "count": 1,
                                 "attributes": {}, "box": None})  # fmt: skip
        for panel in data["panels"]:
            if panel["id"] == summer.id:
                panel["members"].append("e90")
                panel["background"] = "beach"

    state["edit"] = beach_ball_in_summer
    after = planner.read("add a beach ball to summer and make it a beach", current=before).scene
    mine = next(p for p in after.panels if p.id == summer.id)
    ball = next(e for e in after.entities if e.name == "beach ball")
    assert mine.members == [*summer.members, ball.id]
    assert mine.background == "beach"  # the follow-up names summer: its frame may change
    others = [(p.title, p.members) for p in after.panels if p.id != summer.id]
    assert others == [(p.title, p.members) for p in before.panels if p.id != summer.id]


def test_the_follow_up_may_lift_what_must_not_show(
    served: tuple[ChatStandIn, dict[str, Any]],
) -> None:
    server, state = served
    planner = EndpointPlanner(base_url=server.url, model="tiny", timeout=5, max_retries=0)
    before = arrange(rules.plan("a bench and a lamp post in a park, no people"), seed=0)
    assert before.exclude

    def people_after_all(data: dict[str, Any]) -> None:
        data["exclude"] = []
        data["entities"].append({"id": "e90", "name": "person", "count": 2,
                                 "attributes": {}, "box": None})  # fmt: skip

    state["scene"], state["edit"] = before, people_after_all
    after = planner.read("add two people on the bench after all", current=before).scene
    assert after.exclude == []
    assert any(e.name == "person" for e in after.entities)
