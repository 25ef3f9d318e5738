"""LANG-MIX-* checks on invented sentences (none from the seeds)."""

import pytest

from mtaudit.checks import run_on_text, select_checks


def _spans(text, lang, check_id):
    return [
        text[f.start : f.end]
        for f in run_on_text(text, lang, select_checks(select=[check_id]))
        if f.check_id == check_id
    ]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Die Rede war ein Haufen Gibberish, sagte der Kritiker.", "Gibberish"),
        ("Das neue Stadion ist ein echter Gamechanger für den Verein.", "Gamechanger"),
        ("Der Bus kam spät, however niemand beschwerte sich.", "however"),
        ("Sie sprach mit vielen people auf dem Markt.", "people"),
        ("Wir danken allen Helfern, thanks für die Geduld.", "thanks"),
    ],
)
def test_english_in_german_fires(text, word):
    assert _spans(text, "de", "LANG-MIX-001") == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Das Team traf sich online zum Meeting über die neue Software.",
        "Der Computer im Büro braucht ein Update.",
        "Der Film „Breaking Bad“ lief gestern im Fernsehen.",
        "Der Trainer sprach mit Tim Cook über das Wochenende.",
        "Die Band spielte am Wochenende im Club.",
    ],
)
def test_english_in_german_quiet(text):
    assert _spans(text, "de", "LANG-MIX-001") == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Regierung said it would raise taxes.", "Regierung"),
        ("The harvest was nicht as good as last year.", "nicht"),
        ("She bought bread und cheese at the market.", "und"),
        ("The bridge wurde closed for repairs.", "wurde"),
        ("The museum is sehr popular with tourists.", "sehr"),
    ],
)
def test_german_in_english_fires(text, word):
    assert _spans(text, "en", "LANG-MIX-002") == [word]


@pytest.mark.parametrize(
    "text",
    [
        "The Bundestag debated the new budget.",
        "Her daughter started kindergarten in the autumn.",
        "The poet Otto von Bismarck never existed.",
        "He felt a deep angst about the future.",
        "The newspaper “Die Zeit” published the letter.",
    ],
)
def test_german_in_english_quiet(text):
    assert _spans(text, "en", "LANG-MIX-002") == []
