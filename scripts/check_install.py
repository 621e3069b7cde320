"""Check the two ways a newcomer starts, each from a fresh copy of the checkout, and time them.

``binder``: what mybinder.org does with ``binder/`` (repo2docker's Python build), in a fresh
virtual environment: repo2docker's base environment (JupyterLab 4, Notebook 7, ipywidgets 8,
Jupyter Server 2), then ``pip install -r binder/requirements.txt`` from the root of a copy
with no built front end (the ``.`` line builds it with npm, as on Binder). Then JupyterLab
is started there with the README run line's own arguments (``--allow-root``, notebook 1) on
127.0.0.1 and must serve notebook 1 with the widget manager and anywidget extensions, and
every notebook runs top to bottom with nbclient on a kernel of that environment (no torch:
notebooks 8 and 9 take their skipping paths), writing only into a temporary folder.

``readme``: the README's one-line run command exactly as written, in a fresh copy (no
virtual environment, no built front end), as this user (root in CI, as in Docker and many
hubs' images) and, when this user is root, again as a new unprivileged user made with
``useradd`` and logged in with ``su --login`` (the system's Python, its own home and caches);
each time until its JupyterLab serves notebook 1 with those extensions, then stopped.

Usage: python scripts/check_install.py [binder] [readme]   (both by default)

Each step prints how long it took. Servers listen on loopback only (127.0.0.1; localhost for
the README line, its default); every wait is bounded.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What repo2docker's base environment holds (repo2docker/buildpacks/conda/environment.yml):
BINDER_BASE = ["jupyterlab>=4,<5", "notebook>=7,<8", "ipywidgets>=8,<9", "jupyter_server>=2,<3"]
NOTEBOOK_1 = "notebooks/01_quickstart.ipynb"
# What JupyterLab must load for the widget to show: the widget manager and anywidget.
WIDGET_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "anywidget")
SERVER_WAIT_S = 900  # the README line installs before it serves: pip and npm on a cold cache
RUN_NOTEBOOKS = r"""
import os, pathlib, subprocess, sys, tempfile, time
import nbclient, nbformat

env_prefix, folder = sys.argv[1], pathlib.Path(sys.argv[2])
# The kernel is this environment's, and imports the installed package, not a checkout.
probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    "import sys, jupyter_imagechat; print(sys.prefix); print(jupyter_imagechat.__file__)")])
nbclient.NotebookClient(probe, timeout=120, kernel_name="python3").execute()
prefix, package = probe.cells[0].outputs[0]["text"].split()
if os.path.realpath(prefix) != os.path.realpath(env_prefix) or not package.startswith(prefix):
    sys.exit(f"the kernel runs {prefix} with {package}, not the fresh environment's")
