"""English distortion checks: tortured phrases, broken idioms, eggcorns, German calques."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.data import table

CASES = {
    "EN-DISTORT-001": [
        ("Our startup applies counterfeit consciousness to farming.", "counterfeit"),
        ("Women over fifty should be screened for bosom peril.", "bosom"),
        ("The bank hired experts in colossal information.", "colossal"),
        ("We trained an irregular woodland on the survey answers.", "irregular"),
        ("The patient suffered kidney disappointment after surgery.", "kidney"),
        ("Researchers used profound neural organizations for translation.", "profound"),
    ],
    "EN-DISTORT-002": [
        ("Sooner or later the old dog will kick the pail.", "kick"),
        ("Nobody wanted to bite the projectile and cut the budget.", "bite"),
        ("The exam was a piece of pie for her.", "piece"),
        ("Stop beating around the shrub and tell me.", "beating"),
        ("He sees the past through colored lenses.", "through"),
    ],
    "EN-DISTORT-003": [
        ("For all intensive purposes, the project is finished.", "For"),
        ("The coach gave the players free reign on the pitch.", "free"),
        ("The senator refused to tow the line on taxes.", "tow"),
        ("Fans waited with baited breath for the final whistle.", "baited"),
        ("The floods wrecked havoc across the valley.", "wrecked"),
    ],
    "EN-DISTORT-004": [
        ("With other words, the plan failed.", "With"),
        ("Last not least, we thank the volunteers.", "Last"),
        ("The school was renovated in the frame of the programme.", "in the frame"),
        ("According to me, the bridge is too narrow.", "According"),
        ("His bike is the same like mine.", "the same"),
    ],
}
NEGATIVES = {
    "EN-DISTORT-001": [
        "Our startup applies artificial intelligence to farming.",
        "Women over fifty should be screened for breast cancer.",
        "The court heard a colossal amount of information.",
        "The forest was irregular in shape.",
        "The team was a huge disappointment this season.",
    ],
    "EN-DISTORT-002": [
        "Sooner or later the old dog will kick the bucket.",
        "He filled the pail with water from the well.",
        "She baked a large piece of pie for the fair.",
        "Nobody wanted to bite the bullet and cut the budget.",
        "The pilots worked an 11-hour shift.",
    ],
    "EN-DISTORT-003": [
        "For all intents and purposes, the project is finished.",
        "The coach gave the players free rein on the pitch.",
        "The queen's reign in England lasted decades.",
        "The truck had to tow the car to the garage.",
        "Fans waited with bated breath for the final whistle.",
    ],
    "EN-DISTORT-004": [
        "In other words, the plan failed.",
        "Last but not least, we thank the volunteers.",
        "The school was renovated as part of the programme.",
        "In my opinion, the bridge is too narrow.",
        "His bike is the same as mine.",
    ],
}


@pytest.mark.parametrize(
    ("check_id", "text", "word"), [(c, t, w) for c, cases in CASES.items() for t, w in cases]
)
def test_fires_and_points_at_distortion(check_id, text, word):
    found = [
        f
        for f in run_on_text(text, "en", select_checks(select=["EN-DISTORT"]))
        if f.check_id == check_id
    ]
    assert len(found) == 1
    assert text[found[0].start : found[0].end].startswith(word)
    assert word in found[0].message


@pytest.mark.parametrize(
    ("check_id", "text"), [(c, t) for c, texts in NEGATIVES.items() for t in texts]
)
def test_quiet_on_correct_english(check_id, text):
    assert not run_on_text(text, "en", select_checks(select=[check_id]))


def test_message_names_the_intended_phrase():
    found = run_on_text(
        "They study colossal information.", "en", select_checks(select=["EN-DISTORT-001"])
    )
    assert found[0].message == '"colossal information" is a distortion of "big data"'


def test_lexicon_is_large_and_cites_source():
    rows = table("idioms/en_distortions.tsv")
    assert len(rows) >= 150
    assert {r["kind"] for r in rows} == {"tortured", "idiom", "eggcorn", "calque"}
