"""Edits of the words in the picture: what a sign says, labels, captions.

"make the sign say 'SOLD OUT'", "change the sign so it says 'OPEN'", "the shirt should read
'GO'", "write 'HI' on the mug", "change 'SALE' to 'SOLD OUT'", "label the bowl 'fruit'",
"call the dog 'Rex'", "add a caption 'Spring'", "remove the caption", "remove the label".

Quoted words keep their case; unquoted words after "say" or "to" at the end of a clause do
too ("make the sign say OPEN"). Words written on a thing are its ``text`` attribute, a name
beside it its ``label`` (as a new description would give them), words of the whole picture
``scene.texts``. The clauses are read from the prompt as typed (the planner's tokens drop
quotes); :func:`take_text_edits` applies the clauses that are text edits and hands back the
rest of the prompt for the other edits.
"""

from __future__ import annotations

import re

from ...scene import SceneGraph
from .. import lexicon as lx
from ..text import PlanError, tokenize
from .targets import find_target

_QUOTE = re.compile(
    r"\"([^\"\n]{1,200})\"|\u201c([^\u201d\n]{1,200})\u201d|\u2018([^\u2019\n]{1,200})\u2019"
    r"|(?<![A-Za-z0-9])'([^'\n]{1,200})'(?![A-Za-z0-9])"
)
"""A quoted text, as the planner reads quotes (:mod:`..text`)."""
_SLOT = re.compile(r"\u00ab(\d+)\u00bb")
Q = r"\u00ab(?P<q>\d+)\u00bb"
Q2 = r"\u00ab(?P<q2>\d+)\u00bb"
RAW = r"(?P<raw>[^\u00ab\u00bb]{1,60}?)"
SAY = r"(?:says?|reads?|shows?|displays?|spells?(?: out)?|saying|reading)"
KIND = (
    r"(?P<kind>text|words?|writing|wording|message|caption|title|inscription|lettering|"
    r"labels?|slogan|sign text)"
)
THING = r"(?P<thing>[a-z][a-z' -]{0,40}?)"
NAMED = r"(?P<thing>(?:the|this|that|its|their|it|they)(?: [a-z' -]{1,40}?)?)"
"""A thing pointed at ("the sign"), never a description ("a robot with a sign that")."""
LEAD = re.compile(
    r"^(?:(?:please|ok|okay|now|so|and|then|also|just|can you|could you|would you|let's|lets|"
    r"i want you to|i'd like you to)\s+)+",
    re.IGNORECASE,
)
TAIL = re.compile(
    r"(?:\s+(?:instead|please|now|too|again|as well|then|thanks))+\s*$", re.IGNORECASE
)
"""Words at the end of a clause that say nothing about the text ("... 'STOP' instead")."""
SET_PATTERNS = [
    re.compile(p)
    for p in (
        rf"^(?:make|have|let|get) {THING} (?:to )?{SAY} (?:{Q}|{RAW})$",
        rf"^(?:change|edit|update|alter|set|fix|rewrite|modify|redo) {THING} so(?: that)? "
        rf"(?:it|they) {SAY} (?:{Q}|{RAW})$",
        rf"^(?:change|edit|update|alter|set|fix|rewrite|modify) {THING} (?:to|so as to) "
        rf"(?:say|read|show|display) (?:{Q}|{RAW})$",
        rf"^{THING} (?:should|must|needs to|has to|ought to|could|can|will)"
        rf"(?: now| also| instead| rather)? {SAY} (?:{Q}|{RAW})$",
        rf"^(?:can|could|would|will) {NAMED} (?:please )?{SAY} (?:{Q}|{RAW})$",
        rf"^{NAMED} (?:now |should now )?(?:says|reads) (?:{Q}|{RAW})(?: now)?$",
        rf"^(?:i want|i'd like|i would like) {THING} to {SAY} (?:{Q}|{RAW})$",
        rf"^(?:write|put|print|paint|draw|add|stick) (?:the (?:words?|text) )?{Q} "
        rf"(?:on|onto|across|to) {THING}$",
        rf"^(?:write|print|paint) {RAW} (?:on|onto|across) {THING}$",
        rf"^(?:change|set|update|edit|make|replace|switch|alter) (?:the )?{KIND} "
        rf"(?:on|of|in) {THING} (?:to|into|with|so it says|to say) (?:{Q}|{RAW})$",
        rf"^(?:change|set|update|edit|alter) {THING}'s {KIND} (?:to|into|with) (?:{Q}|{RAW})$",
        rf"^(?:change|set|update|edit|make|replace|switch|alter) (?:the |its |their )?{KIND} "
        rf"(?:to|into|with|so it says|to say) (?:{Q}|{RAW})$",
        rf"^(?:the |its )?{KIND} (?:should|must|needs to) (?:say|read|be) (?:{Q}|{RAW})$",
    )
]
"""Clauses that set the words on a thing, or of a kind of text ("change the caption to")."""
REPLACE_PATTERNS = [
    re.compile(rf"^(?:change|replace|swap|switch|turn) {Q} (?:to|with|for|into|by) {Q2}$"),
    re.compile(rf"^{Q2} instead of {Q}$"),
]
"""Clauses that replace one written text by another wherever it is."""
LABEL_PATTERNS = [
    re.compile(p)
    for p in (
        rf"^add (?:a|the) (?:label|tag|name) (?:that says |saying |reading |of )?{Q}"
        rf"(?: (?:to|on|for) {THING})?$",
        rf"^(?:label|tag|mark|title) {THING} (?:as |with )?{Q}$",
        rf"^(?:call|name|rename|re-name|relabel) {THING} (?:to |as )?{Q}$",
        rf"^give {THING} (?:the|a) (?:label|name|tag) {Q}$",
        rf"^add (?:a |the )?(?:label|tag|name) {Q} (?:to|on|for) {THING}$",
        rf"^{THING} should be (?:labell?ed|called|named|tagged) {Q}$",
    )
]
"""Clauses that write a name beside a thing."""
CAPTION_PATTERNS = [
    re.compile(p)
    for p in (
        rf"^(?:add|put|include|write) (?:a |the |some )?(?:caption|title|text|words?|heading) "
        rf"(?:saying |that says |reading )?{Q}(?: (?:at|on|in) the (?:top|bottom|picture))?$",
        rf"^(?:caption|title) (?:it|the picture|the image) {Q}$",
        rf"^(?:caption|title|heading)\s*:?\s*{Q}$",
    )
]
"""Clauses that add words to the whole picture."""
REMOVE = re.compile(
    rf"^(?:remove|delete|erase|drop|clear|hide|get rid of|take away|take off|take out|rub out|"
    rf"no|without|lose) (?:the |all the |its |their |any |every )?{KIND}s?"
    rf"(?: (?:on|from|of|off|under|beside) {THING})?$"
)
"""Clauses that take words out of the picture."""
IT_TO = re.compile(
    rf"^(?:change|set|update|edit|make|turn|switch) (?:it|that|this|them) (?:to|into) "
    rf"(?:{Q}|{RAW})$"
)
"""After words were written on a thing: "change it to 3+3=6" changes the words."""
TAKE_OFF = re.compile(rf"^take (?:the |its |all the )?{KIND} off(?: {THING})?$")
WIPE = re.compile(rf"^(?P<verb>wipe|clean|clear|erase)(?: off)? {THING}(?: clean| off)?$")
BOARDS = ("board", "slate")
"""Things "erase the board" wipes, not removes; "wipe"/"clean"/"clear" any written thing."""
BLANK = re.compile(rf"^(?:make )?{THING} (?:should be |must be |needs to be )?(?:blank|empty)$")
"""Clauses that leave a thing with no words ("the sign should be blank")."""
_SPLIT = re.compile(r"\s*(?:[,;.!]\s*(?:and\s+|then\s+)?|\s+and then\s+|\s+then\s+|\s+and\s+)")
_TEXT_HINT = re.compile(r"\u00ab|\b(?:say|says|read|reads|label|labels|labelled|labeled|caption|"
                        r"write|print|blank|empty|wipe|clean|clear|erase|"
                        r"text|words?|writing|title|call|name|message|lettering|"
                        r"(?:it|that|this|them) (?:to|into))\b")  # fmt: skip


