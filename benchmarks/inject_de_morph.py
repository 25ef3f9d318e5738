"""Damage injectors for the German morphology checks (DE-GRAM, DE-GENDER, DE-TAUT, DE-SENSE).

Each function takes one clean German sentence and a seeded ``random.Random`` and returns a
copy damaged the way its check should catch (the way MT damages German), or None when the
sentence offers no place for it. Sites are found with the shared HanTa tagging.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from wordfreq import zipf_frequency

from mtaudit.checks.de_gender import mentions, subject_position
from mtaudit.lang.german import first_name_gender, noun_genders, noun_readings, role_gender
from mtaudit.lang.tagging import Tagged, is_finite_verb, tag
from mtaudit.lang.tokens import tokens


def _tag(s: str) -> list[Tagged]:
    return tag(tokens(s), "de")


def _replace(s: str, item: Tagged, new: str) -> str:
    return s[: item.start] + new + s[item.end :]


def _weak_form(form: str, lemma_stem: str) -> str | None:
    """Conjugate a weak verb like ``form`` (3rd person present/past): folgte, folgen..."""
    for ending in ("ten", "te", "en", "t"):
        if form.endswith(ending):
            return lemma_stem + ending
    return None


def dative_verb_accusative(s: str, rng: random.Random) -> str | None:
    """Swap a finite verb that has an accusative object for a dative verb ("folgte den Plan")."""
    tagged = _tag(s)
    for i, item in enumerate(tagged):
        if not (item.pos == "VV(FIN)" and item.lemma.endswith("en")):
            continue
        for art, noun in zip(tagged[i + 1 : i + 6], tagged[i + 2 : i + 7], strict=False):
            if (
                art.text in {"einen", "den"}
                and noun.pos == "NN"
                and (
                    ("acc", "sg", "m") in noun_readings(noun.text)
                    and ("dat", "pl", "") not in noun_readings(noun.text)
                )
            ):
                new = _weak_form(item.text, rng.choice(["folg", "dank", "widersprech"]))
                return _replace(s, item, new) if new else None
    return None


def english_preposition(s: str, rng: random.Random) -> str | None:
    """Make the verb "warten/suchen" and give its object the English "für"."""
    tagged = _tag(s)
    for i, item in enumerate(tagged):
        if item.pos != "VV(FIN)":
            continue
        nxt = tagged[i + 1] if i + 1 < len(tagged) else None
        if nxt is None or nxt.pos != "ART":
            continue
        new = _weak_form(item.text, rng.choice(["wart", "such"]))
        if new is None:
            return None
        if new.startswith("wart") and new.endswith("t") and not new.endswith("et"):
            new = new[:-1] + "et"  # wartet, not wartt
        return s[: item.start] + new + " für " + s[nxt.start :]
    return None


def quantifier_plural(s: str, rng: random.Random) -> str | None:
    """Drop the ending of "viele/wenige" before a noun ("viel Fortschritte")."""
    m = re.search(r"\b([Vv]iel|[Ww]enig)e (?=[A-ZÄÖÜ])", s)
    return None if m is None else s[: m.start()] + m.group(1) + " " + s[m.end() :]


def personal_passive(s: str, rng: random.Random) -> str | None:
    """ "Der Zug kam an." -> "Der Zug wird erwartet, dass er an kam." (English raising)."""
    tagged = _tag(s)
    if len(tagged) < 5 or tagged[0].pos != "ART" or tagged[1].pos != "NN":
        return None
    if not is_finite_verb(tagged[2], "de") or tagged[-1].text != ".":
        return None
    genders = noun_genders(tagged[1].text)
    plural = any(n == "pl" for _, n, _ in noun_readings(tagged[1].text)) and not genders
    if plural:
        pronoun, aux = "sie", "werden"
    elif len(genders) == 1:
        pronoun, aux = {"m": "er", "f": "sie", "n": "es"}[next(iter(genders))], "wird"
    else:
        return None
    verb = rng.choice(["erwartet", "berichtet", "geglaubt"])
    rest = s[tagged[3].start : tagged[-1].start].rstrip()
    return f"{s[: tagged[1].end]} {aux} {verb}, dass {pronoun} {rest} {tagged[2].text}."


_ARTICLE_SWAP = {
    "die": "das",
    "Die": "Das",
    "das": "die",
    "Das": "Die",
    "ein": "eine",
    "Ein": "Eine",
    "eine": "ein",
    "Eine": "Ein",
    "dem": "der",
    "einem": "einer",
}


def article_gender(s: str, rng: random.Random) -> str | None:
    """Give a noun an article of the wrong gender ("das Regierung", "eine Haus")."""
    tagged = _tag(s)
    sites = []
    for art, noun in zip(tagged, tagged[1:], strict=False):
        new = _ARTICLE_SWAP.get(art.text)
        if art.pos != "ART" or new is None or noun.pos != "NN":
            continue
        genders = noun_genders(noun.text)
        if len(genders) != 1 or any(n == "pl" for _, n, _ in noun_readings(noun.text)):
            continue
        if new.lower() == "das" and genders == {"n"} or new.lower() == "eine" and genders == {"f"}:
            continue
        if new.lower() in {"der", "einer"} and genders == {"f"}:
            continue
        sites.append((art, new))
    if not sites:
        return None
    art, new = rng.choice(sites)
    return _replace(s, art, new)


def _other_role(word: str) -> str | None:
    """Präsidentin <-> Präsident, as long as the other form is a known noun."""
    gender = role_gender(word)
    if gender == "f":
        base = word[:-2]
        return next(
            (b for b in (base, base.translate(str.maketrans("äöü", "aou"))) if noun_genders(b)),
            None,
        )
    if gender == "m":
        return word + "in" if noun_genders(word + "in") == {"f"} else None
    return None


def pronoun_gender(s: str, rng: random.Random) -> str | None:
    """After a gender-marked name, turn a matching possessive into the other gender."""
    tagged = _tag(s)
    for mention in mentions(tagged):
        after = [t for t in tagged if t.start > mention.end and t.pos == "PPOSAT"]
        for item in after:
            lemma = item.lemma.lower()
            if mention.gender == "f" and lemma == "ihr":
                return _replace(s, item, "sein" + item.text[3:])
        other = _other_role(mention.marker.text)
        if mention.gender == "m" and other and any(t.lemma.lower() == "sein" for t in after):
            return _replace(s, mention.marker, other)
    return None


def subject_back_reference(s: str, rng: random.Random) -> str | None:
    """Make a masculine subject mention feminine when a "sein-" possessive or "er" later in
    the sentence refers back to it ("Minister Kai Lund ..., um seinen Kollegen ..." ->
    "Ministerin Kai Lund ..."): MT choosing the role noun's gender on its own."""
    tagged = _tag(s)
    for mention in mentions(tagged):
        if mention.gender != "m" or not subject_position(tagged, mention):
            continue
        marker = mention.marker
        other = "Frau" if marker.text in {"Herr", "Herrn"} else _other_role(marker.text)
        after = [t for t in tagged if t.start > mention.end]
        if not other or not any(
            t.pos == "PPOSAT" and t.lemma.lower() == "sein" or t.pos == "PPER" and t.text == "er"
            for t in after
        ):
            continue
        damaged = _replace(s, marker, other)
        i = next(k for k, t in enumerate(tagged) if t.start == marker.start)
        art = next((t for t in reversed(tagged[:i]) if t.pos != "ADJ(A)"), None)
        new_art = {"Der": "Die", "der": "die", "Ein": "Eine", "ein": "eine"}.get(
            art.text if art is not None and art.pos == "ART" else ""
        )
        return _replace(damaged, art, new_art) if new_art and art else damaged
    return None


