"""The command line: `plan` prints the scene graph contract, `render` writes a PNG."""

from __future__ import annotations

import json
import subprocess
import sys

from PIL import Image

CLI = [sys.executable, "-m", "jupyter_imagechat"]


def test_plan_prints_the_scene_graph_json() -> None:
    out = subprocess.run(
        [*CLI, "plan", "three red apples left of a blue bowl"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scene = json.loads(out)
    assert set(scene) >= {"entities", "relations", "exclude", "style", "background", "layout"}
    apple, bowl = scene["entities"]
    assert apple == {"id": apple["id"], "name": "apple", "count": 3, "attributes": {"color": "red"}}
    assert bowl["name"] == "bowl"
    assert bowl["attributes"] == {"color": "blue"}
    assert scene["relations"] == [
        {"subject": apple["id"], "predicate": "left of", "object": bowl["id"]}
    ]
    assert len(scene["layout"]) == 4
    assert all(0 <= v <= 1 for box in scene["layout"] for v in box["box"])


def test_plan_reads_one_prompt_per_line_from_stdin() -> None:
    proc = subprocess.run(
        [*CLI, "plan"],
        input="a dog\n\ntwo cats and no car\n",
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[0]["entities"][0]["name"] == "dog"
    assert lines[1]["entities"][0]["count"] == 2
    assert lines[1]["exclude"] == [{"name": "car"}]


def test_render_writes_a_png(tmp_path) -> None:
    out = tmp_path / "apples.png"
    subprocess.run(
        [*CLI, "render", "two green apples", "-o", str(out), "--size", "128", "--seed", "3"],
        capture_output=True,
        text=True,
        check=True,
    )
    with Image.open(out) as image:
        assert image.size == (128, 128)
        assert image.info["prompt"] == "two green apples"
        assert json.loads(image.info["plan"])["entities"][0]["count"] == 2


def test_errors_are_one_clear_line() -> None:
    proc = subprocess.run([*CLI, "render", "  ", "-o", "x.png"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.startswith("jupyter-imagechat: error: Type what you want to see")
    proc = subprocess.run(
        [*CLI, "render", "a dog", "-o", "x.png", "--size", "9"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "size must be an integer from 64 to 2048" in proc.stderr
