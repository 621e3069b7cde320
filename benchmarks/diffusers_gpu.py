"""On a GPU: SD-1.5-sized and SDXL-sized random-weight pipelines, our engine against raw diffusers.

Run from the project root on a machine with CUDA (no download: the weights are random,
built on the GPU and saved to a temporary folder, so the engine loads them by folder
as it loads a downloaded model)::

    python benchmarks/diffusers_gpu.py [--models sd15,sdxl] [--sizes 512,1024]
        [--dtypes float16,bfloat16] [--steps 20] [--repeats 3] [--json results.json]

For each model, dtype and size it prints a row as soon as it is measured, with the
card's name, and ``ok`` or ``OVER`` against each goal:

- **draw**: ``DiffusersEngine.draw`` (``grounding="none"``) over the raw pipeline call
  with the same arguments on the same loaded pipeline (``engine.pipeline``), median of
  the repeats. Goal: <= 1.05.
- **turn**: a whole chat turn (``Conversation.send``: plan, lay out, draw, check, record)
  over the same raw call. Goal: <= 1.05.
- **previews**: the turn with an ``on_progress`` callback (a live preview every step,
  what the widget asks for), over the raw call. Goal: <= 1.05.
- **regions**: the regional path (``grounding="regions"``, ``sketch_strength=1.0``: the
  prompt's three things each confined to their boxes by attention masks) over the
  ungrounded draw: what regional prompts cost (no goal; boolean masks keep
  ``scaled_dot_product_attention`` off its flash kernel).
- **memory**: peak CUDA memory of a draw with all three tasks ready (text-to-image,
  img2img and inpainting pipelines built, sharing one set of weights) over the peak of
  one raw ``AutoPipelineForText2Image`` drawing the same. Goal: <= 1.05.

``--json FILE`` writes the figures as they come (a run cut short keeps what it measured).
The whole default run (2 models x 2 dtypes x 2 sizes, 20 steps, median of 3) takes
about 5 minutes on an H100-class card; ``--models sd15 --dtypes float16`` is a quick one.

Model shapes: SD 1.5 (UNet 860 M, CLIP-L text encoder, VAE 84 M parameters) and SDXL
(UNet 2.6 B with ``text_time`` embeddings, CLIP-L + OpenCLIP-bigG text encoders, VAE
with ``force_upcast``). The tokenizers are the byte-level ones of
``tests/tiny_pipelines`` (prompt lengths are the same 77 tokens).

Without CUDA the script says so and exits 0. ``--tiny --device cpu`` runs the same code
on the tiny test pipelines (no memory figures), to check the script itself.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

PROMPT = "two red apples left of a blue bowl and a cat"
"""Three things, each a region of its own on the regional path."""


def _clip(hidden: int, layers: int, heads: int, projection: bool, vocab: int) -> Any:
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

    config = CLIPTextConfig(
        hidden_size=hidden,
        intermediate_size=hidden * 4,
        num_attention_heads=heads,
        num_hidden_layers=layers,
        vocab_size=vocab,
        projection_dim=hidden,
        bos_token_id=0,
        eos_token_id=1,
        pad_token_id=1,
        hidden_act="gelu",
    )
    return (CLIPTextModelWithProjection if projection else CLIPTextModel)(config)


def _vae(**config: Any) -> Any:
    from diffusers import AutoencoderKL

    return AutoencoderKL(
        block_out_channels=(128, 256, 512, 512),
        down_block_types=("DownEncoderBlock2D",) * 4,
        up_block_types=("UpDecoderBlock2D",) * 4,
        latent_channels=4,
        layers_per_block=2,
        **config,
    )


def sd15() -> Any:
    """A Stable Diffusion 1.5-shaped pipeline with random weights."""
    from diffusers import PNDMScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from tiny_pipelines.text import clip_tokenizer

    tokenizer = clip_tokenizer()
    unet = UNet2DConditionModel(
        sample_size=64,
        block_out_channels=(320, 640, 1280, 1280),
        cross_attention_dim=768,
        attention_head_dim=8,
    )
    return StableDiffusionPipeline(
        unet=unet,
        vae=_vae(sample_size=512),
        text_encoder=_clip(768, 12, 12, False, len(tokenizer)),
        tokenizer=tokenizer,
        scheduler=PNDMScheduler(
            beta_start=0.00085,
            beta_end=0.012,
            beta_schedule="scaled_linear",
            skip_prk_steps=True,
            steps_offset=1,
        ),
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )


def sdxl() -> Any:
    """An SDXL-shaped pipeline with random weights."""
    from diffusers import EulerDiscreteScheduler, StableDiffusionXLPipeline, UNet2DConditionModel
    from tiny_pipelines.text import clip_tokenizer

    tokenizer = clip_tokenizer()
    unet = UNet2DConditionModel(
        sample_size=128,
        block_out_channels=(320, 640, 1280),
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        transformer_layers_per_block=(1, 2, 10),
        attention_head_dim=(5, 10, 20),
        use_linear_projection=True,
        cross_attention_dim=2048,
        addition_embed_type="text_time",
        addition_time_embed_dim=256,
        projection_class_embeddings_input_dim=2816,
    )
    return StableDiffusionXLPipeline(
        unet=unet,
        vae=_vae(sample_size=1024, scaling_factor=0.13025, force_upcast=True),
        text_encoder=_clip(768, 12, 12, False, len(tokenizer)),
        text_encoder_2=_clip(1280, 32, 20, True, len(tokenizer)),
        tokenizer=tokenizer,
        tokenizer_2=clip_tokenizer(),
        scheduler=EulerDiscreteScheduler(
            beta_start=0.00085,
            beta_end=0.012,
            beta_schedule="scaled_linear",
            steps_offset=1,
            timestep_spacing="leading",
        ),
    )


def build(name: str, tiny: bool, device: str, folder: Path) -> str:
    """Build ``name``'s pipeline on ``device`` (random init there is fast), save it in float16.

    The libraries' warnings and bars go to the log, as they do while the engine runs."""
    import torch

    from jupyter_imagechat.engines.diffusers.quiet import library_output_to_log

    if tiny:
        from tiny_pipelines import build as build_tiny

        return build_tiny("sd1" if name == "sd15" else "sdxl", folder / name)
    with library_output_to_log():
        torch.manual_seed(0)
        with torch.device(device):
            pipe = {"sd15": sd15, "sdxl": sdxl}[name]()
        pipe.to(dtype=torch.float16).save_pretrained(str(folder / name))
    del pipe
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    return str(folder / name)


