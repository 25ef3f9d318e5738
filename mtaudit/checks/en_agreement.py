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
            if span is None:
                continue
            head = tagged[span[1]]
            after = tagged[span[1] + 1].text.lower() if span[1] + 1 < len(tagged) else ""
            if det in _SINGULAR_DETS and head.pos == "NN2":
                yield self._report(t, head, "singular", "plural")
            elif det in _PLURAL_DETS and head.pos == "NN1" and after != "of":
                yield self._report(t, head, "plural", "singular")

    def _report(self, det: Tagged, head: Tagged, det_num: str, noun_num: str) -> Finding:
        return self.finding(
            f'"{det.text}" ({det_num}) does not agree with "{head.text}" ({noun_num})',
            det.start,
            head.end,
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
        'phrase with a plural head directly followed by "is"/"has"/"was", or with a '
        'singular determiner and head followed by "are"/"have"/"were". Questions and '
        'modal constructions ("would he have") are skipped.'
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
            if wrong and verb.text.lower() in wrong and not inverted:
                yield self._report(subj, verb)
        for i, t in enumerate(tagged):
            if t.pos not in {"AT0", "DT0", "DPS"} or not self._clause_initial(tagged, i):
                continue
            span = _noun_head(tagged, i)
            if span is None or span[1] + 1 >= len(tagged):
                continue
            head, verb = tagged[span[1]], tagged[span[1] + 1]
            v = verb.text.lower()
            plural_head = head.pos == "NN2" and v in _SINGULAR_VERBS
            singular_head = (
                head.pos == "NN1" and t.text.lower() in _SINGULAR_DETS and v in _PLURAL_VERBS
            )
            if (plural_head or singular_head) and head.text.lower() not in self._PRONOUNS:
                yield self._report(head, verb)

    @staticmethod
    def _clause_initial(tagged: list[Tagged], i: int) -> bool:
        if i == 0:
            return True
        prev = tagged[i - 1]
        return prev.text.lower() in _CLAUSE_START and not prev.pos.startswith(_AUX_POS)

    def _report(self, subj: Tagged, verb: Tagged) -> Finding:
        return self.finding(
            f'subject "{subj.text}" does not agree with verb "{verb.text}"', subj.start, verb.end
        )


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
