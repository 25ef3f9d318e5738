"""EN-CALQUE-* checks on invented sentences (none from the seeds or the benchmarks)."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.data import table

KIND_CHECK = {
    "seit": "EN-CALQUE-001",
    "collocation": "EN-CALQUE-004",
    "preposition": "EN-CALQUE-005",
    "most": "EN-CALQUE-007",
    "loose": "EN-CALQUE-008",
}
ROWS = list(table("idioms/en_calques.tsv"))


def _found(text, check_id):
    return [
        f
        for f in run_on_text(text, "en", select_checks(select=[check_id]))
        if f.check_id == check_id
    ]


def _spans(text, check_id):
    return [text[f.start : f.end] for f in _found(text, check_id)]


@pytest.mark.parametrize("row", ROWS, ids=[r["pattern"][:40] for r in ROWS])
def test_lexicon_row_flags_its_example_with_a_fix(row):
    found = _found(row["example"], KIND_CHECK[row["kind"]])
    assert found, row["example"]
    assert all(f.replacements for f in found), "every lexicon row renders a fix"
    assert row["german"] in found[0].message


@pytest.mark.parametrize("row", ROWS, ids=[r["pattern"][:40] for r in ROWS])
def test_lexicon_row_leaves_its_counter_example_alone(row):
    assert _found(row["counter"], KIND_CHECK[row["kind"]]) == []


def test_lexicon_is_sourced_and_every_kind_has_a_check():
    t = table("idioms/en_calques.tsv")
    assert "Swan" in t.source and t.licence
    assert {r["kind"] for r in t} == set(KIND_CHECK)
    assert len(t) >= 60


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("She makes a party for her birthday.", "makes a party", "throws a party"),
        ("We made a photo of the old mill.", "made a photo", "took a photo"),
        ("My uncle makes sport every morning.", "makes sport", "does sport"),
        ("The board met a decision on Monday.", "met a decision", "made a decision"),
        ("I think you have right.", "have right", "are right"),
        ("He had right about the weather.", "had right", "was right"),
        ("The concert found place in the park.", "found place", "took place"),
        ("They moved to Kiel before ten years.", "before ten years", "ten years ago"),
        ("After the hike we had hunger.", "we had hunger", "we were hungry"),
    ],
)
def test_collocation_fixes_are_inflected(text, span, fix):
    found = _found(text, "EN-CALQUE-004")
    assert [text[f.start : f.end] for f in found] == [span]
    assert found[0].replacements[0] == fix


SINCE_FIRES = [
    ("He waits since two hours for the bus.", "since two hours", "for two hours"),
    ("She lives in Leipzig since three years.", "since three years", "for three years"),
    ("We know each other since many years.", "since many years", "for many years"),
    ("The club exists since a long time.", "since a long time", "for a long time"),
    ("He is since 2010 mayor of the town.", "is since 2010", "has been since 2010"),
    (
        "The mayor lives in Bonn since 2010.",
        "lives in Bonn since 2010",
        "has lived in Bonn since 2010",
    ),
    ("The road is closed since Monday.", "is closed since Monday", "has been closed since Monday"),
    (
        "They have a shop in Ulm since 2012.",
        "have a shop in Ulm since 2012",
        "have had a shop in Ulm since 2012",
    ),
]
SINCE_QUIET = [
    "She has lived in Leipzig since 2010.",
    "He has been waiting for two hours.",
    "I have not seen him since two years ago.",
    "It is the highest level since 2008.",
    "This is the first time since 1990 that it snowed.",
    "Prices are up since January.",
    "It has been two years since the war.",
    "Since many years have passed, the file was closed.",
    "The rule applies to all cars sold since 2010.",
    "He has since 2010 been the mayor.",
    "It is easier since may be true.",
]


@pytest.mark.parametrize(("text", "span", "fix"), SINCE_FIRES)
def test_since_fires_with_fix(text, span, fix):
    found = _found(text, "EN-CALQUE-001")
    assert [text[f.start : f.end] for f in found] == [span]
    assert found[0].replacements[0] == fix


@pytest.mark.parametrize("text", SINCE_QUIET)
def test_since_quiet(text):
    assert _spans(text, "EN-CALQUE-001") == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("In Bavaria it gives many old castles.", "there are"),
        ("It gives no problems with the new software.", "There are"),
        ("It gave about 2,000 soldiers in the fort.", "There were"),
        ("Near the station it gives a small bakery.", "there is"),
        ("It gives still hope for the patients.", "There is"),
        ("Today it gives only two ferries a day.", "there are"),
    ],
)
def test_it_gives_fires(text, fix):
    found = _found(text, "EN-CALQUE-002")
    assert len(found) == 1
    assert text[found[0].start : found[0].end].lower() in {"it gives", "it gave"}
    assert found[0].replacements == (fix,)


@pytest.mark.parametrize(
    "text",
    [
        "The report is long, but it gives many examples.",
        "It gives us hope.",
        "It gave rise to new ideas.",
        "It gives the reader a clear overview.",
        "The new rule gives many people hope.",
        "It gave many people jobs.",
        "Here it gives the date of the fire.",
        "Today it gives work to 500 people.",
        "In 1990 it gave the city a new charter.",
        "It gives no indication of the cost.",
        "It gives four hours of battery life.",
        "There are many old castles in Bavaria.",
    ],
)
def test_it_gives_quiet(text):
    assert _spans(text, "EN-CALQUE-002") == []


@pytest.mark.parametrize(
    "text",
    [
        "It gives many reasons for this.",
        "It gives old mills along the river.",
        "It gave a storm in the night.",
        "It gives two bridges over the river.",
        "It gives some problems with it.",
    ],
)
def test_it_gives_loose_reports_what_the_core_leaves(text):
    both = run_on_text(text, "en", select_checks(select=["EN-CALQUE-002", "EN-CALQUE-009"]))
    assert len(both) == 1, "the two variants never report the same words twice"


@pytest.mark.parametrize(
    "text",
    [
        "It gives us hope.",
        "It gives the reader a clear overview.",
        "It gave way to a new road.",
        "It gave birth to a movement.",
        "It gives many people hope.",
    ],
)
def test_it_gives_loose_quiet(text):
    assert _spans(text, "EN-CALQUE-009") == []


@pytest.mark.parametrize(
    "text",
    [
        "I became a letter from my aunt.",
        "Yesterday she became a refund from the airline.",
        "He became 500 votes in the election.",
        "The player became a fine for the foul.",
        "The force became a small amount of praise.",
        "He became six years in prison.",
        "Every child becomes the vaccine at school.",
    ],
)
def test_become_for_get_fires(text):
    found = _found(text, "EN-CALQUE-003")
    assert len(found) == 1 and text[found[0].start : found[0].end].lower().startswith("bec")
    assert found[0].replacements[0] in {"got", "gets", "get", "getting"}


@pytest.mark.parametrize(
    "text",
    [
        "She became a doctor in 2010.",
        "It became a problem for the city.",
        "The letter became a symbol of resistance.",
        "She became the first woman to receive the award.",
        "It became a fine example of Gothic architecture.",
        "The festival became 30 years old.",
        "The diagnosis became a death sentence for the firm.",
        "He became a pension fund manager.",
    ],
)
def test_become_quiet(text):
    assert _spans(text, "EN-CALQUE-003") == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("We need more informations about the project.", "informations", "information"),
        ("He gave me two advices.", "advices", "advice"),
        ("The police found new evidences.", "evidences", "evidence"),
        ("They bought new furnitures for the flat.", "furnitures", "furniture"),
        ("He gave me an advice.", "an advice", "advice"),
        ("The children forgot their homeworks.", "homeworks", "homework"),
    ],
)
def test_count_noun_fires(text, span, fix):
    found = _found(text, "EN-CALQUE-006")
    assert [text[f.start : f.end] for f in found] == [span]
    assert found[0].replacements[0] == fix


@pytest.mark.parametrize(
    "text",
    [
        "We need more information about the project.",
        "She researches the history of the town.",
        "His researches into Roman coins were famous.",
        "An information system was installed.",
        "A feedback loop keeps the system stable.",
        "He wrote an advice column for years.",
        "The evidence is clear.",
    ],
)
def test_count_noun_quiet(text):
    assert _spans(text, "EN-CALQUE-006") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The most people think so.", "The most people"),
        ("In the most cases the tenants win.", "the most cases"),
        ("The most alcoholics develop the illness early.", "The most alcoholics"),
        ("As in the most marsupials, the male has a pouch.", "the most marsupials"),
        ("On weekdays, the most shops sell fresh bread.", "the most shops"),
    ],
)
def test_the_most_fires(text, span):
    assert _spans(text, "EN-CALQUE-007") == [span]


@pytest.mark.parametrize(
    "text",
    [
        "Most people think so.",
        "She won the most medals of all.",
        "The most points were scored by Ada.",
        "The most cases were reported in Lombardy.",
        "She starred in the most films of any actress.",
        "The most popular shops close at eight.",
        "We made the most of the sunny weather.",
    ],
)
def test_the_most_quiet(text):
    assert _spans(text, "EN-CALQUE-007") == []


@pytest.mark.parametrize(
    "text",
    [
        "Until now, the results are good.",
        "On Monday evening we met friends.",
        "In the evening we took a photo of the bridge.",
        "The company has grown since it was founded.",
        "The meeting took place on Friday.",
    ],
)
def test_correct_english_is_quiet_for_all_calque_checks(text):
    assert run_on_text(text, "en", select_checks(select=["EN-CALQUE"])) == []


def test_swap_candidates_table():
    t = table("collocations/en_swaps.tsv")
    assert "Nesselhauf" in t.source and t.licence
    assert len(t) >= 60
    for row in t:
        alternatives = row["alternatives"].split("|")
        assert row["lemma"] not in alternatives and all(alternatives)
        assert row["relation"] in {"VO", "AN", "RV", "RA"}
    lemmas = {r["lemma"]: r["alternatives"].split("|") for r in t}
    assert "do" in lemmas["make"] and "powerful" in lemmas["strong"]
