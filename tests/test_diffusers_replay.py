"""Exported code rebuilds the diffusers engine that drew the turns, with its settings.

A turn records the options that made its engine (``metadata["engine_options"]``: dtype,
device, revision, grounding, scheduler, ``from_pretrained`` keywords); ``to_code`` writes
them into ``ImageChat(...)``, so the exported notebook loads the same weights the same way
and draws the same pixels. Records come from files anyone can edit: what the code is made
from passes an allow-list, each value checked, or the export is refused.
"""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("torch")
diffusers = pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from test_hardening_code import PAYLOADS, check_shape, run  # noqa: E402
from tiny_pipelines import SIZE, build  # noqa: E402

from jupyter_imagechat import Conversation, ImageChat  # noqa: E402
from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine  # noqa: E402
from jupyter_imagechat.errors import ImageChatError, InputError  # noqa: E402
from jupyter_imagechat.layout.arrange import arrange  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402
from jupyter_imagechat.session import Turn  # noqa: E402
from jupyter_imagechat.session.code import history_to_code  # noqa: E402

FAST = {"steps": 3}
PROMPT = "two red apples left of a blue bowl"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
SCENE = arrange(SceneGraph.from_dict({"entities": [{"id": "e1", "name": "apple"}]}), seed=0)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return tmp_path_factory.mktemp("models")


def pixels(image: Any) -> np.ndarray:
    return np.asarray(image.convert("RGB"))


def replay(code: str) -> ImageChat:
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # what a user runs from the exported notebook
    chat = namespace["chat"]
    assert isinstance(chat, ImageChat)
    return chat


