"""Lemma-based phrase matcher for lexicon checks (calques, tortured phrases).

Word-for-word translations are fixed multi-word expressions, but they occur inflected
("machte Sinn"), with words in between ("macht für kleine Betriebe keinen Sinn") and with
the verb before or after its object. Matching lemmas from :func:`mtaudit.lang.tagging.tag`
with bounded gaps catches those forms without a regex per entry.

Pattern syntax (elements separated by spaces):

* ``Ton`` — a lemma or a lower-cased word form; ``a|b`` alternatives.
* ``<YEAR>`` (1800-2099), ``<NUM>`` (any number), ``<CAP>`` (capitalised word).
* ``...`` — up to :data:`DEFAULT_GAP` tokens in between (``...2`` sets the limit), never
  across a clause mark (``, ; : ( ) "``).
* ``~`` — like ``...`` but the two sides may come in either order (German verb position).

A separable verb is also indexed under its joined lemma: "legte den Entwurf vor" carries
the lemma ``vorlegen`` on "legte".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from mtaudit.data import table
from mtaudit.lang.frequency import zipf_frequency
from mtaudit.lang.tagging import Tagged, is_finite_verb, tag
from mtaudit.lang.tokens import Token

DEFAULT_GAP = 4
UNLESS_WINDOW = 3
_CLAUSE_MARKS = frozenset(',;:()"“”„«»')
_CLASSES = {
    "<YEAR>": lambda t: bool(re.fullmatch(r"(18|19|20)\d\d", t.text)),
    "<NUM>": lambda t: t.text[:1].isdigit(),
    "<CAP>": lambda t: t.text[:1].isupper(),
}


@dataclass(frozen=True)
class Element:
    """One word slot of a pattern: a set of accepted keys or a word class."""

    keys: frozenset[str] = frozenset()
    word_class: str = ""

    def accepts(self, keys: frozenset[str], token: Tagged) -> bool:
        if self.word_class:
            return _CLASSES[self.word_class](token)
        return not self.keys.isdisjoint(keys)


@dataclass(frozen=True)
class Pattern:
    """A compiled lexicon pattern: contiguous chunks joined by bounded gaps."""

    source: str
    chunks: tuple[tuple[Element, ...], ...]
    gaps: tuple[int, ...]
    unordered: bool
    unless: frozenset[str] = frozenset()
    payload: object = field(default=None, compare=False)


@dataclass(frozen=True)
class Match:
    """A pattern found in a sentence: the matched words and their overall document span."""

    pattern: Pattern
    words: tuple[Tagged, ...]

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def text(self) -> str:
        """The matched words only (gap words left out), for messages."""
        return " ".join(w.text for w in self.words)


def compile_pattern(source: str, payload: object = None, unless: str = "") -> Pattern:
    """Parse one pattern string (see the module docstring).

    ``unless`` lists lemmas or forms (``a|b``) that cancel a match when they occur within
    :data:`UNLESS_WINDOW` tokens of it: the literal reading of many calques has a
    tell-tale neighbour ("den *richtigen* Ton treffen" is idiomatic German).
    """
    chunks: list[list[Element]] = [[]]
    gaps: list[int] = []
    unordered = False
    for part in source.split():
        gap = re.fullmatch(r"(\.\.\.|~)(\d*)", part)
        if gap:
            unordered = unordered or gap.group(1) == "~"
            gaps.append(int(gap.group(2) or DEFAULT_GAP))
            chunks.append([])
        elif part in _CLASSES:
            chunks[-1].append(Element(word_class=part))
        else:
            chunks[-1].append(Element(keys=frozenset(k.lower() for k in part.split("|"))))
    if any(not c for c in chunks):
        raise ValueError(f"empty chunk in pattern {source!r}")
    blockers = frozenset(k.lower() for k in unless.split("|") if k)
    return Pattern(
        source, tuple(tuple(c) for c in chunks), tuple(gaps), unordered, blockers, payload
    )


def _token_keys(tagged: Sequence[Tagged]) -> list[frozenset[str]]:
    """Lemma and form of each word; finite verbs also get their separable prefix joined."""
    keys = [{t.lemma.lower(), t.text.lower()} for t in tagged]
    for i, t in enumerate(tagged):
        if t.pos == "PTKVZ":
            verb = None
            for j in range(i - 1, -1, -1):
                if tagged[j].text in _CLAUSE_MARKS:
                    break  # the particle belongs to a verb of its own clause
                if is_finite_verb(tagged[j], "de"):
                    verb = j
                    break
            if verb is not None:
                keys[verb].discard(tagged[verb].lemma.lower())
                keys[verb].add(t.text.lower() + tagged[verb].lemma.lower())
    return [frozenset(k) for k in keys]


class PhraseMatcher:
    """Many patterns, indexed by their rarest literal word so a sentence costs a few lookups."""

    def __init__(self, patterns: Iterable[Pattern], lang: str) -> None:
        self.lang = lang
        self._index: dict[str, list[Pattern]] = {}
        self._class_patterns: list[Pattern] = []
        for pattern in patterns:
            literal = [e for c in pattern.chunks for e in c if e.keys]
            if not literal:
                self._class_patterns.append(pattern)
                continue
            anchor = min(literal, key=lambda e: max(zipf_frequency(k, lang) for k in e.keys))
            for key in anchor.keys:
                self._index.setdefault(key, []).append(pattern)

    def __len__(self) -> int:
        return len({id(p) for ps in self._index.values() for p in ps}) + len(self._class_patterns)

    def match_tokens(self, tokens: Sequence[Token]) -> list[Match]:
        """All non-overlapping matches in one sentence's tokens (words and punctuation)."""
        tagged = tag(list(tokens), self.lang)
        keys = _token_keys(tagged)
        candidates: dict[int, Pattern] = {}
        for token_keys in keys:
            for key in token_keys:
                for pattern in self._index.get(key, ()):
                    candidates[id(pattern)] = pattern
        for pattern in self._class_patterns:
            candidates[id(pattern)] = pattern
        found = []
        for pattern in candidates.values():
            found.extend(_find(pattern, tagged, keys))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Match] = []
        for match in found:
            if not kept or match.start >= kept[-1].end:
                kept.append(match)
        return kept


