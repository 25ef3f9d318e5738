"""The reviewer loop without a browser: the HTML's controls and data, the index's order and
charts, and the verdict CSV read back by a re-audit and by ``baseline create``."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from html import unescape

import pandas as pd
import pytest

import mtaudit
from mtaudit.cli import main
from mtaudit.reports.html import page_name, render_document
from mtaudit.reports.reviewer import (
    VERDICT_FILE_COLUMNS,
    read_sentences_csv,
    read_verdicts,
    sentence_hash,
)
from mtaudit.reports.tables import write_csv

FERRY = (
    "Harbour notes\n\nThe ferry left the the harbour at noon. The gulls followed it out.\n\n"
    "The Port Authority of Bergen has fined the Port Authority of Bergen for the noise.\n"
)
DOUBLED = "The ferry left the the harbour at noon."
CIRCULAR = "The Port Authority of Bergen has fined the Port Authority of Bergen for the noise."
ORCHARD = "The orchard was quiet. The apples were ripe and red.\n"
TRAIN = "Der Zug fuhr um acht Uhr ab. Die Die Reisenden waren müde.\n"
TRICKY_NOTE = '=SUM(A1) "quoted", a comma\nand a second line: Grüße'


def _audit(folder, out, *extra) -> int:
    return main(
        ["audit", str(folder), "--no-roundtrip", "--no-lm", "--out", str(out), "-q", *extra]
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    (folder / "ferry.txt").write_text(FERRY, encoding="utf-8")
    (folder / "orchard.txt").write_text(ORCHARD, encoding="utf-8")
    (folder / "zug.txt").write_text(TRAIN, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def fresh(corpus, tmp_path_factory):
    """Reports of the corpus with no reviewer verdicts yet."""
    out = tmp_path_factory.mktemp("fresh")
    assert _audit(corpus, out) == 0
    return out


def _review_data(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="mtaudit-review">(.*?)</script>', page)
    return json.loads(raw.group(1))


def _page(out, doc: str) -> str:
    return (out / "html" / page_name(doc)).read_text(encoding="utf-8")


def _verdict_file(path, rows: list[dict]):
    """A verdict CSV as the HTML's export writes it: every cell quoted, formulas guarded."""
    write_csv(pd.DataFrame(rows, columns=VERDICT_FILE_COLUMNS), path)
    return path


def test_each_flagged_sentence_has_controls_keyed_by_its_hash(fresh):
    page = _page(fresh, "ferry.txt")
    sentences = read_sentences_csv(fresh / "sentences.csv")
    flagged = sentences[(sentences["doc"] == "ferry.txt") & sentences["verdict"].ne("ok")]
    assert sorted(flagged["text"]) == sorted([DOUBLED, CIRCULAR])
    boxes = re.findall(
        r'<div class="review" data-doc="ferry.txt" data-hash="(\w+)">(.*?)</div>', page
    )
    assert [h for h, _ in boxes] == [sentence_hash(t) for t in flagged["text"]]
    for _, box in boxes:
        assert re.findall(r'data-set="(\w*)"', box) == ["accepted", "rejected", ""]
        assert '<input type="text" class="note"' in box and 'value=""' in box
        assert "in the report" not in box
    data = _review_data(page)
    assert data["columns"] == VERDICT_FILE_COLUMNS
    assert data["known"] == {"ferry.txt": [h for h, _ in boxes]}
    assert data["filename"] == f"mtaudit-verdicts-{page_name('ferry.txt')[:-5]}.csv"
    assert [r["text"] for r in data["rows"]] == list(flagged["text"])
    assert {(r["verdict"], r["note"]) for r in data["rows"]} == {("", "")}
    assert 'id="export-verdicts"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_review_data_cannot_close_its_script_element(tmp_path):
    (tmp_path / "odd.txt").write_text(
        "The the menu said </script><b>soup</b> & bread.\n", encoding="utf-8"
    )
    assert _audit(tmp_path / "odd.txt", tmp_path / "out") == 0
    page = _page(tmp_path / "out", "odd.txt")
    data = _review_data(page)
    assert data["rows"] and "</script><b>soup</b> & bread." in data["rows"][0]["text"]
    assert page.count("</script>") == 2  # the data element and the script


def test_ok_sentence_does_not_underline_findings_it_does_not_list(corpus):
    result = mtaudit.audit([corpus / "ferry.txt"], roundtrip=False, lm=False)
    rows = result.sentences.copy()
    doc_row = result.documents.iloc[0]
    from mtaudit.checks import load_all

    registry = load_all()
    before = render_document("ferry.txt", FERRY, rows, doc_row, registry, result.summary)
    text_div = re.compile(r'<div class="text" id="text">(.*?)</div>', re.S)
    assert text_div.search(before).group(1).count('<mark class="f"') == 2

    # The doubled word's sentence rated ok (as a lenient threshold would): still a finding,
    # but no longer listed, so it is not underlined either.
    row = rows.index[rows["text"] == DOUBLED][0]
    rows.loc[row, "verdict"] = "ok"
    after = render_document("ferry.txt", FERRY, rows, doc_row, registry, result.summary)
    marked = text_div.search(after).group(1)
    assert marked.count('<mark class="f"') == 1 and "the the</mark>" not in marked
    assert "Flagged sentences (1)" in after
    assert unescape(re.sub(r"<[^>]+>", "", marked)) == FERRY