def test_the_engine_options_come_back_and_draw_the_same_pixels(
    models: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = build("sd1", models / "tiny-sd1")
    conv = Conversation(
        "diffusers",
        folder,
        size=SIZE,
        seed=3,
        device="cpu",
        dtype="bfloat16",
        grounding="sketch",
        scheduler="EulerAncestralDiscreteScheduler",  # draws with the seed at every step
    )
    conv.send(PROMPT, settings=FAST)
    conv.send("make the apples yellow", settings=FAST)
    for turn in conv.history:
        assert turn.metadata["engine_options"] == {
            "device": "cpu",
            "dtype": "bfloat16",
            "grounding": "sketch",
            "scheduler": {"_class_name": "EulerAncestralDiscreteScheduler"},
        }
        assert turn.metadata["scheduler"] == "EulerAncestralDiscreteScheduler"
    assert [t.metadata["grounding"] for t in conv.history] == ["sketch", "none"]

    again = replay(conv.history.to_code())
    engine = again.conversation.engine
    assert isinstance(engine, DiffusersEngine)
    assert (engine.grounding, engine.dtype, engine.device) == ("sketch", "bfloat16", "cpu")
    for old, new in zip(conv.history, again.history, strict=True):
        assert new.metadata["scheduler_config"] == old.metadata["scheduler_config"]
        assert (new.metadata["dtype"], new.metadata["grounding"]) == (
            "bfloat16",
            old.metadata["grounding"],
        )
        assert np.array_equal(pixels(new.image), pixels(old.image)), old.id
    again.close()


def test_a_scheduler_set_by_hand_is_recorded_and_replayed(
    models: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = build("sd1", models / "tiny-by-hand")
    conv = Conversation("diffusers", folder, size=SIZE, seed=2)
    pipe = conv.engine.pipeline  # loads; the user swaps the scheduler, as diffusers' docs do
    pipe.scheduler = diffusers.DPMSolverMultistepScheduler.from_config(
        pipe.scheduler.config, use_karras_sigmas=True
    )
    turn = conv.send(PROMPT, settings={**FAST, "grounding": "none"})
    assert turn.metadata["engine_options"] == {
        "scheduler": {"_class_name": "DPMSolverMultistepScheduler", "use_karras_sigmas": True}
    }
    again = replay(conv.history.to_code())
    redone = again.history[0]
    assert redone.metadata["scheduler_config"] == turn.metadata["scheduler_config"]
    assert np.array_equal(pixels(redone.image), pixels(turn.image))
    # without the option the default scheduler draws other pixels: the option mattered
    plain = Conversation("diffusers", folder, size=SIZE, seed=2)
    other = plain.send(PROMPT, settings={**FAST, "grounding": "none"})
    assert other.metadata["scheduler"] == "DDIMScheduler"
    assert not np.array_equal(pixels(other.image), pixels(turn.image))
    again.close()


def test_a_turn_drawn_with_other_engine_options_is_named(diffusers_turn: Turn) -> None:
    first = diffusers_turn
    later = replace(
        first,
        id="t2",
        parent="t1",
        metadata={**first.metadata, "engine_options": {"dtype": "float16", "grounding": "none"}},
    )
    code = history_to_code([first, later])
    assert "# t2 was drawn with other engine options (dtype, grounding)" in code
    check_shape(code)


def test_a_model_loaded_without_a_component_is_loaded_so_again(
    models: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = build("sd3", models / "tiny-sd3")  # saved with its T5
    conv = Conversation(
        "diffusers", folder, size=SIZE, seed=1, text_encoder_3=None, tokenizer_3=None
    )
    turn = conv.send(PROMPT, settings={**FAST, "grounding": "none"})
    assert turn.metadata["engine_options"] == {"text_encoder_3": None, "tokenizer_3": None}
    code = conv.history.to_code()
    assert "text_encoder_3=None, tokenizer_3=None" in code
    again = replay(code)
    assert again.conversation.engine.pipeline.text_encoder_3 is None
    assert np.array_equal(pixels(again.history[0].image), pixels(turn.image))
    again.close()


def test_a_model_from_the_hub_is_pinned_to_the_commit_it_came_from(models: Any) -> None:
    folder = build("sd1", models / "tiny-pin")
    conv = Conversation("diffusers", folder, size=SIZE, seed=1)
    turn = conv.send(PROMPT, settings={**FAST, "grounding": "none"})
    # as a hub model records itself: its id, and the commit of the cached weights
    metadata = {**turn.metadata, "model": "owner/tiny", "engine_options": {"revision": COMMIT}}
    hub = replace(turn, model=f"owner/tiny@{COMMIT}", metadata=metadata)
    code = history_to_code([hub])
    assert f"ImageChat(engine='diffusers', model='owner/tiny', revision={COMMIT!r})" in code
    # a record with only the turn's model@commit pins it as well
    older = replace(hub, metadata={k: v for k, v in metadata.items() if k != "model"})
    older = replace(older, metadata={**older.metadata, "engine_options": {}})
    assert f"model='owner/tiny', revision={COMMIT!r})" in history_to_code([older])


def test_the_pinned_commit_loads_the_same_weights_from_the_cache(
    models: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = build("sd1", models / "tiny-cached")
    repo = tmp_path / "models--org--tiny"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(COMMIT)
    shutil.copytree(folder, repo / "snapshots" / COMMIT)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    settings = {**FAST, "width": SIZE, "height": SIZE, "grounding": "none"}
    first = DiffusersEngine("org/tiny", cache_dir=str(tmp_path))
    drawn = first.draw(SCENE, seed=4, settings=settings)
    assert drawn.metadata["engine_options"] == {"revision": COMMIT}
    assert drawn.metadata["engine_options_left_out"] == ["cache_dir"]
    # what the exported code asks for: the commit, not whatever main is by then
    pinned = DiffusersEngine("org/tiny", revision=COMMIT, cache_dir=str(tmp_path))
    again = pinned.draw(SCENE, seed=4, settings=settings)
    assert pinned.model_revision == f"org/tiny@{COMMIT}"
    assert np.array_equal(pixels(again.image), pixels(drawn.image))


def test_options_that_are_not_plain_values_are_named_not_written(models: Any) -> None:
    folder = build("sd1", models / "tiny-left-out")
    vae = diffusers.AutoencoderKL.from_pretrained(folder, subfolder="vae")
    conv = Conversation("diffusers", folder, size=SIZE, seed=1, vae=vae, variant=None)
    turn = conv.send(PROMPT, settings={**FAST, "grounding": "none"})
    assert turn.metadata["engine_options_left_out"] == ["vae", "variant"]
    code = conv.history.to_code()
    assert "# not rebuilt by this code (not plain values): vae, variant" in code
    check_shape(code)


def test_a_bad_scheduler_option_is_refused_with_its_name(models: Any) -> None:
    with pytest.raises(InputError, match="diffusers scheduler class"):
        DiffusersEngine("some/model", scheduler="os.system")
    folder = build("sd1", models / "tiny-bad-scheduler")
    engine = DiffusersEngine(folder, scheduler="NoSuchScheduler")
    with pytest.raises(InputError, match="no scheduler 'NoSuchScheduler'"):
        engine.load()


HOSTILE_OPTIONS = {
    "device": ["cuda:0); import os", "cpu\n", 3],
    "dtype": ["float16'", None, ["float16"]],
    "revision": ["main\nimport os", "", "a" * 200],
    "inpaint_model": ["x\nimport os", "", 5],
    "offload": [False, "yes", 1],
    "grounding": ["regions; import os", True],
    "scheduler": ["os.system", {"_class_name": "X"}, {"_class_name": "DDIMScheduler", "A B": 1}],
    "variant": ["fp16/../..", ""],
    "use_safetensors": ["yes"],
    "text_encoder_3": ["evil/repo"],
    "custom_pipeline": ["evil/repo"],
    "trust_remote_code": [True],
    "cache_dir": ["/tmp"],
}


@pytest.fixture(scope="module")
def diffusers_turn(models: Any) -> Turn:
    folder = build("sd1", models / "tiny-hostile")
    conv = Conversation("diffusers", folder, size=SIZE, seed=1)
    return conv.send(PROMPT, settings={**FAST, "grounding": "none"})


@pytest.mark.parametrize(
    ("name", "value"), [(n, v) for n, values in HOSTILE_OPTIONS.items() for v in values]
)
def test_an_option_off_the_list_or_with_a_bad_value_is_refused(
    diffusers_turn: Turn, name: str, value: Any
) -> None:
    metadata = {**diffusers_turn.metadata, "engine_options": {name: value}}
    with pytest.raises(ImageChatError, match="cannot be written as code"):
        history_to_code([replace(diffusers_turn, metadata=metadata)])


def test_hostile_engine_options_in_a_record_export_plainly_or_are_refused(
    diffusers_turn: Turn,
) -> None:
    record = diffusers_turn.to_record()
    text = st.sampled_from(PAYLOADS) | st.text(max_size=30)
    value = st.recursive(
        st.none() | st.booleans() | st.integers() | text,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
        max_leaves=6,
    )
    names = st.sampled_from([*HOSTILE_OPTIONS, "model"]) | text
    exported: list[str] = []

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(options=st.dictionaries(names, value, max_size=4) | value, left_out=value)
    def hostile(options: Any, left_out: Any) -> None:
        changed = copy.deepcopy(record)
        changed["metadata"]["engine_options"] = options
        changed["metadata"]["engine_options_left_out"] = left_out
        try:
            turn = Turn.from_record(json.loads(json.dumps(changed)), diffusers_turn.image, None)
            code = history_to_code([turn])
        except (ImageChatError, ValueError, TypeError):
            return
        check_shape(code)
        assert "PWNED" not in str(run(code))
        exported.append(code)

    hostile()
    assert exported  # plain options (or none) do export


def test_a_scheduler_config_that_is_not_plain_data_is_named_not_written() -> None:
    from types import SimpleNamespace

    from jupyter_imagechat.engines.diffusers.options import recorded_options

    model = diffusers.DDIMScheduler()
    betas = np.linspace(1e-4, 0.02, 1000)  # an array: no record or code can hold it
    pipe = SimpleNamespace(scheduler=diffusers.DDIMScheduler(trained_betas=betas))
    pipelines = SimpleNamespace(
        asked={"device": None, "dtype": None},
        model_revision=None,
        revision=None,
        inpaint_model=None,
        offload=False,
        model_scheduler={**model.config, "_class_name": "DDIMScheduler"},  # as loading keeps it
        from_pretrained_kwargs={},
    )
    assert recorded_options(pipelines, "auto", pipe) == ({}, ["scheduler"])
    pipelines.model_scheduler = {**pipe.scheduler.config, "_class_name": "DDIMScheduler"}
    assert recorded_options(pipelines, "auto", pipe) == ({}, [])  # the same array: no change
    pipelines.model_scheduler = {**model.config, "_class_name": "DDIMScheduler"}
    plain = SimpleNamespace(scheduler=diffusers.DDIMScheduler(clip_sample=False))
    assert recorded_options(pipelines, "auto", plain) == (
        {"scheduler": {"_class_name": "DDIMScheduler", "clip_sample": False}},
        [],
    )
