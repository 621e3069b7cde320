"""What every test may use, and the suite's skip policy.

Data: tests read only from the repository. ``DATA`` is ``tests/data/`` (GenEval's prompts
and ground truth with their MIT license, see ``tests/data/README.md``).

Skip policy: a test may skip only for a reason declared here, by starting its skip
reason with one of :data:`DECLARED_SKIPS` (``"browser: no chromium on PATH"``). With
``--strict-skips`` (``scripts/test.sh``, and so CI, passes it) the run lists every skipped
test with its reason and fails when any skip is not declared: a test that cannot run where
it should is a failure, not a silent pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GENEVAL = DATA / "geneval"

DECLARED_SKIPS: dict[str, str] = {
    "browser:": "a real-browser test on a machine without Debian chromium or playwright",
    "gpu:": "a test that needs a CUDA GPU, on a machine without one",
    "ocr:": "an OCR test on a Python the OCR wheel does not support yet (3.13 and later)",
}
"""Skip reason prefix -> when such a skip is expected. Nothing else may skip."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--strict-skips",
        action="store_true",
        help="list skipped tests and fail on any skip whose reason is not declared in "
        "tests/conftest.py (DECLARED_SKIPS)",
    )


def declared(reason: str) -> bool:
    """Whether a skip ``reason`` starts with a declared prefix (after pytest's
    ``Skipped: `` and any ``could not import`` wording, which is never declared)."""
    reason = reason.removeprefix("Skipped: ").strip()
    return reason.startswith(tuple(DECLARED_SKIPS))


def _skips(terminalreporter: pytest.TerminalReporter) -> list[tuple[str, str]]:
    found = []
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        found.append((report.nodeid, str(reason).removeprefix("Skipped: ")))
    return found


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    if not config.getoption("--strict-skips"):
        return
    skips = _skips(terminalreporter)
    terminalreporter.section("skip policy (tests/conftest.py DECLARED_SKIPS)")
    if not skips:
        terminalreporter.write_line("no test skipped")
    for nodeid, reason in skips:
        mark = "declared  " if declared(reason) else "UNDECLARED"
        terminalreporter.write_line(f"{mark} {nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if not config.getoption("--strict-skips"):
        return
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    if any(not declared(reason) for _, reason in _skips(reporter)) and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