def take_text_edits(text: str, scene: SceneGraph) -> tuple[str, bool]:
    """Apply the clauses of ``text`` that edit words in the picture to ``scene`` (in place).

    Returns the prompt without those clauses and whether any was applied. Raises
    :class:`~..text.PlanError` when a clause names a thing the picture lacks.
    """
    slotted, quotes = _slots(text)
    if not _TEXT_HINT.search(slotted.lower()):
        return text, False
    kept: list[str] = []
    used = False
    verb = ""
    for clause in _clauses(slotted):
        if _apply(clause, quotes, scene):
            used, verb = True, LEAD.sub("", clause.strip()).split(" ", 1)[0].lower()
        elif verb and _SLOT.search(clause) and _apply(f"{verb} {clause}", quotes, scene):
            used = True  # "label the apple 'red' and the banana 'yellow'": the verb said once
        else:
            kept.append(clause)
            verb = ""
    if not used:
        return text, False
    rest = " and ".join(_SLOT.sub(lambda m: repr(quotes[int(m.group(1))]), c) for c in kept)
    return rest, True


def _slots(text: str) -> tuple[str, list[str]]:
    """``text`` with each quote replaced by a numbered slot, and the quotes."""
    quotes: list[str] = []

    def slot(match: re.Match[str]) -> str:
        quotes.append(next(g for g in match.groups() if g is not None).strip())
        return f"\u00ab{len(quotes) - 1}\u00bb"

    return _QUOTE.sub(slot, text), quotes


