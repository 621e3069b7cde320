"""The remote engines and the server stay optional: importing the package, its engines, its
settings and its server loads neither ``openai`` nor Ray, and a missing one is an error that
names the pip command."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_importing_loads_neither_openai_nor_ray() -> None:
    out = run(
        "import sys, jupyter_imagechat, jupyter_imagechat.cli, jupyter_imagechat.engines, "
        "jupyter_imagechat.engines.remote, jupyter_imagechat.server, jupyter_imagechat.config, "
        "jupyter_imagechat.openai_api\n"
        "from jupyter_imagechat import Conversation\n"
        "Conversation('builtin')\n"
        "heavy = ('openai', 'ray', 'httpx', 'httpx2', 'starlette', 'fastapi')\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_without_openai_the_remote_engine_names_the_pip_command() -> None:
    out = run(
        "import sys; sys.modules['openai'] = None\n"
        "from jupyter_imagechat import Conversation\n"
        "try:\n"
        "    Conversation('remote', base_url='http://127.0.0.1:9/v1')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)"
    )
    assert "EngineError" in out.stdout
    assert 'pip install "jupyter-imagechat[remote]"' in out.stdout


def test_without_ray_serving_names_the_pip_command() -> None:
    out = run(
        "import sys; sys.modules['ray'] = None\n"
        "from jupyter_imagechat.cli import main\n"
        "raise SystemExit(main(['serve', '--port', '9']))"
    )
    assert out.returncode == 2
    assert 'serving needs Ray Serve: pip install "jupyter-imagechat[serve]"' in out.stderr
