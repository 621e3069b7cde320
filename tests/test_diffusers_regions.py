"""Regional prompts: each thing's prompt confined to its boxes, for every family.

What reaches the attention is read through a probe on
``torch.nn.functional.scaled_dot_product_attention`` (``tiny_pipelines.probes``): the
weights the kernel computes with the mask it was given. For every family with a
regional path, each region's tokens meet only the picture inside that entity's boxes
(as the scene's layout places them), the background prompt meets all of it, and the
picture differs from an ungrounded one.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from tiny_pipelines import SIZE, build  # noqa: E402
from tiny_pipelines.probes import AttentionProbe  # noqa: E402

from jupyter_imagechat.engines.diffusers.attention import RegionLayout  # noqa: E402
from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine  # noqa: E402
from jupyter_imagechat.engines.diffusers.families import Profile  # noqa: E402
from jupyter_imagechat.engines.diffusers.grounding import resolve_grounding  # noqa: E402
from jupyter_imagechat.engines.diffusers.regions import (  # noqa: E402
    MAX_REGIONS,
    REGION_T5_TOKENS,
    Region,
    cell_mask,
    plan_regions,
)
from jupyter_imagechat.errors import Cancelled, InputError  # noqa: E402
from jupyter_imagechat.layout.arrange import arrange  # noqa: E402
from jupyter_imagechat.scene import SceneGraph  # noqa: E402

SCENE = arrange(
    SceneGraph.from_dict(
        {
            "entities": [
                {"id": "e1", "name": "apple", "count": 2, "attributes": {"color": "red"}},
                {"id": "e2", "name": "bowl", "attributes": {"color": "blue"}},
            ],
            "relations": [{"subject": "e1", "predicate": "left of", "object": "e2"}],
        }
    ),
    seed=0,
)
REGIONS_ONLY = {
    "steps": 2,
    "width": SIZE,
    "height": SIZE,
    "grounding": "regions",
    "sketch_strength": 1.0,
}
"""Regional prompts alone (no sketch), so the picture shows what the masks do."""
GRID = 16
"""Every tiny pipeline meets text at 16 x 16 cells of a 64 px picture (the UNets at
their second level, SD3 and FLUX as 2 x 2 patches of the 32 x 32 latent)."""

BLOCKS = {
    "sd1": [77, 77, 77],
    "sd2": [77, 77, 77],
    "sdxl": [77, 77, 77],
    "sd-inpainting": [77, 77, 77],
    "gligen": [77, 77, 77],
    "sd3": [77 + 256, 77 + REGION_T5_TOKENS, 77 + REGION_T5_TOKENS],
    "sd3-no-t5": [77 + 256, 77 + REGION_T5_TOKENS, 77 + REGION_T5_TOKENS],
    "flux": [512, REGION_T5_TOKENS, REGION_T5_TOKENS],
    "flux-schnell": [256, REGION_T5_TOKENS, REGION_T5_TOKENS],
}
"""Text tokens of the background prompt, then of each region: CLIP's 77 for UNets, CLIP
and T5 side by side for SD3 (256 T5 tokens by default), T5 alone for FLUX (512, and
256 for a distilled model)."""
JOINT = {
    "sd3": "image first",
    "sd3-no-t5": "image first",
    "flux": "text first",
    "flux-schnell": "text first",
}
"""Families whose text and picture attend to each other, and their order in a sequence."""


@pytest.fixture(scope="module", params=list(BLOCKS))
def family(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def engine(family: str, tmp_path_factory: pytest.TempPathFactory) -> DiffusersEngine:
    return DiffusersEngine(build(family, tmp_path_factory.mktemp("models") / family))


def inside(entity: str) -> np.ndarray:
    """Cells (row-major, GRID x GRID) whose centre lies in one of ``entity``'s boxes."""
    centres = (np.arange(GRID) + 0.5) / GRID
    cells = np.zeros((GRID, GRID), dtype=bool)
    for placed in SCENE.layout:
        if placed.entity == entity:
            x0, y0, x1, y1 = placed.box
            rows = (centres >= y0) & (centres < y1)
            cols = (centres >= x0) & (centres < x1)
            cells |= rows[:, None] & cols[None, :]
    assert cells.any()
    return cells.reshape(-1)


def spans(blocks: list[int], offset: int) -> list[slice]:
    starts = np.cumsum([offset, *blocks])
    return [slice(int(a), int(b)) for a, b in itertools.pairwise(starts)]


def check_picture_queries(weights: Any, text: list[slice], image: slice | None = None) -> None:
    """Picture cells attend to a region's tokens only inside its boxes; to the background
    prompt everywhere."""
    rows = weights if image is None else weights[image]
    background = rows[:, text[0]].sum(dim=-1)
    assert (background > 0).all(), "the background prompt reaches every cell"
    for block, entity in zip(text[1:], ("e1", "e2"), strict=True):
        mass = rows[:, block].sum(dim=-1).numpy()
        where = inside(entity)
        assert (mass[~where] == 0).all(), f"{entity}'s tokens reach cells outside its boxes"
        assert (mass[where] > 0).all(), f"{entity}'s tokens miss cells inside its boxes"


