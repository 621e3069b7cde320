"""Turning a prompt into tokens: limits, quoted text to render, normalisation.

Everything here runs in linear time on at most :data:`MAX_PROMPT_CHARS` characters.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError
from ..scene.text import clean_text
from .inscriptions import clock_times
from .lexicon import NUMBER_WORDS

MAX_PROMPT_CHARS = 2000
"""Longest prompt the rules planner reads."""

MAX_TOKENS = 400
"""Tokens past this many are ignored (a 2000-character prompt rarely has more)."""

EMPTY_MESSAGE = "Type what you want to see, e.g. 'three red apples left of a blue bowl'"


class PlanError(InputError):
    """The prompt could not be turned into a scene; the message says what to type."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_QUOTE = re.compile(
    r"\"([^\"\n]{1,200})\"|\u201c([^\u201d\n]{1,200})\u201d|\u2018([^\u2019\n]{1,200})\u2019"
    r"|(?<![A-Za-z0-9])'([^'\n]{1,200})'(?![A-Za-z0-9])"
)
_TRIGGER = re.compile(
    r"(?:\b(?:that|which|and)\s+)?"
    r"(?:\b(?:says|say|saying|said|reads|read|reading|spells|spelling|displays|displaying|"
    r"shows|showing|written|writes|labell?ed|marked|stamped|titled|entitled|with|bearing)\b\s*)?"
    r"(?:\bthe\s+)?(?:\b(?:text|words?|caption|label|letters?|message|phrase|name|numbers?|slogan|"
    r"digits?|numerals?)\b)?\s*:?\s*$",
    re.IGNORECASE,
)
_ON_IT = re.compile(
    r"\s*(?:(?:written|printed|painted|drawn|scrawled|carved|engraved|embroidered|stamped|"
    r"inscribed)\s+)?(?:on|onto|across)\s+(?:it|them)\b",
    re.IGNORECASE,
)
"""After a quote, where it is written on what came before ("with 'Hi' written on it")."""
_UNQUOTED = re.compile(
    r"\b(?:that|which)?\s*(?:says|saying|reads|reading)\s+"
    r"(?!(?:a|an|the|this|that|his|her|their|its|my|your|our|some|to|in|on|at|with|and|books?|"
    r"newspapers?|magazines?|novels?|letters?|menus?)\b)([A-Za-z0-9!?]{1,30})\b",
    re.IGNORECASE,
)
"""An unquoted word to render ("a sign that says STOP"); not "reading a book"."""
_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*|[,.;:!?&]")


def check_prompt(text: object) -> str:
    """Return ``text`` if it is a usable prompt; raise :class:`PlanError` otherwise."""
    if not isinstance(text, str):
        raise PlanError(f"the prompt must be text, got {type(text).__name__}")
    if len(text) > MAX_PROMPT_CHARS:
        raise PlanError(
            f"the prompt is {len(text)} characters long; the limit is {MAX_PROMPT_CHARS}. "
            "Describe the picture in a sentence or two."
        )
    if not text.strip():
        raise PlanError(EMPTY_MESSAGE)
    return text


_WRAPPED = re.compile(r"^\s*(?:\"([^\"]+)\"|\u201c([^\u201c\u201d]+)\u201d)\s*$")
"""A whole prompt in double quotes (pasted from elsewhere): the prompt, not a text to render."""


def unwrap(text: str) -> str:
    """Return ``text`` without double quotes around the whole of it when it reads as a
    description (four words or more): a pasted prompt, not a sign's wording."""
    match = _WRAPPED.match(text)
    if match is None:
        return text
    inner = match.group(1) or match.group(2) or ""
    return inner if len(inner.split()) >= 4 else text


def extract_texts(text: str) -> tuple[str, list[str]]:
    """Split quoted strings to render out of ``text``.

    Returns the text with each quote (and the words introducing it, such as
    "that says", or placing it, such as "written on it") replaced by a space, and the
    quoted strings in order.
    """
    texts: list[str] = []
    pieces: list[str] = []
    pos = 0
    for match in _QUOTE.finditer(text):
        quoted = next(g for g in match.groups() if g is not None).strip()
        before = text[pos : match.start()]
        window = before[-60:]
        cut = _TRIGGER.search(window)
        if cut is not None and cut.start() < len(window):
            before = before[: len(before) - len(window) + cut.start()]
        pieces.append(before)
        pieces.append(" ")
        if quoted:
            texts.append(quoted)
        pos = match.end()
        on_it = _ON_IT.match(text, pos)
        if on_it is not None:  # not "<thing> on it" to the planner
            pos = on_it.end()
    pieces.append(text[pos:])
    rest = "".join(pieces)
    if not texts:
        found = _UNQUOTED.search(rest)
        if found is not None:
            texts.append(found.group(1))
            rest = rest[: found.start()] + " " + rest[found.end() :]
    return rest, texts


