"""EN-AGREE-* checks on invented sentences (none from the seeds)."""

import pytest

from mtaudit.checks import run_on_text, select_checks


def _spans(text, check_id):
    return [
        text[f.start : f.end]
        for f in run_on_text(text, "en", select_checks(select=[check_id]))
        if f.check_id == check_id
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("She visited a countries in Asia.", "a countries"),
        ("These country signed the accord.", "These country"),
        ("We solved many problem last year.", "many problem"),
        ("Every farmers received a grant.", "Every farmers"),
        ("Several ministry issued warnings.", "Several ministry"),
    ],
)
def test_determiner_number_fires(text, span):
    assert _spans(text, "EN-AGREE-001") == [span]


@pytest.mark.parametrize(
    "text",
    [
        "She visited a few countries in Asia.",
        "These kind of problems persist.",
        "Every two weeks the ferry stops.",
        "A series of storms hit the coast.",
        "Both sides claimed a sports victory.",
    ],
)
def test_determiner_number_quiet(text):
    assert _spans(text, "EN-AGREE-001") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The talks is expected to resume.", "talks is"),
        ("He have no doubts about it.", "He have"),
        ("Yesterday they has left the city.", "they has"),
        ("Each country have its own rules.", "country have"),
        ("The farmers was angry about prices.", "farmers was"),
    ],
)
def test_subject_verb_fires(text, span):
    assert _spans(text, "EN-AGREE-002") == [span]


@pytest.mark.parametrize(
    "text",
    [
        "The talks are expected to resume.",
        "Would he have known about it?",
        "The number of farmers is rising.",
        "The news is good for the farmers.",
        "Had she been there, they were safe.",
    ],
)
def test_subject_verb_quiet(text):
    assert _spans(text, "EN-AGREE-002") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("France announced his position on Monday.", "his"),
        ("The government defended her budget plans.", "her"),
        ("Japan changed his visa rules last year.", "his"),
        ("The ministry presented his new strategy.", "his"),
        ("In 2019, Brazil lowered his tariffs.", "his"),
    ],
)
def test_possessive_for_institution_fires(text, span):
    assert _spans(text, "EN-AGREE-003") == [span]


@pytest.mark.parametrize(
    "text",
    [
        "France announced its position on Monday.",
        "In France, the president defended his budget.",
        "He moved to France with his wife.",
        "The coach of Brazil praised his players.",
        "Britain and her allies met in Rome.",
    ],
)
def test_possessive_for_institution_quiet(text):
    assert _spans(text, "EN-AGREE-003") == []
