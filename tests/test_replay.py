"""Replaying a session: to_notebook -> ImageChat.from_notebook -> replay, pixel for pixel."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pytest
from PIL import Image

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.session import mask_from_text, mask_to_text, read_notebook
from jupyter_imagechat.turns import replay

SIZE = 128


def same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and np.array_equal(np.asarray(a), np.asarray(b))


def region(x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    mask = np.zeros((SIZE, SIZE), bool)
    mask[y0:y1, x0:x1] = True
    return mask


@pytest.fixture(scope="module")
def session():
    """Ten turns: descriptions, edits, three masked edits and two branches."""
    chat = ImageChat(size=SIZE, seed=7, autosave=False)
    chat.send("three red apples left of a blue bowl")  # t1
    chat.send("make the bowl green")  # t2
    chat.send("a cat", mask=region(0, 0, 64, 64))  # t3 inpaint
    chat.send("add two more apples", seed=11)  # t4
    chat.send("a yellow star", mask=region(70, 5, 120, 50))  # t5 inpaint
    chat.checkout("t2")  # branch 2 starts from t2
    chat.send("make the apples purple")  # t6
    chat.send("a dog", mask=region(10, 60, 90, 125), seed=3)  # t7 inpaint
    chat.send("remove the bowl")  # t8
    chat.checkout("t1")  # branch 3 starts from t1
    chat.send("a blue car next to a red house")  # t9
    chat.send("make the car green")  # t10
    yield chat
    chat.close()


def test_the_session_is_ten_turns_with_masks_and_branches(session):
    history = session.history
    assert len(history) == 10
    assert sum(t.mask is not None for t in history) == 3
    assert [t.id for t in history.tips] == ["t5", "t8", "t10"]
    assert {t.mode for t in history} >= {"text2img", "img2img", "inpaint"}


def test_notebook_round_trip_then_replay_reproduces_every_image_bit_exactly(session, tmp_path):
    path = session.history.to_notebook(tmp_path / "lesson.ipynb")
    restored = ImageChat.from_notebook(path, autosave=False)
    try:
        assert [t.id for t in restored.history] == [t.id for t in session.history]
        assert restored.history.head.id == session.history.head.id
        for new, old in zip(restored.history, session.history, strict=True):
            assert (new.parent, new.prompt, new.mode, new.seed) == (
                old.parent,
                old.prompt,
                old.mode,
                old.seed,
            )
            assert new.scene.to_dict() == old.scene.to_dict()
            assert (new.mask is None) == (old.mask is None)
            if old.mask is not None:
                assert np.array_equal(new.mask, old.mask)
            assert same(new.image, old.image)  # the picture from the cell's output
        for replan in (False, True):
            report = restored.replay(replan=replan)
            assert report.identical, report
            assert len(report) == 10
            for replayed, old in zip(report.turns, session.history, strict=True):
                assert replayed.id == old.id
                assert same(replayed.image, old.image), replayed.id
    finally:
        restored.close()


def test_from_notebook_can_redraw_every_picture_instead_of_reading_it(session, tmp_path):
    path = session.history.to_notebook(tmp_path / "lesson.ipynb")
    redrawn = ImageChat.from_notebook(path, redraw=True, autosave=False)
    try:
        for new, old in zip(redrawn.history, session.history, strict=True):
            assert same(new.image, old.image)
        assert same(redrawn.image, session.image)
    finally:
        redrawn.close()


def test_the_notebook_has_one_cell_per_turn_with_code_picture_and_plan(session, tmp_path):
    path = session.history.to_notebook(tmp_path / "lesson.ipynb")
    nb = json.loads(path.read_text())
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert len(code_cells) == 10
    for cell, turn in zip(code_cells, session.history, strict=True):
        source = "".join(cell["source"])
        assert repr(turn.prompt) in source
        png = base64.b64decode(cell["outputs"][0]["data"]["image/png"])
        assert same(Image.open(io.BytesIO(png)).convert("RGB"), turn.image)
        meta = cell["metadata"]["jupyter_imagechat"]
        assert meta["record"]["scene"] == turn.scene.to_dict()
        assert meta["record"]["parent"] == turn.parent
    assert "chat.checkout('t2')" in "".join(code_cells[5]["source"])


def test_a_changed_picture_is_reported_and_redraw_refuses_it(session, tmp_path):
    path = session.history.to_notebook(tmp_path / "lesson.ipynb")
    nb = json.loads(path.read_text())
    cell = [c for c in nb["cells"] if c["cell_type"] == "code"][3]  # t4
    tampered = session.history["t4"].image.copy()
    tampered.putpixel((5, 5), (1, 2, 3))
    buf = io.BytesIO()
    tampered.save(buf, format="PNG")
    cell["outputs"][0]["data"]["image/png"] = base64.b64encode(buf.getvalue()).decode()
    path.write_text(json.dumps(nb))
    restored = ImageChat.from_notebook(path, autosave=False)
    try:
        report = restored.replay()
        assert not report.identical
        assert report.differing == ["t4"]
        assert report["t4"].max_difference > 0
    finally:
        restored.close()
    with pytest.raises(InputError, match="t4"):
        ImageChat.from_notebook(path, redraw=True, autosave=False)


def test_a_notebook_not_written_by_to_notebook_is_refused(tmp_path):
    plain = tmp_path / "plain.ipynb"
    plain.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(InputError, match=r"not written by History\.to_notebook"):
        read_notebook(plain)
    with pytest.raises(InputError, match="no notebook"):
        read_notebook(tmp_path / "missing.ipynb")


def test_a_loaded_picture_is_saved_next_to_the_notebook_and_replays(tmp_path):
    chat = ImageChat(size=SIZE, autosave=False)
    try:
        first = chat.send("two red apples")
        picture = Image.new("RGB", (SIZE, SIZE), (200, 30, 90))
        chat.load(picture)
        chat.send("a blue bowl", mask=region(20, 20, 100, 100))
        path = chat.history.to_notebook(tmp_path / "loaded.ipynb")
        assert (tmp_path / "loaded_files" / "t2.png").is_file()
        restored = ImageChat.from_notebook(path, autosave=False)
        assert restored.replay().identical
        assert restored.replay(replan=True).identical
        assert same(restored.history["t1"].image, first.image)
        restored.close()
    finally:
        chat.close()


def test_the_notebook_runs_top_to_bottom_and_gives_the_same_pictures(session, tmp_path):
    nbclient = pytest.importorskip("nbclient")
    import nbformat

    path = session.history.to_notebook(tmp_path / "lesson.ipynb")
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for cell, turn in zip(code_cells, session.history, strict=True):
        png = base64.b64decode(cell.outputs[-1]["data"]["image/png"])
        assert same(Image.open(io.BytesIO(png)).convert("RGB"), turn.image), turn.id
    # in a kernel the session autosaved itself next to the notebook
    (folder,) = (tmp_path / ".imagechat").iterdir()
    assert sorted(p.name for p in folder.glob("t*.json")) == sorted(
        f"t{i}.json" for i in range(1, 11)
    )


def test_replay_of_a_plain_list_of_turns_uses_the_named_engine(session):
    report = replay(session.history.branch("t8"), "builtin")
    assert report.identical
    assert [t.id for t in report.turns] == ["t1", "t2", "t6", "t7", "t8"]


@pytest.mark.parametrize("shape", [(1, 1), (3, 17), (128, 128), (480, 640)])
def test_masks_as_text_round_trip(shape):
    rng = np.random.default_rng(sum(shape))
    mask = rng.random(shape) > 0.7
    text = mask_to_text(mask)
    assert text.startswith(f"{shape[1]}x{shape[0]}:")
    assert np.array_equal(mask_from_text(text), mask)


@pytest.mark.parametrize("bad", ["", "12x12", "axb:AAAA", "4x4:!!!!", "4x4:" + "A" * 8])
def test_bad_mask_text_is_an_input_error(bad):
    with pytest.raises(InputError, match="not a mask"):
        mask_from_text(bad)


def test_the_notebook_is_valid_nbformat(session, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    path = session.history.to_notebook(tmp_path / "lesson")  # the suffix is added
    assert path.name == "lesson.ipynb"
    nbformat.validate(nbformat.read(path, as_version=4))


def test_outpainting_and_drafts_replay_and_redo_as_code(tmp_path):
    from dataclasses import replace

    from jupyter_imagechat.turns.replay import redraw

    chat = ImageChat(size=SIZE, autosave=False)
    try:
        chat.send("two red apples")
        chat.conversation.outpaint(left=32, right=16, prompt="a tree", seed=4)
        chat.send("a dog", mask=np.pad(region(0, 0, 60, 60), ((0, 0), (0, 48)))[:, : SIZE + 48])
        history = chat.history
        assert [t.mode for t in history] == ["text2img", "outpaint", "inpaint"]
        report = chat.replay()
        assert report.identical
        assert all(t.redrawn for t in report.turns)
        assert chat.replay(replan=True).identical
        redone = {}
        code = history.to_code()
        assert "chat.outpaint(left=32, right=16, prompt='a tree', seed=4" in code
        exec(code, redone)
        assert same(redone["chat"].image, chat.image)
        redone["chat"].close()
        # a draft (the picture so far of a stopped turn) is kept as recorded, not redrawn
        draft = replace(history["t3"], id="t4", parent="t3", mode="draft")
        assert redraw(draft, history["t3"].image, chat.conversation.engine) is draft.image
        history.append(draft)
        report = chat.replay()
        assert report.identical
        assert not report["t4"].redrawn
        path = history.to_notebook(tmp_path / "drafts.ipynb")
        assert (tmp_path / "drafts_files" / "t4.png").is_file()
        restored = ImageChat.from_notebook(path, autosave=False)
        assert restored.replay(replan=True).identical
        restored.close()
    finally:
        chat.close()


@pytest.mark.parametrize("turn_id", ["t2", "t3"])  # an img2img edit, an inpaint
def test_redrawing_an_edit_without_its_parent_picture_is_an_input_error(session, turn_id):
    from jupyter_imagechat.turns.replay import redraw

    turn = session.history[turn_id]
    with pytest.raises(
        InputError, match=f"turn {turn_id} edits a picture, but its parent has none"
    ):
        redraw(turn, None, session.conversation.engine)


def test_redrawing_an_outpaint_without_its_parent_picture_is_an_input_error():
    from jupyter_imagechat.turns.replay import redraw

    chat = ImageChat(size=SIZE, autosave=False)
    try:
        chat.send("two red apples")
        turn = chat.conversation.outpaint(left=32, prompt="a tree", seed=4)
        with pytest.raises(InputError, match=f"turn {turn.id} edits a picture"):
            redraw(turn, None, chat.conversation.engine)
    finally:
        chat.close()
