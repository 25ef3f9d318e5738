"""Case after German prepositions: "mit die Kollegen", "für den Kindern", "ohne dem Vertrag".

English prepositions govern no case, so MT often keeps the article of the English-like
phrase or of the noun's dictionary form. A German preposition fixes the case of its phrase
(``mit`` dative, ``für`` accusative, ``in`` dative or accusative, ``wegen`` genitive); the
table is ``mtaudit/data/de/preposition_cases.tsv``. The checks read the readings of the
determiner and the noun (Wiktionary-based ``german-nouns`` table) and fire only where no
reading of the phrase is in an allowed case, with the phrase in the right case as the fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.lang.german import noun_genders
from mtaudit.lang.german_cases import (
    CASE_NAMES,
    PrepositionRule,
    Reading,
    determiner,
    determiner_readings,
    feminine_e_plural,
    phrase_in_case,
    preposition_rule,
    reliable_readings,
)
from mtaudit.lang.tagging import Tagged, is_finite_verb, tag

_DETERMINER_POS = {"ART", "PPOSAT", "PDAT", "PIAT", "PIDAT", "PWAT"}
_ATTRIBUTE_POS = {"ADJ(A)", "CARD", "PIAT", "PIDAT"}
_PRONOUN_POS = {"PPER", "PRF", "PDS", "PIS", "PRELS", "PWS"}
# Cases "der/die/das/den/dem" can have as a relative pronoun ("die Frau, mit der ...").
_RELATIVE_CASES = {
    "der": {"nom", "dat"},
    "die": {"nom", "acc"},
    "das": {"nom", "acc"},
    "den": {"acc"},
    "dem": {"dat"},
}
# Prepositions that are also subordinators or take a zu-infinitive ("während die Kinder
# spielten", "statt die Arbeit zu machen"): there the phrase after them is a subject/object.
_CONJUNCTION_LIKE = {"während", "seit", "statt", "anstatt"}
# "um/ohne ... zu + infinitive": the phrase is the object of the infinitive.
_INFINITIVE_LIKE = {"um", "ohne", "statt", "anstatt"}
# "statt"/"anstatt" are also conjunctions that copy the case of what they replace ("wählten
# einen Usurpator statt einen Karolinger"), so only their colloquial dative is checked.
_CASE_COPYING = {"statt", "anstatt"}
# "von zu Hause aus", "von Anfang an", "von klein auf": particles of a "von" phrase.
_VON_PARTICLES = {"aus", "an", "auf"}
# Preposition + definite article contractions written German prefers ("in dem" -> "im").
_CONTRACTIONS = {
    ("in", "dem"): "im",
    ("in", "das"): "ins",
    ("an", "dem"): "am",
    ("an", "das"): "ans",
    ("zu", "dem"): "zum",
    ("zu", "der"): "zur",
    ("von", "dem"): "vom",
    ("bei", "dem"): "beim",
}


def _like(word: str, model: str) -> str:
    return word.capitalize() if model[:1].isupper() else word


@dataclass(frozen=True)
class PrepPhrase:
    """A preposition directly followed by a determiner, attributes and a head noun."""

    rule: PrepositionRule
    prep: Tagged
    det: Tagged
    attributes: tuple[Tagged, ...]
    noun: Tagged
    det_readings: frozenset[Reading]
    noun_readings: frozenset[Reading]

    @property
    def readings(self) -> frozenset[Reading]:
        """Readings determiner and noun agree on (empty when they do not agree at all)."""
        return self.det_readings & self.noun_readings

    def fits(self, cases: frozenset[str]) -> bool:
        return any(case in cases for case, _, _ in self.readings)

    def text(self, sent: SentenceView) -> str:
        return sent.span(self.det.start, self.noun.end)

    def corrections(self, cases: frozenset[str]) -> list[str]:
        """The phrase in each of ``cases``, for the number and gender the phrase has (or the
        noun has, when article and noun disagree): "die Kollegen" -> ["den Kollegen"]."""
        base = self.readings or {r for r in self.noun_readings if r[0] in cases}
        slots = sorted({(n, g) for _, n, g in base}, key=lambda s: (s[0] != "pl", s))
        out: list[str] = []
        for case in ("dat", "acc", "gen"):
            if case not in cases:
                continue
            for number, gender in slots:
                phrase = phrase_in_case(
                    self.det.text,
                    [a.text for a in self.attributes],
                    self.noun.text,
                    case,
                    number,
                    gender,
                )
                if phrase and phrase not in out:
                    out.append(phrase)
        fixes = []
        for phrase in out[:3]:
            det, _, rest = phrase.partition(" ")
            short = _CONTRACTIONS.get((self.prep.text.lower(), det))
            if short and rest:
                fixes.append(f"{_like(short, self.prep.text)} {rest}")
            fixes.append(f"{self.prep.text} {phrase}")
        return fixes


def _determiner_before(tagged: list[Tagged], k: int) -> Tagged | None:
    """The determiner of the noun phrase ending at ``k`` (adjectives may stand between)."""
    while k >= 0 and tagged[k].pos in {"ADJ(A)", "CARD"}:
        k -= 1
    return tagged[k] if k >= 0 and tagged[k].pos in _DETERMINER_POS else None


def _postposition(tagged: list[Tagged], i: int, rule: PrepositionRule) -> bool:
    """True when a word that can follow its phrase does ("meiner Meinung nach", "ihm
    gegenüber"): the determiner after it then opens a new phrase."""
    if not rule.postposed or i == 0:
        return False
    prev = tagged[i - 1]
    if prev.pos in _PRONOUN_POS or prev.pos == "NE":
        return True
    if prev.pos != "NN":
        return False
    det = _determiner_before(tagged, i - 2)
    return det is not None and any(
        case in rule.tolerated for case, _, _ in determiner_readings(det.text)
    )


def _clause_end(tagged: list[Tagged], i: int) -> list[Tagged]:
    """Tokens from ``i`` to the next comma or sentence mark."""
    out = []
    for item in tagged[i:]:
        if item.pos in {"$,", "$."}:
            break
        out.append(item)
    return out


_NOT_DETERMINERS = {"ihr", "weniger", "mehr"}  # pronoun "von ihr gekauft"; comparatives
_AFTER_EIN = {"paar", "bisschen", "wenig"}  # "nach ein paar Siegen": a quantifier


def _unsure_head(det: Tagged, attributes: tuple[Tagged, ...], noun: Tagged, after) -> bool:
    """Phrases whose head or readings the words do not settle: a name of several capitalised
    words ("gegen die Leicestershire Foxes", "mit der Highway 407"), a hyphenated
    coordination ("mit dem Bus- und Bahnverkehr"), a number ("an die 7 Hektar": about; "für
    einen zwei Tage dauernden Stopp": an extended attribute), English -s plurals ("an die
    Nimrods"), acronyms, "ein paar" and the pronoun "ihr"."""
    low = det.text.lower()
    if low in _NOT_DETERMINERS:
        return True
    if low == "ein" and any(a.text.lower() in _AFTER_EIN for a in attributes):
        return True
    if any(a.pos == "CARD" for a in attributes) or noun.text.endswith("-") or noun.text.isupper():
        return True
    if after is not None and (
        after.text.startswith("-")
        or after.pos in {"CARD", "FM", "NE"}
        or (after.text[:1].isupper() and after.pos not in {"$.", "$,", "$("})
    ):
        return True
    readings = reliable_readings(noun.text)
    genitive_det = any(case == "gen" for case, _, _ in determiner_readings(det.text))
    return (
        noun.text.endswith("s")
        and not genitive_det
        and all(case == "gen" for case, _, _ in readings)
    )


def prep_phrases(tagged: list[Tagged]) -> Iterator[PrepPhrase]:
    """Prepositional phrases whose case the words decide; uncertain readings are left out.

    Left out: contractions (zum, im), a determiner that may be a relative pronoun after a
    comma ("die Frau, mit der Kinder spielen"), a capitalised determiner (titles: "in Die
    Zeit"), postpositions ("meiner Meinung nach die beste"), subordinator uses of während,
    seit, statt, "mit" before a superlative ("mit der beste Spieler": one of the best),
    "um ... willen", hyphenated coordination ("mit dem Bus- und Bahnverkehr"), a phrase that is
    a prenominal genitive ("in der Kinder Augen") and nouns the table does not know.
    """
    for i, prep in enumerate(tagged[:-2]):
        rule = preposition_rule(prep.text)
        if rule is None or prep.pos != "APPR":
            continue
        det = tagged[i + 1]
        det_readings = determiner_readings(det.text)
        if det.pos not in _DETERMINER_POS or not det_readings or det.text[:1].isupper():
            continue
        j = i + 2
        while j < len(tagged) and (
            tagged[j].pos in _ATTRIBUTE_POS
            or (tagged[j].pos == "ADV" and j + 1 < len(tagged) and tagged[j + 1].pos == "ADJ(A)")
        ):
            inner = determiner(tagged[j].text)
            if tagged[j].pos in {"PIAT", "PIDAT"} and (inner is None or inner.kind != "strong"):
                break  # "in der nächsten kein Kennzeichen": a second determiner, an ellipsis
            j += 1
        if j >= len(tagged) or tagged[j].pos not in {"NN", "NNI", "NNA"}:
            continue
        noun = tagged[j]
        after = tagged[j + 1] if j + 1 < len(tagged) else None
        attributes = tuple(t for t in tagged[i + 2 : j] if t.pos != "ADV")
        if _unsure_head(det, attributes, noun, after):
            continue
        noun_readings = reliable_readings(noun.text)
        if not noun_readings:
            continue
        word = prep.text.lower()
        low = det.text.lower()
        relative = det.pos.startswith("PREL") or (i > 0 and tagged[i - 1].pos in {"$,", "$("})
        if relative and _RELATIVE_CASES.get(low, set()) & rule.tolerated:
            continue  # "die Frau, mit der Kinder spielen": a relative pronoun
        if _postposition(tagged, i, rule):
            continue
        rest = _clause_end(tagged, i + 1)
        if word in _INFINITIVE_LIKE and any(t.pos in {"PTKZU", "VV(IZU)"} for t in rest):
            continue
        if word in _CONJUNCTION_LIKE and (
            any(c == "nom" for c, _, _ in det_readings & noun_readings)
            or (rest and is_finite_verb(rest[-1], "de"))
        ):
            continue  # "seit das Parlament ... beschloss": a subordinator and its subject
        if word in _VON_PARTICLES and any(
            t.text.lower() in {"von", "vom"} for t in tagged[max(0, i - 4) : i]
        ):
            continue
        if word == "um" and any(t.text.lower() == "willen" for t in rest):
            continue
        if word == "mit" and any(
            a.pos == "ADJ(A)" and a.text.lower().endswith(("ste", "sten", "ster", "stes"))
            for a in attributes
        ):
            continue
        yield PrepPhrase(rule, prep, det, attributes, noun, det_readings, noun_readings)


def _case_list(cases: frozenset[str] | set[str]) -> str:
    names = [CASE_NAMES[c] for c in ("nom", "acc", "dat", "gen") if c in cases]
    return " or ".join(names)


def _unreliable_noun(phrase: PrepPhrase) -> bool:
    """Nouns whose table readings cannot decide a disagreement: nominalised infinitives the
    table knows only as plurals ("dem Laufen"), English -s plurals, acronyms."""
    noun = phrase.noun.text
    if noun.isupper() or (
        noun.endswith("s") and all(case == "gen" for case, _, _ in phrase.noun_readings)
    ):
        return True
    return noun.endswith("en") and not noun_genders(noun)


@register
class PrepositionCase(Check):
    id = "DE-PREP-001"
    name = "wrong case after a preposition"
    langs = frozenset({"de"})
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "The noun phrase after a preposition is in a case the preposition never takes."
    explanation = (
        "German prepositions fix the case of their phrase: 'mit', 'aus', 'bei', 'nach', 'seit', "
        "'von', 'zu' the dative; 'für', 'durch', 'gegen', 'ohne', 'um' the accusative; 'in', "
        "'an', 'auf', 'über', 'unter', 'vor', 'hinter', 'neben', 'zwischen' the dative or "
        "accusative; 'wegen', 'trotz', 'während' the genitive (colloquially the dative). "
        "English marks no case, so MT writes 'mit die Kollegen' or 'für den Kindern'. The "
        "check reads every reading of the determiner and of the noun (Wiktionary-based table) "
        "and fires when none fits the preposition: the phrase agrees in a wrong case, or its "
        "determiner or noun can take no allowed case at all. It is silent on contractions, on "
        "unknown nouns, where the determiner may be a relative pronoun ('die Frau, mit der "
        "Kinder spielen'), after postpositions ('meiner Meinung nach die beste'), on "
        "'während/seit' as subordinators, 'statt' as a conjunction (it copies the case of what "
        "it replaces), 'um/ohne ... zu' and 'mit' before a superlative ('mit der beste "
        "Spieler'). The replacement is the phrase in the governed case."
    )
    bad_example = "Sie sprach lange mit die Kollegen aus Berlin."
    good_example = "Sie sprach lange mit den Kollegen aus Berlin."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for phrase in prep_phrases(tag(sent.tokens, "de")):
            allowed = phrase.rule.tolerated
            if phrase.fits(allowed) or phrase.prep.text.lower() in _CASE_COPYING:
                continue
            if (
                phrase.det.text.lower() == "der"
                and {(c, n) for c, n, _ in phrase.readings} == {("gen", "pl")}
                and feminine_e_plural(phrase.noun.text)
            ):
                continue  # "auf der Geraden": a nominalised adjective's dative singular
            if (
                "gen" in allowed
                and phrase.det.text.lower() in {"des", "eines"}
                and not any(c == "gen" for c, _, _ in phrase.noun_readings)
            ):
                continue  # "inmitten des Bacchanal": a missing genitive -s, not a case
            det_ok = any(c in allowed for c, _, _ in phrase.det_readings)
            noun_ok = any(c in allowed for c, _, _ in phrase.noun_readings)
            if phrase.readings:
                why = f"is {_case_list({c for c, _, _ in phrase.readings})}"
                confidence = 1.0
            elif det_ok and noun_ok:
                if _unreliable_noun(phrase):
                    continue
                why = f'has an article that does not agree with "{phrase.noun.text}"'
                confidence = 0.7
            else:
                word = phrase.noun if det_ok else phrase.det
                why = f'cannot be {_case_list(allowed)} ("{word.text}")'
                confidence = 1.0
            if sent.rt_touches(phrase.det.start, phrase.noun.end):
                confidence = min(1.0, confidence + 0.1)
            fixes = phrase.corrections(phrase.rule.cases or allowed)
            hint = f'; "{fixes[0]}"' if fixes else ""
            yield self.finding(
                f'"{phrase.prep.text}" takes the {_case_list(phrase.rule.cases)}, but '
                f'"{phrase.text(sent)}" {why}{hint}',
                phrase.prep.start,
                phrase.noun.end,
                confidence=confidence,
                replacements=fixes,
            )


@register
class ColloquialDativePreposition(Check):
    id = "DE-PREP-002"
    name = "colloquial dative after a genitive preposition"
    langs = frozenset({"de"})
    category = "Fluency/Grammar"
    severity = "minor"
    summary = (
        "'wegen dem', 'trotz dem', 'während dem': a dative where written German uses the genitive."
    )
    explanation = (
        "'wegen', 'trotz', 'während', 'statt', 'innerhalb' and similar prepositions govern the "
        "genitive in written German; the dative ('wegen dem Wetter') is colloquial (Duden: "
        "umgangssprachlich) and standard only where the genitive is not visible. The check "
        "fires when the phrase after such a preposition has a dative reading but no genitive "
        "one, and offers the genitive."
    )
    bad_example = "Das Spiel fiel wegen dem starken Regen aus."
    good_example = "Das Spiel fiel wegen des starken Regens aus."
    default_enabled = False
    off_reason = (
        "A register choice, not a garble: the dative after 'wegen'/'trotz'/'während' is "
        "common in speech and in much published German (Duden: umgangssprachlich). "
        "Measured on clean human German: 0 of 4,784 dev and 0 of 4,683 test sentences; no "
        "damage type of the benchmark injects it, so it has no recall figure."
    )

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        for phrase in prep_phrases(tag(sent.tokens, "de")):
            rule = phrase.rule
            if not rule.colloquial or phrase.fits(rule.cases):
                continue
            if not phrase.fits(rule.colloquial):
                continue
            fixes = phrase.corrections(rule.cases)
            hint = f'; written German: "{fixes[0]}"' if fixes else ""
            yield self.finding(
                f'"{phrase.prep.text}" takes the {_case_list(rule.cases)} in written German, '
                f'"{phrase.text(sent)}" is {_case_list(rule.colloquial)}{hint}',
                phrase.prep.start,
                phrase.noun.end,
                confidence=0.6,
                replacements=fixes,
            )
