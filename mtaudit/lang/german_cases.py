"""German case government of prepositions, and case forms of determiners, adjectives, nouns.

Which cases a preposition allows is a fixed fact of grammar (``mit`` dative, ``für``
accusative, ``in`` dative or accusative, ``wegen`` genitive and colloquially dative); the table
is ``mtaudit/data/de/preposition_cases.tsv``. The rest of this module turns a noun phrase into
another case ("die Kollegen" -> "den Kollegen") from the determiner paradigms of standard
grammar and the noun forms of the Wiktionary-based ``german-nouns`` table, so a check can offer
the corrected phrase as its replacement.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from mtaudit.data import table
from mtaudit.lang.german import (
    _determiner_readings,
    _table_readings,
    compound_readings,
    noun_table,
)

Reading = tuple[str, str, str]  # (case, number, gender); gender "" in the plural
CASE_NAMES = {"nom": "nominative", "acc": "accusative", "dat": "dative", "gen": "genitive"}
_FLEXION_CASE = {"nom": "nominativ", "acc": "akkusativ", "dat": "dativ", "gen": "genitiv"}


@dataclass(frozen=True)
class PrepositionRule:
    """The cases a preposition governs in standard German, plus a colloquial extra case."""

    word: str
    cases: frozenset[str]
    colloquial: frozenset[str]
    postposed: bool

    @property
    def tolerated(self) -> frozenset[str]:
        """Standard and colloquial cases: a phrase in none of them is an error."""
        return self.cases | self.colloquial


@lru_cache(maxsize=1)
def preposition_rules() -> dict[str, PrepositionRule]:
    """Every preposition of ``de/preposition_cases.tsv`` (lowercase) and its rule."""
    out = {}
    for row in table("de/preposition_cases.tsv"):
        word = row["preposition"].strip()
        out[word] = PrepositionRule(
            word,
            frozenset(c for c in row["cases"].split(",") if c),
            frozenset(c for c in row["colloquial"].split(",") if c),
            row["postposed"].strip() == "yes",
        )
    return out


def preposition_rule(word: str) -> PrepositionRule | None:
    return preposition_rules().get(word.lower())


# ----------------------------------------------------------------------------- determiners

_DEFINITE = {
    ("nom", "m"): "der",
    ("nom", "f"): "die",
    ("nom", "n"): "das",
    ("nom", "pl"): "die",
    ("acc", "m"): "den",
    ("acc", "f"): "die",
    ("acc", "n"): "das",
    ("acc", "pl"): "die",
    ("dat", "m"): "dem",
    ("dat", "f"): "der",
    ("dat", "n"): "dem",
    ("dat", "pl"): "den",
    ("gen", "m"): "des",
    ("gen", "f"): "der",
    ("gen", "n"): "des",
    ("gen", "pl"): "der",
}
# Endings of der-words ("dieser"); ein-words ("kein", "mein") drop them in three slots.
_STRONG = {
    ("nom", "m"): "er",
    ("nom", "f"): "e",
    ("nom", "n"): "es",
    ("nom", "pl"): "e",
    ("acc", "m"): "en",
    ("acc", "f"): "e",
    ("acc", "n"): "es",
    ("acc", "pl"): "e",
    ("dat", "m"): "em",
    ("dat", "f"): "er",
    ("dat", "n"): "em",
    ("dat", "pl"): "en",
    ("gen", "m"): "es",
    ("gen", "f"): "er",
    ("gen", "n"): "es",
    ("gen", "pl"): "er",
}
_EIN_BARE = {("nom", "m"), ("nom", "n"), ("acc", "n")}
_DER_WORDS = ("dies", "jen", "jed", "manch", "welch", "solch", "all")
_EIN_WORDS = ("kein", "mein", "dein", "sein", "ihr", "unser", "euer", "eur", "ein")
# Quantifiers that inflect like strong adjectives and stand where a determiner does.
_QUANTIFIERS = ("viel", "wenig", "einig", "mehrer", "etlich", "beid")
_ENDINGS = ("em", "en", "er", "es", "e")


@dataclass(frozen=True)
class Determiner:
    """A determiner split into its paradigm: "def" (der/die/das), "ein" (ein, kein, mein ...),
    "der" (dieser, jeder, alle ...) or "strong" (viele, einige ...), and its stem."""

    kind: str
    stem: str

    def form(self, case: str, number: str, gender: str) -> str | None:
        slot = (case, "pl" if number == "pl" else gender)
        if self.kind == "def":
            return _DEFINITE.get(slot)
        if self.kind == "ein" and self.stem == "ein" and number == "pl":
            return None  # no plural indefinite article
        if self.kind != "def" and slot not in _STRONG:
            return None
        if self.kind == "ein" and slot in _EIN_BARE:
            return "euer" if self.stem in {"euer", "eur"} else self.stem
        stem = "eur" if self.stem in {"euer", "eur"} else self.stem
        if self.kind == "strong" and case == "gen" and number == "sg":
            return stem + "en"
        return stem + _STRONG[slot]

    @property
    def declension(self) -> str:
        """The adjective declension after this determiner: weak, mixed or strong."""
        return {"def": "weak", "der": "weak", "ein": "mixed"}.get(self.kind, "strong")


def determiner(word: str) -> Determiner | None:
    """The paradigm of an article, der-word, ein-word or quantifier; None for other words."""
    low = word.lower()
    if low in {"der", "die", "das", "den", "dem", "des"}:
        return Determiner("def", "d")
    for stem in _EIN_WORDS:
        if low == stem or (low.startswith(stem) and low[len(stem) :] in _ENDINGS):
            return Determiner("ein", stem)
    for stems, kind in ((_DER_WORDS, "der"), (_QUANTIFIERS, "strong")):
        for stem in stems:
            if low.startswith(stem) and low[len(stem) :] in _ENDINGS:
                return Determiner(kind, stem)
    return None


def determiner_readings(word: str) -> frozenset[Reading]:
    """(case, number, gender) readings of a determiner; empty for other words."""
    found = _determiner_readings(word)
    if found is not None:
        return frozenset(found)
    det = determiner(word)
    if det is None or det.kind != "strong":
        return frozenset()
    return frozenset(
        (case, number, gender)
        for case in CASE_NAMES
        for number, gender in (("sg", "m"), ("sg", "f"), ("sg", "n"), ("pl", ""))
        if det.form(case, number, gender) == word.lower()
    )


# ----------------------------------------------------------------------- adjectives, nouns

_WEAK_E = {("nom", "m"), ("nom", "f"), ("nom", "n"), ("acc", "f"), ("acc", "n")}
_MIXED = {("nom", "m"): "er", ("nom", "n"): "es", ("acc", "n"): "es"}


def adjective_form(word: str, declension: str, case: str, number: str, gender: str) -> str:
    """An attributive adjective re-inflected for a slot ("neuen" -> "neue"); a word without an
    inflection ending (a number, "beiden" handled as -en) keeps its shape but the ending."""
    stem = next((word[: -len(e)] for e in _ENDINGS if word.endswith(e) and len(word) > 3), None)
    if stem is None:
        return word
    slot = (case, "pl" if number == "pl" else gender)
    if declension == "strong":
        ending = "en" if case == "gen" and number == "sg" and gender != "f" else _STRONG[slot]
    elif number == "pl":
        ending = "en"
    elif declension == "mixed" and slot in _MIXED:
        ending = _MIXED[slot]
    else:
        ending = "e" if slot in _WEAK_E else "en"
    return stem + ending


def _known_tail(word: str) -> tuple[str, str] | None:
    """(prefix, tail) with the tail a noun form the table knows: the word itself, the part
    after a hyphen ("Karabach-Teppichen"), or the longest known tail of a compound, as
    :func:`compound_readings` decides it."""
    if _table_readings(word):
        return "", word
    head, hyphen, last = word.rpartition("-")
    if hyphen and last[:1].isupper() and _table_readings(last):
        return head + hyphen, last
    if not compound_readings(word):
        return None
    for cut in range(3, len(word) - 3):
        tail = word[cut:].capitalize()
        if not tail.startswith("-") and _table_readings(tail):
            return word[:cut], tail
    return None


_LINKS = ("es", "s", "en", "n", "e", "-")


# Suffixes that make a feminine noun with an -en plural (Duden Grammatik, Wortbildung):
# unknown compounds on them ("Funkabhörabdeckung") are decided by the suffix alone.
_FEMININE_SUFFIXES = ("ung", "heit", "keit", "schaft", "tät", "tion", "sion")
_ALL_CASES = ("nom", "acc", "dat", "gen")


def _suffix_readings(word: str) -> frozenset[Reading]:
    low = word.lower()
    if not word[:1].isupper() or len(word) < 7:
        return frozenset()
    if low.endswith(_FEMININE_SUFFIXES):
        return frozenset((c, "sg", "f") for c in _ALL_CASES)
    if low.endswith(tuple(s + "en" for s in _FEMININE_SUFFIXES)):
        return frozenset((c, "pl", "") for c in _ALL_CASES)
    return frozenset()


def reliable_readings(word: str) -> frozenset[Reading]:
    """Noun readings for case decisions: the table's own, or those of a compound's tail when
    the compound splits cleanly (a tail of five letters or more, and its first part, less a
    linking -s-/-en-, is a known noun, or the tail is long: "Wetterdienst|berichte");
    foreign words that only end like a German noun ("Telec|aster", "Taus|ende") get none."""
    split = _known_tail(word)
    if split is None:
        return _suffix_readings(word) if not _table_readings(word) else frozenset()
    prefix, tail = split
    if not prefix or prefix.endswith("-"):
        return _table_readings(tail)  # the word itself, or a hyphen marks the head
    stems = [prefix] + [prefix[: -len(k)] for k in _LINKS if prefix.endswith(k)]
    if len(tail) < 5:
        return frozenset()  # "Taus|ende", "Peripateti|kern": too short to trust
    if len(tail) >= 6 or any(len(s) > 2 and _table_readings(s.capitalize()) for s in stems):
        return _table_readings(tail)
    return frozenset()


def feminine_e_plural(word: str) -> bool:
    """True for a plural in -en of a feminine noun in -e ("Geraden", "Endgeraden"): the same
    form is the dative singular of a nominalised adjective ("auf der Geraden"), which the
    table may not list."""
    split = _known_tail(word)
    if split is None or not word.endswith("en"):
        return False
    for entry in noun_table()[split[1]]:
        flexion = entry.get("flexion") or {}
        singular = flexion.get("nominativ singular") or ""
        if entry.get("genus") == "f" and singular.endswith("e"):
            return True
    return False


def noun_form(word: str, case: str, number: str, gender: str, declension: str) -> str | None:
    """The form of the noun ``word`` (any of its forms) in another case and number.

    Only lexemes that have ``word`` among their forms and, in the singular, the wanted gender
    are used; nominalised adjectives ("Abgeordnete") take the form of the ``declension``.
    """
    split = _known_tail(word)
    if split is None:
        by_suffix = _suffix_readings(word)
        if not by_suffix or (number == "sg" and gender != "f"):
            return None
        stem = word if any(n == "sg" for _, n, _ in by_suffix) else word[:-2]
        return stem if number == "sg" else stem + "en"
    prefix, tail = split
    number_key = "plural" if number == "pl" else "singular"
    sub = {"weak": "schwach", "mixed": "gemischt", "strong": "stark"}[declension]
    found: dict[str, int] = {}  # form -> rank (lower is better)
    for entry in noun_table()[tail]:
        flexion = entry.get("flexion") or {}
        if tail not in flexion.values():
            continue
        genders = {entry.get(k) for k in ("genus", "genus 1", "genus 2", "genus 3")} - {None}
        if number == "sg" and gender not in genders:
            continue
        # variants are numbered ("genitiv singular 1/2"): keep the variant the word itself has
        own = {k.split()[-1] for k, v in flexion.items() if v == tail and k.split()[-1].isdigit()}
        for key, form in flexion.items():
            parts = key.split()
            if "*" in key or len(parts) < 2 or parts[:2] != [_FLEXION_CASE[case], number_key]:
                continue
            if len(parts) > 2 and parts[2] in {"stark", "schwach", "gemischt"} and parts[2] != sub:
                continue
            variant = parts[-1] if parts[-1].isdigit() else ""
            rank = int(variant or 0) - (100 if variant in own else 0)
            found[form] = min(rank, found.get(form, rank))
    if found:
        best = min(found.values())
        found = {f: r for f, r in found.items() if r == best}
    if len(found) > 1:  # several plurals ("Worte", "Wörter"): keep the one nearest the word
        top = max(len(os.path.commonprefix([f, tail])) for f in found)
        found = {f: r for f, r in found.items() if len(os.path.commonprefix([f, tail])) == top}
    if len(found) != 1:
        return None
    form = next(iter(found))
    return prefix + (form[:1].lower() + form[1:] if prefix and not prefix.endswith("-") else form)


def phrase_in_case(
    det: str, adjectives: Iterable[str], noun: str, case: str, number: str, gender: str
) -> str | None:
    """ "die", ["neuen"], "Kollegen" in the dative plural -> "den neuen Kollegen"."""
    paradigm = determiner(det)
    if paradigm is None:
        return None
    det_form = paradigm.form(case, number, gender)
    noun_new = noun_form(noun, case, number, gender, paradigm.declension)
    if det_form is None or noun_new is None:
        return None
    if det[:1].isupper():
        det_form = det_form.capitalize()
    words = [det_form]
    for adj in adjectives:
        words.append(
            adj
            if not adj[:1].isalpha()
            else adjective_form(adj, paradigm.declension, case, number, gender)
        )
    return " ".join([*words, noun_new])
