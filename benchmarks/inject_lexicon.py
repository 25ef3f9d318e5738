"""Damage injectors for the lexicon checks (DE-IDIOM, EN-DISTORT, NAME).

Each injector turns an idiomatic phrase of a clean sentence into the calque, distortion or
foreign spelling its check should catch, and returns None when the sentence has no such
phrase. English distortions are injected by reversing the lexicon (intended -> distorted);
German calques by rewriting common idiomatic collocations the way literal MT renders them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from mtaudit.checks.names import foreign_spelling
from mtaudit.data import table

_DE_REWRITES: dict[str, list[tuple[str, str]]] = {
    "DE-IDIOM-001": [
        (r"\bübrigens\b", "durch den Weg"),
        (r"\babsichtlich\b", "auf Zweck"),
        (r"\bkostenlos\b", "frei von Ladung"),
        (r"\bnatürlich\b", "von Kurs"),
        (r"\btatsächlich\b", "in Fakt"),
        (r"\bandererseits\b", "auf der anderen Hand"),
    ],
    "DE-IDIOM-002": [
        (r"\bEntscheidung(en)? getroffen\b", r"Entscheidung\1 genommen"),
        (r"\bEntscheidung(en)? (zu )?treffen\b", r"Entscheidung\1 \2nehmen"),
        (r"\bMaßnahmen ergriffen\b", "Maßnahmen genommen"),
        (r"\bMaßnahmen (zu )?ergreifen\b", r"Maßnahmen \1nehmen"),
        (r"\bwarte(n|t|te|ten)? auf\b", r"warte\1 für"),
        (r"\b(die |eine )?Frage(n)? (zu )?stellen\b", r"\1Frage\2 \3fragen"),
        (r"\bmit anderen Worten\b", "in anderen Worten"),
        (r"\bsenken\b", "schneiden"),
        (r"\babhängig von\b", "abhängig auf"),
        (r"\bals Reaktion auf\b", "in Antwort auf"),
    ],
    "DE-IDIOM-003": [
        (r"\b(im Jahr|im Jahre) ((18|19|20)\d\d)\b", r"in \2"),
        (r"\bergibt (\w+ )?Sinn\b", r"macht \1Sinn"),
        (r"\bwieder einmal\b", "einmal mehr"),
        (r"\bletztendlich\b", "am Ende des Tages"),
        (r"\b(erkannte|begriff)(, dass)", r"realisierte\2"),
    ],
}


def _rewriter(rules: list[tuple[str, str]]) -> Callable[[str, random.Random], str | None]:
    def inject(sentence: str, rng: random.Random) -> str | None:
        usable = [(p, r) for p, r in rules if re.search(p, sentence)]
        if not usable:
            return None
        pattern, replacement = rng.choice(usable)
        return re.sub(pattern, replacement, sentence, count=1)

    return inject


def _plain(pattern: str) -> str | None:
    """The first spelled-out variant of a gap-free lexicon pattern, or None."""
    if any(p.startswith(("...", "~", "<")) for p in pattern.split()):
        return None
    return " ".join(p.split("|")[0] for p in pattern.split())


def _distorter(kind: str) -> Callable[[str, random.Random], str | None]:
    pairs = []
    for row in table("idioms/en_distortions.tsv"):
        distorted = _plain(row["pattern"])
        intended = row["intended"].split(" / ")[0]
        if row["kind"] == kind and distorted and "..." not in intended:
            pairs.append((re.compile(rf"\b{re.escape(intended)}\b", re.IGNORECASE), distorted))

    def inject(sentence: str, rng: random.Random) -> str | None:
        usable = [(p, d) for p, d in pairs if p.search(sentence)]
        if not usable:
            return None
        pattern, distorted = rng.choice(usable)
        return pattern.sub(distorted, sentence, count=1)

    return inject


def _respell(text_lang: str) -> Callable[[str, random.Random], str | None]:
    """Replace a name by the other language's spelling (found with the check's own rules)."""
    other = "en" if text_lang == "de" else "de"

    def inject(sentence: str, rng: random.Random) -> str | None:
        names = [
            w for w in re.findall(r"\b[A-Z][a-z]{3,}\b", sentence) if foreign_spelling(w, other)
        ]
        if not names:
            return None
        word = rng.choice(names)
        return re.sub(rf"\b{word}\b", foreign_spelling(word, other)[0], sentence, count=1)

    return inject


def _foreign_title(sentence: str, rng: random.Random) -> str | None:
    for pattern, title in (
        (r"\bHerrn? (?=[A-Z])", "Mr. "),
        (r"\bFrau (?=[A-Z])", "Mrs. "),
        (r"\bMr\.? (?=[A-Z])", rng.choice(["Herr ", "M. "])),
        (r"\bMrs\.? (?=[A-Z])", "Frau "),
    ):
        if re.search(pattern, sentence):
            return re.sub(pattern, title, sentence, count=1)
    return None


INJECTORS: dict[str, Callable[[str, random.Random], str | None]] = {
    **{cid: _rewriter(rules) for cid, rules in _DE_REWRITES.items()},
    "EN-DISTORT-001": _distorter("tortured"),
    "EN-DISTORT-002": _distorter("idiom"),
    "EN-DISTORT-003": _distorter("eggcorn"),
    "EN-DISTORT-004": _distorter("calque"),
    "NAME-TRANSLIT-001": _respell("de"),
    "NAME-TRANSLIT-002": _respell("en"),
    "NAME-TITLE-001": _foreign_title,
}
