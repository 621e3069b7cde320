"""engine="remote": what travels to an OpenAI-compatible server besides OpenAI's own fields.

The extra fields go in the request body under the names vLLM-Omni reads (``seed``,
``num_inference_steps``, ``guidance_scale``, ``negative_prompt``, ``strength``) plus
``scene_graph`` (the plan), in a JSON body for a new picture and as form fields beside the
picture and mask of an edit. A server that does not know them (the stand-in here, like
OpenAI's) ignores them; the turn records what was sent and what came back.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from openai_standin import StandIn  # tests/ is on sys.path
from PIL import Image

from jupyter_imagechat import Conversation

SIZE = 96
TOKEN = "class-token-for-the-field-tests"


@pytest.fixture
def standin():
    with StandIn(size=(SIZE, SIZE)) as server:
        yield server


@pytest.fixture
def chat(standin, monkeypatch):
    monkeypatch.delenv("JUPYTER_IMAGECHAT_MODEL", raising=False)
    return Conversation("remote", base_url=standin.url, api_key=TOKEN, size=SIZE, seed=7)


def test_a_new_picture_carries_the_settings_under_vllm_omni_names_and_the_plan(chat, standin):
    settings = {"steps": 20, "guidance_scale": 6.5, "negative_prompt": "blurry"}
    turn = chat.send("three red apples left of a blue bowl", settings=settings)
    (seen,) = standin.seen
    assert seen.path == "/v1/images/generations"
    body = seen.fields
    assert (body["seed"], body["num_inference_steps"], body["guidance_scale"]) == (7, 20, 6.5)
    assert body["negative_prompt"] == "blurry"
    assert body["size"] == f"{SIZE}x{SIZE}"  # any size, as asked
    assert body["response_format"] == "b64_json"
    assert body["user"].startswith("u-")  # a pseudonym per student, for the rate limits
    assert "model" not in body  # none given: the server's first
    plan = body["scene_graph"]
    assert turn.scene is not None
    assert plan == turn.scene.to_dict()  # the plan as drawn, boxes included
    assert {e["name"] for e in plan["entities"]} == {"apple", "bowl"}
    # the stand-in knows none of them and says nothing about them: recorded as sent
    meta = turn.metadata
    assert meta["sent"]["num_inference_steps"] == 20
    assert meta["sent"]["scene_graph"] is True
    assert meta["not_honoured"] == []
    assert "server" not in meta
    assert turn.image.size == (SIZE, SIZE)


def test_what_the_plan_excludes_is_sent_as_the_negative_prompt(chat, standin):
    chat.send("a street with houses and no cars")
    body = standin.seen[-1].fields
    assert "car" in body["negative_prompt"]


def test_an_edit_sends_the_fields_as_form_fields_beside_the_picture_and_mask(chat, standin):
    first = chat.send("three red apples left of a blue bowl")
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[10:60, 40:90] = True
    edited = chat.send("a green pear", mask=mask, settings={"steps": 12, "strength": 0.8})
    seen = standin.seen[-1]
    assert seen.path == "/v1/images/edits"
    form = seen.fields
    assert (form["seed"], form["num_inference_steps"], form["strength"]) == ("7", "12", "0.8")
    assert edited.scene is not None
    assert json.loads(form["scene_graph"]) == edited.scene.to_dict()
    picture = Image.open(io.BytesIO(seen.files["image"])).convert("RGB")
    assert np.array_equal(np.asarray(picture), np.asarray(first.image))
    alpha = np.asarray(Image.open(io.BytesIO(seen.files["mask"])).getchannel("A"))
    assert np.array_equal(alpha == 0, mask)
    old, new = np.asarray(first.image), np.asarray(edited.image)
    assert np.array_equal(new[~mask], old[~mask])  # the stand-in changed them all: pasted back
