"""LANG-MIX-* checks on invented sentences (none from the seeds)."""

import pytest

from mtaudit.checks import DocumentView, SentenceView, run_on_document, run_on_text, select_checks


def _spans(text, lang, check_id):
    return [
        text[f.start : f.end]
        for f in run_on_text(text, lang, select_checks(select=[check_id]))
        if f.check_id == check_id
    ]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Die Rede war ein Haufen Gibberish, sagte der Kritiker.", "Gibberish"),
        ("Das neue Stadion ist ein echter Gamechanger für den Verein.", "Gamechanger"),
        ("Der Bus kam spät, however niemand beschwerte sich.", "however"),
        ("Sie sprach mit vielen people auf dem Markt.", "people"),
        ("Wir danken allen Helfern, thanks für die Geduld.", "thanks"),
    ],
)
def test_english_in_german_fires(text, word):
    assert _spans(text, "de", "LANG-MIX-001") == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Das Team traf sich online zum Meeting über die neue Software.",
        "Der Computer im Büro braucht ein Update.",
        "Der Film „Breaking Bad“ lief gestern im Fernsehen.",
        "Der Trainer sprach mit Tim Cook über das Wochenende.",
        "Die Band spielte am Wochenende im Club.",
    ],
)
def test_english_in_german_quiet(text):
    assert _spans(text, "de", "LANG-MIX-001") == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Regierung said it would raise taxes.", "Regierung"),
        ("The harvest was nicht as good as last year.", "nicht"),
        ("She bought bread und cheese at the market.", "und"),
        ("The bridge wurde closed for repairs.", "wurde"),
        ("The museum is sehr popular with tourists.", "sehr"),
    ],
)
def test_german_in_english_fires(text, word):
    assert _spans(text, "en", "LANG-MIX-002") == [word]


@pytest.mark.parametrize(
    "text",
    [
        "The Bundestag debated the new budget.",
        "Her daughter started kindergarten in the autumn.",
        "The poet Otto von Bismarck never existed.",
        "He felt a deep angst about the future.",
        "The newspaper “Die Zeit” published the letter.",
    ],
)
def test_german_in_english_quiet(text):
    assert _spans(text, "en", "LANG-MIX-002") == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Die Band sagte das Konzert ab, die Fans waren SHOCKED und enttäuscht.", "SHOCKED"),
        ("Sie kauften Brot and Butter auf dem Markt.", "and"),
        ("Die Polizei fand die Tasche, nevertheless blieb der Fall ungelöst.", "nevertheless"),
        ("Er legte den Gegner in einen Headlock und gewann.", "Headlock"),
    ],
)
def test_shouting_and_stray_connectors_still_fire(text, word):
    """Long all-caps words are shouting, not acronyms; "and" between German nouns is English."""
    assert _spans(text, "de", "LANG-MIX-001") == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Die WHO warnte vor einer neuen Welle.",
        "Nach zwei Lockdowns öffnen die Geschäfte wieder.",
        "Die Wirkung des Gifts setzte nach einer Stunde ein.",
        "Die Familie wohnt seit Jahren in Merseyside.",
        "Sie spendeten an den Fund for Rural Education and Health.",
        "Die Serie Keeping Up With The Neighbours läuft weiter.",
        "Der Sänger trat im Jack In The Box auf.",
    ],
)
def test_acronyms_loanwords_genitives_places_and_titles_quiet(text):
    assert _spans(text, "de", "LANG-MIX-001") == []


def _bilingual(source, text):
    sent = SentenceView(text=text, lang="de", source=source)
    doc = DocumentView("t", "de", [sent], text)
    return [text[f.start : f.end] for f in run_on_document(doc, select_checks(["LANG-MIX-001"]))[0]]


def test_names_the_source_capitalises_are_left_alone():
    target = "Der Bürgermeister von Hollow Creek sprach zuerst."
    assert _bilingual("The mayor of Hollow Creek spoke first.", target) == []
    assert _bilingual("She put him in a headlock.", "Sie nahm ihn in einen Headlock.") == [
        "Headlock"
    ]


@pytest.mark.parametrize(
    ("text", "word", "german"),
    [
        ("Die Stadt plant ein neues building am Hafen.", "building", "Gebäude"),
        ("Der Bericht nennt die wichtigsten Decisions des Jahres.", "Decisions", None),
        ("Im Dorf steht eine alte Church aus Stein.", "Church", "Kirche"),
        ("Sie sprach mit dem lawyer über den Vertrag.", "lawyer", "Anwalt"),
        ("Die Firma zahlte eine hohe Tax an den Staat.", "Tax", "Steuer"),
        ("Der Minister traf die Researchers am Montag.", "Researchers", "Forscher"),
    ],
)
def test_english_noun_in_german_phrase_fires(text, word, german):
    found = [
        f
        for f in run_on_text(text, "de", select_checks(select=["LANG-MIX-001", "LANG-MIX-003"]))
        if text[f.start : f.end] == word
    ]
    assert len(found) == 1
    if german:
        assert german in found[0].replacements


@pytest.mark.parametrize(
    "text",
    [
        "Das Team spielte einen neuen Song im Club.",
        "Der Supreme Court tagte am Montag.",
        "Die Lakers gewannen das Spiel knapp.",
        "Der Film „Mystic River“ lief im Kino.",
        "Die Stadt plant ein neues Gebäude am Hafen.",
        "Er kaufte ein Ticket für das Konzert.",
    ],
)
def test_english_noun_in_german_phrase_quiet(text):
    assert _spans(text, "de", "LANG-MIX-003") == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Am Ende gewann das Team das Game mit zwei Toren.", "Game"),
        ("Nach 21 days kehrte sie zurück.", "days"),
        ("Wir tranken einen heißen Coffee.", "Coffee"),
        ("Sie wohnten in einem kleinen House am See.", "House"),
        ("Das Fire brannte die ganze Nacht.", "Fire"),
    ],
)
def test_loose_variant_fires(text, word):
    assert word in _spans(text, "de", "LANG-MIX-004")


@pytest.mark.parametrize(
    "text",
    [
        "Am Ende gewann das Team das Spiel mit zwei Toren.",
        "Nach 21 Tagen kehrte sie zurück.",
        "Das Team spielte einen neuen Song im Club.",
        "Die Stadt plant ein neues building am Hafen.",  # LANG-MIX-003 reports it
        "Er sprach über die Bevölkerung der Stadt.",
    ],
)
def test_loose_variant_quiet(text):
    assert _spans(text, "de", "LANG-MIX-004") == []


def test_lang_mix_001_offers_a_german_noun():
    found = run_on_text("Die Researchers kamen spät.", "de", select_checks(["LANG-MIX-001"]))
    assert found and "Forscher" in found[0].replacements
