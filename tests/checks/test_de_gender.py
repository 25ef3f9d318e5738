"""DE-GENDER-*: a person keeps one gender across role nouns, titles, pronouns and first names."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.lang.german import first_name_gender, role_gender


def spans(text: str | list[str], check_id: str) -> list[str]:
    joined = text if isinstance(text, str) else " ".join(text)
    found = run_on_text(text, "de", select_checks(select=[check_id]))
    return [joined[f.start : f.end] for f in found if f.check_id == check_id]


@pytest.mark.parametrize(
    ("word", "gender"),
    [
        ("Bürgermeisterin", "f"),
        ("Ärztin", "f"),
        ("Präsident", "m"),
        ("Termin", None),
        ("Regierungssprecherin", "f"),
        ("Enkelkinder", None),
    ],
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
        "Trainerin Mona Falk sagte, jeder müsse seinen Teil beitragen.",
    ],
)
def test_pronoun_clean_is_silent(text: str | list[str]) -> None:
    assert spans(text, "DE-GENDER-001") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            ["Ministerin Laura Brandt reiste ab.", "Später sagte Minister Brandt, es sei gut."],
            "Minister Brandt",
        ),
        (
            [
                "Herr Vogel eröffnete die Sitzung.",
                "Danach sprach Frau Vogel über den Haushalt.",
                "Herr Vogel schloss die Sitzung.",
            ],
            "Frau Vogel",
        ),
        (
            ["Direktorin Eva Lindqvist begrüßte die Gäste.", "Direktor Lindqvist dankte allen."],
            "Direktor Lindqvist",
        ),
        (
            ["Frau Sommer begrüßte die Gäste.", "Herr Sommer dankte allen.", "Frau Sommer ging."],
            "Herr Sommer",
        ),
        (
            [
                "Präsident Omar Haddad landete in Rom.",
                "Präsidentin Haddad traf den Papst.",
                "Präsident Haddad flog weiter.",
            ],
            "Präsidentin Haddad",
        ),
        (
            ["Die Richterin Jana Pohl vertagte den Fall.", "Richter Pohl nannte keine Gründe."],
            "Richter Pohl",
        ),
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
        ("Der Bürgermeister Susan Clarke reiste nach Ottawa.", "Bürgermeister Susan Clarke"),
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


def findings_004(text: str | list[str]) -> list[tuple[str, str, str]]:
    """(id, covered text, message) of every DE-GENDER-004 finding."""
    joined = text if isinstance(text, str) else " ".join(text)
    found = run_on_text(text, "de", select_checks(select=["DE-GENDER-004"]))
    return [(f.check_id, joined[f.start : f.end], f.message) for f in found]


@pytest.mark.parametrize(
    ("text", "span", "role", "pronoun"),
    [
        (
            "Norwegens Fischereiministerin Olav Berg landete in Lissabon, um seinen "
            "portugiesischen Kollegen zu treffen.",
            "Fischereiministerin Olav Berg",
            "Fischereiministerin",
            "seinen",
        ),
        (
            "Am Dienstag empfing Bürgermeisterin Stefan Roth in Leipzig seine Amtskollegen aus "
            "Polen.",
            "Bürgermeisterin Stefan Roth",
            "Bürgermeisterin",
            "seine",
        ),
        (
            "Die Architektin Jonas Falk stellte in Basel seinen Entwurf vor.",
            "Architektin Jonas Falk",
            "Architektin",
            "seinen",
        ),
        (
            "Ministerin Ivo Brandt stellte im Bundestag seinen Haushaltsplan vor.",
            "Ministerin Ivo Brandt",
            "Ministerin",
            "seinen",
        ),
        (
            "Bürgermeisterin Tomas Ek besuchte am Freitag die Baustelle und lobte seine "
            "Mitarbeiter.",
            "Bürgermeisterin Tomas Ek",
            "Bürgermeisterin",
            "seine",
        ),
        (
            ["Perus Verkehrsministerin Luis Prado reiste nach Lima.", "Dort traf er den Bischof."],
            "Verkehrsministerin Luis Prado",
            "Verkehrsministerin",
            "er",
        ),
        (
            ["Kolumbiens Präsident Ana Gómez flog nach Quito.", "Dort traf sie den Staatschef."],
            "Präsident Ana Gómez",
            "Präsident",
            "sie",
        ),
        (
            "Präsident Lucia Ferri reiste ab, obwohl sie erkältet war.",
            "Präsident Lucia Ferri",
            "Präsident",
            "sie",
        ),
        (
            "Ungarns Kulturministerin Tibor Nagy ist in Wien eingetroffen, um mit seinem "
            "österreichischen Kollegen zu sprechen.",
            "Kulturministerin Tibor Nagy",
            "Kulturministerin",
            "seinem",
        ),
    ],
)
def test_subject_back_reference_fires(
    text: str | list[str], span: str, role: str, pronoun: str
) -> None:
    found = findings_004(text)
    assert len(found) == 1
    check_id, covered, message = found[0]
    assert check_id == "DE-GENDER-004"
    assert covered == span  # the finding spans the role noun through the name
    assert f'"{role}"' in message and f'"{pronoun}"' in message


def test_subject_back_reference_offsets() -> None:
    text = "Schwedens Bildungsministerin Nils Ek kam nach Oslo, um seinen Kollegen zu sehen."
    found = run_on_text(text, "de", select_checks(select=["DE-GENDER-004"]))
    assert [(f.start, f.end, f.severity, f.category) for f in found] == [
        (10, 36, "major", "Accuracy/Mistranslation")
    ]
    assert "(feminine)" in found[0].message and "(masculine)" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Die Ministerin lobte das Unternehmen und seinen Chef.",
        "Das Land und sein Präsident feierten den Sieg.",
        "Der Konzern und seine Tochter wuchsen im Sommer.",
        "Handelsministerin Clara Voss traf den Botschafter und seine Frau.",
        "Handelsministerin Clara Voss besuchte Japan und seine Hauptstadt.",
        "Handelsministerin Clara Voss sprach mit dem Konzernchef, um seinen Plan zu prüfen.",
        "Handelsministerin Clara Voss lobte die Firma, deren Gründer seine Anteile verkaufte.",
        "Handelsministerin Clara Voss sagte, jeder müsse seinen Beitrag leisten.",
        "Handelsministerin Clara Voss sagte, dass sein Vorschlag gut sei.",
        ["Handelsministerin Clara Voss traf den Papst.", "Er segnete sie."],
        ["Ministerin Clara Voss sprach über den Vertrag.", "Er sei gut."],
        "Ministerin Clara Voss sprach über den Haushalt, um seine Lücken zu schließen.",
        "Ministerin Clara Voss sprach mit dem Präsidenten über seine Pläne.",
        "Am Montag traf der Kanzler Ministerin Clara Voss und seine Berater.",
        ["Handelsministerin Clara Voss reiste nach Wien.", "Sie traf dort seinen Kollegen."],
        "Präsident Karl Moser dankte den Helfern für ihren Einsatz.",
        "Präsident Karl Moser lobte ihre Arbeit.",
        ["Trainer Paul Weber reiste mit dem Team nach Paris.", "Sie spielte dort gut."],
        "Handelsministerin Clara Voss besuchte das Werk, um sein Potenzial zu prüfen.",
    ],
)
def test_subject_back_reference_silent(text: str | list[str]) -> None:
    assert findings_004(text) == []


def test_subject_back_reference_defers_to_001() -> None:
    """One error, one finding: where DE-GENDER-001 already links the pronoun, 004 is silent."""
    text = "Umweltministerin Rita Kowalski stellte seinen Plan vor."
    found = run_on_text(text, "de", select_checks(select=["DE-GENDER-001", "DE-GENDER-004"]))
    assert [f.check_id for f in found] == ["DE-GENDER-001"]


# --- DE-GENDER-004 widened: ", wo er", "indem", ordinal dates, ", und der X ..." ------------


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ("Bürgermeisterin Anna Berg kehrte nach Bonn zurück, wo er geboren wurde.", "er"),
        ("Präsident Karl Moser beendete den Streit, indem sie zurücktrat.", "sie"),
        ("Präsidentin Eva Kron hielt am 17. Mai seine erste Rede.", "seine"),
        ("Curtin warnt ihn, und Ministerin Eva Kron warnt seine Berater.", "seine"),
    ],
)
def test_subject_back_reference_widened_fires(text: str, pronoun: str) -> None:
    found = run_on_text(text, "de", select_checks(select=["DE-GENDER-001", "DE-GENDER-004"]))
    assert found and any(
        f'"{pronoun}"' in f.message or text[f.start : f.end] == pronoun for f in found
    )


@pytest.mark.parametrize(
    "text",
    [
        "Bürgermeisterin Anna Berg kehrte in das Haus zurück, wo er wohnte.",
        "Bürgermeisterin Anna Berg kehrte nach Bonn zurück, wo sie geboren wurde.",
        "Präsident Karl Moser beendete den Streit, indem er zurücktrat.",
        "Curtin warnt ihn, und Minister Karl Kron warnt seine Berater.",
        "Als er ankam, traf Ministerin Eva Kron seinen Bruder.",
    ],
)
def test_subject_back_reference_widened_silent(text: str) -> None:
    assert findings_004(text) == []


# --- DE-GENDER-005: relative pronouns ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pronoun", "fix"),
    [
        (
            "Bürgermeisterin Anna Berg, dessen Amtszeit im Mai endet, eröffnete die Brücke.",
            "dessen",
            "deren",
        ),
        (
            "Ein erfahrener Richter, die seit Jahren am Gericht arbeitet, leitete den Prozess.",
            "die",
            "der",
        ),
        ("Die Ministerin, der seit Jahren im Amt ist, trat zurück.", "der", "die"),
        ("Präsident Paul Kron, deren Frau krank ist, sagte die Reise ab.", "deren", "dessen"),
        ("Die Trainerin Lisa Hahn, dem der Verein viel verdankt, hört auf.", "dem", "der"),
        ("Der Sprecher, die das Treffen leitete, schwieg.", "die", "der"),
        ("Er sprach mit Frau Keller, dessen Sohn hier lernt.", "dessen", "deren"),
    ],
)
def test_relative_pronoun_fires(text: str, pronoun: str, fix: str) -> None:
    found = run_on_text(text, "de", select_checks(select=["DE-GENDER-005"]))
    assert [text[f.start : f.end] for f in found] == [pronoun]
    assert found[0].replacements[0] == fix


@pytest.mark.parametrize(
    "text",
    [
        "Bürgermeisterin Anna Berg, deren Amtszeit im Mai endet, eröffnete die Brücke.",
        "Die Ministerin, der die Kanzlerin dankte, trat zurück.",  # feminine dative
        "Die Ministerin, der er seit Jahren vertraut, trat zurück.",
        "Der Sohn der Ministerin, der in Bonn lebt, kam.",  # the son
        "Kanzler Scholz, die Ministerin und der Papst kamen.",  # an enumeration
        "Die Lehrer, die hier arbeiten, streiken.",  # plural
        "Die Sorgen der Lehrer, die hier arbeiten, sind groß.",
        "Bürgermeisterin Jonas Berg, der seit Jahren regiert, sprach.",  # DE-GENDER-003's
        "Der Minister, dessen Frau krank ist, sagte ab.",
        "Der Kanzler und die Ministerin, die beide kamen, sprachen.",
    ],
)
def test_relative_pronoun_silent(text: str) -> None:
    assert run_on_text(text, "de", select_checks(select=["DE-GENDER-005"])) == []


# --- DE-GENDER-006: role-noun subjects without a name, "ihr-" after a man ------------------


def spans_006(text: str | list[str]) -> list[str]:
    return spans(text, "DE-GENDER-006")


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Der Wrestler drückt dann ihren Unterarm gegen die Kehle des Gegners.", "ihren", "seinen"),
        ("Die Pilotin landete seine Maschine sicher in Hamburg.", "seine", "ihre"),
        ("Ein Dieb versteckte ihre Beute im Keller.", "ihre", "seine"),
        ("Der Kapitän steuerte ihr Schiff durch den Sturm.", "ihr", "sein"),
        ("Die Bürgermeisterin kehrte nach Bonn zurück, wo er geboren wurde.", "er", "sie"),
        ("Präsident Paul Kron hat im Mai ihren Rücktritt angeboten.", "ihren", "seinen"),
        ("Curtin warnt ihn, und der Bandit warnt ihre Gefährten.", "ihre", "seine"),
        (
            "Um zu gewinnen, muss ein Wrestler den Smoking ihres Gegners ausziehen.",
            "ihres",
            "seines",
        ),
    ],
)
def test_role_back_reference_fires(text: str, span: str, fix: str) -> None:
    found = run_on_text(text, "de", select_checks(select=["DE-GENDER-006"]))
    assert [text[f.start : f.end] for f in found] == [span]
    assert found[0].replacements == (fix,)


@pytest.mark.parametrize(
    "text",
    [
        "Der Wrestler drückt dann seinen Unterarm gegen die Kehle des Gegners.",
        "Der Trainer lobte die Spielerinnen für ihre Leistung.",
        ["Eine Frau kam in die Klinik.", "Der Arzt untersuchte ihre Lunge."],
        "Der Präsident dankte ihr für ihre Arbeit.",
        "Die Ärztin behandelte ihren Patienten.",
        "Der Lehrer und die Schülerin lasen ihr Buch.",
        "Der Vater nahm ihre Hand.",  # no role noun
        "Umweltministerin Anna Meier stellte seinen Plan in Brüssel vor.",  # DE-GENDER-001's
        "Die Ärzte behandelten ihre Patienten.",
        "Als sie ankam, traf der Minister ihren Bruder.",  # "sie" in the first field
    ],
)
def test_role_back_reference_silent(text: str | list[str]) -> None:
    assert spans_006(text) == []
