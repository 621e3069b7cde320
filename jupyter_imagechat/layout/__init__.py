"""Layout: a box for every drawn instance that keeps the plan's relations and the world.

:func:`arrange` lays out a new scene (:mod:`.packing` orders it, :mod:`.fresh` solves where
everything goes with the constraint solver of :mod:`.solver`) or fits new things around
kept ones (:mod:`.fill`, with :mod:`.spots`); what rests on what is :mod:`.hosts`; named
places in the picture are :mod:`.positions`; blocks of instances and rectangle helpers are
:mod:`.blocks`; the ground's footing is :mod:`.ground`; diagrams are :mod:`.diagram`.
"""

from .arrange import arrange

__all__ = ["arrange"]
