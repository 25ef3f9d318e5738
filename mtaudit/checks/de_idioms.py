"""German calques of English idioms and collocations (word-for-word machine translation).

MT systems and hurried translators carry English verb-noun pairs and idioms over word for
word: "eine Entscheidung nehmen" (take a decision), "den Eimer treten" (kick the bucket).
Each word is German, so spell checkers pass them; a curated lemma lexicon
(``data/idioms/de_calques.tsv``) matched with :mod:`mtaudit.lang.phrases` finds them in any
inflection and word order and names the idiomatic German.
"""

from __future__ import annotations

from mtaudit.checks.base import PhraseCheck, register
from mtaudit.lang.phrases import Match


class _Calque(PhraseCheck):
    langs = frozenset({"de"})
    resource = "idioms/de_calques.tsv"

    def message(self, match: Match) -> str:
        row = match.pattern.payload
        return (
            f'"{match.text}" is a word-for-word rendering of English "{row["english"]}"; '
            f'idiomatic German: "{row["idiomatic"]}"'
        )


@register
class LiteralIdiom(_Calque):
    id = "DE-IDIOM-001"
    name = "literal-idiom"
    category = "Accuracy/Mistranslation"
    severity = "major"
    kinds = frozenset({"idiom"})
    summary = "An English idiom translated word for word into German."
    explanation = (
        "Idioms do not survive literal translation: 'den Eimer treten' or 'auf dem Zaun "
        "sitzen' are grammatical German but a German reader gets the literal picture, not the "
        "meaning, so the sentence says something else than the source."
    )
    bad_example = "Nach dem Skandal saß die Partei weiter auf dem Zaun."
    good_example = "Nach dem Skandal wollte sich die Partei weiter nicht festlegen."


@register
class CalquedCollocation(_Calque):
    id = "DE-IDIOM-002"
    name = "calqued-collocation"
    category = "Style/Awkward"
    severity = "minor"
    kinds = frozenset({"colloc"})
    summary = "An English verb-noun or preposition pattern copied into German."
    explanation = (
        "German pairs nouns with different verbs and prepositions than English: one trifft "
        "eine Entscheidung (not 'nimmt'), schlägt einen Ton an (not 'trifft'), wartet auf "
        "(not 'für'). The copied pattern reads as translationese and sometimes changes the "
        "meaning."
    )
    bad_example = "Der Vorstand hat am Montag eine Entscheidung genommen."
    good_example = "Der Vorstand hat am Montag eine Entscheidung getroffen."


@register
class Anglicism(_Calque):
    id = "DE-IDIOM-003"
    name = "anglicism"
    category = "Style/Awkward"
    severity = "minor"
    kinds = frozenset({"anglicism"})
    summary = "A construction copied from English that style guides advise against."
    explanation = (
        "'Sinn machen', 'in 2020', 'realisieren, dass', 'am Ende des Tages' are calques that "
        "have spread into native German writing. They are not errors for every reader, so "
        "this check is minor; a text full of them is likely machine translated."
    )
    bad_example = "Das Gesetz trat in 2019 in Kraft und macht wenig Sinn."
    good_example = "Das Gesetz trat 2019 in Kraft und ist wenig sinnvoll."
