"""What the language model adds on real MT output: WMT en→de MQM dev, major vs none.

    python benchmarks/bench_lm_mqm.py [--per-class N] [--out benchmarks/out/lm_mqm.json]

For a sample of MQM dev segments rated *major* and *none* (``../shared/data``; WMT MQM,
Apache-2.0), each signal is a score of the German target alone or with its English source:

* ``checks``: the default checks' findings on the target, MQM-weighted (minor 1, major 5,
  critical 10), as in the penalty;
* ``lm_mean_logprob`` (negated: improbable is suspect) and ``slor`` (log-probability minus
  the words' unigram log-probability, per token: Lau et al. 2017);
* ``lm_best_gain``: the best gain of an edit the LM proposes or confirms
  (:func:`mtaudit.lm.stage.score_candidates`);
* ``xpmi`` (negated): cross-lingual pointwise mutual information, per token: the target's
  log-probability after the prompt "English: <source>\\nGerman:" minus its log-probability
  alone. A target that says something else than its source gains little from seeing it;
* ``lm_only`` / ``combined``: a logistic regression of the LM signals / of all of the above,
  5-fold cross-validated with the folds grouped by source document.

AUROC of major vs none is reported overall and within length deciles (target words): the
MQM penalty grows with length, so a score that only measures length scores well overall
and 0.5 within a decile.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_detection import auroc  # noqa: E402

from mtaudit.checks import DocumentView, SentenceView, run_on_document, select_checks  # noqa: E402
from mtaudit.lang.tagging import tag  # noqa: E402
from mtaudit.lang.tokens import words  # noqa: E402
from mtaudit.lm import LanguageModel  # noqa: E402
from mtaudit.lm.cache import LMCache  # noqa: E402
from mtaudit.lm.stage import LMSettings, _unigram, score_candidates  # noqa: E402

DATA = HERE.parent.parent / "shared" / "data" / "mqm_dev_ende.tsv"
WEIGHT = {"minor": 1, "major": 5, "critical": 10}
PROMPT = "English: {source}\nGerman:"


def xpmi(lm, source: str, target: str, alone: float) -> float:
    """log p(target | source prompt) - log p(target), summed over the target's tokens."""
    prefix = PROMPT.format(source=source)
    scores = lm.token_logprobs(f"{prefix} {target}")
    pairs = zip(scores.tokens, scores.logprobs, strict=True)
    prompted = sum(lp for t, lp in pairs if t.end > len(prefix))
    return prompted - alone


def features(row, checks, lm, cache, settings) -> dict:
    target = " ".join(str(row.target).split())
    view = SentenceView(text=target, lang="de", doc="<mqm>")
    found = run_on_document(DocumentView("<mqm>", "de", [view], target), checks)[0]
    scored = score_candidates(lm, target, "de", found, 0, settings, tag(words(target), "de"), cache)
    best = scored.best()
    n = max(scored.tokens, 1)
    return {
        "words": len(target.split()),
        "checks": sum(WEIGHT.get(f.severity, 1) for f in found),
        "lm_mean_logprob": -scored.total / n,
        "slor": -(scored.total - _unigram(target, "de")) / n,
        "lm_best_gain": best[1] if best else 0.0,
        "xpmi": -xpmi(lm, " ".join(str(row.source).split()), target, scored.total) / n,
    }


def within_deciles(frame: pd.DataFrame, col: str) -> float | None:
    """Mean AUROC (weighted by rows) within target-length deciles."""
    deciles = pd.qcut(frame["words"].rank(method="first"), 10, labels=False)
    total, weight = 0.0, 0
    for _, part in frame.groupby(deciles):
        pos = part.loc[part["major"], col].tolist()
        neg = part.loc[~part["major"], col].tolist()
        a = auroc(pos, neg)
        if a is not None:
            total += a * len(part)
            weight += len(part)
    return round(total / weight, 4) if weight else None


def _logistic(x: np.ndarray, y: np.ndarray, steps: int = 2000, l2: float = 1e-2) -> np.ndarray:
    """Weights (bias last) of an L2-regularised logistic regression, by gradient descent."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.1 * (x.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0])
    return w


def combined(frame: pd.DataFrame, cols: list[str], folds: int = 5) -> np.ndarray:
    """Cross-validated logistic-regression score of ``cols``: folds by source document,
    features standardised on each training part."""
    x, y = frame[cols].to_numpy(float), frame["major"].to_numpy(float)
    docs = sorted(set(frame["doc"]))
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    fold = frame["doc"].map(fold_of).to_numpy()
    out = np.zeros(len(frame))
    for k in range(folds):
        train, test = fold != k, fold == k
        mean, std = x[train].mean(0), x[train].std(0) + 1e-9
        w = _logistic((x[train] - mean) / std, y[train])
        z = np.hstack([(x[test] - mean) / std, np.ones((test.sum(), 1))])
        out[test] = 1 / (1 + np.exp(-z @ w))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per-class", type=int, default=200)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "lm_mqm.json")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    data = pd.read_csv(DATA, sep="\t", keep_default_na=False)
    data = data[data["severity_class"].isin(["major", "none"]) & (data["target"].str.len() < 400)]
    sample = pd.concat(
        part.sample(min(args.per_class, len(part)), random_state=args.seed)
        for _, part in data.groupby("severity_class")
    )
    checks = select_checks()
    lm = LanguageModel()
    cache = LMCache(HERE / "out" / "lm-cache.db")
    settings = LMSettings()
    rows = []
    for i, row in enumerate(sample.itertuples()):
        rows.append({"major": row.severity_class == "major", "doc": f"{row.year}/{row.doc}"})
        rows[-1] |= features(row, checks, lm, cache, settings)
        if i % 50 == 0:
            print(f"{i}/{len(sample)}", file=sys.stderr)
    frame = pd.DataFrame(rows)
    frame.to_csv(args.out.with_suffix(".tsv"), sep="\t", index=False)
    signals = ["checks", "lm_mean_logprob", "slor", "lm_best_gain", "xpmi"]
    frame["lm_only"] = combined(frame, signals[1:])
    frame["combined"] = combined(frame, signals)
    frame["length"] = frame["words"]
    result = {"n": {"major": int(frame["major"].sum()), "none": int((~frame["major"]).sum())}}
    for col in ["length", *signals, "lm_only", "combined"]:
        pos, neg = frame.loc[frame["major"], col].tolist(), frame.loc[~frame["major"], col].tolist()
        result[col] = {
            "auroc": auroc(pos, neg),
            "auroc_within_length_deciles": within_deciles(frame, col),
        }
    result["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print("| signal | AUROC | AUROC within length deciles |")
    print("|---|---:|---:|")
    for col in ["length", *signals, "lm_only", "combined"]:
        r = result[col]
        print(f"| {col} | {r['auroc']} | {r['auroc_within_length_deciles']} |")
    print(json.dumps(result["n"]), f"{result['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
