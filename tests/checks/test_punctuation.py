"""PUNCT-* checks on invented sentences (none from the seeds)."""

import pytest

from mtaudit.checks import run_on_text, select_checks


def _spans(text, lang, check_id):
    joined = text if isinstance(text, str) else " ".join(text)
    return [
        joined[f.start : f.end]
        for f in run_on_text(text, lang, select_checks(select=[check_id]))
        if f.check_id == check_id
    ]


CASES = {
    "PUNCT-001": (
        [
            ("Die EU -Kommission legte einen Entwurf vor.", "de", "EU -Kommission"),
            ("Der US -Botschafter reiste ab.", "de", "US -Botschafter"),
            ("The pro -government rally was small.", "en", "pro -government"),
            ("Die Nato -Staaten tagten in Oslo.", "de", "Nato -Staaten"),
            ("A self -driving bus crashed.", "en", "self -driving"),
        ],
        [
            ("Die EU-Kommission legte einen Entwurf vor.", "de"),
            ("Haupt- und Nebensaison sind teuer.", "de"),
            ("It was cold - very cold - all night.", "en"),
            ("Temperatures fell to -5 degrees.", "en"),
            ("Der Preis – so hieß es – stieg.", "de"),
        ],
    ),
    "PUNCT-002": (
        [
            ("The U. S. delegation arrived late.", "en", "U. S."),
            ("Troops left the U. K. in May.", "en", "U. K."),
            ("Die Truppen der U. S. zogen ab.", "de", "U. S."),
            ("Officials at the U. N. agreed.", "en", "U. N."),
            ("The E. U. budget grew.", "en", "E. U."),
        ],
        [
            ("Er kaufte z. B. Äpfel und Birnen.", "de"),
            ("Das ist d. h. teurer.", "de"),
            ("Z. B. kann man Brot backen.", "de"),
            ("The novel by J. R. Tolkien sold well.", "en"),
            ("The U.S. delegation arrived late.", "en"),
        ],
    ),
    "PUNCT-003": (
        [
            ("Die Preise stiegen , die Löhne nicht.", "de", "stiegen ,"),
            ("The dog barked .", "en", "barked ."),
            ("Why did she leave ?", "en", "leave ?"),
            ("Er kam ; sie ging.", "de", "kam ;"),
            ("Wait here : the bus is late.", "en", "here :"),
        ],
        [
            ("Die Preise stiegen, die Löhne nicht.", "de"),
            ("Er zögerte ... und ging dann.", "de"),
            ("The rate is .5 percent higher.", "en"),
            ("Sie kam – und ging.", "de"),
            ("Why did she leave?", "en"),
        ],
    ),
    "PUNCT-004": (
        [
            ("Er kam spät an. . Dann ging er.", "de", ". ."),
            ("The bread was stale,, and cold.", "en", ",,"),
            ("The meeting ended..", "en", "."),
            ("She paused, . Then she spoke.", "en", ", ."),
            ("He said: “ we will see.", "en", "“"),
        ],
        [
            ("Er zögerte... und ging dann.", "de"),
            ("Really?! She said that?", "en"),
            ("They bought apples, pears, etc., at the market.", "en"),
            ("„Wir kommen“, sagte sie.", "de"),
            ("The meeting ended.", "en"),
        ],
    ),
    "PUNCT-005": (
        [
            ("The vote was postponed.The council meets in May.", "en", "postponed.The"),
            ("Es regnete.Dann kam die Sonne.", "de", "regnete.Dann"),
            ("He won,Smith lost.", "en", "won,Smith"),
            ("Wer kommt?Niemand weiß es.", "de", "kommt?Niemand"),
            ("Sie lachte!Alle lachten mit.", "de", "lachte!Alle"),
        ],
        [
            ("Visit example.com for details.", "en"),
            ("The U.S. Army moved in.", "en"),
            ("Der Wert lag bei 3.5 Prozent.", "de"),
            ("See www.example.De for the rules.", "en"),
            ("Es regnete. Dann kam die Sonne.", "de"),
        ],
    ),
    "PUNCT-006": (
        [
            ("The agency (founded in 1990 said it would appeal.", "en", "("),
            ("Die Firma (gegründet 1990 wehrte sich.", "de", "("),
            ("The result was clear) and final.", "en", ")"),
            ("Der Text [Auszug endet hier.", "de", "["),
            ("He left (quietly] at dawn.", "en", "]"),
        ],
        [
            ("The agency (founded in 1990) said it would appeal.", "en"),
            ("Punkte: a) Miete b) Strom.", "de"),
            ("Die Firma [gegründet 1990] wehrte sich.", "de"),
            ("He smiled :) and left.", "en"),
            ("Sie kam (spät) und ging (früh).", "de"),
        ],
    ),
    "PUNCT-007": (
        [
            ("Sie sagte: „Wir geben nicht nach. Danach ging sie.", "de", "„"),
            ("He shouted “Stop the car and ran.", "en", "“"),
            ('The sign read "Closed for repairs and nothing else.', "en", '"'),
            ("Er nannte es »Unsinn und ging.", "de", "»"),
            (["She said: “We will win.", "Nobody believed her."], "en", "“"),
        ],
        [
            ("Sie sagte: „Wir geben nicht nach.“ Danach ging sie.", "de"),
            (["“We will fight.", "We will win,” she said."], "en"),
            ('The sign read "Closed".', "en"),
            ("Er nannte es »Unsinn« und ging.", "de"),
            ("He read «Le Monde» daily.", "en"),
        ],
    ),
    "PUNCT-008": (
        [
            ("We will protect the harbour,” the mayor said.", "en", "”"),
            ("Das ist vorbei“, sagte er.", "de", "“"),
            ('It is over," she said.', "en", '"'),
            (["The vote is final.", "Nobody can change it,” he said."], "en", "”"),
            ("Die Lage ist ernst«, sagte sie.", "de", "«"),
        ],
        [
            ("“We will protect the harbour,” the mayor said.", "en"),
            ("„Das ist vorbei“, sagte er.", "de"),
            ('"It is over," she said.', "en"),
            (["“The vote is final.", "Nobody can change it,” he said."], "en"),
            ("»Die Lage ist ernst«, sagte sie.", "de"),
        ],
    ),
    "PUNCT-009": (
        [
            ("Die EU- Kommission legte einen Entwurf vor.", "de", "EU- Kommission"),
            ("Die US- amerikanischen Truppen zogen ab.", "de", "US- amerikanischen"),
            ("A self- driving bus crashed.", "en", "self- driving"),
            ("Die Luft- und U- Boot-Angriffe hörten auf.", "de", "U- Boot-Angriffe"),
            ("The long- term plan failed.", "en", "long- term"),
        ],
        [
            ("Ein- und Ausgang liegen nebeneinander.", "de"),
            ("Vor- oder Nachteile gibt es kaum.", "de"),
            ("Haupt-, Neben- und Realschulen schlossen.", "de"),
            ("Pre- and post-war prices differ.", "en"),
            ("Kazak- von den Karabach-Teppichen unterscheidet man leicht.", "de"),
        ],
    ),
    "PUNCT-010": (
        [
            ("Der Umsatz stieg,aber der Gewinn sank.", "de", "stieg,aber"),
            ("Sie kam,sah und siegte.", "de", "kam,sah"),
            ("The price rose,but sales fell.", "en", "rose,but"),
            ("Er aß Brot,trank Wein und ging.", "de", "Brot,trank"),
            ("We met in Paris,then in Rome.", "en", "Paris,then"),
        ],
        [
            ("Der Wert lag bei 3,5 Prozent.", "de"),
            ("Die x,y-Ebene ist flach.", "de"),
            ("The list a,b,c,d is sorted.", "en"),
            ("He won,Smith lost.", "en"),
            ("Der Umsatz stieg, aber der Gewinn sank.", "de"),
        ],
    ),
}

