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
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import table
from mtaudit.lang.caching import WORD_FORMS
from mtaudit.lang.frequency import zipf_frequency
from mtaudit.lang.german import noun_readings
from mtaudit.lang.lexicon import german_for
from mtaudit.lang.tagging import Tagged, tag
from mtaudit.lang.tokens import tokens, words

_FOREIGN_MIN = 2.5  # the word is reasonably common in the language it was left in
_GAP = {"de": 2.0, "en": 2.5}  # Zipf points more frequent there than in the text's language
_PLAIN = re.compile(r"[A-Za-zÄÖÜäöüß]{3,}")
_QUOTED = re.compile(r"[\"“„«»‚‘][^\"“”„«»‚‘’]*[\"“”«»‘’]")
_ESTABLISHED = 3.5  # a capitalised noun this common in German is German usage (Meeting)
_ACRONYM_MAX = 4  # all-caps words this short are acronyms (WHO, NHS); longer ones shout
_PLACE = re.compile(
    r"(?:side|shire|ville|ton|ford|field|borough|burgh|bury|mouth|chester|cester|caster|wick"
    r"|worth|stead|hampton|dale)$"
)
# English function words that only an English title or name puts between capitalised words
# ("Keeping Up With The Kardashians", "Department of Forestry and Fire Protection").
_TITLE_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "with",
        "for",
        "from",
        "on",
        "at",
        "to",
        "up",
        "by",
        "a",
        "into",
        "without",
        "our",
        "your",
        "my",
        "its",
        "their",
    ]
)
_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "at", "&"})


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(row["particle"] for row in table("generic/name_particles.tsv"))


@lru_cache(maxsize=WORD_FORMS)
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


def _german_noun(word: str) -> bool:
    """A form the german-nouns table knows (Lockdowns, Gifts), or the genitive -s/-es of a
    masculine or neuter noun it knows (des Podcasts)."""
    if noun_readings(word):
        return True
    for cut in (1, 2):
        stem = word[:-cut]
        if (
            word.endswith("es"[-cut:])
            and len(stem) >= 3
            and any(n == "sg" and g in {"m", "n"} for _, n, g in noun_readings(stem))
        ):
            return True
    return False


def _english(word: str) -> bool:
    return _zipf(word, "en") - _zipf(word, "de") >= 1.0


def _source_names(source: str) -> frozenset[str]:
    """Words the English source capitalises inside a sentence: names, not vocabulary."""
    out = set()
    for i, w in enumerate(words(source)):
        before = source[: w.start].rstrip()
        if i and w.text[:1].isupper() and not before.endswith((".", "!", "?", ":", '"', "“")):
            out.add(w.text)
    return frozenset(out)


def _title_spans(tagged: list[Tagged], source_names: frozenset[str]) -> set[int]:
    """Indices of words inside an English title or institution name: a run of capitalised
    words held together by English function words ("Jack In The Box", "Board of Indirect
    Taxes and Customs"). A run joined only by lower-case connectors must also hold an
    English word (far commoner in English than in German, or capitalised in the source),
    so "Haus and Garten" is not a title."""
    out: set[int] = set()
    i = 0
    while i < len(tagged):
        if not tagged[i].text[:1].isupper():
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(tagged):
            text = tagged[j].text
            if text[:1].isupper():
                run.append(j)
            elif text.lower() in _CONNECTORS and j + 1 < len(tagged):
                if not tagged[j + 1].text[:1].isupper():
                    break
                run.append(j)
            else:
                break
            j += 1
        caps = [k for k in run if tagged[k].text[:1].isupper()]
        if len(caps) >= 2:
            titled = any(tagged[k].text.lower() in _TITLE_WORDS for k in caps)
            joined = len(caps) < len(run) and any(
                tagged[k].text in source_names or _english(tagged[k].text.lower()) for k in caps
            )
            if titled or joined:
                out.update(run)
        i = j
    return out


def _kept(t: Tagged, i: int, source_names: frozenset[str]) -> bool:
    """Words that are not untranslated English although English knows them: acronyms (WHO),
    nouns German has taken in (Lockdowns, Meeting), German genitives (Gifts) and names
    (the source capitalises them mid-sentence, or they have an English place-name shape)."""
    text = t.text
    if text.isupper():
        return len(text) <= _ACRONYM_MAX
    if not text[:1].isupper():
        return False
    if text in source_names or _german_noun(text):
        return True
    if t.pos == "NN" and _zipf(text.lower(), "de") >= _ESTABLISHED:
        return True
    return i > 0 and bool(_PLACE.search(text.lower())) and _zipf(text.lower(), "en") < 3.5


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