def tokenize(text: str) -> list[str]:
    """Lowercase ASCII word and punctuation tokens of ``text`` (accents dropped)."""
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return _TOKEN.findall(text)[:MAX_TOKENS]


_NAMED_TEXT = re.compile(
    r"\b(?P<lead>the\s+(?:letter|number|digit|numeral|word))\s+"
    r"(?P<value>[A-Za-z0-9]+)\b(?!')",
    re.IGNORECASE,
)
"""An unquoted letter, number or word to render: "the letter A", "the number 7"."""
_NOT_RENDERED = frozenset(
    {"a", "an", "the", "of", "on", "in", "at", "to", "and", "or", "with", "for", "is", "are",
     "was", "be", "it", "its", "this", "that", "one"}
)  # fmt: skip


def quote_named_text(text: str) -> str:
    """Put quotes around an unquoted letter, number or word to render ("the letter A on a
    block" -> "the letter 'A' on a block"; "the number seven" -> "the number '7'"), so it is
    read like any quoted text. Prompts that already quote something are left alone."""
    if "'" in text.replace("'s ", " ") or '"' in text or "\u201c" in text:
        return text

    def quoted(match: re.Match[str]) -> str:
        lead, value = match.group("lead"), match.group("value")
        kind = lead.split()[-1].lower()
        if kind == "letter" and len(value) != 1:
            return match.group(0)
        if kind in ("number", "digit", "numeral"):
            value = str(NUMBER_WORDS.get(value.lower(), value))
            if not value.isdigit():
                return match.group(0)
        if kind == "word" and value.lower() in _NOT_RENDERED:
            return match.group(0)  # "the word of god"
        return f"{lead} '{value}'"

    return _NAMED_TEXT.sub(quoted, text)


_WRITTEN_LEAD = re.compile(
    r"\b(?:(?:says|saying|reads|that\s+reads|which\s+reads|reading|spells|spelling)"
    r"|labell?ed|marked|stamped|titled|entitled|printed\s+with"
    r"|(?:with|bearing|has|having)\s+(?:the\s+|a\s+)?(?:words?|text|message|slogan|letters))"
    r"\s*:?\s+",
    re.IGNORECASE,
)
"""Words that say what follows is written: "says", "reads", "with the words"."""
_WRITTEN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9!?&'.-]*")
_PARTICIPLE = re.compile(r"labell?ed|marked|stamped|titled|entitled", re.IGNORECASE)
_BEFORE_AN_ADJECTIVE = frozenset(
    re.findall(
        r"\w+",
        "a an the this that these those my our your his her their its some each every fully "
        "clearly neatly well simple simply detailed nicely properly and or",
    )
)
"""Words after which "labelled", "marked"... describe the noun that follows ("a labelled
diagram of a shark", "a clearly marked path"), not what is written on a thing."""


def _describes_a_noun(text: str, lead: re.Match[str]) -> bool:
    """Whether ``lead`` is a participle used before a noun: at the start of the text or
    after a determiner or adverb ("a labelled diagram"), not after its thing ("a jar
    labelled SUGAR")."""
    if not _PARTICIPLE.match(lead.group().strip()):
        return False
    before = text[: lead.start()].split()
    return not before or before[-1].lower() in _BEFORE_AN_ADJECTIVE
_CLAUSE_END = frozenset(
    {"on", "onto", "in", "inside", "at", "with", "and", "next", "beside", "under", "above",
     "below", "near", "by", "while", "who", "that", "which", "behind", "over", "across",
     "against", "written", "painted", "printed", "a", "an", "the", "is", "are", "beneath",
     "between", "holding", "wearing", "sitting", "standing", "outside", "from"}
)  # fmt: skip
"""Words that end an unquoted lower-case written text ("says welcome home on a wall")."""
_NOT_WRITTEN = frozenset(
    {"a", "an", "the", "this", "that", "his", "her", "their", "its", "my", "your", "our",
     "some", "to", "in", "on", "at", "with", "and", "book", "books", "newspaper",
     "newspapers", "magazine", "magazines", "novel", "novels", "letter", "letters", "menu",
     "menus", "it", "them", "out", "aloud", "quietly"}
)  # fmt: skip
"""First words after "reads"/"saying" that are no written text ("reading a book")."""


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return (
        bool(letters)
        and all(c.isupper() for c in letters)
        and (len(letters) > 1 or word in ("A", "I"))
    ) or (not letters and any(c.isdigit() for c in word))


