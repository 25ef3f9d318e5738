"""Report writers. Each report is a view of the audit tables; every file is written atomically."""

from __future__ import annotations

from pathlib import Path

from mtaudit.reports.tables import (
    SENTENCE_REPORT_COLUMNS,
    findings_table,
    write_csv,
    write_json,
)


def write_reports(result, out_dir: str | Path) -> list[Path]:
    """Write sentences.csv, documents.csv, findings.csv, summary.json and the HTML pages.

    Reviewer columns already in ``out_dir/sentences.csv`` are carried over (see
    :mod:`mtaudit.baseline`). Returns the paths of the tables and the HTML index.
    """
    from mtaudit.baseline import carry_reviewer_columns
    from mtaudit.reports.html import write_html

    out = Path(out_dir)
    sentences = carry_reviewer_columns(result.sentences.reindex(columns=SENTENCE_REPORT_COLUMNS),
                                       out / "sentences.csv")
    return [
        write_csv(sentences, out / "sentences.csv"),
        write_csv(result.documents, out / "documents.csv"),
        write_csv(findings_table(result.sentences, result.texts), out / "findings.csv"),
        write_json(result.summary, out / "summary.json"),
        write_html(result, out)[0],
    ]
