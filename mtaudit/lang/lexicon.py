"""Word knowledge shared by the checks: is this a German word, a German noun, an English word;
how does a German compound split; what does an English noun mean in German.

Three sources, each loaded once:

* the Wiktionary-based ``german-nouns`` table (CC BY-SA 4.0) for noun forms and, read over
  all its ~100,000 lemmas, for the *modifier forms* German compounds really use
  ("Regierungs-" in "Regierungssprecher", "Schul-" in "Schulbuch", "Wochen-" in
  "Wochenende");
* HanTa's German lexicon for the readings a lower-case word can have ("essen" is a verb,
  "recht" an adverb, "haus" nothing but a noun);
* wordfreq for how common a word is in German and in English.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from mtaudit.data import table
from mtaudit.lang.caching import WORD_FORMS
from mtaudit.lang.frequency import zipf_frequency
from mtaudit.lang.german import noun_readings, noun_table
from mtaudit.lang.tagging import _lock, tagger

NOUN_TAGS = frozenset({"NN", "NE", "NNI", "NNA", "FM", "XY"})
"""HanTa tags that only say "some noun or name" (also its guesses for unknown words)."""
_NAME_POS = ("Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname", "Abkürzung")
_NOT_LEXICAL = ("Buchstabe", "Symbol", "Affix", "Gebundenes Lexem", "Wortverbindung")
MIN_TAIL = 3
"""Shortest noun a compound may end in ("Amt", "Tag", "Zug")."""
MIN_MODIFIER = 2
"""Shortest first element ("Ex-", "Ur-")."""
MIN_CHAIN = 4
"""Shortest element of a chain of first elements ("Bundes|regierungs|sprecher"); shorter
pieces would let almost any string pass as a chain ("re|gierung")."""


@lru_cache(maxsize=WORD_FORMS)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of the lower-cased word (0 when unknown)."""
    return zipf_frequency(word.lower(), lang)


def english_lean(word: str) -> float:
    """How much more common the word is in English than in German, in Zipf points."""
    return zipf(word, "en") - zipf(word, "de")


# ------------------------------------------------------------------------ the noun table


def _rows(lower: str) -> list[list[str]]:
    nouns = noun_table()
    if lower not in nouns.index:  # the index is a defaultdict: never look up by []
        return []
    return [nouns.data[i] for i in nouns.index[lower]]


@lru_cache(maxsize=WORD_FORMS)
def common_noun_lemmas(word: str) -> frozenset[str]:
    """Lemmas of the common nouns (no names, abbreviations, letters or affixes) that have
    ``word`` (any case) among their forms."""
    out = set()
    for row in _rows(word.lower()):
        pos = row[1]
        if "Substantiv" in pos and not any(p in pos for p in _NAME_POS + _NOT_LEXICAL):
            out.add(row[0])
    return frozenset(out)


def is_noun_form(word: str) -> bool:
    """A form of a noun in the table, written as the table writes it ("Häuser", "Podcasts"),
    or the genitive -s/-es of a masculine or neuter noun the table knows ("des Podcasts")."""
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


def is_name_in_table(word: str) -> bool:
    """The table lists the word (any case) only as a place, first name, surname or other
    name ("Paris", "Moritz"), not also as a common noun ("Graf", "Plan")."""
    rows = _rows(word.lower())
    return (
        bool(rows)
        and not common_noun_lemmas(word)
        and any(any(p in row[1] for p in _NAME_POS) for row in rows)
    )


# --------------------------------------------------------------------------- lower case


LEXICAL_SCORE = -21.0
"""HanTa scores readings from its lexicon above this (log probability); readings below are
its guesses for words it does not know ("reiniger" as a comparative, "arbeitsweise" as an
adjective)."""


@lru_cache(maxsize=WORD_FORMS)
def lowercase_scores(word: str) -> dict[str, float]:
    """HanTa's readings of the word written in lower case, alone, with their scores
    ("essen" -> VV(INF) -11.1, VV(FIN) -12.6, NE -13.6, ...)."""
    with _lock:
        found = tagger("de").tag_word(word.lower(), cutoff=5, casesensitive=True)
    return {tag: float(score) for tag, score in found}


def lowercase_readings(word: str) -> frozenset[str]:
    """The tags of :func:`lowercase_scores`. The noun and name tags are also HanTa's
    guesses for any unknown word."""
    return frozenset(lowercase_scores(word))


def lexical_readings(word: str) -> frozenset[str]:
    """The lower-case readings HanTa knows rather than guesses (see :data:`LEXICAL_SCORE`)."""
    return frozenset(t for t, s in lowercase_scores(word).items() if s >= LEXICAL_SCORE)


