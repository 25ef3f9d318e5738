"""DE-ORDER-* and DE-CLAUSE-*: verb position and cut clauses, on invented sentences, and the
clause analysis of :mod:`mtaudit.lang.german_clauses` they share."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.lang import german_clauses as gc
from mtaudit.lang.tagging import tag
from mtaudit.lang.tokens import tokens


def found(text: str, check_id: str) -> list[tuple[str, tuple[str, ...]]]:
    hits = run_on_text(text, "de", select_checks(select=[check_id]))
    return [(text[f.start : f.end], f.replacements) for f in hits if f.check_id == check_id]


def items(text: str):
    return gc.content(tag(tokens(text), "de"))


# ----------------------------------------------------------------------------- DE-ORDER-001


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Danach wir sind nach Hause gefahren.", "wir sind", "sind wir"),
        ("Am Montag der Rat hat den Haushalt beschlossen.", "der Rat hat", "hat der Rat"),
        ("Im Sommer die Bienen sammeln besonders viel Nektar.", "die Bienen sammeln", None),
        ("Trotzdem sie blieb bis zum Ende des Konzerts.", "sie blieb", "blieb sie"),
        ("Nach dem Spiel die Fans feierten auf dem Marktplatz.", "die Fans feierten", None),
        ("Letzte Woche die Bäckerei hat neue Brötchen eingeführt.", "die Bäckerei hat", None),
        ("Wegen des Sturms der Zug fuhr nicht.", "der Zug fuhr", "fuhr der Zug"),
        ("„Heute wir spielen im Park“, sagte das Kind.", "wir spielen", "spielen wir"),
    ],
)
def test_verb_second_fires(text: str, span: str, fix: str | None) -> None:
    hits = found(text, "DE-ORDER-001")
    assert [h[0] for h in hits] == [span]
    if fix:
        assert hits[0][1] == (fix,)


@pytest.mark.parametrize(
    "text",
    [
        "Danach sind wir nach Hause gefahren.",
        "Am Montag hat der Rat den Haushalt beschlossen.",
        "Auch wir sind mit dem Rad gekommen.",
        "Aber die Kinder wollten noch nicht schlafen.",
        "Fast alle Gäste blieben bis Mitternacht.",
        "Deshalb, so die Ministerin, sei das Gesetz nötig.",
        "Warum die Katze das tut, weiß niemand.",
        "Über 200 Menschen besuchten die Ausstellung.",
        "Seitdem er hier wohnt, ist die Straße ruhiger.",
        "Heute im Programm: Konzerte und Lesungen",
        "Wann wir fahren?",
    ],
)
def test_verb_second_is_silent(text: str) -> None:
    assert found(text, "DE-ORDER-001") == []


# ----------------------------------------------------------------------------- DE-ORDER-002


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Nachdem der Regen aufgehört hatte, die Kinder gingen wieder hinaus.",
            "die Kinder gingen",
        ),
        ("Als die Glocke läutete, wir verließen den Saal.", "wir verließen"),
        ("Weil der Zug Verspätung hatte, ich kam zu spät zur Arbeit.", "ich kam"),
        ("Obwohl es kalt war, die Läufer trugen kurze Hosen.", "die Läufer trugen"),
        ("Wenn die Sonne scheint, wir essen im Garten.", "wir essen"),
    ],
)
def test_verb_second_after_clause_fires(text: str, span: str) -> None:
    hits = found(text, "DE-ORDER-002")
    assert [h[0] for h in hits] == [span]


@pytest.mark.parametrize(
    "text",
    [
        "Nachdem der Regen aufgehört hatte, gingen die Kinder wieder hinaus.",
        "Ob er kommt, das weiß niemand.",
        "Wenn die Sonne scheint, dann essen wir im Garten.",
        "Als die Glocke läutete, verließen wir den Saal.",
        "Wenn die Tage kürzer werden, die Vögel fortziehen, beginnt der Herbst.",
        "Weil es regnete, blieb die Bibliothek voll.",
    ],
)
def test_verb_second_after_clause_is_silent(text: str) -> None:
    assert found(text, "DE-ORDER-002") == []


# ------------------------------------------------------------------------ DE-ORDER-003/004


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Sie blieb zu Hause, weil sie hatte keine Zeit.", "hatte keine Zeit", "keine Zeit hatte"),
        ("Er glaubt, dass die Brücke ist zu schmal.", "ist zu schmal", "zu schmal ist"),
        ("Der Koch, der kocht seit zwanzig Jahren hier, geht in Rente.", None, None),
        (
            "Die Stadt baute einen Damm, der schützte die Felder vor Hochwasser.",
            "schützte die Felder vor Hochwasser",
            "die Felder vor Hochwasser schützte",
        ),
        ("Wir wissen nicht, ob der Laden hat morgen geöffnet.", None, None),
        ("Sie fragte, wann kommt der Bus an.", "kommt der Bus an", "der Bus ankommt"),
        ("Er lachte, weil der Hund kam mit einem Schuh an.", "kam mit einem Schuh an", None),
        ("Obwohl er hatte das Rezept gelesen, misslang der Kuchen.", None, None),
    ],
)
def test_verb_final_fires(text: str, span: str | None, fix: str | None) -> None:
    hits = found(text, "DE-ORDER-003")
    assert len(hits) == 1
    if span:
        assert hits[0][0] == span
    if fix:
        assert hits[0][1] == (fix,)


def test_verb_final_moves_particle_and_verbs() -> None:
    assert found("Er lachte, weil der Hund kam gestern an.", "DE-ORDER-003")[0][1] == (
        "gestern ankam",
    )
    assert found("Sie wusste, dass er hat das Buch gelesen.", "DE-ORDER-003")[0][1] == (
        "das Buch gelesen hat",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Sie blieb zu Hause, weil sie keine Zeit hatte.",
        "Obwohl er es hätte wissen müssen, schwieg er.",
        "Er verdient mehr, weil er länger arbeitet als sie.",
        "Klar war, dass er kam und sie ging.",
        "Sie fragte, ob er mitkommt oder nicht.",
        "Während dieser Zeit stritt der Verein mit der Stadt.",
        "Seit dem Umbau hat die Halle mehr Plätze.",
        "Der Park, den wir gestern besucht haben, ist riesig.",
        "Es regnete, das heißt, das Fest fiel aus.",
        "Sie hofft, dass sie morgen anfangen kann zu malen.",
    ],
)
def test_verb_final_is_silent(text: str) -> None:
    assert found(text, "DE-ORDER-003") == []
    assert found(text, "DE-ORDER-004") == []


@pytest.mark.parametrize(
    "text",
    [
        "Das Museum zeigt Bilder, die der Stadt gab ein reicher Sammler.",
        "Es gab Ärger, weil im Sommer fiel der Regen aus.",
        "Er kaufte Äpfel, die seine Tochter mochte besonders gern.",
        "Sie erzählte, dass ihr Bruder damals wohnte in Wien.",
        "Der Förster, dem die Kinder zeigten den Weg, bedankte sich.",
    ],
)
def test_verb_final_loose_fires(text: str) -> None:
    assert len(found(text, "DE-ORDER-004")) == 1


# ---------------------------------------------------------------------------- DE-CLAUSE-001


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Der Bericht, den die Kommission am Freitag.", "den die Kommission am Freitag"),
        ("Viele Familien, die seit Jahren in der Stadt.", "die seit Jahren in der Stadt"),
        ("Er sagte, dass die Regierung die Steuern.", "dass die Regierung die Steuern"),
        ("Der Hund, der im Garten, bellte laut.", "der im Garten"),
        ("Sie ging früh, weil sie am nächsten Morgen.", "weil sie am nächsten Morgen"),
        ("Die Schüler, denen der Lehrer die Aufgabe, lachten.", "denen der Lehrer die Aufgabe"),
        ("Wir warteten, bis der Bus.", "bis der Bus"),
    ],
)
def test_verbless_subclause_fires(text: str, span: str) -> None:
    assert [h[0] for h in found(text, "DE-CLAUSE-001")] == [span]


@pytest.mark.parametrize(
    "text",
    [
        "Der Bericht, den die Kommission am Freitag vorgelegt hat, ist lang.",
        "Wenn möglich, kommen wir schon am Vormittag.",
        "Obwohl erst 17 Jahre alt, gewann sie das Turnier.",
        "Sie ist älter als die meisten anderen Spieler.",
        "Dass der Mann, den wir trafen, krank ist, wussten wir nicht.",
        "Die Firma verkauft Tische, Stühle, die Lampen und Regale.",
        "Am Freitag, dem 7. Mai, öffnete das Bad.",
        "Der Fluss bewässert viele Felder, die meisten davon im Süden.",
        "Warum er das tat, weiß niemand?",
        "Das Haus, in dem sie wohnt, steht am Fluss.",
    ],
)
def test_verbless_subclause_is_silent(text: str) -> None:
    assert found(text, "DE-CLAUSE-001") == []


# ---------------------------------------------------------------------------- DE-CLAUSE-002


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Der Minister sprach lange mit der.", "der"),
        ("Die Firma baut Häuser und.", "und"),
        ("Die Wanderer erreichten am Abend den.", "den"),
        ("Sie kaufte einen Schrank für.", "für"),
        ("Die Forscher zeigten, dass.", "dass"),
        ("Das Boot fuhr langsam durch die Bucht zum.", "zum"),
    ],
)
def test_dangling_end_fires(text: str, span: str) -> None:
    assert [h[0] for h in found(text, "DE-CLAUSE-002")] == [span]


@pytest.mark.parametrize(
    "text",
    [
        "Der Minister sprach lange mit der Presse.",
        "Der Zug kam pünktlich an.",
        "Sie fiel über einen Stein und stand wieder auf.",
        "Das Fest findet im Mai statt.",
        "Meiner Meinung nach.",
        "Sie reichte die Beschwerde gegen den Vermieter ein.",
        "Er nahm die Kinder mit.",
        "Neue Regeln für alle Händler und",
    ],
)
def test_dangling_end_is_silent(text: str) -> None:
    assert found(text, "DE-CLAUSE-002") == []


# ------------------------------------------------------------------------- lang helpers


def test_segments_name_their_openers() -> None:
    it = items("Er sagte, dass der Mann, den wir trafen, krank ist.")
    kinds = [s.kind for s in gc.segments(it)]
    assert kinds == ["main", "sub", "rel", "rest"]
    first = gc.segments(it)[1]
    assert it[first.first].text == "dass"


def test_segments_split_at_subordinator_without_comma() -> None:
    it = items("Er wusste dass sie kommt.")
    segs = gc.segments(it)
    assert [s.kind for s in segs] == ["main", "sub"]


def test_subject_end_checks_case() -> None:
    it = items("Der Rat der Stadt hat getagt.")
    assert it[gc.subject_end(it, 0, len(it))].text == "hat"  # genitive attribute included
    it = items("dem Haus der Woche")
    assert gc.subject_end(it, 0, len(it)) is None  # dative
    it = items("wir gehen")
    assert gc.subject_end(it, 0, len(it)) == 1


def test_vorfeld_end() -> None:
    it = items("Nach dem Tod des Königs teilten die Söhne das Reich.")
    assert it[gc.vorfeld_end(it, 0, len(it))].text == "teilten"
    it = items("Auch wir gingen.")
    assert gc.vorfeld_end(it, 0, len(it)) is None  # a focus particle belongs to the subject
    it = items("Zwei Tage später kam er.")
    assert it[gc.vorfeld_end(it, 0, len(it))].text == "kam"


def test_v2_break_and_verb_not_last() -> None:
    it = items("Danach wir sind gegangen.")
    found_v2 = gc.v2_break(it)
    assert found_v2 is not None and it[found_v2.verb].text == "sind"
    assert gc.v2_break(items("Danach sind wir gegangen.")) is None
    it = items("Sie weiß, dass er ist krank.")
    late = [gc.verb_not_last(it, s) for s in gc.segments(it)]
    hit = next(x for x in late if x)
    assert it[hit.verb].text == "ist" and it[hit.tail[0]].text == "krank"


def test_verbless_clauses_and_dangling_end() -> None:
    it = items("Der Bericht, den die Kommission am Freitag.")
    (hit,) = gc.verbless_clauses(it)
    assert not hit.resumed and it[hit.last].text == "Freitag"
    it = items("Edgar, der nach dem Sturm in der Heide, trifft Lear.")
    (hit,) = gc.verbless_clauses(it)
    assert hit.resumed
    it = items("Sie sprach mit der.")
    assert it[gc.dangling_end(it)].text == "der"
    assert gc.dangling_end(items("Er kam an.")) is None
