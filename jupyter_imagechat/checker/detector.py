"""Object detectors for the checker, for engines that do not report what they drew.

A diffusion model returns only pixels, so the checker cannot tell whether the three apples
are there. Give the conversation a detector and it finds the plan's things in the picture::

    chat.conversation.detector = OwlVitDetector("google/owlvit-base-patch32")

Anything with a ``detect(image, names) -> list[Detection]`` method works (see
:class:`Detector`). :class:`OwlVitDetector` uses OWL-ViT through transformers, loaded on
first use from the hub cache or a local folder; nothing is downloaded unless you allow it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..engines.base import DrawnObject
from ..errors import EngineError

if TYPE_CHECKING:
    from PIL import Image

    from ..scene import SceneGraph

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Detection:
    """One thing found: its name (as asked), pixel box ``[x0, y0, x1, y1]`` and score."""

    name: str
    box: tuple[int, int, int, int]
    score: float = 1.0
    attributes: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class Detector(Protocol):
    """Finds named things in a picture."""

    def detect(self, image: Image.Image, names: list[str]) -> list[Detection]:
        """Return every instance of each of ``names`` found in ``image``."""
        ...


def detect_objects(scene: SceneGraph, image: Image.Image, detector: Detector) -> list[DrawnObject]:
    """Run ``detector`` for the scene's entity (and excluded) names; return drawn objects.

    Detections are assigned to the entities of their name in the scene's order (with two
    entities of one name, the first takes as many as its count). A detector that fails
    gives no objects, so the findings stay unknown.
    """
    names = list(dict.fromkeys([e.name for e in scene.entities] + [
        str(x["name"]) for x in scene.exclude
    ]))  # fmt: skip
    try:
        found = detector.detect(image, names)
    except Exception:  # a detector bug must not lose the turn
        log.exception("detector %r failed", detector)
        return []
    by_name: dict[str, list[Detection]] = {}
    for det in sorted(found, key=lambda d: -d.score):
        by_name.setdefault(det.name, []).append(det)
    objects: list[DrawnObject] = []
    for ent in scene.entities:
        pool = by_name.get(ent.name, [])
        take = list(pool[: ent.count] if _shared(scene, ent.name) else pool)
        del pool[: len(take)]
        for i, det in enumerate(take):
            objects.append(DrawnObject(ent.id, i, ent.name, det.box, dict(det.attributes)))
    for name in (str(x["name"]) for x in scene.exclude):
        for i, det in enumerate(by_name.get(name, [])):
            objects.append(DrawnObject("", i, name, det.box, dict(det.attributes)))
    return objects


def _shared(scene: SceneGraph, name: str) -> bool:
    return sum(e.name == name for e in scene.entities) > 1


class OwlVitDetector:
    """Open-vocabulary detection with OWL-ViT (transformers), loaded on first use.

    Parameters
    ----------
    model : str
        Hub id or local folder, e.g. ``"google/owlvit-base-patch32"``.
    threshold : float
        Lowest score kept.
    local_files_only : bool
        Never download (default): the weights must be in the hub cache or the folder.
    """

    def __init__(
        self,
        model: str = "google/owlvit-base-patch32",
        *,
        threshold: float = 0.1,
        local_files_only: bool = True,
    ) -> None:
        self.model_id = model
        self.threshold = threshold
        self.local_files_only = local_files_only
        self._model: Any = None
        self._processor: Any = None

    def _load(self) -> None:
        try:
            from transformers import OwlViTForObjectDetection, OwlViTProcessor
        except ImportError:
            raise EngineError(
                "OWL-ViT needs transformers: pip install 'jupyter-imagechat[diffusers]'"
            ) from None
        try:
            self._processor = OwlViTProcessor.from_pretrained(
                self.model_id, local_files_only=self.local_files_only
            )
            self._model = OwlViTForObjectDetection.from_pretrained(
                self.model_id, local_files_only=self.local_files_only
            )
        except (OSError, ValueError) as exc:
            raise EngineError(f"cannot load the detector {self.model_id!r}: {exc}") from None

    def detect(self, image: Image.Image, names: list[str]) -> list[Detection]:
        """Return the boxes OWL-ViT finds for ``"a photo of a <name>"``."""
        if self._model is None:
            self._load()
        import torch

        inputs = self._processor(
            text=[[f"a photo of a {n}" for n in names]], images=image, return_tensors="pt"
        )
        with torch.no_grad():
            outputs = self._model(**inputs)
        target = torch.tensor([[image.height, image.width]])
        result = self._processor.post_process_object_detection(
            outputs, threshold=self.threshold, target_sizes=target
        )[0]
        out = []
        for box, score, label in zip(
            result["boxes"].tolist(),
            result["scores"].tolist(),
            result["labels"].tolist(),
            strict=True,
        ):
            x0, y0, x1, y1 = (round(v) for v in box)
            out.append(Detection(names[int(label)], (x0, y0, x1, y1), float(score)))
        return out


__all__ = ["Detection", "Detector", "OwlVitDetector", "detect_objects"]
