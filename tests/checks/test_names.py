"""Name romanisation (rules + word frequency) and foreign courtesy titles."""

import pytest

from mtaudit.checks import run_on_text, select_checks
from mtaudit.checks.names import respellings

CASES = [
    (
        "NAME-TRANSLIT-001",
        "de",
        "Der Schriftsteller Dostoevsky lebte lange in Sankt Petersburg.",
        "Dostoevsky",
        "Dostojewski",
    ),
    (
        "NAME-TRANSLIT-001",
        "de",
        "Der Ölmagnat Khodorkovsky verbrachte Jahre in Haft.",
        "Khodorkovsky",
        "Chodorkowski",
    ),
    (
        "NAME-TRANSLIT-001",
        "de",
        "Unter Gorbachev begann die Perestroika.",
        "Gorbachev",
        "Gorbatschow",
    ),
    (
        "NAME-TRANSLIT-001",
        "de",
        "Die Stadt Kharkiv liegt im Osten des Landes.",
        "Kharkiv",
        "Charkiw",
    ),
    (
        "NAME-TRANSLIT-001",
        "de",
        "Der Oppositionelle Navalny wurde erneut verurteilt.",
        "Navalny",
        "Nawalny",
    ),
    (
        "NAME-TRANSLIT-002",
        "en",
        "The novelist Dostojewski wrote about gambling.",
        "Dostojewski",
        "Dostoyevsky",
    ),
    (
        "NAME-TRANSLIT-002",
        "en",
        "Oil tycoon Chodorkowski spent ten years in prison.",
        "Chodorkowski",
        "Khodorkovsky",
    ),
    ("NAME-TRANSLIT-002", "en", "Perestroika began under Gorbatschow.", "Gorbatschow", "Gorbachev"),
    (
        "NAME-TRANSLIT-002",
        "en",
        "Shelling hit the city of Charkiw overnight.",
        "Charkiw",
        "Kharkiv",
    ),
    (
        "NAME-TRANSLIT-002",
        "en",
        "The opposition leader Nawalny was sentenced again.",
        "Nawalny",
        "Navalny",
    ),
    ("NAME-TITLE-001", "en", "Herr Schmidt opened the meeting at nine.", "Herr Schmidt", "Mr"),
    ("NAME-TITLE-001", "en", "The award went to Frau Keller from Zurich.", "Frau Keller", "Ms"),
    ("NAME-TITLE-001", "en", "According to M. Girard, the harvest was poor.", "M. Girard", "Mr"),
    ("NAME-TITLE-001", "en", "Mme Leclerc declined to comment.", "Mme Leclerc", "Mrs"),
    ("NAME-TITLE-001", "en", "The statement by Hr. Brandt was read aloud.", "Hr. Brandt", "Mr"),
]
NEGATIVES = [
    ("NAME-TRANSLIT-001", "de", "Der Schriftsteller Dostojewski lebte in Sankt Petersburg."),
    ("NAME-TRANSLIT-001", "de", "Der Angler Fisher fing einen großen Hecht."),
    ("NAME-TRANSLIT-001", "de", "Steve Jobs stellte das Gerät in Kalifornien vor."),
    ("NAME-TRANSLIT-001", "de", "Die Firma Volvo baut Lastwagen in Schweden."),
    ("NAME-TRANSLIT-001", "de", "Unter Gorbatschow begann die Perestroika."),
    ("NAME-TRANSLIT-002", "en", "The novelist Dostoevsky wrote about gambling."),
    ("NAME-TRANSLIT-002", "en", "Wilhelm Busch drew comic strips in Hanover."),
    ("NAME-TRANSLIT-002", "en", "Wolfgang Schmidt joined the orchestra in Warsaw."),
    ("NAME-TRANSLIT-002", "en", "Johann Fischer married in Munich."),
    ("NAME-TRANSLIT-002", "en", "Perestroika began under Gorbachev."),
    ("NAME-TITLE-001", "en", "John M. Keller founded the company."),
    ("NAME-TITLE-001", "en", "M. Night Shyamalan directed the film."),
    ("NAME-TITLE-001", "en", "Mr Schmidt opened the meeting at nine."),
    ("NAME-TITLE-001", "de", "Laut Herrn Hughes ist der Vertrag ungültig."),
    ("NAME-TITLE-001", "de", "Frau Keller eröffnete die Sitzung."),
    # English titles in German are quoted on purpose; the check is English-only.
    ("NAME-TITLE-001", "de", "Laut Mr. Hughes ist der Vertrag ungültig."),
]


