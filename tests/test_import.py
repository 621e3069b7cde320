"""`import jupyter_imagechat` stays light: no torch, diffusers, transformers or widgets."""

from __future__ import annotations

import subprocess
import sys

import pytest


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


def test_the_model_planners_import_from_where_earlier_versions_put_them() -> None:
    """``planner/llm.py`` became the folder ``planner/llm/``: code and notebooks written
    for earlier versions (and the README) import the planners from its old path."""
    from jupyter_imagechat.planner.llm import EndpointPlanner, LLMError, TransformersPlanner
    from jupyter_imagechat.planner.llm.planners import EndpointPlanner as Moved

    assert EndpointPlanner is Moved
    assert issubclass(LLMError, Exception)
    assert TransformersPlanner.__name__ == "TransformersPlanner"
    with pytest.raises(ImportError):  # a name it never had is still an error
        from jupyter_imagechat.planner.llm import NoSuchPlanner  # noqa: F401
