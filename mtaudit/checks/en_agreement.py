"""English agreement and reference (EN-AGREE-*): number and possessive slips of MT.

German→English MT mixes up number ("a countries", "the talks is") and carries German
grammatical gender into English possessives: "Frankreich ... seine Position" becomes
"France ... his position". The rules below only fire in unambiguous local patterns found
with the shared CLAWS tags (NN1 singular noun, NN2 plural noun, VBZ "is", VHB "have").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from mtaudit.checks.base import Check, Finding, SentenceView, register
from mtaudit.data import table
from mtaudit.lang import english
from mtaudit.lang.tagging import Tagged, tag

_SINGULAR_DETS = {"a", "an", "this", "every", "each", "another"}
_PLURAL_DETS = {"these", "those", "many", "several", "various", "numerous", "both"}
_MODIFIERS = ("AJ0", "AJC", "AJS", "AV0", "ORD")
_NOUNS = {"NN1", "NN2", "NP0"}
_SINGULAR_VERBS = {"is", "has", "does", "was", "doesn't", "isn't", "hasn't", "wasn't"}
_PLURAL_VERBS = {"are", "have", "do", "were", "don't", "aren't", "haven't", "weren't"}
_CLAUSE_START = {
    ",",
    ";",
    ":",
    "and",
    "but",
    "because",
    "while",
    "when",
    "if",
    "although",
    "since",
    "as",
    "so",
}
_AUX_POS = ("VM0", "VB", "VD", "VH")
_AFTER_VERB = english.word_set("AT0 DPS DT0 PNP PUN AV0 CJS CJC AJ0 TO0 VVN")
"""Tags that start a verb's complement: a plural-looking word before one may be a verb."""


def _tagged(sent: SentenceView) -> list[Tagged]:
    return tag(sent.tokens, sent.lang)


def _noun_head(tagged: list[Tagged], i: int) -> tuple[int, int] | None:
    """(first, last) index of the noun run after a determiner at i, skipping modifiers."""
    j = i + 1
    while j < len(tagged) and j - i <= 4 and tagged[j].pos.startswith(_MODIFIERS):
        if tagged[j].text.lower() == "few":
            return None  # "a few countries": the quantifier, not "a", sets the number
        j += 1
    k = j
    while k < len(tagged) and tagged[k].pos in _NOUNS:
        k += 1
    if k == j or tagged[k - 1].pos == "NP0":
        return None
    return j, k - 1


@register
class DeterminerNumber(Check):
    id = "EN-AGREE-001"
    name = "determiner-noun-number"
    langs = frozenset({"en"})
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "A singular determiner with a plural noun, or a plural one with a singular noun."
    explanation = (
        '"a countries", "this measures", "these country", "many problem": the determiner '
        'and the head of its noun phrase disagree in number, a typical MT slip. "these kind '
        'of" style phrases followed by "of" are skipped.'
    )
    bad_example = "Several ministry has issued a new guidelines."
    good_example = "Several ministries have issued new guidelines."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = _tagged(sent)
        for i, t in enumerate(tagged):
            det = t.text.lower()
            if det not in _SINGULAR_DETS and det not in _PLURAL_DETS:
                continue
            span = _noun_head(tagged, i)
            if span is None or self._unreliable(tagged, i, span):
                continue
            head = tagged[span[1]]
            number = english.noun_number(head)
            nxt = tagged[span[1] + 1] if span[1] + 1 < len(tagged) else None
            after = nxt.text.lower() if nxt is not None else ""
            if det in _SINGULAR_DETS and number == english.PLURAL:
                verbal = english.has_reading(head.text.lower(), "VVZ") or span[1] > span[0]
                verbal = verbal or (det == "this" and span[1] == i + 1)
                if verbal and self._verb_follows(nxt):
                    continue  # "as a tornado strikes.", "a truck sideswipes the", "This tunes"
                yield self._report(t, head, "singular", "plural")
            elif det in _PLURAL_DETS and number == english.SINGULAR and after != "of":
                adjacent = span[1] == i + 1
                pronoun_like = det in {"these", "those", "both", "many", "several"}
                if adjacent and pronoun_like and self._pronoun_use(head):
                    continue  # "These form the ribs", "those present", "those living"
                yield self._report(t, head, "plural", "singular")

    @staticmethod
    def _unreliable(tagged: list[Tagged], i: int, span: tuple[int, int]) -> bool:
        """Names, genitives and "both X and Y", where the noun run is no plain phrase."""
        run = tagged[span[0] : span[1] + 1]
        if any(w.text[:1].isupper() for w in tagged[i + 1 : span[1] + 1]) or any(
            "'" in w.text or "’" in w.text for w in run
        ):
            return True  # "both Mega Man", "a ship's rolling motion", "a McDonald's"
        if tagged[i].text.lower() == "both":
            return any(w.text.lower() == "and" for w in tagged[span[1] + 1 : span[1] + 6])
        nxt = tagged[span[1] + 1] if span[1] + 1 < len(tagged) else None
        # "a rare occurrence astronomers call ...": a relative clause, not a compound
        return (
            len(run) > 1
            and run[-1].pos == "NN2"
            and nxt is not None
            and nxt.pos
            in {
                "VVB",
                "VVI",
            }
        )

    @staticmethod
    def _verb_follows(nxt: Tagged | None) -> bool:
        return nxt is None or nxt.pos in _AFTER_VERB

    @staticmethod
    def _pronoun_use(head: Tagged) -> bool:
        low = head.text.lower()
        return english.has_reading(low, "VV") or english.has_reading(low, "AJ")

    def _report(self, det: Tagged, head: Tagged, det_num: str, noun_num: str) -> Finding:
        return self.finding(
            f'"{det.text}" ({det_num}) does not agree with "{head.text}" ({noun_num})',
            det.start,
            head.end,
        )


