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
    return None if m is None else f"{s[: m.end()]} {m.group()}{s[m.end() :]}"


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
    m = re.match(
        r"((?:The|Die|Der|Das) \w+ (?:of|des|der|von) (?:the |dem |der )?[A-Z]\w+) "
        r"(\w+) ",
        s,
    )
    if m is None:
        return None
    subject, verb = m.group(1), m.group(2)
    obj = re.sub(
        r"^(The|Die|Der|Das) ",
        lambda a: {"The": "the", "Die": "die", "Der": "den", "Das": "das"}[a.group(1)] + " ",
        subject,
    )
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
    if any(q in s for q in '"“”„«»'):
        return None
    w = _words(s)
    if len(w) < 6:
        return None
    i = rng.randrange(1, len(w) - 2)
    return " ".join(w[:i] + [rng.choice('“„"') + w[i]] + w[i + 1 :])


def quote_tail(s: str, rng: random.Random) -> str | None:
    m = re.search(r"[a-zäöüß],\s", s)
    if m is None or any(q in s for q in '"“”„«»'):
        return None
    return s[: m.start() + 2] + rng.choice('”“"') + s[m.start() + 2 :]


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


_EN_WORDS = ["however", "although", "people", "meanwhile", "nevertheless", "thanks", "with"]
_DE_WORDS = ["nicht", "und", "wurde", "aber", "auch", "sehr", "Regierung", "Zeitung"]


def insert_foreign(words: list[str]) -> Callable[[str, random.Random], str | None]:
    """Insert one word of the other language after a random inner word."""

    def inject(s: str, rng: random.Random) -> str | None:
        w = _words(s)
        if len(w) < 5:
            return None
        i = rng.randrange(1, len(w) - 1)
        return " ".join(w[:i] + [rng.choice(words)] + w[i:])

    return inject


_TRANSLIT = [
    ("sch", "sh"),
    ("w", "v"),
    ("ow", "ov"),
    ("j", "y"),
    ("v", "w"),
    ("ch", "tsch"),
    ("i", "y"),
    ("y", "i"),
]


def respell_name(s: str, rng: random.Random) -> str | None:
    """Repeat a capitalised name in a second sentence, transliterated differently."""
    names = [m.group() for m in _CAP.finditer(s) if m.start() > 0]
    rng.shuffle(names)
    for name in names:
        for a, b in rng.sample(_TRANSLIT, len(_TRANSLIT)):
            if a in name[1:]:
                other = name[0] + name[1:].replace(a, b, 1)
                german = any(f" {w} " in s for w in ("der", "die", "und", "ist"))
                return f"{s} {other} ist hier." if german else f"{s} {other} is here."
    return None


def pluralise_after_a(s: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(re.finditer(r"\b(a|an|this|every) ([a-z]{3,}[^s\W])\b", s)))
    return None if m is None else f"{s[: m.end()]}s{s[m.end() :]}"


def singular_after_plural_det(s: str, rng: random.Random) -> str | None:
    m = _pick(rng, list(re.finditer(r"\b(these|those|many|several) ([a-z]{3,})s\b", s)))
    return None if m is None else s[: m.end() - 1] + s[m.end() :]


def number_slip(s: str, rng: random.Random) -> str | None:
    """Either direction of determiner/noun disagreement, whichever the sentence allows."""
    first, second = rng.sample([pluralise_after_a, singular_after_plural_det], 2)
    return first(s, rng) or second(s, rng)


def break_verb_number(s: str, rng: random.Random) -> str | None:
    swaps = {
        " they are ": " they is ",
        " he has ": " he have ",
        " she has ": " she have ",
        " we have ": " we has ",
        " he is ": " he are ",
        " they have ": " they has ",
    }
    hits = [k for k in swaps if k in f" {s} "]
    if not hits:
        return None
    k = rng.choice(hits)
    return f" {s} ".replace(k, swaps[k], 1).strip()


def his_for_country(s: str, rng: random.Random) -> str | None:
    """The German-gender slip: "its" becomes "his" (only some antecedents are institutions)."""
    if " its " not in s:
        return None
    return s.replace(" its ", " his ", 1)


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
    "LANG-MIX-001": insert_foreign(_EN_WORDS),
    "LANG-MIX-002": insert_foreign(_DE_WORDS),
    "CONSIST-NAME-001": respell_name,
    "EN-AGREE-001": number_slip,
    "EN-AGREE-002": break_verb_number,
    "EN-AGREE-003": his_for_country,
}
