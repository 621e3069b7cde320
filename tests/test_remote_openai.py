"""engine="openai": OpenAI's images API, driven against a stand-in on 127.0.0.1.

What a user relies on: the requests are the ones OpenAI documents (no seed or diffusion
settings sent; edits as multipart with a same-size PNG mask, transparent where to edit),
what was not honoured is recorded and said, pixels outside the mask come back exactly,
and replay reuses the stored pictures instead of pretending to redraw them.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from openai_standin import StandIn  # tests/ is on sys.path
from PIL import Image

from jupyter_imagechat import Conversation
from jupyter_imagechat.engines import create_engine
from jupyter_imagechat.turns import replay

SIZE = 128
KEY = "sk-test-standin-0123456789abcdef"


@pytest.fixture
def standin():
    with StandIn(size=(1024, 1024)) as server:
        yield server


@pytest.fixture
def chat(standin, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return Conversation("openai", base_url=standin.url, api_key=KEY, size=SIZE, seed=5)


def test_a_new_picture_is_asked_for_as_openai_documents_it(chat, standin):
    turn = chat.send("three red apples left of a blue bowl", settings={"steps": 30})
    (seen,) = standin.seen
    assert seen.path == "/v1/images/generations"
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    body = seen.fields
    assert body["model"] == "gpt-image-1"
    assert body["n"] == 1
    assert "three red apples" in body["prompt"]
    assert body["size"] == "1024x1024"  # the model's nearest size to 128x128
    for field in ("seed", "num_inference_steps", "negative_prompt", "scene_graph", "user"):
        assert field not in body  # not OpenAI's: never sent
    assert "response_format" not in body  # gpt-image models answer base64 and refuse it
    # the reply, 1024 px, comes back at the size asked for
    assert turn.image.size == (SIZE, SIZE)
    assert turn.engine == "openai"
    assert turn.model == "gpt-image-1"
    meta = turn.metadata
    assert meta["reproducible"] is False
    assert meta["returned_size"] == "1024x1024"
    assert set(meta["not_honoured"]) == {"seed", "steps"}
    # the chat is told, in the turn's notes
    assert any("does not take steps" in n for n in turn.notes)
    assert any("takes no seed" in n for n in turn.notes)


def test_dall_e_2_gets_its_own_sizes_and_asks_for_base64(standin, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    chat = Conversation("openai", "dall-e-2", base_url=standin.url, api_key=KEY, size=512)
    chat.send("a red apple")
    body = standin.seen[-1].fields
    assert body["size"] == "512x512"
    assert body["response_format"] == "b64_json"


def test_an_edit_sends_the_picture_and_a_same_size_mask_transparent_where_to_edit(chat, standin):
    first = chat.send("three red apples left of a blue bowl")
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[20:90, 60:120] = True
    edited = chat.send("make the bowl green", mask=mask)

    seen = standin.seen[-1]
    assert seen.path == "/v1/images/edits"
    assert seen.headers["content-type"].startswith("multipart/form-data")
    sent = Image.open(io.BytesIO(seen.files["image"]))
    assert sent.size == (SIZE, SIZE)
    assert np.array_equal(np.asarray(sent.convert("RGB")), np.asarray(first.image))
    mask_png = Image.open(io.BytesIO(seen.files["mask"]))
    assert mask_png.format == "PNG"
    assert mask_png.mode == "RGBA"
    assert mask_png.size == (SIZE, SIZE)
    alpha = np.asarray(mask_png.getchannel("A"))
    assert np.array_equal(alpha == 0, mask)  # fully transparent exactly where to edit
    assert set(np.unique(alpha)) == {0, 255}
    assert "seed" not in seen.fields
    assert seen.fields["model"] == "gpt-image-1"

    # the stand-in changed every pixel; outside the mask the old ones are back exactly
    old, new = np.asarray(first.image), np.asarray(edited.image)
    assert edited.mode == "inpaint"
    assert np.array_equal(new[~mask], old[~mask])
    assert not np.array_equal(new[mask], old[mask])


def test_replay_reuses_remote_pictures_and_says_they_cannot_be_redrawn(chat, standin):
    chat.send("a red apple")
    mask = np.zeros((SIZE, SIZE), dtype=bool)
    mask[:, :64] = True
    chat.send("add a banana", mask=mask)
    requests = len(standin.seen)
    report = replay(list(chat.history), chat.engine)
    assert len(standin.seen) == requests  # nothing was sent again
    assert report.identical
    assert report.reused == [t.id for t in chat.history]
    assert all(not t.redrawn for t in report.turns)
    assert "cannot be redrawn bit for bit" in repr(report)


def test_the_key_comes_from_openai_api_key_when_no_other_is_given(standin, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-the-environment-12345678")
    monkeypatch.delenv("JUPYTER_IMAGECHAT_API_KEY", raising=False)
    engine = create_engine("openai", base_url=standin.url)
    Conversation(engine, size=SIZE).send("a dog")
    assert standin.seen[-1].headers["authorization"] == "Bearer sk-from-the-environment-12345678"


def test_openai_base_url_and_key_from_the_openai_packages_variables(standin, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", standin.url)  # a proxy, or Azure's endpoint
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    for name in ("ENGINE", "BASE_URL", "API_KEY"):
        monkeypatch.delenv(f"JUPYTER_IMAGECHAT_{name}", raising=False)
    chat = Conversation("openai", size=SIZE)
    assert chat.settings.sources["base_url"] == "$OPENAI_BASE_URL"
    chat.send("a red apple")
    assert standin.seen[-1].headers["authorization"] == f"Bearer {KEY}"
