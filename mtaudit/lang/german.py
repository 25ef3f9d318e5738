"""German morphology shared by the checks: noun readings, agreement, clauses, person nouns.

English marks neither case nor (mostly) gender, so what breaks in German MT is visible in
word forms: an article that no reading of its noun allows, a plural where the verb is
singular, a feminine role noun before a masculine pronoun. The readings come from the
Wiktionary-based ``german-nouns`` table (CC BY-SA 4.0); the rest is standard grammar.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.data import json_data, table
from mtaudit.lang.caching import WORD_FORMS
from mtaudit.lang.tagging import Tagged, is_finite_verb

_UMLAUT = str.maketrans("äöüÄÖÜ", "aouAOU")
# (case, number, gender) readings each article allows; "pl" carries no gender.
ARTICLE_READINGS: dict[str, set[tuple[str, str, str]]] = {
    "der": {("nom", "sg", "m"), ("gen", "sg", "f"), ("dat", "sg", "f"), ("gen", "pl", "")},
    "die": {("nom", "sg", "f"), ("acc", "sg", "f"), ("nom", "pl", ""), ("acc", "pl", "")},
    "das": {("nom", "sg", "n"), ("acc", "sg", "n")},
    "den": {("acc", "sg", "m"), ("dat", "pl", "")},
    "dem": {("dat", "sg", "m"), ("dat", "sg", "n")},
    "des": {("gen", "sg", "m"), ("gen", "sg", "n")},
    "ein": {("nom", "sg", "m"), ("nom", "sg", "n"), ("acc", "sg", "n")},
    "eine": {("nom", "sg", "f"), ("acc", "sg", "f")},
    "einen": {("acc", "sg", "m")},
    "einem": {("dat", "sg", "m"), ("dat", "sg", "n")},
    "einer": {("gen", "sg", "f"), ("dat", "sg", "f")},
    "eines": {("gen", "sg", "m"), ("gen", "sg", "n")},
}
_CASES = {"nominativ": "nom", "genitiv": "gen", "dativ": "dat", "akkusativ": "acc"}
_CLAUSE_BREAKS = {"$,", "$.", "KOUS", "PRELS", "KOKOM"}


def grammar_data() -> dict:
    """The curated valency and preposition tables (``mtaudit/data/de/grammar.json``)."""
    return json_data("de/grammar.json")


@lru_cache(maxsize=1)
def noun_table():
    """The german-nouns table (Wiktionary, CC BY-SA 4.0), opened once: its indexed SQLite
    copy (see :mod:`mtaudit.lang.noun_store`; the CSV itself takes ~1.5 s to parse)."""
    from mtaudit.lang.noun_store import load

    return load()


def noun_readings(word: str) -> frozenset[tuple[str, str, str]]:
    """All (case, number, gender) readings of a noun form; empty when the noun is unknown."""
    return _table_readings(word)


@lru_cache(maxsize=WORD_FORMS)
def compound_readings(word: str) -> frozenset[tuple[str, str, str]]:
    """Like :func:`noun_readings`, but a compound missing from the table takes the readings
    of its longest known tail: the last element decides a German compound's inflection
    (Wetterdienst|berichte). Only for case decisions: unknown names would also get a tail."""
    found = _table_readings(word)
    suffixes = tuple(grammar_data()["derivational_suffixes"])
    if found or not word[:1].isupper() or word.lower().endswith(suffixes):
        return found  # "-schaft", "-ung" … decide themselves; "Schaft" is not the tail
    for cut in range(3, len(word) - 3):
        tail = word[cut:].capitalize()
        if tail.startswith("-"):
            continue
        found = _table_readings(tail)
        if found:
            return found
    return frozenset()


@lru_cache(maxsize=WORD_FORMS)
def _table_readings(word: str) -> frozenset[tuple[str, str, str]]:
    out = set()
    for entry in noun_table()[word]:
        genders = {entry.get(k) for k in ("genus", "genus 1", "genus 2", "genus 3")} - {None}
        for key, form in (entry.get("flexion") or {}).items():
            parts = key.replace("*", "").split()
            if form != word or len(parts) < 2 or parts[0] not in _CASES:
                continue
            case, number = _CASES[parts[0]], "pl" if parts[1] == "plural" else "sg"
            for gender in genders if number == "sg" else {""}:
                out.add((case, number, gender))
    return frozenset(out)


def noun_genders(word: str) -> frozenset[str]:
    """Genders a singular noun form can have ("m", "f", "n"); empty when unknown."""
    return frozenset(g for _, number, g in noun_readings(word) if number == "sg")


def clauses(tagged: list[Tagged]) -> Iterator[list[Tagged]]:
    """Cut a tagged sentence at commas, sentence marks and subordinators."""
    current: list[Tagged] = []
    for item in tagged:
        if item.pos in _CLAUSE_BREAKS and current:
            yield current
            current = []
        current.append(item)
    if current:
        yield current


def verb_lemmas(clause: list[Tagged]) -> dict[str, Tagged]:
    """Verb lemmas of a clause, with separable particles joined back ("stimmte ... zu")."""
    found: dict[str, Tagged] = {}
    particles = [t.lemma.lower() for t in clause if t.pos == "PTKVZ"]
    for item in clause:
        if item.pos.startswith("VV"):
            lemma = item.lemma.lower()
            found.setdefault(lemma, item)
            if is_finite_verb(item, "de"):
                for particle in particles:
                    found.setdefault(particle + lemma, item)
    return found


def noun_after(tagged: list[Tagged], i: int) -> int | None:
    """Index of the noun an article at ``i`` heads (adjectives may come between)."""
    j = i + 1
    while j < len(tagged) and tagged[j].pos == "ADJ(A)":
        j += 1
    return j if j < len(tagged) and tagged[j].pos == "NN" else None


# Endings of der-words ("diese", "allen") and strong adjectives ("zahlreiche"): readings each
# allows; the -en row also covers the strong genitive singular of adjectives.
_ENDING_READINGS: dict[str, set[tuple[str, str, str]]] = {
    "e": {("nom", "sg", "f"), ("acc", "sg", "f"), ("nom", "pl", ""), ("acc", "pl", "")},
    "er": {("nom", "sg", "m"), ("gen", "sg", "f"), ("dat", "sg", "f"), ("gen", "pl", "")},
    "es": {("nom", "sg", "n"), ("acc", "sg", "n"), ("gen", "sg", "m"), ("gen", "sg", "n")},
    "em": {("dat", "sg", "m"), ("dat", "sg", "n")},
    "en": {("acc", "sg", "m"), ("dat", "pl", ""), ("gen", "sg", "m"), ("gen", "sg", "n")},
}
_DER_WORDS = ("dies", "jen", "jed", "manch", "welch", "solch", "all")
_EIN_WORDS = ("kein", "mein", "dein", "sein", "ihr", "unser", "euer", "eur")
_DETERMINER_POS = {"ART", "PDAT", "PPOSAT", "PWAT", "PIAT", "PIDAT"}
_ATTRIBUTE_POS = {"ADJ(A)", "PIAT", "PIDAT"}
# A pronoun here already fills the dative slot ("Die Kinder folgten ihm").
DATIVE_PRONOUNS = {
    "mir",
    "dir",
    "ihm",
    "ihr",
    "ihnen",
    "uns",
    "euch",
    "sich",
    "wem",
    "dem",
    "denen",
}
# Nominative pronouns that can be the subject, with the verb numbers they agree with; "es"
# is left out: "Es folgen die Berichte" has an expletive "es" and a plural subject.
SUBJECT_PRONOUNS = {
    "ich": "sg",
    "du": "sg",
    "er": "sg",
    "man": "sg",
    "jemand": "sg",
    "niemand": "sg",
    "dies": "sg",
    "wir": "pl",
    "sie": "sg pl",
}


def _determiner_readings(word: str) -> set[tuple[str, str, str]] | None:
    """Readings of an article, der-word or ein-word; None when ``word`` is none of these."""
    word = word.lower()
    if word in ARTICLE_READINGS:
        return ARTICLE_READINGS[word]
    for stem in _EIN_WORDS:
        if word == stem:
            return {("nom", "sg", "m"), ("nom", "sg", "n"), ("acc", "sg", "n")}
        if word.startswith(stem) and word[len(stem) :] in _ENDING_READINGS:
            return _ENDING_READINGS[word[len(stem) :]]
    for stem in _DER_WORDS:
        if word.startswith(stem) and word[len(stem) :] in _ENDING_READINGS:
            return _ENDING_READINGS[word[len(stem) :]]
    return None


def _strong_readings(word: str) -> set[tuple[str, str, str]] | None:
    """Readings a strong adjective ending allows ("zahlreiche" = nom/acc fem sg or plural)."""
    for ending in ("em", "en", "er", "es", "e"):
        if word.lower().endswith(ending):
            return _ENDING_READINGS[ending]
    return None


@dataclass(frozen=True)
class NounPhrase:
    """A noun phrase of a clause: its token range and the readings its words agree on."""

    first: int
    head: int
    readings: frozenset[tuple[str, str, str]]

    @property
    def cases(self) -> set[str]:
        return {case for case, _, _ in self.readings}

    def numbers(self, case: str) -> set[str]:
        return {number for c, number, _ in self.readings if c == case}


def noun_phrases(clause: list[Tagged]) -> Iterator[NounPhrase]:
    """Noun phrases with a determiner or an adjective before the noun, outside prepositional
    phrases; a noun the table does not know gives no phrase."""
    for head, item in enumerate(clause):
        if item.pos != "NN":
            continue
        first = head
        while first and clause[first - 1].pos in _DETERMINER_POS | _ATTRIBUTE_POS:
            first -= 1
        if first == head:
            continue
        start = clause[first]
        allowed = _determiner_readings(start.text) if start.pos in _DETERMINER_POS else None
        if allowed is None and start.pos in _ATTRIBUTE_POS:
            allowed = _strong_readings(start.text)
        noun = compound_readings(item.text)
        if not allowed or not noun:
            continue
        before = first - 1
        while before >= 0 and clause[before].pos in {"ADV", "PTKNEG", "ADJD", "CARD"}:
            before -= 1
        if before >= 0 and clause[before].pos in {"APPR", "APPRART", "APPO", "KOKOM"}:
            continue
        if head + 1 < len(clause) and clause[head + 1].pos in {"APPO", "APZR"}:
            continue
        yield NounPhrase(first, head, frozenset(noun & allowed))


def verb_number(form: str) -> str:
    """Number of a finite verb form: "folgen", "sind" plural; "folgt", "half", "kann" singular."""
    form = form.lower()
    return "pl" if form == "sind" or (form.endswith("n") and not form.endswith("nn")) else "sg"


def dative_plural(clause: list[Tagged], phrase: NounPhrase) -> str | None:
    """The dative plural of a nominative/accusative plural phrase ("zahlreichen Berichten")."""
    noun = clause[phrase.head].text
    forms = {
        (e.get("flexion") or {}).get("dativ plural")
        for e in noun_table()[noun]
        if noun
        in {(e.get("flexion") or {}).get(k) for k in ("nominativ plural", "akkusativ plural")}
    }
    forms.discard(None)
    if len(forms) != 1:
        return None
    words = []
    for item in clause[phrase.first : phrase.head]:
        word = item.text
        words.append("den" if word.lower() == "die" else word + "n" if word.endswith("e") else word)
    return " ".join([*words, forms.pop()])


@lru_cache(maxsize=WORD_FORMS)
def role_gender(word: str) -> str | None:
    """ "f" for a feminine person noun with a masculine base (Sprecherin/Sprecher),
    "m" for a masculine one with a feminine counterpart (Präsident/Präsidentin), else None.

    Unknown compounds are decided by their longest known tail ("Vizebürgermeisterin").
    """
    for k in range(0, max(1, len(word) - 4)):
        tail = word[k:] if k == 0 else word[k:].capitalize()
        if not noun_readings(tail):
            continue
        genders = noun_genders(tail)
        if genders == {"f"} and tail.endswith("in"):
            base = tail[:-2]
            if any("m" in noun_genders(b) for b in (base, base.translate(_UMLAUT))):
                return "f"
        feminine = (tail + "in", _umlauted(tail) + "in")
        if genders == {"m"} and any(noun_genders(f) == {"f"} for f in feminine):
            return "m"
        return None
    return None


def _umlauted(word: str) -> str:
    """Arzt -> Ärzt: feminine role nouns often umlaut the last stem vowel."""
    for i in range(len(word) - 1, -1, -1):
        if word[i] in "aou":
            return word[:i] + {"a": "ä", "o": "ö", "u": "ü"}[word[i]] + word[i + 1 :]
    return word


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    return {row["name"]: row["gender"].strip() for row in table("de/first_names.tsv")}


def first_name_gender(name: str) -> str | None:
    """Gender of an unambiguous first name; the GPL gender-guesser is used only if installed."""
    found = _first_names().get(name.capitalize())
    if found:
        return found
    try:
        import gender_guesser.detector as gd  # optional extra (GPL-3), never required
    except ImportError:
        return None
    return {"male": "m", "female": "f"}.get(_guesser(gd).get_gender(name))


@lru_cache(maxsize=1)
def _guesser(module):
    return module.Detector(case_sensitive=False)
