"""`import jupyter_imagechat` stays light: no torch, diffusers, transformers or widgets."""

from __future__ import annotations

import subprocess
import sys


def test_import_is_light() -> None:
    code = (
        "import sys, jupyter_imagechat, jupyter_imagechat.turns, jupyter_imagechat.cli;"
        "heavy = [m for m in ('torch', 'diffusers', 'transformers', 'ipywidgets', 'anywidget')"
        " if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names() -> None:
    import jupyter_imagechat

    assert jupyter_imagechat.SceneGraph.__name__ == "SceneGraph"
    assert jupyter_imagechat.ImageChat.__name__ == "ImageChat"
    assert issubclass(jupyter_imagechat.InputError, ValueError)
