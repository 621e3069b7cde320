"""Follow-ups through the whole turn: the question "change this picture or a new one?" and
its answers (Python API and widget buttons), masks and selections over some instances,
undo, redo and "go back to the picture with ...", and the answers in exported code."""

from __future__ import annotations

import numpy as np
import pytest

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import InputError, Unsure
from jupyter_imagechat.turns import Conversation
from jupyter_imagechat.turns.selection import object_mask

SIZE = 128


@pytest.fixture
def chat() -> Conversation:
    return Conversation(size=SIZE)


def things(scene: object) -> list[str]:
    return sorted(e.describe() for e in scene.entities)  # type: ignore[attr-defined]


def apple(turn: object, number: int) -> object:
    """The ``number``-th apple from the left that ``turn`` drew."""
    drawn = [o for o in turn.objects if o.name == "apple"]  # type: ignore[attr-defined]
    return sorted(drawn, key=lambda o: o.box[0])[number - 1]


# -- the question and its answers -------------------------------------------------------------
def test_a_follow_up_that_could_be_either_asks_and_changes_nothing(chat: Conversation) -> None:
    """With a mask a description is painted into it (no question); without one it asks."""
    first = chat.send("a cat and a rabbit on a lawn")
    with pytest.raises(Unsure) as asked:
        chat.send("three rabbits on a lawn")
    assert asked.value.kind == "question"
    assert set(asked.value.choices) == {"edit", "new"}
    assert "rabbit" in asked.value.question
    assert "new=False" in str(asked.value), "the Python message says how to answer"
    assert chat.history.head is first
    assert len(chat.history) == 1
    assert chat.question is not None
    assert chat.question.asked is asked.value
    changed = chat.answer("edit")
    assert things(changed.scene) == ["1 x cat", "3 x rabbit"]
    assert changed.mode == "img2img"
    assert changed.scene.boxes_of("e1") == first.scene.boxes_of("e1"), "the cat stays put"
    assert chat.question is None
    with pytest.raises(InputError, match="no question"):
        chat.answer("edit")


def test_the_answers_are_recorded_and_exported(chat: Conversation) -> None:
    chat.send("a cat and a rabbit on a lawn")
    new = chat.send("three rabbits on a lawn", new=True)
    assert (new.mode, things(new.scene)) == ("text2img", ["3 x rabbit"])
    assert new.metadata["new"] is True
    chat.undo()
    edit = chat.send("three rabbits on a lawn", new=False)
    assert things(edit.scene) == ["1 x cat", "3 x rabbit"]
    assert edit.metadata["new"] is False
    code = chat.history.to_code()
    assert "new=True)" in code
    assert "new=False)" in code
    namespace: dict[str, object] = {}
    exec(code, namespace)  # the exported script answers as the user did
    redone = namespace["chat"]
    assert isinstance(redone, ImageChat)
    try:
        assert [t.summary() for t in redone.history] == [t.summary() for t in chat.history]
    finally:
        redone.close()


def test_a_bad_answer_is_refused(chat: Conversation) -> None:
    chat.send("a cat and a rabbit on a lawn")
    with pytest.raises(Unsure):
        chat.send("three rabbits on a lawn")
    with pytest.raises(InputError, match="answer with one of"):
        chat.answer("maybe")
    assert chat.question is not None


def test_a_description_sharing_nothing_starts_a_new_picture_undo_goes_back(
    chat: Conversation,
) -> None:
    first = chat.send("three red apples left of a blue bowl")
    new = chat.send("a giraffe next to a tree")
    assert new.mode == "text2img"
    assert any("new picture" in note for note in new.notes)
    assert chat.undo() is first