def median_time(run: Callable[[], Any], repeats: int, sync: Callable[[], None]) -> float:
    run()  # warm up: cuDNN autotuning, allocator, lazy modules
    times = []
    for _ in range(repeats):
        sync()
        t0 = time.perf_counter()
        run()
        sync()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(folder: str, dtype: str, sizes: list[int], args: argparse.Namespace) -> list[dict]:
    """Every figure of one model in one dtype (each row printed as soon as it is measured)."""
    import torch

    from jupyter_imagechat import Conversation

    cuda = args.device.startswith("cuda")
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    rows = []
    raw_peak = _raw_peaks(folder, dtype, sizes, args) if cuda else {}
    chat = Conversation("diffusers", folder, device=args.device, dtype=dtype)
    engine = chat.engine
    engine.load()
    pipe = engine.pipeline
    for size in sizes:
        plain = {"steps": args.steps, "width": size, "height": size, "grounding": "none"}
        regions = {**plain, "grounding": "regions", "sketch_strength": 1.0}
        first = chat.send(PROMPT, settings=plain)  # the scene and prompt the engine draws
        scene, meta = first.scene, first.metadata

        def raw(meta: dict = meta, size: int = size) -> None:
            generator = torch.Generator(args.device).manual_seed(0)
            with torch.inference_mode():
                pipe(
                    meta["prompt"],
                    num_inference_steps=args.steps,
                    width=size,
                    height=size,
                    guidance_scale=meta["guidance_scale"],
                    generator=generator,
                )

        def turn(settings: dict, **kwargs: Any) -> None:
            chat.history = type(chat.history)()  # a fresh first turn
            chat.send(PROMPT, settings=settings, **kwargs)

        t_raw = median_time(raw, args.repeats, sync)
        t_draw = median_time(
            lambda s=plain, g=scene: engine.draw(g, settings=s), args.repeats, sync
        )
        t_turn = median_time(lambda s=plain: turn(s), args.repeats, sync)
        t_previews = median_time(
            lambda s=plain: turn(s, on_progress=lambda *a: None), args.repeats, sync
        )
        t_regions = median_time(
            lambda s=regions, g=scene: engine.draw(g, settings=s), args.repeats, sync
        )
        row = {
            "size": size,
            "dtype": dtype,
            "raw_s": t_raw,
            "draw_s": t_draw,
            "turn_s": t_turn,
            "previews_s": t_previews,
            "regions_s": t_regions,
            "draw_ratio": t_draw / t_raw,
            "turn_ratio": t_turn / t_raw,
            "previews_ratio": t_previews / t_raw,
            "regions_ratio": t_regions / t_draw,
        }
        if cuda:
            for mode in ("img2img", "inpaint"):
                engine.pipeline_for(mode)  # all three tasks ready
            gc.collect()
            torch.cuda.empty_cache()
            torch.cuda.reset_peak_memory_stats()
            engine.draw(scene, settings=plain)
            row["engine_peak_gb"] = torch.cuda.max_memory_allocated() / 2**30
            row["raw_peak_gb"] = raw_peak[size]
            row["memory_ratio"] = row["engine_peak_gb"] / row["raw_peak_gb"]
        print_row(row)
        rows.append(row)
    engine.unload()
    gc.collect()
    if cuda:
        torch.cuda.empty_cache()
    return rows


