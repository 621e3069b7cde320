"""Drawn artwork for nouns with no fitting emoji, rendered crisply at any size.

:data:`SHAPES` joins the painters of :mod:`.shapes` (GenEval's oven, sink...),
:mod:`.furniture` (fence, desk, lamp, sign...), :mod:`.geometry` (circle, square...),
:mod:`.lesson_shapes` (chrysalis, planets, compass rose...), :mod:`.classroom_shapes`,
:mod:`.everyday_shapes`, :mod:`.tool_shapes` and :mod:`.household_shapes` (a beaker, a
swing, a prism, a gate, a screw, a cello, a roll of tape...), :mod:`.work_shapes` (a tray,
a beehive, a swimming pool...), :mod:`.town_shapes` (a fire station, a phone box...),
:mod:`.small_things_shapes` (a rubber duck, a slug...), :mod:`.play_shapes` (a rocking
horse, a tree house...), :mod:`.lesson_things_shapes` (a typewriter, a trombone...),
:mod:`.home_things_shapes` (a rolling pin, a piggy bank...),
:mod:`.toy_and_story_shapes` (an ice lolly, a scarecrow, a pirate ship...) and, made from
their names,
:mod:`.maths_shapes` (a fraction of a pizza, a clock at a time, a number line, a coin) and
:mod:`.container_shapes` (a glass, a glass of water, a pot of glue). Each painter draws in
a 512-unit square; :func:`drawn_artwork` paints it through :class:`ScaledDraw` at twice
the size asked for and shrinks it, so edges are smooth at every size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PIL import Image, ImageDraw

from .classroom_shapes import CLASSROOM_SHAPES
from .container_shapes import CONTAINER_SHAPES, made_container
from .everyday_shapes import EVERYDAY_SHAPES
from .furniture import MORE_SHAPES
from .geometry import GEOMETRY
from .home_things_shapes import HOME_THINGS_SHAPES
from .household_shapes import HOUSEHOLD_SHAPES
from .lesson_shapes import LESSON_SHAPES
from .lesson_things_shapes import LESSON_THINGS_SHAPES
from .maths_shapes import NamedShapes
from .play_shapes import PLAY_SHAPES
from .shapes import SHAPES as GENEVAL_SHAPES
from .small_things_shapes import SMALL_THINGS_SHAPES
from .tool_shapes import TOOL_SHAPES
from .town_shapes import TOWN_SHAPES
from .toy_and_story_shapes import TOY_AND_STORY_SHAPES
from .work_shapes import WORK_SHAPES

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
