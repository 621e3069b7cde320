"""Exported code runs nothing a record says: hostile records (from a notebook or an autosave
folder anyone can edit, or turns built by hand) export as calls of the chat with plain
values, or are refused; never as code of their own.

A property test builds records with hostile text in every field code is made from, exports
them the three ways users get code (``history.to_code()``, the widget's Code button,
``to_notebook`` cells), reads every statement of the code with ``ast`` against the shapes
exported code may have, and runs it against a stand-in ``ImageChat`` with a trap for any
other import.
"""

from __future__ import annotations

import ast
import builtins
import copy
import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_widget import Recorder, request

from jupyter_imagechat import ImageChat
from jupyter_imagechat.errors import ImageChatError
from jupyter_imagechat.session import History, Turn
from jupyter_imagechat.session.code import history_to_code, literal, turn_cells

SIZE = 64
PAYLOADS = [
    "\nimport os; os.system('touch /tmp/pwned')\n",
    "img2img\n__import__('builtins').PWNED = 1",
    "x'); __import__('builtins').PWNED = 1; ('",
    'x"""; __import__("builtins").PWNED = 1; """',
    "\\'); __import__('builtins').PWNED = 1 #",
    "t1\rimport os",
    "left=1); __import__('builtins').PWNED = 1; chat.outpaint(right",
    "a\u2028b\x0c\x0bc\x00",
    "__import__('builtins').PWNED",
    "{}.__class__",
]
hostile_text = st.sampled_from(PAYLOADS) | st.text(max_size=40)
hostile_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
FIELDS = ("mode", "prompt", "id", "parent", "engine", "model", "seed", "settings", "metadata")

CALLS = {"send", "generate", "outpaint", "load", "checkout"}
IMPORTS = {
    ("jupyter_imagechat", "ImageChat"),
    ("jupyter_imagechat", "SceneGraph"),
    ("jupyter_imagechat.replay", "mask_from_text"),
}


@pytest.fixture(scope="module")
def export_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("export")


@pytest.fixture(scope="module")
def records():
    """The records of a session with every kind of turn, and their pictures."""
    chat = ImageChat(size=SIZE, autosave=False)
    chat.send("three red apples left of a blue bowl", settings={"steps": 2})
    mask = np.zeros((SIZE, SIZE), bool)
    mask[5:30, 5:30] = True
    chat.send("a cat", mask=mask)
    chat.generate(chat.plan("make the bowl green"))
    chat.outpaint(right=16, prompt="a tree")
    chat.load(chat.history[0].image)
    chat.checkout("t2")
    chat.send("make the cat black")
    made = [(t.to_record(), t.image, t.mask) for t in chat.history]
    chat.close()
    return made


