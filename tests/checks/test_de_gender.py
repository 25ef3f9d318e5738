"""DE-GENDER-*: a person keeps one gender across role nouns, titles, pronouns and first names."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.checks.de_gender import first_name_gender, role_gender


def spans(text: str | list[str], check_id: str) -> list[str]:
    joined = text if isinstance(text, str) else " ".join(text)
    found = run_on_text(text, "de", select_checks(select=[check_id]))
    return [joined[f.start:f.end] for f in found if f.check_id == check_id]


@pytest.mark.parametrize(
    ("word", "gender"),
    [("Außenministerin", "f"), ("Ärztin", "f"), ("Präsident", "m"), ("Termin", None),
     ("Regierungssprecherin", "f"), ("Enkelkinder", None)],
)
def test_role_gender(word: str, gender: str | None) -> None:
    assert role_gender(word) == gender


def test_first_names_come_from_the_data_file() -> None:
    assert first_name_gender("Karen") == "f"
    assert first_name_gender("Thomas") == "m"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Umweltministerin Anna Meier stellte seinen Plan in Brüssel vor.", "seinen"),
        ("Bürgermeisterin Julia Roth sagte, er werde die Schule erweitern.", "er"),
        (["Frau Keller leitet die Klinik.", "Er will sie modernisieren."], "Er"),
        ("Präsident Paul Kron sagte, sie werde das Gesetz unterzeichnen.", "sie"),
        ("Herr Bauer erklärte, sie sei mit dem Ergebnis zufrieden.", "sie"),
        ("Die Trainerin Lisa Hahn lobte seine Mannschaft.", "seine"),
    ],
)
def test_pronoun_contradiction_fires(text: str | list[str], span: str) -> None:
    assert span in spans(text, "DE-GENDER-001")


@pytest.mark.parametrize(
    "text",
    [
        "Umweltministerin Anna Meier stellte ihren Plan in Brüssel vor.",
        "Die Ministerin und ihr Kollege sagten, er werde kommen.",
        "Laut dem Bericht lobte Umweltministerin Anna Meier den Vorschlag, weil er klar sei.",
        "Präsident Paul Kron sagte, sie würden das Gesetz unterzeichnen.",
        "Seine Assistentin Maria Lenz begleitete ihn nach Rom.",
        ["Frau Keller leitet die Klinik seit Mai.", "Sie will sie modernisieren."],
    ],
)
def test_pronoun_clean_is_silent(text: str | list[str]) -> None:
    assert spans(text, "DE-GENDER-001") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (["Ministerin Laura Brandt reiste ab.", "Später sagte Minister Brandt, es sei gut."],
         "Minister Brandt"),
        (["Herr Vogel eröffnete die Sitzung.", "Danach sprach Frau Vogel über den Haushalt.",
          "Herr Vogel schloss die Sitzung."], "Frau Vogel"),
        (["Direktorin Eva Lindqvist begrüßte die Gäste.", "Direktor Lindqvist dankte allen."],
         "Direktor Lindqvist"),
        (["Frau Sommer begrüßte die Gäste.", "Herr Sommer dankte allen.",
          "Frau Sommer ging."], "Herr Sommer"),
        (["Präsident Omar Haddad landete in Rom.", "Präsidentin Haddad traf den Papst.",
          "Präsident Haddad flog weiter."], "Präsidentin Haddad"),
        (["Die Richterin Jana Pohl vertagte den Fall.", "Richter Pohl nannte keine Gründe."],
         "Richter Pohl"),
    ],
)
def test_name_gender_conflict_fires(text: list[str], span: str) -> None:
    assert span in spans(text, "DE-GENDER-002")


@pytest.mark.parametrize(
    "text",
    [
        ["Ministerin Laura Brandt reiste ab.", "Später sagte Ministerin Brandt, es sei gut."],
        ["Herr Hans Vogel kam.", "Frau Greta Vogel kam später."],
        ["Präsident Haddad landete.", "Präsident Haddad flog weiter."],
        ["Die Richterin Jana Pohl vertagte den Fall.", "Frau Pohl nannte keine Gründe."],
        ["Trainer Karl Lutz lobte das Team.", "Trainerin Mona Falk widersprach."],
    ],
)
def test_name_gender_consistent_is_silent(text: list[str]) -> None:
    assert spans(text, "DE-GENDER-002") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Bürgermeister Karen Holt eröffnete die Brücke.", "Bürgermeister Karen Holt"),
        ("Sprecherin Thomas Wendt wies die Vorwürfe zurück.", "Sprecherin Thomas Wendt"),
        ("Der Außenminister Susan Clarke reiste nach Ottawa.", "Außenminister Susan Clarke"),
        ("Die Vorsitzende sprach mit Präsident Linda Park.", "Präsident Linda Park"),
        ("Kanzlerin Robert Lind trat zurück.", "Kanzlerin Robert Lind"),
    ],
)
def test_first_name_conflict_fires(text: str, span: str) -> None:
    assert span in spans(text, "DE-GENDER-003")


@pytest.mark.parametrize(
    "text",
    [
        "Bürgermeisterin Karen Holt eröffnete die Brücke.",
        "Sprecher Thomas Wendt wies die Vorwürfe zurück.",
        "Präsidentin Linda Park sprach zuerst.",
        "Trainer Kim Berg lobte das Team.",
        "Die Ministerin Robin Hale reiste ab.",
    ],
)
def test_first_name_consistent_is_silent(text: str) -> None:
    assert spans(text, "DE-GENDER-003") == []