def test_index_lists_worst_first_sortable_with_charts(fresh):
    index = (fresh / "html" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-v="(\w+)" data-rank="(\d+)"><td>(.*?)</td>', index)
    assert [unescape(re.sub(r"<[^>]+>", "", name)) for _, _, name in rows] == [
        "ferry.txt",  # highest risk among the worst verdict
        "zug.txt",
        "orchard.txt",
    ]
    assert [int(rank) for _, rank, _ in rows] == [0, 1, 2]
    heads = re.findall(r'<th data-sort="(text|num)"><button type="button">([^<]+)</button>', index)
    assert [h for _, h in heads][:3] == ["document", "verdict", "audited"] and len(heads) == 10
    assert '<table class="sortable">' in index

    sentences = read_sentences_csv(fresh / "sentences.csv")
    histogram = re.search(r'<svg id="risk-histogram".*?</svg>', index, re.S).group(0)
    bars = re.findall(r'<rect data-bin="(\d)" data-verdict="(\w+)" data-count="(\d+)"', histogram)
    by_verdict = Counter()
    for _, verdict, n in bars:
        by_verdict[verdict] += int(n)
    assert by_verdict == Counter(sentences["verdict"])
    assert {b for b, v, _ in bars if v == "ok"} == {"0"}
    assert re.findall(r'data-threshold="(\w+)"', histogram) == ["review", "garbled"]

    rules = re.search(r'<svg id="rule-chart".*?</svg>', index, re.S).group(0)
    counts = dict(re.findall(r'<rect data-rule="([\w-]+)" data-count="(\d+)"', rules))
    expected = Counter(i for ids in sentences["issue_ids"] for i in ids.split(",") if i)
    assert {k: int(v) for k, v in counts.items()} == dict(expected) == {"REP-001": 2, "REP-003": 1}
    assert list(counts) == ["REP-001", "REP-003"]  # most findings first
    assert "<img" not in index and not re.search(r'(src|href)="(https?:)?//', index)


def test_verdict_csv_round_trips_exactly(tmp_path):
    path = _verdict_file(
        tmp_path / "v.csv",
        [
            {
                "doc": "a/b.txt",
                "sent_id": 3,
                "sentence": sentence_hash(DOUBLED),
                "text": DOUBLED,
                "reviewer_verdict": "accepted",
                "reviewer_note": TRICKY_NOTE,
            },
            {  # a hand-written row that names the sentence by its hash only
                "doc": "a/b.txt",
                "sentence": sentence_hash(CIRCULAR),
                "text": "",
                "reviewer_verdict": "rejected",
                "reviewer_note": "",
            },
        ],
    )
    assert "'=SUM(A1)" in path.read_text(encoding="utf-8")  # guarded for spreadsheets
    assert read_verdicts([path]) == {
        ("a/b.txt", sentence_hash(DOUBLED)): ("accepted", TRICKY_NOTE),
        ("a/b.txt", sentence_hash(CIRCULAR)): ("rejected", ""),
    }
    # Re-wrapping the sentence does not change its key; a later file wins, empty included.
    later = _verdict_file(
        tmp_path / "w.csv",
        [{"doc": "a/b.txt", "text": DOUBLED.replace(" ", "\n  ", 2), "reviewer_verdict": ""}],
    )
    assert read_verdicts([path, later])[("a/b.txt", sentence_hash(DOUBLED))] == ("", "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("doc,text\na.txt,Hello there.\n", "no reviewer_verdict or reviewer_note column"),
        ("text,reviewer_verdict\nHello.,accepted\n", "no doc column"),
        ('doc,text,sentence,reviewer_verdict\na.txt,"","",accepted\n', "line 2 has no text"),
    ],
)
def test_unusable_verdict_file_fails_before_the_audit(tmp_path, capsys, content, message):
    (tmp_path / "in.txt").write_text(ORCHARD, encoding="utf-8")
    (tmp_path / "v.csv").write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    assert _audit(tmp_path / "in.txt", out, "--verdicts", str(tmp_path / "v.csv")) == 2
    err = capsys.readouterr().err
    assert f"verdict file {tmp_path / 'v.csv'}" in err and message in err
    assert not (out / "sentences.csv").exists()
    assert _audit(tmp_path / "in.txt", out, "--verdicts", str(tmp_path / "none.csv")) == 2
    assert "no such file" in capsys.readouterr().err