def quote_written_words(text: str) -> str:
    """Put quotes around unquoted words a thing carries, so they are read as any quoted
    text: "a van that says FRESH BREAD" -> 'a van that says "FRESH BREAD"'.

    After "says", "reads", "saying" or "with the word(s)", a run of capitals is the text
    (it ends where the capitals end); lower-case words run to the end of the clause (a
    comma, "on it", "and a ...", "next to ...", at most six words). After "reading" only
    capitals count ("a girl reading comics" reads them). Prompts that already quote
    something are left alone.
    """
    if "'" in text.replace("'s ", " ") or '"' in text or "\u201c" in text:
        return text
    pieces, pos = list[str](), 0
    for lead in _WRITTEN_LEAD.finditer(text):
        if lead.start() < pos or _describes_a_noun(text, lead):
            continue
        words: list[re.Match[str]] = []
        at = lead.end()
        for word in _WRITTEN_WORD.finditer(text, at):
            if text[at : word.start()].strip() or len(words) >= 6:
                break  # punctuation between: the clause ended
            words.append(word)
            at = word.end()
        caps = list[re.Match[str]]()
        for word in words:
            if not _is_caps(word.group().rstrip("!?.")):
                break
            caps.append(word)
        if caps:
            run = caps
        elif (
            lead.group().lower().startswith(("reading", "spelling"))
            or not words
            or words[0].group().lower() in _NOT_WRITTEN
        ):
            continue
        else:
            run = []
            for word in words:
                if word.group().lower() in _CLAUSE_END:
                    break
                run.append(word)
            if lead.group().lower().lstrip().startswith(("with", "bearing", "has")) and (
                len(run) > 1 and not lead.group().lower().rstrip().endswith("words")
            ):
                run = run[:1]  # "with the word hello kitty" is one word
        if not run:
            continue
        start, end = run[0].start(), run[-1].end()
        while end > start and text[end - 1] == ".":
            end -= 1
        pieces.append(text[pos:start] + '"' + text[start:end] + '"')
        pos = end
    text = "".join(pieces) + text[pos:] if pieces else text
    return text if pieces else _CAPS_WRITTEN.sub(r'"\1"', text)


_CAPS_WRITTEN = re.compile(
    r"(?<![\w'\"])((?:[A-Z0-9][A-Z0-9!?&'.-]*\s+){0,5}[A-Z][A-Z0-9!?&'.-]+)"
    r"(?=\s+(?:(?:is\s+|are\s+)?(?:written|printed|painted|spelled|spelt|stencill?ed)\b"
    r"|on\s+(?:it|them|the\s+(?:side|sides|front|back|top|door|doors))\b))"
)
"""Capitals said to be written on a thing, with no word before them: "a banner with HAPPY
BIRTHDAY on it", "a van with POLICE written on the side"."""


_NO_FLAG = re.compile(r"(?<![\w-])(?:--|\u2014|\u2013)no\b", re.IGNORECASE)
_FLAG = re.compile(
    r"(?<![\w-])(?:--|\u2014|\u2013)[a-z]+\b(?:\s*\d+(?:\s*(?:[.:/]|colon|over)\s*\d+)*)?",
    re.IGNORECASE,
)
"""A generator's parameter pasted with a prompt ("--ar 16:9", "--w 512", "--uplight"); the
planner spells "16:9" as "16 colon 9" first (:func:`~.lessons.maths.spell_signs`)."""


def drop_flags(text: str) -> str:
    """Return ``text`` without the parameters of other image generators ("--ar 16:9",
    "--w 512 --h 768", "--uplight"): they set a picture's shape or a model's options, they
    are never things. "--no people" says what not to draw: it reads "without people"."""
    if "--" not in text and "\u2014" not in text and "\u2013" not in text:
        return text
    return _FLAG.sub(" ", _NO_FLAG.sub(" without ", text))


def prepare(text: object) -> tuple[list[str], list[str]]:
    """Check ``text`` and return its tokens and the strings it asks to render."""
    checked = check_prompt(text)
    rest, texts = extract_texts(
        quote_named_text(quote_written_words(clock_times(drop_flags(unwrap(checked)))))
    )
    texts = [t for t in map(clean_text, texts) if t.strip()]  # no control characters
    return tokenize(rest), texts