def _clauses(text: str) -> list[str]:
    """Cut ``text`` where a new clause starts ("... and remove the cat")."""
    parts = [p for p in _SPLIT.split(text.strip()) if p and p.strip()]
    out: list[str] = []
    for part in parts:
        first = LEAD.sub("", part.strip().lower()).split(" ", 1)[0]
        if out and not _starts_clause(first):
            out[-1] += " and " + part
        else:
            out.append(part)
    return out


def _starts_clause(word: str) -> bool:
    return word in _CLAUSE_STARTS or word.startswith("\u00ab")


_CLAUSE_STARTS = frozenset(
    lx.words(
        "make have let get change edit update alter set fix rewrite modify redo write put print "
        "paint draw add stick replace swap switch turn label tag mark title call name give "
        "remove delete erase drop clear hide take no without lose move the it its i caption rename "
        "include rub"
    )
)


def _apply(clause: str, quotes: list[str], scene: SceneGraph) -> bool:
    """Apply one clause if it is a text edit; return whether it was."""
    raw = TAIL.sub("", LEAD.sub("", clause.strip().rstrip(".!?").strip()))
    low = raw.lower()
    for pattern in REPLACE_PATTERNS:
        match = pattern.match(low)
        if match:
            _replace_text(scene, quotes[int(match["q"])], quotes[int(match["q2"])])
            return True
    for pattern in CAPTION_PATTERNS:  # first: "title it 'Breakfast'" titles the picture
        match = pattern.match(low)
        if match:
            words = quotes[int(match["q"])]
            if words not in scene.texts:
                scene.texts.append(words)
            return True
    for pattern in LABEL_PATTERNS:
        match = pattern.match(low)
        if match:
            for eid in _things(match.groupdict().get("thing"), scene):
                scene.entity(eid).attributes["label"] = quotes[int(match["q"])]
                scene.focus = eid
            return True
    match = REMOVE.match(low) or TAKE_OFF.match(low)
    if match:
        _remove_text(scene, match["kind"], match["thing"])
        return True
    match = WIPE.match(low)
    if match and any(
        "text" in scene.entity(i).attributes
        and (match["verb"] != "erase" or scene.entity(i).name.endswith(BOARDS))
        for i in _things(match["thing"], scene)
    ):
        _remove_text(scene, "text", match["thing"])  # "wipe the board": its words go
        return True
    match = BLANK.match(low)
    if match and any("text" in scene.entity(i).attributes for i in _things(match["thing"], scene)):
        _remove_text(scene, "text", match["thing"])
        return True
    match = IT_TO.match(low)
    if match and _rewrites_focus(match, raw, quotes, scene):
        return True
    for pattern in SET_PATTERNS:
        match = pattern.match(low)
        if match:
            words = _words(match, raw, quotes)
            if words:
                _set_text(
                    scene, match.groupdict().get("kind"), match.groupdict().get("thing"), words
                )
                return True
    return False


