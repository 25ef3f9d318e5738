"""Language mix (LANG-MIX-*): words MT left untranslated in the other language.

Untranslated words are found by comparing a word's frequency in German and English
(wordfreq Zipf scale): "Gibberish" is common English and unknown German. Loanwords that
German really uses ("Team", "Meeting", "online") are frequent in German too and pass.
Names are not untranslated words, so words inside multi-word names, after name particles
and inside quotation marks (titles, quotes) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from wordfreq import zipf_frequency

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import table
from mtaudit.lang.tagging import Tagged, tag
from mtaudit.lang.tokens import tokens

_FOREIGN_MIN = 2.5  # the word is reasonably common in the language it was left in
_GAP = {"de": 2.0, "en": 2.5}  # Zipf points more frequent there than in the text's language
_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")
_QUOTED = re.compile(r"[\"“„«»‚‘][^\"“”„«»‚‘’]*[\"“”«»‘’]")


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(row["particle"] for row in table("generic/name_particles.tsv"))


@lru_cache(maxsize=100_000)
def _zipf(word: str, lang: str) -> float:
    return zipf_frequency(word, lang)


def _foreign(word: str, foreign: str, home: str) -> bool:
    """Common in ``foreign`` and far rarer in ``home`` (loanwords are common in both)."""
    there = _zipf(word, foreign)
    return there >= _FOREIGN_MIN and there - _zipf(word, home) >= _GAP[home]


def _quoted(sent: SentenceView) -> list[tuple[int, int]]:
    return [(sent.start + m.start(), sent.start + m.end()) for m in _QUOTED.finditer(sent.text)]


def _in_name(tagged: list[Tagged], i: int) -> bool:
    """Part of a multi-word name: a capitalised neighbour that the tagger calls a name."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(tagged) and tagged[j].text[:1].isupper() and tagged[j].pos in {"NE", "NP0"}:
            return True
    prev = tagged[i - 1].text.lower() if i > 0 else ""
    return prev in _particles()


def _english_compound(word: str) -> bool:
    """ "Gamechanger": unknown to German but made of two words more English than German."""
    low = word.lower()
    for cut in range(3, len(low) - 2):
        head, tail = low[:cut], low[cut:]
        if all(
            _zipf(p, "en") >= _FOREIGN_MIN and _zipf(p, "en") > _zipf(p, "de") + 1.0
            for p in (head, tail)
        ):
            return True
    return False


def _candidates(sent: SentenceView) -> Iterator[tuple[int, Tagged]]:
    """Plain alphabetic words outside quotations and names, with their index."""
    tagged = tag(sent.tokens, sent.lang)
    quoted = _quoted(sent)
    for i, t in enumerate(tagged):
        if not _PLAIN.fullmatch(t.text) or any(s <= t.start < e for s, e in quoted):
            continue
        if not _in_name(tagged, i):
            yield i, t


def _runs(hits: list[tuple[int, Tagged]]) -> Iterator[list[Tagged]]:
    """Group flagged words that stand next to each other into one finding."""
    run: list[tuple[int, Tagged]] = []
    for i, t in hits:
        if run and i != run[-1][0] + 1:
            yield [x for _, x in run]
            run = []
        run.append((i, t))
    if run:
        yield [x for _, x in run]


@register
class EnglishInGerman(Check):
    id = "LANG-MIX-001"
    name = "english-word-in-german"
    langs = frozenset({"de"})
    category = "Accuracy/Untranslated"
    severity = "major"
    summary = "An English word left untranslated in German text."
    explanation = (
        'A word that is common in English but (nearly) unknown in German ("Gibberish", '
        '"however") or an English compound German does not use ("Gamechanger") was left '
        'untranslated. Established loanwords ("Team", "Software") are frequent in German '
        "and pass; names, quoted titles and words after name particles are skipped."
    )
    bad_example = "Die Rede war ein Haufen Gibberish, however niemand widersprach."
    good_example = "Die Rede war ein Haufen Unsinn, doch niemand widersprach."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        hits = []
        for i, t in _candidates(sent):
            low = t.text.lower()
            de = _zipf(low, "de")
            if _foreign(low, "en", "de") or (len(low) >= 8 and de < 2.0 and _english_compound(low)):
                hits.append((i, t))
        for run in _runs(hits):
            text = sent.span(run[0].start, run[-1].end)
            yield self.finding(
                f'"{text}" looks like untranslated English',
                run[0].start,
                run[-1].end,
                confidence=0.8 if len(run) == 1 else 0.95,
            )


@lru_cache(maxsize=50_000)
def _german_common_noun(word: str) -> bool:
    """HanTa's German lexicon knows the word as a common noun (not a name)."""
    tagged = tag(tokens(word), "de")
    return len(tagged) == 1 and tagged[0].pos == "NN"


@register
class GermanInEnglish(Check):
    id = "LANG-MIX-002"
    name = "german-word-in-english"
    langs = frozenset({"en"})
    category = "Accuracy/Untranslated"
    severity = "major"
    summary = "A German word left untranslated in English text."
    explanation = (
        'Lower-case words that are common German and (nearly) unknown English ("und", '
        '"nicht", "wurde") and capitalised German common nouns unknown to English '
        '("Regierung") were left untranslated. Names, quoted titles, name particles '
        '("von") and German words English has borrowed ("Kindergarten") pass.'
    )
    bad_example = "The Regierung said it would nicht raise taxes."
    good_example = "The government said it would not raise taxes."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        hits = []
        for i, t in _candidates(sent):
            if self._is_german(t, first=i == 0):
                hits.append((i, t))
        for run in _runs(hits):
            text = sent.span(run[0].start, run[-1].end)
            yield self.finding(
                f'"{text}" looks like untranslated German',
                run[0].start,
                run[-1].end,
                confidence=0.8 if len(run) == 1 else 0.95,
            )

    @staticmethod
    def _is_german(t: Tagged, first: bool) -> bool:
        low = t.text.lower()
        de, en = _zipf(low, "de"), _zipf(low, "en")
        if t.text[0].islower():
            return _foreign(low, "de", "en")
        return not first and de >= _FOREIGN_MIN and en < 1.5 and _german_common_noun(t.text)
