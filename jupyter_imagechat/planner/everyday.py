"""The everyday readings every plan gets, whichever planner wrote it.

A job with no picture of its own is a person with its thing (:mod:`.roles`: "a postman"
holds a letter) and a stuff in a container is that container's contents (:mod:`.contents`:
"a glass of water"). :func:`read_everyday` is the one place both run: on the rules
planner's new pictures and added things, and on a language model's plans and edits
(:mod:`.llm.base`), so the same prompt is drawn the same way by either planner.
"""

from __future__ import annotations

from collections.abc import Collection

from ..scene import SceneGraph
from .contents import fold_fillings
from .roles import dress_roles
from .skies import skies_as_background

__all__ = ["read_everyday"]


def read_everyday(
    scene: SceneGraph, *, background: str | None = None, only: Collection[str] | None = None
) -> str | None:
    """Fold each filling into its container, then dress each job as a person with its
    thing; return the background a job asks for when ``background`` is None ("a
    lifeguard": the beach; "under a starry sky": night), else ``background``. ``only``:
    the ids of the entities that may change (those an edit adds), default all."""
    fold_fillings(scene, only=only)
    if only is None:  # a new picture: "under a starry sky" is its background
        background = skies_as_background(scene, background)
    return dress_roles(scene, background=background, only=only)
