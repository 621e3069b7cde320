"""The JSON object in a language model's answer: found, and closed where it was cut off.

A model asked for a scene graph answers with text that is usually JSON, sometimes wrapped
in prose or a code fence, sometimes after a reasoning model's thoughts (``<think>...``) or
another object, sometimes cut off at its token limit. :func:`extract_json` finds the object
(:mod:`.schema` then repairs its fields).
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["extract_json"]

_THINKING = re.compile(r"<think(?:ing)?>.*?(?:</think(?:ing)?>|$)", re.DOTALL | re.IGNORECASE)
"""A reasoning model's thoughts before its answer (DeepSeek-R1, Qwen3 on Ollama or vLLM)."""
_SCENE_KEYS = frozenset({"entities", "relations"})
_MAX_CANDIDATES = 64
_FENCE = re.compile(r"```(?:json)?\s*(.*?)(?:```|$)", re.DOTALL)


def extract_json(text: str) -> tuple[Any, bool]:
    """Return the first JSON object in ``text`` and whether it had to be closed.

    Handles prose around the object, code fences, a reasoning model's ``<think>`` block,
    other objects before the scene graph (the first object with ``entities`` and
    ``relations`` is taken) and an answer cut off mid-way (open strings, arrays and objects
    are closed; a dangling key or comma is dropped).

    Raises
    ------
    ValueError
        When no JSON object can be read.
    """
    text = _THINKING.sub("", text)
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1)
    start = text.find("{")
    if start < 0:
        raise ValueError("the answer holds no JSON object")
    decoder = json.JSONDecoder()
    found = _scene_object(text, start, decoder)
    if found is not None:
        return found, False
    body = text[start:]
    try:
        return decoder.raw_decode(body)[0], False
    except json.JSONDecodeError:
        pass
    closed = _close(body)
    try:
        return json.loads(closed), True
    except json.JSONDecodeError as exc:
        raise ValueError(f"the answer is not valid JSON ({exc.msg})") from None


def _scene_object(text: str, start: int, decoder: json.JSONDecoder) -> dict[str, Any] | None:
    """The first whole JSON object in ``text`` from ``start`` that is shaped like a scene
    graph (a model's notes or another object may come first); None when there is none."""
    pos = start
    for _ in range(_MAX_CANDIDATES):
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            end = pos + 1
        else:
            if isinstance(value, dict) and value.keys() >= _SCENE_KEYS:
                return value
        pos = text.find("{", end)
        if pos < 0:
            return None
    return None


def _close(body: str) -> str:
    """Close the strings, arrays and objects left open in a cut-off JSON text."""
    stack: list[str] = []
    in_str = esc = False
    cut = len(body)
    for i, ch in enumerate(body):
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]":
            if not stack:
                cut = i
                break
            stack.pop()
            if not stack:
                cut = i + 1
                break
    text = body[:cut]
    if in_str:
        text += '"'
    text = re.sub(r',\s*$|,?\s*"[^"]*"\s*:\s*$|:\s*$', "", text.rstrip())
    text = re.sub(r",\s*$", "", text)
    return text + "".join(reversed(stack))
