"""Reviewer columns survive re-audits; baselines suppress accepted findings, counted."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from mtaudit.baseline import Baseline
from mtaudit.cli import main
from mtaudit.reports.reviewer import normalise, read_sentences_csv, sentence_hash

DOUBLED = "The committee approved the the budget on Friday."
CIRCULAR = "The Mayor of Lyon has criticised the Mayor of Lyon for the delay."


def _audit(folder, out, *extra) -> int:
    return main(["audit", str(folder), "--no-roundtrip", "--out", str(out), "-q", *extra])


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{DOUBLED} {CIRCULAR}\n", encoding="utf-8")
    return folder


def test_normalised_text_ignores_wrapping_only():
    assert normalise("Die  Brücke\nist\tzu.") == "Die Brücke ist zu."
    assert sentence_hash("a  b\n c") == sentence_hash("a b c") != sentence_hash("a b d")
    assert sentence_hash("Bru\u0308cke") == sentence_hash("Brücke")  # NFD == NFC


def test_reviewer_columns_follow_the_sentence_not_the_row(corpus, tmp_path):
    out = tmp_path / "out"
    assert _audit(corpus, out) == 0
    table = read_sentences_csv(out / "sentences.csv")
    assert list(table.columns[-2:]) == ["reviewer_verdict", "reviewer_note"]
    table.loc[table["text"] == CIRCULAR, ["reviewer_verdict", "reviewer_note"]] = [
        "accepted",
        "a quote, intended",
    ]
    table.to_csv(out / "sentences.csv", index=False)

    # A new sentence in front shifts every row; re-spacing does not lose the review.
    wrapped = CIRCULAR.replace(" has ", "  has ")
    (corpus / "a.txt").write_text(
        f"A new first line arrived. {DOUBLED} {wrapped}\n", encoding="utf-8"
    )
    assert _audit(corpus, out) == 0
    again = read_sentences_csv(out / "sentences.csv")
    reviewed = again[again["reviewer_verdict"] != ""]
    assert len(reviewed) == 1
    assert normalise(reviewed.iloc[0]["text"]) == CIRCULAR
    assert reviewed.iloc[0]["reviewer_note"] == "a quote, intended"
    assert reviewed.index[0] != table.index[table["text"] == CIRCULAR][0]


def test_baseline_from_reviewer_suppresses_only_accepted_and_counts(corpus, tmp_path):
    out = tmp_path / "out"
    _audit(corpus, out)
    table = read_sentences_csv(out / "sentences.csv")
    table.loc[table["text"] == CIRCULAR, "reviewer_verdict"] = "Accepted"
    table.to_csv(out / "sentences.csv", index=False)
    baseline = tmp_path / "mtaudit-baseline.json"
    assert main(["baseline", "create", str(out), "-o", str(baseline)]) == 0
    data = json.loads(baseline.read_text())
    assert [e["check"] for e in data["entries"]] == ["REP-003"]
    assert data["entries"][0]["sentence"] == sentence_hash(CIRCULAR)

    out2 = tmp_path / "out2"
    assert _audit(corpus, out2, "--baseline", str(baseline)) == 0
    summary = json.loads((out2 / "summary.json").read_text())
    assert summary["baseline"]["suppressed"] == 1
    assert summary["baseline"]["suppressed_by_check"] == {"REP-003": 1}
    sentences = pd.read_csv(out2 / "sentences.csv", keep_default_na=False)
    by_text = sentences.set_index("text")
    assert by_text.loc[CIRCULAR, "issue_ids"] == ""
    assert by_text.loc[CIRCULAR, "verdict"] == "ok"
    assert "REP-001" in by_text.loc[DOUBLED, "issue_ids"]


def test_baseline_of_all_findings_silences_the_corpus(corpus, tmp_path):
    out = tmp_path / "out"
    _audit(corpus, out)
    baseline = tmp_path / "all.json"
    assert main(["baseline", "create", str(out), "-o", str(baseline), "--all-findings"]) == 0
    assert Baseline.load(baseline).entries == {
        ("a.txt", sentence_hash(DOUBLED), "REP-001"),
        ("a.txt", sentence_hash(CIRCULAR), "REP-003"),
    }
    out2 = tmp_path / "out2"
    _audit(corpus, out2, "--baseline", str(baseline))
    summary = json.loads((out2 / "summary.json").read_text())
    assert summary["totals"]["review"] == 0 and summary["baseline"]["suppressed"] == 2


def test_bad_baseline_is_a_usage_error(corpus, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "entries": [{"doc": "a.txt"}]}))
    assert _audit(corpus, tmp_path / "out", "--baseline", str(bad)) == 2
    assert "every entry needs doc, sentence and check" in capsys.readouterr().err
    assert main(["baseline", "create", str(tmp_path / "nowhere"), "-o", str(bad)]) == 2
