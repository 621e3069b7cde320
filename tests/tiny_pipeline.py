"""The tiny random Stable Diffusion 1.x pipeline of tests and benchmarks (no download).

A thin front to :mod:`tiny_pipelines`, which builds a tiny pipeline of every model
family; this module keeps the names that tests and benchmarks have long imported.

Usage::

    from tiny_pipeline import build_tiny_pipeline
    path = build_tiny_pipeline(tmp_path / "tiny-sd")
    engine = DiffusersEngine(path)
"""

from __future__ import annotations

from pathlib import Path

from tiny_pipelines import SIZE, build
from tiny_pipelines.text import clip_tokenizer as tiny_tokenizer

__all__ = ["SIZE", "build_tiny_pipeline", "tiny_tokenizer"]


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
    """
    return build("gligen" if gligen else "sd-inpainting" if inpainting else "sd1", path)


if __name__ == "__main__":  # pragma: no cover - a convenience for benchmarks
    import sys

    print(build_tiny_pipeline(sys.argv[1] if len(sys.argv) > 1 else "tiny-sd"))
