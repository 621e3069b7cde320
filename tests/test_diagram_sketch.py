"""A diagram reaches a diffusion model: the sketch it starts from shows the marks.

The diffusers engine's sketch grounding draws the plan with the built-in engine's
``sketch()``, so arrows, signs, labels and panels are in the init image of its
image-to-image run. Checked with a tiny random pipeline (no download).
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
import pytest

pytest.importorskip("torch")
diffusers = pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from tiny_pipeline import build_tiny_pipeline  # noqa: E402

from jupyter_imagechat.engines.builtin.engine import sketch  # noqa: E402
from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine  # noqa: E402
from jupyter_imagechat.layout import arrange  # noqa: E402
from jupyter_imagechat.scene import Arrangement, Arrow, Entity, SceneGraph  # noqa: E402

SIZE = 128


def test_the_diffusion_model_starts_from_a_sketch_with_the_diagram(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = arrange(
        SceneGraph(
            entities=[Entity("e1", "apple", 2), Entity("e2", "apple", 1), Entity("e3", "apple", 3)],
            arrows=[Arrow("e1", "e3", "makes", curved=True)],
            arrangements=[Arrangement("row", ["e1", "e2", "e3"], signs=["+", "="])],
        )
    )
    calls: list[dict[str, Any]] = []
    cls = diffusers.StableDiffusionImg2ImgPipeline
    original = cls.__call__

    def spy(this: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return original(this, *args, **kwargs)

    spy.__signature__ = inspect.signature(original)  # type: ignore[attr-defined]
    monkeypatch.setattr(cls, "__call__", spy)
    engine = DiffusersEngine(build_tiny_pipeline(tmp_path / "tiny-sd"))
    settings = {"grounding": "sketch", "steps": 2, "width": SIZE, "height": SIZE}
    engine.draw(scene, seed=3, settings=settings)
    (call,) = calls
    init = np.asarray(call["image"].convert("RGB")).astype(int)
    assert np.array_equal(init, np.asarray(sketch(scene, SIZE, SIZE, seed=3)).astype(int))
    plain = scene.copy()
    plain.arrows, plain.arrangements = [], []
    bare = np.asarray(sketch(plain, SIZE, SIZE, seed=3)).astype(int)
    dark = (init.sum(axis=2) < 300).sum()
    assert dark > (bare.sum(axis=2) < 300).sum() + 40  # the signs and the arrow are in it
