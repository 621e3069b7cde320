"""Tiny random UNet pipelines: SD 1.x, SD 2.x (v-prediction), SDXL, inpainting, GLIGEN.

Shapes follow diffusers' own ``get_dummy_components()`` (a two-block UNet and VAE,
text encoders of width 32), so a 64 px picture (UNet sample size 32 x VAE factor 2)
runs in a fraction of a second on a CPU.
"""

from __future__ import annotations

from typing import Any

from .text import WIDTH, clip_encoder, clip_tokenizer

SIZE = 64
"""The default picture size of these pipelines in pixels (UNet sample 32 x VAE factor 2)."""


def vae(latent_channels: int = 4, **config: Any) -> Any:
    """A random two-block ``AutoencoderKL`` (scale factor 2)."""
    import torch
    from diffusers import AutoencoderKL

    torch.manual_seed(0)
    return AutoencoderKL(
        block_out_channels=[32, 64],
        in_channels=3,
        out_channels=3,
        down_block_types=["DownEncoderBlock2D", "DownEncoderBlock2D"],
        up_block_types=["UpDecoderBlock2D", "UpDecoderBlock2D"],
        latent_channels=latent_channels,
        **config,
    )


def _unet(in_channels: int, **config: Any) -> Any:
    import torch
    from diffusers import UNet2DConditionModel

    torch.manual_seed(0)
    return UNet2DConditionModel(
        block_out_channels=(32, 64),
        layers_per_block=2,
        sample_size=SIZE // 2,
        in_channels=in_channels,
        out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        **config,
    )


def _ddim(**config: Any) -> Any:
    from diffusers import DDIMScheduler

    return DDIMScheduler(
        beta_start=0.00085,
        beta_end=0.012,
        beta_schedule="scaled_linear",
        clip_sample=False,
        set_alpha_to_one=False,
        steps_offset=1,
        **config,
    )


def sd(*, inpainting: bool = False, gligen: bool = False, v_prediction: bool = False) -> Any:
    """A Stable Diffusion 1.x pipeline (2.x with ``v_prediction``; 9-channel with
    ``inpainting``; GLIGEN's gated attention with ``gligen``)."""
    import torch
    from diffusers import StableDiffusionInpaintPipeline, StableDiffusionPipeline

    config: dict[str, Any] = {"cross_attention_dim": WIDTH}
    if gligen:
        config["attention_type"] = "gated"
    if v_prediction:  # SD 2.x: linear projections, per-block head sizes
        config.update(use_linear_projection=True, attention_head_dim=(2, 4))
    unet = _unet(9 if inpainting else 4, **config)
    if gligen:  # GLIGEN's gates start closed (0): open them so the boxes take effect
        for name, param in unet.named_parameters():
            if name.endswith(("alpha_attn", "alpha_dense")):
                param.data.fill_(1.0)
    scheduler = _ddim(prediction_type="v_prediction" if v_prediction else "epsilon")
    tokenizer = clip_tokenizer()
    torch.manual_seed(0)
    text_encoder = clip_encoder(len(tokenizer))
    cls: Any = StableDiffusionInpaintPipeline if inpainting else StableDiffusionPipeline
    if gligen:
        from diffusers import StableDiffusionGLIGENPipeline

        cls = StableDiffusionGLIGENPipeline
    return cls(
        unet=unet,
        scheduler=scheduler,
        vae=vae(),
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )


def sdxl() -> Any:
    """An SDXL pipeline: two CLIP encoders (the second with projection), ``text_time``
    embeddings (6 x 8 time ids + the 32-wide pooled text), an Euler scheduler."""
    import torch
    from diffusers import EulerDiscreteScheduler, StableDiffusionXLPipeline

    unet = _unet(
        4,
        attention_head_dim=(2, 4),
        use_linear_projection=True,
        addition_embed_type="text_time",
        addition_time_embed_dim=8,
        transformer_layers_per_block=(1, 2),
        projection_class_embeddings_input_dim=6 * 8 + WIDTH,
        cross_attention_dim=2 * WIDTH,
        norm_num_groups=1,
    )
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085,
        beta_end=0.012,
        beta_schedule="scaled_linear",
        steps_offset=1,
        timestep_spacing="leading",
    )
    tokenizer = clip_tokenizer()
    torch.manual_seed(0)
    text_encoder = clip_encoder(len(tokenizer))
    text_encoder_2 = clip_encoder(len(tokenizer), projection=True)
    return StableDiffusionXLPipeline(
        unet=unet,
        scheduler=scheduler,
        vae=vae(force_upcast=True),
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        text_encoder_2=text_encoder_2,
        tokenizer_2=clip_tokenizer(),
    )
