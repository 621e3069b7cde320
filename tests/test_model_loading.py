"""Promises of the diffusers engine about loading: the device and dtype it picks by itself,
``revision=`` pinning a hub commit, and a clear error when CUDA is asked for and absent.

All run on a CPU machine with a tiny random pipeline (``tests/tiny_pipeline.py``); the one
that needs a CUDA GPU skips without one (a declared skip, ``gpu:``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from tiny_pipeline import build_tiny_pipeline  # noqa: E402

from jupyter_imagechat.engines.diffusers.engine import DiffusersEngine  # noqa: E402
from jupyter_imagechat.engines.diffusers.loading import default_dtype  # noqa: E402
from jupyter_imagechat.errors import EngineError  # noqa: E402
from jupyter_imagechat.scene import Entity, SceneGraph  # noqa: E402

SCENE = SceneGraph(entities=[Entity("e1", "apple", 1, {"color": "red"})])
FAST = {"steps": 2, "width": 64, "height": 64}


@pytest.fixture(scope="module")
def tiny_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_pipeline(tmp_path_factory.mktemp("models") / "tiny-sd")


def fake_torch(*, bf16: bool) -> SimpleNamespace:
    return SimpleNamespace(cuda=SimpleNamespace(is_bf16_supported=lambda: bf16))


@pytest.mark.parametrize(
    ("model", "kind", "bf16", "expected"),
    [
        ("stabilityai/sd-turbo", "cpu", True, "float32"),
        ("black-forest-labs/FLUX.1-schnell", "cpu", True, "float32"),
        ("stabilityai/sd-turbo", "cuda", True, "float16"),
        ("black-forest-labs/FLUX.1-schnell", "cuda", True, "bfloat16"),
        ("stabilityai/stable-diffusion-3-medium-diffusers", "cuda", True, "bfloat16"),
        ("black-forest-labs/FLUX.1-schnell", "cuda", False, "float16"),  # an older GPU
        ("black-forest-labs/FLUX.1-schnell", "mps", True, "float16"),
        ("runwayml/stable-diffusion-v1-5", "mps", False, "float16"),
    ],
)
def test_the_dtype_is_chosen_for_the_device_and_the_model(model, kind, bf16, expected) -> None:
    assert default_dtype(model, kind, fake_torch(bf16=bf16)) == expected


def test_on_a_cpu_the_engine_loads_float32_by_itself(
    tiny_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    engine = DiffusersEngine(tiny_path)
    result = engine.draw(SCENE, seed=0, settings=FAST)
    assert (engine.device, engine.dtype) == ("cpu", "float32")
    assert (result.metadata["device"], result.metadata["dtype"]) == ("cpu", "float32")
    unet = engine.pipelines.pipeline.unet
    assert next(unet.parameters()).dtype == torch.float32


def test_asking_for_cuda_without_a_gpu_is_a_clear_error(
    tiny_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(EngineError) as info:
        DiffusersEngine(tiny_path, device="cuda").load()
    message = str(info.value)
    assert "device='cuda' was asked for" in message
    assert "sees no CUDA GPU" in message
    assert "use device='cpu' or install a CUDA build of torch" in message


def _cache_with_two_commits(tiny_path: str, root: Path) -> tuple[str, str]:
    """A hub cache holding two commits of ``org/tiny-sd``; ``main`` points at the newer."""
    old, new = "1" * 40, "2" * 40
    repo = root / "models--org--tiny-sd"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(new)
    for commit in (old, new):
        shutil.copytree(tiny_path, repo / "snapshots" / commit)
    # the older commit has a different scheduler: which one loads shows which commit did
    config = repo / "snapshots" / old / "scheduler" / "scheduler_config.json"
    text = config.read_text()
    assert '"beta_end": 0.012' in text
    config.write_text(text.replace('"beta_end": 0.012', '"beta_end": 0.013'))
    return old, new


def test_revision_pins_the_commit_that_loads_and_is_recorded(
    tiny_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = _cache_with_two_commits(tiny_path, tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    latest = DiffusersEngine("org/tiny-sd", cache_dir=str(tmp_path))
    pinned = DiffusersEngine("org/tiny-sd", cache_dir=str(tmp_path), revision=old)
    a = latest.draw(SCENE, seed=0, settings=FAST)
    b = pinned.draw(SCENE, seed=0, settings=FAST)
    assert latest.model_revision == f"org/tiny-sd@{new}"
    assert pinned.model_revision == f"org/tiny-sd@{old}"
    assert b.metadata["model_revision"] == f"org/tiny-sd@{old}"
    assert pinned.pipelines.pipeline.scheduler.config.beta_end == 0.013
    assert latest.pipelines.pipeline.scheduler.config.beta_end == 0.012
    assert a.metadata["model_revision"] != b.metadata["model_revision"]


def test_a_revision_not_in_the_cache_says_so_offline(
    tiny_path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cache_with_two_commits(tiny_path, tmp_path)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EngineError, match="not in the local cache"):
        DiffusersEngine("org/tiny-sd", cache_dir=str(tmp_path), revision="3" * 40).load()


@pytest.mark.skipif(not torch.cuda.is_available(), reason="gpu: needs a CUDA GPU")
def test_on_a_cuda_gpu_the_engine_loads_float16_by_itself(tiny_path: str) -> None:
    engine = DiffusersEngine(tiny_path)
    result = engine.draw(SCENE, seed=0, settings=FAST)
    assert (engine.device, engine.dtype) == ("cuda", "float16")
    assert result.image.size == (64, 64)