def _lang_mix_001_hits(sent: SentenceView) -> list[tuple[int, Tagged]]:
    """The words LANG-MIX-001 reports, with their token index."""
    hits = []
    tagged = tag(sent.tokens, sent.lang)
    names = _source_names(sent.source)
    titles = _title_spans(tagged, names)
    for i, t in _candidates(sent):
        if i in titles or _kept(t, i, names):
            continue
        low = t.text.lower()
        de = _zipf(low, "de")
        if _foreign(low, "en", "de") or (len(low) >= 8 and de < 2.0 and _english_compound(low)):
            hits.append((i, t))
    return hits


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
        'untranslated. Established loanwords ("Team", "Software", "Lockdowns") are frequent '
        "in German or listed as German nouns and pass, and so do German genitives (Gifts), "
        "acronyms (WHO), names the source also capitalises, English place names "
        "(Merseyside), English titles and institution names, quoted titles and words after "
        "name particles."
    )
    bad_example = "Die Rede war ein Haufen Gibberish, however niemand widersprach."
    good_example = "Die Rede war ein Haufen Unsinn, doch niemand widersprach."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for run in _runs(_lang_mix_001_hits(sent)):
            text = sent.span(run[0].start, run[-1].end)
            german = german_for(text) if len(run) == 1 and _english_noun(text) else ()
            yield self.finding(
                f'"{text}" looks like untranslated English'
                + (f' (German: "{german[0]}")' if german else ""),
                run[0].start,
                run[-1].end,
                confidence=0.8 if len(run) == 1 else 0.95,
                replacements=list(german),
            )


@lru_cache(maxsize=WORD_FORMS)
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


# ------------------------------------------------- English nouns in a German noun phrase

