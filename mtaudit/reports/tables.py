"""CSV and JSON reports: views of the audit tables, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

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
    "confidence",
]


def findings_table(sentences: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """One row per finding, with the flagged words cut from the original text."""
    rows = []
    for r in sentences.itertuples():
        for f in r.findings:
            rows.append(
                {
                    "doc": r.doc,
                    "sent_id": r.sent_id,
                    **f,
                    "words": texts.get(r.doc, "")[f["start"] : f["end"]],
                }
            )
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    return write_atomic(path, frame.to_csv(index=False))


def write_json(data: dict, path: Path) -> Path:
    return write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
