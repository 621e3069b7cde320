"""Process memory with all three tasks ready against one pipeline (goal <= 1.05x).

Run from the project root (CPU; no download, the pipeline is built here)::

    python benchmarks/diffusers_memory.py [--width 128]

Builds a random Stable Diffusion pipeline (``--width`` sets the UNet's first block
width: 32 is the test pipeline, 128 gives ~100 M parameters, enough that the weights
dominate the process), then measures in separate, fresh processes the resident set
size (RSS, from /proc) after:

- ``one``: the raw ``StableDiffusionPipeline.from_pretrained`` and one picture;
- ``three``: ``DiffusersEngine`` with text-to-image, img2img and inpainting all
  loaded (one picture in each mode).

Prints both, the memory torch alone takes, and the ratios (goal: <= 1.05).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

CHILD = r"""
import json, sys
sys.path[:0] = {paths!r}

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
import numpy as np, torch, diffusers, transformers
from PIL import Image
base = rss()
folder, what = sys.argv[1], sys.argv[2]
kw = dict(num_inference_steps=2, generator=torch.Generator().manual_seed(0))
if what == "one":
    pipe = diffusers.StableDiffusionPipeline.from_pretrained(folder)
    pipe.set_progress_bar_config(disable=True)
    pipe("a red apple", **kw)
else:
    from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine
    from jupyter_imagechat.scene import SceneGraph
    scene = SceneGraph.from_dict({{"entities": [{{"id": "e1", "name": "apple"}}]}})
    engine = DiffusersEngine(folder)
    picture = engine.draw(scene, settings={{"steps": 2}}).image
    engine.draw(scene, image=picture, settings={{"steps": 2, "strength": 0.5}})
    mask = np.zeros((picture.height, picture.width), bool)
    mask[8:40, 8:40] = True
    engine.draw(scene, image=picture, mask=mask, settings={{"steps": 2}})
    assert {{"text2img", "img2img", "inpaint"}} <= engine.pipelines.built_modes
print(json.dumps({{"base": base, "rss": rss()}}))
"""


def build(folder: Path, width: int) -> str:
    """The tiny test pipeline, with the UNet widened to ``width`` channels."""
    import tiny_pipeline

    if width == 32:
        return tiny_pipeline.build_tiny_pipeline(folder)
    import diffusers

    path = tiny_pipeline.build_tiny_pipeline(folder)
    pipe = diffusers.StableDiffusionPipeline.from_pretrained(path)
    pipe.unet = diffusers.UNet2DConditionModel(
        block_out_channels=(width, width * 2, width * 4),
        layers_per_block=2,
        sample_size=32,
        in_channels=4,
        out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=32,
    )
    pipe.save_pretrained(path)
    return path


def measure(folder: str, what: str) -> dict[str, int]:
    code = CHILD.format(paths=[str(ROOT), str(ROOT / "tests")])
    done = subprocess.run(
        [sys.executable, "-c", code, folder, what], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=128, help="UNet first block width")
    args = parser.parse_args()
    folder = build(Path(tempfile.mkdtemp()) / "sd", args.width)
    params = sum(p.stat().st_size for p in Path(folder).rglob("*.safetensors"))
    one, three = measure(folder, "one"), measure(folder, "three")
    mb = 2**20
    print(f"random SD pipeline, UNet width {args.width}, {params / mb:.0f} MB of weights (fp32)")
    print(f"  torch + diffusers imported:          {one['base'] / mb:7.0f} MB RSS")
    print(f"  one raw pipeline, one picture:       {one['rss'] / mb:7.0f} MB RSS")
    print(f"  engine, all three tasks, 3 pictures: {three['rss'] / mb:7.0f} MB RSS")
    print(f"  ratio (process):         {three['rss'] / one['rss']:.3f} (goal <= 1.05)")
    grown_one, grown_three = one["rss"] - one["base"], three["rss"] - three["base"]
    print(f"  ratio (above the imports): {grown_three / grown_one:.3f}")


if __name__ == "__main__":
    main()
