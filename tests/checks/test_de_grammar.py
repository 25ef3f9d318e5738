"""DE-GRAM-*: case government, English prepositions, quantifiers, personal passive, agreement."""

import pytest

from mtaudit.checks import run_on_text, select_checks


def spans(text: str, check_id: str) -> list[str]:
    found = run_on_text(text, "de", select_checks(select=[check_id]))
    return [text[f.start : f.end] for f in found if f.check_id == check_id]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Die Regierung folgte einen strengen Kurs.", "einen strengen Kurs"),
        ("Der Trainer half einen jungen Spieler beim Umzug.", "einen jungen Spieler"),
        ("Die Bürger dankten den Feuerwehrmann für seinen Einsatz.", "den Feuerwehrmann"),
        (
            "Das Parlament stimmte den Haushaltsentwurf nach langer Debatte zu.",
            "den Haushaltsentwurf",
        ),
        ("Viele Leser widersprachen einen Kommentar in der Zeitung.", "einen Kommentar"),
        ("Der Hund gehorcht keinen Befehl mehr.", "keinen Befehl"),
        ("Die Opposition widerspricht diesen Vorschlag entschieden.", "diesen Vorschlag"),
    ],
)
def test_dative_verb_with_accusative_fires(text: str, span: str) -> None:
    assert span in spans(text, "DE-GRAM-001")


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung folgte einem strengen Kurs.",
        "Der Trainer half dem jungen Spieler beim Umzug.",
        "Die Bürger dankten den Helfern für ihren Einsatz.",
        "Er folgte den ganzen Tag den Spuren im Schnee.",
        "Sie ließ den Hund folgen.",
        "Das Parlament stimmte dem Entwurf zu, den die Regierung vorgelegt hatte.",
    ],
)
def test_dative_verb_clean_is_silent(text: str) -> None:
    assert spans(text, "DE-GRAM-001") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Das Museum dankt zahlreiche Spender aus der Stadt.", "zahlreiche Spender"),
        ("Die Studie widerspricht bisherige Annahmen über das Klima.", "bisherige Annahmen"),
        ("Der Trainer hilft junge Spieler beim Einstieg.", "junge Spieler"),
        ("Die Gäste applaudierten die Musiker lange.", "die Musiker"),
        ("Wir folgen die Regeln des Vereins.", "die Regeln"),
        ("Die Bäckerei widersprach die Darstellung der Zeitung.", "die Darstellung"),
        ("Die Bürger stimmten die Pläne zu.", "die Pläne"),
        ("Unsere Nachbarn vertrauen keine Versprechen der Firma.", "keine Versprechen"),
    ],
)
def test_dative_verb_with_non_dative_phrase_fires(text: str, span: str) -> None:
    """Plural or feminine objects whose case only agreement with the verb decides."""
    assert span in spans(text, "DE-GRAM-001")


def test_non_dative_message_names_verb_and_dative_form() -> None:
    text = "Das Museum dankt zahlreiche Spender aus der Stadt."
    found = run_on_text(text, "de", select_checks(select=["DE-GRAM-001"]))
    assert len(found) == 1
    assert found[0].message.startswith('"dankt" takes a dative object, but "zahlreiche Spender"')
    assert 'singular "dankt"' in found[0].message
    assert '"zahlreichen Spendern"' in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Der Ausstellung folgen mehrere Vorträge.",
        "Darauf folgten heftige Regenfälle.",
        "Den Anweisungen folgte die Mannschaft sofort.",
        "Die Wanderer folgten den Markierungen.",
        "Es folgen die Ergebnisse der Messungen.",
        "Die Schüler halfen ihr beim Aufräumen.",
        "Welchem Vorschlag stimmen die Mitglieder zu?",
        "Helfen die Geräte den Bauern?",
        "Die Regeln, denen die Spieler folgen, sind streng.",
        "Die Tiere folgten die ganze Nacht der Herde.",
        "Die Kinder und die Eltern folgten.",
        "Die Studie widerspricht früheren Annahmen.",
        "Die Firma sagte die Veranstaltung ab.",
        "Sie vertraute der Nachbarin ihre Schlüssel an.",
        "Sie überwältigt einen Wächter und entkommt durch ein Fenster.",
        "Er hatte ihren Streit gehört.",
    ],
)
def test_dative_verb_with_subject_phrase_is_silent(text: str) -> None:
    """The nominative phrase is the subject, or the clause's roles are not decided by form."""
    assert spans(text, "DE-GRAM-001") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Der Ausschuss stimmte zu dem Entwurf zu.", "zu"),
        ("Wir warten seit einer Stunde für den Bus.", "für"),
        ("Der Erfolg hängt auf dem Wetter ab.", "auf"),
        ("Die Mieter baten für eine Verlängerung der Frist.", "für"),
        ("Die Polizei sucht für den Fahrer des Wagens.", "für"),
    ],
)
def test_wrong_preposition_fires(text: str, span: str) -> None:
    assert span in spans(text, "DE-GRAM-002")


