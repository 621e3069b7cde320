"""Regional prompts: one prompt per laid-out thing, confined to its boxes.

A regional run encodes the whole scene's prompt (the *background* prompt) and one
short prompt per entity ("a red apple"), puts their token embeddings side by side
(background first), and hands them to the pipeline as ``prompt_embeds``. The
attention processors of :mod:`.attention` then let each region's tokens meet only
the picture inside that entity's boxes, and the background prompt the whole picture.

:func:`plan_regions` reads the regions from the scene's layout; :func:`encode_regions`
encodes them for the pipeline's family and returns the call arguments with the
length of each block of tokens; :func:`cell_mask` says which cells of a token grid
lie inside a region.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..prompting import entity_phrase

if TYPE_CHECKING:
    from ...scene import Entity, SceneGraph

__all__ = [
    "MAX_REGIONS",
    "REGION_T5_TOKENS",
    "Region",
    "RegionalText",
    "cell_mask",
    "encode_regions",
    "instance_phrase",
    "plan_regions",
]

MAX_REGIONS = 8
"""At most this many regions (entities) get a prompt of their own; the largest are kept."""

REGION_T5_TOKENS = 64
"""T5 tokens per region prompt for SD3 and FLUX (a phrase, not a paragraph)."""

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Region:
    """One entity's prompt and the normalised boxes ``[x0, y0, x1, y1]`` it is confined to."""

    prompt: str
    boxes: tuple[Box, ...]

    @property
    def area(self) -> float:
        return sum((b[2] - b[0]) * (b[3] - b[1]) for b in self.boxes)

    def to_dict(self) -> dict[str, Any]:
        """As recorded in a turn's metadata."""
        return {"prompt": self.prompt, "boxes": [list(b) for b in self.boxes]}


@dataclass
class RegionalText:
    """The encoded prompts of a regional run.

    Attributes
    ----------
    kwargs : dict
        ``prompt_embeds`` and what else the pipeline needs in place of ``prompt``
        (``negative_prompt_embeds``, pooled embeddings).
    blocks : list of int
        Tokens in each block of ``prompt_embeds``: the background prompt's, then
        each region's, in the order of the regions.
    """

    kwargs: dict[str, Any]
    blocks: list[int]


def instance_phrase(entity: Entity) -> str:
    """One instance of ``entity`` with its attributes: "a red apple"."""
    single = type(entity)(entity.id, entity.name, 1, dict(entity.attributes))
    return entity_phrase(single)


def plan_regions(scene: SceneGraph) -> list[Region]:
    """Return one :class:`Region` per laid-out entity of ``scene``, in the scene's order.

    Boxes are clipped to the picture; boxes with no area are dropped. Beyond
    :data:`MAX_REGIONS` entities, those with the largest boxes are kept.
    """
    boxes: dict[str, list[Box]] = {}
    for placed in scene.layout:
        x0, y0, x1, y1 = (min(1.0, max(0.0, float(v))) for v in placed.box)
        if x1 > x0 and y1 > y0:
            boxes.setdefault(placed.entity, []).append((x0, y0, x1, y1))
    regions = [
        Region(instance_phrase(entity), tuple(boxes[entity.id]))
        for entity in scene.entities
        if entity.id in boxes
    ]
    if len(regions) > MAX_REGIONS:
        largest = sorted(regions, key=lambda r: r.area, reverse=True)[:MAX_REGIONS]
        regions = [r for r in regions if r in largest]
    return regions


def cell_mask(boxes: tuple[Box, ...], height: int, width: int) -> np.ndarray:
    """Return a ``(height, width)`` bool grid, True for cells whose centre is in a box.

    A box smaller than a cell still gets the cell that holds its centre, so every
    region reaches the picture at every resolution.
    """
    ys = (np.arange(height) + 0.5) / height
    xs = (np.arange(width) + 0.5) / width
    inside = np.zeros((height, width), dtype=bool)
    for x0, y0, x1, y1 in boxes:
        rows = (ys >= y0) & (ys < y1)
        cols = (xs >= x0) & (xs < x1)
        inside |= rows[:, None] & cols[None, :]
        cy = min(height - 1, int((y0 + y1) / 2 * height))
        cx = min(width - 1, int((x0 + x1) / 2 * width))
        inside[cy, cx] = True
    return inside


