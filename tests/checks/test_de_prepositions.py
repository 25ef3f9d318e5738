"""DE-PREP-*: the case of the noun phrase after a German preposition."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.lang.german_cases import (
    determiner_readings,
    phrase_in_case,
    preposition_rule,
    reliable_readings,
)


def findings(text: str, check_id: str) -> list:
    found = run_on_text(text, "de", select_checks(select=[check_id]))
    return [f for f in found if f.check_id == check_id]


def spans(text: str, check_id: str = "DE-PREP-001") -> list[str]:
    return [text[f.start : f.end] for f in findings(text, check_id)]


# ------------------------------------------------------------------------- german_cases


@pytest.mark.parametrize(
    ("word", "cases", "colloquial"),
    [
        ("mit", {"dat"}, set()),
        ("Für", {"acc"}, set()),
        ("in", {"dat", "acc"}, set()),
        ("wegen", {"gen"}, {"dat"}),
        ("laut", {"dat", "gen"}, set()),
    ],
)
def test_preposition_rules(word: str, cases: set[str], colloquial: set[str]) -> None:
    rule = preposition_rule(word)
    assert rule is not None
    assert rule.cases == cases and rule.colloquial == colloquial


def test_words_left_out_of_the_table() -> None:
    for word in ("bis", "außer", "zum", "entlang", "als"):
        assert preposition_rule(word) is None


@pytest.mark.parametrize(
    ("det", "adjectives", "noun", "slot", "expected"),
    [
        ("die", ["neuen"], "Kollegen", ("dat", "pl", ""), "den neuen Kollegen"),
        ("den", [], "Kindern", ("acc", "pl", ""), "die Kinder"),
        ("einen", ["großen"], "Auto", ("dat", "sg", "n"), "einem großen Auto"),
        ("seine", [], "Freunden", ("dat", "pl", ""), "seinen Freunden"),
        ("das", ["schlechte"], "Wetter", ("gen", "sg", "n"), "des schlechten Wetters"),
        ("viele", [], "Kollegen", ("dat", "pl", ""), "vielen Kollegen"),
        ("die", [], "Wetterdienstberichte", ("dat", "pl", ""), "den Wetterdienstberichten"),
    ],
)
def test_phrase_in_case(
    det: str, adjectives: list[str], noun: str, slot: tuple, expected: str
) -> None:
    assert phrase_in_case(det, adjectives, noun, *slot) == expected


def test_readings() -> None:
    assert ("dat", "sg", "m") in determiner_readings("unserem")
    assert ("nom", "pl", "") in determiner_readings("viele")
    assert determiner_readings("Haus") == frozenset()
    assert ("dat", "pl", "") in reliable_readings("Karabach-Teppichen")  # hyphen: the head
    assert reliable_readings("Telecaster") == frozenset()  # foreign word, no safe tail
    assert ("gen", "sg", "f") in reliable_readings("Funkabhörabdeckung")  # by its suffix


# ------------------------------------------------------------------------- DE-PREP-001


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Sie sprach lange mit die Kollegen aus Berlin.", "mit die Kollegen", "mit den Kollegen"),
        ("Er kam ohne dem Vertrag zurück.", "ohne dem Vertrag", "ohne den Vertrag"),
        ("Das Geld ist für den Kindern gedacht.", "für den Kindern", "für die Kinder"),
        ("Er kam spät aus der Haus.", "aus der Haus", "aus dem Haus"),
        ("Sie arbeitet seit einen Jahr bei seine Firma.", "seit einen Jahr", "seit einem Jahr"),
        ("Sie arbeitet seit einem Jahr bei seine Firma.", "bei seine Firma", "bei seiner Firma"),
        ("Er kam trotz das schlechte Wetter.", "trotz das schlechte Wetter", None),
        ("Die Katze schläft unter der Tisch.", "unter der Tisch", "unter dem Tisch"),
        ("Er ging mit viele Freunde ins Kino.", "mit viele Freunde", "mit vielen Freunden"),
        ("Wir fahren mit den Auto nach Rom.", "mit den Auto", "mit dem Auto"),
        ("Das Buch liegt auf des Schrankes.", "auf des Schrankes", None),
    ],
)
def test_preposition_case_fires(text: str, span: str, fix: str | None) -> None:
    found = findings(text, "DE-PREP-001")
    assert span in [text[f.start : f.end] for f in found]
    if fix:
        finding = next(f for f in found if text[f.start : f.end] == span)
        assert fix in finding.replacements


def test_preposition_case_prefers_the_contraction() -> None:
    (finding,) = findings("Die Katze schläft in der Tisch.", "DE-PREP-001")
    assert finding.replacements[:2] == ("im Tisch", "in dem Tisch")
    assert "in den Tisch" in finding.replacements  # two-way: the accusative too
    assert finding.severity == "minor" and finding.category == "Fluency/Grammar"


@pytest.mark.parametrize(
    "text",
    [
        "Sie sprach lange mit den Kollegen aus Berlin.",
        "Das ist das Haus, in der Kinder früher wohnten.",  # relative pronoun
        "Die Frau, mit der Kinder gern spielen, wohnt hier.",
        "Meiner Meinung nach die beste Lösung.",  # postposition
        "Ihm gegenüber die Wahrheit zu sagen, fiel ihr schwer.",
        "Er ist mit der beste Spieler der Liga.",  # mit = one of
        "Während die Kinder spielten, schlief er.",  # subordinator
        "Seit das Parlament tagt, ist es ruhig.",
        "Um der Sache willen blieb er.",
        "Um einer Spaltung entgegenzuwirken, trafen sie sich.",  # um ... zu
        "Sie wählten einen Fremden statt einen Einheimischen.",  # conjunction statt
        "In der Kinder Augen sah er Angst.",  # prenominal genitive
        "Wir fahren mit dem Bus- und Bahnverkehr.",
        "Das Dorf liegt an die 100 Kilometer entfernt.",
        "Er sprach mit Die Zeit über seine Pläne.",
        "Die Arbeit von zu Hause aus ein Dauerbrenner werden.",
        "Sie spielten gegen die Leicestershire Foxes.",
        "Nach ein paar Siegen scheiterte die Kampagne.",
        "Er überholte ihn auf der Zielgeraden.",
        "Das ist die Firma, für die Menschen gern arbeiten.",
        "Er fuhr mit dem Auto in den Urlaub und wartete auf den Bus.",
    ],
)
def test_preposition_case_silent(text: str) -> None:
    assert spans(text) == []


# ------------------------------------------------------------------------- DE-PREP-002


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Das Spiel fiel wegen dem starken Regen aus.", "wegen dem starken Regen", None),
        ("Wegen dem Streik fuhren keine Züge.", "Wegen dem Streik", "Wegen des Streiks"),
        ("Trotz dem Lärm schlief sie ein.", "Trotz dem Lärm", "Trotz des Lärms"),
        ("Er rief während dem Essen an.", "während dem Essen", "während des Essens"),
        ("Sie blieb wegen ihrem Bruder zu Hause.", "wegen ihrem Bruder", "wegen ihres Bruders"),
        ("Innerhalb dem Gebäude ist Rauchen verboten.", "Innerhalb dem Gebäude", None),
    ],
)
def test_colloquial_dative_fires(text: str, span: str, fix: str | None) -> None:
    found = findings(text, "DE-PREP-002")
    assert span in [text[f.start : f.end] for f in found]
    if fix:
        assert fix in next(f for f in found if text[f.start : f.end] == span).replacements


@pytest.mark.parametrize(
    "text",
    [
        "Das Spiel fiel wegen des starken Regens aus.",
        "Wegen der Streiks fuhren keine Züge.",
        "Laut dem Bericht stieg die Zahl.",  # laut takes the dative in standard German
        "Dank dem Einsatz der Helfer wurde niemand verletzt.",
        "Trotz allem blieb sie ruhig.",
        "Dem Vertrag wegen blieb er.",
    ],
)
def test_colloquial_dative_silent(text: str) -> None:
    assert spans(text, "DE-PREP-002") == []


def test_colloquial_dative_is_off_by_default() -> None:
    assert "DE-PREP-002" not in {c.id for c in select_checks()}
    assert "DE-PREP-001" in {c.id for c in select_checks()}
