"""Every check's documented examples: the bad one fires the check, the good one does not.

The examples are what ``mtaudit checks`` and docs/checks.md show users, so they must be true
of the code. Examples of source-aware checks are written ``Source: … → target``; examples
with several sentences are segmented as a document would be.
"""

from __future__ import annotations

import functools
import os

import pytest

from mtaudit.checks import DocumentView, SentenceView, load_all, run_on_document
from mtaudit.segment import Span, detect_language, sentences

REGISTRY = load_all()


def _language(check, text: str) -> str:
    if len(check.langs) == 1:
        return next(iter(check.langs))
    lang, _ = detect_language(text)
    return lang if lang in check.langs else "en"


REQUIRE_LM = os.environ.get("MTAUDIT_REQUIRE_LM") == "1"
pytestmark = pytest.mark.lm  # the LM-* examples run through the real model


@functools.cache
def _language_model():
    from mtaudit.lm import LanguageModel, LMUnavailable

    try:
        return LanguageModel()
    except LMUnavailable as exc:
        if REQUIRE_LM:
            raise
        pytest.skip(f"language model unavailable ({exc}); MTAUDIT_REQUIRE_LM=1 fails")


def _lm_findings(check_cls, example: str) -> list:
    """Findings the language-model stage makes on an example (LM-* checks)."""
    from mtaudit.lang.tagging import tag
    from mtaudit.lang.tokens import words
    from mtaudit.lm.stage import LMSettings, verify_sentence

    lang = _language(check_cls(), example)
    tagged = tag(words(example), lang)
    _, found = verify_sentence(_language_model(), example, lang, [], 0, LMSettings(), tagged)
    return [f for f in found if f.check_id == check_cls.id]


def findings_of(check_cls, example: str) -> list:
    """Run one check on its example as a one-document audit (LM checks through the LM)."""
    if check_cls.stage == "lm":
        return _lm_findings(check_cls, example)
    source = ""
    if example.startswith("Source: "):
        source, example = example[len("Source: ") :].split(" → ", 1)
        example = "" if example == "(empty)" else example
    check = check_cls()
    lang = _language(check, example or source)
    spans = sentences(example, Span(0, len(example)), lang) if example else [Span(0, 0)]
    views = [
        SentenceView(
            text=example[s.start : s.end],
            lang=lang,
            start=s.start,
            doc="ex",
            sent_id=i,
            source=source if len(spans) == 1 else "",
        )
        for i, s in enumerate(spans)
    ]
    doc = DocumentView(doc="ex", lang=lang, sentences=views, text=example)
    found = run_on_document(doc, [check])
    return [f for fs in found.values() for f in fs if f.check_id == check.id]


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_bad_example_fires(check_id):
    cls = REGISTRY[check_id]
    assert findings_of(cls, cls.bad_example), f"{check_id} misses its own bad example"


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_good_example_is_quiet(check_id):
    cls = REGISTRY[check_id]
    assert findings_of(cls, cls.good_example) == [], f"{check_id} fires on its good example"


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_off_by_default_says_why(check_id):
    cls = REGISTRY[check_id]
    assert cls.default_enabled or cls.off_reason
