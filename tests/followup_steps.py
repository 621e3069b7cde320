"""Steps the follow-up tests share: a first picture laid out, a follow-up read as an edit of
it, and the things a scene holds, as the plan summary writes them."""

from __future__ import annotations

from jupyter_imagechat.layout import arrange
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.scene import SceneGraph

planner = RulesPlanner()


def start(text: str) -> SceneGraph:
    """The first picture ``text`` describes, laid out (seed 0)."""
    return arrange(planner.plan(text), seed=0)


def follow(scene: SceneGraph, text: str) -> SceneGraph:
    """``scene`` changed by the follow-up ``text``, which must read as an edit, not a
    question, and laid out again (seed 0)."""
    reading = planner.read(text, current=scene)
    assert reading.edit, (text, reading.notes)
    assert reading.question is None, (text, reading.question)
    return arrange(reading.scene, seed=0)


def things(scene: SceneGraph) -> list[str]:
    """The scene's things, sorted, as ``Entity.describe`` writes them."""
    return sorted(e.describe() for e in scene.entities)
