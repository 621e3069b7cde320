"""Tiny random MMDiT pipelines: SD3 (three text encoders, or two) and FLUX (CLIP + T5).

Both use a two-block VAE with 16 latent channels, as the real models do, so the
latents have the real layout (FLUX's packed 2x2); a 64 px picture is 16 x 16 tokens.
"""

from __future__ import annotations

from typing import Any

from .text import WIDTH, clip_encoder, clip_tokenizer, t5_encoder, t5_tokenizer
from .unet import vae

SIZE = 64
"""The default picture size of the SD3 pipeline (transformer sample 32 x VAE factor 2)."""


def _vae16(*, shift: float, scale: float) -> Any:
    """A 16-channel VAE with the family's latent shift and scale, as SD3's and FLUX's."""
    return vae(
        16,
        shift_factor=shift,
        scaling_factor=scale,
        use_quant_conv=False,
        use_post_quant_conv=False,
    )


def sd3(*, t5: bool = True) -> Any:
    """An SD3 pipeline: two CLIP encoders with projection and a T5 (``t5=False``: none,
    as ``text_encoder_3=None`` loads SD3 without its largest encoder)."""
    import torch
    from diffusers import FlowMatchEulerDiscreteScheduler, SD3Transformer2DModel
    from diffusers import StableDiffusion3Pipeline as Pipeline

    t5_width = 2 * WIDTH  # wider than both CLIP outputs side by side, as in SD3
    torch.manual_seed(0)
    transformer = SD3Transformer2DModel(
        sample_size=SIZE // 2,
        patch_size=2,
        in_channels=16,
        out_channels=16,
        num_layers=2,
        attention_head_dim=8,
        num_attention_heads=4,
        caption_projection_dim=32,
        joint_attention_dim=t5_width,
        pooled_projection_dim=2 * WIDTH,
        pos_embed_max_size=32,
    )
    tokenizer = clip_tokenizer()
    torch.manual_seed(0)
    text_encoder = clip_encoder(len(tokenizer), projection=True)
    text_encoder_2 = clip_encoder(len(tokenizer), projection=True)
    tokenizer_3 = t5_tokenizer() if t5 else None
    text_encoder_3 = t5_encoder(len(tokenizer_3), width=t5_width) if tokenizer_3 else None
    return Pipeline(
        transformer=transformer,
        scheduler=FlowMatchEulerDiscreteScheduler(shift=3.0),
        vae=_vae16(shift=0.0609, scale=1.5305),
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        text_encoder_2=text_encoder_2,
        tokenizer_2=clip_tokenizer(),
        text_encoder_3=text_encoder_3,
        tokenizer_3=tokenizer_3,
    )


def flux(*, guidance_embeds: bool = True) -> Any:
    """A FLUX pipeline: CLIP (pooled) + T5 (sequence); ``guidance_embeds=False`` is a
    distilled model like FLUX.1-schnell (no guidance input, few steps)."""
    import torch
    from diffusers import FlowMatchEulerDiscreteScheduler, FluxPipeline, FluxTransformer2DModel

    torch.manual_seed(0)
    transformer = FluxTransformer2DModel(
        patch_size=1,
        in_channels=64,  # 16 latent channels packed 2 x 2
        num_layers=1,
        num_single_layers=1,
        attention_head_dim=16,
        num_attention_heads=2,
        joint_attention_dim=WIDTH,
        pooled_projection_dim=WIDTH,
        guidance_embeds=guidance_embeds,
        axes_dims_rope=[4, 4, 8],
    )
    tokenizer = clip_tokenizer()
    tokenizer_2 = t5_tokenizer()
    torch.manual_seed(0)
    text_encoder = clip_encoder(len(tokenizer))
    text_encoder_2 = t5_encoder(len(tokenizer_2))
    scheduler = FlowMatchEulerDiscreteScheduler(
        shift=3.0, use_dynamic_shifting=guidance_embeds, base_shift=0.5, max_shift=1.15
    )
    return FluxPipeline(
        transformer=transformer,
        scheduler=scheduler,
        vae=_vae16(shift=0.1159, scale=0.3611),
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        text_encoder_2=text_encoder_2,
        tokenizer_2=tokenizer_2,
    )