_NOUN_PHRASE_START = {"ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "PWAT", "ADJ(A)", "APPRART", "APPR"}
"""Tags of the German words a noun follows: determiners, attributive adjectives, prepositions."""
_EN_NOUN_TAGS = {"NN1", "NN2", "NN0"}
_EN_COMMON = 3.0  # the English noun is at least this common in English (Zipf)


@dataclass(frozen=True)
class _Lean:
    """How much more common in English than in German (Zipf points) a word must be."""

    lower: float  # "die researchers": German would capitalise a noun, so little doubt
    capital: float  # "die Regierung" -> "die Government"
    plural: float  # "die Researchers" (English -s plurals also name teams: "die Cubs")
    listed: float  # capitalised and listed by the German noun table ("Team", "Song")


STRICT = _Lean(lower=1.0, capital=1.6, plural=2.2, listed=2.0)
LOOSE = _Lean(lower=1.0, capital=1.2, plural=1.2, listed=2.0)


@lru_cache(maxsize=WORD_FORMS)
def _english_noun(word: str) -> bool:
    """HanTa's English model reads the lower-cased word alone as a common noun."""
    tagged = tag(tokens(word.lower()), "en")
    return len(tagged) == 1 and tagged[0].pos in _EN_NOUN_TAGS


def _german_word(t: Tagged) -> bool:
    """A word of the German text around: commoner in German than in English."""
    return _zipf(t.text.lower(), "de") >= _zipf(t.text.lower(), "en")


def _english_continues(nxt: Tagged | None) -> bool:
    """The next word goes on in English or with a name: "der Privy Council", "den Place
    Blanche", "das Shrine Auditorium", "den Governors 'Cup"."""
    if nxt is None:
        return False
    if nxt.text in {"'", "’"}:
        return True
    if not _PLAIN.fullmatch(nxt.text):
        return False
    low = nxt.text.lower()
    if nxt.text[:1].isupper() and (
        not _german_noun(nxt.text) or (_english_noun(low) and _english(low))
    ):
        return True
    return _english(low) and not _german_word(nxt)


def english_noun_reason(
    tagged: list[Tagged],
    i: int,
    names: frozenset[str],
    lean: _Lean = STRICT,
    cardinals: bool = False,
) -> str | None:
    """Why ``tagged[i]`` is an English common noun in a German noun phrase ("die
    Researchers", "ein neues building"): "lower" or "capital"; None when it is not. The word
    must follow a German determiner, adjective or preposition (or a number, with
    ``cardinals``), be a common English noun far commoner in English than in German, and
    not be followed by more English or a name."""
    t = tagged[i]
    word = t.text
    if i == 0 or not _PLAIN.fullmatch(word) or (word.isupper() and len(word) > 1):
        return None
    prev = tagged[i - 1]
    if prev.pos == "CARD":
        if not cardinals:
            return None
    elif prev.pos not in _NOUN_PHRASE_START or not _german_word(prev) or not prev.text.isalpha():
        return None
    if i >= 2 and tagged[i - 2].text in {"'", "’"}:
        return None  # "Uhlig 's Corrosion Handbook"
    low = word.lower()
    en = _zipf(low, "en")
    if en < _EN_COMMON or word in names or not _english_noun(low):
        return None
    if _english_continues(tagged[i + 1] if i + 1 < len(tagged) else None):
        return None
    gap = en - _zipf(low, "de")
    if word[:1].islower():
        return "lower" if gap >= lean.lower else None
    need = lean.plural if low.endswith("s") else lean.capital
    if _german_noun(word):
        need = max(need, lean.listed)
    return "capital" if gap >= need else None


class _EnglishNoun(Check):
    langs = frozenset({"de"})
    category = "Accuracy/Untranslated"
    severity = "major"
    lean: ClassVar[_Lean] = STRICT
    cardinals: ClassVar[bool] = False

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = tag(sent.tokens, sent.lang)
        names = _source_names(sent.source)
        titles = _title_spans(tagged, names)
        quoted = _quoted(sent)
        mix = {t.start for _, t in _lang_mix_001_hits(sent)}
        for i, t in enumerate(tagged):
            if i in titles or t.start in mix or any(s <= t.start < e for s, e in quoted):
                continue
            why = english_noun_reason(tagged, i, names, self.lean, self.cardinals)
            if why is None or not self._extra(tagged, i):
                continue
            german = german_for(t.text)
            yield self.finding(
                f'"{t.text}" is an English noun in a German noun phrase'
                + (f' (German: "{german[0]}")' if german else ""),
                t.start,
                t.end,
                confidence=self._confidence(why),
                replacements=list(german),
            )

    def _extra(self, tagged: list[Tagged], i: int) -> bool:
        return True

    def _confidence(self, why: str) -> float:
        return 0.9 if why == "lower" else 0.8


@register
class EnglishNounInGerman(_EnglishNoun):
    id = "LANG-MIX-003"
    name = "english-noun-in-german-phrase"
    summary = 'An English common noun after a German article or adjective ("die Researchers").'
    explanation = (
        "MT sometimes leaves the head noun of a German noun phrase in English: the article, "
        'adjective or preposition is German, the noun is not ("die Researchers", "ein neues '
        "building\"). The noun must be a common English noun (HanTa's English lexicon) that "
        "wordfreq finds far more often in English than in German: by 1 Zipf point when it is "
        "written in lower case (German would capitalise a noun), 1.6 when capitalised, 2.2 "
        'for a capitalised -s plural (English team names: "die Cubs") and 2.0 for nouns the '
        'German noun table lists (it lists loanwords such as "Team" and "Song"). Words '
        'followed by more English or a name ("der Privy Council"), quoted words, English '
        "titles, names the source capitalises and words after a possessive 's are skipped. "
        "The suggested German noun comes from an English-German noun lexicon derived from "
        "word2word (data/lexicon/en_de_nouns.tsv); case endings are not adjusted. Words "
        "LANG-MIX-001 already reports are left to it (it offers the same suggestion)."
    )
    bad_example = "Die Stadt plant ein neues building am Hafen."
    good_example = "Die Stadt plant ein neues Gebäude am Hafen."


@register
class EnglishNounInGermanLoose(_EnglishNoun):
    id = "LANG-MIX-004"
    name = "english-noun-in-german-phrase-loose"
    summary = "LANG-MIX-003 with lower thresholds and after numbers."
    explanation = (
        "The same test as LANG-MIX-003, but a capitalised noun needs only 1.2 Zipf points "
        "more in English than in German, plurals included, and numbers count as a noun "
        'phrase start ("21 days"). Catches more untranslated nouns, and English jargon that '
        'human translators keep on purpose ("drei Runs", "die Gators").'
    )
    bad_example = "Am Ende gewann das Team das Game mit zwei Toren."
    good_example = "Am Ende gewann das Team das Spiel mit zwei Toren."
    default_enabled = False
    lm_confirmed = True
    off_reason = (
        "Fires on 1.88% of 4,784 clean German dev sentences (2.22% of 4,683 test), mostly on "
        "English sports and military jargon that human translators keep (Runs, Overs, "
        "Innings, Squadron, team names). It adds 13.7% (dev) / 11.0% (test) recall on the "
        "de.untranslated_noun damage type to LANG-MIX-001 and LANG-MIX-003 (together 60% / "
        "59%)."
    )
    lean = LOOSE
    cardinals = True

    def _extra(self, tagged: list[Tagged], i: int) -> bool:
        return english_noun_reason(tagged, i, frozenset()) is None  # LANG-MIX-003 reports it

    def _confidence(self, why: str) -> float:
        return 0.5
