"""Names spelled for the wrong language: romanisation of Slavic names and foreign titles.

English and German romanise Russian and Ukrainian names differently (Chekhov/Tschechow,
Navalny/Nawalny, Kharkiv/Charkiw). MT usually copies the source spelling, so a German
text gets the English one. Instead of a list of people, we rewrite the word with
transliteration rules (``data/names/translit.tsv``) and let word frequencies decide: when
the rewritten spelling is attested and clearly more frequent in the target language, the
original is the other language's spelling. Courtesy titles left in the source
language ("Herr Becker" in English text) are a related leftover.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import table
from mtaudit.lang.caching import WORD_FORMS
from mtaudit.lang.frequency import zipf_frequency
from mtaudit.lang.tagging import tag

MIN_ZIPF = 1.0
"""The rewritten spelling must be attested at least this often (per 10^9 words, log10)."""
MARGIN = 0.25
"""...and be this much more frequent than the original spelling in the target language."""
MAX_CANDIDATES = 512
_OTHER = {"de": "en", "en": "de"}
_NAME_TAGS = {"de": ("NE", "NN", "FM"), "en": ("NP0", "NN1", "UNC", "AJ0")}
_TRIGGERS = {
    "de": re.compile(r"v|y|sh|zh|kh|ts|^j|ou|q"),
    "en": re.compile(r"w|j|sch|ow$|ew$|ch|^k|k$|u[dfsr]"),
}
SLAVIC_SHAPE = {
    "en": re.compile(
        r"(ov|ev|ova|eva|ovs|vich|ovna|evna|sky|skiy|skyy|skaya|enko|yuk|chuk|yev|iev|lny|.{3}ei"
        r"|.{3}ey)$|zh|kh(?=[aeiou])|shch|yev|^(dm|vl|vy|yu|ya|yo|ye)"
    ),
    "de": re.compile(
        r"(ow|ew|owa|ewa|ows|witsch|owna|ewna|ski|skij|skyj|skaja|enko|juk|tschuk|jew|lny|.{3}ej)$"
        r"|tsch|^(dm|wl|wy|ju|ja|jo|je)"
    ),
}
"""Word shapes typical of a romanised Russian/Ukrainian name in each language's convention.

Outside these shapes ("Fisher", "Busch") the respelling is usually an ordinary loan word,
so only a large frequency margin for a rare, name-like spelling counts."""
WEAK_MARGIN = 1.5
COMMON_WORD = 4.0


@cache
def _rules(direction: str) -> tuple[re.Pattern[str], tuple[tuple[str, ...], ...]]:
    rows = [r for r in table("names/translit.tsv") if r["direction"] == direction]
    combined = re.compile("|".join(f"({r['pattern']})" for r in rows))
    groups = []
    for r in rows:  # a rule's own groups shift the numbering of the next rule's group
        groups.append(tuple(r["replacements"].split("|")))
        groups.extend([()] * re.compile(r["pattern"]).groups)
    return combined, tuple(groups)


def respellings(word: str, direction: str) -> set[str]:
    """Every spelling the rules allow for ``word`` (lower-cased), the word itself excluded."""
    combined, groups = _rules(direction)
    low = word.lower()
    pieces: list[tuple[str, ...]] = []
    pos = 0
    for m in combined.finditer(low):
        pieces.append((low[pos : m.start()],))
        pieces.append(groups[m.lastindex - 1] if m.lastindex else (m.group(),))
        pos = m.end()
    pieces.append((low[pos:],))
    out = {"".join(p) for p in itertools.islice(itertools.product(*pieces), MAX_CANDIDATES)}
    out.discard(low)
    return out


ARABIC_SHAPE = {
    "en": re.compile(r"^(?:al|abd|abu|ibn|dj|j|y|kh|sh|q)|kh|aq$|ou(?=d$|m$|ss|f)"),
    "de": re.compile(r"^(?:al|abd|abu|ibn|dsch|j|ch|ka)|dsch|ak$|(?<=[mdr])u(?=d$|m$|ss|f)"),
}
"""Shapes of a romanised Arabic name in each convention (Jalal/Dschalal, Khalid/Chalid,
Mahmoud/Mahmud, Qatar/Katar); they count only together with a clear frequency margin."""
ARABIC_MARGIN = 0.4
"""An Arabic-shaped name needs this frequency margin (Qatar/Katar: 0.46 in German)."""
UNKNOWN_MIN_ZIPF = 1.0
"""A spelling unknown in both languages ("Jangtze") is reported when a rewritten spelling is
attested this often in the target language and not more often in the source language."""
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")


@lru_cache(maxsize=WORD_FORMS)
def foreign_spelling(word: str, lang: str) -> tuple[str, float] | None:
    """(target-language spelling, frequency margin) when ``word`` is the other language's."""
    low = word.lower()
    ending = ""
    m = _POSSESSIVE.search(low)
    if m and len(low) > 5:
        low, ending = low[: m.start()], word[m.start() :]
    hit = _respelled(low, lang)
    if hit is None and low.endswith("s") and len(low) > 5:  # German genitive "Medvedevs"
        hit = _respelled(low[:-1], lang)
        ending = "s" + ending if hit else ending
    if hit is None:
        return None
    best, margin = hit
    return best[:1].upper() + best[1:] + ending, margin


