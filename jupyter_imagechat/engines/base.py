"""The engine contract: scene graph (+ image, mask, seed) -> :class:`Result`.

An engine draws a :class:`~jupyter_imagechat.scene.SceneGraph` whose ``layout``
is already filled in. What it does depends on its inputs:

- ``image is None``: a new picture (text-to-image).
- ``image`` and ``mask``: an edit inside the mask (inpainting). Every pixel
  outside the mask must be identical to ``image``.
- ``image`` and no ``mask``: a variation of the whole picture (img2img).

Engines know nothing of widgets, notebooks or planners.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ..errors import Cancelled, EngineError

__all__ = [
    "Cancelled",
    "DrawnObject",
    "Engine",
    "EngineError",
    "Result",
    "keep_outside_mask",
    "mode_of",
]

if TYPE_CHECKING:
    from PIL import Image

    from ..scene import SceneGraph

ProgressCallback = Callable[[int, int, "Image.Image | None"], None]
"""``on_progress(step, total, preview)``; ``preview`` may be ``None``."""

StopCheck = Callable[[], bool]
"""``should_stop()`` returns True when the user asked to cancel."""


@dataclass
class DrawnObject:
    """One instance an engine drew: which entity, where (pixels ``[x0, y0, x1, y1]``).

    ``mask``, where the engine knows it, is the instance's exact shape: a bool array of
    the box's size (``(y1 - y0, x1 - x0)``), True where the instance covers a pixel.
    The built-in engine always fills it; clicking an object selects this shape.
    """

    entity: str
    index: int
    name: str
    box: tuple[int, int, int, int]
    attributes: dict[str, str] = field(default_factory=dict)
    mask: np.ndarray | None = field(default=None, repr=False, compare=False)
    shadow: tuple[tuple[int, int, int, int], np.ndarray] | None = field(
        default=None, repr=False, compare=False
    )
    """The soft shadow drawn under it, where the engine drew one: its pixel box and a
    bool array of that box's size, True where the shadow darkens the picture. Selecting
    the object selects its shadow too, so removing it leaves no trace."""
    painted: np.ndarray | None = field(default=None, repr=False, compare=False)
    """Where the engine knows it, the part of ``mask`` it painted in the instance's colour
    (a bool array of the box's size): a car's body, not its windows and tyres. The checker
    reads the instance's colour from the picture there (else from the whole shape or box);
    it says where to look, never what colour the pixels are."""


@dataclass
class Result:
    """What an engine returns.

    Attributes
    ----------
    image : PIL.Image.Image
        The RGB picture.
    objects : list of DrawnObject
        What was drawn where; engines that cannot tell leave it empty.
    metadata : dict
        Engine-specific facts worth recording (mode, model, scheduler...). Two keys
        mean more: ``notes`` (a list of sentences for the chat; the pipeline moves them
        into the turn's notes) and ``reproducible`` (False when the same inputs need
        not give the same pixels, as on a remote server: replay then reuses the
        stored picture).
    """

    image: Image.Image
    objects: list[DrawnObject] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


class Engine(Protocol):
    """What every engine provides."""

    name: str
    """Short engine name, e.g. ``"builtin"``."""

    @property
    def model(self) -> str | None:
        """Model id or path, with revision where known; ``None`` if there is none."""
        ...

    def draw(
        self,
        scene: SceneGraph,
        *,
        image: Image.Image | None = None,
        mask: np.ndarray | None = None,
        seed: int = 0,
        settings: dict[str, Any] | None = None,
        on_progress: ProgressCallback | None = None,
        should_stop: StopCheck | None = None,
    ) -> Result:
        """Draw ``scene``; see the module docstring for the three modes."""
        ...


def mode_of(image: Image.Image | None, mask: np.ndarray | None) -> str:
    """Return ``"text2img"``, ``"inpaint"`` or ``"img2img"`` for these inputs."""
    if image is None:
        return "text2img"
    return "inpaint" if mask is not None else "img2img"


def keep_outside_mask(
    new: Image.Image, old: Image.Image, mask: np.ndarray, *, feather: int = 0
) -> Image.Image:
    """Return ``new`` inside ``mask`` and ``old`` everywhere else, pixel-exact.

    Parameters
    ----------
    new, old : PIL.Image.Image
        RGB pictures of the same size.
    mask : numpy.ndarray
        Boolean array of shape ``(height, width)``; True where ``new`` shows.
    feather : int
        Width in pixels of a blend from ``old`` to ``new`` along the inside of the
        mask's edge, which hides the seam of a diffusion model's edit (as diffusers'
        ``apply_overlay`` does). The blend stays inside the mask: every pixel outside
        it is still ``old`` exactly. 0 (the default) pastes with a hard edge.
    """
    from PIL import Image

    a_new = np.asarray(new.convert("RGB"))
    a_old = np.asarray(old.convert("RGB"))
    if a_new.shape != a_old.shape or mask.shape != a_old.shape[:2]:
        raise EngineError(
            f"image, edit and mask sizes differ: {a_old.shape[:2]}, {a_new.shape[:2]}, {mask.shape}"
        )
    if feather <= 0:
        out = np.where(mask[..., None], a_new, a_old)
        return Image.fromarray(out.astype(np.uint8), "RGB")
    weight = feather_weights(mask, feather)[..., None]
    out = a_old * (1.0 - weight) + a_new * weight
    return Image.fromarray(np.rint(out).astype(np.uint8), "RGB")


def feather_weights(mask: np.ndarray, width: int) -> np.ndarray:
    """Return float weights: 0 outside ``mask``, rising to 1 over ``width`` pixels inside.

    Each pixel's weight is the number of 4-neighbour erosions of the mask it survives
    (capped at ``width``) divided by ``width``. Beyond the picture's border counts as
    masked, so a mask that reaches the border (an outpainted strip) is not faded there.
    """
    level = np.asarray(mask, dtype=bool)
    weight = np.zeros(level.shape, dtype=np.float32)
    for _ in range(width):
        weight += level
        eroded = level.copy()
        eroded[1:, :] &= level[:-1, :]
        eroded[:-1, :] &= level[1:, :]
        eroded[:, 1:] &= level[:, :-1]
        eroded[:, :-1] &= level[:, 1:]
        level = eroded
    return weight / width
