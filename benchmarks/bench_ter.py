"""Check mtaudit.metrics.sentence_ter against sacrebleu's TER on real MT pairs, and time both.

    python benchmarks/bench_ter.py [--pairs N] [--data DIR] [--seed S]

Pairs come from mqm_dev_ende.tsv: for every (year, seg_id), every ordered pair of two
different rows' ``target`` (different MT systems, and MT output against the human
references, which are rows with is_human 1), i.e. the near-paraphrases the round trip
produces. ``--pairs`` samples that many (0 = all). Reports the exact-match rate (every
mismatch is listed), the mean absolute difference, and ms per pair for both
implementations. Writes a markdown table to stdout and ``benchmarks/out/ter.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import time
from pathlib import Path

import pandas as pd
import sacrebleu
from sacrebleu.metrics import TER

from mtaudit.metrics import TER_SIGNATURE, sentence_ter

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"


def load_pairs(data: Path, limit: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, hypothesis, reference) for ordered pairs of rows sharing (year, seg_id)."""
    mqm = pd.read_csv(data / "mqm_dev_ende.tsv", sep="\t", keep_default_na=False)
    human = mqm["is_human"].astype(str).isin({"1", "True", "true"})
    mqm = mqm.assign(human=human)
    pairs: list[tuple[str, str, str]] = []
    for _, group in mqm.groupby(["year", "seg_id"], sort=True):
        rows = list(zip(group["target"], group["human"], strict=True))
        for (hyp, hyp_human), (ref, ref_human) in itertools.permutations(rows, 2):
            kind = (
                "mt-vs-human"
                if ref_human and not hyp_human
                else ("human-vs-human" if ref_human else "vs-mt")
            )
            pairs.append((kind, hyp, ref))
    if 0 < limit < len(pairs):
        pairs = random.Random(seed).sample(pairs, limit)
    return pairs


def timed(fn, pairs: list[tuple[str, str, str]]) -> tuple[list[float], float]:
    """Scores and wall seconds of one pass over all pairs."""
    start = time.perf_counter()
    scores = [fn(hyp, ref) for _, hyp, ref in pairs]
    return scores, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=3000, help="sample size, 0 = all pairs")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    pairs = load_pairs(args.data, args.pairs, args.seed)
    ter = TER()
    ours, ours_s = timed(sentence_ter, pairs)
    ref_scores, ref_s = timed(lambda h, r: ter.sentence_score(h, [r]).score, pairs)

    mismatches = [
        {"kind": kind, "hypothesis": hyp, "reference": ref, "sacrebleu": a, "ours": b}
        for (kind, hyp, ref), a, b in zip(pairs, ref_scores, ours, strict=True)
        if a != b
    ]
    n = len(pairs)
    by_kind = {k: sum(1 for p in pairs if p[0] == k) for k in sorted({p[0] for p in pairs})}
    lengths = [len(hyp.split()) + len(ref.split()) for _, hyp, ref in pairs]
    result = {
        "signature": TER_SIGNATURE,
        "sacrebleu_version": sacrebleu.__version__,
        "python": platform.python_version(),
        "seed": args.seed,
        "pairs": n,
        "pairs_by_kind": by_kind,
        "mean_words_per_side": round(sum(lengths) / (2 * n), 1),
        "exact_matches": n - len(mismatches),
        "exact_match_rate": (n - len(mismatches)) / n,
        "mean_abs_diff": sum(abs(a - b) for a, b in zip(ref_scores, ours, strict=True)) / n,
        "sacrebleu_ms_per_pair": round(1000 * ref_s / n, 3),
        "ours_ms_per_pair": round(1000 * ours_s / n, 3),
        "speedup": round(ref_s / ours_s, 1),
        "mismatches": mismatches,
    }
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "ter.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    print(
        f"TER on {n} pairs from mqm_dev_ende.tsv ({by_kind}), "
        f"mean {result['mean_words_per_side']} words a side, sacrebleu {sacrebleu.__version__}"
    )
    print()
    print("| implementation | ms / pair | speed-up | exact matches | mean abs diff |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| sacrebleu TER().sentence_score | {result['sacrebleu_ms_per_pair']:.3f} | 1.0x | - | - |"
    )
    print(
        f"| mtaudit.metrics.sentence_ter | {result['ours_ms_per_pair']:.3f} "
        f"| {result['speedup']:.1f}x | {result['exact_matches']}/{n} "
        f"({100 * result['exact_match_rate']:.2f}%) | {result['mean_abs_diff']:.6f} |"
    )
    for m in mismatches:
        print(
            f"MISMATCH sacrebleu={m['sacrebleu']} ours={m['ours']}: "
            f"{m['hypothesis']!r} vs {m['reference']!r}"
        )


if __name__ == "__main__":
    main()
