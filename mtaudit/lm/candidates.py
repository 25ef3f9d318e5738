"""Candidate corrections for a sentence: the small edits the language model compares.

LM-Critic's idea (Yasunaga et al. 2021): a sentence is suspect when a small edit makes a
language model much happier with it. The LM cannot grade a sentence alone, so every signal
comes from comparing the sentence with edited versions of itself. The edits come from:

* the checks: every finding's ``replacements`` (a calque's idiom, a false friend's word, a
  repetition removed);
* morphological neighbours — German: another article or determiner ending (case, gender,
  number), the other possessive or personal pronoun (sein/ihr, er/sie), another adjective
  ending; English: is/are, has/have, was/were, a/an, this/these, its/his/her/their;
* deleting a doubled or stray word;
* English collocates a near-synonym may have displaced ("weighty traffic" -> "heavy
  traffic", ``collocations/en_swaps.tsv``).

Generators only look at the words the LM found most surprising and at the words a check
flagged, so a sentence costs a handful of candidates, not hundreds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.lang.tagging import Tagged
from mtaudit.lang.tokens import Token, words

_ARTICLES = {
    "definite": ("der", "die", "das", "den", "dem", "des"),
    "indefinite": ("ein", "eine", "einen", "einem", "einer", "eines"),
}
_EIN_STEMS = ("kein", "mein", "dein", "sein", "ihr", "unser", "euer", "eur")
_DER_STEMS = ("dies", "jen", "jed", "manch", "welch", "solch", "all")
_ENDINGS = ("", "e", "en", "em", "er", "es")
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_DE_SWAPS = {
    "er": ("sie",),
    "sie": ("er",),
    "ihn": ("sie",),
    "ihm": ("ihr",),
    "ihr": ("ihm",),
}
_EN_SWAPS = {
    "is": ("are",),
    "are": ("is",),
    "was": ("were",),
    "were": ("was",),
    "has": ("have",),
    "have": ("has",),
    "does": ("do",),
    "do": ("does",),
    "doesn't": ("don't",),
    "don't": ("doesn't",),
    "isn't": ("aren't",),
    "aren't": ("isn't",),
    "wasn't": ("weren't",),
    "weren't": ("wasn't",),
    "a": ("an",),
    "an": ("a",),
    "this": ("these",),
    "these": ("this",),
    "that": ("those",),
    "those": ("that",),
    "his": ("its", "her", "their"),
    "her": ("its", "his", "their"),
    "its": ("their", "his", "her"),
    "their": ("its",),
}


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (sentence offsets) by ``replacement``; ``origin`` says
    which generator or check proposed it."""

    start: int
    end: int
    replacement: str
    origin: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _determiner_forms(word: str) -> list[str]:
    """Other case/gender/number forms of a German article or determiner."""
    low = word.lower()
    for forms in _ARTICLES.values():
        if low in forms:
            return [f for f in forms if f != low]
    for stem in (*_EIN_STEMS, *_DER_STEMS):
        if low.startswith(stem) and low[len(stem) :] in _ENDINGS:
            endings = _ENDINGS if stem in _EIN_STEMS else _ENDINGS[1:]
            out = [stem + e for e in endings if stem + e != low]
            if stem in ("sein", "ihr"):  # possessive gender: seinem <-> ihrem
                other = "ihr" if stem == "sein" else "sein"
                out.append(other + low[len(stem) :])
            return out
    return []


def _adjective_forms(word: str) -> list[str]:
    """Other strong/weak endings of an inflected German adjective ("großen" -> "große")."""
    low = word.lower()
    for ending in ("em", "en", "er", "es", "e"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: -len(ending)]
            return [stem + e for e in _ADJ_ENDINGS if stem + e != low]
    return []


