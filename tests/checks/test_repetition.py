"""REP-* checks on invented sentences (none from the seeds)."""

import pytest

from mtaudit.checks import run_on_text, select_checks


def _hits(text, lang, check_id):
    return [
        f
        for f in run_on_text(text, lang, select_checks(select=[check_id]))
        if f.check_id == check_id
    ]


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("The committee approved the the budget on Friday.", "en", "the the"),
        ("Die Bauern ernteten ernteten den Weizen früh.", "de", "ernteten ernteten"),
        ("Die die Regierung hat neue Regeln erlassen.", "de", "Die die"),
        ("She painted the fence in in two days.", "en", "in in"),
        ("Das Museum öffnet am am Sonntag wieder.", "de", "am am"),
    ],
)
def test_doubled_word_fires(text, lang, words):
    hits = _hits(text, lang, "REP-001")
    assert [text[f.start : f.end] for f in hits] == [words]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Leute, die die Regeln machen, sitzen in Brüssel.", "de"),
        ("Er glaubt, dass das das beste Angebot ist.", "de"),
        ("What he had had for lunch was unclear.", "en"),
        ("Wenn sie sie sieht, lächelt sie.", "de"),
        ("The orchestra played the overture twice.", "en"),
    ],
)
def test_doubled_word_quiet(text, lang):
    assert not _hits(text, lang, "REP-001")


@pytest.mark.parametrize(
    ("text", "lang", "phrase"),
    [
        (
            "The new tariffs hurt farmers badly, and the new tariffs hurt farmers.",
            "en",
            "new tariffs hurt farmers",
        ),
        (
            "Rising sea levels threaten coastal towns while rising sea levels threaten "
            "coastal towns.",
            "en",
            "rising sea levels threaten coastal towns",
        ),
        (
            "Die hohen Mieten belasten junge Familien, und die hohen Mieten belasten "
            "junge Familien.",
            "de",
            "hohen Mieten belasten junge Familien",
        ),
        (
            "Der alte Leuchtturm am Hafen steht, weil der alte Leuchtturm am Hafen bleibt.",
            "de",
            "alte Leuchtturm am Hafen",
        ),
        (
            "Solar panels cover the roof because solar panels cover the roof cheaply.",
            "en",
            "solar panels cover the roof",
        ),
    ],
)
def test_repeated_phrase_fires(text, lang, phrase):
    hits = _hits(text, lang, "REP-002")
    assert hits and phrase.lower() in text[hits[0].start : hits[0].end].lower()
    assert hits[0].start > text.lower().index(phrase.lower().split()[0])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The first train left at six and the second train left at seven.", "en"),
        ("Die Stadt baut eine Brücke, und das Land baut eine Straße.", "de"),
        ("One by one, the guests arrived at the old villa.", "en"),
        ("Der Zug fährt von Hamburg nach Berlin und zurück.", "de"),
        ("Prices rose in March and fell again in April.", "en"),
    ],
)
def test_repeated_phrase_quiet(text, lang):
    assert not _hits(text, lang, "REP-002")


@pytest.mark.parametrize(
    ("text", "lang", "phrase"),
    [
        (
            "The Mayor of Lyon has criticised the Mayor of Lyon for the delay.",
            "en",
            "Mayor of Lyon",
        ),
        ("The Governor of Texas praised the Governor of Texas.", "en", "Governor of Texas"),
        (
            "Der Bürgermeister von Lyon kritisierte den Bürgermeister von Lyon scharf.",
            "de",
            "Bürgermeister von Lyon",
        ),
        (
            "Die Ministerin für Verkehr lobte die Ministerin für Verkehr.",
            "de",
            "Ministerin für Verkehr",
        ),
        ("The chief executive thanked the chief executive warmly.", "en", "chief executive"),
    ],
)
def test_circular_fires(text, lang, phrase):
    hits = _hits(text, lang, "REP-003")
    assert len(hits) == 1
    assert phrase in text[hits[0].start : hits[0].end]
    assert hits[0].start > text.index(phrase)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Mayor of Lyon has criticised the regional council for the delay.", "en"),
        ("The Governor of Texas met the Governor of Ohio.", "en"),
        ("Der Bürgermeister von Lyon traf den Präfekten.", "de"),
        ("The chief executive resigned, and a new chief executive was named.", "en"),
        ("Die Ministerin sprach mit dem Minister.", "de"),
    ],
)
def test_circular_quiet(text, lang):
    assert not _hits(text, lang, "REP-003")


@pytest.mark.parametrize(
    ("text", "lang", "loop"),
    [
        ("Prices went up and up and up and up.", "en", "up and up and up"),
        ("The the the report was late.", "en", "The the the"),
        (
            "Es regnete und so weiter und so weiter und so weiter.",
            "de",
            "und so weiter und so weiter und so weiter",
        ),
        ("Wir müssen müssen müssen handeln.", "de", "müssen müssen müssen"),
        ("The bells rang again again again at noon.", "en", "again again again"),
    ],
)
def test_loop_fires(text, lang, loop):
    hits = _hits(text, lang, "REP-004")
    assert len(hits) == 1 and loop in text[hits[0].start : hits[0].end]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Prices went up and up all year.", "en"),
        ("The the report was late.", "en"),
        ("Sie lief schneller und schneller.", "de"),
        ("Room 101 is on floor 1, 1, 1 of the plan.", "en"),
        ("Wir müssen jetzt handeln.", "de"),
    ],
)
def test_loop_quiet(text, lang):
    assert not _hits(text, lang, "REP-004")
