"""Reviewer columns of sentences.csv, and the sentence key that survives re-wrapping.

Reviewers write ``reviewer_verdict`` and ``reviewer_note`` into sentences.csv. A re-audit
into the same folder carries those columns over, matched by document and normalised
sentence text rather than row number, because a sentence inserted upstream shifts every row.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pandas as pd

REVIEWER_COLUMNS = ["reviewer_verdict", "reviewer_note"]


def normalise(text: str) -> str:
    """NFC and collapsed whitespace: re-wrapping a paragraph must not lose a review."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def sentence_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def read_sentences_csv(path: Path) -> pd.DataFrame:
    """sentences.csv with every cell as its exact text (empty, never NaN), as a reviewer
    left it; ValueError naming the file when it cannot be parsed."""
    from mtaudit.reports.tables import read_csv

    return read_csv(path)


def carry_reviewer_columns(sentences: pd.DataFrame, previous_csv: Path | None) -> pd.DataFrame:
    """Add the reviewer columns, filled from ``previous_csv`` where the same sentence exists.

    Sentences that are new get empty columns; reviewed sentences that are gone are dropped.
    """
    out = sentences.copy()
    for col in REVIEWER_COLUMNS:
        out[col] = ""
    if previous_csv is None or not previous_csv.exists():
        return out
    old = read_sentences_csv(previous_csv)
    if not {"doc", "text"} <= set(old.columns):
        raise ValueError(
            f"{previous_csv}: not a sentences.csv written by mtaudit (no doc and text columns)"
        )
    for col in REVIEWER_COLUMNS:
        if col not in old.columns:
            old[col] = ""
    reviewed = old[(old["reviewer_verdict"] != "") | (old["reviewer_note"] != "")]
    known: dict[tuple[str, str], tuple[str, str]] = {}
    for r in reviewed.itertuples():
        known.setdefault((r.doc, normalise(r.text)), (r.reviewer_verdict, r.reviewer_note))
    if not known:
        return out
    carried = [
        known.get((d, normalise(t)), ("", "")) for d, t in zip(out["doc"], out["text"], strict=True)
    ]
    out["reviewer_verdict"] = [c[0] for c in carried]
    out["reviewer_note"] = [c[1] for c in carried]
    return out
