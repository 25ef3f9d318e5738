"""The whole pipeline from Python: tables, bad inputs that never sink a batch, atomic reports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import mtaudit
from mtaudit.pipeline import RoundTripRequired
from mtaudit.reports import write_reports

GOOD_DE = "Der Stadtrat hat den Haushalt am Montag beschlossen. Die Opposition stimmte dagegen.\n"
DAMAGED_EN = (
    "The committee has approved the the budget on Monday. The Finance Minister of "
    "Ontario has praised the Finance Minister of Ontario.\n"
)


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_DE, encoding="utf-8")
    (folder / "damaged.md").write_text(DAMAGED_EN, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (folder / "latin1.txt").write_bytes(
        "Die Brücke über die Straße ist gesperrt.".encode("latin-1")
    )
    (folder / "menu.txt").write_text("Skip to content\nLeave a Reply\n")
    (folder / "dangling.txt").symlink_to(folder / "does-not-exist.txt")
    (folder / "notes.csv").write_text("not audited")
    return folder


def test_one_bad_file_never_sinks_the_batch(batch):
    result = mtaudit.audit([batch], roundtrip=False)
    docs = result.documents.set_index("doc")
    assert set(docs.index) == {
        "good.txt",
        "damaged.md",
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "menu.txt",
        "dangling.txt",
    }
    assert docs.loc["empty.txt", "errors"] == ""  # empty is a warning, not unreadable
    assert "empty file" in docs.loc["empty.txt", "warnings"]
    assert docs.loc["empty.txt", "verdict"] == "skipped"
    assert "binary" in docs.loc["binary.txt", "errors"]
    assert "not found" in docs.loc["dangling.txt", "errors"]
    assert docs.loc["latin1.txt", "errors"] == ""
    assert "cp1252" in docs.loc["latin1.txt", "warnings"]
    assert docs.loc["menu.txt", "verdict"] == "skipped"
    assert docs.loc["good.txt", "verdict"] == "ok"
    assert docs.loc["damaged.md", "verdict"] in {"review", "garbled"}
    assert result.has_unreadable


def test_sentence_table_has_one_row_per_sentence_with_reasons(batch):
    result = mtaudit.audit([batch / "damaged.md", batch / "menu.txt"], roundtrip=False)
    s = result.sentences
    damaged = s[s["doc"] == "damaged.md"]
    assert len(damaged) == 2
    assert (damaged["verdict"] != "ok").all()
    assert damaged["issue_ids"].str.contains("REP").all()
    menu = s[s["doc"] == "menu.txt"]
    assert set(menu["verdict"]) == {"skipped"} and (menu["skip_reason"] != "").all()
    assert not result.has_unreadable


def test_without_models_the_round_trip_is_reported_as_skipped(batch, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    result = mtaudit.audit([batch / "good.txt"])
    assert result.summary["roundtrip"]["ran"] is False
    assert "models install" in result.summary["roundtrip"]["how_to_enable"]
    assert result.documents.loc[0, "roundtrip"].startswith("skipped")
    with pytest.raises(RoundTripRequired):
        mtaudit.audit([batch / "good.txt"], require_roundtrip=True)


def test_reports_are_written_and_carry_a_signature(batch, tmp_path):
    result = mtaudit.audit([batch], roundtrip=False)
    out = tmp_path / "reports"
    write_reports(result, out)
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    for column in (
        "doc",
        "sent_id",
        "start",
        "end",
        "lang",
        "text",
        "backtranslation",
        "roundtrip",
        "rt_chrf",
        "rt_bleu",
        "rt_ter",
        "fd_gap",
        "risk",
        "verdict",
        "issues",
    ):
        assert column in sentences.columns
    documents = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert len(documents) == 7
    summary = json.loads((out / "summary.json").read_text())
    assert summary["signature"]["mtaudit"] == mtaudit.__version__
    assert (
        summary["totals"]["documents_with_errors"] == 2
    )  # binary and dangling; empty.txt is a warning
    findings = pd.read_csv(out / "findings.csv", keep_default_na=False)
    assert (findings["words"] != "").all()


def test_an_interrupted_write_leaves_the_previous_report_whole(batch, tmp_path, monkeypatch):
    out = tmp_path / "reports"
    first = mtaudit.audit([batch / "good.txt"], roundtrip=False)
    write_reports(first, out)
    before = (out / "sentences.csv").read_bytes()

    def crash(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_reports(mtaudit.audit([batch], roundtrip=False), out)
    assert (out / "sentences.csv").read_bytes() == before
    assert not [p for p in Path(out).iterdir() if p.name.endswith(".tmp")]


def test_select_and_ignore_by_id_prefix(batch):
    only = mtaudit.audit([batch / "damaged.md"], roundtrip=False, select=["REP"])
    ids = ",".join(only.sentences["issue_ids"])
    assert ids and all(i.startswith("REP") for i in ids.split(",") if i)
    none = mtaudit.audit([batch / "damaged.md"], roundtrip=False, ignore=["REP"])
    assert "REP" not in ",".join(none.sentences["issue_ids"])
    with pytest.raises(ValueError, match="unknown check"):
        mtaudit.audit([batch / "damaged.md"], roundtrip=False, select=["NOPE-999"])


def test_unchanged_documents_reuse_their_findings(batch, monkeypatch):
    import mtaudit.pipeline as pipeline

    first = mtaudit.audit([batch / "damaged.md"], roundtrip=False)
    calls = []
    real = pipeline.run_on_document

    def counting(view, checks, deadline=None):
        calls.append(view.doc)
        return real(view, checks, deadline)

    monkeypatch.setattr(pipeline, "run_on_document", counting)
    again = mtaudit.audit([batch / "damaged.md"], roundtrip=False)
    assert calls == []
    assert list(again.sentences["issues"]) == list(first.sentences["issues"])
    (batch / "damaged.md").write_text(DAMAGED_EN + "A new sentence was added.\n")
    mtaudit.audit([batch / "damaged.md"], roundtrip=False)
    assert calls == ["damaged.md"]
    mtaudit.audit([batch / "damaged.md"], roundtrip=False, use_cache=False)
    assert calls == ["damaged.md", "damaged.md"]


def test_a_document_in_an_unsupported_language_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "fr.txt").write_text(
        "Le conseil municipal a présenté son nouveau budget lundi. "
        "Le maire a parlé d'une année difficile pour la ville.\n"
    )
    result = mtaudit.audit([tmp_path], roundtrip=False)
    doc = result.documents.iloc[0]
    assert doc["verdict"] == "skipped" and doc["errors"] == ""
    assert "not supported" in doc["warnings"]
    assert not result.has_unreadable


def test_audit_takes_a_plain_path_and_thresholds(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The committee approved the the budget on Friday.\n", encoding="utf-8")
    strict = mtaudit.audit(str(path), roundtrip=False, use_cache=False, garbled_threshold=0.15)
    lenient = mtaudit.audit(
        path, roundtrip=False, use_cache=False, review_threshold=0.9, garbled_threshold=0.95
    )
    assert list(strict.sentences["verdict"]) == ["garbled"]
    # REP-001 is measured precise (check_precision.json): its finding keeps the sentence up
    # for review whatever the thresholds, but no longer garbled.
    assert list(lenient.sentences["verdict"]) == ["review"]
    assert strict.summary["signature"]["thresholds"] == {"review": 0.15, "garbled": 0.15}
    assert lenient.summary["signature"]["thresholds"] == {"review": 0.9, "garbled": 0.95}
