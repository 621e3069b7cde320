"""The %%imagechat cell magic, through a real IPython InteractiveShell."""

from __future__ import annotations

import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell
from PIL import Image

from jupyter_imagechat import ImageChat

LESSON = [
    "%%imagechat chat --new --size 128 --seed 2\nthree red apples left of a blue bowl",
    "%%imagechat chat\nmake the bowl green",
    "%%imagechat chat --mask corner --seed 9\na cat",
    "%%imagechat chat --from t2\nmake the apples yellow",
]


@pytest.fixture
def shell():
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "jupyter_imagechat")
    ip.run_cell("import numpy as np\ncorner = np.zeros((128, 128), bool)\ncorner[:50, :50] = True")
    yield ip
    chat = ip.user_ns.pop("chat", None)
    if isinstance(chat, ImageChat):
        chat.close()


def run(shell, cell):
    result = shell.run_cell(cell)
    return result


def test_a_lesson_is_a_sequence_of_cells_each_a_turn(shell, capsys):
    results = [run(shell, cell) for cell in LESSON]
    assert all(r.success for r in results)
    chat = shell.user_ns["chat"]
    assert isinstance(chat, ImageChat)
    history = chat.history
    assert [(t.id, t.parent, t.mode) for t in history] == [
        ("t1", None, "text2img"),
        ("t2", "t1", "img2img"),
        ("t3", "t2", "inpaint"),
        ("t4", "t2", "img2img"),
    ]
    assert history["t1"].seed == 2
    assert history["t3"].seed == 9
    assert np.array_equal(history["t3"].mask, shell.user_ns["corner"])
    # each cell's output is its picture, and it prints the plan
    for result, turn in zip(results, history, strict=True):
        assert isinstance(result.result, Image.Image)
        assert np.array_equal(np.asarray(result.result), np.asarray(turn.image))
    assert "t1 (text2img): 3 x apple (red), 1 x bowl (blue)" in capsys.readouterr().out


def test_running_the_lesson_again_from_the_top_gives_the_same_pictures(shell):
    for cell in LESSON:
        assert run(shell, cell).success
    first = [np.asarray(t.image).copy() for t in shell.user_ns["chat"].history]
    first_chat = shell.user_ns["chat"]
    for cell in LESSON:
        assert run(shell, cell).success
    again = shell.user_ns["chat"]
    assert again is not first_chat
    assert len(again.history) == 4
    for a, b in zip(first, again.history, strict=True):
        assert np.array_equal(a, np.asarray(b.image))
    first_chat.close()


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("%%imagechat chat\n   \n", "the cell is empty"),
        ("%%imagechat chat --mask nowhere\na cat", "no variable 'nowhere'"),
        ("%%imagechat chat --mask bad_mask\na cat", "the mask is 3x3"),
        ("%%imagechat chat --from t9\na cat", "no turn 't9'"),
        ("%%imagechat chat --engine diffusers\na cat", "add --new"),
        ("%%imagechat 2chat\na cat", "must be a variable name"),
        ("%%imagechat number\na cat", "not an ImageChat"),
        ("%%imagechat chat\n" + "x" * 2001, "the limit is 2,000"),
        ("%%imagechat chat --seed -1\na cat", "seed must be"),
    ],
)
def test_bad_cells_are_usage_errors_and_change_nothing(shell, cell, message):
    assert run(shell, LESSON[0]).success
    shell.run_cell("bad_mask = np.ones((3, 3), bool)\nnumber = 5")
    result = run(shell, cell)
    assert not result.success
    assert message in str(result.error_in_exec)
    assert type(result.error_in_exec).__name__ == "UsageError"
    assert len(shell.user_ns["chat"].history) == 1


def test_a_missing_chat_is_created_on_first_use(shell):
    shell.user_ns.pop("chat", None)
    assert run(shell, "%%imagechat chat --size 96\na dog").success
    assert shell.user_ns["chat"].image.size == (96, 96)


