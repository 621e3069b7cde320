"""The suite's skip policy (``tests/conftest.py``): with ``--strict-skips``, as
``scripts/test.sh`` and so CI run it, skipped tests are listed and a skip whose reason is
not declared fails the run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

CONFTEST = Path(__file__).resolve().parent / "conftest.py"


def run(tmp_path: Path, body: str, *options: str) -> subprocess.CompletedProcess[str]:
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_some.py").write_text("import pytest\n\n" + body)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options, str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


DECLARED = '''
def test_runs():
    assert True

@pytest.mark.skip(reason="browser: no chromium on PATH")
def test_in_a_browser():
    pass

@pytest.mark.skipif(True, reason="gpu: needs a CUDA GPU")
def test_on_a_gpu():
    pass
'''

UNDECLARED = '''
def test_runs():
    assert True

def test_needs_data():
    pytest.skip("GenEval data not found")

def test_needs_a_module():
    pytest.importorskip("no_such_module_for_the_skip_policy")
'''


def test_declared_skips_are_listed_and_pass(tmp_path: Path) -> None:
    done = run(tmp_path, DECLARED, "--strict-skips")
    assert done.returncode == 0, done.stdout
    assert "skip policy" in done.stdout
    assert "declared   test_some.py::test_in_a_browser: browser: no chromium on PATH" in done.stdout
    assert "declared   test_some.py::test_on_a_gpu: gpu: needs a CUDA GPU" in done.stdout


def test_an_undeclared_skip_fails_the_strict_run(tmp_path: Path) -> None:
    done = run(tmp_path, UNDECLARED, "--strict-skips")
    assert done.returncode == 1, done.stdout
    assert "UNDECLARED test_some.py::test_needs_data: GenEval data not found" in done.stdout
    assert "UNDECLARED test_some.py::test_needs_a_module: could not import" in done.stdout
    relaxed = run(tmp_path, UNDECLARED)  # without the option: pytest's own behaviour
    assert relaxed.returncode == 0, relaxed.stdout
    assert "skip policy" not in relaxed.stdout


OUTSIDE = (
    re.compile(r"ROOT\.parent\b"),  # the folder above the clone
    re.compile(r"[\"'](?:\.\./)+shared"),
    re.compile(r"[\"']/work/"),
    re.compile(r"Path\.home\(\)|expanduser\("),
)
"""How a test would name a file outside the repository (the shared data of a development
machine, a home folder): none may, so a bare clone runs every check."""


def test_no_test_reads_outside_the_repository() -> None:
    tests = CONFTEST.parent
    found = [
        f"{path.relative_to(tests)}:{n}: {line.strip()}"
        for path in sorted(tests.rglob("*.py"))
        if path.name != Path(__file__).name  # the patterns themselves
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(p.search(line) for p in OUTSIDE)
    ]
    assert found == []
    assert any(p.search('DATA = ROOT.parent / "shared" / "data"') for p in OUTSIDE)  # the guard
