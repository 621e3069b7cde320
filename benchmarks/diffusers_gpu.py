"""On a GPU: an SD-1.5-sized pipeline with random weights, our engine against raw diffusers.

Run from the project root on a machine with CUDA (no download: the weights are random,
built here and saved to a temporary folder)::

    python benchmarks/diffusers_gpu.py [--size 512] [--steps 25] [--repeats 3]

Prints iterations (denoising steps) per second for:

- ``raw``: ``StableDiffusionPipeline.__call__`` at 512x512, fp16, guidance 7.5;
- ``engine``: ``DiffusersEngine.draw`` on the same folder, same settings, no grounding;
- ``engine+previews``: the same with an ``on_progress`` callback, so a live preview
  is computed every step (what the widget asks for).

The UNet, VAE and text encoder have Stable Diffusion 1.5's shapes (860 M + 84 M +
123 M parameters). Without CUDA the script says so and exits 0. ``--tiny --device cpu``
runs the same code on a tiny pipeline, to check the script itself.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def sd15_pipeline(tiny: bool) -> Any:
    """A Stable Diffusion 1.5-shaped pipeline with random weights (or a tiny one)."""
    import torch
    from diffusers import (
        AutoencoderKL,
        PNDMScheduler,
        StableDiffusionPipeline,
        UNet2DConditionModel,
    )
    from tiny_pipeline import tiny_tokenizer
    from transformers import CLIPTextConfig, CLIPTextModel

    torch.manual_seed(0)
    blocks = (32, 64, 64, 64) if tiny else (320, 640, 1280, 1280)
    vae_blocks = (32, 32, 64, 64) if tiny else (128, 256, 512, 512)
    hidden = 32 if tiny else 768
    unet = UNet2DConditionModel(
        sample_size=64,
        block_out_channels=blocks,
        cross_attention_dim=hidden,
        attention_head_dim=8,
        layers_per_block=2,
        norm_num_groups=32,
    )
    vae = AutoencoderKL(
        block_out_channels=vae_blocks,
        down_block_types=("DownEncoderBlock2D",) * 4,
        up_block_types=("UpDecoderBlock2D",) * 4,
        latent_channels=4,
        layers_per_block=2,
        sample_size=512,
    )
    tokenizer = tiny_tokenizer()
    text_encoder = CLIPTextModel(
        CLIPTextConfig(
            hidden_size=hidden,
            intermediate_size=hidden * 4,
            num_attention_heads=4 if tiny else 12,
            num_hidden_layers=2 if tiny else 12,
            vocab_size=len(tokenizer),
            bos_token_id=0,
            eos_token_id=1,
            pad_token_id=1,
            projection_dim=hidden,
        )
    )
    scheduler = PNDMScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", skip_prk_steps=True
    )
    return StableDiffusionPipeline(
        unet=unet,
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--tiny", action="store_true", help="a tiny pipeline (script check)")
    args = parser.parse_args()

    try:
        import torch
    except ImportError:
        print("skipped: torch is not installed (pip install 'jupyter-imagechat[diffusers]')")
        return
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        print(f"skipped: no CUDA GPU (torch {torch.__version__}); run this on a GPU machine")
        return

    from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine
    from jupyter_imagechat.scene import SceneGraph

    cuda = args.device.startswith("cuda")
    dtype = torch.float16 if cuda else torch.float32
    folder = Path(tempfile.mkdtemp()) / "sd15-random"
    sd15_pipeline(args.tiny).to(dtype=dtype).save_pretrained(str(folder))

    engine = DiffusersEngine(str(folder), device=args.device,
                             dtype="float16" if cuda else "float32")  # fmt: skip
    engine.load()
    pipe = engine.pipeline  # the very pipeline the engine drives
    scene = SceneGraph.from_dict({"entities": [{"id": "e1", "name": "apple", "count": 3}]})
    prompt = "three apples"
    size, steps = args.size, args.steps
    settings = {"steps": steps, "width": size, "height": size, "grounding": "none"}

    def sync() -> None:
        if cuda:
            torch.cuda.synchronize()

    def raw() -> None:
        gen = torch.Generator(args.device).manual_seed(0)
        with torch.inference_mode():
            pipe(prompt, num_inference_steps=steps, width=size, height=size,
                 guidance_scale=7.5, generator=gen)  # fmt: skip

    def ours() -> None:
        engine.draw(scene, settings=settings)

    def ours_previews() -> None:
        engine.draw(scene, settings=settings, on_progress=lambda *a: None)

    runs = {"raw": raw, "engine": ours, "engine+previews": ours_previews}
    for run in runs.values():  # warm up (cuDNN autotuning, allocator)
        run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeats):
        for name, run in runs.items():
            sync()
            t0 = time.perf_counter()
            run()
            sync()
            times[name].append(time.perf_counter() - t0)

    device = torch.cuda.get_device_name() if cuda else "cpu"
    kind = "tiny" if args.tiny else "SD-1.5-sized"
    print(f"{kind} random pipeline, {size}x{size}, {steps} steps, {dtype}, {device}")
    base = statistics.median(times["raw"])
    for name, values in times.items():
        t = statistics.median(values)
        print(f"  {name:16s} {steps / t:6.2f} it/s  ({t:.2f} s per picture, "
              f"{t / base:.3f}x raw)")  # fmt: skip


if __name__ == "__main__":
    main()
