"""CONSIST-NAME-001 on invented documents (none from the seeds)."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.checks.consistency import normalise


def _spans(sents, lang):
    joined = " ".join(sents)
    found = run_on_text(sents, lang, select_checks(select=["CONSIST-NAME-001"]))
    return [joined[f.start : f.end] for f in found]


@pytest.mark.parametrize(
    ("sents", "lang", "minor"),
    [
        (
            [
                "Tschaikowski schrieb das Ballett.",
                "Tschaikowski dirigierte.",
                "Tchaikovsky war stolz.",
            ],
            "de",
            "Tchaikovsky",
        ),
        (
            ["Gorbachev met the press.", "Later Gorbachev left.", "Gorbatschow returned in May."],
            "en",
            "Gorbatschow",
        ),
        (["Khrushchev spoke first.", "Then Khrushchov answered questions."], "en", "Khrushchov"),
        (
            ["Nawalny reiste nach Genf.", "Dort traf Nawalny seinen Anwalt.", "Navalny lächelte."],
            "de",
            "Navalny",
        ),
        (
            ["Rachmaninoff wrote at night.", "Rachmaninoff slept late.", "Rachmaninow was poor."],
            "en",
            "Rachmaninow",
        ),
    ],
)
def test_two_spellings_fire(sents, lang, minor):
    assert _spans(sents, lang) == [minor]


@pytest.mark.parametrize(
    ("sents", "lang"),
    [
        (["Merkel sprach.", "Merkels Rede war kurz."], "de"),
        (["Stefan kam spät.", "Stephan kam früh."], "de"),
        (["Hans hob die Hand.", "Die Hand war kalt."], "de"),
        (["Russland liefert Gas.", "Russlands Gas ist teuer."], "de"),
        (["Daniel met Daniela.", "Daniela thanked Daniel."], "en"),
    ],
)
def test_distinct_or_inflected_quiet(sents, lang):
    assert _spans(sents, lang) == []


def test_normalise_bridges_transliterations():
    assert normalise("Tschaikowski") == normalise("Tchaikovsky")
    assert normalise("Nawalny") == normalise("Navalny")


@pytest.mark.parametrize(
    ("sents", "lang", "minor"),
    [
        (["Mahmoud sprach zuerst.", "Danach lachte Mahmoud.", "Mahmud ging früh."], "de", "Mahmud"),
        (["Borowski gewann.", "Borowski jubelte.", "Borovsky blieb bescheiden."], "de", "Borovsky"),
        (
            ["Jaroslaw kam an.", "Jaroslaw packte aus.", "Yaroslav ruhte sich aus."],
            "de",
            "Yaroslav",
        ),
        (["Rosenberg unterschrieb.", "Rosenberg lachte.", "Rosenburg ging."], "de", "Rosenburg"),
    ],
)
def test_names_that_are_no_common_nouns_fire(sents, lang, minor):
    """Names stay in scope, also those ending like a short noun ("-berg")."""
    assert _spans(sents, lang) == [minor]


@pytest.mark.parametrize(
    ("sents", "lang"),
    [
        (["Die Ministerin traf ihre Amtskollegin.", "Danach sprachen die Amtskollegen."], "de"),
        (["Das Gepäck des Passagiers fehlte.", "Die Passagiere warteten."], "de"),
        (["Der Steuerbeamte kam.", "Ein Steuerbeamter prüfte die Akten."], "de"),
        (["Die Gefängnisse sind voll.", "Das Gefängnis ist alt."], "de"),
        (["Die Organisation half.", "Die Organization war neu."], "de"),
        (["The Ferryman sang.", "Every ferryman knows it.", "Later the Ferrymen rested."], "en"),
    ],
)
def test_common_nouns_and_their_forms_quiet(sents, lang):
    assert _spans(sents, lang) == []
