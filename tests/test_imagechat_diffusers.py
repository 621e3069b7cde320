"""ImageChat on the diffusers engine, end to end, with a tiny random pipeline (no hub).

The user's path from issue 2: ``ImageChat(engine="diffusers", model=folder)`` draws a
new picture, inpaints when a mask is painted (nothing outside the mask changes) and
varies the whole picture for an edit without a mask, all from one load. Every family,
exported code included, is in ``test_diffusers_families.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from tiny_pipeline import SIZE, build_tiny_pipeline

from jupyter_imagechat import EngineError, ImageChat

FAST = {"steps": 2}


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_pipeline(tmp_path_factory.mktemp("models") / "tiny-sd")


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.mark.usefixtures("offline")
def test_one_load_draws_inpaints_and_varies(tiny_folder: str) -> None:
    chat = ImageChat(engine="diffusers", model=tiny_folder)
    first = chat.send("three red apples left of a blue bowl", settings=FAST)
    assert first.mode == "text2img"
    assert chat.image.size == (SIZE, SIZE)
    assert first.engine == "diffusers"
    assert first.model == tiny_folder
    assert first.metadata["prompt"].startswith("three red apples")

    mask = np.zeros((SIZE, SIZE), bool)
    mask[16:48, 32:60] = True
    chat.mask = mask
    edit = chat.send("make the bowl green", settings=FAST)
    assert edit.mode == "inpaint"
    before, after = np.asarray(first.image), np.asarray(edit.image)
    assert np.array_equal(before[~mask], after[~mask]), "pixels outside the mask changed"
    assert not np.array_equal(before[mask], after[mask])

    varied = chat.send("make the apples yellow", settings=FAST)
    assert varied.mode == "img2img"
    assert not np.array_equal(np.asarray(varied.image), after)
    assert [t.mode for t in chat.history] == ["text2img", "inpaint", "img2img"]

    engine = chat.conversation.engine
    unets = {id(engine.pipeline_for(m).unet) for m in ("text2img", "img2img", "inpaint")}
    assert len(unets) == 1, "one load serves all three tasks"


@pytest.mark.usefixtures("offline")
def test_a_model_that_cannot_be_loaded_is_reported_in_the_chat(tmp_path: Path) -> None:
    chat = ImageChat(engine="diffusers", model=str(tmp_path / "no-such-model"))
    with pytest.raises(EngineError, match=r"no model .* on the Hugging Face hub or on disk") as exc:
        chat.send("a cat")
    assert chat._messages[-1]["role"] == "error"
    assert chat._messages[-1]["text"] == str(exc.value)
    assert len(chat.history) == 0
    assert chat.image is None