def test_each_region_attends_only_inside_its_boxes(
    engine: DiffusersEngine, family: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = AttentionProbe(monkeypatch)
    result = engine.draw(SCENE, seed=1, settings=REGIONS_ONLY)
    assert result.metadata["grounding"] == "regions"
    assert [r["prompt"] for r in result.metadata["regions"]] == ["a red apple", "a blue bowl"]
    assert probe.records, "no masked attention ran"
    blocks = BLOCKS[family]
    for weights, _mask in probe.records:
        if family not in JOINT:  # a UNet's cross-attention: picture queries, text keys
            assert weights.shape[1:] == (GRID * GRID, sum(blocks))
            check_picture_queries(weights[-1], spans(blocks, 0))
            if weights.shape[0] == 2:  # guidance: the unconditional half sees block 0 only
                assert (weights[0][:, blocks[0] :] == 0).all()
            continue
        assert weights.shape[1:] == (GRID * GRID + sum(blocks),) * 2
        text_first = JOINT[family] == "text first"
        offset = 0 if text_first else GRID * GRID
        image = slice(sum(blocks), None) if text_first else slice(0, GRID * GRID)
        text = spans(blocks, offset)
        cond = weights[-1]
        check_picture_queries(cond, text, image)
        for block, entity in zip(text[1:], ("e1", "e2"), strict=True):
            to_picture = cond[block][:, image].sum(dim=0).numpy()
            assert (to_picture[~inside(entity)] == 0).all(), f"{entity}'s tokens look outside"
            assert (to_picture[inside(entity)] > 0).all()
            others = [b for b in text if b != block]
            assert all((cond[block][:, other] == 0).all() for other in others)
        assert (cond[text[0]][:, image] > 0).all(), "the background prompt sees all"


def test_regional_prompts_change_the_picture(engine: DiffusersEngine) -> None:
    grounded = engine.draw(SCENE, seed=2, settings=REGIONS_ONLY).image
    plain = engine.draw(SCENE, seed=2, settings={**REGIONS_ONLY, "grounding": "none"}).image
    assert not np.array_equal(np.asarray(grounded), np.asarray(plain))


def test_auto_picks_the_regional_path_on_the_sketch(engine: DiffusersEngine, family: str) -> None:
    settings = {"steps": 2, "width": SIZE, "height": SIZE}
    meta = engine.draw(SCENE, seed=1, settings=settings).metadata
    assert meta["grounding"] == ("boxes" if family == "gligen" else "regions+sketch")


def test_the_original_attention_is_back_after_a_stop(engine: DiffusersEngine) -> None:
    model = (
        engine.pipeline.unet if hasattr(engine.pipeline, "unet") else engine.pipeline.transformer
    )
    before = {name: type(p) for name, p in model.attn_processors.items()}
    with pytest.raises(Cancelled):
        engine.draw(SCENE, settings={**REGIONS_ONLY, "steps": 3}, should_stop=lambda: True)
    assert {name: type(p) for name, p in model.attn_processors.items()} == before


# -- the plan's regions, without a model -------------------------------------------------
def test_regions_are_the_laid_out_entities_largest_kept() -> None:
    regions = plan_regions(SCENE)
    assert [r.prompt for r in regions] == ["a red apple", "a blue bowl"]
    assert len(regions[0].boxes) == 2  # both apples
    many = SceneGraph.from_dict(
        {
            "entities": [{"id": f"e{i}", "name": "star"} for i in range(MAX_REGIONS + 2)],
            "layout": [
                {"entity": f"e{i}", "index": 0, "box": [0.0, 0.0, 0.05 * (i + 1), 1.2]}
                for i in range(MAX_REGIONS + 2)
            ],
        }
    )
    kept = plan_regions(many)
    assert len(kept) == MAX_REGIONS
    assert min(r.boxes[0][2] for r in kept) == pytest.approx(0.15)  # the 2 smallest dropped
    assert all(r.boxes[0][3] == 1.0 for r in kept)  # clipped to the picture


def test_a_box_smaller_than_a_cell_still_gets_its_cell() -> None:
    tiny = ((0.51, 0.26, 0.52, 0.27),)
    cells = cell_mask(tiny, 4, 4)
    assert cells.sum() == 1
    assert cells[1, 2]


def test_layout_finds_each_resolution_of_a_unet() -> None:
    layout = RegionLayout([77, 77], [Region("a cat", ((0.0, 0.0, 0.5, 0.5),))], (9, 13), cfg=True)
    assert layout.grid(9 * 13) == (9, 13)
    assert layout.grid(5 * 7) == (5, 7)  # stride-2 convolutions round up
    assert layout.grid(3 * 4) == (3, 4)
    assert layout.grid(50) is None
    mask = layout.cross_mask(5 * 7, 2, "cpu")
    assert tuple(mask.shape) == (2, 1, 35, 154)
    assert not mask[0, 0, :, 77:].any()  # the unconditional half: block 0 only
    assert mask[1, 0, 0, 77:].all()  # the top-left cell is in the cat's box


def test_regions_need_a_family_that_has_them() -> None:
    with pytest.raises(InputError, match="grounding='regions' needs a Stable Diffusion"):
        resolve_grounding("regions", Profile("other"), SCENE, "text2img", 0.85)
    assert resolve_grounding("auto", Profile("other"), SCENE, "text2img", 0.85).name == "sketch"
    assert resolve_grounding("regions", Profile("sd"), SCENE, "inpaint", 0.85).name == "none"