POS = [(cid, *c) for cid, (pos, _) in CASES.items() for c in pos]
NEG = [(cid, *c) for cid, (_, neg) in CASES.items() for c in neg]


@pytest.mark.parametrize(("check_id", "text", "lang", "span"), POS)
def test_fires(check_id, text, lang, span):
    spans = _spans(text, lang, check_id)
    assert any(span in s for s in spans)


@pytest.mark.parametrize(("check_id", "text", "lang"), NEG)
def test_quiet(check_id, text, lang):
    assert _spans(text, lang, check_id) == []


@pytest.mark.parametrize(
    "text", ["Der Anhang (Seite 4 fehlt.", "Siehe [Tabelle 2.", "Das Ergebnis (ca. 12 % war klar."]
)
def test_bracket_in_a_paragraph_with_words_fires(text):
    assert _spans(text, "de", "PUNCT-006") in (["("], ["["])


@pytest.mark.parametrize("text", ["[", "(", "(12", "[3] [4", "\n".join(["Er kam.", "("])])
def test_paragraph_without_letters_has_no_bracket_to_balance(text):
    """A bare "[" or "(12" is segmentation or markup debris, not a broken parenthetical."""
    assert _spans(text, "de", "PUNCT-006") == []


def test_quote_continued_in_next_paragraph_is_fine():
    text = "He said: “We will stay.\n“And we will rebuild,” he added."
    found = run_on_text(text, "en", select_checks(select=["PUNCT-007", "PUNCT-008"]))
    assert found == []
