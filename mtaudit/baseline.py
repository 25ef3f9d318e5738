"""Baselines: findings that are known and accepted, as linters keep them.

A baseline lists findings keyed by (document, sentence text hash, check id);
``mtaudit audit --baseline FILE`` drops those findings before scoring and counts them in the
summary so nothing disappears silently. ``mtaudit baseline create`` writes one from a report
folder, by default from the sentences a reviewer accepted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mtaudit import __version__
from mtaudit.reports.atomic import write_atomic
from mtaudit.reports.reviewer import (
    apply_verdicts,
    normalise,
    read_sentences_csv,
    read_verdicts,
    sentence_hash,
)

ACCEPTED = frozenset({"accepted", "accept", "ok"})
BASELINE_VERSION = 1


@dataclass
class Baseline:
    """Accepted findings keyed by (doc, sentence hash, check id)."""

    entries: set[tuple[str, str, str]] = field(default_factory=set)
    path: str = ""

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """Read a baseline file; a malformed one is a ValueError naming the problem."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            why = "not a UTF-8 JSON file" if isinstance(exc, UnicodeDecodeError) else exc
            raise ValueError(f"cannot read baseline {path}: {why}") from exc
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise ValueError(f"baseline {path}: expected an object with version {BASELINE_VERSION}")
        try:
            entries = {(e["doc"], e["sentence"], e["check"]) for e in data["entries"]}
        except (KeyError, TypeError) as exc:
            raise ValueError(
                f"baseline {path}: every entry needs doc, sentence and check ({exc})"
            ) from exc
        return cls(entries, str(path))

    def suppresses(self, doc: str, sentence: str, check_id: str) -> bool:
        """True when the finding of ``check_id`` in the sentence with hash ``sentence`` of
        ``doc`` is accepted (see :func:`mtaudit.reports.reviewer.sentence_hash`)."""
        return (doc, sentence, check_id) in self.entries

    def apply(self, table: pd.DataFrame, findings: list[list]) -> tuple[list[list], Counter]:
        """Drop baselined findings (row-aligned with ``table``); return them counted by check.

        The audit applies baselines through :func:`mtaudit.suppressions.apply_suppressions`,
        which also keeps the suppressed findings for SARIF.
        """
        suppressed: Counter = Counter()
        kept = []
        for doc, text, found in zip(table["doc"], table["text"], findings, strict=True):
            h = sentence_hash(text)
            keep = []
            for f in found:
                if self.suppresses(doc, h, f.check_id):
                    suppressed[f.check_id] += 1
                else:
                    keep.append(f)
            kept.append(keep)
        return kept, suppressed

    def report(self, suppressed: Counter) -> dict:
        """The summary block: what was suppressed, so a baseline never hides findings silently."""
        return {
            "file": self.path,
            "entries": len(self.entries),
            "suppressed": sum(suppressed.values()),
            "suppressed_by_check": dict(suppressed),
        }


def _entries(rows: Iterable) -> list[dict]:
    seen: dict[tuple[str, str, str], dict] = {}
    for r in rows:
        for check in filter(None, (c.strip() for c in r.issue_ids.split(","))):
            key = (r.doc, sentence_hash(r.text), check)
            seen.setdefault(
                key,
                {"doc": r.doc, "sentence": key[1], "check": check, "text": normalise(r.text)[:200]},
            )
    return sorted(seen.values(), key=lambda e: (e["doc"], e["check"], e["sentence"]))


def reviewer_verdicts(reports_dir: str | Path, verdicts: Iterable[str | Path] = ()) -> int:
    """How many sentences of a report folder's sentences.csv carry a reviewer verdict,
    with the verdict CSVs ``verdicts`` applied."""
    csv = Path(reports_dir) / "sentences.csv"
    if not csv.exists():
        return 0
    table, _ = apply_verdicts(read_sentences_csv(csv), read_verdicts(verdicts))
    return int((table["reviewer_verdict"].str.strip() != "").sum())


def create_baseline(
    reports_dir: str | Path,
    output: str | Path,
    all_findings: bool = False,
    verdicts: Iterable[str | Path] = (),
) -> int:
    """Write a baseline from a report folder's sentences.csv; return the number of entries.

    ``verdicts`` are verdict CSVs exported from the HTML report; their verdicts replace
    those in sentences.csv for the sentences they list (see
    :func:`mtaudit.reports.reviewer.read_verdicts`).

    By default only sentences whose ``reviewer_verdict`` is accepted/ok are baselined; with
    ``all_findings`` every current finding is, which is how a linter is adopted on an
    existing corpus. When no accepted sentence has a finding (fresh reports) nothing is
    written and 0 is returned: an empty baseline would only hide that nothing was accepted.
    """
    csv = Path(reports_dir) / "sentences.csv"
    if not csv.exists():
        raise ValueError(
            f"no sentences.csv in {reports_dir}: run `mtaudit audit --out {reports_dir}` first"
        )
    table = read_sentences_csv(csv)
    recorded = read_verdicts(verdicts)
    if recorded:
        table, _ = apply_verdicts(table, recorded)
    if not all_findings:
        if "reviewer_verdict" not in table.columns:
            table = table.iloc[0:0]
        else:
            table = table[table["reviewer_verdict"].str.strip().str.lower().isin(ACCEPTED)]
    entries = _entries(table.itertuples())
    if not entries and not all_findings:
        return 0
    data = {
        "version": BASELINE_VERSION,
        "created_by": f"mtaudit {__version__}",
        "source": "all findings" if all_findings else "reviewer accepted",
        "entries": entries,
    }
    write_atomic(Path(output), json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(entries)
