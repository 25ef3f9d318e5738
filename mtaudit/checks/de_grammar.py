"""German grammar that word-for-word MT breaks: case government, prepositions, agreement.

English has no case and few genders, so MT copies English structure into German: an
accusative object for a dative verb ("folgte den Plan"), an English preposition ("warten
für"), "viel" before a plural, an article of the wrong gender, a personal passive with a
clause ("Die Konzerte werden erwartet, dass ..."). Each check fires only where the words
themselves decide the error (noun forms from the Wiktionary-based ``german-nouns`` table),
never on guesses about meaning.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.nlp import Tagged, is_finite_verb, tag

# (case, number, gender) readings each article allows; "pl" carries no gender.
_ARTICLE_READINGS: dict[str, set[tuple[str, str, str]]] = {
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


@lru_cache(maxsize=1)
def grammar_data() -> dict:
    """The curated valency and preposition tables (mtaudit/data/de/grammar.json)."""
    path = resources.files("mtaudit").joinpath("data/de/grammar.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _nouns():
    """The german-nouns table (Wiktionary, CC BY-SA 4.0), loaded once (~1.5 s)."""
    from german_nouns.lookup import Nouns

    return Nouns()


def noun_readings(word: str) -> frozenset[tuple[str, str, str]]:
    """All (case, number, gender) readings of a noun form; empty when the noun is unknown."""
    return _table_readings(word)


@lru_cache(maxsize=100_000)
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


@lru_cache(maxsize=100_000)
def _table_readings(word: str) -> frozenset[tuple[str, str, str]]:
    out = set()
    for entry in _nouns()[word]:
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


def _noun_after(tagged: list[Tagged], i: int) -> int | None:
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
_DATIVE_PRONOUNS = {"mir", "dir", "ihm", "ihr", "ihnen", "uns", "euch", "sich", "wem", "dem",
                    "denen"}
# Nominative pronouns that can be the subject, with the verb numbers they agree with; "es"
# is left out: "Es folgen die Berichte" has an expletive "es" and a plural subject.
_SUBJECT_PRONOUNS = {"ich": "sg", "du": "sg", "er": "sg", "man": "sg", "jemand": "sg",
                     "niemand": "sg", "dies": "sg", "wir": "pl", "sie": "sg pl"}

def _determiner_readings(word: str) -> set[tuple[str, str, str]] | None:
    """Readings of an article, der-word or ein-word; None when ``word`` is none of these."""
    word = word.lower()
    if word in _ARTICLE_READINGS:
        return _ARTICLE_READINGS[word]
    for stem in _EIN_WORDS:
        if word == stem:
            return {("nom", "sg", "m"), ("nom", "sg", "n"), ("acc", "sg", "n")}
        if word.startswith(stem) and word[len(stem):] in _ENDING_READINGS:
            return _ENDING_READINGS[word[len(stem):]]
    for stem in _DER_WORDS:
        if word.startswith(stem) and word[len(stem):] in _ENDING_READINGS:
            return _ENDING_READINGS[word[len(stem):]]
    return None


def _strong_readings(word: str) -> set[tuple[str, str, str]] | None:
    """Readings a strong adjective ending allows ("zahlreiche" = nom/acc fem sg or plural)."""
    for ending in ("em", "en", "er", "es", "e"):
        if word.lower().endswith(ending):
            return _ENDING_READINGS[ending]
    return None


@dataclass(frozen=True)
class _Phrase:
    """A noun phrase of a clause: its token range and the readings its words agree on."""

    first: int
    head: int
    readings: frozenset[tuple[str, str, str]]

    @property
    def cases(self) -> set[str]:
        return {case for case, _, _ in self.readings}

    def numbers(self, case: str) -> set[str]:
        return {number for c, number, _ in self.readings if c == case}


def _phrases(clause: list[Tagged]) -> Iterator[_Phrase]:
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
        yield _Phrase(first, head, frozenset(noun & allowed))


def _verb_number(form: str) -> str:
    """Number of a finite verb form: "folgen", "sind" plural; "folgt", "half", "kann" singular."""
    form = form.lower()
    return "pl" if form == "sind" or (form.endswith("n") and not form.endswith("nn")) else "sg"


def _dative_plural(clause: list[Tagged], phrase: _Phrase) -> str | None:
    """The dative plural of a nominative/accusative plural phrase ("zahlreichen Berichten")."""
    noun = clause[phrase.head].text
    forms = {(e.get("flexion") or {}).get("dativ plural") for e in _nouns()[noun]
             if noun in {(e.get("flexion") or {}).get(k) for k in ("nominativ plural",
                                                                   "akkusativ plural")}}
    forms.discard(None)
    if len(forms) != 1:
        return None
    words = []
    for item in clause[phrase.first:phrase.head]:
        word = item.text
        words.append("den" if word.lower() == "die" else word + "n" if word.endswith("e")
                     else word)
    return " ".join([*words, forms.pop()])


def _tagged(sent: SentenceView) -> list[Tagged]:
    return tag(sent.tokens, "de")


@register
class DativeVerbAccusative(Check):
    id = "DE-GRAM-001"
    name = "dative verb with an accusative object"
    langs = frozenset({"de"})
    category = "Fluency/Grammar"
    severity = "major"
    summary = "A verb that governs the dative has an object whose form cannot be dative."
    explanation = (
        "Verbs such as folgen, helfen, danken, zustimmen govern the dative. English marks no "
        "case, so MT often writes the accusative ('den Plan folgen'). The check fires when the "
        "clause of such a verb holds an object that can only be accusative (masculine singular "
        "after 'einen', 'den' with a singular noun) and no preposition or time phrase explains it, "
        "or a nominative/accusative phrase that cannot be the subject: a plural beside a singular "
        "verb ('folgt zahlreiche Berichte'), or one after a subject that already agrees with the "
        "verb ('Der Minister folgte die Empfehlungen'). Clauses with a dative word, a second "
        "full verb or a separable particle that makes another verb are left alone."
    )
    bad_example = "Die Regierung folgte einen strengen Kurs."
    good_example = "Die Regierung folgte einem strengen Kurs."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        data = grammar_data()
        dative = set(data["dative_verbs"])
        aci = set(data["aci_verbs"])
        for clause in clauses(_tagged(sent)):
            verbs = verb_lemmas(clause)
            # with a particle the plain lemma is not the verb: "vertraut ... an" is anvertrauen
            plain = {v for v in verbs for k in verbs if k != v and k.endswith(v)
                     and verbs[k] == verbs[v]}
            governing = [v for v in verbs if v in dative and v not in plain]
            if not governing or any(t.lemma.lower() in aci for t in clause):
                continue
            verb = verbs[governing[0]]
            if any(t.pos == "VV(FIN)" and t != verb for t in clause):
                continue  # coordinated verbs: "überwältigt einen Offizier und entkommt"
            if verb.text.lower() == "gehört" and any(t.lemma == "haben" for t in clause):
                continue  # "hatte ihren Streit gehört" is hören, not gehören
            confidence = 0.9 if sent.rt_touches(verb.start, verb.end) else 0.8
            span = self._accusative_article(clause, data)
            if span is not None:
                yield self.finding(
                    f'"{governing[0]}" takes a dative object, but '
                    f'"{sent.span(clause[span[0]].start, clause[span[1]].end)}" is accusative',
                    clause[span[0]].start,
                    clause[span[1]].end,
                    confidence=confidence,
                )
                continue
            word = verb.text if verb.lemma.lower() == governing[0] else governing[0]
            wrong = self._not_dative(clause, verb, word, data)
            if wrong is not None:
                phrase, why = wrong
                first, head = clause[phrase.first], clause[phrase.head]
                yield self.finding(
                    f'"{word}" takes a dative object, but "{sent.span(first.start, head.end)}" '
                    f"is not dative ({why})",
                    first.start,
                    head.end,
                    confidence=confidence - 0.05,
                )

    @staticmethod
    def _accusative_article(clause: list[Tagged], data: dict) -> tuple[int, int] | None:
        """An object that can only be accusative: "einen"/"den" + masculine singular noun."""
        articles, preps = set(data["accusative_articles"]), set(data["accusative_prepositions"])
        time_nouns = set(data["time_nouns"])
        for i, item in enumerate(clause):
            if item.text.lower() not in articles or (i and clause[i - 1].pos == "APPR"):
                continue
            if i and clause[i - 1].text.lower() in preps:
                continue
            j = _noun_after(clause, i)
            if j is None or clause[j].text in time_nouns:
                continue
            readings = noun_readings(clause[j].text)
            if not readings or ("acc", "sg", "m") not in readings:
                continue
            if item.text.lower() == "den" and ("dat", "pl", "") in readings:
                continue
            return i, j
        return None

    @staticmethod
    def _not_dative(
        clause: list[Tagged], verb: Tagged, word: str, data: dict
    ) -> tuple[_Phrase, str] | None:
        """A nominative/accusative phrase that cannot be the subject, so it is the object.

        It cannot be the subject when its number differs from the finite verb's ("folgt
        zahlreiche Berichte") or when another phrase or pronoun before it already is ("Der
        Minister folgte die Empfehlungen"). Clauses with a dative word, a second full verb or
        several finite verbs are left alone: there the roles are not decided by form.
        """
        finite = [t for t in clause if is_finite_verb(t, "de")]
        if len(finite) != 1 or "IMP" in finite[0].pos:
            return None
        if any(t.pos.startswith("VV") and t != verb for t in clause):
            return None
        if any(t.text.lower() in _DATIVE_PRONOUNS and t.pos in {"PPER", "PRF", "PWS", "PRELS",
                                                                 "PDS"} for t in clause):
            return None
        for k, item in enumerate(clause):  # a bare dative noun ("hilft Kindern")
            cases = {case for case, _, _ in noun_readings(item.text)} if item.pos == "NN" else ()
            if cases == {"dat"} and not (k and clause[k - 1].pos in {"APPR", "APPRART"}):
                return None
        phrases = list(_phrases(clause))
        if any(p.cases == {"dat"} for p in phrases):
            return None
        number = _verb_number(finite[0].text)
        # Accusatives of time and distance that dative verbs take ("folgten die ganze Nacht").
        extent = set(data["time_nouns"]) | set(data["extent_nouns"])
        extent_after = set(data["extent_words_after"])
        subjects = [(k, k) for k, t in enumerate(clause)
                    if t.pos in {"PPER", "PIS", "PDS"}
                    and number in _SUBJECT_PRONOUNS.get(t.text.lower(), "")]
        subjects += [(p.first, p.head) for p in phrases if number in p.numbers("nom")]
        for phrase in phrases:
            head = clause[phrase.head]
            if "dat" in phrase.cases or not phrase.cases & {"nom", "acc"}:
                continue
            after = clause[phrase.head + 1] if phrase.head + 1 < len(clause) else None
            if head.text in extent or head.lemma in extent or (
                    after is not None and after.text.lower() in extent_after
                    and after.pos not in {"APPR", "APPRART"}):
                continue
            if phrase.first and clause[phrase.first - 1].pos == "KON":
                continue
            numbers = phrase.numbers("nom") | phrase.numbers("acc")
            dative_form = _dative_plural(clause, phrase) if numbers == {"pl"} else None
            hint = f'; dative: "{dative_form}"' if dative_form else ""
            if numbers == {"pl"} and number == "sg":
                verb_form = finite[0].text
                return phrase, f'a plural cannot be the subject of singular "{verb_form}"{hint}'
            if number not in phrase.numbers("nom"):
                continue
            for first, last in subjects:
                if first == phrase.first:
                    continue
                nominative_only = first != last and all(
                    p.cases == {"nom"} for p in phrases if p.first == first)
                between = clause[min(last, phrase.head) + 1:max(first, phrase.first)]
                if (first < phrase.first or nominative_only) and not any(
                        t.pos == "KON" for t in between):
                    subject = " ".join(t.text for t in clause[first:last + 1])
                    return phrase, f'the subject is "{subject}"{hint}'
        return None


@register
class WrongPreposition(Check):
    id = "DE-GRAM-002"
    name = "verb with an English preposition"
    langs = frozenset({"de"})
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "A verb is combined with the preposition its English equivalent takes."
    explanation = (
        "Prepositional objects do not carry over between languages: 'wait for' is 'warten "
        "auf', 'depend on' is 'abhängen von', 'agree to' is 'zustimmen' with a dative. A "
        "curated table lists verbs with the preposition MT wrongly copies; the check fires when "
        "that preposition stands in the verb's clause before an article or noun."
    )
    bad_example = "Der Ausschuss stimmte zu dem Entwurf zu."
    good_example = "Der Ausschuss stimmte dem Entwurf zu."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        rules = grammar_data()["wrong_prepositions"]
        time_nouns = set(grammar_data()["time_nouns"])
        for clause in clauses(_tagged(sent)):
            verbs = verb_lemmas(clause)
            for rule in rules:
                if rule["verb"] not in verbs:
                    continue
                for i, item in enumerate(clause):
                    if item.pos not in {"APPR", "APPRART"} or item.text.lower() not in rule["prep"]:
                        continue
                    nxt = clause[i + 1] if i + 1 < len(clause) else None
                    if nxt is None or nxt.pos not in {"ART", "NN", "NE", "PPOSAT", "PDAT"}:
                        continue
                    head = _noun_after(clause, i + 1) if nxt.pos != "NN" else i + 1
                    if head is not None and clause[head].text in time_nouns:
                        continue
                    verb = verbs[rule["verb"]]
                    yield self.finding(
                        f'"{item.text}" with "{verb.text}" ({rule["verb"]}) copies the English '
                        f'preposition; use {rule["right"]}',
                        item.start,
                        item.end,
                    )


@register
class QuantifierPlural(Check):
    id = "DE-GRAM-003"
    name = "uninflected quantifier before a plural"
    langs = frozenset({"de"})
    category = "Fluency/Grammar"
    severity = "minor"
    summary = '"viel"/"wenig" directly before a plural noun ("viel Kinder").'
    explanation = (
        "Before a mass noun German uses uninflected 'viel'/'wenig' ('viel Geld'); before a "
        "plural of a count noun it must inflect ('viele Kinder'). English 'much/many' "
        "collapse in MT. The check fires only when the noun form is plural and cannot be "
        "singular."
    )
    bad_example = "Auf dem Hof leben viel Kinder."
    good_example = "Auf dem Hof leben viele Kinder."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        fixes = grammar_data()["quantifiers"]
        tagged = _tagged(sent)
        for item, nxt in zip(tagged, tagged[1:], strict=False):
            word = item.text.lower()
            if word not in fixes or nxt.pos != "NN":
                continue
            readings = noun_readings(nxt.text)
            singular = {case for case, number, _ in readings if number == "sg"}
            if any(r[1] == "pl" for r in readings) and not singular & {"nom", "acc"}:
                yield self.finding(
                    f'"{item.text} {nxt.text}": "{nxt.text}" is plural, so '
                    f'"{fixes[word]} {nxt.text}"',
                    item.start,
                    nxt.end,
                )


@register
class PersonalPassiveClause(Check):
    id = "DE-GRAM-004"
    name = "personal passive with a that-clause"
    langs = frozenset({"de"})
    category = "Fluency/Grammar"
    severity = "major"
    summary = 'English "X is expected to/that" copied as "X wird erwartet, dass/zu".'
    explanation = (
        "English raises the subject of a reported clause ('The shows are expected to sell "
        "out'). German reporting verbs have no such personal passive: it is 'Es wird erwartet, "
        "dass die Konzerte ausverkauft sind' or 'Die Konzerte dürften ausverkauft sein'. "
        "The check fires on a plural 'werden' (impersonal passives are singular) or on a "
        "singular one after a nominative subject, with a reporting participle followed by "
        "'dass' or a zu-infinitive."
    )
    bad_example = "Die Konzerte werden erwartet, dass sie ausverkauft sind."
    good_example = "Es wird erwartet, dass die Konzerte ausverkauft sind."

    _PLURAL = {"werden", "wurden", "würden"}
    _SINGULAR = {"wird", "wurde", "würde"}

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        reporting = set(grammar_data()["reporting_verbs"])
        tagged = _tagged(sent)
        for i, item in enumerate(tagged):
            form = item.text.lower()
            if item.lemma != "werden" or form not in self._PLURAL | self._SINGULAR:
                continue
            part = next((k for k in range(i + 1, min(i + 4, len(tagged)))
                         if tagged[k].pos == "VV(PP)"), None)
            if part is None or tagged[part].lemma.lower() not in reporting:
                continue
            rest = tagged[part + 1:]
            if len(rest) < 2 or rest[0].pos != "$,":
                continue
            if not (rest[1].text.lower() == "dass" or any(t.pos == "VV(IZU)" for t in rest[:6])
                    or any(t.pos == "PTKZU" for t in rest[:6])):
                continue
            if not self._has_subject(tagged[:i], plural=form in self._PLURAL):
                continue
            yield self.finding(
                f'"{item.text} {tagged[part].text}" with a clause: German needs "es '
                f'{"wird" if form == "werden" else form} {tagged[part].text}, dass ..."',
                item.start,
                tagged[part].end,
            )

    @staticmethod
    def _has_subject(before: list[Tagged], plural: bool) -> bool:
        """A nominative subject opens the clause: no preposition, no impersonal "es"."""
        clause = next(reversed(list(clauses(before))), []) if before else []
        words = [t for t in clause if not t.pos.startswith("$")]
        if not words or any(t.pos in {"APPR", "APPRART"} or t.text.lower() == "es"
                            for t in words):
            return False
        if plural:
            return any(t.pos.startswith(("NN", "NE", "PPER")) and t.text != "Sie" for t in words)
        return words[0].pos in {"ART", "PPER", "NE"} and any(
            t.pos.startswith(("NN", "NE", "PPER")) for t in words)


@register
class ArticleNounAgreement(Check):
    id = "DE-GRAM-005"
    name = "article and noun disagree"
    langs = frozenset({"de"})
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "An article whose gender, number or case no form of the noun can have."
    explanation = (
        "MT often picks the article of the English-like or the wrong-gender noun ('eine Haus', "
        "'das Regierung', 'dem Verhandlung'). The check compares each article's possible "
        "readings with every reading of the noun form in a Wiktionary-derived table and fires "
        "when none match; unknown nouns are skipped."
    )
    bad_example = "Das Regierung hat eine neues Gesetz vorgelegt."
    good_example = "Die Regierung hat ein neues Gesetz vorgelegt."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = _tagged(sent)
        for i, item in enumerate(tagged):
            allowed = _ARTICLE_READINGS.get(item.text.lower())
            if allowed is None or item.pos != "ART" or (i and tagged[i - 1].pos == "$,"):
                continue  # after a comma der/die/das are mostly relative pronouns
            j = _noun_after(tagged, i)
            if j is None or self._unreliable(tagged, j):
                continue
            noun = tagged[j].text
            readings = {(number, gender) for _, number, gender in noun_readings(noun)}
            if not readings or readings & {(number, gender) for _, number, gender in allowed}:
                continue
            genders = "/".join(sorted(noun_genders(noun))) or "plural"
            yield self.finding(
                f'"{item.text}" does not agree with "{noun}" ({genders})',
                item.start,
                tagged[j].end,
            )

    @staticmethod
    def _unreliable(tagged: list[Tagged], j: int) -> bool:
        """Nouns the table cannot judge: parts of multi-word names, acronyms, English -s
        plurals, nominalised infinitives ("dem Laichen") the table only knows as plurals."""
        noun = tagged[j].text
        if j + 1 < len(tagged) and tagged[j + 1].text[:1].isupper():
            return True
        if noun.isupper() or (noun.endswith("s") and all(
                case == "gen" for case, _, _ in noun_readings(noun))):
            return True  # "die Packers": an English plural the table knows only as a genitive
        return noun.endswith("en") and not noun_genders(noun)
