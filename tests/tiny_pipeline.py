"""Build a tiny, randomly initialised Stable Diffusion pipeline for tests and benchmarks.

It has the shape of diffusers' own ``get_dummy_components()`` (a two-block UNet and
VAE, a five-layer CLIP text encoder of width 32) but needs no download: the CLIP
tokenizer is built in memory from a byte-level vocabulary. Its pictures are noise;
it exercises the real loading, scheduling, img2img and inpainting code paths in a
fraction of a second per picture at 64 px.

Usage::

    from tests.tiny_pipeline import build_tiny_pipeline
    path = build_tiny_pipeline(tmp_path / "tiny-sd")
    engine = DiffusersEngine(path)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transformers import CLIPTokenizer

SIZE = 64
"""The pipeline's default picture size in pixels (UNet sample size 32 x VAE factor 2)."""


def _byte_characters() -> list[str]:
    """Return the 256 printable characters GPT-2/CLIP use for the 256 byte values."""
    printable = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    chars = list(printable)
    extra = 0
    for byte in range(256):
        if byte not in printable:
            chars.append(256 + extra)
            extra += 1
    return [chr(c) for c in chars]


def tiny_tokenizer() -> CLIPTokenizer:
    """Return a CLIP tokenizer with a byte-level vocabulary of 514 tokens and no merges.

    transformers 5 ignores ``vocab_file=``; the vocabulary must be passed in memory,
    and ``model_max_length`` must be set or padding overflows.
    """
    from transformers import CLIPTokenizer

    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for char in _byte_characters():
        vocab[char] = len(vocab)
    for char in _byte_characters():
        vocab[char + "</w>"] = len(vocab)
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


def build_tiny_pipeline(path: str | Path, *, inpainting: bool = False, gligen: bool = False) -> str:
    """Build a tiny random Stable Diffusion pipeline, save it to ``path`` and return the path.

    Parameters
    ----------
    path : str or pathlib.Path
        Folder to write (created if missing), loadable with ``from_pretrained``.
    inpainting : bool
        Build a real inpainting pipeline (a 9-channel UNet, saved as
        ``StableDiffusionInpaintPipeline``) instead of a text-to-image one.
    gligen : bool
        Build a GLIGEN box-conditioned pipeline (a UNet with ``attention_type="gated"``,
        saved as ``StableDiffusionGLIGENPipeline``), as diffusers' own GLIGEN tests do.

    Returns
    -------
    str
        ``path`` as a string.
    """
    import torch
    from diffusers import (
        AutoencoderKL,
        DDIMScheduler,
        StableDiffusionInpaintPipeline,
        StableDiffusionPipeline,
        UNet2DConditionModel,
    )
    from transformers import CLIPTextConfig, CLIPTextModel

    torch.manual_seed(0)
    unet = UNet2DConditionModel(
        block_out_channels=(32, 64),
        layers_per_block=2,
        sample_size=SIZE // 2,
        in_channels=9 if inpainting else 4,
        out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=32,
        attention_type="gated" if gligen else "default",
    )
    if gligen:  # GLIGEN's gates start closed (0): open them so the boxes take effect
        for name, param in unet.named_parameters():
            if name.endswith(("alpha_attn", "alpha_dense")):
                param.data.fill_(1.0)
    scheduler = DDIMScheduler(
        beta_start=0.00085,
        beta_end=0.012,
        beta_schedule="scaled_linear",
        clip_sample=False,
        set_alpha_to_one=False,
        steps_offset=1,
    )
    torch.manual_seed(0)
    vae = AutoencoderKL(
        block_out_channels=[32, 64],
        in_channels=3,
        out_channels=3,
        down_block_types=["DownEncoderBlock2D", "DownEncoderBlock2D"],
        up_block_types=["UpDecoderBlock2D", "UpDecoderBlock2D"],
        latent_channels=4,
    )
    torch.manual_seed(0)
    tokenizer = tiny_tokenizer()
    text_encoder = CLIPTextModel(
        CLIPTextConfig(
            bos_token_id=0,
            eos_token_id=1,
            pad_token_id=1,
            hidden_size=32,
            intermediate_size=37,
            layer_norm_eps=1e-05,
            num_attention_heads=4,
            num_hidden_layers=5,
            vocab_size=len(tokenizer),
        )
    )
    cls = StableDiffusionInpaintPipeline if inpainting else StableDiffusionPipeline
    if gligen:
        from diffusers import StableDiffusionGLIGENPipeline

        cls = StableDiffusionGLIGENPipeline
    pipe = cls(
        unet=unet,
        scheduler=scheduler,
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )
    pipe.save_pretrained(str(path))
    return str(path)


if __name__ == "__main__":  # pragma: no cover - a convenience for benchmarks
    import sys

    print(build_tiny_pipeline(sys.argv[1] if len(sys.argv) > 1 else "tiny-sd"))
