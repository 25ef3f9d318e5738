"""Stage 2 and 3: round-trip every audited sentence and measure what came back.

German goes de→en→de and English en→de→en. All sentences of all documents go through the
model in large batches (one call per direction), which is where CTranslate2 is fast. The
round trip is used to *locate* damage (which words did not survive) and as one signal among
many, never as the only score (see FIELD.md: sentence BLEU alone predicts quality poorly).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from sacrebleu.metrics import BLEU, CHRF

from mtaudit.lang.tokens import words
from mtaudit.metrics import sentence_ter
from mtaudit.translate.base import ModelMissing, Translator

log = logging.getLogger("mtaudit")

PIVOT = {"de": "en", "en": "de"}
"""Default pivot per audited language; ``audit(pivot=...)`` or config ``[tool.mtaudit.pivot]``
can route a language through another one for which models are installed."""
CHUNK = 512
"""Sentences per round-trip chunk: a checkpoint for the cache and a progress-bar step."""
RT_COLUMNS = [
    "backtranslation",
    "roundtrip",
    "bt_score",
    "rt_score",
    "fd_orig",
    "fd_rt",
    "fd_gap",
    "rt_chrf",
    "rt_bleu",
    "rt_ter",
    "rt_changed",
    "rt_diff",
]

_CHRF = CHRF()
_BLEU = BLEU(effective_order=True)


@dataclass
class RoundTripStatus:
    """What happened to the round trip, for the terminal, every report and the signature."""

    ran: bool = False
    reason: str = ""
    models: dict[str, str] = field(default_factory=dict)
    sentences: int = 0

    def as_dict(self) -> dict:
        return {
            "ran": self.ran,
            "reason": self.reason,
            "models": self.models,
            "sentences": self.sentences,
        }


TranslatorFactory = Callable[[str, str], Translator]


def load_translators(
    langs: set[str], factory: TranslatorFactory, pivot: Mapping[str, str] = PIVOT
) -> tuple[dict[tuple[str, str], Translator], str]:
    """Both directions for every language present; returns (translators, missing reason).

    The reason names the missing directions once, e.g. "no translation model installed for
    de->en, en->de"; the caller adds how to install them.
    """
    found: dict[tuple[str, str], Translator] = {}
    missing: list[str] = []
    for lang in sorted(langs):
        for pair in ((lang, pivot[lang]), (pivot[lang], lang)):
            if pair in found or "->".join(pair) in missing:
                continue
            try:
                found[pair] = factory(*pair)
            except ModelMissing as exc:
                log.debug("%s", exc)
                missing.append("->".join(pair))
    return found, (f"no translation model installed for {', '.join(missing)}" if missing else "")


def run_roundtrip(
    table: pd.DataFrame,
    translators: Mapping[tuple[str, str], Translator],
    progress: Callable[[int], None] | None = None,
    pivot: Mapping[str, str] = PIVOT,
) -> pd.DataFrame:
    """Add round-trip columns for every audited sentence whose two directions are available.

    Returns a new table; rows without a round trip keep empty strings and NaN scores.
    """
    out = table.copy()
    for col in RT_COLUMNS:
        out[col] = "" if col in ("backtranslation", "roundtrip", "rt_diff") else float("nan")
    out["rt_changed"] = [[] for _ in range(len(out))]
    audited = out["skip_reason"] == ""
    for lang, via in pivot.items():
        fwd, back = translators.get((lang, via)), translators.get((via, lang))
        mask = audited & (out["lang"] == lang)
        if fwd is None or back is None or not mask.any():
            continue
        index = out.index[mask]
        # Chunks bound the work lost to an interruption (the cache keeps finished chunks) and
        # drive the progress bar; each chunk is still large enough for efficient batches.
        for begin in range(0, len(index), CHUNK):
            idx = index[begin : begin + CHUNK]
            _roundtrip_chunk(out, idx, fwd, back)
            if progress:
                progress(len(idx))
    return out


def _roundtrip_chunk(out: pd.DataFrame, idx: pd.Index, fwd: Translator, back: Translator) -> None:
    """Translate, back-translate, score and measure the rows ``idx`` of ``out`` in place."""
    originals = [_flat(t) for t in out.loc[idx, "text"]]
    forward = fwd.translate(originals)
    bts = [t.text for t in forward]
    backward = back.translate(bts)
    rts = [t.text for t in backward]
    # Forced decoding: how likely is the original, and the model's own round trip, given
    # the back-translation? A large gap means the original is not what the model would
    # have written for that meaning: unusual wording, or damage.
    fd_orig = back.score(bts, originals)
    fd_rt = back.score(bts, rts)
    out.loc[idx, "backtranslation"] = bts
    out.loc[idx, "roundtrip"] = rts
    out.loc[idx, "bt_score"] = [t.score for t in forward]
    out.loc[idx, "rt_score"] = [t.score for t in backward]
    out.loc[idx, "fd_orig"] = fd_orig
    out.loc[idx, "fd_rt"] = fd_rt
    out.loc[idx, "fd_gap"] = [r - o for r, o in zip(fd_rt, fd_orig, strict=True)]
    starts = out.loc[idx, "start"].tolist()
    texts = out.loc[idx, "text"].tolist()
    metrics = [roundtrip_metrics(t, rt, s) for t, rt, s in zip(texts, rts, starts, strict=True)]
    for col in ("rt_chrf", "rt_bleu", "rt_ter"):
        out.loc[idx, col] = [m[col] for m in metrics]
    out.loc[idx, "rt_changed"] = pd.Series(
        [m["rt_changed"] for m in metrics], index=idx, dtype=object
    )
    out.loc[idx, "rt_diff"] = [m["rt_diff"] for m in metrics]


def _flat(text: str) -> str:
    """Models translate one line: fold inner line breaks of wrapped sentences into spaces."""
    return " ".join(text.split())


def roundtrip_metrics(original: str, roundtrip: str, offset: int = 0) -> dict:
    """chrF, smoothed sentence BLEU, TER and the original's words that did not come back."""
    if not original.strip():
        return {
            "rt_chrf": float("nan"),
            "rt_bleu": float("nan"),
            "rt_ter": float("nan"),
            "rt_changed": [],
            "rt_diff": "",
        }
    changed, diff = diff_spans(original, roundtrip, offset)
    return {
        "rt_chrf": round(_CHRF.sentence_score(roundtrip, [original]).score, 2),
        "rt_bleu": round(_BLEU.sentence_score(roundtrip, [original]).score, 2),
        "rt_ter": round(sentence_ter(roundtrip, original), 2),
        "rt_changed": changed,
        "rt_diff": diff,
    }


def diff_spans(original: str, roundtrip: str, offset: int = 0) -> tuple[list[tuple[int, int]], str]:
    """Word-level differences as character spans in the original (+ ``offset``).

    Returns the spans and a readable summary such as ``Bürgermeisterin→Bürgermeister``.
    """
    a, b = words(original, offset), words(roundtrip)
    matcher = difflib.SequenceMatcher(
        a=[t.lower for t in a], b=[t.lower for t in b], autojunk=False
    )
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i2 > i1:
            spans.append((a[i1].start, a[i2 - 1].end))
        old = " ".join(t.text for t in a[i1:i2]) or "∅"
        new = " ".join(t.text for t in b[j1:j2]) or "∅"
        parts.append(f"{old}→{new}")
    return spans, "; ".join(parts)
