"""Regional draws of several scenes in one UNet call (:mod:`.batching`).

A regional run (:mod:`.regions`) hands the pipeline ``prompt_embeds`` made of token blocks
(the scene's prompt, then one block per region) and confines each block to its boxes with
an attention mask (:mod:`.attention`). Several scenes share a call when each sample of the
batch keeps its own blocks and its own mask: the embeddings are padded with zeros to the
longest scene's tokens, and :class:`BatchLayout` gives each sample its own layout's mask,
the padding masked out everywhere (a masked token adds nothing to the attention, so each
picture is its scene's alone, up to float rounding). Only the UNet families (SD 1.x/2.x,
SDXL), whose regional processor reads one cross-attention mask per sample; SD3's and
FLUX's joint attention, where the text tokens attend too, draw their regional runs alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .attention import RegionLayout

__all__ = ["PADDED", "SHARED_FAMILIES", "STACKED", "BatchLayout", "merge_embeds"]

SHARED_FAMILIES = ("sd", "sdxl")
"""The families whose regional runs share a call."""

PADDED = ("prompt_embeds", "negative_prompt_embeds")
"""Token embeddings ``(1, tokens, width)``: padded to the longest, then stacked."""

STACKED = ("pooled_prompt_embeds", "negative_pooled_prompt_embeds")
"""Pooled embeddings ``(1, width)`` (SDXL): stacked."""


class BatchLayout:
    """The layouts of a batch's samples, read as :class:`~.attention.RegionLayout` is by
    the UNet's regional processor (``total`` and :meth:`cross_mask`).

    Parameters
    ----------
    layouts : list of RegionLayout
        One per scene, in the batch's order.
    total : int
        Tokens of the padded embeddings (at least each layout's ``total``).
    """

    def __init__(self, layouts: list[RegionLayout], total: int) -> None:
        self.layouts = layouts
        self.total = total
        self.cfg = layouts[0].cfg
        self._masks: dict[tuple[Any, ...], Any] = {}

    def cross_mask(self, tokens: int, batch: int, device: Any) -> Any | None:
        """``(batch, 1, tokens, total)``: each sample its own layout's mask, the padding
        masked; with guidance, the unconditional half (first) sees only block 0."""
        count = len(self.layouts)
        if batch == 2 * count and self.cfg:
            halves = [True] * count + [False] * count
        elif batch == count:
            halves = [False] * count
        else:
            return None
        key = (tokens, batch, str(device))
        if key not in self._masks:
            import torch

            rows = []
            for i, uncond in enumerate(halves):
                layout = self.layouts[i % count]
                grid = layout.grid(tokens)
                if grid is None:
                    return None
                row = np.zeros((tokens, self.total), dtype=bool)
                if uncond:
                    row[:, : layout.blocks[0]] = True
                else:
                    row[:, : layout.total] = layout.allowed(*grid)
                rows.append(row)
            self._masks[key] = torch.from_numpy(np.stack(rows)[:, None]).to(device)
        return self._masks[key]


def merge_embeds(calls: list[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """The embeddings of ``calls`` (regional runs) as one batch, and its padded tokens."""
    import torch

    total = max(int(call["prompt_embeds"].shape[1]) for call in calls)
    merged: dict[str, Any] = {}
    for name in PADDED:
        if name in calls[0]:
            parts = []
            for call in calls:
                embeds = call[name]
                pad = total - int(embeds.shape[1])
                if pad:
                    zeros = embeds.new_zeros((embeds.shape[0], pad, embeds.shape[2]))
                    embeds = torch.cat([embeds, zeros], dim=1)
                parts.append(embeds)
            merged[name] = torch.cat(parts, dim=0)
    for name in STACKED:
        if name in calls[0]:
            merged[name] = torch.cat([call[name] for call in calls], dim=0)
    return merged, total
