"""Names and structures from outside, checked whole: a name that ends in a new line is not a
name (``$`` in a pattern lets ``'t3\\n'`` through, ``\\Z`` does not), a notebook cell that
lost its turn's data is named instead of the turn vanishing, and the browser's hostile plans
and state updates are refused with the project's error, never a Python one."""

from __future__ import annotations

import copy
import json
import re

import pytest
from test_hardening_protocol import errors, recording
from test_widget import request

from jupyter_imagechat import ImageChat, SceneGraph
from jupyter_imagechat.errors import InputError
from jupyter_imagechat.scene import SceneError
from jupyter_imagechat.session import SessionStore
from jupyter_imagechat.widget import protocol

SIZE = 96
LINK = {"subject": "e1", "predicate": "on", "object": "e1"}


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    """A notebook of two turns, as JSON."""
    root = tmp_path_factory.mktemp("names")
    chat = ImageChat(size=SIZE, autosave=False)
    chat.send("a red apple")
    chat.send("make it green")
    path = chat.history.to_notebook(root / "two.ipynb")
    chat.close()
    return json.loads(path.read_text())


def load(tmp_path, nb) -> ImageChat:
    path = tmp_path / "tampered.ipynb"
    path.write_text(json.dumps(nb))
    return ImageChat.from_notebook(path, autosave=False)


# -- a trailing new line is not part of a name -----------------------------------------------
@pytest.mark.parametrize("key", ["id", "parent"])
def test_a_turn_id_ending_in_a_new_line_is_refused_in_a_notebook(notebook, tmp_path, key):
    nb = copy.deepcopy(notebook)
    record = nb["cells"][2]["metadata"]["jupyter_imagechat"]["record"]
    record[key] = record[key] + "\n"
    with pytest.raises(InputError, match=f"'{key}' must be a turn id"):
        load(tmp_path, nb)