def _raw_peaks(
    folder: str, dtype: str, sizes: list[int], args: argparse.Namespace
) -> dict[int, float]:
    """Peak CUDA memory (GiB) of one plain diffusers pipeline drawing at each size."""
    import torch
    from diffusers import AutoPipelineForText2Image

    from jupyter_imagechat.engines.diffusers.loading import dtype_kwarg
    from jupyter_imagechat.engines.diffusers.quiet import library_output_to_log

    with library_output_to_log():
        kwargs = {dtype_kwarg(): getattr(torch, dtype)}
        pipe = AutoPipelineForText2Image.from_pretrained(folder, **kwargs).to(args.device)
    pipe.set_progress_bar_config(disable=True)
    peaks = {}
    for size in sizes:
        gc.collect()
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
        with torch.inference_mode():
            pipe("two red apples", num_inference_steps=args.steps, width=size, height=size)
        peaks[size] = torch.cuda.max_memory_allocated() / 2**30
    del pipe
    gc.collect()
    torch.cuda.empty_cache()
    return peaks


GOAL = 1.05


def verdict(ratio: float) -> str:
    return "ok" if ratio <= GOAL else "OVER"


def print_header(name: str, device: str) -> None:
    print(f"\n{name} random-weight pipeline on {device}", flush=True)
    print(
        "  size  dtype     raw s  draw/raw  turn/raw  previews/raw  regions/draw  "
        "memory engine/raw (GiB)",
        flush=True,
    )


def print_row(r: dict) -> None:
    memory = (
        f"{r['memory_ratio']:.3f} {verdict(r['memory_ratio']):4s} "
        f"({r['engine_peak_gb']:.2f} / {r['raw_peak_gb']:.2f})"
        if "memory_ratio" in r
        else "n/a (CUDA only)"
    )
    print(
        f"  {r['size']:4d}  {r['dtype']:8s} {r['raw_s']:6.2f}  "
        f"{r['draw_ratio']:.3f} {verdict(r['draw_ratio']):4s} "
        f"{r['turn_ratio']:.3f} {verdict(r['turn_ratio']):4s} "
        f"{r['previews_ratio']:.3f} {verdict(r['previews_ratio']):4s}     "
        f"{r['regions_ratio']:.3f}         {memory}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="sd15,sdxl")
    parser.add_argument("--sizes", default="512,1024")
    parser.add_argument("--dtypes", default="float16,bfloat16")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--tiny", action="store_true", help="tiny pipelines (script check)")
    args = parser.parse_args()

    try:
        import torch
    except ImportError:
        print("skipped: torch is not installed (pip install 'jupyter-imagechat[diffusers]')")
        return 0
    cuda = args.device.startswith("cuda")
    if cuda and not torch.cuda.is_available():
        print(
            f"skipped: no CUDA GPU (torch {torch.__version__} sees none); the GPU figures "
            "need a machine with one (--tiny --device cpu checks the script)"
        )
        return 0
    if args.tiny:
        torch.set_num_threads(1)
    card = torch.cuda.get_device_name() if cuda else "cpu"
    sizes = [int(s) for s in args.sizes.split(",")]
    dtypes = ["float32"] if not cuda else args.dtypes.split(",")
    if cuda and "bfloat16" in dtypes and not torch.cuda.is_bf16_supported():
        print(f"{card} has no bfloat16: measuring float16 only")
        dtypes = [d for d in dtypes if d != "bfloat16"]
    print(f"{card}, torch {torch.__version__}, {args.steps} steps, median of {args.repeats}")
    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.models.split(","):
            folder = build(name, args.tiny, args.device, Path(tmp))
            label = {"sd15": "SD-1.5-sized", "sdxl": "SDXL-sized"}[name]
            print_header(label + (" (tiny)" if args.tiny else ""), card)
            results[name] = []
            for dtype in dtypes:
                results[name] += measure(folder, dtype, sizes, args)
                if args.json:  # written as it goes: a run cut short keeps what it measured
                    figures = {"card": card, "torch": torch.__version__, "results": results}
                    Path(args.json).write_text(json.dumps({**figures, "steps": args.steps}))
            shutil.rmtree(folder, ignore_errors=True)  # the next model's room on disk
    print(
        f"\ndraw: the engine's draw; turn: a whole chat turn (plan, lay out, draw, check, "
        f"record), each over the raw pipeline call (goal <= {GOAL}); previews: the turn with "
        "a live preview every step; regions: regional prompts over the ungrounded draw (no "
        f"goal: what they cost); memory: peak CUDA memory with all three tasks ready over "
        f"one raw pipeline (goal <= {GOAL}). ok / OVER: against the goal",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
