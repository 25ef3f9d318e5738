"""False friends in German MT: a German word used in the sense of its English look-alike.

"Die Delegation ist in Wien eingetreten" (entered, joined) for "arrived in Vienna", "eine
sensible Entscheidung" (sensitive) for "a sensible decision". A word alone proves nothing:
each pattern in a curated table pairs the word with context that only fits the English
sense (a bare place name after "in", a vaccine near "Dose"), so the check fires only then.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import json_data
from mtaudit.lang.german import clauses, verb_lemmas
from mtaudit.lang.tagging import Tagged, tag


@lru_cache(maxsize=1)
def _patterns() -> list[dict]:
    patterns = json_data("de/false_friends.json")["patterns"]
    return [{**p, "regex": re.compile(p["clause_re"])} for p in patterns]


def _lemmas(clause: list[Tagged]) -> dict[str, Tagged]:
    """Lemmas of a clause (lowercased), separable verbs joined, first occurrence kept."""
    found: dict[str, Tagged] = {}
    for item in clause:
        found.setdefault(item.lemma.lower(), item)
    found.update({k: v for k, v in verb_lemmas(clause).items() if k not in found})
    return found


@register
class FalseFriend(Check):
    id = "DE-SENSE-001"
    name = "false friend"
    langs = frozenset({"de"})
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "A German word used in the sense of a similar English word it does not share."
    explanation = (
        "Look-alike words invite word-for-word MT errors: 'bekommen' means to receive, "
        "not to become; 'sensibel' means sensitive, not sensible; 'Dose' is a tin, not a dose. "
        "Each entry of a curated table names a word and a context that only fits the English "
        "sense; the message gives what the German word means and the intended word."
    )
    bad_example = "Nach der Impfung mit der zweiten Dose des Impfstoffs fühlte sie sich müde."
    good_example = "Nach der zweiten Dosis des Impfstoffs fühlte sie sich müde."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for clause in clauses(tag(sent.tokens, "de")):
            lemmas = _lemmas(clause)
            text = " ".join(f"{t.lemma.lower()}/{t.pos}" for t in clause)
            names = {t.start for t in clause if t.pos == "NE"}
            for pattern in _patterns():
                word = lemmas.get(pattern["trigger"])
                if (
                    word is None
                    or not pattern["regex"].search(text)
                    or self._in_name(word, clause, names)
                ):
                    continue
                yield self.finding(
                    f'"{word.text}" means "{pattern["means"]}", not "{pattern["english"]}"; '
                    f"use {pattern['use']}",
                    word.start,
                    word.end,
                    confidence=0.9 if sent.rt_touches(word.start, word.end) else 0.75,
                )

    @staticmethod
    def _in_name(word: Tagged, clause: list[Tagged], names: set[int]) -> bool:
        """A noun that is part of a proper name ("Stadium Arcadium") rather than the word."""
        if word.pos != "NN":
            return False
        i = clause.index(word)
        neighbours = clause[max(0, i - 1) : i] + clause[i + 1 : i + 2]
        return any(t.start in names for t in neighbours)
