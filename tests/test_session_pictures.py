"""A turn's picture and drawn shapes leave memory when it is released, and come back whole."""

from __future__ import annotations

import io

import numpy as np

from jupyter_imagechat.engines.builtin import BuiltinEngine
from jupyter_imagechat.layout.arrange import arrange
from jupyter_imagechat.planner import RulesPlanner
from jupyter_imagechat.session.pictures import Pictures


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_released_shapes_shadows_and_painted_parts_come_back_as_they_were() -> None:
    scene = arrange(RulesPlanner().plan("a red apple and a blue car"), seed=0)
    result = BuiltinEngine().draw(scene, settings={"width": 128, "height": 128})
    assert any(o.painted is not None for o in result.objects)  # what the checker reads
    pictures = Pictures("t1")
    pictures.set_image(result.image)
    pictures.set_objects(list(result.objects))
    pictures.release(_png)
    assert not pictures.decoded
    held = pictures._packed_objects
    assert held is not None  # held as bits: none of the arrays stays a full array
    assert all(not isinstance(v, np.ndarray) for entry in held for v in entry[1:])
    assert all(entry[0].mask is None for entry in held)
    assert all(entry[0].painted is None for entry in held)
    back = pictures.objects()
    assert len(back) == len(result.objects)
    for was, now in zip(result.objects, back, strict=True):
        assert (now.name, now.box) == (was.name, was.box)
        for field in ("mask", "painted"):
            old, new = getattr(was, field), getattr(now, field)
            assert (old is None) == (new is None)
            if old is not None:
                assert new.dtype == bool
                assert np.array_equal(new, old)
        assert (was.shadow is None) == (now.shadow is None)
        if was.shadow is not None:
            assert was.shadow[0] == now.shadow[0]
            assert np.array_equal(was.shadow[1], now.shadow[1])
