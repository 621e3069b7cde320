"""Turns: the one place that knows the order of a turn's steps.

- :mod:`.pipeline`: :class:`TurnPipeline`, the numbered steps every turn goes through
  (check, read, plan, lay out, draw, check, record);
- :mod:`.request`: :class:`TurnRequest`, what each way of asking for a picture hands it;
- :mod:`.planning`: step 3 for each kind of request; :mod:`.planflow`,
  :mod:`.outpaint`: the plans and canvases those kinds need;
- :mod:`.conversation`: :class:`Conversation`, the state (history, mask, selection, a
  plan waiting) that the widget, the magic and the command line drive;
- :mod:`.replay`: recorded turns drawn again through the same pipeline;
- :mod:`.commands`, :mod:`.inputs`, :mod:`.selection`: "undo" and "fix", input checks,
  click to select.
"""

from .conversation import Conversation
from .pipeline import Toolkit, Tools, TurnPipeline
from .replay import ReplayedTurn, ReplayReport, redraw, replay
from .request import TurnRequest

__all__ = [
    "Conversation",
    "ReplayReport",
    "ReplayedTurn",
    "Toolkit",
    "Tools",
    "TurnPipeline",
    "TurnRequest",
    "redraw",
    "replay",
]