# -- masks and selections ----------------------------------------------------------------------
def test_a_mask_over_one_apple_changes_that_apple_for_good(chat: Conversation) -> None:
    first = chat.send("three red apples left of a blue bowl")
    middle = apple(first, 2)
    chat.mask = object_mask(middle, first.image.size, grow=0)
    mask = chat.mask
    yellow = chat.send("make the apple yellow")
    assert things(yellow.scene) == ["1 x apple (yellow)", "1 x bowl (blue)", "2 x apple (red)"]
    split = next(e for e in yellow.scene.entities if e.attributes.get("color") == "yellow")
    assert [b.box for b in yellow.scene.boxes_of(split.id)] == [
        b.box for b in first.scene.boxes_of(middle.entity) if b.index == middle.index
    ]
    before, after = np.asarray(first.image), np.asarray(yellow.image)
    assert np.array_equal(before[~mask], after[~mask]), "only the masked apple changed"
    blue = chat.send("make the bowl blue")
    assert things(blue.scene) == things(yellow.scene), "the split stays in later turns"
    green = chat.send("make the bowl green")
    drawn = {o.entity: o.attributes.get("color") for o in green.objects if o.name == "apple"}
    assert sorted(drawn.values()) == ["red", "yellow"]


def test_a_description_painted_into_a_mask_is_not_a_question(chat: Conversation) -> None:
    chat.send("a cat and a rabbit on a lawn")
    chat.mask = np.arange(SIZE)[None, :].repeat(SIZE, 0) < 30
    turn = chat.send("three rabbits on a lawn")
    assert turn.mode == "inpaint"