failed = []
for path in sorted(folder.glob("*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    cwd = tempfile.mkdtemp()
    start = time.perf_counter()
    try:
        # the kernel process's own log (not the cells' output) left out: transport notices
        nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": cwd}}).execute(
                                    stderr=subprocess.DEVNULL)
        status = "ok"
    except Exception as exc:
        status, failed = f"FAILED: {str(exc)[-1500:]}", [*failed, path.name]
    if os.listdir(cwd):
        status, failed = f"wrote {os.listdir(cwd)} next to the notebook", [*failed, path.name]
    print(f"  {path.name}: {time.perf_counter() - start:.1f} s {status}", flush=True)
sys.exit(f"failed: {failed}" if failed else 0)
"""


def _run(cmd: list[str], **kw) -> None:
    print("+", " ".join(a if len(a) < 200 else "<script>" for a in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


# Notices that say nothing about this project: pip on a machine whose configuration names
# an index folder that is not there, and the kernels' transport.
NOISE = ("is ignored: it is neither a file nor a directory", "over TCP without encryption")


def _run_quietly(cmd: list[str], **kw) -> None:
    """Run ``cmd`` with its output shown, less the lines in NOISE; stop on failure."""
    print("+", " ".join(a if len(a) < 200 else "<script>" for a in cmd), flush=True)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    assert proc.stdout is not None
    for line in proc.stdout:
        if not any(noise in line for noise in NOISE):
            print(line, end="", flush=True)
    if proc.wait():
        sys.exit(f"failed ({proc.returncode}): {cmd[0]}")


def _step(name: str, start: float) -> float:
    now = time.perf_counter()
    print(f"    {name}: {now - start:.0f} s", flush=True)
    return now


def readme_command() -> str:
    """The README's run command: the first bash block after "**Try it**"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\*\*Try it\*\*.*?```bash\n(.+?)\n```", text, re.S)
    if not match or "\n" in match.group(1).strip():
        sys.exit("README.md: no one-line bash block after **Try it**")
    return match.group(1).strip()


def readme_lab_arguments() -> list[str]:
    """What the README's run line gives ``jupyter lab`` (``--allow-root``, notebook 1)."""
    words = readme_command().split("&&")[-1].split()
    if words[:1] != [".venv/bin/jupyter"] or words[1:2] != ["lab"]:
        sys.exit("README.md: the run line does not end in `.venv/bin/jupyter lab ...`")
    return words[2:]


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
    if (dest / "jupyter_imagechat" / "static").exists():
        sys.exit("the fresh copy has a built front end: jupyter_imagechat/static/ is not ignored")
    return dest


def _clean_env(home: Path) -> dict[str, str]:
    """No hub settings, no checkout on the path, a home of its own, no browser to open."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("JUPYTER", "IMAGECHAT_", "VIRTUAL_ENV", "PYTHON"))
    }
    env.update(HOME=str(home), BROWSER="true", HF_HUB_OFFLINE="1")
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))  # downloads once
    env.setdefault("npm_config_cache", str(Path.home() / ".npm"))
    return env


def _serve_once(
    argv: list[str],
    cwd: Path,
    env: dict[str, str] | None,
    log: Path,
    settings: dict[str, dict[str, object]] | None = None,
) -> str:
    """Run ``argv`` (ending in ``jupyter lab``) until it serves notebook 1, then stop it.

    Returns how long it took to serve, and checks that the page it serves loads the
    anywidget extension (the widget's front end) and, given ``settings`` (plugin id ->
    setting -> value), that the server gives those settings as their defaults.
    """
    start = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + SERVER_WAIT_S
        found = None
        while found is None:
            if proc.poll() is not None:
                sys.exit(f"exited ({proc.returncode}) before serving:\n{log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                sys.exit(f"no Jupyter server in {SERVER_WAIT_S} s:\n{log.read_text()[-3000:]}")
            found = re.search(
                r"(http://(?:127\.0\.0\.1|localhost):\d+/)\S*\?token=(\w+)", log.read_text()
            )
            time.sleep(0.5)
        base, token = found.group(1), found.group(2)
        url = f"{base}lab/tree/{NOTEBOOK_1}"
        request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            page = reply.read().decode()
        for extension in WIDGET_EXTENSIONS:
            if not re.search(rf'"name":\s*"{re.escape(extension)}"', page):
                sys.exit(f"{url} does not load the {extension} extension (widgets' front end)")
        print(f"    served {url} with the {' and '.join(WIDGET_EXTENSIONS)} extensions", flush=True)
        # The Lab page above comes for any path; the file must be there too, and the README
        # beside notebooks/ (the lessons link to it), so the server's root is the checkout's.
        for path in (NOTEBOOK_1, "README.md"):
            request = urllib.request.Request(
                f"{base}api/contents/{path}?content=0", headers={"Authorization": f"token {token}"}
            )
            try:
                urllib.request.urlopen(request, timeout=30).close()
            except urllib.error.HTTPError as error:
                sys.exit(
                    f"the server does not have {path} ({error.code}): is its root the checkout?"
                )
        for plugin, wanted in (settings or {}).items():
            request = urllib.request.Request(
                f"{base}lab/api/settings/{plugin}", headers={"Authorization": f"token {token}"}
            )
            with urllib.request.urlopen(request, timeout=30) as reply:
                properties = json.loads(reply.read())["schema"]["properties"]
            got = {key: properties[key].get("default") for key in wanted}
            if got != wanted:
                sys.exit(f"{plugin}: the server's defaults are {got}, binder/ sets {wanted}")
            print(f"    {plugin} defaults to {wanted}", flush=True)
        return f"{time.perf_counter() - start:.0f} s"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def _memory_folder() -> str | None:
    """/dev/shm when it is a roomy memory file system: the environment's tens of thousands
    of small files are written and deleted there in seconds, not minutes on a busy disk."""
    with contextlib.suppress(OSError):
        roomy = shutil.disk_usage("/dev/shm").free > 4 * 2**30
        runs_programs = not os.statvfs("/dev/shm").f_flag & getattr(os, "ST_NOEXEC", 8)
        if roomy and runs_programs and os.access("/dev/shm", os.W_OK):
            return "/dev/shm"
    return None  # the system's temporary folder


def check_binder() -> float:
    start = step = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="binder-", dir=_memory_folder()))
    try:
        repo = _fresh_copy(tmp / "repo")
        env_dir = tmp / "env"
        python = str(env_dir / "bin" / "python")
        # Without its own pip: this pip installs into it (--python), which skips ensurepip;
        # no byte-compiling of JupyterLab (Python does it on first import).
        _run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)])
        pip = [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-compile"]
        _run_quietly([*pip, *BINDER_BASE, "-r", "binder/requirements.txt"], cwd=repo)
        step = _step("installed the base environment and binder/requirements.txt", step)

        env = _clean_env(tmp / "home")
        (tmp / "home").mkdir()
        env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
        env["TMPDIR"] = str(tmp / "temp")
        (tmp / "temp").mkdir()
        _run(["bash", "binder/postBuild"], cwd=repo, env=env)  # as repo2docker does next
        step = _step("ran binder/postBuild", step)
        served = _serve_once(
            # the README's own arguments: as root (CI) this is the run line's last step
            [str(env_dir / "bin" / "jupyter"), "lab", *readme_lab_arguments(), "--ip=127.0.0.1"],
            repo,
            env,
            tmp / "lab.log",
            settings=json.loads((repo / "binder" / "overrides.json").read_text()),
        )
        step = _step(f"JupyterLab, started as the README says, served notebook 1 ({served})", step)
        notebooks = [python, "-c", RUN_NOTEBOOKS, str(env_dir), str(repo / "notebooks")]
        _run_quietly(notebooks, cwd=tmp / "temp", env=env)
        step = _step("ran every notebook", step)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        step = _step("removed the environment", step)
    took = time.perf_counter() - start
    print(f"--- binder: installed, served and ran every notebook in {took:.0f} s", flush=True)
    return took


@contextlib.contextmanager
def _new_user(home: Path):
    """A new unprivileged user with a home of its own, removed afterwards."""
    name = f"imagechat{os.getpid()}"
    _run(["useradd", "--home-dir", str(home), "--create-home", "--shell", "/bin/bash", name])
    try:
        yield pwd.getpwnam(name)
    finally:
        subprocess.run(["userdel", name], check=False)


def check_readme() -> float:
    command = readme_command()
    print(f"--- readme: {command}", flush=True)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="first-run-") as tmp_name:
        tmp = Path(tmp_name)
        os.chmod(tmp, 0o755)  # the unprivileged user's copy lies inside
        who = "root" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        print(f"  as {who}, on a fresh copy:", flush=True)
        (tmp / "home").mkdir()
        mine = _fresh_copy(tmp / "mine")
        took = _serve_once(["bash", "-c", command], mine, _clean_env(tmp / "home"), tmp / "a.log")
        print(f"    {who}: installed and served in {took}", flush=True)
        # The lessons run on what the line installed (it lacked matplotlib and pandas once).
        env = _clean_env(tmp / "home")
        env["TMPDIR"] = str(tmp / "temp")
        (tmp / "temp").mkdir()
        venv = mine / ".venv"
        run = [
            str(venv / "bin" / "python"),
            "-c",
            RUN_NOTEBOOKS,
            str(venv),
            str(mine / "notebooks"),
        ]
        _run_quietly(run, cwd=tmp / "temp", env=env)
        print(f"    {who}: every notebook ran on that install", flush=True)
        if os.geteuid() == 0:
            with _new_user(tmp / "student") as user:
                print(f"  as a new user {user.pw_name} (su --login), on another copy:", flush=True)
                theirs = _fresh_copy(tmp / "theirs")
                _run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", str(theirs)])
                login = ["su", "--login", user.pw_name, "--whitelist-environment=BROWSER"]
                took = _serve_once(
                    [*login, "--command", f"cd {theirs} && {command}"],
                    theirs,
                    {"BROWSER": "true", "PATH": "/usr/bin:/bin"},
                    tmp / "b.log",
                )
                print(f"    {user.pw_name}: installed and served in {took}", flush=True)
    took_all = time.perf_counter() - start
    print(f"--- readme: the run command worked in {took_all:.0f} s", flush=True)
    return took_all


if __name__ == "__main__":
    wanted = sys.argv[1:] or ["binder", "readme"]
    unknown = set(wanted) - {"binder", "readme"}
    if unknown:
        sys.exit(f"unknown check {sorted(unknown)}: binder, readme")
    for name in wanted:
        {"binder": check_binder, "readme": check_readme}[name]()
