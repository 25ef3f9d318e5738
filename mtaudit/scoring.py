"""Stage 5: turn the signals of a sentence into ``risk`` (0–1), ``p_major`` and a ``verdict``.

All weights and thresholds live here, in :data:`WEIGHTS`, and are copied into every
report's signature. Two numbers per sentence, for two questions:

``risk`` — how strong is the *evidence of damage*? A noisy-OR: each finding is an independent
piece of evidence, with a strength set by its MQM severity and the check's confidence; the
round trip adds evidence when the model could not reproduce the sentence. The verdict follows
``risk``, so every ``review``/``garbled`` sentence has findings that explain it. With the
default weights a finding at full confidence means at least ``review``; ``garbled`` (risk >=
0.5) takes one critical finding, or a major one plus any other, or five minor ones.

``p_major`` — the calibrated probability that the sentence holds a major MQM error, from the
logistic regression shipped in ``mtaudit/data/calibration/weights.json`` (fitted by
``benchmarks/fit_calibration.py`` on WMT MQM data, separate weights for target-only and
source-aware sentences). It is reported, not used for the verdict: on that data it is carried
mostly by sentence length (see BENCHMARKS.md), which is not evidence a reviewer can act on.
Round-trip weights are *untrained* until real models can be measured.
"""

from __future__ import annotations

import json
import math
from importlib.resources import files

import pandas as pd

from mtaudit.checks.base import SEVERITY_WEIGHTS, Finding
from mtaudit.signals import features

WEIGHTS: dict = {
    "version": "heuristic-1",
    # Probability-like strength of one finding, by MQM severity.
    "finding": {"minor": 0.15, "major": 0.45, "critical": 0.8},
    # Round trip: chrF below `chrf_mid` and a forced-decoding gap above `gap_mid` raise risk.
    "roundtrip": {"weight": 0.3, "chrf_mid": 45.0, "chrf_scale": 10.0, "gap_mid": 1.5,
                  "gap_scale": 0.5, "trained": False},
    "thresholds": {"review": 0.15, "garbled": 0.5},
    # Document verdict: garbled when this share of audited sentences is garbled, or when the
    # MQM penalty reaches one major error (5) per 100 words.
    "document": {"garbled_share": 0.1, "review_share": 0.0, "mqm_per_100_words": 5.0},
}

VERDICTS = ("ok", "review", "garbled", "skipped")


def _load_calibration() -> None:
    """Load the shipped calibration (when present) for ``p_major``."""
    path = files("mtaudit.data").joinpath("calibration", "weights.json")
    if not path.is_file():
        return
    fitted = json.loads(path.read_text(encoding="utf-8"))
    WEIGHTS["calibration"] = {"version": fitted["version"], "sets": fitted["sets"],
                              "thresholds": dict(fitted["thresholds"])}


_load_calibration()


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def roundtrip_risk(rt_chrf: float, fd_gap: float) -> float:
    """0–1 evidence from the round trip; 0 when no round trip ran."""
    cfg = WEIGHTS["roundtrip"]
    parts = []
    if not math.isnan(rt_chrf):
        parts.append(_sigmoid((cfg["chrf_mid"] - rt_chrf) / cfg["chrf_scale"]))
    if not math.isnan(fd_gap):
        parts.append(_sigmoid((fd_gap - cfg["gap_mid"]) / cfg["gap_scale"]))
    return max(parts) * cfg["weight"] if parts else 0.0


def calibrated_risk(findings: list[Finding], text: str, source: str = "", lang: str = "de",
                    xling_sim: float = math.nan) -> float:
    """P(major error) from the fitted logistic regression; NaN when no weights are shipped."""
    if "calibration" not in WEIGHTS:
        return math.nan
    sets = WEIGHTS["calibration"]["sets"]
    model = sets["source_aware" if source.strip() else "target_only"]
    x = model["impute"] | features(findings, text, source, lang, xling_sim)
    return _sigmoid(model["intercept"] + sum(w * x.get(k, 0.0) for k, w in model["coef"].items()))


def sentence_risk(findings: list[Finding], rt_chrf: float = math.nan,
                  fd_gap: float = math.nan) -> float:
    """Noisy-OR of every finding and the round-trip evidence."""
    keep = 1.0
    for f in findings:
        keep *= 1.0 - WEIGHTS["finding"][f.severity] * f.confidence
    keep *= 1.0 - roundtrip_risk(rt_chrf, fd_gap)
    return round(1.0 - keep, 4)


def verdict(risk: float, skipped: bool) -> str:
    if skipped:
        return "skipped"
    if risk >= WEIGHTS["thresholds"]["garbled"]:
        return "garbled"
    if risk >= WEIGHTS["thresholds"]["review"]:
        return "review"
    return "ok"


def score_sentences(table: pd.DataFrame, findings: list[list[Finding]]) -> pd.DataFrame:
    """Add ``risk``, ``p_major``, ``verdict``, ``issues``, ``issue_ids`` and ``mqm_penalty``."""
    out = table.copy()
    chrf = out["rt_chrf"] if "rt_chrf" in out else pd.Series(math.nan, index=out.index)
    gap = out["fd_gap"] if "fd_gap" in out else pd.Series(math.nan, index=out.index)
    source = out["source"] if "source" in out else pd.Series("", index=out.index)
    xling = out["xling_sim"] if "xling_sim" in out else pd.Series(math.nan, index=out.index)
    risks, p_major, verdicts, issues, ids, penalties = [], [], [], [], [], []
    for found, c, g, skip, text, src, lang, sim in zip(
        findings, chrf, gap, out["skip_reason"], out["text"], source, out["lang"], xling,
        strict=True,
    ):
        skipped = bool(skip)
        risk = 0.0 if skipped else sentence_risk(found, float(c), float(g))
        risks.append(risk)
        p_major.append(math.nan if skipped else round(
            calibrated_risk(found, text, src, lang, float(sim)), 4))
        verdicts.append(verdict(risk, skipped))
        issues.append(" | ".join(f"{f.check_id}: {f.message}" for f in found))
        ids.append(",".join(dict.fromkeys(f.check_id for f in found)))
        penalties.append(sum(SEVERITY_WEIGHTS[f.severity] for f in found))
    out["risk"] = risks
    out["p_major"] = p_major
    out["verdict"] = verdicts
    out["issues"] = issues
    out["issue_ids"] = ids
    out["mqm_penalty"] = penalties
    out["findings"] = [[f.as_dict() for f in found] for found in findings]
    return out


def document_verdict(audited: int, review: int, garbled: int,
                     mqm_per_100_words: float = 0.0) -> str:
    """Summarise a document: garbled when too large a share of its sentences is garbled, or
    when its findings add up to one major error (MQM 5) per 100 words or more."""
    if audited == 0:
        return "skipped"
    doc = WEIGHTS["document"]
    if garbled / audited >= doc["garbled_share"] or mqm_per_100_words >= doc["mqm_per_100_words"]:
        return "garbled"
    if (review + garbled) / audited > WEIGHTS["document"]["review_share"]:
        return "review"
    return "ok"
