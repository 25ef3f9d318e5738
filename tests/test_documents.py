"""Stage 1: decoding, offsets, paragraphs, sentences, language and boilerplate."""

from __future__ import annotations

import codecs

import pytest

from mtaudit.boilerplate import boilerplate_reason
from mtaudit.documents import ReadError, decode, discover, read_document
from mtaudit.segment import paragraphs, segment

GERMAN = (
    "Die Stadtverwaltung hat am Montag den neuen Haushalt vorgestellt. Der Bürgermeister "
    "sprach von einem schwierigen Jahr.\n\nDie Opposition kritisierte die geplanten "
    "Kürzungen bei den Schulen scharf. Eine Entscheidung soll im März fallen.\n"
)
ENGLISH = (
    "The city council presented its new budget on Monday. The mayor spoke of a difficult "
    "year.\n\nThe opposition sharply criticised the planned cuts to schools. A decision is "
    "expected in March.\n"
)


def _doc(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(name, path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_encodings_decode_without_warning(data, encoding):
    text, used, warnings = decode(data)
    assert text.lstrip("\ufeff") == GERMAN
    assert used == encoding
    assert warnings == []


def test_latin1_falls_back_to_cp1252_with_a_warning():
    text, used, warnings = decode("Größere Straßenbäume für Köln.".encode("latin-1"))
    assert text == "Größere Straßenbäume für Köln."
    assert used == "cp1252"
    assert warnings and "not valid UTF-8" in warnings[0]


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), bytes(range(1, 32)) * 40],
)
def test_binary_data_is_rejected_with_a_reason(data):
    with pytest.raises(ReadError, match="binary"):
        decode(data)


@pytest.mark.parametrize("data", [b"", b"  \n\n\t ", codecs.BOM_UTF8 + b"\n "])
def test_empty_data_is_a_warning_not_an_error(data):
    text, _, warnings = decode(data)
    assert not text.strip("\ufeff \n\t") and warnings == ["empty file: nothing to audit"]


def test_unreadable_file_gives_read_error(tmp_path):
    with pytest.raises(ReadError, match="not found"):
        read_document("missing.txt", tmp_path / "missing.txt")


def test_sentence_offsets_point_into_the_decoded_original(tmp_path):
    text = "Er\u00a0kam am 3.\u00a0Februar nach Köln. Dort sprach Dr. Weber z. B. über Bahnen.\n"
    document = _doc(tmp_path, "a.txt", text.encode("utf-8"))
    table = segment(document)
    assert len(table) == 2
    for row in table.itertuples():
        assert document.text[row.start : row.end] == row.text
    assert "\u00a0" in table.loc[0, "text"]  # the report keeps the original characters
    assert "\u00a0" not in document.analysis  # the checks see plain spaces at the same offsets
    assert len(document.analysis) == len(document.text)


def test_paragraphs_split_on_blank_lines_and_join_wrapped_lines():
    text = (
        "The committee met on Tuesday and agreed\nto postpone the vote until May.\n\n"
        "A Heading\nNext paragraph starts here.\n"
    )
    spans = [text[p.start : p.end] for p in paragraphs(text)]
    assert spans == [
        "The committee met on Tuesday and agreed\nto postpone the vote until May.",
        "A Heading",
        "Next paragraph starts here.",
    ]


def test_list_markers_are_left_out_of_the_sentence(tmp_path):
    document = _doc(tmp_path, "l.md", b"- The first point is clear.\n2. The second is too.\n")
    assert list(segment(document)["text"]) == ["The first point is clear.", "The second is too."]


def test_document_and_sentence_language(tmp_path):
    document = _doc(tmp_path, "en.txt", ENGLISH.encode())
    table = segment(document)
    assert document.lang == "en"
    assert set(table["lang"]) == {"en"}
    mixed = _doc(
        tmp_path,
        "mixed.txt",
        (
            GERMAN + "\nThe weather in the mountains was surprisingly warm for the time of year.\n"
        ).encode(),
    )
    langs = list(segment(mixed)["lang"])
    assert langs[0] == "de" and langs[-1] == "en"


