"""DE-SENSE-001/002: German words used in the sense of an English look-alike.

Every entry of ``mtaudit/data/de/false_friends.json`` has a firing and a silent invented
sentence below; ``test_every_entry_is_tested`` keeps it so.
"""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.checks.de_false_friends import _patterns, is_preterite
from mtaudit.data import json_data


def findings(text: str, check_id: str = "DE-SENSE-001") -> list:
    found = run_on_text(text, "de", select_checks(select=[check_id]))
    return [f for f in found if f.check_id == check_id]


def spans(text: str, check_id: str = "DE-SENSE-001") -> list[str]:
    return [text[f.start : f.end] for f in findings(text, check_id)]


# (trigger, firing sentence, flagged word, suggested replacement or None)
FIRES = [
    ("bekommen", "Weil er krank bekam, blieb er zu Hause.", "bekam", "wurde"),
    ("bekommen", "Im Winter bekam er oft krank.", "bekam", "wurde"),
    ("bekommen", "Nach der Wahl bekam sie Bürgermeisterin der Stadt.", "bekam", "wurde"),
    ("bekommen", "Die Raupe bekommt zu einem Schmetterling.", "bekommt", "wird"),
    ("bekommen", "Er bekam ein erfahrener Lehrer.", "bekam", "wurde"),
    ("eventuell", "Nach langem Streit unterschrieb er eventuell den Vertrag.", "eventuell", None),
    ("aktuell", "Sie gewann aktuell alle drei Rennen der Saison.", "aktuell", "tatsächlich"),
    ("also", "Er spielt nicht nur Geige, sondern also Klavier.", "also", "auch"),
    ("also", "Sie spricht sowohl Englisch als also Französisch.", "also", "auch"),
    ("also", "Also die Nachbarn hörten den Lärm.", "Also", "Auch"),
    ("sensibel", "Das war eine sensible Entscheidung des Gerichts.", "sensible", "vernünftige"),
    ("sensibel", "Das war ein sensibler neuer Kompromissvorschlag.", "sensibler", None),
    ("billion", "Auf der Erde leben acht Billionen Menschen.", "Billionen", "Milliarden"),
    ("gift", "Zum Geburtstag bekam sie ein kleines Gift.", "Gift", "Geschenk"),
    ("brav", "Das war eine brave Entscheidung der Feuerwehr.", "brave", "mutige"),
    ("meinung", "Niemand kennt die Meinung des Wortes.", "Meinung", "Bedeutung"),
    ("meinung", "Die Stadt ist von großer Meinung für die Region.", "Meinung", None),
    ("meinung", "Das Thema gewinnt an Meinung.", "Meinung", None),
    ("meinung", "Er erklärte die Meinung des Wartens.", "Meinung", "Bedeutung"),
    ("kaution", "Bei Glatteis ist Kaution geboten.", "Kaution", "Vorsicht"),
    ("note", "Sie hinterließ ihm eine Note auf dem Tisch.", "Note", "Notiz"),
    ("rente", "Die Rente für die Wohnung beträgt 900 Euro.", "Rente", "Miete"),
    ("ordinär", "Er ist ordinäres Mitglied des Vereins.", "ordinäres", "ordentliches"),
    ("ordinär", "Es war ein ordinärer Tag im Büro.", "ordinärer", "gewöhnlicher"),
    (
        "konsequent",
        "Der Sturm verursachte konsequente Schäden an den Dächern.",
        "konsequente",
        None,
    ),
    ("sympathie", "Unsere Sympathie gilt den Hinterbliebenen der Opfer.", "Sympathie", None),
    ("chef", "Der Chef bereitete das Rezept mit frischen Zutaten zu.", "Chef", "Koch"),
    ("fabrik", "Sie kaufte drei Meter weiche Fabrik.", "Fabrik", "Stoff"),
    ("fabrik", "Das Kleid ist aus einer Fabrik aus reiner Seide genäht.", "Fabrik", None),
    ("präservativ", "Das Brot enthält keine künstlichen Präservative.", "Präservative", None),
    ("spenden", "Sie spendete drei Jahre in Paris.", "spendete", "verbrachte"),
    ("spenden", "Wir spendeten den ganzen Sommer am Meer.", "spendeten", "verbrachten"),
    ("blamieren", "Der Minister blamierte seinen Vorgänger für die Krise.", "blamierte", None),
    ("fast", "Das Auto fährt sehr fast.", "fast", "schnell"),
    ("wer", "Sie fuhr in die Stadt, wer er lebte.", "wer", "wo"),
    ("wer", "Er trat der Allianz bei, wer er ein anderes Outfit trug.", "wer", "wo"),
    ("direktion", "Sie liefen in die entgegengesetzte Direktion.", "Direktion", "Richtung"),
    ("engagieren", "Sie ist seit Mai mit Tom engagiert.", "engagiert", "verlobt"),
    ("unternehmer", "Der Unternehmer brachte den Sarg in die Kapelle.", "Unternehmer", None),
    ("prägnant", "Sie war im sechsten Monat prägnant.", "prägnant", "schwanger"),
    ("seriös", "Er erlitt eine seriöse Verletzung am Knie.", "seriöse", "ernste"),
    ("physiker", "Der Physiker verschrieb ihr ein Mittel und eine Impfung.", "Physiker", "Arzt"),
    ("gymnasium", "Er trainiert jeden Abend im Gymnasium mit Hanteln.", "Gymnasium", None),
    ("prospekt", "Die Prospekte für eine Einigung sind gering.", "Prospekte", "Aussichten"),
    ("provision", "Die Provisionen des neuen Vertrags gelten ab Mai.", "Provisionen", None),
    ("rezept", "An der Kasse bekam er ein Rezept.", "Rezept", "Quittung"),
    ("sympathisch", "Er zeigte sich sympathisch gegenüber den Streikenden.", "sympathisch", None),
    ("dose", "Nach der zweiten Dose des Impfstoffs hatte sie Fieber.", "Dose", "Dosis"),
    ("stadium", "Die Fans strömten zum Spiel ins Stadium.", "Stadium", "Stadion"),
    ("warenhaus", "Die Paletten lagern im Warenhaus am Hafen.", "Warenhaus", "Lagerhaus"),
    ("hochschule", "Die Schüler der Hochschule feierten den Abschlussball.", "Hochschule", None),
]

