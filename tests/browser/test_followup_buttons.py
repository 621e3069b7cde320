"""The question "change this picture or a new one?" in a real JupyterLab: the chat shows it
with two buttons, a click answers it, and a new picture offers to go back to the one before.

Fixtures: ``conftest.py`` (one Jupyter server and one chromium per run).
"""

from __future__ import annotations

import pytest

from .conftest import wait_for

pytestmark = pytest.mark.browser

BUTTONS = """() => Array.from(document.querySelectorAll('[data-testid="message-action"]'),
  (b) => ({label: b.textContent, disabled: b.disabled,
           role: b.closest('.ic-msg')?.dataset.role}))"""


def type_prompt(s, prompt: str) -> None:
    box = s.page.get_by_test_id("chat-input").first
    box.click()
    box.fill(prompt)
    box.press("Enter")


def test_the_question_buttons_answer_and_undo_is_offered(session, tmp_path):
    s = session
    page = s.page
    s.open(["chat"])
    s.send("a cat and a rabbit on a lawn")

    # A description that shares the rabbit: the chat asks, nothing is drawn.
    type_prompt(s, "three rabbits on a lawn")
    s.wait_py("chat.conversation.question is not None")
    buttons = wait_for(lambda: page.evaluate(BUTTONS), 10, "the question's buttons")
    assert [(b["label"], b["role"]) for b in buttons] == [
        ("Change this picture", "question"),
        ("New picture", "question"),
    ]
    assert s.py_json("len(chat.history)") == 1
    page.screenshot(path=str(tmp_path / "question.png"))

    # "Change this picture": the rabbits become three, the cat stays; the buttons go.
    page.get_by_role("button", name="Change this picture").click()
    s.wait_py("len(chat.history) == 2")
    assert s.py_json("chat.history[-1].summary()").startswith("1 x cat, 3 x rabbit")
    wait_for(lambda: not page.evaluate(BUTTONS), 10, "the buttons to go")

    # A description sharing nothing: a new picture, with "Undo" under it.
    type_prompt(s, "a giraffe next to a tree")
    s.wait_py("len(chat.history) == 3")
    undo = wait_for(lambda: page.evaluate(BUTTONS), 10, "the undo button")
    assert [b["label"] for b in undo] == ["Back to the picture before"]
    page.get_by_role("button", name="Back to the picture before").click()
    s.wait_py("chat.history.head.id == 't2'")
    wait_for(lambda: not page.evaluate(BUTTONS), 10, "the undo button to go")
