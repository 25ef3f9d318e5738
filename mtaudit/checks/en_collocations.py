"""Improbable English word combinations: a general signal for synonym-swapped collocations.

Spinners and literal MT swap one word of a collocation for a "synonym" ("powerful tea" for
strong tea, "quick food" for fast food): each word is common, the pair is not.
The curated lexicon in :mod:`mtaudit.checks.en_distortions` knows specific distortions; this
check generalises from counts. ``data/collocations/en_pairs.tsv.gz`` (built by
``benchmarks/build_collocations.py``) holds lemma-pair counts for adjective+noun, verb+object
and noun+noun; a pair of two frequent words that was never seen, although both words were
seen often with partners that repeat, is flagged. With a corpus this small the evidence is
thin, so the check is off by default (see ``off_reason``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import table
from mtaudit.lang.tagging import Tagged, tag

NOUN_TAGS = frozenset({"NN0", "NN1", "NN2"})
ADJ_TAGS = frozenset({"AJ0"})
_ADJ_CHAIN = frozenset({"AJ0", "AJC", "AJS", "ORD"})
_OBJ_SKIP = frozenset({"AT0", "DT0", "DPS", "AJ0", "AJC", "AJS", "CRD", "ORD"})
RELATIONS = ("AN", "VO", "NN")
"""AN adjective+head noun, VO lexical verb+object head noun, NN noun modifier+noun."""

MIN_ZIPF = 4.0
"""Both words must be common (wordfreq Zipf >= 4): rare words are simply unseen, not odd."""
MIN_SIDE = 5
"""Each word must have been seen at least this often in its slot of the relation."""
MAX_OPENNESS = 0.9
"""Skip words whose partners are almost all one-offs (Good-Turing unseen mass above this)."""


@dataclass(frozen=True)
class Pair:
    """One word pair found in a tagged sentence, with document offsets covering both words."""

    rel: str
    left: str
    right: str
    start: int
    end: int


def _usable(item: Tagged, first: bool) -> bool:
    """Alphabetic, lower-case-looking words only: capitals inside a sentence are names."""
    return item.text.isalpha() and (first or not item.text[:1].isupper())


def extract_pairs(tagged: list[Tagged]) -> Iterator[Pair]:
    """Adjective+noun, verb+object and noun+noun lemma pairs; the build script shares this.

    The noun partner is the head (last noun) of a compound run, so "noisy train
    station" yields noisy+station and train+station.
    """
    n = len(tagged)

    def lemma(i: int) -> str:
        return tagged[i].lemma.lower()

    def ok(i: int) -> bool:
        return _usable(tagged[i], i == 0)

    def noun_run(j: int) -> int:
        """Index of the last noun in the run starting at ``j`` (-1 when none starts there)."""
        if j >= n or tagged[j].pos not in NOUN_TAGS:
            return -1
        while j + 1 < n and tagged[j + 1].pos in NOUN_TAGS:
            j += 1
        return j

    for i, item in enumerate(tagged):
        if not ok(i):
            continue
        if item.pos in NOUN_TAGS and i + 1 < n and tagged[i + 1].pos in NOUN_TAGS and ok(i + 1):
            yield Pair("NN", lemma(i), lemma(i + 1), item.start, tagged[i + 1].end)
        if item.pos in ADJ_TAGS:
            j = i + 1
            while j < n and tagged[j].pos in _ADJ_CHAIN:
                j += 1
            head = noun_run(j)
            if head >= 0 and ok(head):
                yield Pair("AN", lemma(i), lemma(head), item.start, tagged[head].end)
        elif item.pos.startswith("VV"):
            j = i + 1
            while j < n and j - i <= 4 and tagged[j].pos in _OBJ_SKIP:
                j += 1
            head = noun_run(j)
            if head >= 0 and ok(head):
                yield Pair("VO", lemma(i), lemma(head), item.start, tagged[head].end)


@dataclass
class _Side:
    """Marginal evidence for one word in one slot: tokens, distinct partners, one-offs."""

    count: int = 0
    types: int = 0
    singletons: int = 0

    @property
    def openness(self) -> float:
        """Good-Turing estimate of the chance its next partner is a new one."""
        return (self.singletons + 1) / (self.count + 1)


class CollocationTable:
    """Lemma-pair counts per relation with their marginals, loaded once."""

    def __init__(self, rows: Iterable[tuple[str, str, str, int]]) -> None:
        self.pairs: dict[tuple[str, str, str], int] = {}
        self.left: dict[tuple[str, str], _Side] = defaultdict(_Side)
        self.right: dict[tuple[str, str], _Side] = defaultdict(_Side)
        self.total: dict[str, int] = defaultdict(int)
        for rel, a, b, c in rows:
            self.pairs[(rel, a, b)] = c
            self.total[rel] += c
            for side in (self.left[(rel, a)], self.right[(rel, b)]):
                side.count += c
                side.types += 1
                side.singletons += c == 1

    def evidence(self, rel: str, a: str, b: str) -> tuple[int, float, float, float]:
        """Observed count, expected count under independence, and both openness figures."""
        left = self.left.get((rel, a), _Side())
        right = self.right.get((rel, b), _Side())
        total = self.total.get(rel, 0) or 1
        expected = left.count * right.count / total
        return self.pairs.get((rel, a, b), 0), expected, left.openness, right.openness


@lru_cache(maxsize=1)
def load_table() -> CollocationTable:
    """The shipped table (``rel, left, right, count`` rows, gzip TSV)."""
    rows = table("collocations/en_pairs.tsv.gz")
    return CollocationTable([(r["rel"], r["left"], r["right"], int(r["count"])) for r in rows])


@lru_cache(maxsize=20_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def score(table: CollocationTable, pair: Pair) -> float:
    """Confidence that the pair is an odd combination, 0 when there is no evidence for it.

    An unseen pair is surprising in proportion to how often independence predicts it:
    P(unseen) = exp(-expected). The table is small, so even the floor is low confidence.
    """
    if min(_zipf(pair.left), _zipf(pair.right)) < MIN_ZIPF:
        return 0.0
    left = table.left.get((pair.rel, pair.left))
    right = table.right.get((pair.rel, pair.right))
    if left is None or right is None or min(left.count, right.count) < MIN_SIDE:
        return 0.0
    observed, expected, open_a, open_b = table.evidence(pair.rel, pair.left, pair.right)
    if observed or max(open_a, open_b) > MAX_OPENNESS:
        return 0.0
    return round(min(0.9, 0.2 + 0.7 * (1.0 - math.exp(-expected))), 3)


_REL_NAMES = {"AN": "adjective+noun", "VO": "verb+object", "NN": "noun+noun"}


@register
class ImprobableCollocation(Check):
    id = "EN-COLLOC-001"
    name = "improbable-collocation"
    langs = frozenset({"en"})
    category = "Fluency/Word choice"
    severity = "minor"
    summary = "Two common words combined in a way English text almost never combines them."
    explanation = (
        "Synonym swaps keep each word correct but break the collocation: armies hold drills, "
        "not 'hold an army'; officials are senior, not 'sensible'. The check looks up "
        "adjective+noun, verb+object and noun+noun lemma pairs in counts from clean English "
        "and flags pairs of frequent words that were never seen together although both words "
        "were seen often with partners that repeat."
    )
    bad_example = "Police said he had committed a big crime."
    good_example = "Police said he had committed a serious crime."
    default_enabled = False
    off_reason = (
        "Misses 90% precision: the table holds only ~25k pair tokens. On 2,210 held-out clean "
        "English sentences it fires on 7.87%; on 367 spinner-style swaps recall is 7.08% and "
        "precision 36.11% (benchmarks/inject_collocations.py, seed 1)."
    )

    def check_sentence(self, sent: SentenceView) -> Iterable[Finding]:
        table = load_table()
        for pair in extract_pairs(tag(sent.tokens, "en")):
            conf = score(table, pair)
            if conf > 0:
                shown = sent.span(pair.start, pair.end)
                yield self.finding(
                    f'unusual {_REL_NAMES[pair.rel]} combination "{shown}"'
                    f" ({pair.left} + {pair.right} never seen together)",
                    pair.start,
                    pair.end,
                    confidence=conf,
                )
