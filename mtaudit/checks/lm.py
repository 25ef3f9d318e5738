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
        "it: another article or ending, the other pronoun, a doubled word deleted, its own "
        "likelier word at the words it finds most surprising, and in English the collocate "
        "a near-synonym may have displaced ('weighty traffic' -> 'heavy traffic'). When one "
        "edit makes the whole sentence far more probable than its word frequencies explain "
        "(the margin is in natural-log units, per language and kind of edit, calibrated so "
        "that clean human sentences rarely reach it), the edited words are flagged and the "
        "edit is the suggested fix (the LM-Critic idea, Yasunaga et al. 2021). Twice the "
        "margin makes it a major finding."
    )
    bad_example = "The weighty traffic delayed the buses again."
    good_example = "The heavy traffic delayed the buses again."