def neighbours(
    text: str,
    lang: str,
    positions: Iterable[int] | None = None,
    tagged: Sequence[Tagged] | None = None,
) -> list[Edit]:
    """Morphological neighbours of the words of ``text`` (sentence offsets).

    ``positions`` restricts the generators to words covering these character offsets (the
    surprising tokens, the flagged words); ``tagged`` are the words with their POS tags and
    lemmas when known, so adjective endings are only varied on adjectives and an English
    collocate can be swapped back to the word it displaced (:func:`collocate_swaps`).
    """
    found = words(text)
    wanted = None if positions is None else set(positions)
    tags = [t.pos for t in tagged] if tagged is not None else None
    out: list[Edit] = []
    for i, tok in enumerate(found):
        if lang == "en" and tagged is not None and i < len(tagged):
            out.extend(collocate_swaps(tagged[i]))  # few words have them: tried everywhere
        if wanted is not None and not any(tok.start <= p < tok.end for p in wanted):
            continue
        forms: list[str] = []
        low = tok.text.lower()
        if lang == "de":
            forms = _determiner_forms(tok.text) or list(_DE_SWAPS.get(low, ()))
            if not forms and tags is not None and i < len(tags) and tags[i].startswith("ADJ"):
                forms = _adjective_forms(tok.text)
        elif lang == "en":
            forms = list(_EN_SWAPS.get(low, ()))
            if not forms and tags is not None and i < len(tags):
                if tags[i] == "VVZ" and low.endswith("s"):
                    forms = [low[:-1]]
                elif tags[i] == "VVB" and low.isalpha():
                    forms = [low + "s"]
        out.extend(Edit(tok.start, tok.end, _cased(f, tok.text), "neighbour") for f in forms)
        out.extend(_deletion(text, found, i))
    return out


SWAPS_PER_WORD = 4


@lru_cache(maxsize=1)
def _displaced() -> dict[str, list[str]]:
    """For each near-synonym of ``collocations/en_swaps.tsv``, the collocates it displaces
    (written "weighty" -> "heavy"), in table order."""
    from mtaudit.data import table

    out: dict[str, list[str]] = {}
    for row in table("collocations/en_swaps.tsv"):
        for alt in row["alternatives"].split("|"):
            if " " not in alt and row["lemma"] not in out.setdefault(alt, []):
                out[alt].append(row["lemma"])
    return out


def collocate_swaps(t: Tagged) -> list[Edit]:
    """The collocates an English word may have displaced, inflected like it ("did a
    decision" -> "made"), for the LM to compare with the written word."""
    from mtaudit.lang.english import inflect

    lemma = (t.lemma or t.text).lower()
    if t.pos[:1] not in ("V", "A") or lemma not in _displaced():
        return []
    out = []
    for collocate in _displaced()[lemma][:SWAPS_PER_WORD]:
        word = inflect(collocate, t) if t.pos[:1] == "V" else _cased(collocate, t.text)
        if word.lower() != t.text.lower():
            out.append(Edit(t.start, t.end, word, "swap"))
    return out


def _deletion(text: str, found: list[Token], i: int) -> list[Edit]:
    """Delete a word repeated right before it ("die die Regierung")."""
    if i and found[i - 1].text.lower() == found[i].text.lower():
        start = found[i - 1].end
        return [Edit(start, found[i].end, "", "deletion")]
    return []


def from_findings(findings: Iterable, sentence_start: int, sentence: str) -> list[Edit]:
    """The checks' own suggested fixes as edits of the sentence (document -> sentence offsets)."""
    out = []
    for f in findings:
        start, end = f.start - sentence_start, f.end - sentence_start
        if not (0 <= start <= end <= len(sentence)):
            continue
        for replacement in f.replacements:
            if replacement != sentence[start:end]:
                out.append(Edit(start, end, replacement, f"check:{f.check_id}"))
    return out


def unique(edits: Iterable[Edit], text: str, limit: int) -> list[tuple[Edit, str]]:
    """Edits with distinct results (and differing from ``text``), at most ``limit``; the
    checks' edits first."""
    seen: set[str] = {text}
    out: list[tuple[Edit, str]] = []
    ordered = sorted(edits, key=lambda e: not e.origin.startswith("check:"))
    for edit in ordered:
        new = edit.apply(text)
        if new not in seen:
            seen.add(new)
            out.append((edit, new))
        if len(out) == limit:
            break
    return out