def name_gender_conflict(s: str, rng: random.Random) -> str | None:
    """Add a sentence that names the same person with the other gender's role noun."""
    for mention in mentions(_tag(s)):
        other = _other_role(mention.marker.text)
        if other:
            return f"{s} Später äußerte sich {other} {mention.surname} erneut."
    return None


def first_name_conflict(s: str, rng: random.Random) -> str | None:
    """Put a role noun of the wrong gender before a known first name."""
    tagged = _tag(s)
    for prev, first, last in zip(tagged, tagged[1:], tagged[2:], strict=False):
        gender = first_name_gender(first.text)
        if gender is None or first.pos != "NE" or not last.text[:1].isupper():
            continue
        if role_gender(prev.text):
            other = _other_role(prev.text)
            if other and role_gender(prev.text) == gender:
                return _replace(s, prev, other)
            continue
        role = rng.choice(["Minister", "Sprecher", "Direktor"])
        return s[: first.start] + (role if gender == "f" else role + "in") + " " + s[first.start :]
    return None


def stem_repetition(s: str, rng: random.Random) -> str | None:
    """Give a weak verb its own -ung noun as object ("prüfte die Prüfung den Antrag")."""
    for item in _tag(s):
        if item.pos != "VV(FIN)" or not item.lemma.endswith("en"):
            continue
        noun = item.lemma[:-2].capitalize() + "ung"
        if zipf_frequency(noun, "de") >= 2.5:
            return s[: item.end] + " die " + noun + s[item.end :]
    return None


