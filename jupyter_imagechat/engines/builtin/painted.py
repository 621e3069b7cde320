"""Drawn artwork for nouns with no fitting emoji, rendered crisply at any size.

:data:`SHAPES` joins the painters of :mod:`.painters` (one module per family of things:
GenEval's oven and sink in ``common``, furniture, geometry, lesson and classroom things,
tools, toys and stories, town buildings...) and, made from their names, maths pictures
(a fraction of a pizza, a clock at a time, a number line, a coin) and filled containers
(a glass of water, a pot of glue). Each painter draws in
a 512-unit square; :func:`drawn_artwork` paints it through :class:`ScaledDraw` at twice
the size asked for and shrinks it, so edges are smooth at every size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image, ImageDraw

from .painters.classroom import CLASSROOM_SHAPES
from .painters.common import SHAPES as GENEVAL_SHAPES
from .painters.containers import CONTAINER_SHAPES, made_container
from .painters.everyday import EVERYDAY_SHAPES
from .painters.furniture import MORE_SHAPES
from .painters.geometry import GEOMETRY
from .painters.home_things import HOME_THINGS_SHAPES
from .painters.household import HOUSEHOLD_SHAPES
from .painters.lesson import LESSON_SHAPES
from .painters.lesson_things import LESSON_THINGS_SHAPES
from .painters.maths import NamedShapes
from .painters.play import PLAY_SHAPES
from .painters.small_things import SMALL_THINGS_SHAPES
from .painters.tools import TOOL_SHAPES
from .painters.town import TOWN_SHAPES
from .painters.toys_and_stories import TOY_AND_STORY_SHAPES
from .painters.work import WORK_SHAPES

SHAPES: dict[str, Callable[[Any], None]] = NamedShapes(
    {
        **GENEVAL_SHAPES,
        **MORE_SHAPES,
        **GEOMETRY,
        **LESSON_SHAPES,
        **CLASSROOM_SHAPES,
        **EVERYDAY_SHAPES,
        **TOOL_SHAPES,
        **HOUSEHOLD_SHAPES,
        **WORK_SHAPES,
        **TOWN_SHAPES,
        **SMALL_THINGS_SHAPES,
        **PLAY_SHAPES,
        **LESSON_THINGS_SHAPES,
        **HOME_THINGS_SHAPES,
        **TOY_AND_STORY_SHAPES,
        **CONTAINER_SHAPES,
    },
    makers=(made_container,),
)
"""Noun -> painter, for nouns with no fitting emoji."""


class ScaledDraw:
    """An ``ImageDraw`` stand-in that scales the 512-unit coordinates, radii and line
    widths of the painters by ``k``."""

    def __init__(self, draw: ImageDraw.ImageDraw, k: float) -> None:
        self._draw, self._k = draw, k

    def _xy(self, xy: Any) -> Any:
        k = self._k
        if xy and isinstance(xy[0], (tuple, list)):
            return [(x * k, y * k) for x, y in xy]
        return [v * k for v in xy]

    def _kw(self, kw: dict[str, Any]) -> dict[str, Any]:
        if "width" in kw:
            kw["width"] = max(1, round(kw["width"] * self._k))
        return kw

    def rounded_rectangle(self, xy: Any, radius: float = 0, **kw: Any) -> None:
        self._draw.rounded_rectangle(self._xy(xy), radius * self._k, **self._kw(kw))

    def text(self, xy: Any, text: str, size: float, fill: Any) -> None:
        """Write ``text`` centred on ``xy`` in Pillow's bundled font, ``size`` units high."""
        from PIL import ImageFont

        font = ImageFont.load_default(size=max(4, round(size * self._k)))
        self._draw.text(tuple(self._xy(xy)), text, font=font, fill=fill, anchor="mm")

    def __getattr__(self, method: str) -> Callable[..., None]:
        def call(xy: Any, *args: Any, **kw: Any) -> None:
            getattr(self._draw, method)(self._xy(xy), *args, **self._kw(kw))

        return call


def drawn_artwork(name: str, side: int = 256) -> Image.Image:
    """Return the drawn picture of ``name`` as ``side`` px RGBA (``KeyError`` if none)."""
    painter = SHAPES[name]
    big = max(16, min(2 * side, side + 384))  # supersampled; less so when already large
    canvas = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    painter(ScaledDraw(ImageDraw.Draw(canvas), big / 512))
    return canvas.resize((side, side), Image.Resampling.LANCZOS)
