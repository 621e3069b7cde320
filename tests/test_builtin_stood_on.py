"""What a rider stands on is drawn lying flat, so the layout can put it under the feet;
toys, treats and story things named by two words are drawn and sized as themselves.

The layout gives a board, skis or a sled a low flat box under its rider
(:mod:`jupyter_imagechat.layout.body`); a picture that stands on end ("skis" drawn upright)
would be squeezed into that box or left beside the child, so each drawn picture of a thing
stood on must itself be wide and low.
"""

from __future__ import annotations

import pytest

from jupyter_imagechat import Conversation
from jupyter_imagechat.engines.builtin.artwork import artwork_aspect
from jupyter_imagechat.layout import arrange
from jupyter_imagechat.layout.body import STOOD_ON
from jupyter_imagechat.scene import Entity, Relation, SceneGraph
from jupyter_imagechat.vocab.sizes import typical_size

FLAT = sorted(n for n in STOOD_ON if STOOD_ON[n] <= 0.3 and artwork_aspect(n) is not None)
"""Things stood on that have a picture (one without is a card, laid flat as any card)."""


def test_most_things_stood_on_have_a_picture() -> None:
    assert {"skis", "snowboard", "surfboard"} <= set(FLAT)


@pytest.mark.parametrize("noun", FLAT)
def test_the_picture_of_a_thing_stood_on_lies_flat(noun: str) -> None:
    aspect = artwork_aspect(noun)
    assert aspect is not None
    assert aspect >= 2.0, f"{noun!r} is drawn {aspect:.2f} wide per height: it stands on end"


@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize("rider", ["person", "skier", "dog"])
def test_skis_lie_under_the_riders_feet(rider: str, seed: int) -> None:
    """Skis drawn upright stood beside the child in "a kid on skis"."""
    graph = SceneGraph(
        entities=[Entity("e1", rider, 1), Entity("e2", "skis", 1)],
        relations=[Relation("e1", "on", "e2")],
    )
    scene = arrange(graph, seed=seed)
    (rider_box,) = [b.box for b in scene.boxes_of("e1")]
    (skis_box,) = [b.box for b in scene.boxes_of("e2")]
    assert rider_box is not None
    assert skis_box is not None
    wide, tall = skis_box[2] - skis_box[0], skis_box[3] - skis_box[1]
    assert tall < wide  # flat, not on end
    assert rider_box[0] - 1e-4 <= skis_box[0] <= skis_box[2] <= rider_box[2] + 1e-4
    middle = ((skis_box[1] + skis_box[3]) / 2 - rider_box[1]) / (rider_box[3] - rider_box[1])
    assert middle > 0.5  # under the feet, not beside or above


@pytest.mark.parametrize(
    "prompt",
    ["a pirate ship on the sea", "a scarecrow in a field", "a girl with an ice lolly",
     "a guinea pig", "a star of David", "a bird house in a tree", "a boy in a sleeping bag",
     "a pot on a stove", "a cooker"],
)  # fmt: skip
def test_things_that_were_cards_are_drawn(prompt: str) -> None:
    """Each of these (a name the planner reads whole, a stove) had no picture: a card."""
    turn = Conversation(size=128).send(prompt)
    assert turn.verdict is not None
    assert "card" not in turn.verdict.summary(), turn.verdict.summary()


def test_a_small_thing_named_by_two_words_is_sized_as_itself() -> None:
    """'An ice lolly' is no bigger than a child's hand, 'a pirate ship' as big as a house."""
    assert typical_size("ice lolly") < typical_size("person") / 2
    assert typical_size("guinea pig") < typical_size("pig")
    assert typical_size("pirate ship") == typical_size("ship")