@lru_cache(maxsize=WORD_FORMS)
def _respelled(low: str, lang: str) -> tuple[str, float] | None:
    src = _OTHER[lang]
    own, there = zipf_frequency(low, lang), zipf_frequency(low, src)
    if there < own:
        return None
    best = max(
        respellings(low, f"{src}2{lang}"), key=lambda c: zipf_frequency(c, lang), default=None
    )
    if best is None:
        return None
    score = zipf_frequency(best, lang)
    if own == there == 0:  # unknown in both: the rewritten name must be at home here
        if score < UNKNOWN_MIN_ZIPF or zipf_frequency(best, src) > score:
            return None
        return best, score
    if score < MIN_ZIPF or score < own + MARGIN or zipf_frequency(best, src) > there:
        return None
    shaped = SLAVIC_SHAPE[src].search(low) or (
        ARABIC_SHAPE[src].search(low) and score >= own + ARABIC_MARGIN
    )
    if not shaped and (score < own + WEAK_MARGIN or there >= COMMON_WORD or score >= COMMON_WORD):
        return None
    return best, score - own


def confidence(margin: float) -> float:
    """Confidence of a finding from the frequency margin: a margin of 1 Zipf point (the
    target spelling ten times as frequent) reaches 0.6, which with the major severity puts
    the sentence up for review."""
    return max(0.3, min(0.95, 0.35 + margin / 4))


class _Transliteration(Check):
    category = "Accuracy/Mistranslation"
    severity = "major"

    def check_sentence(self, sent: SentenceView) -> Iterable[Finding]:
        lang = sent.lang
        for item in tag(sent.tokens, lang):
            if not (item.text[:1].isupper() and len(item.text) >= 4 and item.text[1:].islower()):
                continue
            if not item.pos.startswith(_NAME_TAGS[lang]) or not _TRIGGERS[lang].search(
                item.text.lower()
            ):
                continue
            hit = foreign_spelling(item.text, lang)
            if hit is None:
                continue
            spelling, margin = hit
            language = "German" if lang == "de" else "English"
            yield self.finding(
                f'"{item.text}" is the {"English" if lang == "de" else "German"} spelling; '
                f'{language} writes "{spelling}"',
                item.start,
                item.end,
                confidence=confidence(margin),
                replacements=[spelling],
            )


@register
class EnglishSpellingInGerman(_Transliteration):
    id = "NAME-TRANSLIT-001"
    lm_judges = False  # dev: the LM rejected 6 of 8 true findings (it prefers English)
    name = "english-romanisation-in-german"
    langs = frozenset({"de"})
    summary = "A Russian/Ukrainian name in English romanisation inside German text."
    explanation = (
        "German romanises Cyrillic differently from English (v→w, sh→sch, zh→sch, ch→tsch, "
        "kh→ch, -ov→-ow): 'Chekhov' is 'Tschechow', 'Navalny' is 'Nawalny'. A copied English "
        "spelling shows the text was translated from English and was not edited."
    )
    bad_example = "Im Theater wurde ein Stück von Chekhov gespielt."
    good_example = "Im Theater wurde ein Stück von Tschechow gespielt."


@register
class GermanSpellingInEnglish(_Transliteration):
    id = "NAME-TRANSLIT-002"
    name = "german-romanisation-in-english"
    langs = frozenset({"en"})
    summary = "A Russian/Ukrainian name in German romanisation inside English text."
    explanation = (
        "The reverse case: 'Tschechow', 'Gorbatschow', 'Chodorkowski' are German spellings; "
        "English readers know 'Chekhov', 'Gorbachev', 'Khodorkovsky'. Copied from a German "
        "source they mark the text as an unedited translation."
    )
    bad_example = "The theatre staged a play by Tschechow last winter."
    good_example = "The theatre staged a play by Chekhov last winter."


_FOREIGN_TITLE = re.compile(
    r"\b(Herrn?|Frau|Hr\.|Mme\.?|Mlle\.?|Monsieur|M\.)\s+"
    r"([A-Z][\w'-]+)\b"
)
_ENGLISH_TITLE = {
    "Herr": "Mr",
    "Herrn": "Mr",
    "Hr.": "Mr",
    "Frau": "Ms/Mrs",
    "Mme": "Mrs",
    "Mme.": "Mrs",
    "Mlle": "Miss",
    "Mlle.": "Miss",
    "Monsieur": "Mr",
    "M.": "Mr",
}


@register
class ForeignTitle(Check):
    id = "NAME-TITLE-001"
    name = "foreign-title"
    langs = frozenset({"en"})
    category = "Accuracy/Untranslated"
    severity = "minor"
    summary = "A German or French title before a name in English text."
    explanation = (
        "Courtesy titles are translated with the text: 'Herr Becker' or 'M. Girard' in English are "
        "left over from the source language or a pivot translation. English titles in German "
        "text are not flagged: German writers quote 'Mr. Blair' on purpose (it fired on 0.4% "
        "of clean human German)."
    )
    bad_example = "Herr Becker said the harvest had been poor."
    good_example = "Mr Becker said the harvest had been poor."

    def check_sentence(self, sent: SentenceView) -> Iterable[Finding]:
        for m in _FOREIGN_TITLE.finditer(sent.text):
            title, name = m.group(1), m.group(2)
            before = re.search(r"(\w+)\W*$", sent.text[: m.start()])
            after = sent.text[m.end() :]
            if title == "M." and (
                (before and before.group(1)[:1].isupper()) or re.match(r"\s+[A-Z]", after)
            ):
                continue  # an initial: "John M. Smith", "M. Night Shyamalan"
            yield self.finding(
                f'"{title} {name}": the title "{title}" is not English; '
                f'write "{_ENGLISH_TITLE[title]} {name}"',
                sent.start + m.start(),
                sent.start + m.end(),
            )