def test_unsupported_language_is_skipped_not_guessed(tmp_path):
    french = (
        "Le conseil municipal a présenté son nouveau budget lundi. Le maire a parlé "
        "d'une année difficile pour toute la ville.\n"
    )
    table = segment(_doc(tmp_path, "fr.txt", french.encode()))
    assert all(r.startswith("unsupported language: fr") for r in table["skip_reason"])


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Zum Inhalt springen",
        "A crowd outside the stadium on Saturday Photo: Jane Roe/AFP",
        "Ein Demonstrant in Berlin Bild: Max Muster/dpa/picture alliance",
        "ab, cd/ef (dpa, AFP)",
        "jk/lm (Reuters)",
        "March 3, 2021",
        "© 2024 Example Media. All rights reserved.",
        "Read more: Why the bridge is closing",
        "By Jane Roe and John Doe",
        "Von Anna Beispiel",
        "Source: Reuters/Getty Images",
        "Quelle: dpa",
        "Watch: Flood waters rise in the old town",
        "Copyright 2024 Example Media",
        "Tags: Politik, Wohnungsbau, Berlin",
        "Photo by Jane Roe",
    ],
)
def test_boilerplate_lines_are_recognised(line):
    assert boilerplate_reason(line)


@pytest.mark.parametrize(
    "line",
    [
        "The photographer said the image was taken in Berlin.",
        "Der Bürgermeister sprach von einem schwierigen Jahr.",
        "Reuters reported that the talks were postponed.",
        "He left a comment on the draft before the meeting.",
        "Source code for the project is available online.",
        # real sentences that begin like a furniture line must not be skipped
        "Von hier aus gesehen wirkt die Stadt friedlich.",
        "Von Berlin nach Hamburg fahren täglich zwanzig Züge.",
        "Von Anfang an war klar, dass der Plan scheitert.",
        "by far the best result the club has had in years",
        "By the end of the year the bridge will reopen.",
        "Der Code ist Open Source: https://github.com/example/tool.",
        "Quelle: Der Bericht stützt sich auf Zahlen des Bundesamts aus dem Jahr 2021.",
        "Watch: Der Präsident sagte am Montag, dass die Regierung neue Maßnahmen plant.",
        "Read more about the reasons behind the closure in our report.",
        "Live: the band played until midnight and the crowd sang along to every song.",
        "Add a comment to the draft before Friday, the editor asked.",
        "Share your thoughts with the committee by the end of the month.",
        "Copyright law changed in 2019 after a long debate.",
        "Themen wie Wohnungsbau und Verkehr bestimmten die Debatte im Landtag.",
        "Photos by amateur photographers were shown in the town hall last week.",
        "Skip to the end of the report and you will find the budget figures.",
        "Updates: the council will publish new figures every Monday.",
    ],
)
def test_prose_is_not_boilerplate(line):
    assert boilerplate_reason(line) == ""


def test_alt_text_above_a_credit_caption_is_boilerplate():
    assert boilerplate_reason(
        "Two ministers shake hands", "Talks went well, she said Image: A. Person/Reuters"
    )


def test_one_huge_line_is_segmented(tmp_path):
    sentence = "Der Ausschuss beriet lange über den Vorschlag der Regierung. "
    document = _doc(tmp_path, "huge.txt", (sentence * 3000).encode())
    table = segment(document)
    assert len(table) == 3000
    assert table["end"].max() <= len(document.text)


def test_discover_walks_folders_with_include_and_exclude(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.md", "c.csv", "sub/d.txt", "sub/skip.txt", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    names = [n for n, _ in discover([tmp_path], exclude=["sub/skip*"])]
    assert names == ["a.txt", "b.md", "sub/d.txt"]
    only_md = [n for n, _ in discover([tmp_path], include=["*.md"])]
    assert only_md == ["b.md"]


def test_hard_wrapped_text_keeps_sentences_across_line_breaks(tmp_path):
    text = (
        "The regional parliament voted on Thursday to extend the\n"
        "Mandate of the Commission until the end of the year. Members of\n"
        "Parliament from three parties supported the motion, while the\n"
        "Greens abstained.\n\nA second paragraph follows here.\n"
    )
    document = _doc(tmp_path, "wrapped.txt", text.encode())
    table = segment(document)
    assert list(table["para_id"]) == [0, 0, 1]
    assert table.loc[0, "text"].startswith("The regional") and table.loc[0, "text"].endswith(
        "of the year."
    )
    assert table.loc[1, "text"].startswith("Members of\nParliament")
    assert table.loc[1, "text"].endswith("Greens abstained.")


def test_one_paragraph_per_line_keeps_headlines_apart(tmp_path):
    text = (
        "Die Regierung plant neue Regeln für den Wohnungsbau.\n"
        "Kritik aus den Ländern wächst\n"
        "Mehrere Länder lehnen den Entwurf ab.\n"
        "Eine Einigung ist nicht in Sicht.\n"
    )
    table = segment(_doc(tmp_path, "lines.txt", text.encode()))
    assert list(table["text"])[1] == "Kritik aus den Ländern wächst"
    assert table.loc[1, "kind"] == "heading"
