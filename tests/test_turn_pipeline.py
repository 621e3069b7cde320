"""One pipeline for every kind of turn: the same words mean the same wherever typed.

"fix" and "undo" are read by the turn pipeline, so the widget, ``Conversation.send``, the
``%%imagechat`` magic and the command line agree; selecting an object points "it" at it,
however the picture got there (an Extend included).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from jupyter_imagechat import Conversation, ImageChat
from jupyter_imagechat.cli import main as cli_main
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.turns import TurnPipeline, TurnRequest

SIZE = 128


def broken_plan(chat: Conversation | ImageChat) -> dict:
    """A plan whose cat was dragged to the far right of the dog it should be left of."""
    scene = chat.plan("a cat left of a dog").to_dict()
    for box in scene["layout"]:
        box["box"] = [0.75, 0.4, 0.95, 0.6] if box["entity"] == "e1" else [0.05, 0.4, 0.25, 0.6]
    return scene


def centre(box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def test_send_fix_redraws_what_the_checker_found_wrong_as_fix_does():
    by_method, by_word = Conversation(size=SIZE), Conversation(size=SIZE)
    for chat in (by_method, by_word):
        chat.generate(broken_plan(chat))
        assert not chat.history.last.verdict.ok
    fixed = by_method.fix()
    said = by_word.send("Fix it!")
    assert said.mode == fixed.mode == "inpaint"
    assert said.prompt == fixed.prompt
    assert said.prompt.startswith("fix: cat left of dog")
    assert said.verdict.ok
    assert fixed.verdict.ok
    assert np.array_equal(np.asarray(said.image), np.asarray(fixed.image))
    with pytest.raises(InputError, match="nothing to fix"):
        by_word.send("fix")


def test_fix_and_undo_in_the_cell_magic_mean_what_they_mean_in_the_chat():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jupyter_imagechat")
    try:
        shell.run_cell_magic("imagechat", f"lesson --new --size {SIZE}", "a cat left of a dog")
        chat = shell.user_ns["lesson"]
        chat.generate(broken_plan(chat))
        shell.run_cell_magic("imagechat", "lesson", "fix")
        assert chat.history[-1].prompt.startswith("fix: ")
        assert chat.history[-1].verdict.ok
        shell.run_cell_magic("imagechat", "lesson", "undo")
        assert chat.history.head.id == chat.history[-2].id
        assert not any(e.name in ("fix", "undo") for t in chat.history for e in t.scene.entities)
    finally:
        shell.user_ns.pop("lesson").close()


def test_fix_typed_in_the_widget_redraws_through_the_same_pipeline():
    chat = ImageChat(size=SIZE, autosave=False)
    replies: list[dict] = []
    chat._reply = replies.append
    try:
        chat.generate(broken_plan(chat))
        chat._handle_custom_msg({"id": "f1", "kind": "send", "prompt": "fix"}, [])
        assert chat._wait(30)
        assert replies[-1] == {"id": "f1", "ok": True, "result": {"turn": "t2", "mode": "inpaint"}}
        assert chat.history["t2"].verdict.ok
    finally:
        chat.close()


def test_the_command_line_reads_undo_and_fix_as_commands_not_things(capsys):
    assert cli_main(["plan", "fix"]) == 2
    assert "command" in capsys.readouterr().err
    assert cli_main(["plan", "a fixed bicycle"]) == 0
    assert "bicycle" in json.loads(capsys.readouterr().out)["entities"][0]["name"]


def test_selecting_after_extend_then_replace_it_replaces_the_selected_thing():
    chat = ImageChat(size=SIZE * 2, autosave=False)
    replies: list[dict] = []
    chat._reply = replies.append
    try:
        chat.send("a tree next to a dog")
        chat.outpaint(right=64)
        tree = next(o for o in chat.history[-1].objects if o.name == "tree")
        ys, xs = np.nonzero(tree.mask)
        x, y = int(xs[len(xs) // 2] + tree.box[0]), int(ys[len(ys) // 2] + tree.box[1])
        chat._handle_custom_msg({"id": "s1", "kind": "select", "x": x, "y": y}, [])
        assert replies[-1]["result"]["pixels"] > 0
        before = np.asarray(chat.image).copy()
        mask = chat.mask

        turn = chat.send("replace it with a rabbit")

        names = sorted(e.name for e in turn.scene.entities)
        assert names == ["dog", "rabbit"], names
        rabbit = next(o for o in turn.objects if o.name == "rabbit")
        assert abs(centre(rabbit.box)[0] - centre(tree.box)[0]) < 8  # where the tree was
        after = np.asarray(turn.image)
        assert not np.array_equal(after[mask], before[mask]), "nothing changed in the mask"
        assert np.array_equal(after[~mask], before[~mask]), "a pixel outside the mask changed"
        # the rabbit keeps the tree's box, so the checker names its size; nothing else
        bad = [f for f in turn.verdict.findings if f.status == "violated" and f.kind != "size"]
        assert not bad, turn.verdict.summary()
    finally:
        chat.close()


def test_a_painted_mask_forgets_the_selection():
    chat = Conversation(size=SIZE * 2)
    chat.send("a tree next to a dog")
    tree = next(o for o in chat.history[-1].objects if o.name == "tree")
    x, y = int(tree.box[0] + tree.box[2]) // 2, int(tree.box[1] + tree.box[3]) // 2
    assert chat.select(x, y) is not None
    chat.mask = np.ones((SIZE * 2, SIZE * 2), dtype=bool)  # painted over everything
    turn = chat.send("make it blue")
    assert turn.scene.entities[-1].attributes.get("color") == "blue"  # "it": the last added


def test_every_kind_of_turn_is_a_request_to_one_pipeline():
    chat = Conversation(size=SIZE)
    pipeline: TurnPipeline = chat.pipeline
    planned = pipeline.prepare(TurnRequest("prompt", "two red apples"), None)
    assert planned.mode == "text2img"
    assert planned.scene is not None
    assert len(planned.scene.layout) == 2
    first = pipeline.run(TurnRequest("prompt", "two red apples"), chat.history)
    loaded = pipeline.run(TurnRequest("load", image=first.to_png()), chat.history)
    assert loaded.mode == "load"
    assert loaded.scene == first.scene
    wider = pipeline.run(TurnRequest("outpaint", margins={"right": 32}), chat.history)
    assert wider.image.size == (SIZE + 32, SIZE)
    with pytest.raises(InputError, match="unknown kind"):
        pipeline.run(TurnRequest("paint"), chat.history)
    assert [t.mode for t in chat.history] == ["text2img", "load", "outpaint"]
