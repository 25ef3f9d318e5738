"""The settings of one audit as one frozen value, and the signature built from it.

Scoring weights, verdict thresholds and the selected checks are passed down as a
:class:`Settings` value instead of living in a module global that configuration patches, so
two audits in one process (or thread) cannot disturb each other, and the signature written
into every report is made from exactly the value the scores were computed with, as
sacrebleu builds its signature from a metric's own arguments.
"""

from __future__ import annotations

import math
import platform
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from types import MappingProxyType

from mtaudit import __version__


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Thresholds:
    """Sentence verdicts: ``review`` from this risk up, ``garbled`` from that one."""

    review: float = 0.15
    garbled: float = 0.5


@dataclass(frozen=True)
class RoundTripWeights:
    """How round-trip evidence enters ``risk``: chrF below ``chrf_mid`` and a forced-decoding
    gap above ``gap_mid`` raise it, to at most ``weight``. Untrained: no real model could be
    measured where these were set."""

    weight: float = 0.3
    chrf_mid: float = 45.0
    chrf_scale: float = 10.0
    gap_mid: float = 1.5
    gap_scale: float = 0.5
    trained: bool = False


@dataclass(frozen=True)
class DocumentThresholds:
    """A document is garbled at this share of garbled sentences or this MQM penalty per
    100 words (one major error), review above ``review_share`` flagged sentences."""

    garbled_share: float = 0.1
    review_share: float = 0.0
    mqm_per_100_words: float = 5.0


def _measured_precision() -> Mapping[str, float]:
    """Each check's precision measured on held-out data (benchmarks/measure_precision.py)."""
    from mtaudit.data import json_data

    checks = json_data("calibration/check_precision.json")["checks"]
    return _frozen({cid: e["precision"] for cid, e in checks.items() if e.get("precision")})


def _precision_version() -> str:
    from mtaudit.data import json_data

    return json_data("calibration/check_precision.json")["version"]


@dataclass(frozen=True)
class Settings:
    """Everything scoring depends on; ``checks`` are the ids of the checks that ran."""

    version: str = "heuristic-1"
    finding: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"minor": 0.15, "major": 0.45, "critical": 0.8})
    )
    """Probability-like strength of one finding at full confidence, by MQM severity."""
    roundtrip: RoundTripWeights = field(default_factory=RoundTripWeights)
    thresholds: Thresholds = field(default_factory=Thresholds)
    document: DocumentThresholds = field(default_factory=DocumentThresholds)
    checks: tuple[str, ...] = ()
    check_precision: Mapping[str, float] = field(default_factory=_measured_precision)
    """Measured precision per check id; unmeasured checks are never decisive."""
    precision_version: str = field(default_factory=_precision_version)
    decisive_precision: float = 0.95
    """A major or critical finding from a check at least this precise makes its sentence
    garbled on its own (one major error makes a sentence bad in MQM terms); a minor one
    makes it at least ``review``. At 0.9, LANG-MIX-001 (0.913; it fires on 2.3% of clean
    German) made 3.2% of the clean German test sentences garbled; at 0.95, 1.1%."""
    decisive_confidence: float = 0.75
    """...when the finding's own confidence is at least this."""

    def with_thresholds(
        self, review: float | None = None, garbled: float | None = None
    ) -> Settings:
        """A copy with the given sentence thresholds (None keeps the current one)."""
        new = Thresholds(
            review=self.thresholds.review if review is None else review,
            garbled=self.thresholds.garbled if garbled is None else garbled,
        )
        validate_thresholds(new)
        return replace(self, thresholds=new)

    def with_checks(self, check_ids) -> Settings:
        return replace(self, checks=tuple(sorted(check_ids)))

    def precise(self, check_id: str, confidence: float) -> bool:
        """Whether one finding alone puts its sentence up for review: its check is measured
        precise enough and the finding is confident (the LM's agreement raises confidence,
        its disagreement halves it)."""
        return (
            confidence >= self.decisive_confidence
            and self.check_precision.get(check_id, 0.0) >= self.decisive_precision
        )

    def decisive(self, check_id: str, severity: str, confidence: float) -> bool:
        """Whether one finding alone makes its sentence garbled: a precise major error."""
        return severity in ("major", "critical") and self.precise(check_id, confidence)

    def as_dict(self) -> dict:
        out = asdict(self)
        out["finding"] = dict(self.finding)
        out["check_precision"] = dict(self.check_precision)
        out["checks"] = list(self.checks)
        return out


DEFAULT_SETTINGS = Settings()


def validate_thresholds(th: Thresholds) -> None:
    """Both in [0, 1] and review not above garbled, or no sentence could ever be 'review'."""
    for name in ("review", "garbled"):
        value = getattr(th, name)
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or math.isnan(value)
            or not 0 <= value <= 1
        ):
            raise ValueError(f"thresholds: {name} must be a number between 0 and 1, got {value!r}")
    if th.review > th.garbled:
        raise ValueError(f"thresholds: review ({th.review}) must not exceed garbled ({th.garbled})")


def signature(
    settings: Settings, roundtrip_models: Mapping[str, str], calibration_version: str, analysis: str
) -> dict:
    """Everything two audits must share to be comparable, as sacrebleu's signatures do."""
    import pysbd
    import sacrebleu

    from mtaudit.metrics import TER_SIGNATURE

    th = settings.thresholds
    models = ",".join(f"{k}={v}" for k, v in sorted(roundtrip_models.items())) or "none"
    return {
        "mtaudit": __version__,
        "weights": settings.version,
        "thresholds": {"review": th.review, "garbled": th.garbled},
        "decisive": {
            "precision": settings.decisive_precision,
            "confidence": settings.decisive_confidence,
            "measured": settings.precision_version,
        },
        "p_major_calibration": calibration_version,
        "roundtrip_models": dict(roundtrip_models),
        "roundtrip_weights_trained": settings.roundtrip.trained,
        "checks": list(settings.checks),
        "analysis": analysis,
        "segmenter": f"pysbd {pysbd.__version__}",
        "sacrebleu": sacrebleu.__version__,
        "roundtrip_metrics": f"chrF2 (sacrebleu), BLEU effective_order, {TER_SIGNATURE}",
        "python": platform.python_version(),
        "text": (
            f"mtaudit:{__version__}|weights:{settings.version}|review:{th.review}"
            f"|garbled:{th.garbled}|checks:{len(settings.checks)}|rt:{models}"
            f"|p_major:{calibration_version}"
        ),
    }
