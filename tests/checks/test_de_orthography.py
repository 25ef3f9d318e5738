"""DE-ORTH-* checks on invented sentences (none from the seeds or the benchmark texts)."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.checks.de_orthography import missing_link
from mtaudit.lang import lexicon


def _found(text, check_id):
    joined = text if isinstance(text, str) else " ".join(text)
    return [
        (joined[f.start : f.end], f.replacements)
        for f in run_on_text(text, "de", select_checks(select=[check_id]))
        if f.check_id == check_id
    ]


FIRES = [
    ("DE-ORTH-001", "Die Kosten für das gesundheitswesen steigen jedes Jahr.", "gesundheitswesen"),
    ("DE-ORTH-001", "Der Bürgermeister eröffnete die neue bibliothek im Zentrum.", "bibliothek"),
    ("DE-ORTH-001", "Wir fuhren mit dem zug nach Hamburg.", "zug"),
    ("DE-ORTH-001", "Ein kleiner hund bellte die ganze Nacht.", "hund"),
    ("DE-ORTH-001", "Sie kaufte im supermarkt frisches Obst.", "supermarkt"),
    ("DE-ORTH-001", "Die Polizei sperrte die straße für zwei Stunden.", "straße"),
    (
        "DE-ORTH-002",
        ["Die regierung plant eine reform.", "Das gesundheitswesen soll billiger werden."],
        "regierung",
    ),
    (
        "DE-ORTH-002",
        ["der minister besuchte die schule in der stadt.", "die kinder zeigten ihm den garten."],
        "minister",
    ),
    ("DE-ORTH-002", "die firma baute eine halle für die maschinen und das lager.", "firma"),
    (
        "DE-ORTH-002",
        ["Der bauer verkaufte das gemüse.", "Im herbst brachte er die ernte ein."],
        "bauer",
    ),
    (
        "DE-ORTH-002",
        ["ein sturm riss das dach vom haus.", "die feuerwehr kam mit drei wagen."],
        "sturm",
    ),
    ("DE-ORTH-003", "Die Umsätze stiegen; Aber der Gewinn sank.", "Aber"),
    ("DE-ORTH-003", "Er kam spät; Deshalb verpasste er den Zug.", "Deshalb"),
    ("DE-ORTH-003", "Das Wetter war schlecht; Die Ernte fiel aus.", "Die"),
    ("DE-ORTH-003", "Sie lachte; Er weinte.", "Er"),
    ("DE-ORTH-003", "Es regnete; Trotzdem gingen wir spazieren.", "Trotzdem"),
    ("DE-ORTH-004", "Vor dem Regierunggebäude demonstrierten Hunderte.", "Regierunggebäude"),
    ("DE-ORTH-004", "Die Zeitungredaktion zog im Mai um.", "Zeitungredaktion"),
    ("DE-ORTH-004", "Die Bildungreform wurde verschoben.", "Bildungreform"),
    ("DE-ORTH-004", "Der Sicherheitberater trat zurück.", "Sicherheitberater"),
    ("DE-ORTH-004", "Das Wochenendeheft erschien am Samstag.", "Wochenendeheft"),
    ("DE-ORTH-005", "Das Tapirgehege wurde erweitert.", "Tapirgehege"),
    ("DE-ORTH-005", "Der Kumquatbaum trug viele Früchte.", "Kumquatbaum"),
    ("DE-ORTH-005", "Sie kaufte einen Mantel aus Ozelotfell.", "Ozelotfell"),
    ("DE-ORTH-005", "Die Papayaplantage liegt am Fluss.", "Papayaplantage"),
    ("DE-ORTH-005", "Die Saphirfabrik stellte Uhrengläser her.", "Saphirfabrik"),
]

QUIET = [
    ("DE-ORTH-001", "Wir essen heute zu Hause."),
    ("DE-ORTH-001", "Er hat recht, das kostet ein paar Euro mehr."),
    ("DE-ORTH-001", "Heute abend kommt er vorbei."),
    ("DE-ORTH-001", "Sie trug ein lila Kleid zur Feier."),
    ("DE-ORTH-001", "Im zweiten Satz gelang es ihr, zu punkten."),
    ("DE-ORTH-001", "Die erwachsenen Tiere jagen nachts."),
    ("DE-ORTH-001", "Sie sagte, er rang lange mit sich."),
    (
        "DE-ORTH-002",
        ["Die Regierung plant eine Reform.", "Das Gesundheitswesen soll billiger werden."],
    ),
    ("DE-ORTH-002", ["Wir fuhren mit dem zug nach Hamburg.", "Die Reise dauerte drei Stunden."]),
    ("DE-ORTH-002", "Wir essen gern, und wir leben gut."),
    ("DE-ORTH-002", ["Am Abend regnete es.", "Am Morgen schien die Sonne wieder."]),
    ("DE-ORTH-002", "Sie kam, sah und siegte."),
    ("DE-ORTH-003", "Die Umsätze stiegen; aber der Gewinn sank."),
    ("DE-ORTH-003", "Er kam spät; Deutschland hatte schon verloren."),
    ("DE-ORTH-003", "Wir danken Ihnen; Sie haben uns sehr geholfen."),
    ("DE-ORTH-003", "Zwei Punkte fehlten; NATO und EU berieten."),
    ("DE-ORTH-003", "Die Preise sind hoch; Essen ist teuer geworden."),
    ("DE-ORTH-004", "Vor dem Regierungsgebäude demonstrierten Hunderte."),
    ("DE-ORTH-004", "Die Fensterregierung ist ein Unsinnswort."),
    ("DE-ORTH-004", "Die Zeitungsredaktion zog im Mai um."),
    ("DE-ORTH-004", "Die Bildungsreform wurde verschoben."),
    ("DE-ORTH-004", "Der Sicherheitsberater trat zurück."),
    ("DE-ORTH-005", "Das Affengehege wurde erweitert."),
    ("DE-ORTH-005", "Das Regierungsgebäude ist alt."),
    ("DE-ORTH-005", "Der Fensterrahmen ist morsch."),
    ("DE-ORTH-005", "Die Bundesregierung tagte am Montag."),
    ("DE-ORTH-005", "Die Wohnungssuche ist schwer."),
]


@pytest.mark.parametrize(("check_id", "text", "word"), FIRES)
def test_fires(check_id, text, word):
    assert [span for span, _ in _found(text, check_id)] == [word]


@pytest.mark.parametrize(("check_id", "text"), QUIET)
def test_quiet(check_id, text):
    assert _found(text, check_id) == []


@pytest.mark.parametrize(
    ("check_id", "text", "fix"),
    [
        ("DE-ORTH-001", "Wir fuhren mit dem zug nach Hamburg.", "Zug"),
        ("DE-ORTH-003", "Die Umsätze stiegen; Aber der Gewinn sank.", "aber"),
        ("DE-ORTH-004", "Vor dem Regierunggebäude demonstrierten Hunderte.", "Regierungsgebäude"),
    ],
)
def test_replacement(check_id, text, fix):
    assert _found(text, check_id)[0][1][0] == fix


def test_document_reported_once_and_words_silent():
    """A lower-cased document gets one DE-ORTH-002 finding and no per-word findings."""
    doc = ["die regierung plant eine reform.", "das gesundheitswesen soll billiger werden."]
    found = run_on_text(doc, "de", select_checks(select=["DE-ORTH-001", "DE-ORTH-002"]))
    assert [f.check_id for f in found] == ["DE-ORTH-002"]


def test_linking_forms_from_the_noun_table():
    assert lexicon.modifier_forms_of("Regierung")[0] == "Regierungs"
    assert lexicon.modifier_forms_of("Woche")[0] == "Wochen"
    assert lexicon.splits_into_known_parts("Bundesfensterregierung")
    assert missing_link("Regierunggebäude")[2][0] == "Regierungs"
    assert missing_link("Fensterregierung") is None


def test_lowercase_word_knowledge():
    assert lexicon.is_lowercase_word("essen")
    assert lexicon.is_lowercase_word("recht")
    assert not lexicon.is_lowercase_word("haus")
