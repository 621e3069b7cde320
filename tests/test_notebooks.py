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
