"""Report writers: every output mtaudit produces is a view of the audit tables, made here.

Files (CSV, JSON, HTML) are written atomically; terminal text, the gate's JSON, JUnit and
SARIF, and the check catalogue are rendered as strings for the command line to print.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from dataclasses import asdict, replace
from pathlib import Path

from mtaudit.lazy import pandas as pd
from mtaudit.reports.atomic import AtomicFile
from mtaudit.reports.findings import OUTPUT_FORMATS
from mtaudit.reports.tables import (
    SENTENCE_REPORT_COLUMNS,
    csv_text,
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
    with ReportWriter(out_dir, verdicts) as writer:
        writer.add(result)
        return writer.close(result)


def stream_reports(run, out_dir: str | Path | None, verdicts=None, keep=None):
    """Audit ``run`` (a :class:`mtaudit.pipeline.AuditRun`) batch by batch, writing each
    batch's rows and pages to ``out_dir`` as it is done (None: no reports); returns the
    run's result and the paths written.

    ``keep`` reduces each batch to what the caller still needs once its reports are
    written (see :func:`keep_flagged`); by default the whole batch is kept.
    """
    writer = ReportWriter(out_dir, verdicts) if out_dir is not None else None
    with writer or contextlib.nullcontext():
        kept = []
        for part in run.parts():
            if writer is not None:
                writer.add(part)
            kept.append(part if keep is None else keep(part))
            del part
        result = run.result(kept)
        return result, (writer.close(result) if writer is not None else [])


def keep_flagged(top: int | None = None, texts: bool = False):
    """A ``keep`` for :func:`stream_reports`: a batch's sentences that carry a finding
    (active or suppressed) or a review/garbled verdict; with ``top``, only the ``top``
    flagged ones of highest risk (what the terminal summary shows); the documents' texts
    only with ``texts`` (line and column of each finding)."""

    def keep(part):
        table = part.sentences
        if top is not None:
            flagged = table[table["verdict"].isin(["garbled", "review"])]
            rows = flagged.nlargest(top, "risk") if top > 0 else flagged.iloc[:0]
        else:
            noted = pd.Series(
                [
                    bool(f) or bool(s)
                    for f, s in zip(table["findings"], table["suppressed"], strict=True)
                ],
                index=table.index,
                dtype=bool,
            )
            rows = table[table["verdict"].isin(["garbled", "review"]) | noted]
        shown = set(rows["doc"])
        kept_texts = {d: t for d, t in part.texts.items() if d in shown} if texts else {}
        # The run's result takes its documents and summary from the run, not the parts.
        return replace(
            part, sentences=rows, texts=kept_texts, documents=part.documents.iloc[:0], summary={}
        )

    return keep


class ReportWriter:
    """The report folder of one audit, written as its batches come (:meth:`add`) and
    finished by :meth:`close`.

    Rows are appended to sentences.csv and findings.csv under temporary names and each
    document's HTML page is written as soon as its batch is done; documents.csv,
    summary.json and the index follow at the end, when the CSVs take their names. Every
    file is replaced atomically: an audit that stops half-way leaves the previous tables
    (the temporary files are removed), and only the pages of documents already done are new.
    """

    def __init__(self, out_dir: str | Path, verdicts=None) -> None:
        from mtaudit.reports.html import IndexData
        from mtaudit.reports.reviewer import ReviewerColumns, read_verdicts

        if verdicts is not None and not isinstance(verdicts, dict):
            verdicts = read_verdicts([verdicts] if isinstance(verdicts, str | Path) else verdicts)
        self.out = prepare_out_dir(out_dir)
        previous = self.out / "sentences.csv"
        try:
            self.reviews = ReviewerColumns(previous, verdicts)
        except ValueError as exc:
            # Keep the unreadable file (it may hold a reviewer's work) instead of overwriting it.
            kept = previous.with_name(f"sentences.csv.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
            previous.replace(kept)
            log.warning("%s; kept it as %s, reviewer columns were not carried over", exc, kept)
            self.reviews = ReviewerColumns(None, verdicts)
        self.index = IndexData()
        self.registry = None
        self._tables = {
            name: AtomicFile(self.out / name) for name in ("sentences.csv", "findings.csv")
        }
        self._rows = dict.fromkeys(self._tables, 0)

    def add(self, part) -> None:
        """Write one batch (an :class:`~mtaudit.pipeline.AuditResult` of some documents)."""
        from mtaudit.checks import load_all
        from mtaudit.reports.html import review_map, write_pages

        if self.registry is None:
            self.registry = load_all()
        table = part.sentences.reindex(columns=SENTENCE_REPORT_COLUMNS)
        sentences = self.reviews.add(table)
        self._append("sentences.csv", sentences)
        self._append("findings.csv", findings_csv(part))
        reviewed = review_map(sentences)
        self.index.add(sentences, reviewed, part.texts)
        write_pages(part, self.out, self.registry, reviewed)

    def close(self, result) -> list[Path]:
        """Finish with the whole audit's documents and summary; returns the paths of the
        tables and the HTML index."""
        from mtaudit.reports.html import write_index

        self.reviews.warn_unmatched()
        for name, out in self._tables.items():
            if not self._rows[name]:  # no batch: still a header
                frame = result.sentences.reindex(columns=SENTENCE_REPORT_COLUMNS).iloc[:0]
                out.write(csv_text(frame if name == "sentences.csv" else findings_csv(result)))
        sentences = self._tables["sentences.csv"].commit()
        documents = write_csv(result.documents, self.out / "documents.csv")
        findings = self._tables["findings.csv"].commit()
        summary = write_json(result.summary, self.out / "summary.json")
        index = write_index(result, self.out, self.index, self.registry)
        return [sentences, documents, findings, summary, index]

    def discard(self) -> None:
        """Remove the unfinished tables (the previous ones stay)."""
        for out in self._tables.values():
            out.discard()

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self.discard()

    def _append(self, name: str, frame) -> None:
        self._tables[name].write(csv_text(frame, header=not self._rows[name]))
        self._rows[name] += 1


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
