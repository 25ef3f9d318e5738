"""Small text helpers shared by every stage: tokens that keep their character offsets.

Offsets matter more than tokenisation finesse here: every finding and every diff span must
point into the decoded original so reports can highlight the exact characters.
"""

from __future__ import annotations

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
