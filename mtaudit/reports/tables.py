"""CSV and JSON reports: views of the audit tables, written atomically.

CSV cells round-trip exactly (every text cell is quoted, so a lone CR or LF inside a
sentence cannot break a row), with one documented exception: a text cell that a spreadsheet
would run as a formula — one starting with ``=``, ``+``, ``-``, ``@``, a tab or a CR — gets
a leading ``'`` (the OWASP advice against CSV injection). :func:`unguard` undoes it, and
mtaudit's own readers of its CSVs call it; JSON outputs always keep the exact text.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from mtaudit.lazy import pandas as pd
from mtaudit.reports.atomic import write_atomic

SENTENCE_REPORT_COLUMNS = [
    "doc",
    "sent_id",
    "para_id",
    "start",
    "end",
    "lang",
    "kind",
    "text",
    "source",
    "unit_id",
    "unit_state",
    "alignment",
    "align_cost",
    "backtranslation",
    "roundtrip",
    "rt_chrf",
    "rt_bleu",
    "rt_ter",
    "fd_orig",
    "fd_rt",
    "fd_gap",
    "rt_diff",
    "xling_sim",
    "src_chrf",
    "lm_logprob",
    "lm_tokens",
    "lm_mean_logprob",
    "lm_best_gain",
    "lm_best_edit",
    "risk",
    "p_major",
    "verdict",
    "issue_ids",
    "issues",
    "mqm_penalty",
    "skip_reason",
]
FINDING_COLUMNS = [
    "doc",
    "sent_id",
    "id",
    "severity",
    "category",
    "start",
    "end",
    "words",
    "message",
    "replacements",
    "confidence",
    # the findings schema (mtaudit.reports.findings, README "Finding fields")
    "file",
    "rule",
    "offset",
    "length",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
    "risk",
    "verdict",
]


def findings_csv(result) -> pd.DataFrame:
    """findings.csv: :func:`findings_table`'s columns plus every field of the findings
    schema (file, rule, offset, length, line, column, …); replacements as a JSON list."""
    from mtaudit.reports.findings import iter_findings

    rows = [
        {
            **record,
            "id": f["id"],
            "start": f["start"],
            "end": f["end"],
            "words": record["text"],
            "replacements": json.dumps(record["replacements"], ensure_ascii=False),
        }
        for _, f, record in iter_findings(result)
    ]
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def findings_table(sentences: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """One row per finding, with the flagged words cut from the original text; the
    suggested replacements are a JSON list (``[]`` when there is none). The columns of the
    findings schema are left empty here; :func:`findings_csv` fills them."""
    rows = []
    for r in sentences.itertuples():
        for f in r.findings:
            rows.append(
                {
                    "doc": r.doc,
                    "sent_id": r.sent_id,
                    **f,
                    "replacements": json.dumps(f.get("replacements", []), ensure_ascii=False),
                    "words": texts.get(r.doc, "")[f["start"] : f["end"]],
                }
            )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARDED = re.compile(r"'+[=+\-@\t\r]")


def guard(cell: object) -> object:
    """A text cell made safe to open in a spreadsheet (see the module docstring).

    A cell that already starts with quotes before a formula character gets one more, so
    :func:`unguard` can always restore the exact text.
    """
    if isinstance(cell, str) and (cell.startswith(FORMULA_START) or _GUARDED.match(cell)):
        return "'" + cell
    return cell


def unguard(cell: str) -> str:
    """The exact text of a cell written by :func:`write_csv`."""
    return cell[1:] if _GUARDED.match(cell) else cell


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Text cells quoted and guarded, numbers bare; read back with :func:`read_csv`."""
    return write_atomic(path, csv_text(frame))


def csv_text(frame: pd.DataFrame, header: bool = True) -> str:
    """``frame`` as :func:`write_csv` writes it (``header=False``: rows to append)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(guard)
    return safe.to_csv(index=False, header=header, quoting=csv.QUOTE_NONNUMERIC)


def _parser_reason(exc: Exception) -> str:
    """pandas' tokenizer message in words a user can act on."""
    text = str(exc).split("C error:", 1)[-1].strip()
    quoted = re.search(r"EOF inside string starting at row (\d+)", text)
    if quoted:
        return (
            f"a quoted cell starting on data row {quoted.group(1)} is never closed "
            "(unbalanced quotation mark)"
        )
    fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if fields:
        return f"line {fields.group(2)} has {fields.group(3)} fields, the header {fields.group(1)}"
    return text


def read_csv(path: Path) -> pd.DataFrame:
    """A CSV written by :func:`write_csv` with every cell as its exact text.

    Raises ValueError naming the file (and the pandas reason) when it cannot be parsed.
    """
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not a UTF-8 CSV file (byte {exc.start})") from exc
    except pd.errors.EmptyDataError as exc:
        raise ValueError(f"{path}: empty, not a CSV written by mtaudit") from exc
    except pd.errors.ParserError as exc:
        raise ValueError(f"{path}: cannot be read as CSV: {_parser_reason(exc)}") from exc
    return frame.map(unguard) if len(frame) else frame


def write_json(data: dict, path: Path) -> Path:
    return write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
