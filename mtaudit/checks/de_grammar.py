"""German grammar that word-for-word MT breaks: case government, prepositions, agreement.

English has no case and few genders, so MT copies English structure into German: an
accusative object for a dative verb ("folgte den Plan"), an English preposition ("warten
für"), "viel" before a plural, an article of the wrong gender, a personal passive with a
clause ("Die Konzerte werden erwartet, dass ..."). Each check fires only where the words
themselves decide the error (noun forms from the Wiktionary-based ``german-nouns`` table),
never on guesses about meaning.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.lang.german import (
    ARTICLE_READINGS,
    DATIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
    NounPhrase,
    clauses,
    dative_plural,
    grammar_data,
    noun_after,
    noun_genders,
    noun_phrases,
    noun_readings,
    verb_lemmas,
    verb_number,
)
from mtaudit.lang.tagging import Tagged, is_finite_verb, tag


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
            plain = {
                v for v in verbs for k in verbs if k != v and k.endswith(v) and verbs[k] == verbs[v]
            }
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
            j = noun_after(clause, i)
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
    ) -> tuple[NounPhrase, str] | None:
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
        if any(
            t.text.lower() in DATIVE_PRONOUNS and t.pos in {"PPER", "PRF", "PWS", "PRELS", "PDS"}
            for t in clause
        ):
            return None
        for k, item in enumerate(clause):  # a bare dative noun ("hilft Kindern")
            cases = {case for case, _, _ in noun_readings(item.text)} if item.pos == "NN" else ()
            if cases == {"dat"} and not (k and clause[k - 1].pos in {"APPR", "APPRART"}):
                return None
        phrases = list(noun_phrases(clause))
        if any(p.cases == {"dat"} for p in phrases):
            return None
        number = verb_number(finite[0].text)
        # Accusatives of time and distance that dative verbs take ("folgten die ganze Nacht").
        extent = set(data["time_nouns"]) | set(data["extent_nouns"])
        extent_after = set(data["extent_words_after"])
        subjects = [
            (k, k)
            for k, t in enumerate(clause)
            if t.pos in {"PPER", "PIS", "PDS"}
            and number in SUBJECT_PRONOUNS.get(t.text.lower(), "")
        ]
        subjects += [(p.first, p.head) for p in phrases if number in p.numbers("nom")]
        for phrase in phrases:
            head = clause[phrase.head]
            if "dat" in phrase.cases or not phrase.cases & {"nom", "acc"}:
                continue
            after = clause[phrase.head + 1] if phrase.head + 1 < len(clause) else None
            if (
                head.text in extent
                or head.lemma in extent
                or (
                    after is not None
                    and after.text.lower() in extent_after
                    and after.pos not in {"APPR", "APPRART"}
                )
            ):
                continue
            if phrase.first and clause[phrase.first - 1].pos == "KON":
                continue
            numbers = phrase.numbers("nom") | phrase.numbers("acc")
            dative_form = dative_plural(clause, phrase) if numbers == {"pl"} else None
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
                    p.cases == {"nom"} for p in phrases if p.first == first
                )
                between = clause[min(last, phrase.head) + 1 : max(first, phrase.first)]
                if (first < phrase.first or nominative_only) and not any(
                    t.pos == "KON" for t in between
                ):
                    subject = " ".join(t.text for t in clause[first : last + 1])
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
                    head = noun_after(clause, i + 1) if nxt.pos != "NN" else i + 1
                    if head is not None and clause[head].text in time_nouns:
                        continue
                    verb = verbs[rule["verb"]]
                    yield self.finding(
                        f'"{item.text}" with "{verb.text}" ({rule["verb"]}) copies the English '
                        f"preposition; use {rule['right']}",
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
            part = next(
                (k for k in range(i + 1, min(i + 4, len(tagged))) if tagged[k].pos == "VV(PP)"),
                None,
            )
            if part is None or tagged[part].lemma.lower() not in reporting:
                continue
            rest = tagged[part + 1 :]
            if len(rest) < 2 or rest[0].pos != "$,":
                continue
            if not (
                rest[1].text.lower() == "dass"
                or any(t.pos == "VV(IZU)" for t in rest[:6])
                or any(t.pos == "PTKZU" for t in rest[:6])
            ):
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
        if not words or any(t.pos in {"APPR", "APPRART"} or t.text.lower() == "es" for t in words):
            return False
        if plural:
            return any(t.pos.startswith(("NN", "NE", "PPER")) and t.text != "Sie" for t in words)
        return words[0].pos in {"ART", "PPER", "NE"} and any(
            t.pos.startswith(("NN", "NE", "PPER")) for t in words
        )


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
            allowed = ARTICLE_READINGS.get(item.text.lower())
            if allowed is None or item.pos != "ART" or (i and tagged[i - 1].pos == "$,"):
                continue  # after a comma der/die/das are mostly relative pronouns
            j = noun_after(tagged, i)
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
        if noun.isupper() or (
            noun.endswith("s") and all(case == "gen" for case, _, _ in noun_readings(noun))
        ):
            return True  # "die Packers": an English plural the table knows only as a genitive
        return noun.endswith("en") and not noun_genders(noun)
