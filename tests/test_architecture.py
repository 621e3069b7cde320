"""The shape of the house (docs/architecture.md), read from the code with ``ast``.

Every import of the package counts, including imports inside functions and imports made
only for type checking: a cycle hidden in a function is still a cycle a reader has to hold
in their head.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "jupyter_imagechat"
NAME = PACKAGE.name

STAGES: dict[str, int] = {
    "_version": 0,
    "errors": 0,
    "scene": 0,
    "images": 0,
    "vocab": 1,
    "config": 1,  # hub-wide settings
    "openai_api": 1,  # the OpenAI-compatible wire formats and client
    "planner": 2,
    "layout": 3,
    "engines": 4,
    "checker": 5,
    "session": 6,
    "turns": 7,
    "widget": 8,
    "server": 8,  # the served application (Ray Serve)
    "magics": 9,
    "cli": 9,
    "replay": 9,  # re-exports for notebooks of earlier versions
    "detector": 9,
    "__main__": 9,
    "": 9,  # the package's __init__
}
"""Each top-level module or folder and its floor: a module imports only from its own floor
or below (docs/architecture.md draws the same)."""

MAX_LINES = 415
"""No module is much over 400 lines (data lives in data files)."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(module: str, path: Path) -> set[str]:
    """The package's modules that ``module`` imports, anywhere in its file."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith(NAME))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not target.startswith(NAME):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != module}


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _stage(module: str) -> int:
    parts = module.split(".")
    return STAGES[parts[1] if len(parts) > 1 else ""]


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in GRAPH:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_anywhere_in_the_package():
    assert _cycles() == []


def test_each_stage_imports_only_from_its_own_floor_or_below():
    upward = [
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if _stage(target) > _stage(module)
    ]
    assert upward == []


def test_every_top_level_module_has_a_floor():
    tops = {m.split(".")[1] if m.count(".") else "" for m in MODULES}
    assert tops <= STAGES.keys(), f"give {sorted(tops - STAGES.keys())} a floor in STAGES"


def test_the_package_root_holds_about_a_dozen_modules():
    root = list(PACKAGE.glob("*.py"))
    assert len(root) <= 12, sorted(p.name for p in root)


def test_no_module_is_much_over_400_lines():
    long = {
        m: n
        for m, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_mixins():
    mixins = [
        f"{module}.{node.name}"
        for module, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name.endswith("Mixin")
    ]
    assert mixins == []


def test_only_the_pipeline_calls_an_engine_to_draw():
    """Every turn goes through turns/pipeline.py; engines draw only when it asks."""
    callers = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "draw"
                and "engine" in ast.unparse(node.func.value).lower()
            ):
                callers.append(module)
    assert sorted(set(callers)) == [f"{NAME}.turns.pipeline"]


def test_session_records_never_import_the_pipeline_or_the_widget():
    session = {m: t for m, t in GRAPH.items() if m.startswith(f"{NAME}.session")}
    reached = {t for targets in session.values() for t in targets}
    assert not any(t.startswith((f"{NAME}.turns", f"{NAME}.widget")) for t in reached)


def test_writers_never_import_the_records():
    """PNG, code and notebook writers see a turn through its fields only."""
    for writer in ("provenance", "code", "notebook", "masktext", "files", "fields"):
        targets = GRAPH[f"{NAME}.session.{writer}"]
        assert not targets & {f"{NAME}.session.turn", f"{NAME}.session.history"}, writer


def test_the_architecture_page_names_every_folder_and_root_module():
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    tops = {m.split(".")[1] for m in MODULES if m.count(".")} - {"_version", "__main__"}
    shown = {t if (PACKAGE / t).is_dir() else f"{t}.py" for t in tops}
    missing = sorted(name for name in shown if not re.search(rf"`{re.escape(name)}/?`", page))
    assert missing == [], f"docs/architecture.md does not describe {missing}"
