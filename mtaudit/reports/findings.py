"""Findings as machine-readable records: the ``mtaudit.findings/1`` schema and its outputs.

One record per finding (README, "Finding fields"), made here once and rendered as the JSON
envelope, JSON Lines, GitHub Actions workflow commands, GitLab Code Quality JSON, ruff-style
statistics, the ``.findings`` table of the Python API and the extra columns of findings.csv.

Locations: for a text file ``offset``/``length`` count characters (code points) into the
decoded file and ``line``/``column`` are 1-based (code points); Markdown and subtitle files
are text files (their markup is blanked for the checks, not removed). For a bilingual input
(XLIFF, PO, TMX, TSV/CSV pairs, line-aligned files) ``line`` is the line of the pair's unit
in its file (the ``<trans-unit>``/``<segment>`` element, the PO ``msgstr``, the TMX target
``<tuv>``, the table row) and ``offset``/``column`` count within the pair's target text.
Document pairs aligned by sentence length (:mod:`mtaudit.align`) follow the text-file rules
in the target file.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import os
from collections import Counter
from pathlib import Path

from mtaudit import __version__
from mtaudit.lazy import pandas as pd
from mtaudit.reports.reviewer import sentence_hash

SCHEMA = "mtaudit.findings/1"
FINDING_FIELDS = (
    "file",
    "doc",
    "sent_id",
    "rule",
    "category",
    "severity",
    "confidence",
    "message",
    "offset",
    "length",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
    "replacements",
    "risk",
    "verdict",
)
OUTPUT_FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab")
GITHUB_LEVEL = {"critical": "error", "major": "warning", "minor": "notice"}
GITLAB_SEVERITY = {"critical": "critical", "major": "major", "minor": "minor"}


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class LineIndex:
    """Line starts of one text, so each finding's line and column cost a binary search
    instead of a scan of the text before it (a 1 MB file can have thousands of findings)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        at = text.find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def display_path(path: Path | str) -> str:
    """The path relative to the working directory when it lies below it, else absolute."""
    absolute = Path(os.path.abspath(path))
    for base, candidate in ((Path.cwd(), absolute), (Path.cwd().resolve(), absolute.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()


def file_of(result, doc: str) -> str:
    return display_path(result.paths.get(doc, Path(doc)))


def _unit_line(row) -> int:
    value = getattr(row, "unit_line", 0)
    try:
        return int(value) if value == value and value else 0  # NaN for monolingual rows
    except (TypeError, ValueError):
        return 0


def locate(result, row, f: dict, index: LineIndex | None = None) -> dict:
    """offset, length, line, column, end_line, end_column and the flagged text of a finding;
    ``index`` is the document's :class:`LineIndex` when the caller keeps one."""
    text = result.texts.get(row.doc, "")
    start, end = int(f["start"]), int(f["end"])
    unit = _unit_line(row)
    if unit:  # bilingual: the unit's line in the file, columns within its target text
        offset = start - int(row.start)
        column, end_column = offset + 1, end - int(row.start) + 1
        line = end_line = unit
    else:
        offset = start
        index = index or LineIndex(text)
        line, column = index.line_column(start)
        end_line, end_column = index.line_column(end)
    return {
        "offset": offset,
        "length": end - start,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": text[start:end],
    }


def _record(result, row, f: dict, file: str, index: LineIndex | None) -> dict:
    where = locate(result, row, f, index)
    risk = float(row.risk)
    return {
        "file": file,
        "doc": row.doc,
        "sent_id": int(row.sent_id),
        "rule": f["id"],
        "category": f["category"],
        "severity": f["severity"],
        "confidence": f.get("confidence", 1.0),
        "message": f["message"],
        **where,
        "replacements": list(f.get("replacements", [])),
        "risk": None if math.isnan(risk) else round(risk, 4),
        "verdict": row.verdict,
    }


def iter_findings(result, suppressed: bool = False):
    """(row, finding dict, record) for every finding; ``suppressed`` gives the suppressed
    ones instead (each record then has a ``suppression`` entry)."""
    column = "suppressed" if suppressed else "findings"
    if column not in result.sentences or not len(result.sentences):
        return
    files: dict[str, str] = {}
    indexes: dict[str, LineIndex] = {}
    for row in result.sentences.itertuples():
        for f in getattr(row, column) or ():
            if row.doc not in files:
                files[row.doc] = file_of(result, row.doc)
                indexes[row.doc] = LineIndex(result.texts.get(row.doc, ""))
            record = _record(result, row, f, files[row.doc], indexes[row.doc])
            if suppressed:
                record["suppression"] = dict(f["suppression"])
            yield row, f, record


def finding_records(result, suppressed: bool = False) -> list[dict]:
    return [record for _, _, record in iter_findings(result, suppressed)]


def findings_frame(result) -> pd.DataFrame:
    """The findings of an audit as a table, one row per finding, columns FINDING_FIELDS."""
    return pd.DataFrame(finding_records(result), columns=list(FINDING_FIELDS))


def findings_by_rule(sentences: pd.DataFrame) -> dict[str, int]:
    """Active (not suppressed) findings per rule, most frequent first."""
    counts: Counter = Counter()
    if "findings" in sentences and len(sentences):
        for found in sentences["findings"]:
            counts.update(f["id"] for f in found)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _by_rule(result) -> dict[str, int]:
    """The audit's findings per rule: from its summary, which counts every batch, also
    when only some sentences were kept."""
    if "findings_by_rule" in result.summary:
        return result.summary["findings_by_rule"]
    return findings_by_rule(result.sentences)


def envelope(result) -> dict:
    """The JSON document of ``--output-format json``: schema, findings, suppressed findings,
    counts and the audit's state."""
    summary = result.summary
    return {
        "schema": SCHEMA,
        "mtaudit": __version__,
        "findings": finding_records(result),
        "suppressed_findings": finding_records(result, suppressed=True),
        "findings_by_rule": _by_rule(result),
        "suppressed": summary.get("suppressed", {}),
        "totals": summary.get("totals", {}),
        "roundtrip": summary.get("roundtrip", {}),
        **({"lm": summary["lm"]} if "lm" in summary else {}),
        "notes": skipped_stages(result),
    }


def render_json(result) -> str:
    return json.dumps(envelope(result), indent=2, ensure_ascii=False, default=str)


def render_jsonl(result) -> str:
    """One finding per line, each carrying ``schema``; no header line, so any line can be
    read on its own (``grep``, ``jq -c``)."""
    lines = [
        json.dumps({"schema": SCHEMA, **record}, ensure_ascii=False, default=str)
        for record in finding_records(result)
    ]
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result, extra: list[tuple[str, str]] = ()) -> str:
    """GitHub Actions workflow commands (``::warning file=…,line=…::message``), one per
    finding: critical ``error``, major ``warning``, minor ``notice``. Bilingual findings
    carry the unit's line only. ``extra`` adds (level, message) lines without a file."""
    out = []
    for row, _, r in iter_findings(result):
        props = [f"file={_escape_property(r['file'])}", f"line={r['line']}"]
        if not is_bilingual(row):
            props += [f"col={r['column']}", f"endLine={r['end_line']}"]
            props.append(f"endColumn={r['end_column']}")
        props.append(f"title={_escape_property(r['rule'])}")
        message = f"{r['message']} [{r['text']}]" if r["text"] else r["message"]
        level = GITHUB_LEVEL.get(r["severity"], "warning")
        out.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    out += [f"::{level}::{_escape_data(message)}" for level, message in extra]
    return "\n".join(out)


def is_bilingual(row) -> bool:
    """True for a row of a bilingual input, whose locations are the unit's line."""
    return _unit_line(row) > 0


def fingerprint(record: dict, row) -> str:
    """Stable across unrelated edits: file, sentence text, rule and the offset in the
    sentence (not the line, which moves when text is inserted above)."""
    in_sentence = record["offset"] - (0 if is_bilingual(row) else int(row.start))
    key = "\0".join(
        [
            record["file"],
            sentence_hash(row.text),
            record["rule"],
            str(in_sentence),
            str(record["length"]),
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def gitlab(result) -> list[dict]:
    """GitLab Code Quality report (a Code Climate subset): one issue per finding."""
    issues, seen = [], Counter()
    for row, _, r in iter_findings(result):
        fp = fingerprint(r, row)
        seen[fp] += 1
        if seen[fp] > 1:  # two identical findings: keep fingerprints unique
            fp = hashlib.sha256(f"{fp}:{seen[fp]}".encode()).hexdigest()[:32]
        issues.append(
            {
                "type": "issue",
                "description": f"{r['rule']}: {r['message']}",
                "check_name": r["rule"],
                "fingerprint": fp,
                "severity": GITLAB_SEVERITY.get(r["severity"], "minor"),
                "location": {
                    "path": r["file"],
                    "lines": {"begin": r["line"], "end": r["end_line"]},
                },
            }
        )
    return issues


def render_gitlab(result) -> str:
    return json.dumps(gitlab(result), indent=2, ensure_ascii=False)


def statistics(result) -> list[dict]:
    """Findings per rule, most frequent first: count, rule and the check's name."""
    from mtaudit.checks import load_all

    registry = load_all()
    return [
        {"count": n, "rule": rule, "name": getattr(registry.get(rule), "name", "")}
        for rule, n in _by_rule(result).items()
    ]


def render_statistics(result, fmt: str = "text") -> str:
    """``--statistics``: a JSON list for ``json``/``jsonl``, else an aligned table, as ruff."""
    stats = statistics(result)
    if fmt in ("json", "jsonl"):
        return json.dumps(stats, indent=2, ensure_ascii=False)
    if not stats:
        return "no findings"
    width = max(len(str(s["count"])) for s in stats)
    id_width = max(len(s["rule"]) for s in stats)
    return "\n".join(
        f"{s['count']:>{width}}\t{s['rule']:<{id_width}}\t{s['name']}".rstrip() for s in stats
    )


def skipped_stages(result) -> list[str]:
    """A sentence per analysis stage that did not run (round trip, language model)."""
    notes = []
    rt = result.summary.get("roundtrip", {})
    if not rt.get("ran", getattr(result.roundtrip, "ran", False)):
        notes.append(f"round trip skipped: {rt.get('reason') or result.roundtrip.reason}")
    lm = result.summary.get("lm")
    if isinstance(lm, dict) and lm.get("ran") is False:
        notes.append(f"language model skipped: {lm.get('reason') or lm.get('status') or ''}")
    elif isinstance(lm, str) and lm.startswith("skipped"):
        notes.append(f"language model {lm}")
    return [n.rstrip(": ") for n in notes]