def test_reaudit_with_verdicts_keeps_them_in_the_csv_and_the_html(corpus, tmp_path, caplog):
    out = tmp_path / "out"
    verdicts = _verdict_file(
        tmp_path / "mtaudit-verdicts.csv",
        [
            {
                "doc": "ferry.txt",
                "sent_id": 1,
                "sentence": sentence_hash(DOUBLED),
                "text": DOUBLED,
                "reviewer_verdict": "accepted",
                "reviewer_note": TRICKY_NOTE,
            },
            {
                "doc": "ferry.txt",
                "sent_id": 3,
                "sentence": sentence_hash(CIRCULAR),
                "text": CIRCULAR,
                "reviewer_verdict": "rejected",
                "reviewer_note": "",
            },
            {
                "doc": "ferry.txt",
                "sent_id": 9,
                "sentence": sentence_hash("A sentence that is gone."),
                "text": "A sentence that is gone.",
                "reviewer_verdict": "accepted",
                "reviewer_note": "",
            },
        ],
    )
    with caplog.at_level(logging.WARNING, logger="mtaudit"):
        assert _audit(corpus, out, "--verdicts", str(verdicts)) == 0
    assert "1 reviewer verdict matches no sentence" in caplog.text

    table = read_sentences_csv(out / "sentences.csv").set_index("text")
    assert table.loc[DOUBLED, "reviewer_verdict"] == "accepted"
    assert table.loc[DOUBLED, "reviewer_note"] == TRICKY_NOTE
    assert table.loc[CIRCULAR, ["reviewer_verdict", "reviewer_note"]].tolist() == ["rejected", ""]
    assert (table.drop([DOUBLED, CIRCULAR])["reviewer_verdict"] == "").all()

    page = _page(out, "ferry.txt")
    box = re.search(
        rf'<div class="review" data-doc="ferry.txt" data-hash="{sentence_hash(DOUBLED)}">'
        r"(.*?)</div>",
        page,
        re.S,
    ).group(1)
    assert '<button type="button" data-set="accepted" aria-pressed="true">' in box
    assert 'in the report: <b class="badge rv-accepted">accepted</b>' in box
    assert f'value="{TRICKY_NOTE.replace(chr(34), "&quot;")}"' in box
    assert 'data-reviewed="accepted"' in page and 'data-reviewed="rejected"' in page
    data = _review_data(page)
    kept = {r["text"]: (r["verdict"], r["note"]) for r in data["rows"]}
    assert kept[DOUBLED] == ("accepted", TRICKY_NOTE) and kept[CIRCULAR] == ("rejected", "")

    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    ferry_row = re.search(r"<tr [^>]*><td><a [^>]*>ferry.txt</a>.*?</tr>", index).group(0)
    assert re.findall(r'<td class="n">(\d+)</td>', ferry_row)[:4] == ["4", "0", "2", "2"]
    assert len(_review_data(index)["rows"]) == 2

    # A plain re-audit into the same folder carries them on; a cleared row clears one.
    assert _audit(corpus, out) == 0
    assert (
        read_sentences_csv(out / "sentences.csv").set_index("text").loc[DOUBLED, "reviewer_verdict"]
        == "accepted"
    )
    cleared = _verdict_file(
        tmp_path / "cleared.csv", [{"doc": "ferry.txt", "text": DOUBLED, "reviewer_verdict": ""}]
    )
    assert _audit(corpus, out, "--verdicts", str(cleared)) == 0
    again = read_sentences_csv(out / "sentences.csv").set_index("text")
    assert again.loc[DOUBLED, ["reviewer_verdict", "reviewer_note"]].tolist() == ["", ""]
    assert again.loc[CIRCULAR, "reviewer_verdict"] == "rejected"


def test_baseline_create_reads_the_verdict_file(fresh, corpus, tmp_path, capsys):
    verdicts = _verdict_file(
        tmp_path / "v.csv",
        [
            {"doc": "ferry.txt", "text": DOUBLED, "reviewer_verdict": "accepted"},
            {
                "doc": "zug.txt",
                "text": "Die Die Reisenden waren müde.",
                "reviewer_verdict": "rejected",
            },
        ],
    )
    baseline = tmp_path / "baseline.json"
    # Without the file the fresh reports hold no verdict: nothing is written.
    assert main(["baseline", "create", str(fresh), "-o", str(baseline)]) == 0
    assert not baseline.exists() and "nothing written" in capsys.readouterr().err
    args = ["baseline", "create", str(fresh), "-o", str(baseline), "--verdicts", str(verdicts)]
    assert main(args) == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert [(e["doc"], e["check"], e["sentence"]) for e in entries] == [
        ("ferry.txt", "REP-001", sentence_hash(DOUBLED))
    ]
    assert read_sentences_csv(fresh / "sentences.csv")["reviewer_verdict"].eq("").all()

    out = tmp_path / "out"
    assert _audit(corpus, out, "--baseline", str(baseline)) == 0
    table = read_sentences_csv(out / "sentences.csv").set_index("text")
    assert table.loc[DOUBLED, "issue_ids"] == "" and table.loc[DOUBLED, "verdict"] == "ok"
    assert table.loc["Die Die Reisenden waren müde.", "issue_ids"] == "REP-001"
