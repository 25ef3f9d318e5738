"""Small text helpers shared by every stage: tokens that keep their character offsets.

Offsets matter more than tokenisation finesse here: every finding and every diff span must
point into the decoded original so reports can highlight the exact characters.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)
TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark and where it sits in the text it was cut from."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    def is_word(self) -> bool:
        return self.text[:1].isalnum() or self.text[:1] == "_"


def words(text: str, offset: int = 0) -> list[Token]:
    """Word tokens (letters, digits, inner hyphens and apostrophes) with offsets + `offset`."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in WORD_RE.finditer(text)]


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words and single punctuation marks with offsets + `offset`."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in TOKEN_RE.finditer(text)]


def word_count(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


# Tokeniser spacing that corpora (Moses, MLQE-PE, WMT CED) leave: the space is removed, the
# characters around it are kept, so every remaining character keeps its original offset.
_DETOK = re.compile(
    r"(?<=\S) (?=[,.;:!?%)\]}](?:\s|$))"  # "Haus , das" / "Ende ."
    r"|(?<=[(\[{„]) (?=\S)"  # "( so" / "„ Wort"
    r"|(?<=\w) (?=(?:n't|'s|'re|'ve|'ll|'d|'m)\b)"  # "do n't", "it 's"
    r"| ?@(?=[-/]@)|(?<=[-/])@ ?"  # "EU @-@ Kommission" -> "EU-Kommission"
)


@dataclass(frozen=True)
class Detokenised:
    """Text with tokeniser spacing removed, and where each character came from."""

    text: str
    origin: tuple[int, ...]
    """Original offset of every character of ``text``, plus the original length at the end."""

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """An original span for a span of ``text`` (end exclusive)."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1

    def from_original(self, offset: int) -> int:
        """The position in ``text`` of the first kept character at or after ``offset``."""
        return bisect.bisect_left(self.origin, offset)


def detokenise(text: str) -> Detokenised:
    """Remove tokeniser spacing ("Haus , das" -> "Haus, das") keeping an offset map, so
    findings on the detokenised copy point at the original characters."""
    keep = [True] * len(text)
    for m in _DETOK.finditer(text):
        for i in range(m.start(), m.end()):
            keep[i] = False
    origin = [i for i, k in enumerate(keep) if k]
    return Detokenised("".join(text[i] for i in origin), (*origin, len(text)))
