"""Web furniture that is not translatable prose: navigation, comment forms, credits, bylines.

A skipped line is never checked, so a wrong skip is a miss no report shows. Every rule in
``data/boilerplate.json`` therefore identifies furniture positively — by its shape (anchored
at the line's start or end), its length (``max_words``), its capitalisation
(``case_sensitive``) and whether it reads as a sentence (``headline``: no full stop at the
end) — and is tested on real sentences that begin the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.data import json_data

_TERMINAL = tuple(".!?:;…\"“”»«)'’")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    reason: str
    max_words: int | None = None
    headline: bool = False

    def matches(self, line: str) -> bool:
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        if self.headline and line.endswith("."):
            return False
        return bool(self.pattern.search(line))


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out = []
    for r in json_data("boilerplate.json")["rules"]:
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        out.append(
            Rule(
                re.compile(r["pattern"], flags),
                r["reason"],
                r.get("max_words"),
                bool(r.get("headline")),
            )
        )
    return tuple(out)


def boilerplate_reason(line: str, next_line: str = "") -> str:
    """Why a line is not translatable prose (site navigation, credits, bylines), or ""."""
    stripped = line.strip()
    for rule in rules():
        if rule.matches(stripped):
            return rule.reason
    # Alt text right above a photo-credit caption: short, no end punctuation.
    if next_line and not stripped.endswith(_TERMINAL) and len(stripped.split()) <= 12:
        for rule in rules():
            if rule.reason.startswith("image caption") and rule.matches(next_line.strip()):
                return "image caption (alt text above a photo credit)"
    return ""
