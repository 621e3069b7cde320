"""The lesson notebooks in notebooks/ run top to bottom on a fresh kernel, offline, on CPU.

Each is executed with nbclient (no JavaScript runs: the widget's pictures are checked
through its output's static copy) in an empty working folder, with the kernel's temporary
folder pointed into the test's own: a notebook may write only into a temporary folder, so
the working folder and the repository's notebooks/ must be unchanged afterwards. The
notebooks are stored without outputs. ``scripts/check_install.py binder`` (run by
``scripts/test.sh``, so CI) runs the same notebooks in a fresh environment installed from
binder/, without torch.
"""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

FOLDER = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(FOLDER.glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NO_PICTURES = {"08_real_models_and_servers.ipynb"}  # without a configured model: text only


def test_the_nine_lessons_are_there_and_stored_without_outputs():
    assert [p.name[:3] for p in NOTEBOOKS] == [f"{i:02d}_" for i in range(1, 10)]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert "widgets" not in nb.metadata, path.name
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{path.name}: outputs stored"
                assert cell.execution_count is None, path.name


def outputs(nb) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _files(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*")}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_offline_and_writes_only_into_a_temporary_folder(
    path: Path, tmp_path: Path, monkeypatch
) -> None:
    cwd = tmp_path / "cwd"
    temp = tmp_path / "temp"
    cwd.mkdir()
    temp.mkdir()
    for name in ("TMPDIR", "TEMP", "TMP"):  # the kernel's tempfile.mkdtemp() lands here
        monkeypatch.setenv(name, str(temp))
    for name in [n for n in os.environ if n.startswith("JUPYTER_IMAGECHAT_")]:
        monkeypatch.delenv(name)  # no hub settings: the notebooks' offline path
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    repo_before = _files(FOLDER)

    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    start = time.perf_counter()
    client.execute()
    print(f"{path.name}: {time.perf_counter() - start:.1f} s")

    errors = [o for o in outputs(nb) if o.get("output_type") == "error"]
    assert errors == [], "\n".join(f"{e['ename']}: {e['evalue']}" for e in errors)
    assert list(cwd.iterdir()) == [], "wrote next to the notebook"
    assert _files(FOLDER) == repo_before, "wrote into the repository's notebooks/"
    assert any(temp.iterdir()), "its temporary folder is where it writes"
    pictures = [o for o in outputs(nb) if "image/png" in o.get("data", {})]
    if path.name in NO_PICTURES:
        text = "".join(o.get("text", "") for o in outputs(nb) if o.get("output_type") == "stream")
        assert "skipped" in text, "says what is missing"
    else:
        assert pictures, "shows pictures"
    # A widget displayed after a turn carries that picture for viewers without a kernel.
    widgets = [o for o in outputs(nb) if WIDGET_VIEW in o.get("data", {})]
    if path.name.startswith("01_"):
        assert "image/png" in widgets[-1]["data"]
    # A lesson shows pictures that keep their plan; only notebook 2 breaks one on purpose.
    if not path.name.startswith("02_"):
        assert "not kept" not in _text(outputs(nb)), "a lesson's picture broke its plan"
    check = LESSON_CHECKS.get(path.name[:3])
    if check is not None:
        check(nb)


def _cell_outputs(nb, code: str) -> list[dict]:
    """The outputs of the one code cell whose source holds ``code``."""
    cells = [c for c in nb.cells if c.cell_type == "code" and code in c.source]
    assert len(cells) == 1, f"{len(cells)} cells hold {code!r}"
    return cells[0].outputs


def _text(outs: list[dict]) -> str:
    """What the outputs say as text: streams and plain-text results."""
    parts = [o.get("text", "") for o in outs if o.get("output_type") == "stream"]
    parts += [o["data"]["text/plain"] for o in outs if "text/plain" in o.get("data", {})]
    return "\n".join(parts)


def _check_history(nb) -> None:
    """04: the masked edit puts its cat where a cat can be (it floated in a mask of sky)."""
    said = _text(_cell_outputs(nb, "--mask corner"))
    assert "inpaint" in said, said
    assert "all kept" in said, said


def _check_analysts(nb) -> None:
    """05: the pictogram drew each row's count, as the table beside the data says."""
    table = _text(_cell_outputs(nb, "pets.assign(drawn="))
    rows = [line.split() for line in table.splitlines()[1:]]
    assert len(rows) == 4, table
    assert all(row[2] == row[3] for row in rows), table  # children == drawn
    star = _text(_cell_outputs(nb, "chat.load(fig)"))
    assert "inpaint" in star, star
    assert "all kept" in star, star  # the star was drawn in the mask


def _check_storyboard(nb) -> None:
    """06: one character in every frame, moved only by the frame that moves it."""
    lines = _text(_cell_outputs(nb, 'o.entity == "e1"')).splitlines()
    frames = [re.match(r"(t\d+) (\w+) (\(.*\))", line).groups() for line in lines]
    assert len(frames) == 5, lines
    assert len({name for _, name, _ in frames}) == 1, lines
    boxes = [box for *_, box in frames]
    assert boxes[0] == boxes[1] != boxes[2] == boxes[3] == boxes[4], lines  # frame 3 moves it
    branches = _text(_cell_outputs(nb, "chat.checkout(frames[1].id)")).splitlines()
    assert branches[:2] == ["t1 -> t2 -> t3 -> t4 -> t5", "t1 -> t2 -> t6 -> t7"], branches


def _check_lessons(nb) -> None:
    """07: six lesson pictures, each saved as PNG, and the printable page as PDF and PNG."""
    names = _text(_cell_outputs(nb, "page = worksheet("))
    for name in [f"picture-{i}.png" for i in range(1, 7)] + ["worksheet.pdf", "worksheet.png"]:
        assert name in names, names
    verdicts = _text(_cell_outputs(nb, "pictures = [chat.send("))
    assert "not kept" not in verdicts, verdicts


LESSON_CHECKS = {
    "04_": _check_history,
    "05_": _check_analysts,
    "06_": _check_storyboard,
    "07_": _check_lessons,
}


def test_the_notebooks_say_how_many_lesson_topics_the_planner_knows():
    """A number of topics a notebook gives is the number the planner has."""
    from jupyter_imagechat.planner.lessons.topics import topics

    said = []
    for path in NOTEBOOKS:
        text = "".join(c.source for c in nbformat.read(path, as_version=4).cells)
        said += [(path.name, int(n)) for n in re.findall(r"(\d+) (?:lesson )?topics", text)]
    assert said, "the quickstart and the lesson notebook say how many topics there are"
    assert {n for _, n in said} == {len(topics())}, said


def _free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(name: str, folder: Path, *, timeout: int) -> list[dict]:
    """Run notebook ``name`` in ``folder`` (a traceback raises CellExecutionError) and
    return its outputs."""
    nb = nbformat.read(FOLDER / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    return outputs(nb)


def test_notebook_8_says_why_and_skips_when_the_configured_server_does_not_answer(
    tmp_path: Path, monkeypatch
) -> None:
    """A hub's server that is down (or a model that cannot be loaded) is what is missing:
    the lesson says so and goes on, instead of stopping Run All with a traceback."""
    address = f"http://127.0.0.1:{_free_port()}/v1"
    for name in [n for n in os.environ if n.startswith("JUPYTER_IMAGECHAT_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("JUPYTER_IMAGECHAT_ENGINE", "remote")
    monkeypatch.setenv("JUPYTER_IMAGECHAT_BASE_URL", address)
    monkeypatch.setenv("JUPYTER_IMAGECHAT_API_KEY", "not-a-real-key")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    text = _text(_run("08_real_models_and_servers.ipynb", tmp_path, timeout=120))
    assert "ready" in text  # it is configured: the server is what fails
    assert f"skipped: could not connect to the image server at {address}" in text
    assert "not-a-real-key" not in text


def test_notebook_9_draws_its_steps_when_the_configured_model_is_not_here(
    tmp_path: Path, monkeypatch
) -> None:
    """A diffusers model configured whose weights this machine lacks (offline): the lesson's
    numpy part still draws with the built-in engine, and its pipeline part says it could not
    load the model and builds the tiny one (both cells stopped Run All with a traceback). A
    model configured for a class server (engine ``remote``) is not loaded here at all."""
    engine = "diffusers"
    pytest.importorskip("diffusers")
    for name in [n for n in os.environ if n.startswith("JUPYTER_IMAGECHAT_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("JUPYTER_IMAGECHAT_ENGINE", engine)
    monkeypatch.setenv("JUPYTER_IMAGECHAT_MODEL", "stabilityai/sd-turbo")
    monkeypatch.setenv("JUPYTER_IMAGECHAT_BASE_URL", f"http://127.0.0.1:{_free_port()}/v1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    outs = _run("09_how_diffusion_denoises.ipynb", tmp_path, timeout=300)
    text = _text(outs)
    assert "tiny-sd" in text, text  # the pipeline part ran on the tiny pipeline
    if engine == "diffusers":
        assert "could not load 'stabilityai/sd-turbo'" in text
    assert len([o for o in outs if "image/png" in o.get("data", {})]) >= 5