@pytest.mark.parametrize(
    "text",
    [
        "Der Ausschuss stimmte dem Entwurf zu.",
        "Wir warten seit einer Stunde auf den Bus.",
        "Der Erfolg hängt vom Wetter ab.",
        "Zu diesem Zeitpunkt stimmte die Mehrheit zu.",
        "Die Mieter baten um eine Verlängerung der Frist.",
    ],
)
def test_wrong_preposition_clean_is_silent(text: str) -> None:
    assert spans(text, "DE-GRAM-002") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Auf dem Hof leben viel Kinder.", "viel Kinder"),
        ("Im Dorf leben nur noch wenig Familien.", "wenig Familien"),
        ("Der Bericht nennt viel Gründe für den Rückgang.", "viel Gründe"),
        ("Sie hat viel Bücher über Vögel geschrieben.", "viel Bücher"),
        ("In dem Tal stehen wenig Häuser.", "wenig Häuser"),
    ],
)
def test_quantifier_plural_fires(text: str, span: str) -> None:
    assert span in spans(text, "DE-GRAM-003")


@pytest.mark.parametrize(
    "text",
    [
        "Auf dem Hof leben viele Kinder.",
        "Er verdient viel Geld mit seinen Bildern.",
        "Das kostet viel Zeit.",
        "Es gab wenig Regen in diesem Sommer.",
        "Sie hatten viel größere Probleme als erwartet.",
    ],
)
def test_quantifier_clean_is_silent(text: str) -> None:
    assert spans(text, "DE-GRAM-003") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Die Konzerte werden erwartet, dass sie ausverkauft sind.", "werden erwartet"),
        ("Die Preise wurden geschätzt, um zehn Prozent zu steigen.", "wurden geschätzt"),
        ("Die Verletzten wurden berichtet, dass sie stabil sind.", "wurden berichtet"),
        ("Der Zug wird erwartet, am Abend anzukommen.", "wird erwartet"),
        ("Die Firmen werden geglaubt, dass sie Verluste machen.", "werden geglaubt"),
    ],
)
def test_personal_passive_fires(text: str, span: str) -> None:
    assert span in spans(text, "DE-GRAM-004")


@pytest.mark.parametrize(
    "text",
    [
        "Es wird erwartet, dass die Konzerte ausverkauft sind.",
        "Von ihr wird erwartet, dass sie den Vorsitz übernimmt.",
        "Erwartet wird, dass die Preise steigen.",
        "Die Gäste werden erwartet.",
        "Die Spieler wurden gebeten, früher zu kommen.",
    ],
)
def test_personal_passive_clean_is_silent(text: str) -> None:
    assert spans(text, "DE-GRAM-004") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Das Regierung hat ein Gesetz vorgelegt.", "Das Regierung"),
        ("Sie kauften eine neues Haus am See.", "eine neues Haus"),
        ("Er sprach mit dem Lehrerin über die Noten.", "dem Lehrerin"),
        ("Ein Frage blieb offen.", "Ein Frage"),
        ("Die Mann stand vor der Tür.", "Die Mann"),
    ],
)
def test_article_agreement_fires(text: str, span: str) -> None:
    assert span in spans(text, "DE-GRAM-005")


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung hat ein neues Gesetz vorgelegt.",
        "Er sprach mit der Lehrerin über die Noten.",
        "Das Buch, das die Lehrer empfahlen, ist vergriffen.",
        "Den Kindern gefiel der Ausflug.",
        "Der Preis des Brexit war hoch.",
    ],
)
def test_article_agreement_clean_is_silent(text: str) -> None:
    assert spans(text, "DE-GRAM-005") == []


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Die Regierung folgt zahlreiche Gutachterberichte aus Brüssel.", True),
        ("Das widerspricht frühere Stadtratsbeschlüsse.", True),
        ("Dem folgen zahlreiche Gutachterberichte.", False),
        ("Die Regierung folgt zahlreichen Gutachterberichten aus Brüssel.", False),
    ],
)
def test_compounds_missing_from_the_noun_table_inflect_like_their_last_element(text, fires):
    from mtaudit.lang.german import compound_readings, noun_readings

    assert not noun_readings("Gutachterberichte") and compound_readings("Gutachterberichte")
    found = run_on_text(text, "de", select_checks(select=["DE-GRAM-001"]))
    assert bool(found) is fires
