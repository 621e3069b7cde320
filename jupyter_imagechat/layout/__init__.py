"""Layout: a box for every drawn instance that keeps the plan's relations.

:func:`arrange` lays out a new scene (:mod:`.arrange`) or fits new things around kept ones
(:mod:`.fill`); named places in the picture are :mod:`.positions`; blocks of instances and
rectangle helpers are :mod:`.blocks`; standing things are moved onto the ground by
:mod:`.ground`.
"""

from .arrange import arrange

__all__ = ["arrange"]
