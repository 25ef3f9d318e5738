"""Repetition checks (REP-*): doubled words, repeated phrases, circular clauses, loops.

Neural MT degenerates by repeating itself: a word twice ("die die Regierung"), a phrase twice
in one sentence, a subject copied into the object slot, or a loop ("and so on and so on").
Human text almost never does this, so these checks are precise without any model.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import table
from mtaudit.lang.tagging import Tagged, is_finite_verb, tag


@lru_cache(maxsize=1)
def _legit_doubles() -> dict[tuple[str, str], str]:
    return {(r["lang"], r["word"]): r["when"] for r in table("generic/legit_doubles.tsv")}


_CONTENT_POS = {
    "de": ("NN", "NE", "ADJ", "VV"),
    "en": ("NN1", "NN2", "NN0", "NP0", "AJ0", "AJC", "AJS", "VVB", "VVD", "VVG", "VVN", "VVZ"),
}
_CLAUSE_BREAKS = {
    ",",
    ";",
    ":",
    "–",
    "—",
    "(",
    ")",
    "und",
    "and",
    "but",
    "aber",
    "oder",
    "or",
    "weil",
    "because",
    "dass",
    "that",
    "which",
    "who",
    "der",
    "die",
    "das",
}


def is_content(item: Tagged, lang: str) -> bool:
    """Nouns, names, adjectives and full verbs: the words whose repetition is suspicious."""
    return item.pos.startswith(_CONTENT_POS.get(lang, ())) and item.text[:1].isalpha()


@register
class DoubledWord(Check):
    id = "REP-001"
    name = "doubled-word"
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "The same word twice in a row."
    explanation = (
        'A word written twice in a row ("the the", "die die Regierung") is a typing or MT '
        'decoding slip. German relative pronoun + article (", die die Regeln machen") and a '
        'few English pairs ("had had") are grammatical and are skipped.'
    )
    bad_example = "The committee approved the the budget on Friday."
    good_example = "The committee approved the budget on Friday."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        toks = sent.tokens
        legit = _legit_doubles()
        for i in range(1, len(toks)):
            a, b = toks[i - 1], toks[i]
            if not a.is_word() or a.lower != b.lower or a.text.isdigit():
                continue
            if sent.text[a.end - sent.start : b.start - sent.start] != " ":
                continue
            if (i >= 2 and toks[i - 2].lower == a.lower) or (
                i + 1 < len(toks) and toks[i + 1].lower == a.lower
            ):
                continue  # three or more in a row: a loop, REP-004 reports it
            when = legit.get((sent.lang, a.lower))
            if when == "any" or (when == "clause" and self._after_clause_start(sent, i - 1)):
                continue
            yield self.finding(f'"{a.text} {b.text}": word repeated', a.start, b.end)

    @staticmethod
    def _after_clause_start(sent: SentenceView, i: int) -> bool:
        if i == 0:
            return False
        prev = sent.tokens[i - 1]
        if prev.text in {",", "–", "("}:
            return True
        tagged = tag(sent.tokens, sent.lang)
        return bool(tagged) and tagged[i - 1].pos.startswith(("APPR", "PRP", "KOUS"))


def _repeats(sent: SentenceView, min_len: int, min_content: int) -> Iterator[tuple[int, int, int]]:
    """(first index, second index, length) of maximal repeated word n-grams in a sentence."""
    toks = sent.tokens
    tagged = tag(toks, sent.lang)
    if len(tagged) != len(toks):
        return
    low = [t.lower for t in toks]
    n = len(toks)
    covered: set[int] = set()
    for i in range(n):
        for j in range(i + 1, n):
            if j in covered or low[i] != low[j] or not toks[i].is_word():
                continue
            k = 0
            while j + k < n and i + k < j and low[i + k] == low[j + k]:
                k += 1
            if i > 0 and low[i - 1] == low[j - 1]:
                continue  # not maximal: the repeat started earlier
            span = tagged[i : i + k]
            words = [t for t in span if t.text[:1].isalnum()]
            content = sum(is_content(t, sent.lang) for t in words)
            if len(words) >= min_len and content >= min_content:
                covered.update(range(j, j + k))
                yield i, j, k


@register
class RepeatedPhrase(Check):
    id = "REP-002"
    name = "repeated-phrase"
    category = "Style/Awkward"
    severity = "minor"
    summary = "A phrase of several words occurs twice in one sentence."
    explanation = (
        'Machine translation sometimes emits the same phrase twice in one sentence ("has '
        'worried the markets ... has worried the markets"). A repeated run of at least four '
        "words with two content words is rare in edited text."
    )
    bad_example = "The new tariffs have hurt farmers, and the new tariffs have hurt farmers badly."
    good_example = "The new tariffs have hurt farmers, and they have hurt exporters as well."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        toks = sent.tokens
        for i, j, k in _repeats(sent, min_len=4, min_content=2):
            if _circular(sent, i, j, k):
                continue  # REP-003 reports it with a sharper message
            phrase = sent.span(toks[i].start, toks[i + k - 1].end)
            yield self.finding(
                f'"{phrase}" occurs twice in one sentence', toks[j].start, toks[j + k - 1].end
            )


def _circular(sent: SentenceView, i: int, j: int, k: int) -> bool:
    """True when a repeated noun phrase sits on both sides of one finite verb, clause-internal."""
    tagged = tag(sent.tokens, sent.lang)
    between = tagged[i + k : j]
    if not between or len(between) > 8:
        return False
    if any(t.lower() in _CLAUSE_BREAKS for t in (x.text for x in between)):
        return False
    phrase = tagged[i : i + k]
    nouns = [t for t in phrase if t.pos.startswith(("NN", "NE", "NP"))]
    return (
        len(nouns) >= 1
        and sum(is_finite_verb(t, sent.lang) for t in between) == 1
        and all(not is_finite_verb(t, sent.lang) for t in phrase)
    )


@register
class CircularClause(Check):
    id = "REP-003"
    name = "circular-clause"
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "The subject phrase reappears as the object of the same short clause."
    explanation = (
        "When MT loses track of an argument it often copies the subject into the object slot: "
        '"The Mayor of Lyon criticised the Mayor of Lyon". A noun phrase with two or more '
        "content words on both sides of a single finite verb, within a short clause, is "
        "almost never intended."
    )
    bad_example = "The Mayor of Lyon has criticised the Mayor of Lyon for the delay."
    good_example = "The Mayor of Lyon has criticised the regional council for the delay."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        toks = sent.tokens
        for i, j, k in _repeats(sent, min_len=2, min_content=2):
            if _circular(sent, i, j, k):
                phrase = sent.span(toks[j].start, toks[j + k - 1].end)
                yield self.finding(
                    f'"{phrase}" is both the subject and the object of the clause',
                    toks[j].start,
                    toks[j + k - 1].end,
                )


@register
class RepetitionLoop(Check):
    id = "REP-004"
    name = "repetition-loop"
    category = "Fluency/Grammar"
    severity = "major"
    summary = "A word or short phrase repeated three or more times in a row."
    explanation = (
        'Degenerate MT output loops: "the the the", "and so on and so on and so on". '
        "Three back-to-back copies of the same one- to four-word unit are never good text."
    )
    bad_example = "Prices went up and up and up and up and up and up."
    good_example = "Prices went up and up all year."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        toks = [t for t in sent.tokens if t.is_word()]
        low = [t.lower for t in toks]
        i = 0
        while i < len(toks):
            hit = self._loop_at(low, i)
            if hit is None:
                i += 1
                continue
            size, copies = hit
            end = i + size * copies - 1
            unit = " ".join(t.text for t in toks[i : i + size])
            yield self.finding(
                f'"{unit}" repeated {copies} times in a row', toks[i].start, toks[end].end
            )
            i = end + 1

    @staticmethod
    def _loop_at(low: list[str], i: int) -> tuple[int, int] | None:
        for size in range(1, 5):
            unit = low[i : i + size]
            if len(unit) < size or (size == 1 and unit[0].isdigit()):
                continue
            copies = 1
            while low[i + copies * size : i + (copies + 1) * size] == unit:
                copies += 1
            if copies >= 3:
                return size, copies
        return None
