"""A wheel built from a clean checkout carries the built front end and the artwork."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _checkout_files() -> list[str]:
    """Files a fresh clone would have (tracked, plus untracked ones git does not ignore)."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    return [f for f in out.decode().split("\0") if f and (ROOT / f).is_file()]


@pytest.mark.slow
def test_wheel_from_clean_checkout_has_bundle_and_assets(tmp_path: Path) -> None:
    if shutil.which("npm") is None:
        pytest.skip("npm is needed to build the front end from source")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know which files a clean clone has")
    src = tmp_path / "src"
    for name in _checkout_files():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    assert not (src / "jupyter_imagechat" / "static").exists()
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(src)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("jupyter_imagechat-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "jupyter_imagechat/static/widget.js" in names
    assert "jupyter_imagechat/static/widget.css" in names
    assets = [n for n in names if n.startswith("jupyter_imagechat/engines/builtin/assets/")]
    assert any(n.endswith((".png", ".svgz")) for n in assets)
    assert any("LICENSE" in n for n in assets), "the artwork ships with its license"
    assert not any(n.startswith(("js/", "tests/", "node_modules/")) for n in names)
    bundle = zipfile.ZipFile(wheel).read("jupyter_imagechat/static/widget.js").decode()
    assert "export" in bundle
    assert not re.search(r"""(import\s*\(?|from)\s*["'](https?:)?//""", bundle), "no CDN imports"