def plain(node: ast.AST) -> bool:
    """An expression that only builds plain data (or reads a mask or a plan from text)."""
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func)
        if name in ("mask_from_text", "SceneGraph.from_json", "float") and not node.keywords:
            return len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
        return False
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        if isinstance(node, (ast.List, ast.Tuple)):
            return all(plain(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return all(k is not None and plain(k) for k in node.keys) and all(
                plain(v) for v in node.values
            )
        return False
    return True


def check_shape(code: str) -> None:
    """Every statement is one exported code may have."""
    for stmt in ast.parse(code).body:
        if isinstance(stmt, ast.ImportFrom):
            assert {(stmt.module, a.name) for a in stmt.names} <= IMPORTS, ast.unparse(stmt)
        elif isinstance(stmt, ast.Assign):
            (target,) = stmt.targets
            text = ast.unparse(target)
            assert text in ("chat", "chat.mask"), ast.unparse(stmt)
            call = stmt.value
            assert isinstance(call, ast.Call), ast.unparse(stmt)
            if text == "chat":
                assert ast.unparse(call.func) == "ImageChat"
                assert not call.args
                assert all(plain(k.value) for k in call.keywords), ast.unparse(stmt)
            else:
                assert plain(call), ast.unparse(stmt)
        elif isinstance(stmt, ast.Expr):
            value = stmt.value
            if ast.unparse(value) == "chat.image":
                continue
            assert isinstance(value, ast.Call), ast.unparse(stmt)
            func = value.func
            assert isinstance(func, ast.Attribute)
            assert ast.unparse(func.value) == "chat"
            assert func.attr in CALLS, ast.unparse(stmt)
            assert all(plain(a) for a in value.args), ast.unparse(stmt)
            assert all(k.arg and plain(k.value) for k in value.keywords), ast.unparse(stmt)
        else:
            raise AssertionError(f"not a statement exported code has: {ast.unparse(stmt)}")


def run(code: str) -> list[str]:
    """Run ``code`` against a stand-in ImageChat; return the calls made. Any import but
    the three exported code makes, and any attribute set on builtins, fails."""
    calls: list[str] = []

    class Chat:
        def __init__(self, **kwargs):
            calls.append("ImageChat")

        def __getattr__(self, name):
            if name not in CALLS | {"image"}:
                raise AssertionError(f"exported code used chat.{name}")
            return lambda *a, **k: calls.append(name)

    modules = {
        "jupyter_imagechat": SimpleNamespace(
            ImageChat=Chat, SceneGraph=SimpleNamespace(from_json=lambda text: text)
        ),
        "jupyter_imagechat.replay": SimpleNamespace(mask_from_text=lambda text: text),
    }

    def trap(name, *args, **kwargs):
        if name not in modules:
            raise AssertionError(f"exported code imports {name}")
        return modules[name]

    before = set(vars(builtins))
    exec(compile(code, "<export>", "exec"), {"__builtins__": {"__import__": trap, "float": float}})
    assert set(vars(builtins)) == before
    return calls


def exports(turns: list[Turn], folder: Path) -> list[str]:
    """The code users get for these turns: the script, each turn's Code button and the
    notebook's cells (run one after the other)."""
    history = History()
    history.restore(turns)
    found = [history_to_code(turns)]
    found += [history.to_code(t.id) for t in turns]
    found.append("\n".join(turn_cells(turns)))
    nb = json.loads(history.to_notebook(folder / "export.ipynb").read_text())
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    found.append("\n".join(cells))
    return found


def test_hostile_records_export_as_plain_calls_or_are_refused(records, export_folder):
    exported: list[int] = []

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        changes=st.lists(
            st.tuples(st.integers(0, 5), st.sampled_from(FIELDS), hostile_value), max_size=4
        ),
        outpaint_side=st.none() | hostile_text,
    )
    def hostile(changes, outpaint_side):
        changed = [copy.deepcopy(r) for r, _, _ in records]
        if outpaint_side is not None:  # a margin named by a record
            changed[3]["settings"]["outpaint"][outpaint_side] = 8
        for index, field, value in changes:
            changed[index][field] = value
            if field == "metadata" and isinstance(value, dict):
                value.setdefault("source", "plan")  # exported as generate of the plan
        turns = []
        for record, (_, image, mask) in zip(changed, records, strict=True):
            try:
                record = json.loads(json.dumps(record))
            except (ValueError, TypeError, OverflowError):
                continue  # JSON cannot hold it: no file can carry it
            try:
                turns.append(Turn.from_record(record, image, mask))
            except ImageChatError:
                continue  # refused with the project's error (never a raw one)
        try:
            codes = exports(turns, export_folder)
        except ImageChatError:
            return  # refused (a margin not allowed...)
        for code in codes:
            check_shape(code)
            assert "PWNED" not in str(run(code))
        exported.append(len(turns))

    hostile()
    assert len(exported) >= 75  # most hostile sessions export (what cannot be is refused)


class Sneaky(str):
    def __repr__(self) -> str:
        return "__import__('builtins').__setattr__('PWNED', 1)"


class Loud:
    def __repr__(self) -> str:
        return "__import__('builtins').__setattr__('PWNED', 1)"


def test_turns_built_by_hand_with_hostile_values_export_plainly_or_are_refused(records):
    record, image, mask = records[0]
    turn = Turn.from_record(record, image, mask)
    for sneaky in (
        replace(turn, prompt=Sneaky("a dog")),
        replace(turn, settings={"steps": Sneaky("4")}),
        replace(turn, settings={"x\nimport os": 1, "y": [Sneaky("z")]}),
        replace(turn, engine=Sneaky("diffusers"), model=Sneaky("m")),
    ):
        code = history_to_code([sneaky])
        check_shape(code)
        run(code)
    for refused in (replace(turn, settings={"steps": Loud()}), replace(turn, seed=Sneaky("1"))):
        with pytest.raises(ImageChatError, match="cannot be written as code"):
            history_to_code([refused])
    with pytest.raises(ImageChatError, match="mode must be one of"):
        replace(turn, mode="img2img\nimport os")


def test_literal_writes_plain_data_only():
    assert literal({"a": [1, 2.5, None, True, ("x",)]}) == "{'a': [1, 2.5, None, True, ('x',)]}"
    assert eval(literal(float("nan")), {"float": float}) != 0  # nan is written as float('nan')
    assert literal(np.float32(0.5)) == "0.5"
    assert literal(Sneaky("a")) == "'a'"
    for bad in (Loud(), {1: 2}, object(), b"bytes"):
        with pytest.raises(ValueError, match="code"):
            literal(bad)


def test_the_code_button_never_sends_code_of_a_record(monkeypatch, records):
    chat = ImageChat(size=SIZE, autosave=False)
    monkeypatch.setattr(chat.comm, "publish_msg", Recorder())
    chat.recorder = chat.comm.publish_msg
    chat.send("a dog", settings={"note": PAYLOADS[0]})
    reply = request(chat, {"id": "c1", "kind": "turn_code", "turn": "t1"})
    check_shape(reply["result"]["code"])
    run(reply["result"]["code"])
    chat.close()
