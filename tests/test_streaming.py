"""Documents stream through the stages in batches and into the reports as each batch is
done: any batch size gives the tables, summary and report files of one batch, and what the
command line keeps of each batch is enough for everything it prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from test_parallel import DOCS as PARALLEL_DOCS

import mtaudit
from mtaudit.cli import main
from mtaudit.pipeline import AuditRun
from mtaudit.reports import keep_flagged, stream_reports, write_reports

DOCS = {
    **{n: PARALLEL_DOCS[n] for n in ("rat.txt", "budget.md", "wetter.txt", "long.txt")},
    "quiet.txt": "The library opens at nine. <!-- mtaudit: ignore REP -->It closes at at six.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    return folder


def _options(**extra) -> dict:
    return {"roundtrip": False, "lm": False, "use_cache": False, "jobs": 1} | extra


def _comparable(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k != "seconds"}


def test_any_batch_size_gives_the_tables_and_summary_of_one_batch(corpus):
    whole = mtaudit.audit([corpus], **_options(batch_sentences=10_000))
    run = AuditRun([corpus], **_options(batch_sentences=1))
    parts = list(run.parts())
    streamed = run.result(parts)
    assert len(parts) == len(DOCS)  # one per readable document; binary.txt rides along
    pd.testing.assert_frame_equal(whole.sentences, streamed.sentences)
    pd.testing.assert_frame_equal(whole.documents, streamed.documents)
    pd.testing.assert_frame_equal(whole.findings, streamed.findings)
    assert _comparable(whole.summary) == _comparable(streamed.summary)
    assert whole.summary["suppressed"]["total"] >= 1  # the inline directive took part
    assert whole.summary["totals"]["garbled"] + whole.summary["totals"]["review"] >= 2


def test_a_batch_never_splits_a_document_and_holds_about_the_size_asked(corpus):
    run = AuditRun([corpus], **_options(batch_sentences=30))
    sizes = []
    for part in run.parts():
        docs = list(dict.fromkeys(part.sentences["doc"]))
        sizes.append(len(part.sentences))
        for doc in docs:  # every sentence of a document is in the same part
            assert len(part.sentences[part.sentences["doc"] == doc]) == int(
                part.documents.loc[part.documents["doc"] == doc, "sentences"].iloc[0]
            )
    assert len(sizes) >= 2
    assert all(size >= 30 for size in sizes[:-1])  # a batch is closed once it has enough


def test_streamed_reports_are_the_reports_of_the_whole_result(corpus, tmp_path):
    verdict_file = tmp_path / "verdicts.csv"
    pd.DataFrame(
        [{"doc": "long.txt", "text": DOCS["long.txt"].splitlines()[20], "reviewer_verdict":
          "accepted", "reviewer_note": "fine"}]
    ).to_csv(verdict_file, index=False)  # fmt: skip
    whole_dir, streamed_dir = tmp_path / "whole", tmp_path / "streamed"
    whole = mtaudit.audit([corpus], **_options())
    write_reports(whole, whole_dir, verdicts=[verdict_file])
    run = AuditRun([corpus], **_options(batch_sentences=1))
    result, written = stream_reports(run, streamed_dir, verdicts=[verdict_file])
    assert [p.name for p in written] == [
        "sentences.csv",
        "documents.csv",
        "findings.csv",
        "summary.json",
        "index.html",
    ]
    for name in ("sentences.csv", "documents.csv", "findings.csv"):
        assert (whole_dir / name).read_bytes() == (streamed_dir / name).read_bytes(), name
    assert "accepted" in (streamed_dir / "sentences.csv").read_text()  # batch 5 of 6
    summaries = [json.loads((d / "summary.json").read_text()) for d in (whole_dir, streamed_dir)]
    assert _comparable(summaries[0]) == _comparable(summaries[1])
    pages = sorted(p.name for p in (whole_dir / "html").iterdir())
    assert pages == sorted(p.name for p in (streamed_dir / "html").iterdir())
    for page in pages:
        a = (whole_dir / "html" / page).read_text()
        b = (streamed_dir / "html" / page).read_text()
        assert a == b, page
    assert not list(streamed_dir.glob(".*.tmp"))


def test_what_the_command_line_keeps_prints_what_the_whole_result_prints(corpus):
    from mtaudit.reports import render_findings
    from mtaudit.reports.terminal import render_summary

    whole = mtaudit.audit([corpus], **_options())
    for keep, render in (
        (keep_flagged(top=3), lambda r: render_summary(r, top=3)),
        (keep_flagged(texts=True), lambda r: render_findings(r, "json")),
        (keep_flagged(texts=True), lambda r: render_findings(r, "sarif")),
        (keep_flagged(texts=True), lambda r: render_findings(r, "junit")),
        (keep_flagged(top=0), lambda r: render_findings(r, "text", top=0)),
    ):
        run = AuditRun([corpus], **_options(batch_sentences=1))
        kept, _ = stream_reports(run, None, keep=keep)
        assert len(kept.sentences) < len(whole.sentences)
        untimed = re.compile(r'time="[0-9.]+"')  # JUnit's seconds differ from run to run
        assert untimed.sub("", render(kept)) == untimed.sub("", render(whole))


def test_the_batch_size_comes_from_the_flag_and_the_config(corpus, tmp_path, capsys):
    from mtaudit.config import ConfigError, parse

    assert parse({"batch-sentences": 500}).audit_kwargs()["batch_sentences"] == 500
    with pytest.raises(ConfigError, match="batch-sentences"):
        parse({"batch-sentences": 0})
    with pytest.raises(ValueError, match="batch_sentences"):
        AuditRun([corpus], batch_sentences=0)
    out = tmp_path / "r"
    flags = ["--no-roundtrip", "--no-lm", "--no-cache", "--out", str(out), "--batch-sentences"]
    assert main(["audit", str(corpus), *flags, "2"]) == 3  # binary.txt is unreadable
    small = capsys.readouterr().out
    assert main(["audit", str(corpus), *flags, "100000"]) == 3
    assert capsys.readouterr().out == small
    assert main(["audit", str(corpus), *flags, "-1"]) == 2


def test_one_pool_of_workers_serves_every_batch(tmp_path, monkeypatch):
    import mtaudit.parallel as parallel

    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(8):
        (corpus / f"d{i}.txt").write_text(
            "".join(f"Report {i} says the the river rose by {n} cm.\n" for n in range(10))
        )

    started = []
    real = parallel.ProcessPoolExecutor

    def counted(*args, **kwargs):
        started.append(kwargs.get("max_workers"))
        return real(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", counted)
    run = AuditRun([corpus], **_options(jobs=2, batch_sentences=20))
    parts = list(run.parts())
    pooled = run.result(parts)
    assert len(parts) == 4 and started == [2]  # four batches of two documents, one pool
    alone = mtaudit.audit([corpus], **_options(jobs=1))
    pd.testing.assert_frame_equal(pooled.sentences, alone.sentences)
    pd.testing.assert_frame_equal(pooled.documents, alone.documents)