def test_a_session_name_ending_in_a_new_line_is_refused(tmp_path):
    with pytest.raises(InputError, match="a session name is"):
        SessionStore("lesson\n", root=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_settings_name_ending_in_a_new_line_is_refused(tmp_path):
    chat = ImageChat(size=SIZE, autosave=False)
    with pytest.raises(InputError, match="Python identifiers"):
        chat.send("a cat", settings={"width\n": SIZE})
    assert len(chat.history) == 0


@pytest.mark.parametrize("field", ["id", "name"])
def test_an_entity_id_or_name_ending_in_a_new_line_is_refused(field):
    data = {"entities": [{"id": "e1", "name": "cat", "count": 1, "attributes": {}}]}
    data["entities"][0][field] += "\n"
    with pytest.raises(SceneError, match=f"entity {field}"):
        SceneGraph.from_dict(data)


def test_a_request_id_or_turn_ending_in_a_new_line_is_refused():
    assert protocol.request_id({"id": "r1\n", "kind": "cancel"}) is None
    with pytest.raises(InputError, match="'turn' must be a turn id"):
        protocol.parse_request({"id": "r1", "kind": "checkout", "turn": "t1\n"}, [],
                               image_size=None)  # fmt: skip


# -- a notebook cell that lost its turn's data ------------------------------------------------
@pytest.mark.parametrize(
    "tamper",
    [
        lambda nb: nb["cells"].__setitem__(2, "a cell that is text"),
        lambda nb: nb["cells"][2].__setitem__("metadata", ["x"]),
        lambda nb: nb["cells"][2]["metadata"].__setitem__("jupyter_imagechat", ["x"]),
        lambda nb: nb["cells"][2]["metadata"]["jupyter_imagechat"].pop("record"),
        lambda nb: nb["cells"][2].__setitem__("metadata", {}),  # stripped by a tool
        lambda nb: [cell.pop("metadata", None) for cell in nb["cells"]],  # every turn's
    ],
    ids=["cell-text", "metadata-list", "data-list", "no-record", "stripped", "all-stripped"],
)
def test_a_turn_cell_that_lost_its_data_is_named_not_dropped(notebook, tmp_path, tamper):
    nb = copy.deepcopy(notebook)
    tamper(nb)
    with pytest.raises(InputError, match=r"^cell \d"):
        load(tmp_path, nb)


def test_cells_added_by_hand_are_still_read_past(notebook, tmp_path):
    nb = copy.deepcopy(notebook)
    nb["cells"].insert(2, {"cell_type": "markdown", "metadata": {}, "source": "my notes"})
    nb["cells"].insert(3, {"cell_type": "code", "source": "1 + 1", "outputs": []})
    assert [t.id for t in load(tmp_path, nb).history] == ["t1", "t2"]


# -- the browser's plans and state updates ----------------------------------------------------
@pytest.fixture
def chat(monkeypatch):
    widget = recording(monkeypatch, size=SIZE, autosave=False)
    yield widget
    widget.close()


@pytest.mark.parametrize(
    ("tamper", "said"),
    [
        (lambda p: p.update(layout=None), None),  # no boxes: laid out afresh
        (lambda p: p.update(relations=None), None),
        (lambda p: p.update(realtions=[]), "the plan has field"),
        (lambda p: p["entities"][0].update(colour="red"), r"entities\[0\] has field"),
        (lambda p: p["layout"][0].update(z=3), r"layout\[0\] has field"),
        (lambda p: p.update(relations=[dict(LINK, why=1)]), r"relations\[0\] has field"),
    ],
)
def test_a_plan_from_the_browser_is_read_whole_or_refused_naming_the_field(chat, tamper, said):
    chat.plan_first = True
    request(chat, {"id": "p", "kind": "send", "prompt": "two cats"})
    waiting = copy.deepcopy(chat._plan)
    plan = copy.deepcopy(waiting["scene"])
    tamper(plan)
    reply = request(chat, {"id": "g", "kind": "generate", "plan": plan})
    if said is None:
        assert reply["ok"], reply
        assert len(chat.history) == 1
        return
    assert not reply["ok"]
    assert reply["kind"] == "input"
    assert reply["error"].startswith("the plan is not valid: ")
    assert re.search(said, reply["error"])
    assert errors(chat) == [reply["error"]]
    assert len(chat.history) == 0
    assert chat._plan == waiting


@pytest.mark.parametrize("value", ["yes", 1, None, [True], {"a": 1}])
def test_a_browser_update_of_the_wrong_type_is_dropped_not_raised(chat, value):
    chat.set_state({"plan_first": value})  # ipywidgets would raise TraitError in the handler
    assert chat.plan_first is False
    chat.set_state({"plan_first": True})
    assert chat.plan_first is True


def test_a_servers_error_with_half_an_emoji_can_be_shown():
    from jupyter_client.session import json_packer

    from jupyter_imagechat.openai_api.faults import server_reason

    said = server_reason({"error": {"message": "bad prompt \ud83c\x1b[2J"}})
    assert said == "bad prompt ? [2J"  # the half emoji replaced, the escape sequence broken
    json_packer({"evalue": said})  # the kernel sends a traceback's text this way


# -- numbers from numpy are numbers ---------------------------------------------------------
def test_numpy_whole_numbers_are_taken_as_seeds_sizes_and_settings():
    """``seed=rng.integers(100)`` and ``settings={"width": side}`` with numpy numbers were
    refused ("seed must be an integer ..., got np.int64(7)"); True stays refused."""
    import numpy as np

    chat = ImageChat(size=np.int64(SIZE), autosave=False)
    settings = {"width": np.int64(128), "strength": np.float32(0.5)}
    turn = chat.send("a red apple", seed=np.uint32(7), settings=settings)
    assert (turn.seed, chat.image.size) == (7, (128, SIZE))
    assert type(turn.seed) is int
    assert turn.settings["strength"] == 0.5
    assert "seed=7" in chat.history.to_code()
    for bad in (True, np.bool_(True), 1.0, -1, 2**32):
        with pytest.raises(InputError, match="seed must be"):
            chat.send("a blue bowl", seed=bad)
    with pytest.raises(InputError, match="size must be"):
        ImageChat(size=True, autosave=False)
    chat.close()


@pytest.mark.parametrize("name", ["x;import os", "class", "chat\ud83c", 5, None])
def test_a_bad_name_for_exported_code_is_the_projects_error(tmp_path, name):
    chat = ImageChat(size=SIZE, autosave=False)
    chat.send("a red apple")
    with pytest.raises(InputError, match="name must be a Python identifier"):
        chat.history.to_code(name=name)
    with pytest.raises(InputError, match="name must be a Python identifier"):
        chat.history.to_notebook(tmp_path / "n.ipynb", name=name)
    assert not (tmp_path / "n.ipynb").exists()
    chat.close()