@pytest.mark.parametrize(("check_id", "lang", "text", "words", "suggestion"), CASES)
def test_fires_on_foreign_spelling(check_id, lang, text, words, suggestion):
    found = [
        f for f in run_on_text(text, lang, select_checks(select=["NAME"])) if f.check_id == check_id
    ]
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == words
    assert words in found[0].message
    assert suggestion in found[0].message


@pytest.mark.parametrize(("check_id", "lang", "text"), NEGATIVES)
def test_quiet_on_native_spelling(check_id, lang, text):
    assert not run_on_text(text, lang, select_checks(select=[check_id]))


def test_rules_generate_both_directions():
    assert "tschechow" in respellings("Chekhov", "en2de")
    assert "nawalny" in respellings("Navalny", "en2de")
    assert "chekhov" in respellings("Tschechow", "de2en")
    assert "Chekhov".lower() not in respellings("Chekhov", "en2de")


WIDER = [
    ("de", "Der Emir von Qatar besuchte Berlin.", "Qatar", "Katar"),
    ("de", "Im Yemen herrscht seit Jahren Krieg.", "Yemen", "Jemen"),
    ("de", "Der Komponist Tchaikovsky starb 1893.", "Tchaikovsky", "Tschaikowsky"),
    ("de", "Medvedevs Rede wurde live übertragen.", "Medvedevs", "Medwedews"),
    ("de", "Der Politiker Khrushchev drohte dem Westen.", "Khrushchev", "Chruschtschow"),
    ("de", "Die Regierung in Kiev protestierte.", "Kiev", "Kiew"),
    ("en", "The emir of Katar visited Berlin.", "Katar", "Qatar"),
    ("en", "The war in Irak lasted for years.", "Irak", "Iraq"),
    ("en", "The pilgrims travelled to Dschidda by boat.", "Dschidda", "Jidda"),
    ("en", "Jangtze floods hit the province again.", "Jangtze", "Yangtze"),
    ("en", "The government in Kiew protested.", "Kiew", "Kiev"),
]


@pytest.mark.parametrize(("lang", "text", "word", "spelling"), WIDER)
def test_wider_romanisation_rules(lang, text, word, spelling):
    """Arabic rules, genitive -s, "tch", names unknown in both languages; each finding
    offers the target spelling and is strong enough to put the sentence up for review."""
    from mtaudit.scoring import sentence_risk
    from mtaudit.settings import DEFAULT_SETTINGS

    found = run_on_text(text, lang, select_checks(select=["NAME-TRANSLIT"]))
    assert [text[f.start : f.end] for f in found] == [word]
    assert found[0].replacements == (spelling,)
    assert sentence_risk(found) >= DEFAULT_SETTINGS.thresholds.review


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Die Stadt Nitra liegt in der Slowakei."),
        ("de", "Der Sänger Billy Joel trat in Köln auf."),
        ("de", "Hindus und Sikhs leben in der Region."),
        ("de", "Die Firma Yahoo wurde verkauft."),
        ("de", "Präsident Rafiq Tarar empfing den Gast."),
        ("en", "The Khan family moved to London."),
        ("en", "He studied in Kassel and Kiel."),
        ("en", "Johann Sebastian Bach wrote cantatas."),
    ],
)
def test_wider_rules_stay_quiet_on_native_spellings(lang, text):
    assert not run_on_text(text, lang, select_checks(select=["NAME-TRANSLIT"]))
