"""English meaning-breaking synonym swaps, tortured phrases and distorted idioms.

Paraphrasing "spinners" and literal MT replace each word of a fixed phrase by a synonym:
"artificial intelligence" becomes "counterfeit consciousness", "kick the bucket" "kick the
pail" (Cabanac et al. 2021 call these tortured phrases). Each word is correct
English, so only a lexicon of known distortions (``data/idioms/en_distortions.tsv``),
matched on lemmas by :mod:`mtaudit.lang.phrases`, finds them.
"""

from __future__ import annotations

from mtaudit.checks.base import PhraseCheck, register
from mtaudit.lang.phrases import Match


class _Distortion(PhraseCheck):
    langs = frozenset({"en"})
    resource = "idioms/en_distortions.tsv"

    def message(self, match: Match) -> str:
        return f'"{match.text}" is a distortion of "{match.pattern.payload["intended"]}"'


@register
class TorturedPhrase(_Distortion):
    id = "EN-DISTORT-001"
    name = "tortured-phrase"
    category = "Accuracy/Mistranslation"
    severity = "major"
    kinds = frozenset({"tortured"})
    summary = "A fixed technical term with its words swapped for synonyms."
    explanation = (
        "Terms like 'breast cancer' or 'big data' are fixed; replacing their words with "
        "synonyms ('bosom peril', 'colossal information') destroys the term, and readers "
        "cannot recover it. Such phrases are the fingerprint of paraphrasing tools "
        "(Cabanac, Labbé & Magazinov 2021)."
    )
    bad_example = "The hospital screens every patient for bosom peril."
    good_example = "The hospital screens every patient for breast cancer."


@register
class BrokenIdiom(_Distortion):
    id = "EN-DISTORT-002"
    name = "broken-idiom"
    category = "Accuracy/Mistranslation"
    severity = "major"
    kinds = frozenset({"idiom"})
    summary = "An idiom or collocation with a word swapped, changing its meaning."
    explanation = (
        "Idioms only mean what they mean in their fixed form: to 'bite the bullet' is to "
        "accept something unpleasant, to 'bite the projectile' means nothing; a 'piece of "
        "cake' is easy, a 'piece of pie' is pastry."
    )
    bad_example = "The new tax form was a piece of pie for most accountants."
    good_example = "The new tax form was a piece of cake for most accountants."


@register
class Eggcorn(_Distortion):
    id = "EN-DISTORT-003"
    name = "eggcorn"
    category = "Fluency/Spelling"
    severity = "minor"
    kinds = frozenset({"eggcorn"})
    summary = "A similar-sounding word replaced inside a fixed phrase."
    explanation = (
        "'For all intensive purposes', 'free reign', 'tow the line' are real words in a "
        "wrong fixed phrase; spell checkers accept each word, readers notice the slip."
    )
    bad_example = "The new manager was given free reign over the budget."
    good_example = "The new manager was given free rein over the budget."


@register
class GermanCalque(_Distortion):
    id = "EN-DISTORT-004"
    name = "german-calque"
    category = "Style/Awkward"
    severity = "minor"
    kinds = frozenset({"calque"})
    summary = "A fixed German phrase carried word for word into English."
    explanation = (
        "Translations from German keep German set phrases: 'with other words' (mit anderen "
        "Worten), 'last not least', 'in the frame of' (im Rahmen), 'the same like' (das "
        "gleiche wie). Native readers understand them but recognise translationese. German "
        "constructions that need context rules (seit with the present, 'make a photo', 'it "
        "gives') are the EN-CALQUE checks."
    )
    bad_example = "With other words, the plan failed."
    good_example = "In other words, the plan failed."