def _chunk_at(chunk: Sequence[Element], tagged, keys, i: int) -> bool:
    return i + len(chunk) <= len(tagged) and all(
        e.accepts(keys[i + k], tagged[i + k]) for k, e in enumerate(chunk)
    )


def _find(pattern: Pattern, tagged: Sequence[Tagged], keys) -> list[Match]:
    orders = (
        itertools.permutations(range(len(pattern.chunks)))
        if pattern.unordered
        else [tuple(range(len(pattern.chunks)))]
    )
    matches = []
    for order in orders:
        chunks = [pattern.chunks[i] for i in order]
        gaps = sorted(pattern.gaps) if pattern.unordered else list(pattern.gaps)
        for start in range(len(tagged)):
            positions = _place(chunks, gaps, tagged, keys, start)
            if positions is not None and not _blocked(pattern, keys, positions, chunks):
                spans = zip(positions, chunks, strict=True)
                words = sorted(
                    (tagged[p + k] for p, c in spans for k in range(len(c))), key=lambda t: t.start
                )
                matches.append(Match(pattern, tuple(words)))
    return matches


def _blocked(pattern: Pattern, keys, positions: list[int], chunks) -> bool:
    if not pattern.unless:
        return False
    lo = max(0, min(positions) - UNLESS_WINDOW)
    hi = max(p + len(c) for p, c in zip(positions, chunks, strict=True)) + UNLESS_WINDOW
    return any(not pattern.unless.isdisjoint(k) for k in keys[lo:hi])


def _place(chunks, gaps, tagged, keys, start: int) -> list[int] | None:
    """Positions of each chunk when the first sits at ``start`` (nearest-first search)."""
    if not _chunk_at(chunks[0], tagged, keys, start):
        return None
    positions = [start]
    for chunk, gap in zip(chunks[1:], gaps, strict=False):
        pos = positions[-1] + len(chunks[len(positions) - 1])
        for nxt in range(pos, min(pos + gap, len(tagged) - 1) + 1):
            if _chunk_at(chunk, tagged, keys, nxt):
                positions.append(nxt)
                break
            if tagged[nxt].text in _CLAUSE_MARKS:
                return None
        else:
            return None
    return positions


@cache
def lexicon_matcher(resource: str, lang: str, kinds: frozenset[str] | None = None) -> PhraseMatcher:
    """A matcher over one lexicon table (rows as payloads), optionally only some ``kind`` rows."""
    rows = [r for r in table(resource) if kinds is None or r.get("kind") in kinds]
    return PhraseMatcher(
        (compile_pattern(r["pattern"], r, r.get("unless", "")) for r in rows), lang
    )