def _rewrites_focus(match: re.Match[str], raw: str, quotes: list[str], scene: SceneGraph) -> bool:
    """Apply "change it to 3+3=6" when the thing in focus has words on it and the new words
    are quoted or read as writing (a sum, capitals), not as a thing ("change it to a dog")."""
    written = [e for e in scene.entities if {"text", "label"} & set(e.attributes)]
    focus = next((e for e in written if e.id == scene.focus), None)
    focus = focus or (written[0] if len(written) == 1 else None)
    if focus is None:
        return False
    words = _words(match, raw, quotes)
    writing = match["q"] is not None or (
        bool(words) and (not words.replace(" ", "").isalpha() or words.isupper())
    )
    if not writing:
        return False
    focus.attributes["text" if "text" in focus.attributes else "label"] = words
    return True


def _words(match: re.Match[str], raw: str, quotes: list[str]) -> str:
    """The words a clause sets: its quote, or the unquoted words at its end, as typed."""
    if match.groupdict().get("q") is not None:
        return quotes[int(match["q"])]
    start, end = match.span("raw")
    return raw[start:end].strip(" .!?\"'")


def _things(words: str | None, scene: SceneGraph) -> list[str]:
    """The entities ``words`` name ("the sign", "it", "the red mug")."""
    tokens = tokenize(words or "it")
    target = find_target(tokens, scene)
    written = [e.id for e in scene.entities if {"text", "label"} & set(e.attributes)]
    if target.what == "text" and len(written) == 1:
        return written  # "the label should read 'IN'": the one thing with words on it
    if target.what not in ("entities", "it") or not target.ids:
        raise PlanError(f"Did not find {words!r} in the picture to write on.")
    return target.ids


def _is_caption(kind: str | None, thing: str | None) -> bool:
    return thing is None and kind is not None and not kind.startswith("label")


def _set_text(scene: SceneGraph, kind: str | None, thing: str | None, words: str) -> None:
    """Write ``words`` on ``thing`` (its ``text``), as its label, or as the picture's text."""
    if kind is not None and kind.startswith("label"):
        for eid in _things(thing, scene) if thing else _labelled(scene):
            scene.entity(eid).attributes["label"] = words
            scene.focus = eid
        return
    if _is_caption(kind, thing):
        written = [e for e in scene.entities if "text" in e.attributes]
        if kind in ("caption", "title") or (not written and scene.texts):
            scene.texts = [words]
        elif written:
            written[-1].attributes["text"] = words
            scene.focus = written[-1].id
        else:
            scene.texts = [words]
        return
    for eid in _things(thing, scene):
        old = scene.entity(eid).attributes.get("text")
        scene.entity(eid).attributes["text"] = words
        if old is None and len(scene.texts) == 1:
            scene.texts = []  # the picture's one text was drawn on it: now it says this
        scene.focus = eid


def _labelled(scene: SceneGraph) -> list[str]:
    with_label = [e.id for e in scene.entities if "label" in e.attributes]
    if len(with_label) == 1:
        return with_label
    raise PlanError(
        "Say which thing's label to change, e.g. \"change the bowl's label to 'fruit'\"."
    )


def _replace_text(scene: SceneGraph, old: str, new: str) -> None:
    found = False
    for ent in scene.entities:
        for key in ("text", "label"):
            if ent.attributes.get(key, "").lower() == old.lower():
                ent.attributes[key] = new
                scene.focus, found = ent.id, True
    for k, words in enumerate(scene.texts):
        if words.lower() == old.lower():
            scene.texts[k], found = new, True
    for label in scene.labels:
        if label.text.lower() == old.lower():
            label.text, found = new, True
    if not found:
        raise PlanError(f"The picture has no text {old!r} to change.")


def _remove_text(scene: SceneGraph, kind: str, thing: str | None) -> None:
    if thing:
        for eid in _things(thing, scene):
            attrs = scene.entity(eid).attributes
            attrs.pop("label" if kind.startswith("label") else "text", None)
        return
    if kind.startswith("label"):
        for ent in scene.entities:
            ent.attributes.pop("label", None)
        scene.labels = []
        return
    if kind in ("caption", "title") or scene.texts:
        scene.texts = []
        return
    for ent in scene.entities:
        ent.attributes.pop("text", None)
