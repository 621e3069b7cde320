"""The diffusers engine's batches (``draw_batch``), on tiny random pipelines built offline.

What the server relies on: draws that can share a pipeline call share one (a list of
prompts, one generator per draw; regional runs with their token blocks padded and a mask
per sample) and each picture is the one its seed gives alone; draws that cannot share
(another size, an edit beside a new picture, other settings) are drawn apart, never
mixed; a bad draw fails alone.

"The one its seed gives alone" is checked to within 1/255 on at most 0.1% of the values:
each draw starts from exactly its own noise, but a batched matrix product may sum in
another order than a single one, and on the tiny pipelines that rounding moves about one
value in 10,000 by one level (measured: at most 2 of 12,288 values, by 1).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from tiny_pipeline import build_tiny_pipeline  # noqa: E402 (tests/ is on sys.path)
from tiny_pipelines.probes import CallSpy  # noqa: E402

from jupyter_imagechat.engines.base import Result  # noqa: E402
from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine  # noqa: E402
from jupyter_imagechat.errors import Cancelled, InputError  # noqa: E402
from jupyter_imagechat.layout import arrange  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402

FAST = {"steps": 2}


def scene(name: str, colour: str) -> SceneGraph:
    return SceneGraph.from_dict(
        {
            "entities": [{"id": "e1", "name": name, "attributes": {"color": colour}}],
            "exclude": [{"name": "banana"}],
        }
    )


SCENES = [scene("apple", "red"), scene("cat", "black"), scene("boat", "blue")]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> DiffusersEngine:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        eng = DiffusersEngine(build_tiny_pipeline(tmp_path_factory.mktemp("m") / "tiny-sd"))
        eng.load()
    return eng


@pytest.fixture(scope="module")
def picture(engine: DiffusersEngine) -> Any:
    return engine.draw(SCENES[0], seed=3, settings=FAST).image


def close(batched: Any, alone: Any) -> bool:
    """Equal to within float rounding (see the module docstring)."""
    a = np.asarray(batched.convert("RGB")).astype(int)
    b = np.asarray(alone.convert("RGB")).astype(int)
    diff = np.abs(a - b)
    return a.shape == b.shape and diff.max() <= 1 and (diff > 0).mean() <= 0.001


def alone(engine: DiffusersEngine, calls: list[dict[str, Any]]) -> list[Result]:
    return [engine.draw(**call) for call in calls]


def square_mask(side: int = 64) -> np.ndarray:
    mask = np.zeros((side, side), dtype=bool)
    mask[side // 4 : side * 3 // 4, side // 4 : side * 3 // 4] = True
    return mask


@pytest.mark.parametrize("grounding", ["none", "sketch"])
def test_new_pictures_share_one_call_and_each_is_what_its_seed_gives_alone(
    engine: DiffusersEngine, grounding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = {**FAST, "grounding": grounding}
    calls = [
        {"scene": arrange(s, seed=i), "seed": 10 + i, "settings": settings}
        for i, s in enumerate(SCENES)
    ]
    spy = CallSpy(
        monkeypatch, engine.pipeline_for("img2img" if grounding == "sketch" else "text2img")
    )
    batched = engine.draw_batch(calls)
    assert len(spy.calls) == 1  # one pipeline call for the three
    (call,) = spy.calls
    assert call["prompt"] == [r.metadata["prompt"] for r in batched]
    assert len(call["generator"]) == 3
    assert call["negative_prompt"] == ["banana"] * 3
    monkeypatch.undo()
    for got, want, seed in zip(batched, alone(engine, calls), (10, 11, 12), strict=True):
        assert isinstance(got, Result)
        assert close(got.image, want.image)
        assert got.metadata["seed"] == seed
        assert got.metadata["batch_size"] == 3
        assert got.metadata["grounding"] == want.metadata["grounding"] == grounding


def test_edits_of_same_size_pictures_share_a_call_and_keep_every_pixel_outside(
    engine: DiffusersEngine, picture: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    mask = square_mask()
    other = picture.transpose(0)  # another picture of the same size
    calls = [
        {"scene": SCENES[1], "image": picture, "mask": mask, "seed": 1, "settings": FAST},
        {"scene": SCENES[2], "image": other, "mask": mask, "seed": 2, "settings": FAST},
    ]
    spy = CallSpy(monkeypatch, engine.pipeline_for("inpaint"))
    batched = engine.draw_batch(calls)
    assert len(spy.calls) == 1
    assert len(spy.calls[0]["image"]) == 2
    monkeypatch.undo()
    for got, want, source in zip(batched, alone(engine, calls), (picture, other), strict=True):
        assert isinstance(got, Result)
        assert close(got.image, want.image)
        assert np.array_equal(np.asarray(got.image)[~mask], np.asarray(source)[~mask])


def test_draws_that_cannot_share_a_call_are_split_never_mixed(
    engine: DiffusersEngine, picture: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, big = {**FAST, "width": 64, "height": 64}, {**FAST, "width": 96, "height": 64}
    calls = [
        {"scene": SCENES[0], "seed": 1, "settings": small},
        {"scene": SCENES[1], "seed": 2, "settings": big},
        {"scene": SCENES[2], "image": picture, "mask": square_mask(), "seed": 3, "settings": FAST},
        {"scene": SCENES[1], "seed": 4, "settings": small},
        {"scene": SCENES[0], "seed": 5, "settings": {**small, "steps": 3}},
    ]
    new = CallSpy(monkeypatch, engine.pipeline_for("text2img"))
    edits = CallSpy(monkeypatch, engine.pipeline_for("inpaint"))
    batched = engine.draw_batch(calls)
    sizes = sorted(
        (
            c["width"],
            c["num_inference_steps"],
            len(c["prompt"]) if isinstance(c["prompt"], list) else 1,
        )
        for c in new.calls
    )
    assert sizes == [(64, 2, 2), (64, 3, 1), (96, 2, 1)]  # only the two alike shared a call
    assert len(edits.calls) == 1
    assert not isinstance(edits.calls[0]["prompt"], list)
    monkeypatch.undo()
    for got, want in zip(batched, alone(engine, calls), strict=True):
        assert isinstance(got, Result)
        assert close(got.image, want.image)
        assert got.image.size == want.image.size
        assert got.metadata["mode"] == want.metadata["mode"]


REGIONAL = [
    SceneGraph.from_dict(
        {"entities": [{"id": "a", "name": "apple", "attributes": {"color": "red"}}]}
    ),
    SceneGraph.from_dict(
        {
            "entities": [{"id": "a", "name": "apple"}, {"id": "b", "name": "bowl"}],
            "relations": [{"subject": "a", "predicate": "left of", "object": "b"}],
        }
    ),
    SceneGraph.from_dict(
        {
            "entities": [
                {"id": "a", "name": "cat"},
                {"id": "b", "name": "dog", "count": 2},
                {"id": "c", "name": "tree"},
            ]
        }
    ),
]


@pytest.mark.parametrize("family", ["sd1", "sdxl"])
def test_regional_draws_share_a_call_each_with_its_own_layout(
    family: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiny_pipelines import build
    from tiny_pipelines.probes import AttentionProbe

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    eng = DiffusersEngine(build(family, tmp_path_factory.mktemp("m") / family), device="cpu")
    # scenes of 1, 2 and 4 regions: token blocks of different lengths, padded in the batch
    calls = [
        {"scene": arrange(s, seed=i), "seed": i, "settings": FAST} for i, s in enumerate(REGIONAL)
    ]
    eng.load()
    spy = CallSpy(monkeypatch, eng.pipeline_for("img2img"))
    probe = AttentionProbe(monkeypatch)
    batched = eng.draw_batch(calls)
    assert len(spy.calls) == 1
    assert spy.calls[0]["prompt_embeds"].shape[0] == 3
    masks = [mask for _, mask in probe.records]
    assert masks  # each sample's own regions reached the attention...
    assert {int(m.shape[0]) for m in masks} == {6}  # 3 scenes, guidance's two halves
    cond = masks[0][3:]
    assert not all(bool((cond[0] == cond[i]).all()) for i in (1, 2))  # ...not one layout
    monkeypatch.undo()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    for got, want in zip(batched, alone(eng, calls), strict=True):
        assert isinstance(got, Result)
        assert got.metadata["grounding"] == want.metadata["grounding"] == "regions+sketch"
        assert got.metadata["regions"] == want.metadata["regions"]
        assert close(got.image, want.image)
        assert got.metadata["batch_size"] == 3


def test_a_bad_draw_fails_alone_and_the_others_are_drawn(
    engine: DiffusersEngine, picture: Any
) -> None:
    calls = [
        {"scene": SCENES[0], "seed": 1, "settings": FAST},
        {"scene": SCENES[1], "seed": 2, "settings": {**FAST, "negative_prompt": 5}},
        {"scene": SCENES[2], "image": picture, "mask": np.ones((8, 8), bool), "settings": FAST},
        {"scene": SCENES[1], "seed": 4, "settings": {**FAST, "guidance_scale": "loud"}},
        {"scene": SCENES[2], "seed": 5, "settings": FAST},
    ]
    batched = engine.draw_batch(calls)
    assert [type(o).__name__ for o in batched] == [
        "Result", "InputError", "InputError", "InputError", "Result"
    ]  # fmt: skip
    assert "negative_prompt" in str(batched[1])
    assert "mask" in str(batched[2])
    assert isinstance(batched[0], Result)
    assert batched[0].metadata["batch_size"] == 2
    assert all(isinstance(o, InputError) for o in batched[1:4])
    for i in (0, 4):
        want = engine.draw(**calls[i])
        assert close(batched[i].image, want.image)  # type: ignore[union-attr]


def test_a_shared_call_stops_only_when_every_draw_in_it_is_stopped(
    engine: DiffusersEngine,
) -> None:
    base = [{"scene": s, "seed": i, "settings": FAST} for i, s in enumerate(SCENES[:2])]
    one = engine.draw_batch([{**base[0], "should_stop": lambda: True}, base[1]])
    assert all(isinstance(o, Result) for o in one)  # the other client still waits
    both = engine.draw_batch([{**c, "should_stop": lambda: True} for c in base])
    assert all(isinstance(o, Cancelled) for o in both)
    assert all(o.draft is not None and o.draft.image.size == (64, 64) for o in both)  # type: ignore[union-attr]
