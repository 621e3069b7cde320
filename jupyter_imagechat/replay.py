"""Compatibility: the names notebooks and scripts of earlier versions import from here.

Exported notebooks import ``mask_from_text`` from ``jupyter_imagechat.replay``; that keeps
working. New code imports from :mod:`jupyter_imagechat.session` (masks as text, notebooks)
and :mod:`jupyter_imagechat.turns` (replaying).
"""

from .session.masktext import mask_from_text, mask_to_text
from .turns.replay import ReplayedTurn, ReplayReport, replay

__all__ = ["ReplayReport", "ReplayedTurn", "mask_from_text", "mask_to_text", "replay"]