def test_the_one_i_selected(chat: Conversation) -> None:
    first = chat.send("three cats on a sofa")
    cat = next(o for o in first.objects if o.name == "cat" and o.index == 2)
    ys, xs = np.nonzero(cat.mask)
    chat.select(int(cat.box[0] + xs[len(xs) // 2]), int(cat.box[1] + ys[len(ys) // 2]))
    turn = chat.send("make the one I selected orange")
    assert things(turn.scene) == ["1 x cat (orange)", "1 x couch", "2 x cat"]
    others = chat.send("make the others black")
    assert things(others.scene) == ["1 x cat (orange)", "1 x couch", "2 x cat (black)"]


# -- undo, redo, go back -----------------------------------------------------------------------
def test_undo_redo_and_go_back_to_a_picture_by_what_it_showed(chat: Conversation) -> None:
    red = chat.send("a red bowl with three apples")
    green = chat.send("make the bowl green")
    assert chat.send("undo") is red
    assert chat.send("redo") is green
    with pytest.raises(InputError, match="nothing to redo"):
        chat.send("redo")
    banana = chat.send("add a banana")
    assert chat.send("go back to the picture with the red bowl") is red
    assert chat.history.head is red
    assert chat.send("back to t3") is banana
    with pytest.raises(InputError, match="no earlier picture shows"):
        chat.send("go back to the picture with the purple giraffe")
    assert chat.send("back to the first picture") is red


@pytest.mark.parametrize(
    "said",
    [
        "show me the version with the banana again",
        "go back to the picture with the bananas",  # whatever their number
        "return to the one with the banana",
    ],
)
def test_go_back_said_in_other_words(chat: Conversation, said: str) -> None:
    chat.send("three red apples in a bowl")
    banana = chat.send("add a banana")
    chat.send("make the apples green")
    assert chat.send(said) is banana


def test_go_back_to_things_of_a_number_finds_that_number(chat: Conversation) -> None:
    two = chat.send("two cats on a bed")
    three = chat.send("one more cat")
    assert chat.send("go back to the picture with two cats") is two
    assert chat.send("go back to the one with the cats") is three  # the newest other one


def test_go_back_to_the_original_a_picture_named_by_a_thing_or_a_time(
    chat: Conversation,
) -> None:
    """ "return to the original", "the dog picture", "the daytime version", "the picture
    before the watering can": each finds its picture (none draws a thing called "original"
    or "dog picture")."""
    fox = chat.send("a fox in a forest")
    night = chat.send("now it's night")
    can = chat.send("add a watering can")
    assert chat.send("go back to the picture before the watering can") is night
    assert chat.send("back to the daytime version") is fox
    assert chat.send("go back to the night one") is can  # the newest other one at night
    assert chat.send("return to the original") is fox
    chat.send("different scene: a cat on a roof")
    assert chat.send("go back to the fox picture") is can  # the newest with a fox
    with pytest.raises(InputError, match="no picture on the way"):
        chat.send("go back to the picture before the giraffe")


def test_back_to_a_place_no_picture_showed_is_an_edit(chat: Conversation) -> None:
    chat.send("two dogs in a park")
    turn = chat.send("back to the beach")
    assert (turn.mode, turn.scene.background) == ("img2img", "beach")


# -- the widget's buttons ----------------------------------------------------------------------
@pytest.fixture
def widget():
    chat = ImageChat(size=SIZE)
    replies: list[dict] = []  # what the browser would be sent back
    chat._reply = replies.append
    chat.replies = replies
    try:
        yield chat
    finally:
        chat._wait(10)
        chat.close()


def ask(chat: ImageChat, content: dict) -> dict:
    """Deliver a request as the browser sends it; the kernel's one reply to it."""
    chat._handle_custom_msg(content, None)
    assert chat._wait(120), "the request did not finish in 120 s"
    (reply,) = [r for r in chat.replies if r["id"] == content["id"]]
    return reply


def test_the_chat_asks_with_buttons_and_a_button_answers(widget: ImageChat) -> None:
    ask(widget, {"id": "r1", "kind": "send", "prompt": "a cat and a rabbit on a lawn"})
    reply = ask(widget, {"id": "r2", "kind": "send", "prompt": "three rabbits on a lawn"})
    assert (reply["ok"], reply["kind"]) == (False, "question")
    question = widget._messages[-1]
    assert question["role"] == "question"
    assert [a["label"] for a in question["actions"]] == ["Change this picture", "New picture"]
    assert [a["request"] for a in question["actions"]] == [
        {"kind": "answer", "choice": "edit"},
        {"kind": "answer", "choice": "new"},
    ]
    answered = ask(widget, {"id": "r3", "kind": "answer", "choice": "edit"})
    assert answered["ok"], answered
    assert things(widget.history[-1].scene) == ["1 x cat", "3 x rabbit"]
    assert not any("actions" in m for m in widget._messages), "the buttons are gone"
    assert [m["text"] for m in widget._messages if m["role"] == "user"][-1] == (
        "Change this picture"
    )
    again = ask(widget, {"id": "r4", "kind": "answer", "choice": "new"})
    assert (again["ok"], again["kind"]) == (False, "input")


def test_a_new_picture_offers_undo(widget: ImageChat) -> None:
    ask(widget, {"id": "r1", "kind": "send", "prompt": "three red apples"})
    assert "actions" not in widget._messages[-1], "the first picture replaces nothing"
    ask(widget, {"id": "r2", "kind": "send", "prompt": "a giraffe next to a tree"})
    offer = widget._messages[-1]
    assert offer["actions"] == [
        {"label": "Back to the picture before", "request": {"kind": "send", "prompt": "undo"}}
    ]
    ask(widget, {"id": "r3", "kind": "send", "prompt": "undo"})
    assert widget.history.head.id == "t1"
    assert not any("actions" in m for m in widget._messages)


def test_answer_requests_are_checked(widget: ImageChat) -> None:
    bad = ask(widget, {"id": "r1", "kind": "answer", "choice": "maybe"})
    assert (bad["ok"], bad["kind"]) == (False, "input")
    assert "'edit' or 'new'" in bad["error"]
    extra = ask(widget, {"id": "r2", "kind": "answer", "choice": "new", "prompt": "x"})
    assert extra["ok"] is False


def test_plan_first_asks_and_the_answer_plans(widget: ImageChat) -> None:
    widget.send("a cat and a rabbit on a lawn")
    widget.plan_first = True
    reply = ask(widget, {"id": "r1", "kind": "send", "prompt": "three rabbits on a lawn"})
    assert reply["kind"] == "question"
    answered = ask(widget, {"id": "r2", "kind": "answer", "choice": "edit"})
    assert answered["ok"]
    assert len(widget.history) == 1, "planned, not drawn"
    assert widget._plan["summary"].startswith("1 x cat, 3 x rabbit")


@pytest.mark.parametrize(
    ("said", "back"),
    [
        ("can you undo that", "t1"),
        ("ok, undo please", "t1"),
        ("could you go back to the picture with the red bowl please?", "t1"),
        ("undo that, thanks", "t1"),
    ],
)
def test_commands_said_politely(chat: Conversation, said: str, back: str) -> None:
    chat.send("a red bowl on a table")
    chat.send("make the bowl blue")
    turn = chat.send(said)
    assert turn.id == back
    assert len(chat.history) == 2  # nothing drawn, no thing called 'undo'
