"""Stage 5: turn the signals of a sentence into ``risk`` (0–1), ``p_major`` and a ``verdict``.

Weights and thresholds come in a :class:`~mtaudit.settings.Settings` value, the same one the
report signature is built from. Two numbers per sentence, for two questions:

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

import math
from functools import lru_cache

import pandas as pd

from mtaudit.checks.base import SEVERITY_WEIGHTS, Finding
from mtaudit.data import json_data
from mtaudit.settings import DEFAULT_SETTINGS, Settings
from mtaudit.signals import features

VERDICTS = ("ok", "review", "garbled", "skipped")


@lru_cache(maxsize=1)
def calibration() -> dict:
    """The shipped logistic regression for ``p_major`` (``data/calibration/weights.json``)."""
    fitted = json_data("calibration/weights.json")
    return {
        "version": fitted["version"],
        "sets": fitted["sets"],
        "thresholds": dict(fitted["thresholds"]),
    }


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def roundtrip_risk(rt_chrf: float, fd_gap: float, settings: Settings = DEFAULT_SETTINGS) -> float:
    """0–1 evidence from the round trip; 0 when no round trip ran."""
    cfg = settings.roundtrip
    parts = []
    if not math.isnan(rt_chrf):
        parts.append(_sigmoid((cfg.chrf_mid - rt_chrf) / cfg.chrf_scale))
    if not math.isnan(fd_gap):
        parts.append(_sigmoid((fd_gap - cfg.gap_mid) / cfg.gap_scale))
    return max(parts) * cfg.weight if parts else 0.0


def calibrated_risk(
    findings: list[Finding],
    text: str,
    source: str = "",
    lang: str = "de",
    xling_sim: float = math.nan,
) -> float:
    """P(major error) from the fitted logistic regression."""
    model = calibration()["sets"]["source_aware" if source.strip() else "target_only"]
    x = model["impute"] | features(findings, text, source, lang, xling_sim)
    return _sigmoid(model["intercept"] + sum(w * x.get(k, 0.0) for k, w in model["coef"].items()))


def sentence_risk(
    findings: list[Finding],
    rt_chrf: float = math.nan,
    fd_gap: float = math.nan,
    settings: Settings = DEFAULT_SETTINGS,
) -> float:
    """Noisy-OR of every finding and the round-trip evidence."""
    keep = 1.0
    for f in findings:
        keep *= 1.0 - settings.finding[f.severity] * f.confidence
    keep *= 1.0 - roundtrip_risk(rt_chrf, fd_gap, settings)
    return round(1.0 - keep, 4)


def verdict(
    risk: float,
    skipped: bool,
    settings: Settings = DEFAULT_SETTINGS,
    findings: list[Finding] = (),
) -> str:
    """``garbled`` at the garbled threshold or with one decisive finding (a major error from
    a check measured precise enough, see :meth:`Settings.decisive`), ``review`` from the
    review threshold or with one precise finding of any severity, else ``ok``."""
    if skipped:
        return "skipped"
    if risk >= settings.thresholds.garbled or any(
        settings.decisive(f.check_id, f.severity, f.confidence) for f in findings
    ):
        return "garbled"
    if risk >= settings.thresholds.review or any(
        settings.precise(f.check_id, f.confidence) for f in findings
    ):
        return "review"
    return "ok"


def score_sentences(
    table: pd.DataFrame, findings: list[list[Finding]], settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """Add ``risk``, ``p_major``, ``verdict``, ``issues``, ``issue_ids`` and ``mqm_penalty``."""
    out = table.copy()
    chrf = out["rt_chrf"] if "rt_chrf" in out else pd.Series(math.nan, index=out.index)
    gap = out["fd_gap"] if "fd_gap" in out else pd.Series(math.nan, index=out.index)
    source = out["source"] if "source" in out else pd.Series("", index=out.index)
    xling = out["xling_sim"] if "xling_sim" in out else pd.Series(math.nan, index=out.index)
    risks, p_major, verdicts, issues, ids, penalties = [], [], [], [], [], []
    for found, c, g, skip, text, src, lang, sim in zip(
        findings,
        chrf,
        gap,
        out["skip_reason"],
        out["text"],
        source,
        out["lang"],
        xling,
        strict=True,
    ):
        skipped = bool(skip)
        risk = 0.0 if skipped else sentence_risk(found, float(c), float(g), settings)
        risks.append(risk)
        p_major.append(
            math.nan if skipped else round(calibrated_risk(found, text, src, lang, float(sim)), 4)
        )
        verdicts.append(verdict(risk, skipped, settings, found))
        issues.append(" | ".join(f"{f.check_id}: {f.message}" for f in found))
        ids.append(",".join(dict.fromkeys(f.check_id for f in found)))
        penalties.append(float(sum(SEVERITY_WEIGHTS[f.severity] for f in found)))
    out["risk"] = risks
    out["p_major"] = p_major
    out["verdict"] = verdicts
    out["issues"] = issues
    out["issue_ids"] = ids
    out["mqm_penalty"] = penalties
    out["findings"] = [[f.as_dict() for f in found] for found in findings]
    return out


def document_verdict(
    audited: int,
    review: int,
    garbled: int,
    mqm_per_100_words: float = 0.0,
    settings: Settings = DEFAULT_SETTINGS,
) -> str:
    """Summarise a document: garbled when too large a share of its sentences is garbled, or
    when its findings add up to one major error (MQM 5) per 100 words or more."""
    if audited == 0:
        return "skipped"
    doc = settings.document
    if garbled / audited >= doc.garbled_share or mqm_per_100_words >= doc.mqm_per_100_words:
        return "garbled"
    if (review + garbled) / audited > doc.review_share:
        return "review"
    return "ok"