def coordinated_repetition(s: str, rng: random.Random) -> str | None:
    """ "Hilfe" -> "Hilfe und weitere Hilfe"."""
    tagged = _tag(s)
    sites = [
        t
        for i, t in enumerate(tagged)
        if t.pos == "NN"
        and i
        and tagged[i - 1].pos == "ART"
        and (i + 1 == len(tagged) or tagged[i + 1].pos != "NN")
    ]
    if not sites:
        return None
    noun = rng.choice(sites)
    return s[: noun.end] + f" und weitere {noun.text}" + s[noun.end :]


_SENSE_SWAPS = [
    (r"\bDosis\b", "Dose"),
    (r"\bStadion\b", "Stadium"),
    (r"\bAussichten auf\b", "Prospekte für"),
    (r"\bBestimmungen (des|der)\b", r"Provisionen \1"),
    (r"\bvernünftige (Entscheidung|Lösung|Wahl)\b", r"sensible \1"),
    (r"\b(in [A-Z]\w+) (eingetroffen|angekommen)\b", r"\1 eingetreten"),
    (r"\bwurde ([a-zäöü]+)\.$", r"bekam \1."),
    (r"\bwurden ([a-zäöü]+)\.$", r"bekamen \1."),
]


def false_friend(s: str, rng: random.Random) -> str | None:
    """Swap a word for its English look-alike (Dosis -> Dose, Stadion -> Stadium)."""
    options = [(p, r) for p, r in _SENSE_SWAPS if re.search(p, s)]
    if not options:
        return None
    pattern, repl = rng.choice(options)
    damaged = re.sub(pattern, repl, s, count=1)
    return damaged if damaged != s else None


INJECTORS: dict[str, Callable[[str, random.Random], str | None]] = {
    "DE-GRAM-001": dative_verb_accusative,
    "DE-GRAM-002": english_preposition,
    "DE-GRAM-003": quantifier_plural,
    "DE-GRAM-004": personal_passive,
    "DE-GRAM-005": article_gender,
    "DE-GENDER-001": pronoun_gender,
    "DE-GENDER-002": name_gender_conflict,
    "DE-GENDER-003": first_name_conflict,
    "DE-GENDER-004": subject_back_reference,
    "DE-TAUT-001": stem_repetition,
    "DE-TAUT-002": coordinated_repetition,
    "DE-SENSE-001": false_friend,
}
