"""Source-aware checks (SRC-*): run only when a sentence comes with its source (bilingual input).

Things that must survive translation unchanged — numbers, dates, URLs, e-mail addresses,
names — are cheap to verify against the source and are among the errors reviewers weigh
most (MQM Accuracy). So are empty targets, targets that copy the source, untranslated spans
and targets whose length is far from what human translators produce for that source.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import table
from mtaudit.lang.caching import WORD_FORMS
from mtaudit.lang.lengths import length_model, length_z
from mtaudit.lang.tokens import words

SOURCE_LANG = {"de": "en", "en": "de"}
"""mtaudit audits de↔en, so the source language follows from the target's."""

_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:(?:[.,'’\u202f]| (?=\d{3}(?!\d)))\d{3})+(?:[.,]\d+)?(?![\d])"
    r"|(?<![\w.,])\d+(?:[.,]\d+)?(?!\d)"
)
_NUMBER_WORDS = {
    "one": 1,
    "ein": 1,
    "eine": 1,
    "einen": 1,
    "einem": 1,
    "einer": 1,
    "eines": 1,
    "eins": 1,
    "two": 2,
    "zwei": 2,
    "three": 3,
    "drei": 3,
    "four": 4,
    "vier": 4,
    "five": 5,
    "fünf": 5,
    "six": 6,
    "sechs": 6,
    "seven": 7,
    "sieben": 7,
    "eight": 8,
    "acht": 8,
    "nine": 9,
    "neun": 9,
    "ten": 10,
    "zehn": 10,
    "eleven": 11,
    "elf": 11,
    "twelve": 12,
    "zwölf": 12,
    "dozen": 12,
    "dutzend": 12,
    "hundred": 100,
    "hundert": 100,
    "thousand": 1000,
    "tausend": 1000,
    "first": 1,
    "erste": 1,
    "ersten": 1,
    "second": 2,
    "zweite": 2,
    "zweiten": 2,
    "third": 3,
    "dritte": 3,
    "dritten": 3,
    "half": 0.5,
    "halb": 0.5,
    "hälfte": 0.5,
}
_MONTHS = {
    1: ("january", "jan", "januar", "jänner"),
    2: ("february", "feb", "februar", "feber"),
    3: ("march", "mar", "märz", "maerz", "mrz"),
    4: ("april", "apr"),
    5: ("may", "mai"),
    6: ("june", "jun", "juni"),
    7: ("july", "jul", "juli"),
    8: ("august", "aug"),
    9: ("september", "sep", "sept"),
    10: ("october", "oct", "oktober", "okt"),
    11: ("november", "nov"),
    12: ("december", "dec", "dezember", "dez"),
}
_MONTH_OF = {name: m for m, names in _MONTHS.items() for name in names}
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'»«“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)


def _has_source(sent: SentenceView) -> bool:
    return bool(sent.source.strip())


def number_values(token: str) -> set[float]:
    """Every reading of a written number: German and English separators both allowed.

    ``1.234`` is 1234 in German and 1.234 in English, so both readings count; ``3,5`` and
    ``3.5`` both read 3.5; ``1,234.5`` and ``1.234,5`` both read 1234.5.
    """
    raw = re.sub(r"['’\u202f ]", "", token)
    if "." in raw and "," in raw:
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        group = "," if decimal == "." else "."
        return {float(raw.replace(group, "").replace(decimal, "."))}
    for sep in (".", ","):
        if raw.count(sep) > 1:
            return {float(raw.replace(sep, ""))}
        if raw.count(sep) == 1:
            whole, frac = raw.split(sep)
            readings = {float(f"{whole}.{frac}")}
            if len(frac) == 3:
                readings.add(float(whole + frac))
            return readings
    return {float(raw)}


def _numbers(text: str) -> list[tuple[str, set[float]]]:
    return [(m.group(), number_values(m.group())) for m in _NUMBER.finditer(text)]


def _target_values(text: str) -> set[float]:
    """Numbers written in the target, in digits or (small ones) in words, both languages."""
    values = {v for _, vals in _numbers(text) for v in vals}
    values |= {float(_NUMBER_WORDS[w.lower]) for w in words(text) if w.lower in _NUMBER_WORDS}
    return values


def _fold(text: str) -> str:
    """Lower case without diacritics: Zürich ~ Zurich, Dvořák ~ Dvorak."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


_POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$")
_INITIALISM = re.compile(r"(?:[A-Z]\.)+[A-Z]\.?")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_PHONETIC = (  # one spelling per sound that English and German romanise differently
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("kh", "ch"),
    ("ck", "k"),
    ("ph", "f"),
    ("ts", "z"),
    ("ou", "u"),
    ("q", "k"),
    ("w", "v"),
    ("j", "y"),
    ("y", "i"),
    ("x", "ks"),
)


@lru_cache(maxsize=WORD_FORMS)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


@lru_cache(maxsize=WORD_FORMS)
def _phonetic(text: str) -> str:
    """Fold the spellings transliteration disagrees on: Vladimir ~ Wladimir, Yemen ~ Jemen,
    Khrushchev ~ Chruschtschow, Croatia ~ Kroatien, Tchaikovsky ~ Tschaikowski."""
    out = _fold(text)
    for a, b in _PHONETIC:
        out = out.replace(a, b)
    out = re.sub(r"c(?!h)", "k", out)
    return re.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=1)
def _renderings() -> dict[str, tuple[str, ...]]:
    """German renderings of names German translates (UK -> Großbritannien, Greece ->
    Griechenland), folded like the target: ``data/names/de_renderings.tsv``."""
    return {
        row["name"].lower(): tuple(_fold(alt) for alt in row["german"].split("|"))
        for row in table("names/de_renderings.tsv")
    }


@lru_cache(maxsize=4096)
def _rendering_pattern(key: str) -> re.Pattern[str]:
    """Beginnings of four letters or more may sit inside a compound (US-gestützt,
    moskautreue); shorter ones must be a whole word or a hyphenated first part ("US-")."""
    alts = [
        re.escape(alt) if len(alt) >= 4 else rf"(?<!\w){re.escape(alt)}(?![^\W\d_])"
        for alt in _renderings()[key]
    ]
    return re.compile("|".join(alts))


def _pieces(word: str) -> list[str]:
    """A target word and, for hyphenated compounds, its parts (Saudi-Arabien, Moskau-treu)."""
    parts = [p for p in re.split(r"[-–/]", word.replace(".", "")) if p]
    return [word, *parts] if len(parts) > 1 else [word.replace(".", "")]


def _survives(name: str, target_words: list[str], target_text: str = "") -> bool:
    """A name survives verbatim, inflected (Merkels), in a compound (Moskau-treu), respelled
    (Vladimir ~ Wladimir, Zelensky ~ Selenskyj) or in its German rendering (UK ~
    Großbritannien, see :func:`_renderings`)."""
    key = name.lower()
    if key in _renderings() and _rendering_pattern(key).search(_fold(target_text)):
        return True
    n, pn = _fold(name), _phonetic(name)
    for w in target_words:
        for piece in _pieces(w):
            t, pt = _fold(piece), _phonetic(piece)
            if len(n) <= 2:  # two-letter acronyms: the word itself, or USA / UNO / EUs
                if t == n or (t.startswith(n) and len(t) == 3):
                    return True
                continue
            if n in t or (len(t) >= 4 and t in n) or pt.startswith(pn):
                return True
            prefix = len(pn) >= 4 and pt[:3] == pn[:3]
            if prefix and difflib.SequenceMatcher(None, pn, pt).ratio() >= 0.5:
                return True
            head = pt[: len(pn) + 1]
            if len(pn) >= 5 and difflib.SequenceMatcher(None, pn, head).ratio() >= 0.8:
                return True
    return False


def _common_word(word: str, lang: str) -> bool:
    """Frequent words (Monday, German, President) get translated; rarer capitals are names."""
    return _zipf(word, lang) >= 4.5


def _translated_word(word: str) -> bool:
    """An English word German has its own word for (Parachute, Treasury, Agriculture):
    reasonably common in English and far rarer in German, where names keep their frequency."""
    en = _zipf(word, "en")
    return en >= 3.3 and en - _zipf(word, "de") >= 1.5


def _emphasis(word: str) -> bool:
    """An all-caps ordinary word ("NUMBERS", "IDEA", "NEW"), not an acronym: common English
    and far rarer in German, where acronyms (NASA, NATO, BBC) are as frequent as in English.
    Acronyms that are also words (WHO, IT) are listed in ``de_renderings.tsv``."""
    low = word.lower()
    if low in _renderings():
        return False
    en = _zipf(low, "en")
    if len(word) <= 2:
        return en >= 5.5  # IN, ON, TO; two-letter acronyms that are words (US, IT) are listed
    return en >= 5.0 or (len(word) >= 4 and en >= 3.0 and en - _zipf(low, "de") >= 0.75)


def _forms(text: str) -> list[str]:
    """The name parts of a source token: possessive dropped (Department's), hyphenated
    modifiers split off (Moscow-backed -> Moscow), initialisms undotted (U.S -> US), plural
    acronyms made singular (MPs -> MP). Tokens with digits (COVID-19) stay whole."""
    text = _POSSESSIVE.sub("", text)
    if _INITIALISM.fullmatch(text):
        return [text.replace(".", "")]
    parts = [text] if any(ch.isdigit() for ch in text) else re.split(r"[-–]", text)
    out = []
    for part in parts:
        if _PLURAL_ACRONYM.fullmatch(part):
            part = part[:-1]
        if part and any(ch.isupper() for ch in part):
            out.append(part)
    return out


def name_candidates(source: str, lang: str) -> list[str]:
    """Capitalised source tokens that should reach the target unchanged.

    English: capitalised words that are not sentence-initial and not common words; headlines
    in Title Case are skipped, and so are all-caps ordinary words (emphasis) and English words
    that German translates. German capitalises every noun, so only acronyms, mixed-case
    brands (iPhone) and tokens with digits (COVID-19) count. Possessives and hyphenated
    modifiers are cut off first (Department's -> Department, Moscow-backed -> Moscow).
    """
    toks = words(source)
    if not toks:
        return []
    capitals = [t for t in toks if t.text[:1].isupper()]
    if lang == "en" and len(capitals) > 0.5 * len(toks) and len(toks) > 3:
        return []
    out = []
    for i, tok in enumerate(toks):
        if not tok.text[:1].isalpha() or _MONTH_OF.get(tok.text.lower().rstrip(".")):
            continue
        before = source[: tok.start].rstrip()
        initial = i == 0 or before.endswith((".", "!", "?", ":", '"', "“", "‘", "'", "("))
        for k, text in enumerate(_forms(tok.text)):
            low = text.lower()
            acronym = len(text) >= 2 and text.isupper()
            mixed = any(ch.isupper() for ch in text[1:]) or any(ch.isdigit() for ch in text)
            if lang == "de":
                keep = acronym or mixed
            elif acronym:
                keep = not _emphasis(text)
            else:
                keep = text[:1].isupper() and (
                    mixed
                    or (
                        not (initial and k == 0)
                        and len(text) >= 3
                        and not _common_word(low, "en")
                        and (low in _renderings() or not _translated_word(low))
                    )
                )
            if keep and text not in out:
                out.append(text)
    return out


@register
class NumberSurvival(Check):
    id = "SRC-NUM-001"
    name = "number-lost"
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "A number of the source is missing or changed in the target."
    explanation = (
        "Every number of the source must reach the target. German and English separators are "
        "both read (1,234.5 = 1.234,5; 3.5 = 3,5), ordinals count as their number (3rd = 3.), "
        "and small numbers may be written as words (three = drei = 3); hours 1–12 may become "
        "13–24. Only digits in the source are checked."
    )
    bad_example = "Source: The bridge is 1,250 metres long. → Die Brücke ist 1.520 Meter lang."
    good_example = "Source: The bridge is 1,250 metres long. → Die Brücke ist 1.250 Meter lang."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        if not _has_source(sent):
            return
        found = _target_values(sent.text)
        for token, values in _numbers(sent.source):
            hours = {v + 12 for v in values if 1 <= v <= 12}
            if values & found or hours & found:
                continue
            confidence = 0.9 if len(token.strip(".,")) > 1 else 0.6
            yield self.finding(
                f'number "{token}" of the source is missing in the target',
                sent.start,
                sent.end,
                confidence=confidence,
            )


@register
class MonthSurvival(Check):
    id = "SRC-NUM-002"
    name = "month-lost"
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "A month named in the source is missing or different in the target."
    explanation = (
        "Dates are reordered in translation (February 3 → 3. Februar) but the month must stay "
        "the same. The target may name the month in either language, abbreviate it, or write "
        "the date in digits (3.2.)."
    )
    bad_example = "Source: The vote is on February 3. → Die Abstimmung ist am 3. März."
    good_example = "Source: The vote is on February 3. → Die Abstimmung ist am 3. Februar."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        if not _has_source(sent):
            return
        in_target = {_MONTH_OF[w.lower] for w in words(sent.text) if w.lower in _MONTH_OF}
        numbers = {float(n) for n in re.findall(r"\d+", sent.text)}  # 3.2.2021 counts too
        for tok in words(sent.source):
            month = _MONTH_OF.get(tok.lower)
            if month is None or not tok.text[:1].isupper():
                continue  # months are capitalised in both languages; "may" is a verb
            if month not in in_target and float(month) not in numbers:
                yield self.finding(
                    f'month "{tok.text}" of the source is missing in the target',
                    sent.start,
                    sent.end,
                    confidence=0.8,
                )


@register
class UrlSurvival(Check):
    id = "SRC-URL-001"
    name = "url-or-email-changed"
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "A URL or e-mail address of the source is missing or altered in the target."
    explanation = (
        "Web addresses and e-mail addresses must be copied character for character; MT "
        "systems sometimes translate or respace their parts, which breaks them."
    )
    bad_example = "Source: Write to help@example.org. → Schreiben Sie an hilfe@beispiel.org."
    good_example = "Source: Write to help@example.org. → Schreiben Sie an help@example.org."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        if not _has_source(sent):
            return
        target = sent.text.lower()
        for match in _URL.finditer(sent.source):
            address = match.group().rstrip(".,;:!?)")
            if address.lower() not in target:
                yield self.finding(
                    f'"{address}" of the source is missing or altered in the target',
                    sent.start,
                    sent.end,
                )


@register
class NameSurvival(Check):
    id = "SRC-NE-001"
    name = "name-lost"
    category = "Accuracy/Mistranslation"
    severity = "major"
    summary = "A name of the source does not appear in the target."
    explanation = (
        "Names of people, organisations and products are kept in translation. A capitalised "
        "source word that is not sentence-initial and not a common word must appear in the "
        "target, possibly inflected (Merkels), in a compound (Moskau-treu), respelled "
        "(Vladimir ~ Wladimir) or in the form German gives it (UK ~ Großbritannien, Greece ~ "
        "Griechenland). Possessives and hyphenated modifiers are cut off (Moscow-backed), "
        "all-caps ordinary words are emphasis, not acronyms (NUMBERS), and English words German "
        "translates (Treasury) are skipped. German sources capitalise every noun, so only "
        "acronyms and mixed-case names are checked there."
    )
    bad_example = (
        "Source: Talks with Sánchez resume today. → Die Gespräche werden heute fortgesetzt."
    )
    good_example = (
        "Source: Talks with Sánchez resume today. → Die Gespräche mit Sánchez werden "
        "heute fortgesetzt."
    )

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        if not _has_source(sent) or not sent.text.strip():
            return
        target_words = [w.text for w in sent.words]
        lost = [
            n
            for n in name_candidates(sent.source, SOURCE_LANG.get(sent.lang, "en"))
            if not _survives(n, target_words, sent.text)
        ]
        if lost:
            quoted = ", ".join(f'"{n}"' for n in lost)
            yield self.finding(
                f"name {quoted} of the source not found in the target",
                sent.start,
                sent.end,
                confidence=0.7,
            )


@register
class LengthRatio(Check):
    id = "SRC-LEN-001"
    name = "length-ratio-outlier"
    category = "Accuracy/Omission"
    severity = "major"
    summary = "The target is far shorter or longer than human translations of such a source."
    explanation = (
        "Human en→de translations are about 21% longer than their source (log ratio 0.19, "
        "sd 0.14, from 908 WMT human references). A target more than 3.5 standard deviations "
        "off usually lost a clause (omission) or gained one (addition or hallucination). "
        "Sources under 20 characters are skipped: their ratio says little."
    )
    bad_example = (
        "Source: The council approved the budget after a long debate on Tuesday evening. → Der Rat."
    )
    good_example = (
        "Source: The council approved the budget after a long debate on Tuesday "
        "evening. → Der Rat billigte den Haushalt am Dienstagabend nach langer "
        "Debatte."
    )

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        if not _has_source(sent):
            return
        z = length_z(sent.source, sent.text, sent.lang)
        if abs(z) <= length_model()["z"]:
            return
        ratio = len(sent.text.strip()) / len(sent.source.strip())
        what = "shorter" if z < 0 else "longer"
        yield Finding(
            self.id,
            f"target is {ratio:.0%} of the source length, far {what} than human "
            f"translations ({z:+.1f} sd)",
            sent.start,
            sent.end,
            self.severity,
            "Accuracy/Omission" if z < 0 else "Accuracy/Addition",
            min(1.0, abs(z) / 6),
        )


MIN_PROSE_WORDS = 2
MIN_PROSE_LETTERS = 8
_FUNCTION_WORDS = frozenset(
    {
        *("the", "a", "an", "and", "or", "nor", "of", "to", "in", "on", "at", "for", "with"),
        *("from", "by", "it", "is", "was", "are", "be", "not", "no", "any", "this", "that"),
        *("der", "die", "das", "und", "oder", "ist", "nicht", "ein", "eine", "mit", "von"),
        *("zu", "im", "es"),
    }
)
_AUTHOR = re.compile(r"\b[A-ZÄÖÜ][\w'’-]+,\s+(?:[A-Z]\.\s*)+|\bet al\.")
_YEAR = re.compile(r"\((?:1[89]|20)\d\d[a-z]?\)|\b(?:1[89]|20)\d\d\b")


def has_prose(text: str) -> bool:
    """Whether a segment holds words to translate, not only names, initials, numbers and
    URLs: enough lower-case words (iPhone-style brands aside) or function words ("It",
    "Any" of a Title Case headline)."""
    text = _URL.sub(" ", text)
    prose = [
        w.text
        for w in words(text)
        if w.text.isalpha()
        and len(w.text) >= 2
        and (w.text.islower() or w.lower in _FUNCTION_WORDS)
    ]
    return len(prose) >= MIN_PROSE_WORDS and sum(map(len, prose)) >= MIN_PROSE_LETTERS


def is_reference(text: str) -> bool:
    """A bibliography line: an author with initials (Müller, J.) or "et al.", and a year."""
    return bool(_AUTHOR.search(text) and _YEAR.search(text))


@register
class CopiedSource(Check):
    id = "SRC-COPY-001"
    name = "target-copies-source"
    category = "Accuracy/Untranslated text"
    severity = "critical"
    summary = "The target is the source, untranslated."
    explanation = (
        "A target identical to its source (ignoring case and spacing) was never translated; "
        "MQM scores non-translation as the worst error. Only copies that hold prose count: "
        "segments of names, initials, numbers and URLs (author lists, product codes) and "
        "reference lines (Surname, X. (2019) ...) legitimately stay the same. Prose means at "
        f"least {MIN_PROSE_WORDS} lower-case or function words with {MIN_PROSE_LETTERS} letters "
        "between them."
    )
    bad_example = "Source: The meeting was postponed. → The meeting was postponed."
    good_example = "Source: The meeting was postponed. → Die Sitzung wurde verschoben."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        if not _has_source(sent):
            return
        same = " ".join(sent.text.lower().split()) == " ".join(sent.source.lower().split())
        if same and has_prose(sent.text) and not is_reference(sent.text):
            yield self.finding("target is a copy of the source", sent.start, sent.end)


@register
class EmptyTarget(Check):
    id = "SRC-EMPTY-001"
    name = "empty-target"
    category = "Accuracy/Omission"
    severity = "critical"
    summary = "The source has text but the target is empty."
    explanation = (
        "An empty target (or one of only spaces and punctuation) drops the whole segment: a "
        "missing translation, a failed MT call or a CAT-tool export glitch. A source without "
        'letters or digits ("[", "–") has nothing to translate, so its target is never empty.'
    )
    bad_example = "Source: Please restart the device. → (empty)"
    good_example = "Source: Please restart the device. → Bitte starten Sie das Gerät neu."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        if not any(ch.isalnum() for ch in sent.source):
            return  # a source of punctuation only ("[") has nothing to lose
        if not any(ch.isalnum() for ch in sent.text):
            yield self.finding(
                f'target is empty for source "{sent.source[:60]}"', sent.start, sent.end
            )


@register
class UntranslatedSpan(Check):
    id = "SRC-UNTR-001"
    name = "untranslated-span"
    category = "Accuracy/Untranslated text"
    severity = "major"
    summary = "A run of four or more source words reappears unchanged in the target."
    explanation = (
        "When part of a segment is left in the source language, a long run of its words is "
        "copied into the target. Runs made only of capitalised words (titles, names) are kept; "
        "whole-segment copies are SRC-COPY-001."
    )
    bad_example = (
        "Source: He said the plan was simply not good enough. → Er sagte, the plan "
        "was simply not good enough."
    )
    good_example = (
        "Source: He said the plan was simply not good enough. → Er sagte, der Plan "
        "sei einfach nicht gut genug."
    )
    min_words: int = 4

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        if not _has_source(sent):
            return
        src = [w.lower for w in words(sent.source)]
        tgt = sent.words
        if [w.lower for w in tgt] == src:
            return
        matcher = difflib.SequenceMatcher(None, src, [w.lower for w in tgt], autojunk=False)
        for block in matcher.get_matching_blocks():
            if block.size < self.min_words:
                continue
            run = tgt[block.b : block.b + block.size]
            if sum(1 for w in run if w.text[:1].islower()) < 2:
                continue
            span = sent.span(run[0].start, run[-1].end)
            yield self.finding(f'"{span}" left untranslated', run[0].start, run[-1].end)