# (trigger, silent sentence): the same word in its German sense
SILENT = [
    ("bekommen", "Er bekam schnell eine Antwort von den Nachbarn."),
    ("bekommen", "Zum Geburtstag bekam er ein Fahrrad."),
    ("bekommen", "Er bekam ihn nie zu Gesicht."),
    ("bekommen", "Er bekam einen neuen Lehrer."),
    ("bekommen", "Was er dafür bezahlt bekam, reichte nicht."),
    ("eventuell", "Eventuell unterschreibt er morgen den Vertrag."),
    ("eventuell", "Er könnte eventuell noch kommen."),
    ("aktuell", "Aktuell gewinnt sie jedes Rennen."),
    ("aktuell", "Aktuell lag die Quote bei fünf Prozent."),
    ("also", "Er spielt nicht nur Geige, sondern auch Klavier."),
    ("also", "Sie spricht sowohl Englisch als auch Französisch."),
    ("also", "Also hörten die Nachbarn den Lärm."),
    ("also", "Also ich finde das gut."),
    ("sensibel", "Gesundheitsdaten sind sensible Daten."),
    ("billion", "Die Staatsschulden betragen zwei Billionen Euro."),
    ("gift", "Das Gift der Schlange tötete die Maus."),
    ("gift", "Er verpackte das Gift sorgfältig."),
    ("brav", "Das brave Kind aß seinen Teller leer."),
    ("meinung", "Die Meinung des Ministers ist bekannt."),
    ("meinung", "Er hat eine hohe Meinung von ihr."),
    ("meinung", "Die Meinung des Ostens war gespalten."),
    ("kaution", "Er wurde gegen Kaution freigelassen."),
    ("note", "Der Wein hat eine fruchtige Note."),
    ("note", "Sie bekam eine gute Note in Mathematik."),
    ("rente", "Seine Rente reicht kaum zum Leben."),
    ("ordinär", "Er erzählte einen ordinären Witz."),
    ("ordinär", "Sie fand seine Sprache ordinär."),
    ("konsequent", "Sie verfolgt eine konsequente Politik."),
    ("sympathie", "Er hegte Sympathie für die Reformbewegung."),
    ("sympathie", "Trotz seiner Sympathien verbot er kurz vor seinem Tod die Predigten."),
    ("chef", "Der Chef der Firma entließ zwei Mitarbeiter."),
    ("fabrik", "Die Fabrik stellt Kleider aus Baumwolle her."),
    ("präservativ", "In der Apotheke kaufte er Präservative."),
    ("spenden", "Sie spendet jedes Jahr Geld."),
    ("spenden", "Er spendete drei Jahre lang Geld an den Verein."),
    ("blamieren", "Er blamierte sich vor allen Gästen."),
    ("fast", "Sie hat es so fast geschafft."),
    ("fast", "Er ist fast fertig."),
    ("wer", "Er fragte den Lehrer, wer kommt."),
    ("wer", "Ich weiß, wer er ist."),
    ("direktion", "Er arbeitet in der Direktion der Bank."),
    ("engagieren", "Sie ist sozial sehr engagiert."),
    ("unternehmer", "Der verstorbene Unternehmer lag im Sarg."),
    ("prägnant", "Ihr Vortrag war kurz und prägnant."),
    ("seriös", "Die Bank gilt als seriöses Unternehmen."),
    ("physiker", "Der Physiker wurde im Krankenhaus behandelt."),
    ("gymnasium", "Sie unterrichtet Latein an einem Gymnasium."),
    ("prospekt", "Er blätterte im Prospekt des Reisebüros."),
    ("provision", "Der Makler erhielt eine Provision von drei Prozent."),
    ("rezept", "Der Arzt stellte ihr ein Rezept aus."),
    ("sympathisch", "Die neue Kollegin ist sehr sympathisch."),
    ("dose", "Er öffnete eine Dose Tomaten."),
    ("stadium", "Die Krankheit war im frühen Stadium."),
    ("warenhaus", "Sie kaufte im Warenhaus ein Kleid."),
    ("hochschule", "Sie studiert an einer Hochschule in Köln."),
    ("realisieren", "Die Firma realisierte das Projekt in zwei Jahren."),
]


