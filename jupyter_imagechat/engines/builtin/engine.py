"""The built-in engine: offline, no model weights, the same pixels for the same inputs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import InputError
from ..base import ProgressCallback, Result, StopCheck, keep_outside_mask, mode_of
from .draw import compose

if TYPE_CHECKING:
    from PIL import Image

    from ...scene import SceneGraph

MIN_SIZE, MAX_SIZE, DEFAULT_SIZE = 64, 2048, 512


def sketch(scene: SceneGraph, width: int, height: int, *, seed: int = 0) -> Image.Image:
    """Return ``scene`` drawn as clip art at ``width`` x ``height`` (at least 64 px a side,
    then resized): the layout made visible, for other engines to start from."""
    picture = compose(scene, max(MIN_SIZE, width), max(MIN_SIZE, height), seed=seed)[0]
    picture = picture.convert("RGB")
    return picture if picture.size == (width, height) else picture.resize((width, height))


def _size_setting(settings: dict[str, Any], key: str) -> int:
    value = settings.get(key, DEFAULT_SIZE)
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InputError(
            f"settings[{key!r}] must be a whole number of pixels from {MIN_SIZE} to "
            f"{MAX_SIZE}, got {value!r}"
        )
    if not MIN_SIZE <= value <= MAX_SIZE:
        raise InputError(
            f"settings[{key!r}] must be from {MIN_SIZE} to {MAX_SIZE} pixels, got {value}"
        )
    return int(value)


class BuiltinEngine:
    """Draws scenes from bundled Noto Emoji vector artwork; needs no model and no network.

    Each instance is drawn at its ``scene.layout`` box, rendered at exactly the size it
    takes (crisp from 64 to 2048 px): the picture that stands for its noun (an emoji or a
    drawn shape; a labelled card for nouns with neither), with its attributes: ``color``
    (and ``color2``), ``size``, ``material`` (wooden, metal, glass...), ``pattern``
    (striped, spotted, checkered), ``facing`` (left/right) and ``label`` (written beside
    it with an arrow). Standing things rest on the background's ground line with a soft
    shadow; things ``on`` others rest on their surface. ``scene.background`` picks one of
    :data:`.backgrounds.BACKGROUNDS`, ``scene.texts`` are written on a sign or blackboard
    in the scene (else on a banner), and ``scene.style`` applies a filter of
    :data:`.styles.STYLES`. Every reported object carries its exact shape
    (``DrawnObject.mask``). The same inputs give identical pixels.
    """

    name = "builtin"
    model: str | None = None

    def __init__(self) -> None:
        pass

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
        """Draw ``scene``.

        Parameters
        ----------
        scene : SceneGraph
            The scene, normally with ``layout`` filled in; instances without a box are
            lined up along the ground.
        image : PIL.Image.Image, optional
            The current picture. Its size wins over ``settings``. With ``mask`` only the
            masked pixels change; without, the scene is drawn afresh at its size.
        mask : numpy.ndarray, optional
            Boolean ``(height, width)`` array, True where the picture may change.
        seed : int
            Adds a little positional jitter; the same seed gives the same pixels.
        settings : dict, optional
            ``width`` and ``height`` in pixels (64 to 2048, default 512). Other keys
            are ignored and listed in ``metadata["ignored_settings"]``.
        on_progress : callable, optional
            Called as ``on_progress(step, total, None)`` after each instance.
        should_stop : callable, optional
            Checked before each instance; returning True raises ``Cancelled``.

        Raises
        ------
        InputError
            For a bad ``width``/``height``, an ``image`` that is not a picture, or a
            mask whose size differs from the image.
        Cancelled
            When ``should_stop()`` returns True.
        """
        settings = dict(settings or {})
        width, height = _size_setting(settings, "width"), _size_setting(settings, "height")
        if image is not None:
            if not hasattr(image, "size") or not hasattr(image, "convert"):
                raise InputError(f"image must be a PIL image, got {type(image).__name__}")
            width, height = image.size
        keep = None
        if mask is not None:
            if image is None:
                raise InputError("a mask needs the image it applies to; pass image= as well")
            keep = np.asarray(mask)
            if keep.shape != (height, width):
                shown = "x".join(str(v) for v in keep.shape[::-1])
                raise InputError(
                    f"mask is {shown} (width x height) but the image is {width}x{height}; "
                    "draw the mask on the current picture"
                )
            keep = keep.astype(bool)
        drawn: dict[str, Any] = {}
        picture, objects, placeholders = compose(
            scene,
            width,
            height,
            seed=seed,
            on_progress=on_progress,
            should_stop=should_stop,
            report=drawn,
        )
        if image is not None and keep is not None:
            picture = keep_outside_mask(picture, image.convert("RGB"), keep)
        metadata: dict[str, Any] = {
            "mode": mode_of(image, mask),
            "width": width,
            "height": height,
            "placeholders": placeholders,
        }
        metadata.update(drawn)  # "diagram": where its arrows, labels, panels, signs went
        ignored = sorted(set(settings) - {"width", "height"})
        if ignored:
            metadata["ignored_settings"] = ignored
        return Result(image=picture, objects=objects, metadata=metadata)
