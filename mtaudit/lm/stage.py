"""Stage 4b: the language model verifies candidate corrections of every audited sentence.

For each sentence the LM scores the sentence itself and a few edited versions
(:mod:`mtaudit.lm.candidates`): the checks' suggested fixes and morphological neighbours of
the words it finds most surprising and of the words a check flagged. The *gain* of an edit is
how much more probable (in nats, summed over the sentence's tokens) the edited sentence is.

* A finding whose suggested fix the LM prefers by at least ``confirm`` nats is *verified*:
  its confidence rises and its message says so; a finding whose fix the LM finds clearly
  worse than the original (``-confirm``) loses half its confidence.
* An edit no check proposed that gains at least the calibrated margin becomes an
  ``LM-EDIT-001`` finding on the edited words, with the edit as its replacement.

The sentence gets ``lm_`` columns: its log-probability, token count, mean log-probability,
the best gain and the best edit. Scores are cached by model digest and text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

import pandas as pd

from mtaudit.checks.base import Finding
from mtaudit.lm.candidates import Edit, from_findings, neighbours, unique

log = logging.getLogger("mtaudit")

LM_COLUMNS = ["lm_logprob", "lm_tokens", "lm_mean_logprob", "lm_best_gain", "lm_best_edit"]
STAGE_VERSION = "lm-stage-4"  # bump when cached scores change meaning


@dataclass(frozen=True)
class LMSettings:
    """How the LM's preferences become findings. Margins are in nats (natural log)."""

    edit_margins: tuple[tuple[str, str, float], ...] = (
        ("de", "neighbour", 15.9),
        ("de", "deletion", 15.9),
        ("de", "lm", 17.2),
        ("en", "neighbour", 2.3),
        ("en", "deletion", 2.3),
        ("en", "swap", 3.6),
        ("en", "lm", 16.2),
    )
    """(language, edit family, margin): an unprompted edit must make the sentence this much
    more probable to be reported. Calibrated on 300 clean human sentences per language of
    the dev split (``benchmarks/bench_lm.py --target 0.005``: the smallest common quantile
    at which the families together flag at most 0.5% of them; deletions, which clean text
    hardly offers, take the neighbours' margin). 1% was tried first and flagged 2.0% / 2.3%
    of clean German / English test sentences. The LM's own substitutions gain a lot on
    clean text too; an English collocate swapped back gains little unless the text was
    wrong. The English neighbour and swap margins rest on few candidates (55 and 90)."""
    confirm: float = 1.0
    """A check's fix verified (or rejected at minus this) by the LM."""
    surprising: int = 4
    """Words around the most surprising tokens get neighbour edits..."""
    proposals: int = 3
    """...and the model's own top predictions at those tokens (plus deleting the word)."""
    max_candidates: int = 16
    window: int = 5
    """Tokens after an edit whose probabilities still count (see ``edit_gains``)."""
    edit_id: str = "LM-EDIT-001"

    def margin(self, lang: str, origin: str) -> float:
        """The margin of an edit family in a language (infinite when it has none)."""
        for m_lang, family, margin in self.edit_margins:
            if m_lang == lang and family == origin:
                return margin
        return math.inf


@dataclass
class LMStatus:
    """Whether the LM ran, on what, and why not."""

    ran: bool = False
    reason: str = ""
    model: str = ""
    digest: str = ""
    sentences: int = 0
    cached: int = 0
    seconds: float = 0.0
    settings: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "ran": self.ran,
            "reason": self.reason,
            "model": self.model,
            "digest": self.digest,
            "sentences": self.sentences,
            "cached": self.cached,
            "seconds": round(self.seconds, 3),
            "settings": self.settings,
        }

    @property
    def signature(self) -> str:
        return f"{self.model}@{self.digest[:12]}" if self.ran else "none"


def _surprising(scores, k: int) -> list[int]:
    """Indexes of the ``k`` tokens with the lowest log-probability."""
    return sorted(range(len(scores.tokens)), key=lambda i: scores.logprobs[i])[:k]


def _word_start(tok) -> int:
    """A token's text may start with the space before its word."""
    return tok.start + len(tok.text) - len(tok.text.lstrip())


def _proposals(scores, text: str, order: list[int], per_token: int) -> list[list]:
    """The model's own edits at surprising whole-word tokens: its top predictions for that
    position (whole words only) and deleting the word; as [start, end, replacement]."""
    from mtaudit.lang.tokens import words

    spans = {(w.start, w.end) for w in words(text)}
    out = []
    for i in order:
        tok = scores.tokens[i]
        start, end = _word_start(tok), tok.end
        if (start, end) not in spans:
            continue  # part of a longer word: substituting one piece makes a non-word
        word = text[start:end]
        for piece, _ in scores.alternatives[i][:per_token] if scores.alternatives else ():
            alt = piece.strip()
            if piece.startswith(" ") and alt.isalpha() and alt != word:
                out.append([start, end, alt])
        if start > 0 and text[start - 1] == " ":
            out.append([start - 1, end, ""])
    return out


