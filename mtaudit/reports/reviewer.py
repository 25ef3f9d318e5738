"""Reviewer columns of sentences.csv, and the sentence key that survives re-wrapping.

Reviewers write ``reviewer_verdict`` and ``reviewer_note`` into sentences.csv. A re-audit
into the same folder carries those columns over, matched by document and normalised
sentence text rather than row number, because a sentence inserted upstream shifts every row.
Verdicts recorded in the HTML report are exported as a verdict CSV (:func:`read_verdicts`)
that ``mtaudit audit --verdicts FILE`` and ``mtaudit baseline create --verdicts FILE`` read.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from pathlib import Path

from mtaudit.lazy import pandas as pd

REVIEWER_COLUMNS = ["reviewer_verdict", "reviewer_note"]
log = logging.getLogger("mtaudit")

VERDICT_FILE_COLUMNS = ["doc", "sent_id", "sentence", "text", *REVIEWER_COLUMNS]
"""The verdict CSV the HTML report exports (``export verdicts``): one row per reviewed
sentence. ``sentence`` is :func:`sentence_hash` of ``text``; cells are quoted and guarded
as in every CSV mtaudit writes (:func:`mtaudit.reports.tables.guard`)."""
HTML_VERDICTS = ("accepted", "rejected")
"""The verdicts the HTML report's buttons write; sentences.csv may hold any word."""

Verdicts = dict[tuple[str, str], tuple[str, str]]


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


def carry_reviewer_columns(
    sentences: pd.DataFrame, previous_csv: Path | None, verdicts: Verdicts | None = None
) -> pd.DataFrame:
    """Add the reviewer columns, filled from ``previous_csv`` where the same sentence exists
    and then from ``verdicts`` (see :func:`read_verdicts`), which win.

    Sentences that are new get empty columns; reviewed sentences that are gone are dropped,
    and verdicts that match no sentence are counted in a warning.
    """
    columns = ReviewerColumns(previous_csv, verdicts)
    out = columns.add(sentences)
    columns.warn_unmatched()
    return out


class ReviewerColumns:
    """:func:`carry_reviewer_columns` for an audit that comes in batches: the previous
    sentences.csv is read once, and a verdict is unmatched only if no batch matched it."""

    def __init__(self, previous_csv: Path | None, verdicts: Verdicts | None = None) -> None:
        self.known = _previous_reviews(previous_csv)
        self.verdicts = verdicts or {}
        self.matched: set[tuple[str, str]] = set()

    def add(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """``sentences`` with the reviewer columns."""
        out = sentences.copy()
        for col in REVIEWER_COLUMNS:
            out[col] = ""
        if self.known:
            carried = [
                self.known.get((d, normalise(t)), ("", ""))
                for d, t in zip(out["doc"], out["text"], strict=True)
            ]
            out["reviewer_verdict"] = [c[0] for c in carried]
            out["reviewer_note"] = [c[1] for c in carried]
        out, matched = _apply(out, self.verdicts)
        self.matched |= matched
        return out

    def warn_unmatched(self) -> int:
        """Log how many verdicts matched no sentence of the audit; return that number."""
        unmatched = len(set(self.verdicts) - self.matched)
        if unmatched:
            log.warning(
                "%d reviewer verdict%s match%s no sentence of this audit (the text changed)",
                unmatched,
                "s" * (unmatched != 1),
                "es" * (unmatched == 1),
            )
        return unmatched


def _previous_reviews(previous_csv: Path | None) -> dict[tuple[str, str], tuple[str, str]]:
    """``{(doc, normalised text): (verdict, note)}`` of the reviewed rows of a sentences.csv."""
    if previous_csv is None or not previous_csv.exists():
        return {}
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
    return known


def read_verdicts(paths) -> Verdicts:
    """Reviewer verdicts from verdict CSVs as ``{(doc, sentence hash): (verdict, note)}``.

    A file is the HTML report's export or any CSV with ``doc``, ``text`` or ``sentence``
    (the hash) and a ``reviewer_verdict`` or ``reviewer_note`` column — a sentences.csv
    works too. A row sets both columns of its sentence, empty ones included, so a verdict
    cleared in the browser is cleared on the re-audit; later rows and files win. A file that
    cannot be used is a ValueError naming it and the problem.
    """
    verdicts: Verdicts = {}
    for path in paths or ():
        path = Path(path)
        if not path.is_file():
            raise ValueError(f"verdict file {path}: no such file")
        table = read_sentences_csv(path)
        columns = set(table.columns)
        missing = [
            need
            for need, ok in (
                ("doc", "doc" in columns),
                ("text or sentence", bool({"text", "sentence"} & columns)),
                ("reviewer_verdict or reviewer_note", bool(set(REVIEWER_COLUMNS) & columns)),
            )
            if not ok
        ]
        if missing:
            raise ValueError(
                f"verdict file {path}: not a verdict CSV (no {', no '.join(missing)} column; "
                f"expected {', '.join(VERDICT_FILE_COLUMNS)})"
            )
        for number, row in enumerate(table.to_dict("records"), start=2):
            text, digest = row.get("text", ""), row.get("sentence", "").strip()
            key = sentence_hash(text) if text else digest
            if not key:
                raise ValueError(f"verdict file {path}: line {number} has no text and no sentence")
            verdicts[(row["doc"], key)] = (
                row.get("reviewer_verdict", "").strip(),
                row.get("reviewer_note", ""),
            )
    return verdicts


def apply_verdicts(table: pd.DataFrame, verdicts: Verdicts) -> tuple[pd.DataFrame, int]:
    """``table`` (doc and text columns) with its reviewer columns set from ``verdicts``;
    also the number of verdicts that matched no sentence (the text changed since)."""
    out, matched = _apply(table, verdicts)
    return out, len(set(verdicts) - matched)


def _apply(table: pd.DataFrame, verdicts: Verdicts) -> tuple[pd.DataFrame, set]:
    """:func:`apply_verdicts`, with the keys of the verdicts that matched a sentence."""
    out = table.copy()
    for col in REVIEWER_COLUMNS:
        if col not in out.columns:
            out[col] = ""
    if not verdicts:
        return out, set()
    keys = [(d, sentence_hash(t)) for d, t in zip(out["doc"], out["text"], strict=True)]
    found = [verdicts.get(k) for k in keys]
    out["reviewer_verdict"] = [
        f[0] if f is not None else v for f, v in zip(found, out["reviewer_verdict"], strict=True)
    ]
    out["reviewer_note"] = [
        f[1] if f is not None else n for f, n in zip(found, out["reviewer_note"], strict=True)
    ]
    return out, set(verdicts) & set(keys)