def test_new_with_engine_and_model_starts_a_chat_on_that_model(shell, tmp_path):
    """``--new --engine diffusers --model <folder>`` replaces the chat with one drawing
    with that model (a tiny random pipeline, offline)."""
    pytest.importorskip("torch")
    pytest.importorskip("diffusers")
    from tiny_pipeline import build_tiny_pipeline

    folder = build_tiny_pipeline(tmp_path / "tiny-sd")
    assert run(shell, LESSON[0]).success
    builtin = shell.user_ns["chat"]
    shell.user_ns["folder"] = folder
    cell = f"%%imagechat chat --new --engine diffusers --model {folder} --size 64 --seed 3\na cat"
    result = run(shell, cell)
    assert result.success, result.error_in_exec
    chat = shell.user_ns["chat"]
    assert chat is not builtin
    assert chat.conversation.engine.name == "diffusers"
    assert chat.conversation.engine.model == folder
    (turn,) = list(chat.history)
    assert (turn.engine, turn.model, turn.seed) == ("diffusers", folder, 3)
    assert turn.image.size == (64, 64)
    assert turn.metadata["model"] == folder
    # the same name without --new keeps the diffusers chat; another engine needs --new
    assert run(shell, "%%imagechat chat --seed 4\na dog").success
    assert shell.user_ns["chat"] is chat
    refused = run(shell, "%%imagechat chat --engine builtin\na dog")
    assert "add --new" in str(refused.error_in_exec)
    builtin.close()


def _things(chat) -> list[str]:
    return sorted(e.describe() for e in chat.conversation.scene.entities)


def test_a_question_stops_the_cell_and_says_how_to_answer_it(shell):
    assert run(shell, "%%imagechat chat --new --size 96\nthree rabbits on a lawn").success
    asked = run(shell, "%%imagechat chat\na rabbit and a dog")
    assert not asked.success
    assert type(asked.error_in_exec).__name__ == "UsageError"
    message = str(asked.error_in_exec)
    assert "three rabbits" in message  # what the picture has, as the chat asks
    assert "%imagechat chat --answer edit" in message
    assert "--answer new" in message
    chat = shell.user_ns["chat"]
    assert len(chat.history) == 1  # nothing drawn
    assert chat.conversation.question is not None


@pytest.mark.parametrize(
    ("choice", "things", "mode"),
    [
        ("edit", ["1 x dog", "3 x rabbit"], "img2img"),  # the rabbits stay, a dog joins
        ("new", ["1 x dog", "1 x rabbit"], "text2img"),
    ],
)
def test_the_line_magic_answers_the_question_waiting(shell, choice, things, mode):
    assert run(shell, "%%imagechat chat --new --size 96\nthree rabbits on a lawn").success
    assert not run(shell, "%%imagechat chat\na rabbit and a dog").success
    answered = run(shell, f"%imagechat chat --answer {choice}")
    assert answered.success, answered.error_in_exec
    chat = shell.user_ns["chat"]
    assert [t.id for t in chat.history] == ["t1", "t2"]
    turn = chat.history["t2"]
    assert (turn.prompt, turn.mode) == ("a rabbit and a dog", mode)
    assert _things(chat) == things
    assert chat.conversation.question is None
    assert isinstance(answered.result, Image.Image)


@pytest.mark.parametrize(("choice", "count"), [("edit", 3), ("new", 1)])
def test_answer_on_the_prompt_cell_runs_the_same_every_time(shell, choice, count):
    for _ in range(2):  # the lesson from the top, twice: no question, the same pictures
        assert run(shell, "%%imagechat chat --new --size 96\nthree rabbits on a lawn").success
        cell = f"%%imagechat chat --answer {choice}\na rabbit and a dog"
        result = run(shell, cell)
        assert result.success, result.error_in_exec
        chat = shell.user_ns["chat"]
        rabbits = [e.count for e in chat.conversation.scene.entities if e.name == "rabbit"]
        assert rabbits == [count]
        assert len(chat.history) == 2


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("%imagechat chat --answer edit", "no question waiting"),
        ("%imagechat chat --answer maybe", "invalid choice"),
        ("%imagechat chat --answer edit --from t1", "need a %%imagechat cell"),
        ("%imagechat chat", "add --answer edit or --answer new"),
    ],
)
def test_an_answer_without_a_question_is_a_usage_error(shell, cell, message):
    assert run(shell, LESSON[0]).success
    result = run(shell, cell)
    assert not result.success
    assert message in str(result.error_in_exec)
    assert len(shell.user_ns["chat"].history) == 1
