"""What a newcomer's first run relies on, checked without installing anything.

``scripts/check_install.py`` does the real installs (``bash scripts/test.sh`` runs its Binder
check; its README check is run by hand, see README.md); these tests catch, in a second, the
mistakes that would make those fail or make Binder differ from what they check: a README run
line that a root account cannot start, a Binder install that misses the package itself or
something a notebook imports, a Python that repo2docker cannot provide.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import importlib.util
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest brings tomli on Python 3.10
    import tomli as tomllib

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("check_install", ROOT / "scripts/check_install.py")
assert spec
assert spec.loader
check_install = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_install)

# The package's installed metadata: pyproject.toml's dependencies, extras and Python.
PACKAGE = metadata.metadata("jupyter-imagechat")
REQUIRES = metadata.requires("jupyter-imagechat") or []
DEPENDENCIES = [r for r in REQUIRES if "extra ==" not in r]
BINDER = ROOT / "binder"


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement line (PEP 503)."""
    return re.sub(
        r"[-_.]+", "-", re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]
    ).lower()


def _binder_lines() -> list[str]:
    text = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    return [line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()]


def test_the_readme_run_line_starts_jupyterlab_on_notebook_1_as_root_and_as_anyone():
    command = check_install.readme_command()
    steps = [step.strip() for step in command.split("&&")]
    assert steps[0].startswith("python3 -m venv .venv"), command
    install = re.fullmatch(r"\.venv/bin/pip install \"\.\[(\w+)\]\"", steps[1])
    assert install, f"installs the checkout with one extra: {steps[1]}"
    extra = [r for r in REQUIRES if re.search(rf"extra == .{install.group(1)}.", r)]
    assert any(_name(r) == "jupyterlab" for r in extra), "the extra brings JupyterLab"
    serve = steps[2].split()
    assert serve[:2] == [".venv/bin/jupyter", "lab"], command
    assert "--allow-root" in serve, "as root JupyterLab exits at once without it"
    assert serve[-1] == check_install.NOTEBOOK_1
    assert (ROOT / serve[-1]).is_file()


def _served_root(serve: list[str]) -> Path:
    """The folder ``jupyter lab`` serves for these arguments, started at the checkout's root:
    its ``root_dir`` when given, otherwise the folder of the file it opens (Jupyter Server's
    rule)."""
    for word in serve:
        for option in ("--ServerApp.root_dir=", "--notebook-dir="):
            if word.startswith(option):
                return (ROOT / word.removeprefix(option)).resolve()
    return (ROOT / serve[-1]).resolve().parent


def test_the_notebooks_links_open_in_the_jupyterlab_the_run_line_starts():
    """A link in a lesson (``../README.md#notebooks``, ``../docs/settings.md``) opens only
    inside the folder JupyterLab serves: served from notebooks/, those said "could not open"."""
    root = _served_root(check_install.readme_command().split("&&")[-1].split())
    assert root == ROOT, "the run line serves the checkout's root"
    links = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                links += [(path, t) for t in re.findall(r"\]\(([^)#\s]+)", cell.source)]
    local = [(path, target) for path, target in links if "://" not in target]
    assert local, "the notebooks link to each other and to the README"
    for path, target in local:
        resolved = (path.parent / target).resolve()
        assert resolved.is_relative_to(root), f"{path.name}: {target} is outside {root}"
        assert resolved.is_file(), f"{path.name}: {target} does not exist"


def test_binder_installs_the_package_itself_and_nothing_heavy():
    lines = _binder_lines()
    assert "." in lines or "-e ." in lines, "repo2docker installs the checkout only when asked"
    names = {_name(line) for line in lines if line not in (".", "-e .")}
    heavy = {"torch", "diffusers", "transformers", "accelerate", "ray", "openai"}
    assert not names & heavy, "the smallest install: the built-in engine needs none of these"
    base = {_name(r) for r in DEPENDENCIES}
    assert "anywidget" in base, "the widget's JupyterLab extension comes with the package"


def test_binder_python_is_one_repo2docker_provides_and_the_package_supports():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    found = re.fullmatch(r"python-3\.(\d+)", runtime)
    assert found, f"repo2docker reads python-X.Y: {runtime!r}"
    minor = int(found.group(1))
    oldest = int(re.search(r">=\s*3\.(\d+)", PACKAGE["Requires-Python"]).group(1))
    # repo2docker's conda environments for 3.10 to 3.14 run JupyterLab and the kernel in one
    # environment (older ones get a separate kernel environment the extension is not in).
    assert max(oldest, 10) <= minor <= 14, runtime


def _closure(roots: set[str]) -> set[str]:
    """The installed distributions ``roots`` pull in (extras' requirements left out)."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [_name(r) for r in requires if "extra ==" not in r]
    return seen


def _top_level_imports(path: Path) -> set[str]:
    """Modules a notebook imports unconditionally (guarded imports inside if/def skip)."""
    modules: set[str] = set()
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code" or cell.source.startswith("%%"):
            continue
        source = "\n".join(
            "" if line.lstrip().startswith(("%", "!")) else line
            for line in cell.source.splitlines()
        )
        for node in ast.parse(source).body:
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    return modules


def test_everything_a_notebook_imports_unconditionally_is_in_the_binder_install():
    roots = {_name(r) for r in DEPENDENCIES}
    roots |= {_name(line) for line in _binder_lines() if line not in (".", "-e .")}
    roots |= {_name(r) for r in check_install.BINDER_BASE}  # repo2docker's base environment
    installed = _closure(roots)
    providers = metadata.packages_distributions()
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        for module in _top_level_imports(path) - set(sys.stdlib_module_names):
            if module == "jupyter_imagechat":
                continue
            dists = {_name(d) for d in providers.get(module, [])}
            assert dists & installed, f"{path.name} imports {module}: not in binder/"


def test_everything_a_notebook_imports_unconditionally_is_in_the_readme_install():
    """The run line's ``pip install ".[lab]"`` is all a teacher installs before opening the
    lessons: notebooks 5, 6, 7 and 9 stopped at ``import matplotlib`` on it."""
    command = check_install.readme_command()
    extra = re.search(r'pip install "\.\[(\w+)\]"', command).group(1)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"][extra]
    installed = _closure({_name(r) for r in requirements})
    providers = metadata.packages_distributions()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for module in _top_level_imports(path) - set(sys.stdlib_module_names):
            if module == "jupyter_imagechat":
                continue
            dists = {_name(d) for d in providers.get(module, [])}
            assert dists & installed, f"{path.name} imports {module}: not in .[{extra}]"


def test_the_import_check_sees_an_import_binder_lacks(tmp_path, monkeypatch):
    """The check above can fail: a notebook importing torch at the top level is caught."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import torch\nimport os")])
    nbformat.write(nb, tmp_path / "x.ipynb")
    assert _top_level_imports(tmp_path / "x.ipynb") == {"torch", "os"}
    guarded = nbformat.v4.new_code_cell("if False:\n    import torch\n%matplotlib inline")
    nbformat.write(nbformat.v4.new_notebook(cells=[guarded]), tmp_path / "y.ipynb")
    assert _top_level_imports(tmp_path / "y.ipynb") == set()
    roots = {_name(r) for r in DEPENDENCIES}
    dists = {_name(d) for d in metadata.packages_distributions().get("torch", [])}
    assert dists, "torch is installed here (the diffusers extra)"
    assert not dists & _closure(roots)
