"""Keep a plan as a lesson topic of your own, drawn again offline by the rules planner.

>>> from jupyter_imagechat.planner import save_topic              # doctest: +SKIP
>>> save_topic(chat.scene, "nitrogen cycle", names=["cycle of nitrogen"])  # doctest: +SKIP
PosixPath('/home/you/.local/share/jupyter/imagechat/topics.json')

The plan becomes a recipe of the built-in shape (:func:`recipe_from_scene`: things with
their counts, attributes and names, labels with their anchors, arrows, panels and one
arrangement), is checked, written to your topics file (:mod:`.user_topics`) and read with
the built-in topics from then on: "the nitrogen cycle" then plans it with no model.
Relations between things are kept; words written in the picture (captions) and what it
must not show are not part of a recipe.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...scene import SceneError, SceneGraph
from ..text import PlanError, tokenize
from .topics import find_topic, forget_topics, topics
from .user_topics import USER_AREA, check_recipe, write_recipe

__all__ = ["known_topic", "recipe_from_scene", "save_topic"]


def known_topic(name: str) -> str | None:
    """The id of the topic (built-in or your own) that ``name`` names, every word of it, as
    a prompt would ("rain cycle" -> "water cycle"); None when no topic is called so."""
    tokens = tokenize(f"{name} diagram")
    found = find_topic(tokens)
    if found is None:
        return None
    wanted = {k for k, word in enumerate(tokens[:-1]) if word not in _FILLER}
    return found.topic.id if wanted <= found.used else None


_FILLER = frozenset({"the", "a", "an", "of", "and"})


def recipe_from_scene(
    scene: SceneGraph, name: str, names: list[str] | tuple[str, ...] = ()
) -> dict[str, Any]:
    """The topic recipe that draws ``scene`` again, called ``name`` (and ``names``)."""
    name = " ".join(str(name).lower().split())
    recipe: dict[str, Any] = {"id": name, "names": [" ".join(n.lower().split()) for n in names]}
    if scene.background:
        recipe["background"] = scene.background
    if scene.style:
        recipe["style"] = scene.style
    middle = [lb for lb in scene.labels if lb.index == 0 and lb.anchor == (0.5, 0.5)]
    named: dict[str, str] = {}
    for label in middle:  # a thing's own name: its "label"
        named.setdefault(label.target, label.text)

    def thing(eid: str) -> dict[str, Any]:
        ent = scene.entity(eid)
        spec: dict[str, Any] = {"id": eid, "noun": ent.name}
        if ent.count != 1:
            spec["count"] = ent.count
        if ent.attributes:
            spec["attributes"] = dict(ent.attributes)
        if eid in named:
            spec["label"] = named[eid]
        return spec

    in_panels = {m for p in scene.panels for m in p.members}
    titles = {p.id: p.title or p.id for p in scene.panels}
    if scene.panels:
        recipe["panels"] = [
            {
                "title": titles[p.id],
                "background": p.background,
                "things": [thing(m) for m in p.members],
            }
            for p in scene.panels
        ]
    recipe["things"] = [thing(e.id) for e in scene.entities if e.id not in in_panels]
    taken = {(lb.target, lb.text) for lb in middle if named.get(lb.target) == lb.text}
    recipe["labels"] = [
        [lb.target, lb.text, lb.anchor[0], lb.anchor[1]]
        for lb in scene.labels
        if (lb.target, lb.text) not in taken
    ]
    recipe["arrows"] = [
        [titles.get(a.start, a.start), titles.get(a.end, a.end), a.label] for a in scene.arrows
    ]
    recipe["relations"] = [[r.subject, r.predicate, r.object] for r in scene.relations]
    if scene.arrows and all(a.curved for a in scene.arrows):
        recipe["cycle"] = True
    if scene.arrangements:
        first = scene.arrangements[0]
        recipe["arrangement"] = {
            "kind": first.kind,
            "members": [titles.get(m, m) for m in first.members],
            "rows": first.rows,
            "signs": list(first.signs),
        }
    return {k: v for k, v in recipe.items() if v not in ([], None)}


def save_topic(
    scene: SceneGraph,
    name: str,
    names: list[str] | tuple[str, ...] = (),
) -> Path:
    """Keep ``scene`` as your lesson topic ``name``; return the topics file's path.

    Parameters
    ----------
    scene : SceneGraph
        The plan to keep, e.g. ``chat.scene``.
    name : str
        What the topic is called ("nitrogen cycle"); a prompt naming it plans it. A name
        of one word needs a sign that a lesson picture is wanted ("a volcano diagram").
    names : list of str
        Other phrasings that name it ("cycle of nitrogen").

    The file is :func:`.user_topics.topics_file` (``$JUPYTER_IMAGECHAT_TOPICS``, else
    Jupyter's data folder).

    Raises
    ------
    PlanError
        For a name that is a built-in topic's, or a plan that makes no valid recipe.
    """
    if not isinstance(scene, SceneGraph):
        raise PlanError(f"save_topic takes a scene graph (chat.scene), not {type(scene).__name__}")
    recipe = recipe_from_scene(scene, name, names)
    builtin = {t.id for t in topics() if t.area != USER_AREA}
    if recipe["id"] in builtin:
        raise PlanError(
            f"{recipe['id']!r} is a built-in topic; give yours another name, e.g. "
            f"'my {recipe['id']}'"
        )
    try:
        check_recipe(recipe)
        where = write_recipe(recipe)
    except SceneError as exc:
        raise PlanError(f"this plan cannot be kept as a topic: {exc}") from None
    forget_topics()
    found = find_topic(tokenize(f"{recipe['id']} diagram"))
    if found is None or found.topic.id != recipe["id"]:
        raise PlanError(f"saved {recipe['id']!r} in {where}, but it could not be read back")
    return where
