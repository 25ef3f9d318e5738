"""Sentence fragments (FRAG-*): broken sentence boundaries and verbless sentences.

When MT or sentence alignment cuts a clause in the wrong place, the pieces show up as a
sentence starting in lower case ("... over it. meeting with the mayor.") or as a sentence
with no finite verb. Headlines are verbless by design, so lines without final punctuation
are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from mtaudit.checks.base import Check, DocumentView, Finding, SentenceView, register
from mtaudit.lang.tagging import is_finite_verb, tag
from mtaudit.lang.tokens import Token

_END = ".!?"
_CLOSERS = "\"“”«»)'’"
_MIN_WORDS_VERBLESS = 6


def _first_word(sent: SentenceView) -> Token | None:
    """The first word if the sentence opens with it (after at most quotes or brackets)."""
    for tok in sent.tokens:
        if tok.is_word():
            return tok
        if tok.text not in "\"“„«»‚'([":
            return None
    return None


def _in_running_text(sent: SentenceView, doc_text: str) -> bool:
    """True when what precedes the sentence ended a sentence (or nothing precedes it)."""
    before = doc_text[: sent.start].rstrip(" \t").rstrip(_CLOSERS)
    if not before or before.endswith("\n"):
        return True
    return before[-1] in _END and not before.endswith(("...", "…"))


def _starts_lower(sent: SentenceView, doc_text: str) -> Token | None:
    """The lower-case first word of a sentence that should have started with a capital."""
    word = _first_word(sent)
    if word is None or not word.text[0].islower() or not word.text[0].isalpha():
        return None
    if any(c.isupper() for c in word.text) or not _in_running_text(sent, doc_text):
        return None  # "iPhone", "eBay", or a continuation after ":" / "..."
    return word


def _has_finite_verb(sent: SentenceView) -> bool:
    """Finite verb present; English "-ed" forms count too, the tagger confuses VVD and VVN."""
    return any(
        is_finite_verb(t, sent.lang) or (sent.lang == "en" and t.pos == "VVN")
        for t in tag(sent.tokens, sent.lang)
    )


def _ends_like_sentence(sent: SentenceView) -> bool:
    return sent.text.rstrip().rstrip(_CLOSERS)[-1:] in _END


class _FragmentCheck(Check):
    """Shared document loop: fragment checks need the text before each sentence."""

    def check_document(self, doc: DocumentView) -> Iterator[Finding]:
        for sent in doc.sentences:
            if sent.lang in self.langs:
                yield from self.check_in_context(sent, doc.text)

    def check_in_context(self, sent: SentenceView, doc_text: str) -> Iterator[Finding]:
        raise NotImplementedError


@register
class LowercaseStart(_FragmentCheck):
    id = "FRAG-001"
    name = "lowercase-sentence-start"
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "A sentence in running text starts with a lower-case letter."
    explanation = (
        "After a full stop the next sentence starts with a capital. A lower-case start means "
        "the sentence boundary is wrong: a clause was cut off and split from its sentence. "
        'Words that are written with an inner capital ("iPhone") and continuations after a '
        "colon or an ellipsis are skipped."
    )
    bad_example = "The museum reopened on Sunday. and visitors queued for hours."
    good_example = "The museum reopened on Sunday, and visitors queued for hours."

    def check_in_context(self, sent: SentenceView, doc_text: str) -> Iterator[Finding]:
        word = _starts_lower(sent, doc_text)
        if word is not None and _has_finite_verb(sent):
            yield self.finding(
                f'sentence starts with lower-case "{word.text}"', word.start, word.end
            )


@register
class VerblessSentence(_FragmentCheck):
    id = "FRAG-002"
    name = "verbless-sentence"
    category = "Fluency/Grammar"
    severity = "minor"
    summary = "A full sentence (with a final full stop) that has no finite verb."
    explanation = (
        "A sentence of six or more words ending in a full stop but without any finite verb is "
        "usually a clause whose verb MT dropped. Headlines and captions are left alone: they "
        "have no final punctuation."
    )
    bad_example = "Der Minister nach langen Verhandlungen mit den Gewerkschaften am Freitag."
    good_example = "Der Minister einigte sich am Freitag mit den Gewerkschaften."
    default_enabled = False
    off_reason = (
        'Edited news text has verbless sentences ("More on that later.", lists, datelines) '
        "and the tagger misses some finite verbs, so precision on clean text stays below 90%."
    )

    def check_in_context(self, sent: SentenceView, doc_text: str) -> Iterator[Finding]:
        words = sent.words
        if len(words) < _MIN_WORDS_VERBLESS or not _ends_like_sentence(sent):
            return
        if _starts_lower(sent, doc_text) is None and not _has_finite_verb(sent):
            yield self.finding(
                f'no finite verb in "{words[0].text} ... {words[-1].text}"',
                words[0].start,
                words[-1].end,
                confidence=0.6,
            )


@register
class GluedFragment(_FragmentCheck):
    id = "FRAG-003"
    name = "cut-off-clause"
    category = "Fluency/Grammar"
    severity = "major"
    summary = "A lower-case, verbless piece of text stands as its own sentence."
    explanation = (
        'A "sentence" that starts in lower case and has no finite verb ("... talked it over. '
        'meeting with the mayor.") is a clause that was cut off from its sentence and glued '
        "to the wrong place; the meaning of both pieces is usually damaged."
    )
    bad_example = "The governor talked it over. meeting with the mayor."
    good_example = "The governor talked it over in a meeting with the mayor."

    def check_in_context(self, sent: SentenceView, doc_text: str) -> Iterator[Finding]:
        word = _starts_lower(sent, doc_text)
        if word is not None and not _has_finite_verb(sent):
            last = sent.words[-1]
            shown = word.text if last.start == word.start else f"{word.text} … {last.text}"
            yield self.finding(
                f'"{shown}" is a lower-case fragment without a verb',
                word.start,
                last.end,
            )