def is_lowercase_word(word: str) -> bool:
    """German writes this word in lower case in some use: HanTa knows a reading of it that
    is not a noun ("essen", "recht", "abend" as in "heute abend", "dank")."""
    return bool(lexical_readings(word) - NOUN_TAGS)


# ---------------------------------------------------------------------------- compounds


@lru_cache(maxsize=1)
def modifier_forms() -> Counter[str]:
    """First elements of the table's compounds with their linking element, lower-cased,
    with how many lemmas use each ("regierungs": Regierungssprecher, Regierungschef, ...).

    A lemma is read as a compound wherever it ends in another common noun of at least
    :data:`MIN_TAIL` letters; every such cut counts, so a few cuts are spurious
    ("reis" from "Reisende"), which only makes the checks that use this more lenient.
    Reading all 100,000 lemmas takes about 1.3 s, so the result is kept on disk
    (:func:`mtaudit.lang.noun_store.derived`)."""
    from mtaudit.lang.noun_store import derived

    return Counter(derived("modifier-forms", _modifier_forms))


def _modifier_forms() -> Counter[str]:
    out: Counter[str] = Counter()
    lemmas = {row[0] for row in noun_table().data if row[0][:1].isupper() and row[0].isalpha()}
    tails = {w.lower() for w in lemmas if common_noun_lemmas(w)}
    for lemma in lemmas:
        low = lemma.lower()
        for cut in range(MIN_MODIFIER, len(low) - MIN_TAIL + 1):
            if low[cut:] in tails:
                out[low[:cut]] += 1
    return out


@lru_cache(maxsize=WORD_FORMS)
def attested_modifier(prefix: str) -> bool:
    """The table's compounds use ``prefix`` as a first element, or it is a chain of such
    elements ("bundesregierungs" = "bundes" + "regierungs")."""
    low = prefix.lower()
    mods = modifier_forms()
    if low in mods:
        return True
    return any(
        low[:cut] in mods and attested_modifier(low[cut:])
        for cut in range(MIN_CHAIN, len(low) - MIN_CHAIN + 1)
    )


def noun_tails(word: str) -> list[tuple[str, str]]:
    """Every (first part, last part) cut of ``word`` whose last part is a common noun form
    of at least :data:`MIN_TAIL` letters, longest last part first."""
    low = word.lower()
    return [
        (word[:cut], word[cut:])
        for cut in range(MIN_MODIFIER, len(low) - MIN_TAIL + 1)
        if common_noun_lemmas(low[cut:])
    ]


def splits_into_known_parts(word: str) -> bool:
    """``word`` is a chain of modifier forms the table's compounds use, ending in a known
    noun: a compound German can form even when no dictionary lists it."""
    return any(attested_modifier(head) for head, _ in noun_tails(word))


_LINKS = ("s", "es", "n", "en", "er", "e", "ens", "")


def modifier_forms_of(noun: str) -> list[str]:
    """The forms the table's compounds give ``noun`` as a first element, most used first
    ("Regierung" -> ["Regierungs"], "Schule" -> ["Schul", "Schulen"], "Woche" -> ["Wochen"])."""
    low = noun.lower()
    mods = modifier_forms()
    candidates = {low + link for link in _LINKS}
    if low.endswith("e"):
        candidates.add(low[:-1])
    found = [(mods[c], c) for c in candidates if mods.get(c)]
    return [noun[:1] + c[1:] for _, c in sorted(found, key=lambda x: (-x[0], x[1]))]


# ------------------------------------------------------------------------- translations


@lru_cache(maxsize=1)
def _english_to_german() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for row in table("lexicon/en_de_nouns.tsv"):
        out[row["english"]] = tuple(row["german"].split("|"))
    return out


def german_for(english: str) -> tuple[str, ...]:
    """German nouns for an English noun, best first (empty when the lexicon has none).
    Plural English forms are looked up by their singular and answered with German plurals
    where the noun table has one."""
    low = english.lower()
    found = _english_to_german().get(low)
    if found:
        return found
    for ending, cut in (("ies", "y"), ("es", ""), ("s", "")):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            singular = low[: -len(ending)] + cut
            hit = _english_to_german().get(singular)
            if hit:
                return tuple(p for p in (german_plural(g) for g in hit) if p)
    return ()


def german_plural(noun: str) -> str | None:
    """The nominative plural of a German noun lemma, from the table."""
    for entry in noun_table()[noun]:
        if entry.get("lemma") == noun:
            plural = (entry.get("flexion") or {}).get("nominativ plural")
            if plural:
                return plural
    return None
