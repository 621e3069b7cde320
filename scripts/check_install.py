"""Check the two ways a newcomer starts, each in a fresh environment, and time them.

``binder``: install what mybinder.org installs (repo2docker's base environment, then
``binder/requirements.txt`` from the repository root, as repo2docker does) into a fresh
virtual environment, check that JupyterLab loads the widget's front end, and run every
notebook there with nbclient.

``readme``: run the README's one-line run command exactly as written, in a fresh copy of
the checkout (no virtual environment, no built front end), first as root (as in Docker and
many hubs' images), then as an unprivileged user on the same copy; each time until the
Jupyter server it starts answers, then stop it.

Usage: python scripts/check_install.py [binder] [readme]   (both by default)

pip's cache is reused (downloads once per machine); each check prints how long it took.
Servers listen on 127.0.0.1 only; every wait is bounded.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What repo2docker's base environment holds (repo2docker/buildpacks/conda/environment.yml):
BINDER_BASE = ["jupyterlab>=4,<5", "notebook>=7,<8", "ipywidgets>=8,<9", "jupyter_server>=2,<3"]
RUN_NOTEBOOKS = r"""
import sys, time, nbformat, nbclient, pathlib, tempfile, os
folder, failed = pathlib.Path(sys.argv[1]), []
for path in sorted(folder.glob("*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    cwd = tempfile.mkdtemp()
    start = time.perf_counter()
    try:
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": cwd}}).execute()
        status = "ok"
    except Exception as exc:
        status = f"FAILED: {str(exc)[-600:]}"
        failed.append(path.name)
    left = os.listdir(cwd)
    if left:
        status, failed = f"wrote {left} next to the notebook", failed + [path.name]
    print(f"  {path.name}: {time.perf_counter() - start:.1f} s {status}", flush=True)
sys.exit(1 if failed else 0)
"""


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def readme_command() -> str:
    """The README's run command: the first bash block after "**Try it**"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\*\*Try it\*\*.*?```bash\n(.+?)\n```", text, re.S)
    if not match or "\n" in match.group(1).strip():
        sys.exit("README.md: no one-line bash block after **Try it**")
    return match.group(1).strip()


def check_binder() -> float:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="binder-") as tmp:
        env_dir = Path(tmp) / "env"
        run([sys.executable, "-m", "venv", str(env_dir)])
        pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q"]
        run([*pip, "--upgrade", "pip"])
        run([*pip, *BINDER_BASE])
        run([*pip, "-r", "binder/requirements.txt"], cwd=ROOT)  # from the root, as repo2docker
        installed = time.perf_counter() - start
        print(f"--- binder: installed in {installed:.0f} s", flush=True)
        out = subprocess.run(
            [str(env_dir / "bin" / "jupyter"), "labextension", "list"],
            capture_output=True,
            text=True,
            check=True,
        )
        if "anywidget" not in out.stdout + out.stderr:
            sys.exit("binder: JupyterLab does not list the anywidget extension")
        python = str(env_dir / "bin" / "python")
        env = dict(os.environ, TMPDIR=tmp, HF_HUB_OFFLINE="1")
        env = {k: v for k, v in env.items() if not k.startswith("JUPYTER_IMAGECHAT_")}
        env.pop("PYTHONPATH", None)  # the installed package, not this checkout
        run([python, "-c", RUN_NOTEBOOKS, str(ROOT / "notebooks")], cwd=tmp, env=env)
    took = time.perf_counter() - start
    print(f"--- binder: installed and ran every notebook in {took:.0f} s", flush=True)
    return took


def _serve_once(command: str, cwd: Path, env: dict[str, str], user: int | None) -> None:
    """Run ``command`` (ending in ``jupyter lab``) until its server answers, then stop it."""
    log = cwd / f"first-run-{'root' if user is None else user}.log"
    prefix = (
        [] if user is None else ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    )
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [*prefix, "bash", "-c", command],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 600
        url = None
        while time.monotonic() < deadline and url is None:
            if proc.poll() is not None:
                sys.exit(
                    f"the README command exited ({proc.returncode}):\n{log.read_text()[-3000:]}"
                )
            found = re.search(
                r"(http://(?:127\.0\.0\.1|localhost):\d+/)\S*\?token=(\w+)", log.read_text()
            )
            if found:
                url = found.group(1)
                token = found.group(2)
            time.sleep(0.5)
        if url is None:
            sys.exit(f"no Jupyter server within 10 minutes:\n{log.read_text()[-3000:]}")
        request = urllib.request.Request(
            url + "api/status", headers={"Authorization": f"token {token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            json.loads(reply.read())
        print(f"    the server answered at {url}", flush=True)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def _fresh_copy(dest: Path) -> Path:
    """The checkout's files as a fresh clone has them (no .venv, no built front end)."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, files.split("\0")):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def check_readme() -> float:
    command = readme_command()
    print(f"--- readme: {command}", flush=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="first-run-") as tmp:
        os.chmod(tmp, 0o755)  # the unprivileged user's copy lies inside
        home = Path(tmp) / "home"
        home.mkdir()
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "BROWSER": "true",  # a headless check: no browser to open
            "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
        }
        print("  as this user (root in CI), on a fresh copy:", flush=True)
        _serve_once(command, _fresh_copy(Path(tmp) / "mine"), env, None)
        if os.geteuid() == 0:
            # Another user cannot run root's Python (often under /root): the system's, as a
            # student's account has; its own home, pip and npm caches.
            print("  as an unprivileged user (uid 65534), on another fresh copy:", flush=True)
            theirs = _fresh_copy(Path(tmp) / "theirs")
            their_home = Path(tmp) / "their-home"
            their_home.mkdir()
            subprocess.run(["chown", "-R", "65534:65534", str(theirs), str(their_home)], check=True)
            path = os.pathsep.join(
                p for p in env["PATH"].split(os.pathsep) if not p.startswith("/root")
            )
            their_env = {**env, "PATH": path, "HOME": str(their_home)}
            their_env["PIP_CACHE_DIR"] = str(their_home / ".cache" / "pip")
            _serve_once(command, theirs, their_env, 65534)
    took = time.perf_counter() - start
    print(f"--- readme: the run command worked in {took:.0f} s", flush=True)
    return took


if __name__ == "__main__":
    wanted = sys.argv[1:] or ["binder", "readme"]
    for name in wanted:
        {"binder": check_binder, "readme": check_readme}[name]()