@pytest.mark.parametrize(("trigger", "text", "span", "fix"), FIRES)
def test_false_friend_fires(trigger: str, text: str, span: str, fix: str | None) -> None:
    found = [f for f in findings(text) if text[f.start : f.end] == span]
    assert found, f"{trigger}: {span!r} not flagged"
    if fix:
        assert fix in found[0].replacements


@pytest.mark.parametrize(("trigger", "text"), SILENT)
def test_false_friend_silent(trigger: str, text: str) -> None:
    assert spans(text) == []
    assert spans(text, "DE-SENSE-002") == []


def test_every_entry_is_tested() -> None:
    """Each trigger of the table has a firing and a silent test sentence."""
    triggers = {p["trigger"] for p in _patterns()}
    fired = {t for t, *_ in FIRES} | {t for t, *_ in LOOSE_FIRES}
    silent = {t for t, _ in SILENT}
    assert triggers <= fired, triggers - fired
    assert triggers <= silent, triggers - silent


def test_entries_name_their_sources() -> None:
    data = json_data("de/false_friends.json")
    for pattern in data["patterns"]:
        assert pattern["sources"], pattern["trigger"]
        assert set(pattern["sources"]) <= set(data["sources"]), pattern["trigger"]


def test_message_says_what_the_word_means() -> None:
    (finding,) = findings("Weil er krank bekam, blieb er zu Hause.")
    assert '"to receive"' in finding.message and '"to become"' in finding.message
    assert finding.severity == "major" and finding.category == "Accuracy/Mistranslation"


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("gewann", True),
        ("unterschrieb", True),
        ("spielte", True),
        ("wurde", True),
        ("war", True),
        ("gewinnt", False),
        ("käme", False),
        ("hält", False),
        ("kann", False),
        ("ist", False),
    ],
)
def test_is_preterite(form: str, expected: bool) -> None:
    assert is_preterite(form) is expected


# ------------------------------------------------------------------------- DE-SENSE-002

LOOSE_FIRES = [
    (
        "realisieren",
        "Erst später realisierte er, dass der Zug längst abgefahren war.",
        "realisierte",
    ),
    ("realisieren", "Sie realisierte nicht, wie spät es war.", "realisierte"),
    ("realisieren", "Wir realisieren jetzt, was passiert ist.", "realisieren"),
    ("also", "Der Hai frisst Fische, aber also Robben.", "also"),
    ("also", "Er gewann aber also den Titel.", "also"),
]


@pytest.mark.parametrize(("trigger", "text", "span"), LOOSE_FIRES)
def test_loose_false_friend_fires(trigger: str, text: str, span: str) -> None:
    assert span in spans(text, "DE-SENSE-002")
    assert span not in spans(text)  # the default check leaves these to DE-SENSE-002


@pytest.mark.parametrize(
    "text",
    [
        "Die Firma realisierte das Projekt in zwei Jahren.",
        "Er realisierte seinen Plan.",
        "Erst später begriff er, dass der Zug längst abgefahren war.",
        "Aber also gut, dann gehen wir.",
        "Der Hai frisst Fische, aber auch Robben.",
    ],
)
def test_loose_false_friend_silent(text: str) -> None:
    assert spans(text, "DE-SENSE-002") == []


def test_loose_check_is_off_by_default() -> None:
    ids = {c.id for c in select_checks()}
    assert "DE-SENSE-001" in ids and "DE-SENSE-002" not in ids