def _key(digest: str, text: str, candidates: list[str]) -> str:
    payload = json.dumps([STAGE_VERSION, digest, text, candidates], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class Scored:
    """One sentence as the LM sees it: its score and the gain of every candidate edit."""

    total: float
    tokens: int
    edits: tuple[tuple[Edit, float], ...]

    def best(self, prompted: bool | None = None) -> tuple[Edit, float] | None:
        """The highest-gain edit; ``prompted`` True/False restricts to the checks' edits or
        to the LM's own."""
        pool = [
            (e, g)
            for e, g in self.edits
            if prompted is None or e.origin.startswith("check:") == prompted
        ]
        return max(pool, key=lambda eg: eg[1], default=None)


def score_candidates(
    lm,
    text: str,
    lang: str,
    findings: list[Finding],
    sentence_start: int,
    settings: LMSettings,
    tagged: list | None = None,
    cache=None,
) -> Scored:
    """Score a sentence and its candidate edits (the checks' fixes and the neighbours of its
    most surprising and its flagged words)."""
    base_key = _key(lm.digest, text, [])
    base = cache.get(base_key) if cache is not None else None
    scores = None
    if base is None:
        scores = lm.token_logprobs(text, top_k=settings.proposals)
        order = _surprising(scores, settings.surprising)
        base = {
            "total": round(scores.total, 4),
            "n": len(scores),
            "surprising": [_word_start(scores.tokens[i]) for i in order],
            "proposals": _proposals(scores, text, order, settings.proposals),
        }
        if cache is not None:
            cache.put(base_key, base)
    positions = list(base["surprising"])
    positions += [p - sentence_start for f in findings for p in (f.start, max(f.start, f.end - 1))]
    edits: list[Edit] = from_findings(findings, sentence_start, text)
    edits += neighbours(text, lang, positions, tagged)
    edits += [Edit(s, e, r, "lm") for s, e, r in base["proposals"]]
    chosen = unique(edits, text, settings.max_candidates)
    candidates = [new for _, new in chosen]
    gains = None
    if candidates:
        key = _key(lm.digest, text, candidates)
        gains = cache.get(key) if cache is not None else None
        if gains is None:
            _, raw = lm.edit_gains(text, candidates, window=settings.window, base=scores)
            gains = [round(g, 4) for g in raw]
            if cache is not None:
                cache.put(key, gains)
    edit_gains = tuple(
        (e, round(g - _frequency_shift(text[e.start : e.end], e.replacement, lang), 4))
        for (e, _), g in zip(chosen, gains or [], strict=True)
    )
    return Scored(base["total"], base["n"], edit_gains)


def _unigram(text: str, lang: str) -> float:
    """Log unigram probability of the words of ``text`` (wordfreq; unknown words 1e-8)."""
    from wordfreq import word_frequency

    from mtaudit.lang.tokens import words

    return sum(math.log(max(word_frequency(w.text, lang), 1e-8)) for w in words(text))


def _frequency_shift(old: str, new: str, lang: str) -> float:
    """How much of an edit's gain word frequency alone explains.

    A language model prefers frequent words and short sentences: deleting any word or
    swapping a rare one for a common one raises a sentence's probability. Subtracting the
    change in unigram log-probability (the SLOR idea, Lau et al. 2017, applied to edits)
    leaves the preference that comes from the words' fit in their context.
    """
    return _unigram(new, lang) - _unigram(old, lang)


def verify_sentence(
    lm,
    text: str,
    lang: str,
    findings: list[Finding],
    sentence_start: int,
    settings: LMSettings,
    tagged: list | None = None,
    cache=None,
    gated: Collection[str] = (),
) -> tuple[dict, list[Finding]]:
    """LM columns and the updated findings (verified, weakened, new) of one sentence; a
    finding of a ``gated`` check is kept only when the LM confirms its fix."""
    scored = score_candidates(lm, text, lang, findings, sentence_start, settings, tagged, cache)
    best = scored.best()
    columns = {
        "lm_logprob": scored.total,
        "lm_tokens": scored.tokens,
        "lm_mean_logprob": round(scored.total / scored.tokens, 4) if scored.tokens else math.nan,
        "lm_best_gain": best[1] if best else 0.0,
        "lm_best_edit": "",
    }
    if best and best[1] > 0:
        edit = best[0]
        columns["lm_best_edit"] = f"{text[edit.start : edit.end]} → {edit.replacement}"
    edits = list(scored.edits)
    return columns, _apply(findings, edits, text, lang, sentence_start, settings, gated)


def _judged(check_id: str) -> bool:
    """Whether the LM's preference counts for this check (:attr:`Check.lm_judges`)."""
    from mtaudit.checks import load_all

    cls = load_all().get(check_id)
    return cls is None or cls.lm_judges


def _apply(
    findings,
    by_edit,
    text: str,
    lang: str,
    sentence_start: int,
    settings: LMSettings,
    gated: Collection[str] = (),
) -> list[Finding]:
    """Verify or weaken the checks' findings; add LM-EDIT findings for strong new edits."""
    out = []
    for f in findings:
        gains = [
            g
            for e, g in by_edit
            if e.origin == f"check:{f.check_id}" and sentence_start + e.start == f.start
        ]
        if f.check_id in gated and (not gains or max(gains) < settings.confirm):
            continue  # a loose check's finding needs the model's agreement
        if not gains or not _judged(f.check_id):
            out.append(f)
            continue
        best = max(gains)
        if best >= settings.confirm:
            out.append(
                replace(
                    f,
                    confidence=max(f.confidence, 0.95),
                    message=f"{f.message} (the language model agrees: +{best:.1f} nats)",
                )
            )
        elif best <= -settings.confirm:
            out.append(
                replace(
                    f,
                    confidence=f.confidence * 0.5,
                    message=f"{f.message} (the language model prefers the "
                    f"original: {best:.1f} nats)",
                )
            )
        else:
            out.append(f)
    flagged = [(f.start, f.end) for f in findings]
    for edit, gain in sorted(by_edit, key=lambda eg: -eg[1]):
        margin = settings.margin(lang, edit.origin)
        if gain < margin or edit.origin.startswith("check:"):
            continue
        start, end = sentence_start + edit.start, sentence_start + edit.end
        if any(s < max(end, start + 1) and start < e for s, e in flagged):
            continue  # a check already explains these words
        old = text[edit.start : edit.end]
        severity = "major" if gain >= 2 * margin else "minor"
        what = f'"{old}" → "{edit.replacement}"' if old else f'insert "{edit.replacement}"'
        if not edit.replacement:
            what = f'delete "{old}"'
        out.append(
            Finding(
                check_id=settings.edit_id,
                message=(
                    f"the language model finds the sentence much more probable with "
                    f"{what} (+{gain:.1f} nats)"
                ),
                start=start,
                end=max(end, start + 1),
                severity=severity,
                category="Fluency/Grammar",
                confidence=min(1.0, gain / (2 * margin)),
                replacements=(edit.replacement,),
            )
        )
        break  # one unprompted edit per sentence: the best one
    out.sort(key=lambda f: (f.start, f.check_id))
    return out


def run_lm(
    table: pd.DataFrame,
    findings: list[list[Finding]],
    lm,
    analysis: Callable[[str], str],
    settings: LMSettings = LMSettings(),
    cache=None,
    enabled_edit: bool = True,
    progress: Callable[[int], None] | None = None,
    gated: Collection[str] = (),
) -> tuple[pd.DataFrame, list[list[Finding]], LMStatus]:
    """Add the LM columns and verify the findings of every audited row.

    ``analysis(doc)`` returns a document's analysis text (the checks' view of it), so the
    LM reads what the checks read. Sentences are scored one by one; each costs one pass
    over the sentence and a pass over the tail of every candidate from its first edit on.
    """
    from mtaudit.lang.tagging import tag
    from mtaudit.lang.tokens import words

    started = time.perf_counter()
    out = table.copy()
    for col in LM_COLUMNS:
        out[col] = "" if col == "lm_best_edit" else math.nan
    status = LMStatus(
        ran=True,
        model=lm.model_id,
        digest=lm.digest,
        settings={
            "edit_margins": [list(m) for m in settings.edit_margins],
            "confirm": settings.confirm,
        },
    )
    new_findings = [[f for f in found if f.check_id not in gated] for found in findings]
    edit_settings = settings if enabled_edit else replace(settings, edit_margins=())
    hits_before = cache.hits if cache is not None else 0
    for i, row in enumerate(out.itertuples()):
        if row.skip_reason or row.lang not in ("de", "en"):
            continue
        text = analysis(row.doc)[row.start : row.end]
        if not text.strip():
            continue
        tagged = tag(words(text), row.lang)
        try:
            columns, new_findings[i] = verify_sentence(
                lm, text, row.lang, findings[i], row.start, edit_settings, tagged, cache, gated
            )
        except ValueError as exc:  # a sentence longer than the context
            log.warning("%s#%s: LM skipped for this sentence: %s", row.doc, row.sent_id, exc)
            continue
        for col, value in columns.items():
            out.at[out.index[i], col] = value
        status.sentences += 1
        if progress is not None:
            progress(1)
    status.cached = (cache.hits - hits_before) if cache is not None else 0
    status.seconds = time.perf_counter() - started
    return out, new_findings, status
