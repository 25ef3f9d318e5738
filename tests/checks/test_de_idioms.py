"""German calque checks: each fires on invented examples and names the calqued words."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.data import table

CASES = {
    "DE-IDIOM-001": [
        ("Nach der Wahl saß die Partei monatelang auf dem Zaun.", "saß"),
        ("Der alte Hund hat letzte Woche den Eimer getreten.", "Eimer"),
        ("Das neue Gemälde kostet einen Arm und ein Bein.", "kostet"),
        ("Seine Vorschläge waren völlig außerhalb der Box.", "außerhalb"),
        ("Die Nachricht kam völlig aus dem Blauen.", "aus"),
        ("Der Kunde wurde in dem Laden frei von Ladung bedient.", "frei"),
    ],
    "DE-IDIOM-002": [
        ("Der Stadtrat hat gestern eine Entscheidung genommen.", "Entscheidung"),
        ("Die Trainerin will beim Spiel mehr Risiko nehmen.", "Risiko"),
        ("Die Firma will ihre Kosten drastisch schneiden.", "Kosten"),
        ("Der Minister hat die Bedenken der Bauern nicht adressiert.", "Bedenken"),
        ("Die Zentralbank will die Zinsen erneut schneiden.", "Zinsen"),
        ("Wir warten für den nächsten Bus.", "warten"),
    ],
    "DE-IDIOM-003": [
        ("Der Vertrag wurde in 2017 unterzeichnet.", "in"),
        ("Diese Regelung macht für kleine Betriebe keinen Sinn.", "macht"),
        ("Er realisierte plötzlich, dass sein Schlüssel fehlte.", "realisierte"),
        ("Am Ende des Tages zählt nur das Ergebnis.", "Am"),
        ("Das Video ging innerhalb weniger Stunden viral.", "ging"),
    ],
}
NEGATIVES = {
    "DE-IDIOM-001": [
        "Der Fahrer saß beim Unfall angeschnallt am Steuer.",
        "Die Katze sprang auf den Zaun.",
        "Er stellte den Eimer in die Ecke.",
        "Sie brach sich beim Skifahren den Arm und ein Bein.",
        "Der Himmel war tiefblau.",
    ],
    "DE-IDIOM-002": [
        "Der Stadtrat hat gestern eine Entscheidung getroffen.",
        "Die Sängerin hat den richtigen Ton getroffen.",
        "Die Firma will ihre Kosten senken.",
        "Der Minister hat die Bedenken der Bauern angesprochen.",
        "Wir warten auf den nächsten Bus.",
        "Das Gericht macht keinen Unterschied zwischen den Klägern.",
    ],
    "DE-IDIOM-003": [
        "Der Vertrag wurde 2017 unterzeichnet.",
        "Diese Regelung ergibt für kleine Betriebe keinen Sinn.",
        "Das Projekt wurde 2019 realisiert.",
        "Der Vertrag wurde im Jahr 2017 unterzeichnet.",
        "Letztendlich zählt nur das Ergebnis.",
    ],
}


@pytest.mark.parametrize(
    ("check_id", "text", "word"), [(c, t, w) for c, cases in CASES.items() for t, w in cases]
)
def test_fires_and_points_at_calque(check_id, text, word):
    found = [
        f
        for f in run_on_text(text, "de", select_checks(select=["DE-IDIOM"]))
        if f.check_id == check_id
    ]
    assert len(found) == 1
    assert text[found[0].start : found[0].end].startswith(word)
    assert word in found[0].message


@pytest.mark.parametrize(
    ("check_id", "text"), [(c, t) for c, texts in NEGATIVES.items() for t in texts]
)
def test_quiet_on_idiomatic_german(check_id, text):
    assert not [f for f in run_on_text(text, "de", select_checks(select=[check_id]))]


def test_message_gives_idiomatic_german():
    found = run_on_text(
        "Er hat eine Entscheidung genommen.", "de", select_checks(select=["DE-IDIOM-002"])
    )
    assert "eine Entscheidung treffen" in found[0].message
    assert "take a decision" in found[0].message


def test_lexicon_is_large_and_well_formed():
    rows = table("idioms/de_calques.tsv")
    assert len(rows) >= 150
    assert {r["kind"] for r in rows} == {"idiom", "colloc", "anglicism"}
    assert all(r["idiomatic"] and r["english"] for r in rows)
