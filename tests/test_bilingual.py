"""Bilingual readers and their pipeline/CLI wiring: pairs become rows with exact offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mtaudit.bilingual import PairSource, pair_document, read_aligned, read_table, read_xliff
from mtaudit.cli import main
from mtaudit.documents import ReadError
from mtaudit.pipeline import audit

FIX = Path(__file__).parent / "fixtures" / "bilingual"


def test_tsv_pairs_and_offsets() -> None:
    document, rows, problems = pair_document(PairSource(FIX / "pairs.tsv"))
    assert problems == []
    assert list(rows["source"])[0] == "The bridge is 1,250 metres long."
    assert document.text.split("\n") == list(rows["text"])
    for r in rows.itertuples():
        assert document.text[r.start : r.end] == r.text
    assert rows.iloc[2]["text"] == "" and rows.iloc[2]["skip_reason"] == ""


def test_csv_with_named_columns() -> None:
    pairs = read_table(FIX / "pairs.csv", source_col="en", target_col="de")
    assert pairs.sources[0] == "Hello, world." and pairs.targets[0] == "Hallo, Welt."
    with pytest.raises(ReadError, match=r"pairs.csv line 1: no column 'source'"):
        read_table(FIX / "pairs.csv")


def test_ragged_row_is_reported_and_skipped() -> None:
    pairs = read_table(FIX / "ragged.tsv")
    assert pairs.targets == ["Guten Morgen.", "Vielen Dank für Ihre Hilfe."]
    assert pairs.problems == [f"{FIX / 'ragged.tsv'} line 3: 3 fields, header has 2; row skipped"]


def test_misaligned_files_name_both_and_the_line() -> None:
    with pytest.raises(ReadError, match=r"aligned.en has 3 lines but .*aligned.de has 2.*line 3"):
        read_aligned(FIX / "aligned.en", FIX / "aligned.de")


def test_xliff_12_inline_markup_and_missing_target() -> None:
    pairs = read_xliff(FIX / "v12.xlf")
    assert pairs.sources == ["Visit www.example.org for help.", "Save the file."]
    assert pairs.targets == ["Besuchen Sie www.example.org für Hilfe.", ""]
    assert pairs.target_lang == "de-DE"


def test_xliff_20() -> None:
    pairs = read_xliff(FIX / "v20.xliff")
    assert pairs.targets[1] == "Schreiben Sie an hilfe@beispiel.org."
    assert pairs.target_lang == "de"


def test_invalid_xml_names_file_and_line() -> None:
    with pytest.raises(ReadError, match=r"broken.xlf line \d+, column \d+: invalid XML"):
        read_xliff(FIX / "broken.xlf")


def test_audit_keeps_batch_and_source_column() -> None:
    result = audit(
        [FIX / "v20.xliff", FIX / "broken.xlf"],
        roundtrip=False,
        pairs=[PairSource(FIX / "pairs.tsv"), PairSource(FIX / "aligned.en", FIX / "aligned.de")],
    )
    docs = result.documents.set_index("doc")
    assert "invalid XML" in docs.loc["broken.xlf", "errors"]
    aligned = docs.loc[f"{FIX / 'aligned.en'}+{FIX / 'aligned.de'}"]
    # files that are not line-aligned are aligned by sentence length instead of failing
    assert aligned["errors"] == "" and "not line-aligned" in aligned["warnings"]
    assert "Gale–Church" in aligned["warnings"] and aligned["audited"] >= 2
    assert docs.loc["v20.xliff", "audited"] == 2
    rows = result.sentences
    url = rows[(rows["doc"] == "v20.xliff") & (rows["sent_id"] == 1)].iloc[0]
    assert url["source"] == "Write to help@example.org."
    assert "SRC-URL-001" in url["issue_ids"]
    assert 0.0 < url["xling_sim"] <= 1.0
    empty = rows[rows["text"] == ""].iloc[0]
    assert "SRC-EMPTY-001" in empty["issue_ids"] and empty["verdict"] != "ok"
    assert result.has_unreadable


def test_cli_pairs_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "r"
    code = main(
        [
            "audit",
            "--no-roundtrip",
            "-q",
            "--out",
            str(out),
            "--pairs",
            str(FIX / "pairs.csv"),
            "--source-col",
            "en",
            "--target-col",
            "de",
            "--source-file",
            str(FIX / "aligned.en"),
            "--target-file",
            str(FIX / "aligned.en"),
        ]
    )
    assert code == 0
    header = pd.read_csv(out / "sentences.csv", nrows=0).columns
    assert {"source", "xling_sim", "src_chrf"} <= set(header)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    docs = (out / "documents.csv").read_text(encoding="utf-8")
    per_doc = summary["mqm_per_100_words"]
    assert len(per_doc) == 2 and all(f",{v}," in docs for v in per_doc.values())


def test_cli_source_file_needs_target_file() -> None:
    assert main(["audit", "--no-roundtrip", "-q", "--source-file", str(FIX / "aligned.en")]) == 2


def test_a_ragged_file_keeps_its_error_and_the_audit_of_its_other_rows() -> None:
    result = audit([], pairs=[PairSource(FIX / "ragged.tsv")], roundtrip=False)
    doc = result.documents.iloc[0]
    assert "line 3" in doc["errors"] and doc["audited"] >= 1
    assert doc["verdict"] in {"ok", "review", "garbled"}
    assert result.has_unreadable
