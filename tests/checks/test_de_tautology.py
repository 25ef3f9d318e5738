"""DE-TAUT-*: a word family repeated within one clause."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.checks.de_tautology import family


def spans(text: str, check_id: str) -> list[str]:
    found = run_on_text(text, "de", select_checks(select=[check_id]))
    return [text[f.start : f.end] for f in found if f.check_id == check_id]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Diskussion", "diskutieren"),
        ("Entscheidung", "entscheiden"),
        ("Investition", "investieren"),
        ("Unterstützung", "unterstützen"),
        ("Verhandlung", "verhandeln"),
        ("Erklärung", "erklären"),
    ],
)
def test_families_join_noun_and_verb(a: str, b: str) -> None:
    assert family(a) & family(b)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Der Stadtrat traf sich, um die Planung des Parks zu planen.",
            "Planung des Parks zu planen",
        ),
        (
            "Die Entscheidung wurde nach langem Zögern entschieden.",
            "Entscheidung wurde nach langem Zögern entschieden",
        ),
        ("Der Konzern investiert die Investitionen in neue Werke.", "investiert die Investitionen"),
        ("Die Verhandlungen wurden in Genf verhandelt.", "Verhandlungen wurden in Genf verhandelt"),
        ("Die Forscher erklärten ihre Erklärung vor der Presse.", "erklärten ihre Erklärung"),
    ],
)
def test_stem_repetition_fires(text: str, span: str) -> None:
    assert span in spans(text, "DE-TAUT-001")


@pytest.mark.parametrize(
    "text",
    [
        "Der Stadtrat traf sich, um über den Park zu diskutieren.",
        "Die Firma wuchs Schritt für Schritt.",
        "Von Tag zu Tag stieg der Pegel.",
        "Sie bestand aus fünf spanischen Zivilisten und fünf spanischen Mönchen.",
        "Die Antwort auf ihre Frage kam schnell, und sie stellte gleich eine neue Frage.",
    ],
)
def test_stem_repetition_clean_is_silent(text: str) -> None:
    assert spans(text, "DE-TAUT-001") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Das Land braucht Hilfe und finanzielle Hilfe für die Bauern.",
            "Hilfe und finanzielle Hilfe",
        ),
        (
            "Die Stadt bietet Beratung und rechtliche Beratung an.",
            "Beratung und rechtliche Beratung",
        ),
        ("Es gab Kritik oder scharfe Kritik aus allen Lagern.", "Kritik oder scharfe Kritik"),
        ("Wir fordern Schutz sowie besseren Schutz für Kinder.", "Schutz sowie besseren Schutz"),
        (
            "Der Verein sammelt Spenden und die privaten Spenden der Mitglieder.",
            "Spenden und die privaten Spenden",
        ),
    ],
)
def test_coordinated_repetition_fires(text: str, span: str) -> None:
    assert span in spans(text, "DE-TAUT-002")


@pytest.mark.parametrize(
    "text",
    [
        "Das Land braucht Hilfe, vor allem finanzielle Hilfe, für die Bauern.",
        "Weitere Formen sind rhombischer Schwefel und monokliner Schwefel.",
        "Die Stadt bietet Beratung und rechtliche Hilfe an.",
        "Es gab Kritik und Lob aus allen Lagern.",
        "Kinder und junge Erwachsene zahlen weniger.",
    ],
)
def test_coordinated_repetition_clean_is_silent(text: str) -> None:
    assert spans(text, "DE-TAUT-002") == []
