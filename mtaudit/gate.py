"""``mtaudit gate``: decide whether an audit passes the configured thresholds.

The decision only: which documents and which corpus totals exceed a limit, and why. The
command line turns the outcome into an exit code, and :mod:`mtaudit.reports` renders it as
text, JSON, JUnit or SARIF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mtaudit.config import GateThresholds

LIMITS = (  # (threshold field, documents column, what it measures)
    ("max_garbled_share", "garbled_share", "garbled share"),
    ("max_garbled", "garbled", "garbled sentences"),
    ("max_mqm_per_100_words", "mqm_per_100_words", "MQM penalty per 100 words"),
)


@dataclass
class GateOutcome:
    """What the gate found: reasons per document, for the corpus, and unreadable inputs."""

    thresholds: GateThresholds
    documents: dict[str, list[str]] = field(default_factory=dict)
    corpus: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        """Every reason, documents first (``doc: reason``), then the corpus, then errors."""
        return (
            [f"{doc}: {r}" for doc, rs in self.documents.items() for r in rs]
            + self.corpus
            + self.unreadable
        )

    @property
    def passed(self) -> bool:
        return not self.reasons


def document_reasons(documents, th: GateThresholds) -> dict[str, list[str]]:
    """Reasons each readable document fails the per-document limits (empty list: passes)."""
    out: dict[str, list[str]] = {}
    for d in documents.to_dict("records"):
        if d["errors"]:
            continue
        out[d["doc"]] = [
            f"{what} {d[col]:g} > {getattr(th, name):g}"
            for name, col, what in LIMITS
            if getattr(th, name) is not None and d[col] > getattr(th, name)
        ]
    return out


def corpus_reasons(result, th: GateThresholds) -> list[str]:
    """Reasons the corpus as a whole fails (corpus limits and the round-trip requirement)."""
    t = result.summary["totals"]
    measured = {
        "garbled_share": t["garbled"] / t["audited"] if t["audited"] else 0.0,
        "garbled": t["garbled"],
        "mqm_per_100_words": 100 * t["mqm_penalty"] / t["words"] if t["words"] else 0.0,
    }
    reasons = [
        f"corpus {what} {round(measured[col], 4):g} > {getattr(th, 'corpus_' + name):g}"
        for name, col, what in LIMITS
        if getattr(th, "corpus_" + name) is not None
        and measured[col] > getattr(th, "corpus_" + name)
    ]
    if th.require_roundtrip and not result.roundtrip.ran:
        reasons.append(f"round trip required but did not run: {result.roundtrip.reason}")
    return reasons


def evaluate(result, th: GateThresholds) -> GateOutcome:
    """Hold an audit result against the thresholds."""
    return GateOutcome(
        thresholds=th,
        documents=document_reasons(result.documents, th),
        corpus=corpus_reasons(result, th),
        unreadable=[
            f"{d.doc}: unreadable: {d.errors}" for d in result.documents.itertuples() if d.errors
        ],
    )
