"""Report writers: every output mtaudit produces is a view of the audit tables, made here.

Files (CSV, JSON, HTML) are written atomically; terminal text, the gate's JSON, JUnit and
SARIF, and the check catalogue are rendered as strings for the command line to print.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from mtaudit.reports.tables import (
    SENTENCE_REPORT_COLUMNS,
    findings_table,
    write_csv,
    write_json,
)

GATE_FORMATS = ("text", "json", "junit", "sarif")


def write_reports(result, out_dir: str | Path) -> list[Path]:
    """Write sentences.csv, documents.csv, findings.csv, summary.json and the HTML pages.

    Reviewer columns already in ``out_dir/sentences.csv`` are carried over (see
    :mod:`mtaudit.reports.reviewer`). Returns the paths of the tables and the HTML index.
    """
    from mtaudit.reports.html import write_html
    from mtaudit.reports.reviewer import carry_reviewer_columns

    out = Path(out_dir)
    sentences = carry_reviewer_columns(
        result.sentences.reindex(columns=SENTENCE_REPORT_COLUMNS), out / "sentences.csv"
    )
    return [
        write_csv(sentences, out / "sentences.csv"),
        write_csv(result.documents, out / "documents.csv"),
        write_csv(findings_table(result.sentences, result.texts), out / "findings.csv"),
        write_json(result.summary, out / "summary.json"),
        write_html(result, out)[0],
    ]


def gate_json(result, outcome, exit_code: int) -> dict:
    return {
        "passed": outcome.passed,
        "exit_code": exit_code,
        "reasons": outcome.reasons,
        "thresholds": asdict(outcome.thresholds),
        "totals": result.summary["totals"],
        "roundtrip": result.summary["roundtrip"],
        "baseline": result.summary.get("baseline"),
        "documents": result.documents[
            [
                "doc",
                "verdict",
                "audited",
                "garbled",
                "review",
                "garbled_share",
                "mqm_per_100_words",
                "errors",
            ]
        ].to_dict("records"),
    }


def render_gate_report(result, outcome, fmt: str, exit_code: int) -> str:
    """The gate's report in one of :data:`GATE_FORMATS`."""
    if fmt == "json":
        return json.dumps(
            gate_json(result, outcome, exit_code), indent=2, ensure_ascii=False, default=str
        )
    if fmt == "junit":
        from mtaudit.reports.junit import junit

        return junit(result, outcome)
    if fmt == "sarif":
        from mtaudit.reports.sarif import sarif

        return json.dumps(
            sarif(result, exit_code, outcome.reasons, successful=not outcome.unreadable),
            indent=2,
            ensure_ascii=False,
        )
    from mtaudit.reports.terminal import render_gate

    return render_gate(result, outcome)
