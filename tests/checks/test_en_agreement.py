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
    ("text", "span", "fix"),
    [
        ("The plan were approved on Monday.", "plan were", "plan was"),
        ("The farmers wants higher prices.", "farmers wants", "farmers want"),
        ("As the ship leave the harbour, the band plays.", "ship leave", "ship leaves"),
        ("The bridge have two lanes.", "bridge have", "bridge has"),
        ("Yesterday, the teachers was on strike.", "teachers was", "teachers were"),
        ("She said that the boys has left.", "boys has", "boys have"),
    ],
)
def test_subject_verb_widened_fires_with_fix(text, span, fix):
    found = [
        f
        for f in run_on_text(text, "en", select_checks(select=["EN-AGREE-002"]))
        if f.check_id == "EN-AGREE-002"
    ]
    assert [text[f.start : f.end] for f in found] == [span]
    assert found[0].replacements == (fix,)


@pytest.mark.parametrize(
    "text",
    [
        "The government are divided on the issue.",
        "The cat and the dog are asleep.",
        "If the company were to fail, thousands would lose their jobs.",
        "The board insisted that the director resign.",
        "Ten years is a long time.",
        "The sheep graze on the hill.",
        "The data show a clear trend.",
        "The man put the book on the shelf.",
        "The reality show Keeping Up ended in May.",
        "The Beatles was a famous band.",
        "The majority are undecided.",
        "The couple were married in June.",
    ],
)
def test_subject_verb_widened_quiet(text):
    assert _spans(text, "EN-AGREE-002") == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        (
            "The results of the study shows a clear trend.",
            "results of the study shows",
            "results of the study show",
        ),
        ("The list of items are on the table.", "list of items are", "list of items is"),
        (
            "The price of the new phones have risen.",
            "price of the new phones have",
            "price of the new phones has",
        ),
        (
            "The leader of the rebels were arrested.",
            "leader of the rebels were",
            "leader of the rebels was",
        ),
        (
            "The quality of these products vary widely.",
            "quality of these products vary",
            "quality of these products varies",
        ),
        ("One of the reasons are the cost.", "One of the reasons are", "One of the reasons is"),
        ("Each of the members have a vote.", "Each of the members have", "Each of the members has"),
    ],
)
def test_attraction_fires_with_fix(text, span, fix):
    found = [
        f
        for f in run_on_text(text, "en", select_checks(select=["EN-AGREE-004"]))
        if f.check_id == "EN-AGREE-004"
    ]
    assert [text[f.start : f.end] for f in found] == [span]
    assert found[0].replacements == (fix,)


@pytest.mark.parametrize(
    "text",
    [
        "The results of the study show a clear trend.",
        "A number of complaints have been filed.",
        "The number of complaints has doubled.",
        "The majority of voters are undecided.",
        "One of the reasons is the cost.",
        "The rest of the players are injured.",
        "The minister, along with his advisers, are travelling.",
        "The committee of experts have met twice.",
        "Are the results of the study reliable?",
        "The man who sold the cars is in prison.",
        "The kinds of maps Lisa draws are rare.",
        "The analysis of the oil spill along the coast showed damage.",
        "The Times of India confirms the report.",
    ],
)
def test_attraction_quiet(text):
    assert _spans(text, "EN-AGREE-004") == []


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
