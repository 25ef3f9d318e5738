"""Tautology in German: one word family twice in a clause.

MT (and paraphrasing tools) render English "discuss the discussions" or "support and
economic support" word for word ("die Planung zu planen"), which reads as clumsy
padding in German. Words are grouped into families by lemma and a small table of
derivational suffixes, so noun/verb pairs (Entscheidung/entscheiden) count as one.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import json_data
from mtaudit.lang.caching import WORD_FORMS
from mtaudit.lang.german import clauses
from mtaudit.lang.tagging import Tagged, tag

_CONTENT = ("NN", "VV", "ADJ")


def _data() -> dict:
    return json_data("de/derivation.json")


@lru_cache(maxsize=WORD_FORMS)
def family(lemma: str) -> frozenset[str]:
    """Keys a word shares with its derivations: Diskussion, diskutieren -> {"diskut", ...}.

    Every matching suffix rule adds a key, because one rule cannot serve both
    "Verhandlung/verhandeln" and "Erklärung/erklären"; two words are kin if keys overlap.
    """
    word, data = lemma.lower(), _data()
    keys = {
        word[: len(word) - len(suffix)] + replacement
        for suffix, replacement in data["suffixes"]
        if word.endswith(suffix)
    }
    return frozenset(k for k in keys if len(k) >= data["min_stem"]) or frozenset({word})


def _coarse(item: Tagged) -> str:
    return next(p for p in _CONTENT if item.pos.startswith(p))


@register
class StemRepetition(Check):
    id = "DE-TAUT-001"
    name = "noun and its own verb in a clause"
    langs = frozenset({"de"})
    category = "Style/Awkward"
    severity = "minor"
    summary = 'A noun and its own verb in one clause ("die Planung zu planen").'
    explanation = (
        "A clause that pairs a noun with the verb or adjective it derives from says the same "
        "thing twice, a typical trace of word-for-word translation or synonym spinning. Words "
        "are grouped by lemma and a table of derivational suffixes; the check fires only when "
        "the two members differ in part of speech, so plain repeated nouns (often deliberate, "
        "as in 'spanische Zivilisten und spanische Mönche') are left alone."
    )
    bad_example = "Der Stadtrat traf sich, um die Planung des Parks zu planen."
    good_example = "Der Stadtrat traf sich, um den Park zu planen."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        ignore = set(_data()["ignore_lemmas"])
        for clause in self._clauses(tag(sent.tokens, "de")):
            seen: list[Tagged] = []
            for item in clause:
                if not item.pos.startswith(_CONTENT) or item.lemma in ignore:
                    continue
                keys = family(item.lemma)
                first = next((t for t in seen if family(t.lemma) & keys), None)
                if first is None:
                    seen.append(item)
                elif _coarse(first) != _coarse(item):
                    key = min(family(first.lemma) & keys)
                    yield self.finding(
                        f'"{first.text}" and "{item.text}" repeat the word family '
                        f'"{key}" in one clause',
                        first.start,
                        item.end,
                    )
                    break

    @staticmethod
    def _clauses(tagged: list[Tagged]) -> Iterator[list[Tagged]]:
        """Clauses, but a zu-infinitive stays with what precedes it ("um über X zu X-en")."""
        parts = list(clauses(tagged))
        for k, part in enumerate(parts):
            if part[0].pos == "$," and k and any(t.pos in {"PTKZU", "VV(IZU)"} for t in part):
                parts[k] = parts[k - 1] + part
                parts[k - 1] = []
        yield from (p for p in parts if p)


@register
class CoordinatedRepetition(Check):
    id = "DE-TAUT-002"
    name = "noun coordinated with itself"
    langs = frozenset({"de"})
    category = "Style/Awkward"
    severity = "minor"
    summary = 'A noun coordinated with a modified copy of itself ("Hilfe und finanzielle Hilfe").'
    explanation = (
        "'Support and economic support' is how MT renders English 'support, including "
        "economic support' or a spinner's duplicated phrase; in German the bare noun already "
        "covers the modified one. The check fires when a noun is joined by und/oder/sowie to "
        "the same noun with an adjective in front of it."
    )
    bad_example = "Das Land braucht Hilfe und finanzielle Hilfe für die Bauern."
    good_example = "Das Land braucht Hilfe, vor allem finanzielle Hilfe, für die Bauern."

    _JOINERS = {"und", "oder", "sowie"}

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = tag(sent.tokens, "de")
        for i, item in enumerate(tagged[:-2]):
            if item.pos != "NN" or tagged[i + 1].text.lower() not in self._JOINERS:
                continue
            if i and tagged[i - 1].pos == "ADJ(A)":
                continue  # "rhombischer Schwefel und monokliner Schwefel" contrasts two kinds
            j = i + 2 + (tagged[i + 2].pos == "ART")
            if j >= len(tagged) or tagged[j].pos != "ADJ(A)":
                continue
            while j < len(tagged) and tagged[j].pos == "ADJ(A)":
                j += 1
            if j < len(tagged) and tagged[j].pos == "NN" and tagged[j].lemma == item.lemma:
                copy = sent.span(tagged[i + 2].start, tagged[j].end)
                yield self.finding(
                    f'"{item.text}" is coordinated with "{copy}", the same noun again',
                    item.start,
                    tagged[j].end,
                )
