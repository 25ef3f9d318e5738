"""Segmentation modes, and the bounds that keep one damaged line from spoiling the rest."""

from __future__ import annotations

import random

import pytest

import mtaudit
from mtaudit.checks import run_on_text, select_checks
from mtaudit.cli import main
from mtaudit.documents import read_document
from mtaudit.segment import MAX_SENTENCE_CHARS, paragraphs, segment

HEADLINES = [
    "Neue Regeln für den Wohnungsbau",
    "Kritik aus den Ländern wächst",
    "mehrere Länder lehnen den Entwurf ab",
    "Eine Einigung ist nicht in Sicht",
    "die Opposition fordert Nachbesserungen",
    "Kommunen warnen vor höheren Kosten",
    "Verbände begrüßen den Vorstoß",
]


def _doc(tmp_path, text: str, name: str = "a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(name, path)


def test_one_segment_per_line_is_kept_apart_in_auto_mode(tmp_path):
    text = "\n".join(HEADLINES) + "\n"
    spans = [text[p.start : p.end] for p in paragraphs(text)]
    assert spans == HEADLINES


def test_a_thousand_mt_lines_stay_a_thousand_segments(tmp_path):
    rng = random.Random(3)
    lines = []
    for i in range(1000):
        first = rng.choice(["die", "Der", "ein", "Das"])  # MT lines may start in lower case
        end = rng.choice([".", "", "!"])
        lines.append(f"{first} Ausschuss Nummer {i} beriet am Montag über den Antrag{end}")
    table = segment(_doc(tmp_path, "\n".join(lines) + "\n"))
    assert len(table) == 1000
    assert len(set(table["para_id"])) == 1000


def test_line_mode_never_joins_and_paragraph_mode_always_does():
    text = "The committee met on Tuesday and agreed\nto postpone the vote until May.\n"
    assert len(paragraphs(text, "line")) == 2
    assert len(paragraphs(text, "paragraph")) == 1
    assert len(paragraphs(text, "auto")) == 2  # no blank lines, not wrapped: one per line
    with pytest.raises(ValueError, match="segmentation"):
        paragraphs(text, "sentence")


def test_hard_wrapped_block_without_blank_lines_is_joined():
    text = (
        "The regional parliament voted on Thursday to extend the\n"
        "Mandate of the Commission until the end of the year. Members of\n"
        "Parliament from three parties supported the motion, while the\n"
        "Greens abstained after a long and heated debate in the chamber.\n"
    )
    assert len(paragraphs(text)) == 1


def test_segmentation_flag_and_config_key(tmp_path, monkeypatch, capsys):
    import json

    (tmp_path / "a.txt").write_text(
        "The committee met on Tuesday and agreed\nto postpone the vote until May.\n"
    )
    monkeypatch.chdir(tmp_path)
    args = ["audit", "a.txt", "--no-roundtrip", "--no-cache", "--json", "--out", "out"]
    assert main([*args, "--segmentation", "line"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["sentences"] == 2
    (tmp_path / "mtaudit.toml").write_text('segmentation = "paragraph"\n')
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["sentences"] == 1
    (tmp_path / "mtaudit.toml").write_text('segmentation = "words"\n')
    assert main(args) == 2
    assert "segmentation" in capsys.readouterr().err


def test_an_unclosed_quote_does_not_swallow_the_paragraph(tmp_path):
    text = (
        "Sie sagte: „Wir werden nicht nachgeben. Danach verließ sie den Saal. Die Sitzung "
        "wurde vertagt. Am Abend gab es keine Erklärung mehr.\n"
    )
    table = segment(_doc(tmp_path, text))
    assert len(table) == 4
    result = mtaudit.audit(
        [tmp_path / "a.txt"], roundtrip=False, use_cache=False, select=["PUNCT-007"]
    )
    flagged = result.sentences[result.sentences["issue_ids"] != ""]
    assert list(flagged["sent_id"]) == [0]


def test_a_line_without_sentence_punctuation_is_cut_and_warned(tmp_path):
    rng = random.Random(7)
    vocabulary = ["Haus", "gehen", "schnell", "der", "Stadt", "und", "Regierung", "neue"]
    words = [rng.choice(vocabulary) for _ in range(9000)]
    document = _doc(tmp_path, " ".join(words) + "\n")
    table = segment(document)
    assert len(table) > 9000 * 5 // MAX_SENTENCE_CHARS
    assert (table["end"] - table["start"]).max() <= MAX_SENTENCE_CHARS
    assert "".join(table["text"]).replace(" ", "") == "".join(words)
    assert any("without sentence punctuation" in w for w in document.warnings)
    result = mtaudit.audit([tmp_path / "a.txt"], roundtrip=False, use_cache=False)
    assert result.documents.loc[0, "errors"] == ""
    assert "without sentence punctuation" in result.documents.loc[0, "warnings"]


def test_one_endless_word_is_cut_too(tmp_path):
    document = _doc(tmp_path, "x" * (3 * MAX_SENTENCE_CHARS) + "\n")
    table = segment(document)
    assert list(table["end"] - table["start"]) == [MAX_SENTENCE_CHARS] * 3


TOKENISED = (
    "Die Regierung hat , wie erwartet , den Haushalt vorgelegt .\n"
    "Der Minister sagte , die Lage sei sei ernst .\n"
    "Die Opposition ( vor allem die Grünen ) kritisierte den Entwurf .\n"
)


def test_tokenised_text_is_detected_and_checked_detokenised(tmp_path):
    path = tmp_path / "tok.txt"
    path.write_text(TOKENISED, encoding="utf-8")
    result = mtaudit.audit([path], roundtrip=False, use_cache=False)
    assert "tokenised" in result.documents.loc[0, "warnings"]
    ids = ",".join(result.sentences["issue_ids"])
    assert "PUNCT-003" not in ids and "PUNCT-004" not in ids
    found = [f for fs in result.sentences["findings"] for f in fs if f["id"] == "REP-001"]
    assert [TOKENISED[f["start"] : f["end"]] for f in found] == ["sei sei"]


def test_untokenised_text_keeps_its_spacing_findings():
    found = run_on_text("Die Preise stiegen , die Löhne nicht.", "de", select_checks())
    assert "PUNCT-003" in {f.check_id for f in found}


def test_sentences_are_located_as_pysbd_locates_them():
    """The str.find replacement of pysbd's regex search gives the same spans, also for
    repeated sentences and unusual whitespace."""
    import random

    import pysbd

    from mtaudit.segment import _char_spans

    pieces = [
        "Der Zug kam an.",
        "Der Zug kam an.",
        "Es regnet!",
        "Wer weiß?",
        "Dr. Meier sprach am 3. Mai.",
        "The bus left.",
        "It rained.\u2003It rained.",
        "x.",
    ]
    gaps = [" ", "  ", "\t", "\u00a0", "\n", ""]
    rng = random.Random(7)
    texts = [
        "".join(p + rng.choice(gaps) for p in rng.choices(pieces, k=rng.randint(1, 8)))
        for _ in range(300)
    ]
    for lang in ("de", "en"):
        segmenter = pysbd.Segmenter(language=lang, clean=False)
        for text in texts:
            segmenter.original_text = text
            sentences = segmenter.processor(text).process()
            expected = pysbd.Segmenter.sentences_with_char_spans(segmenter, sentences)
            got = _char_spans(sentences, text, pysbd.utils.TextSpan)
            assert [(s.sent, s.start, s.end) for s in got] == [
                (s.sent, s.start, s.end) for s in expected
            ], text
