"""Attention masks that confine each region's prompt to its boxes.

During a regional run (:mod:`.regions`) the text tokens come in blocks: the
background prompt's first, then one block per region. :func:`regional_attention`
swaps in attention processors that mask the attention so that

- the picture attends to the background block everywhere, and to a region's block
  only inside that region's boxes;
- in joint attention (SD3, FLUX: text and picture tokens attend to each other), a
  region's tokens attend only to the picture inside its boxes and to their own
  block; the background block attends to the whole picture and itself;
- the unconditional half of a classifier-free-guidance batch sees only block 0 (its
  negative prompt), so guidance pushes away from the negative prompt alone.

Processors, by family:

- UNet cross-attention (SD 1.x/2.x, SDXL, GLIGEN: the ``attn2`` layers):
  :class:`RegionalCrossAttnProcessor`, ``AttnProcessor2_0``'s computation with the mask;
- SD3 joint attention: :class:`RegionalJointAttnProcessor` (``JointAttnProcessor2_0``
  takes no mask, so its computation is repeated here with one);
- FLUX joint attention (double and single blocks): :class:`RegionalFluxAttnProcessor`,
  which hands the mask to FLUX's own processor (it passes ``attention_mask`` on to
  ``dispatch_attention_fn``).

A call whose text is not the regional run's (say FLUX's separate negative pass for
``true_cfg_scale``) goes to the original processor unchanged. The masks are boolean
(True: may attend), shaped ``(batch, 1, queries, keys)`` so they broadcast over the
heads, and reach ``torch.nn.functional.scaled_dot_product_attention``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from ...errors import EngineError
from .regions import Region, cell_mask

__all__ = [
    "RegionLayout",
    "RegionalCrossAttnProcessor",
    "RegionalFluxAttnProcessor",
    "RegionalJointAttnProcessor",
    "regional_attention",
]


class RegionLayout:
    """The token blocks of a regional run and the picture grid they are confined on.

    Parameters
    ----------
    blocks : list of int
        Tokens per block: the background prompt's, then each region's.
    regions : list of Region
        The regions of blocks 1, 2, ...
    latent : tuple of int
        ``(height, width)`` of the latent picture; the transformer's token grid and
        the UNet's lower levels are this grid divided by 2, 4, ...
    cfg : bool
        Whether batches hold an unconditional half first.
    """

    def __init__(
        self, blocks: list[int], regions: list[Region], latent: tuple[int, int], cfg: bool
    ) -> None:
        if len(blocks) != len(regions) + 1:
            raise ValueError(f"{len(blocks)} token blocks for {len(regions)} regions")
        self.blocks = list(blocks)
        self.regions = list(regions)
        self.latent = latent
        self.cfg = cfg
        self.total = sum(blocks)
        self._allowed: dict[tuple[int, int], np.ndarray] = {}
        self._masks: dict[tuple[Any, ...], Any] = {}

    def grid(self, tokens: int) -> tuple[int, int] | None:
        """``(h, w)`` of a picture of ``tokens`` tokens: the latent grid halved 0+ times."""
        h, w = self.latent
        while h * w > tokens:
            h, w = -(-h // 2), -(-w // 2)  # a UNet's stride-2 convolution rounds up
        return (h, w) if h * w == tokens else None

    def allowed(self, h: int, w: int) -> np.ndarray:
        """``(h * w, total)`` bool: may picture cell (row-major) meet text token?"""
        key = (h, w)
        if key not in self._allowed:
            out = np.zeros((h * w, self.total), dtype=bool)
            out[:, : self.blocks[0]] = True
            start = self.blocks[0]
            for region, size in zip(self.regions, self.blocks[1:], strict=True):
                inside = cell_mask(region.boxes, h, w).reshape(-1)
                out[inside, start : start + size] = True
                start += size
            self._allowed[key] = out
        return self._allowed[key]

    def cross_mask(self, tokens: int, batch: int, device: Any) -> Any | None:
        """``(batch, 1, tokens, total)`` mask of a UNet cross-attention, or None."""
        grid = self.grid(tokens)
        if grid is None:
            return None
        key = ("cross", grid, batch, str(device))
        if key not in self._masks:
            import torch

            cond = self.allowed(*grid)
            uncond = np.zeros_like(cond)
            uncond[:, : self.blocks[0]] = True
            rows = [uncond if half else cond for half in self._halves(batch)]
            self._masks[key] = torch.from_numpy(np.stack(rows)[:, None]).to(device)
        return self._masks[key]

    def joint_mask(
        self, image_tokens: int, batch: int, device: Any, *, text_first: bool
    ) -> Any | None:
        """``(batch, 1, S, S)`` mask of a joint attention over text and picture, or None."""
        grid = self.grid(image_tokens)
        if grid is None:
            return None
        key = ("joint", grid, batch, str(device), text_first)
        if key not in self._masks:
            import torch

            rows = []
            for uncond in self._halves(batch):
                allowed = self.allowed(*grid).copy()
                if uncond:
                    allowed[:, self.blocks[0] :] = False
                text = np.zeros((self.total, self.total), dtype=bool)
                start = 0
                for size in self.blocks:
                    text[start : start + size, start : start + size] = True
                    start += size
                image = np.ones((image_tokens, image_tokens), dtype=bool)
                if text_first:
                    full = np.block([[text, allowed.T], [allowed, image]])
                else:
                    full = np.block([[image, allowed], [allowed.T, text]])
                rows.append(full)
            self._masks[key] = torch.from_numpy(np.stack(rows)[:, None]).to(device)
        return self._masks[key]

    def _halves(self, batch: int) -> list[bool]:
        """For each sample of a batch: is it the unconditional half of guidance?"""
        if self.cfg and batch % 2 == 0:
            return [True] * (batch // 2) + [False] * (batch // 2)
        return [False] * batch


def _sdpa(query: Any, key: Any, value: Any, mask: Any) -> Any:
    import torch

    # looked up at each call, so a probe that wraps it sees what reaches the attention
    return torch.nn.functional.scaled_dot_product_attention(
        query, key, value, attn_mask=mask, dropout_p=0.0, is_causal=False
    )


class _Regional:
    """A processor that masks the attention of a regional run and hands any other call
    to the ``original`` processor it replaces."""

    def __init__(self, original: Any, layout: RegionLayout) -> None:
        self.original = original
        self.layout = layout


class RegionalCrossAttnProcessor(_Regional):
    """A UNet cross-attention (``attn2``) with the region mask; else the original processor."""

    def __call__(
        self,
        attn: Any,
        hidden_states: Any,
        encoder_hidden_states: Any = None,
        attention_mask: Any = None,
        temb: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        context = encoder_hidden_states
        mask = None
        regional = context is not None and context.shape[1] == self.layout.total
        if regional and hidden_states.ndim == 3:
            batch, tokens = hidden_states.shape[0], hidden_states.shape[1]
            mask = self.layout.cross_mask(tokens, batch, hidden_states.device)
        if mask is None:
            return self.original(
                attn, hidden_states, encoder_hidden_states, attention_mask, temb, *args, **kwargs
            )
        residual = hidden_states
        if attn.spatial_norm is not None:
            hidden_states = attn.spatial_norm(hidden_states, temb)
        batch = hidden_states.shape[0]
        if attn.group_norm is not None:
            hidden_states = attn.group_norm(hidden_states.transpose(1, 2)).transpose(1, 2)
        query = attn.to_q(hidden_states)
        if attn.norm_cross:
            context = attn.norm_encoder_hidden_states(context)
        key, value = attn.to_k(context), attn.to_v(context)
        head_dim = key.shape[-1] // attn.heads
        query, key, value = (
            t.view(batch, -1, attn.heads, head_dim).transpose(1, 2) for t in (query, key, value)
        )
        if getattr(attn, "norm_q", None) is not None:
            query = attn.norm_q(query)
        if getattr(attn, "norm_k", None) is not None:
            key = attn.norm_k(key)
        out = _sdpa(query, key, value, mask)
        out = out.transpose(1, 2).reshape(batch, -1, attn.heads * head_dim).to(query.dtype)
        out = attn.to_out[1](attn.to_out[0](out))
        if attn.residual_connection:
            out = out + residual
        return out / attn.rescale_output_factor


class RegionalJointAttnProcessor(_Regional):
    """SD3's joint attention (picture tokens first, then text) with the region mask."""

    def __call__(
        self,
        attn: Any,
        hidden_states: Any,
        encoder_hidden_states: Any = None,
        attention_mask: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        context = encoder_hidden_states
        mask = None
        if context is not None and context.shape[1] == self.layout.total:
            mask = self.layout.joint_mask(
                hidden_states.shape[1],
                hidden_states.shape[0],
                hidden_states.device,
                text_first=False,
            )
        if mask is None:
            return self.original(
                attn, hidden_states, encoder_hidden_states, attention_mask, *args, **kwargs
            )
        import torch

        batch, image_tokens = hidden_states.shape[0], hidden_states.shape[1]
        parts = [attn.to_q(hidden_states), attn.to_k(hidden_states), attn.to_v(hidden_states)]
        head_dim = parts[1].shape[-1] // attn.heads
        query, key, value = (t.view(batch, -1, attn.heads, head_dim).transpose(1, 2) for t in parts)
        if attn.norm_q is not None:
            query = attn.norm_q(query)
        if attn.norm_k is not None:
            key = attn.norm_k(key)
        added = [attn.add_q_proj(context), attn.add_k_proj(context), attn.add_v_proj(context)]
        c_query, c_key, c_value = (
            t.view(batch, -1, attn.heads, head_dim).transpose(1, 2) for t in added
        )
        if attn.norm_added_q is not None:
            c_query = attn.norm_added_q(c_query)
        if attn.norm_added_k is not None:
            c_key = attn.norm_added_k(c_key)
        query = torch.cat([query, c_query], dim=2)
        key = torch.cat([key, c_key], dim=2)
        value = torch.cat([value, c_value], dim=2)
        out = _sdpa(query, key, value, mask)
        out = out.transpose(1, 2).reshape(batch, -1, attn.heads * head_dim).to(query.dtype)
        out, context_out = out[:, :image_tokens], out[:, image_tokens:]
        if not attn.context_pre_only:
            context_out = attn.to_add_out(context_out)
        out = attn.to_out[1](attn.to_out[0](out))
        return out, context_out


class RegionalFluxAttnProcessor(_Regional):
    """FLUX's attention (text tokens first) with the region mask, by its own processor."""

    def __call__(
        self,
        attn: Any,
        hidden_states: Any,
        encoder_hidden_states: Any = None,
        attention_mask: Any = None,
        image_rotary_emb: Any = None,
        **kwargs: Any,
    ) -> Any:
        total, (batch, tokens) = self.layout.total, hidden_states.shape[:2]
        image_tokens = 0
        if encoder_hidden_states is not None:  # a double block: text and picture apart
            if encoder_hidden_states.shape[1] == total:
                image_tokens = tokens
        elif tokens > total:  # a single block: text, then picture, in one sequence
            image_tokens = tokens - total
        mask = None
        if attention_mask is None and image_tokens:
            mask = self.layout.joint_mask(
                image_tokens, batch, hidden_states.device, text_first=True
            )
        return self.original(
            attn,
            hidden_states,
            encoder_hidden_states,
            mask if mask is not None else attention_mask,
            image_rotary_emb,
            **kwargs,
        )


_PROCESSORS = {
    "sd": RegionalCrossAttnProcessor,
    "gligen": RegionalCrossAttnProcessor,
    "sdxl": RegionalCrossAttnProcessor,
    "sd3": RegionalJointAttnProcessor,
    "flux": RegionalFluxAttnProcessor,
}


def backend_without_masks(processor: Any) -> str | None:
    """The name of the attention backend ``processor`` dispatches to, if it drops masks.

    FLUX's processor hands its mask to ``dispatch_attention_fn``, which passes on only
    the arguments the active backend takes (diffusers' native one takes masks; flash
    attention does not). ``None`` when the mask reaches the kernel.
    """
    try:
        from diffusers.models import attention_dispatch as dispatch
    except ImportError:  # a diffusers without the dispatcher (before 0.35)
        return "the attention of this diffusers release"
    registry = dispatch._AttentionBackendRegistry
    chosen = getattr(processor, "_attention_backend", None)
    name = dispatch.AttentionBackendName(chosen) if chosen else registry.get_active_backend()[0]
    takes = registry._supported_arg_names.get(name, ())
    return None if "attn_mask" in takes else str(getattr(name, "value", name))


@contextmanager
def regional_attention(pipe: Any, family: str, layout: RegionLayout) -> Iterator[int]:
    """Install the regional processors on ``pipe``'s UNet or transformer while inside.

    Yields the number of attention layers that got one. The original processors are
    put back on exit, also after an error or a Stop.

    Raises
    ------
    EngineError
        When the masks could not reach the attention (a FLUX model on an attention
        backend that drops them).
    """
    model = getattr(pipe, "unet", None) or pipe.transformer
    original = dict(model.attn_processors)
    cls = _PROCESSORS[family]
    if cls is RegionalFluxAttnProcessor and original:
        backend = backend_without_masks(next(iter(original.values())))
        if backend is not None:
            raise EngineError(
                f"regional prompts need attention masks, and {backend} takes none: use "
                "grounding='sketch', or diffusers' native attention backend"
            )
    swapped = {}
    for name, processor in original.items():
        # a UNet's text meets the picture in ``attn2``; SD3.5's ``attn2`` is picture-only
        cross = name.endswith("attn2.processor")
        wanted = cross if cls is RegionalCrossAttnProcessor else not (family == "sd3" and cross)
        swapped[name] = cls(processor, layout) if wanted else processor
    model.set_attn_processor(swapped)
    try:
        yield sum(isinstance(p, cls) for p in swapped.values())
    finally:
        model.set_attn_processor(original)