def _agreement_error(tagged: list[Tagged], pair: english.SubjectVerb) -> bool:
    """True when a subject-verb pair disagrees and no licensed reading explains it."""
    if not pair.disagrees:
        return False
    head, verb = tagged[pair.head], tagged[pair.verb]
    kind = english.noun_classes().get(head.text.lower(), "")
    if pair.head_number == english.SINGULAR and kind in {"collective", "quantity"}:
        return False  # "the government are", "a number of people are"
    if pair.head_number == english.PLURAL and kind == "measure":
        return False  # "ten years is a long time"
    if pair.verb_number == english.PLURAL and pair.head_number == english.SINGULAR:
        subjunctive = verb.text.lower() == "were" or verb.pos in {"VVB", "VVI"}
        before = {t.text.lower() for t in tagged[: pair.det]}
        if subjunctive and before & english.SUBJUNCTIVE_TRIGGERS:
            return False  # "if the plan were", "insisted that the firm pay"
    return True


def _agreement_finding(check: Check, sent: SentenceView, tagged, pair) -> Finding:
    head, verb = tagged[pair.head], tagged[pair.verb]
    fixed = english.verb_in_number(verb, pair.head_number)
    span = sent.span(head.start, verb.end)
    replacements = [span[: verb.start - head.start] + fixed] if fixed else []
    number = "singular" if pair.head_number == english.SINGULAR else "plural"
    return check.finding(
        f'subject "{head.text}" ({number}) does not agree with verb "{verb.text}"',
        head.start,
        verb.end,
        replacements=replacements,
    )


@register
class SubjectVerb(Check):
    id = "EN-AGREE-002"
    name = "subject-verb-agreement"
    langs = frozenset({"en"})
    category = "Fluency/Grammar"
    severity = "minor"
    summary = 'A subject and its verb disagree in number ("the talks is", "he have").'
    explanation = (
        "Only reliable local patterns are checked: a personal pronoun directly followed by a "
        'verb of the wrong number ("he have", "they has"), and a clause-initial noun '
        'phrase whose head is directly followed by a finite verb of the other number ("the '
        'plan were", "the farmers wants", "the reeve find"). Collective and quantity nouns '
        '("the government are", "the majority are"), plural amounts ("ten years is"), '
        'subjunctives ("if the plan were"), questions and modal constructions ("would he '
        'have") are skipped.'
    )
    bad_example = "The talks is expected to resume, but he have doubts."
    good_example = "The talks are expected to resume, but he has doubts."

    _PRONOUNS = {
        "he": _PLURAL_VERBS,
        "she": _PLURAL_VERBS,
        "they": _SINGULAR_VERBS,
        "we": _SINGULAR_VERBS,
        "you": _SINGULAR_VERBS,
    }

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = _tagged(sent)
        for i in range(len(tagged) - 1):
            subj, verb = tagged[i], tagged[i + 1]
            wrong = self._PRONOUNS.get(subj.text.lower())
            inverted = i > 0 and tagged[i - 1].pos.startswith(_AUX_POS)
            governed = i > 0 and tagged[i - 1].pos.startswith(("VV", "PR"))  # "writing you is"
            if wrong and verb.text.lower() in wrong and not inverted and not governed:
                fixed = english.verb_in_number(
                    verb, english.PLURAL if subj.text.lower() in {"they", "we", "you"} else "sg"
                )
                yield self.finding(
                    f'subject "{subj.text}" does not agree with verb "{verb.text}"',
                    subj.start,
                    verb.end,
                    replacements=[f"{subj.text} {fixed}"] if fixed else [],
                )
        for pair in english.subject_verb_pairs(tagged):
            if pair.attractor is None and _agreement_error(tagged, pair):
                yield _agreement_finding(self, sent, tagged, pair)