def encode_regions(
    pipe: Any,
    family: str,
    prompt: str,
    negative: str | None,
    regions: list[Region],
    *,
    cfg: bool,
    device: Any,
    max_sequence_length: int | None = None,
) -> RegionalText:
    """Encode the background ``prompt`` and each region's prompt for ``pipe``.

    Parameters
    ----------
    pipe : diffusers pipeline
        The pipeline that will run (its text encoders and ``encode_prompt``).
    family : str
        ``"sd"``, ``"gligen"``, ``"sdxl"``, ``"sd3"`` or ``"flux"``
        (:mod:`.families`).
    prompt, negative : str
        The scene's prompt and negative prompt.
    regions : list of Region
        From :func:`plan_regions`.
    cfg : bool
        Whether the run uses classifier-free guidance (then the negative embeddings
        are made as long as the prompt's; the attention shows them only block 0).
    device : torch.device or str
        Where the embeddings go.
    max_sequence_length : int, optional
        T5 tokens of the background prompt (SD3, FLUX); the pipeline's default if None.
    """
    import torch

    if family in ("sd", "gligen"):
        encode = _sd_encoder(pipe, device)
    elif family in ("sdxl", "sd3"):
        encode = _pooled_encoder(pipe, device, sd3=family == "sd3")
    elif family == "flux":
        encode = _flux_encoder(pipe, device)
    else:
        raise ValueError(f"no regional prompts for the {family!r} family")
    main = encode(prompt, negative, cfg, max_sequence_length)
    parts = [encode(r.prompt, None, False, REGION_T5_TOKENS)["prompt_embeds"] for r in regions]
    embeds = [main["prompt_embeds"], *parts]
    kwargs = dict(main)
    kwargs["prompt_embeds"] = torch.cat(embeds, dim=1)
    if "negative_prompt_embeds" in main:  # as long as the prompt's; only block 0 is seen
        total = int(kwargs["prompt_embeds"].shape[1])
        kwargs["negative_prompt_embeds"] = _repeat_to(main["negative_prompt_embeds"], total)
    return RegionalText(kwargs, [int(e.shape[1]) for e in embeds])


def _repeat_to(embeds: Any, length: int) -> Any:
    import torch

    times = -(-length // int(embeds.shape[1]))
    return torch.cat([embeds] * times, dim=1)[:, :length]


def _sd_encoder(pipe: Any, device: Any) -> Any:
    def encode(text: str, negative: str | None, cfg: bool, _: int | None) -> dict[str, Any]:
        embeds, negative_embeds = pipe.encode_prompt(
            text, device, 1, cfg, negative_prompt=negative or None
        )
        out = {"prompt_embeds": embeds}
        if cfg:
            out["negative_prompt_embeds"] = negative_embeds
        return out

    return encode


def _pooled_encoder(pipe: Any, device: Any, *, sd3: bool) -> Any:
    """SDXL's and SD3's ``encode_prompt``: sequence and pooled embeddings, and negatives."""

    def encode(text: str, negative: str | None, cfg: bool, tokens: int | None) -> dict[str, Any]:
        extra: dict[str, Any] = {"prompt_2": None, "prompt_3": None} if sd3 else {}
        if sd3 and tokens is not None:
            extra["max_sequence_length"] = tokens
        embeds, negative_embeds, pooled, negative_pooled = pipe.encode_prompt(
            prompt=text,
            device=device,
            num_images_per_prompt=1,
            do_classifier_free_guidance=cfg,
            negative_prompt=negative or None,
            **extra,
        )
        out = {"prompt_embeds": embeds, "pooled_prompt_embeds": pooled}
        if cfg:
            out.update(
                negative_prompt_embeds=negative_embeds,
                negative_pooled_prompt_embeds=negative_pooled,
            )
        return out

    return encode


def _flux_encoder(pipe: Any, device: Any) -> Any:
    def encode(text: str, negative: str | None, cfg: bool, tokens: int | None) -> dict[str, Any]:
        extra = {} if tokens is None else {"max_sequence_length": tokens}
        embeds, pooled, _ = pipe.encode_prompt(prompt=text, prompt_2=None, device=device, **extra)
        return {"prompt_embeds": embeds, "pooled_prompt_embeds": pooled}

    return encode
