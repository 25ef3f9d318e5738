"""FRAG-* checks on invented sentences (none from the seeds)."""

import pytest

from mtaudit.checks import run_on_text, select_checks


def _spans(sents, lang, check_id):
    joined = " ".join(sents)
    found = run_on_text(sents, lang, select_checks(select=[check_id]))
    return [joined[f.start : f.end] for f in found if f.check_id == check_id]


@pytest.mark.parametrize(
    ("sents", "lang", "span"),
    [
        (["The bakery opened early.", "the queue reached the corner."], "en", "the"),
        (["Es regnete den ganzen Tag.", "die Straßen standen unter Wasser."], "de", "die"),
        (["the storm has passed."], "en", "the"),
        (["Wir warten.", "danach fahren wir nach Hause."], "de", "danach"),
        (["The lake froze.", "children skated on it all week."], "en", "children"),
    ],
)
def test_lowercase_start_fires(sents, lang, span):
    assert _spans(sents, lang, "FRAG-001") == [span]


@pytest.mark.parametrize(
    ("sents", "lang"),
    [
        (["He named three tools:", "hammers were first."], "en"),
        (["Er zögerte ...", "dann ging er doch."], "de"),
        (["The bakery opened early.", "The queue reached the corner."], "en"),
        (["iPhones sold well this year."], "en"),
        (["Es regnete.", "Die Straßen waren nass."], "de"),
    ],
)
def test_lowercase_start_quiet(sents, lang):
    assert _spans(sents, lang, "FRAG-001") == []


@pytest.mark.parametrize(
    ("sents", "lang", "span"),
    [
        (
            ["The governor discussed the plan.", "meeting with the mayor."],
            "en",
            "meeting with the mayor",
        ),
        (
            ["Die Ministerin sprach lange.", "mit dem Bürgermeister der Stadt."],
            "de",
            "mit dem Bürgermeister der Stadt",
        ),
        (
            ["The river flooded.", "after three days of heavy rain."],
            "en",
            "after three days of heavy rain",
        ),
        (
            ["Der Zug hielt an.", "wegen eines Schadens am Gleis."],
            "de",
            "wegen eines Schadens am Gleis",
        ),
        (["The team trained hard.", "for the final in Madrid."], "en", "for the final in Madrid"),
    ],
)
def test_glued_fragment_fires(sents, lang, span):
    assert _spans(sents, lang, "FRAG-003") == [span]


@pytest.mark.parametrize(
    ("sents", "lang"),
    [
        (["The governor discussed the plan.", "He met the mayor."], "en"),
        (["Die Ministerin sprach lange:", "mit dem Bürgermeister der Stadt."], "de"),
        (["The river flooded.", "the town was evacuated."], "en"),
        (["Ein Überblick über die Lage"], "de"),
        (["Meeting with the mayor"], "en"),
    ],
)
def test_glued_fragment_quiet(sents, lang):
    assert _spans(sents, lang, "FRAG-003") == []


@pytest.mark.parametrize(
    ("sents", "lang"),
    [
        (["Der Minister nach langen Verhandlungen mit den Gewerkschaften am Freitag."], "de"),
        (["Die Bauern in der Region wegen der Dürre im Sommer."], "de"),
        (["The farmers in the region because of the drought in summer."], "en"),
        (["Neue Regeln für alle Händler in der Innenstadt ab Mai."], "de"),
        (["A new bridge over the river for the people of the town."], "en"),
    ],
)
def test_verbless_fires(sents, lang):
    spans = _spans(sents, lang, "FRAG-002")
    assert len(spans) == 1 and spans[0].split()[0] == sents[0].split()[0]


@pytest.mark.parametrize(
    ("sents", "lang"),
    [
        (["Der Minister einigte sich am Freitag mit den Gewerkschaften."], "de"),
        (["Die Bauern in der Region leiden unter der Dürre."], "de"),
        (["The farmers in the region suffered from the drought."], "en"),
        (["Neue Regeln für alle Händler in der Innenstadt ab Mai"], "de"),
        (["A new bridge over the river for the town"], "en"),
    ],
)
def test_verbless_quiet(sents, lang):
    assert _spans(sents, lang, "FRAG-002") == []


def _cut(text: str) -> list[str]:
    found = run_on_text(text, "en", select_checks(select=["FRAG-004"]))
    return [text[f.start : f.end] for f in found if f.check_id == "FRAG-004"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The children played in the park near.", "near"),
        ("The council approved the budget so that.", "that"),
        ("The museum bought two paintings and.", "and"),
        ("Farmers in the valley depend on the.", "the"),
        ("The festival, according to.", "to"),
        ("She moved to Lisbon during.", "during"),
        ("The new ferry links the island with.", "with"),
        ("The orchestra toured Europe, but.", "but"),
        ("Tickets sold out faster than.", "than"),
        ("The recipe calls for spices such as.", "as"),
    ],
)
def test_cut_mid_phrase_fires(text: str, span: str) -> None:
    assert _cut(text) == [span]


@pytest.mark.parametrize(
    "text",
    [
        "This is the house we looked at.",
        "What are you waiting for?",
        "The guests came in.",
        "He turned the lights off.",
        "The debate drags on.",
        "She had nothing to write with.",
        "The problem was dealt with.",
        "He is someone she looks up to.",
        "The hikers rested for a while.",
        "Nobody expected that.",
        "The island he grew up on.",
        "She let the dog in.",
        "The children played in the park near the river",
    ],
)
def test_cut_mid_phrase_is_silent(text: str) -> None:
    assert _cut(text) == []
