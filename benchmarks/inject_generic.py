"""Damage injectors for the generic checks (REP, PUNCT, FRAG, LANG-MIX, CONSIST, EN-AGREE).

Each function takes one clean sentence and a seeded ``random.Random`` and returns a copy
damaged the way its check should catch, or None when the sentence offers no place for it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_WORD = re.compile(r"[^\W\d_]{2,}")
_CAP = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]{3,}\b")


def _pick(rng: random.Random, matches: list[re.Match]) -> re.Match | None:
    return rng.choice(matches) if matches else None


def double_word(s: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(_WORD.finditer(s)))
    return None if m is None else f"{s[: m.end()]} {m.group()}{s[m.end():]}"


def _words(s: str) -> list[str]:
    return s.split(" ")


def repeat_phrase(s: str, rng: random.Random) -> str | None:
    w = _words(s)
    if len(w) < 8:
        return None
    i = rng.randrange(0, len(w) - 5)
    phrase = [x.strip(",;:.") for x in w[i : i + 4]]
    if not all(_WORD.fullmatch(x) for x in phrase):
        return None
    return " ".join(w[: i + 4] + [",", *phrase] + w[i + 4 :]).replace(" ,", ",")


def circular(s: str, rng: random.Random) -> str | None:
    m = re.match(r"((?:The|Die|Der|Das) \w+ (?:of|des|der|von) (?:the |dem |der )?[A-Z]\w+) "
                 r"(\w+) ", s)
    if m is None:
        return None
    subject, verb = m.group(1), m.group(2)
    obj = re.sub(r"^(The|Die|Der|Das) ", lambda a: {"The": "the", "Die": "die", "Der": "den",
                                                    "Das": "das"}[a.group(1)], subject)
    return f"{subject} {verb} {obj}."


def loop(s: str, rng: random.Random) -> str | None:
    w = _words(s.rstrip("."))
    if len(w) < 4:
        return None
    size = rng.choice([1, 2, 3])
    i = len(w) - size
    unit = w[i:]
    if not all(_WORD.fullmatch(x) for x in unit):
        return None
    return " ".join(w + unit * rng.choice([2, 3, 4])) + "."


def space_hyphen(s: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(re.finditer(r"\w-[A-Za-zÄÖÜäöü]", s)))
    return None if m is None else s[: m.start() + 1] + " " + s[m.start() + 1 :]


def split_initialism(s: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(re.finditer(r"\b(?:U\.S|U\.K|E\.U|U\.N)\.", s)))
    if m is None:
        return None
    return s[: m.start()] + m.group().replace(".", ". ", 1) + s[m.end() :]


def space_before_punct(s: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(re.finditer(r"[a-zäöüß][,;!?]\s|[a-zäöüß]\.$", s)))
    return None if m is None else s[: m.start() + 1] + " " + s[m.start() + 1 :]


def debris(s: str, rng: random.Random) -> str | None:
    if not s.endswith("."):
        return None
    return s + rng.choice([" .", ".", ",,", " “"])


def glue(s: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(re.finditer(r"[a-zäöüß]{2}([.,]) ([A-ZÄÖÜ][a-zäöüß]+)", s)))
    return None if m is None else s[: m.start(1) + 1] + s[m.start(2) :]


def drop_bracket(s: str, rng: random.Random) -> str | None:
    if "(" in s or ")" in s:
        return None
    w = _words(s)
    if len(w) < 8:
        return None
    i = rng.randrange(2, len(w) - 3)
    return " ".join(w[:i] + ["(" + w[i]] + w[i + 1 :])


def open_quote(s: str, rng: random.Random) -> str | None:
    if any(q in s for q in "\"“”„«»"):
        return None
    w = _words(s)
    if len(w) < 6:
        return None
    i = rng.randrange(1, len(w) - 2)
    return " ".join(w[:i] + [rng.choice("“„\"") + w[i]] + w[i + 1 :])


def quote_tail(s: str, rng: random.Random) -> str | None:
    m = re.search(r"[a-zäöüß],\s", s)
    if m is None or any(q in s for q in "\"“”„«»"):
        return None
    return s[: m.start() + 2] + rng.choice("”“\"") + s[m.start() + 2 :]


def lowercase_start(s: str, rng: random.Random) -> str | None:
    """Cut the sentence after a comma and make the tail its own lower-case sentence."""
    parts = s.split(", ", 1)
    if len(parts) < 2 or not parts[1][:1].isalpha() or parts[1][:1].isupper():
        return None
    return f"{parts[0]}. {parts[1]}"


def lowercase_fragment(s: str, rng: random.Random) -> str | None:
    m = re.search(r" (with|for|in|at|mit|für|in|bei) ([\w ]+)\.$", s)
    if m is None or len(m.group(2).split()) < 2:
        return None
    return f"{s[: m.start()]}. {m.group(1)} {m.group(2)}."


INJECTORS: dict[str, Callable[[str, random.Random], str | None]] = {
    "REP-001": double_word,
    "REP-002": repeat_phrase,
    "REP-003": circular,
    "REP-004": loop,
    "PUNCT-001": space_hyphen,
    "PUNCT-002": split_initialism,
    "PUNCT-003": space_before_punct,
    "PUNCT-004": debris,
    "PUNCT-005": glue,
    "PUNCT-006": drop_bracket,
    "PUNCT-007": open_quote,
    "PUNCT-008": quote_tail,
    "FRAG-001": lowercase_start,
    "FRAG-003": lowercase_fragment,
}
