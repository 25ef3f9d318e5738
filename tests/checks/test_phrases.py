"""The lemma phrase matcher: inflection, gaps, free order, separable verbs, blockers."""

import pytest

from mtaudit.lang.phrases import PhraseMatcher, compile_pattern
from mtaudit.lang.tokens import tokens

PATTERNS = [
    "nehmen ~ Risiko",
    "vorlegen ~ Entwurf",
    "am Ende des Tages",
    "in <YEAR>",
    "Sinn ~ machen",
    "realisieren ...2 , dass",
]


@pytest.fixture(scope="module")
def matcher():
    return PhraseMatcher(
        [compile_pattern(p, p, "Kauf" if p == "nehmen ~ Risiko" else "") for p in PATTERNS],
        "de",
    )


@pytest.mark.parametrize(
    ("text", "pattern", "words"),
    [
        ("Die Reederei nahm gestern ein großes Risiko.", "nehmen ~ Risiko", "nahm Risiko"),
        ("Sie wollte kein hohes Risiko nehmen.", "nehmen ~ Risiko", "Risiko nehmen"),
        ("Der Ausschuss legte einen neuen Entwurf vor.", "vorlegen ~ Entwurf", "legte Entwurf"),
        ("Am Ende des Tages zählt nur der Gewinn.", "am Ende des Tages", "Am Ende des Tages"),
        ("Die Brücke wurde in 1998 eröffnet.", "in <YEAR>", "in 1998"),
        ("Diese Regel machte nie viel Sinn.", "Sinn ~ machen", "machte Sinn"),
        (
            "Er realisierte zu spät, dass der Zug weg war.",
            "realisieren ...2 , dass",
            "realisierte , dass",
        ),
    ],
)
def test_matches_inflected_and_separated_forms(matcher, text, pattern, words):
    found = matcher.match_tokens(tokens(text))
    assert [m.pattern.source for m in found] == [pattern]
    assert found[0].text == words
    first, last = words.split()[0], words.split()[-1]
    assert text[found[0].start : found[0].end].startswith(first)
    assert text[found[0].start : found[0].end].endswith(last)


@pytest.mark.parametrize(
    "text",
    [
        "Sie hat das Risiko bewusst in Kauf genommen.",  # blocker "Kauf"
        "Er nahm seine Tasche, das Risiko blieb.",  # gap may not cross a comma
        "Die Brücke wurde in den 1990er Jahren eröffnet.",
        "Das Ende des Tages war regnerisch.",
        "Der Sinn des Lebens lässt sich nicht machen.",  # gap too long for "~" (4 tokens)
        "Das Projekt wurde im Herbst realisiert.",
    ],
)
def test_does_not_match_literal_or_distant_words(matcher, text):
    assert matcher.match_tokens(tokens(text)) == []


def test_span_uses_document_offsets(matcher):
    text = "Kurz gesagt. Er nahm ein kleines Risiko."
    found = matcher.match_tokens(tokens(text[13:], 13))
    assert text[found[0].start : found[0].end] == "nahm ein kleines Risiko"


def test_empty_chunk_is_rejected():
    with pytest.raises(ValueError):
        compile_pattern("Risiko ~ ~ nehmen")
