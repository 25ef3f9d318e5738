"""DE-SENSE-001: German words used in the sense of an English look-alike."""

import pytest

from mtaudit.checks import run_on_text, select_checks


def spans(text: str) -> list[str]:
    found = run_on_text(text, "de", select_checks(select=["DE-SENSE-001"]))
    return [text[f.start : f.end] for f in found if f.check_id == "DE-SENSE-001"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Weil er krank bekam, blieb er zu Hause.", "bekam"),
        ("Das war eine sensible Entscheidung des Gerichts.", "sensible"),
        ("Er trainiert jeden Abend im Gymnasium mit Hanteln.", "Gymnasium"),
        ("Die Prospekte für eine Einigung sind gering.", "Prospekte"),
        ("Nach der zweiten Dose des Impfstoffs hatte sie Fieber.", "Dose"),
        ("Die Provisionen des neuen Vertrags gelten ab Mai.", "Provisionen"),
    ],
)
def test_false_friend_fires(text: str, span: str) -> None:
    assert span in spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sie ist 1998 in die Partei eingetreten.",
        "Er bekam schnell Hilfe von den Nachbarn.",
        "Gesundheitsdaten sind sensible Daten.",
        "Sie unterrichtet Latein an einem Gymnasium.",
        "Er öffnete eine Dose Tomaten.",
        "Der Makler erhielt eine Provision von drei Prozent.",
    ],
)
def test_false_friend_clean_is_silent(text: str) -> None:
    assert spans(text) == []
