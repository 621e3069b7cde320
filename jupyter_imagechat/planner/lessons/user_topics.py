"""Your own lesson topics: recipes kept in a file of your own, read with the built-in ones.

A picture a teacher likes (say "the nitrogen cycle", which the built-in knowledge base
lacks, as a language model planned it) can be kept as a topic recipe and drawn again
offline by the rules planner (:func:`.saved_topics.save_topic` writes it). The recipes
have the shape of the built-in ones (``data/topics/*.json``, see :mod:`.topics`) and live
in one JSON file::

    {"about": "...", "version": 1, "topics": [{"id": "nitrogen cycle", "names": [...],
     "things": [...], "labels": [...], "arrows": [...], "arrangement": ...}]}

The file is ``$JUPYTER_IMAGECHAT_TOPICS`` when set, else ``imagechat/topics.json`` in
Jupyter's data folder for your user (``jupyter --data-dir``). It is data, never code: it is
read as JSON, each recipe is checked field by field (:func:`check_recipe`), and a recipe
that fails is left out with a warning in the log; a file that cannot be read leaves the
built-in topics as they are.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from ...scene import (
    ARRANGEMENTS,
    MAX_COUNT,
    MAX_ENTITIES,
    MAX_TEXT_CHARS,
    PREDICATES,
    SIGNS,
    SceneError,
)
from ...scene.diagram import MAX_DIAGRAM_ITEMS
from ...scene.text import invalid_text
from ...scene.vocabulary import NAME_PATTERN

__all__ = [
    "ENV_FILE",
    "USER_AREA",
    "check_recipe",
    "refusals",
    "refusals_not_told",
    "topics_file",
    "user_recipes",
    "write_recipe",
]

log = logging.getLogger(__name__)

ENV_FILE = "JUPYTER_IMAGECHAT_TOPICS"
"""Environment variable naming the topics file (else Jupyter's data folder is used)."""
USER_AREA = "your topics"
"""The area your topics are listed under (the built-in ones are "life science", ...)."""
MAX_FILE_BYTES = 2_000_000
MAX_TOPICS = 500
MAX_NAMES = 20
_KEYS = frozenset({"id", "names", "things", "labels", "arrows", "panels", "arrangement",
                   "cycle", "labelled", "background", "style", "caveat", "kind",
                   "subject", "relations"})  # fmt: skip
_THING_KEYS = frozenset({"id", "noun", "count", "attributes", "label"})


def topics_file() -> Path:
    """The file your topics are kept in (see the module docstring)."""
    given = os.environ.get(ENV_FILE)
    if given:
        return Path(given).expanduser()
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "imagechat" / "topics.json"


def user_recipes(path: Path | None = None) -> list[dict[str, Any]]:
    """Your recipes that pass :func:`check_recipe`, in the file's order; ``[]`` when there
    is no file or it cannot be read (never raises: the built-in topics still work)."""
    path = topics_file() if path is None else path
    _REFUSED.clear()
    _READ[:] = [path]
    try:
        data = _read(path)
    except FileNotFoundError:
        return []
    except (OSError, ValueError, RecursionError) as exc:  # RecursionError: nested too deep
        _refuse(f"your topics file {path} was not read ({exc}); the built-in topics are used")
        return []
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for k, recipe in enumerate(data.get("topics", [])[:MAX_TOPICS]):
        try:
            clean = check_recipe(recipe)
        except SceneError as exc:
            _refuse(f"topic {k + 1} of your topics file {path} was left out: {exc}")
            continue
        if clean["id"] not in seen:
            seen.add(clean["id"])
            out.append(clean)
    return out


def refusals_not_told(told: set[str]) -> list[str]:
    """What :func:`refusals` holds that is not in ``told`` yet, added to ``told``: a planner
    keeps ``told`` so that the chat says each refusal once."""
    unsaid = [why for why in refusals() if why not in told]
    told.update(unsaid)
    return unsaid


def refusals() -> list[str]:
    """What the last read of your topics file left out, and why, one sentence each (``[]``
    when all of it was read): for the chat to say, since a log line is not seen there.
    Only for the file :func:`topics_file` names now."""
    return list(_REFUSED) if [topics_file()] == _READ else []


def _refuse(why: str) -> None:
    log.warning("%s", why)
    _REFUSED.append(why)


_REFUSED: list[str] = []
_READ: list[Path] = []  # the file last read


def write_recipe(recipe: dict[str, Any], path: Path | None = None) -> Path:
    """Add ``recipe`` to the topics file (replacing a recipe with the same id) and return
    the file's path. The file is written whole to a temporary file and moved into place.

    Raises
    ------
    SceneError
        A recipe :func:`check_recipe` refuses, or a file already holding the most topics.
    OSError
        The file cannot be written.
    """
    clean = check_recipe(recipe)
    path = topics_file() if path is None else path
    try:
        data = _read(path)
    except FileNotFoundError:
        data = {}
    except (ValueError, RecursionError):
        raise SceneError(f"{path} is not a topics file; move it away to start a new one") from None
    same = clean["id"]
    kept = [r for r in data.get("topics", []) if not (isinstance(r, dict) and r.get("id") == same)]
    if len(kept) >= MAX_TOPICS:
        raise SceneError(f"{path} holds {MAX_TOPICS} topics already; remove some first")
    data = {
        "about": "Lesson topics of your own for jupyter-imagechat (recipes as in its "
        "planner/data/topics/*.json), read with the built-in topics.",
        "version": 1,
        "topics": [*kept, clean],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".topics-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _read(path: Path) -> dict[str, Any]:
    if path.exists() and not path.is_file():  # a pipe never answers, /dev/zero never ends
        raise ValueError("it is not a regular file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"it is larger than {MAX_FILE_BYTES:,} bytes")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("topics", []), list):
        raise ValueError("it is not a JSON object with a list of 'topics'")
    return data


def check_recipe(recipe: Any) -> dict[str, Any]:
    """Return a checked copy of one topic recipe; raise :class:`SceneError` naming what is
    wrong. Unknown keys are left out; every reference (a label's or arrow's thing, a
    panel's title, an arrangement's member) must name a thing or panel of the recipe."""
    if not isinstance(recipe, dict):
        raise SceneError(f"a topic recipe must be a JSON object, got {type(recipe).__name__}")
    out = {k: v for k, v in recipe.items() if k in _KEYS}
    out["id"] = _name(out.get("id"), "the topic's id")
    out["names"] = [_phrase(n) for n in _list(out, "names", MAX_NAMES)]
    things: dict[str, int] = {}
    titles: set[str] = set()
    for panel in _list(out, "panels", MAX_DIAGRAM_ITEMS):
        if not isinstance(panel, dict):
            raise SceneError("each panel must be an object with a title and things")
        titles.add(_text(panel.get("title"), "a panel's title"))
        _optional_text(panel.get("background"), "a panel's background")
        for spec in _list(panel, "things", MAX_ENTITIES):
            _thing(spec, things)
    for spec in _list(out, "things", MAX_ENTITIES):
        _thing(spec, things)
    if not things or len(things) > MAX_ENTITIES:
        raise SceneError(f"a topic draws 1 to {MAX_ENTITIES} things, got {len(things)}")
    for item in _list(out, "labels", MAX_DIAGRAM_ITEMS):
        if not (isinstance(item, list) and len(item) == 4 and item[0] in things):
            raise SceneError(f"a label must be [thing, text, x, y], got {str(item)[:60]}")
        _text(item[1], "a label's text")
        if not all(_number(v) and 0 <= v <= 1 for v in item[2:]):
            raise SceneError(f"a label's point must be within 0..1, got {item[2:]}")
    ends = set(things) | titles
    for item in _list(out, "arrows", MAX_DIAGRAM_ITEMS):
        if not (isinstance(item, list) and len(item) in (2, 3) and set(item[:2]) <= ends):
            raise SceneError(f"an arrow must be [from, to, label] of things, got {str(item)[:60]}")
        if item[0] == item[1]:
            raise SceneError(f"an arrow must join two things, got {item[0]!r} twice")
        if len(item) == 3 and item[2] is not None:
            _text(item[2], "an arrow's label")
    for item in _list(out, "relations", MAX_DIAGRAM_ITEMS):
        if not (isinstance(item, list) and len(item) == 3 and {item[0], item[2]} <= set(things)):
            raise SceneError(f"a relation must be [thing, predicate, thing], got {str(item)[:60]}")
        if item[1] not in PREDICATES or item[0] == item[2]:
            raise SceneError(f"a relation joins two things with one of {', '.join(PREDICATES)}")
    if "arrangement" in out:
        _arrangement(out["arrangement"], ends)
    for key in ("cycle", "labelled"):
        if key in out and not isinstance(out[key], bool):
            raise SceneError(f"{key!r} must be true or false")
    for key in ("background", "style", "caveat"):
        _optional_text(out.get(key), f"the topic's {key}")
    return json.loads(json.dumps(out))  # a plain copy, nothing shared with the caller


def _list(data: dict[str, Any], key: str, limit: int) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list) or len(value) > limit:
        raise SceneError(f"{key!r} must be a list of at most {limit}")
    return value


def _name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not NAME_PATTERN.match(value):
        raise SceneError(f"{what} must be lowercase words, got {str(value)[:60]!r}")
    return value


def _phrase(value: Any) -> str:
    """A name of the topic: lowercase words, or ``=words`` (matched only as all a prompt says)."""
    _name(value[1:] if isinstance(value, str) and value.startswith("=") else value, "a name")
    return str(value)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT_CHARS:
        raise SceneError(f"{what} must be text of at most {MAX_TEXT_CHARS} characters")
    if invalid_text(value):
        raise SceneError(f"{what} {invalid_text(value)}")
    return value


def _optional_text(value: Any, what: str) -> None:
    if value is not None:
        _text(value, what)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _thing(spec: Any, things: dict[str, int]) -> None:
    if isinstance(spec, str):
        spec = {"id": spec, "noun": spec}
    if not isinstance(spec, dict) or set(spec) - _THING_KEYS:
        raise SceneError(f"a thing must be a noun or an object with {sorted(_THING_KEYS)}")
    key = _text(spec.get("id"), "a thing's id")
    if key in things:
        raise SceneError(f"the thing {key!r} is listed twice")
    _name(spec.get("noun"), "a thing's noun")
    count = spec.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise SceneError(f"a thing's count must be 1 to {MAX_COUNT}, got {count!r}")
    attrs = spec.get("attributes", {})
    if not isinstance(attrs, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_TEXT_CHARS
        for k, v in attrs.items()
    ):
        raise SceneError(f"the attributes of {key!r} must map words to words")
    _optional_text(spec.get("label"), f"the label of {key!r}")
    things[key] = count


def _arrangement(spec: Any, ends: set[str]) -> None:
    if isinstance(spec, str):
        spec = {"kind": spec}
    if not isinstance(spec, dict) or spec.get("kind") not in ARRANGEMENTS:
        raise SceneError(f"an arrangement's kind must be one of {', '.join(ARRANGEMENTS)}")
    members = spec.get("members")
    if members is not None and (
        not isinstance(members, list) or not members or not set(members) <= ends
    ):
        raise SceneError("an arrangement's members must name things or panels of the topic")
    rows = spec.get("rows")
    if rows is not None and (
        isinstance(rows, bool) or not isinstance(rows, int) or not 1 <= rows <= MAX_COUNT
    ):
        raise SceneError(f"an arrangement's rows must be a whole number, got {rows!r}")
    signs = spec.get("signs", [])
    if not isinstance(signs, list) or any(s not in SIGNS for s in signs):
        raise SceneError(f"an arrangement's signs must be from {' '.join(SIGNS)}")
    if signs and (members is None or len(signs) != len(members) - 1):
        raise SceneError("an arrangement takes one sign fewer than its members")