@register
class AttractionAgreement(Check):
    id = "EN-AGREE-004"
    name = "agreement-across-phrase"
    langs = frozenset({"en"})
    category = "Fluency/Grammar"
    severity = "minor"
    summary = (
        "The verb agrees with a noun inside a prepositional phrase instead of the subject's "
        'head ("the results of the study shows").'
    )
    explanation = (
        "When a prepositional phrase separates the head of a subject from its verb, MT (and "
        'hurried writers) make the verb agree with the nearest noun: "the results of the '
        'study shows", "the list of items are". This is an attraction error (Bock & Miller '
        "1991). It fires on a clause-initial noun phrase, one or more prepositional phrases "
        "and a finite verb right after them whose number differs from the head's and matches "
        'the last noun\'s. Quantity and collective heads ("a number of people are", "the '
        'majority of voters are"), phrases of accompaniment ("the minister, along with his '
        'aides, are"), names and coordinated nouns are skipped.'
    )
    bad_example = "The results of the latest study shows a steady decline."
    good_example = "The results of the latest study show a steady decline."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = _tagged(sent)
        for pair in english.subject_verb_pairs(tagged):
            if pair.attractor is None or not _agreement_error(tagged, pair):
                continue
            if tagged[pair.preposition].text.lower() in english.ACCOMPANIMENT:
                continue
            yield _agreement_finding(self, sent, tagged, pair)


@lru_cache(maxsize=1)
def _entities() -> dict[str, str]:
    """Name or lemma -> "country" / "institution"."""
    return {row["name"]: row["kind"] for row in table("generic/collective_entities.tsv")}


@register
class PossessiveForInstitution(Check):
    id = "EN-AGREE-003"
    name = "his-her-for-country"
    langs = frozenset({"en"})
    category = "Accuracy/Mistranslation"
    severity = "minor"
    summary = '"his"/"her" refers back to a country or an institution.'
    explanation = (
        'German gives countries and institutions grammatical gender ("Frankreich ... seine '
        'Position", "die Regierung ... ihre Pläne"), and MT copies it into English as '
        '"his"/"her". It fires only when the sentence\'s first noun phrase is a country or '
        "institution and no other noun or pronoun stands between it and the possessive; "
        '"her" for a country is a traditional usage and is left alone.'
    )
    bad_example = "France announced his position on the treaty on Monday."
    good_example = "France announced its position on the treaty on Monday."

    def check_sentence(self, sent: SentenceView) -> Iterator[Finding]:
        tagged = _tagged(sent)
        antecedent: Tagged | None = None
        kind = ""
        for i, t in enumerate(tagged):
            if t.pos in {"DPS", "PNP"} or (t.pos in _NOUNS | {"NN0", "CRD"} and "'" in t.text):
                poss = t.text.lower()
                nxt = tagged[i + 1].pos if i + 1 < len(tagged) else ""
                is_det = poss == "his" or (poss == "her" and nxt[:2] in {"AJ", "NN"})
                if antecedent is not None and is_det and (poss == "his" or kind == "institution"):
                    yield self.finding(
                        f'"{t.text}" refers to the {kind} "{antecedent.text}"; use "its"',
                        t.start,
                        t.end,
                        confidence=0.7,
                    )
                return
            if t.pos in _NOUNS | {"NN0"}:
                found = _entities().get(t.text) or _entities().get(t.lemma.lower())
                if antecedent is not None or not found:
                    return  # another noun: a person may be the antecedent
                antecedent, kind = t, found
