"""Findings the language-model stage makes (``LM-*``), registered like every other check.

They are produced by :mod:`mtaudit.lm.stage` after the other checks ran, not by a
sentence hook, so they select, ignore, document and baseline like any check, and they need
the language model: without it they are reported as skipped, never as "nothing found".
"""

from __future__ import annotations

from mtaudit.checks.base import Check, register


@register
class VerifiedEdit(Check):
    id = "LM-EDIT-001"
    name = "language-model-preferred-edit"
    category = "Fluency/Grammar"
    severity = "minor"
    stage = "lm"
    summary = "A small edit makes the sentence much more probable to the language model."
    explanation = (
        "The language model (Gemma 3 270M) scores the sentence and a few edited versions of "
        "it: another article or ending, the other pronoun, a doubled word deleted, at the "
        "words it finds most surprising. When one edit makes the whole sentence far more "
        "probable (the margin is in natural-log units, calibrated so that clean human "
        "sentences rarely reach it), the edited words are flagged and the edit is the "
        "suggested fix (the LM-Critic idea, Yasunaga et al. 2021). Twice the margin makes "
        "it a major finding."
    )
    bad_example = "Die Kommission hat mit die Kollegen über den Plan gesprochen."
    good_example = "Die Kommission hat mit den Kollegen über den Plan gesprochen."
