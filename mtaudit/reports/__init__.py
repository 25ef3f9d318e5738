"""Report writers: every output mtaudit produces is a view of the audit tables, made here.

Files (CSV, JSON, HTML) are written atomically; terminal text, the gate's JSON, JUnit and
SARIF, and the check catalogue are rendered as strings for the command line to print.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from mtaudit.reports.findings import OUTPUT_FORMATS
from mtaudit.reports.tables import (
    SENTENCE_REPORT_COLUMNS,
    findings_csv,
    write_csv,
    write_json,
)

GATE_FORMATS = OUTPUT_FORMATS
"""``gate --format``: the same writers as ``audit --output-format``."""
log = logging.getLogger("mtaudit")


class ReportDirError(ValueError):
    """The report folder cannot be used (a file, under a file, not writable)."""


def prepare_out_dir(out_dir: str | Path) -> Path:
    """Make sure reports can be written to ``out_dir`` before any work is done.

    Creates the folder (and its parents) and writes a probe file; any problem is one
    :class:`ReportDirError` line naming the folder, instead of a traceback after the audit.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ReportDirError(f"--out {out}: exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".mtaudit-probe-", dir=out)
        os.close(fd)
        os.unlink(probe)
    except FileExistsError as exc:
        raise ReportDirError(f"--out {out}: a part of the path is a file") from exc
    except NotADirectoryError as exc:
        raise ReportDirError(f"--out {out}: a part of the path is a file, not a folder") from exc
    except PermissionError as exc:
        raise ReportDirError(f"--out {out}: permission denied, cannot write reports") from exc
    except OSError as exc:
        raise ReportDirError(f"--out {out}: cannot write reports ({exc.strerror or exc})") from exc
    return out


def write_reports(result, out_dir: str | Path, verdicts=None) -> list[Path]:
    """Write sentences.csv, documents.csv, findings.csv, summary.json and the HTML pages.

    Reviewer columns already in ``out_dir/sentences.csv`` are carried over, then set from
    ``verdicts`` — verdict CSVs exported from the HTML report (paths), or what
    :func:`mtaudit.reports.reviewer.read_verdicts` read from them — see
    :mod:`mtaudit.reports.reviewer`. Returns the paths of the tables and the HTML index.
    """
    from mtaudit.reports.html import write_html
    from mtaudit.reports.reviewer import carry_reviewer_columns, read_verdicts

    if verdicts is not None and not isinstance(verdicts, dict):
        verdicts = read_verdicts([verdicts] if isinstance(verdicts, str | Path) else verdicts)

    out = prepare_out_dir(out_dir)
    previous = out / "sentences.csv"
    table = result.sentences.reindex(columns=SENTENCE_REPORT_COLUMNS)
    try:
        sentences = carry_reviewer_columns(table, previous, verdicts)
    except ValueError as exc:
        # Keep the unreadable file (it may hold a reviewer's work) instead of overwriting it.
        kept = previous.with_name(f"sentences.csv.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        previous.replace(kept)
        log.warning("%s; kept it as %s, reviewer columns were not carried over", exc, kept)
        sentences = carry_reviewer_columns(table, None, verdicts)
    return [
        write_csv(sentences, out / "sentences.csv"),
        write_csv(result.documents, out / "documents.csv"),
        write_csv(findings_csv(result), out / "findings.csv"),
        write_json(result.summary, out / "summary.json"),
        write_html(result, out, reviews=sentences)[0],
    ]


def render_findings(
    result, fmt: str, *, exit_code: int = 0, docs_url: str | None = None, top: int = 10
) -> str:
    """``audit --output-format``: the findings on stdout in one of :data:`OUTPUT_FORMATS`
    (``text`` is the terminal summary)."""
    from mtaudit.reports import findings as f

    if fmt == "json":
        return f.render_json(result)
    if fmt == "jsonl":
        return f.render_jsonl(result)
    if fmt == "github":
        return f.render_github(result, [("warning", n) for n in f.skipped_stages(result)])
    if fmt == "gitlab":
        return f.render_gitlab(result)
    if fmt == "junit":
        from mtaudit.reports.junit import junit_findings

        return junit_findings(result)
    if fmt == "sarif":
        from mtaudit.reports.sarif import sarif

        docs = result.documents.itertuples()
        errors = [f"{d.doc}: unreadable: {d.errors}" for d in docs if d.errors]
        log = sarif(result, exit_code, errors, successful=not errors, docs_url=docs_url)
        return json.dumps(log, indent=2, ensure_ascii=False)
    from mtaudit.reports.terminal import render_summary

    return render_summary(result, top=top)


def gate_json(result, outcome, exit_code: int) -> dict:
    from mtaudit.reports.findings import envelope

    return envelope(result) | {
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


def render_gate_report(
    result, outcome, fmt: str, exit_code: int, docs_url: str | None = None
) -> str:
    """The gate's report in one of :data:`GATE_FORMATS`: the JSON adds the verdict to the
    findings envelope, SARIF lists the reasons as notifications, JUnit has a case per
    document, JSON Lines/GitHub/GitLab are the findings (GitHub adds the reasons)."""
    if fmt in ("jsonl", "gitlab"):
        return render_findings(result, fmt)
    if fmt == "github":
        from mtaudit.reports import findings as f

        extra = [("error", f"mtaudit gate: {r}") for r in outcome.reasons]
        extra += [("warning", n) for n in f.skipped_stages(result)]
        return f.render_github(result, extra)
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
            sarif(
                result,
                exit_code,
                outcome.reasons,
                successful=not outcome.unreadable,
                docs_url=docs_url,
            ),
            indent=2,
            ensure_ascii=False,
        )
    from mtaudit.reports.terminal import render_gate

    return render_gate(result, outcome)
