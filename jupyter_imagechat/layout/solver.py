"""The layout's constraint solver: rigid bodies, linear constraints with strengths.

A :class:`Problem` holds *bodies*: rigid groups laid out in unit space (a thing with what
rests on, in or under it; the instances of one entity), each placed by three variables:
the top left ``x``, ``y`` and a scale ``s`` (a point ``(u, v)`` of its unit space is drawn
at ``(x + u * s, y + v * s)``). Constraints between them are linear and carry a strength;
:meth:`Problem.solve` finds the placement that keeps every required one and breaks the
weaker ones least, strongest first (Cassowary, through `kiwisolver
<https://github.com/nucleic/kiwi>`_, the solver behind matplotlib's constrained layout).

Strengths, strongest first (:data:`STRENGTHS`):

- ``required``: inside the picture (or the region of an edit); kept boxes stay;
- ``support``: standing things stand on the ground band, hung things on the wall;
- ``clear``: unrelated things keep apart;
- ``relation``: left of, right of, above, below, a named place in the picture;
- ``size``: every thing at the common scale of the picture;
- ``scale``: that scale as large as the packing allows;
- ``rest``: standing things a little below the horizon, as if in the middle distance;
- ``prefer``: near the packed place (with the seed's jitter).

When they cannot all hold, the weakest give way: :attr:`Problem.relaxed` names the
constraints a solution breaks, and the checker finds their consequences in the picture.
kiwisolver is imported on first use, so importing the layout stays light.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Number = float
Expr = Any
"""A kiwisolver expression, variable or plain number."""

STRENGTHS = ("required", "support", "clear", "relation", "size", "scale", "rest", "prefer")
EPS = 1e-6


@dataclass
class Body:
    """A rigid group: unit-space size ``w`` x ``h``, placed at ``x``, ``y`` with scale ``s``.

    ``x``, ``y`` and ``s`` are solver variables, or numbers for a body that stays where it
    is (a kept box).
    """

    key: Any
    w: float
    h: float
    x: Expr
    y: Expr
    s: Expr

    def at_x(self, u: float) -> Expr:
        """The picture x of unit-space x ``u``."""
        return self.x + self.s * u

    def at_y(self, v: float) -> Expr:
        """The picture y of unit-space y ``v``."""
        return self.y + self.s * v

    @property
    def left(self) -> Expr:
        return self.x

    @property
    def top(self) -> Expr:
        return self.y

    @property
    def right(self) -> Expr:
        return self.at_x(self.w)

    @property
    def bottom(self) -> Expr:
        return self.at_y(self.h)


class Problem:
    """Bodies and constraints; see the module docstring."""

    def __init__(self) -> None:
        import kiwisolver as kiwi  # imported here: the layout imports light

        self._kiwi = kiwi
        self._solver = kiwi.Solver()
        make = kiwi.strength.create
        self._strength = {
            "required": kiwi.strength.required,
            "support": make(500, 0, 0),
            "clear": make(200, 0, 0),
            "relation": make(20, 0, 0),
            "size": make(1, 0, 0),
            "scale": make(0, 100, 0),
            "rest": make(0, 10, 0),
            "prefer": make(0, 0, 10),
        }
        self._constraints: list[tuple[Any, str, str]] = []
        self._constants: list[str] = []
        self.bodies: dict[Any, Body] = {}

    def variable(self, name: str) -> Expr:
        """A new solver variable."""
        return self._kiwi.Variable(name)

    def body(
        self, key: Any, w: float, h: float, *, fixed: tuple[float, float, float] | None = None
    ) -> Body:
        """Add a body of unit size ``w`` x ``h``; ``fixed`` = (x, y, s) keeps it in place."""
        if fixed is not None:
            made = Body(key, w, h, float(fixed[0]), float(fixed[1]), float(fixed[2]))
        else:
            made = Body(key, w, h, self.variable(f"x{key}"), self.variable(f"y{key}"),
                        self.variable(f"s{key}"))  # fmt: skip
            self.add(made.s >= 0.0, "required", f"{key} has a size")
        self.bodies[key] = made
        return made

    def add(self, constraint: Any, strength: str, why: str) -> None:
        """Add ``constraint`` (an (in)equality of expressions) at ``strength``.

        A comparison of two plain numbers (two kept boxes) is not a constraint: it is
        noted in :attr:`relaxed` when false, and otherwise ignored.
        """
        if isinstance(constraint, bool):
            if not constraint:
                self._constants.append(why)
            return
        strength_value = self._strength[strength]
        try:
            self._solver.addConstraint(constraint | strength_value)
        except self._kiwi.UnsatisfiableConstraint:  # two required ones disagree
            self._solver.addConstraint(constraint | self._strength["support"])
            strength = "support"
        self._constraints.append((constraint, strength, why))

    def le(self, a: Expr, b: Expr, strength: str, why: str) -> None:
        """``a <= b``."""
        self.add(_cmp(a, b, "<="), strength, why)

    def eq(self, a: Expr, b: Expr, strength: str, why: str) -> None:
        """``a == b``."""
        self.add(_cmp(a, b, "=="), strength, why)

    def solve(self) -> dict[Any, tuple[float, float, float]]:
        """Solve; return body key -> (x, y, s)."""
        self._solver.updateVariables()
        return {key: (_value(b.x), _value(b.y), _value(b.s)) for key, b in self.bodies.items()}

    @property
    def relaxed(self) -> list[str]:
        """What the last solution breaks, strongest first (after :meth:`solve`)."""
        broken = list(self._constants)
        for constraint, strength, why in self._constraints:
            value, op = constraint.expression().value(), constraint.op()
            bad = {"<=": value > EPS, ">=": value < -EPS, "==": abs(value) > EPS}[op]
            if bad and strength not in ("rest", "prefer"):
                broken.append(f"{why} ({strength})")
        order = {s: i for i, s in enumerate(STRENGTHS)}
        return sorted(broken, key=lambda w: order.get(w.rsplit("(", 1)[-1].rstrip(")"), 0))


def _value(v: Expr) -> float:
    return float(v) if isinstance(v, (int, float)) else float(v.value())


def _cmp(a: Expr, b: Expr, op: str) -> Any:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return {"<=": a <= b + EPS, "==": abs(a - b) <= EPS}[op]
    if op == "<=":
        return a - b <= 0.0 if not isinstance(a, (int, float)) else b - a >= 0.0
    return a - b == 0.0 if not isinstance(a, (int, float)) else b - a == 0.0
