"""What does the mtaudit translation layer cost on top of raw CTranslate2?

Uses the tiny random test package (tests/tinymodel.py), so absolute speeds say nothing about
real models; the point is the fixed per-sentence overhead of tokenizing, length-bucketing,
detokenizing and the SQLite cache, which a real model's decoding time would dwarf.

    python benchmarks/bench_translate_overhead.py [--sentences 2000] [--repeats 5]

Prints a markdown table and writes benchmarks/out/translate_overhead.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def _timed(variants: dict[str, Callable[[], object]], repeats: int) -> dict[str, list[float]]:
    """Round-robin over the variants so drifting machine load hits all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeats):
        for name, fn in variants.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mtaudit-bench-") as tmp:
        work = Path(tmp)
        # Isolate argostranslate and mtaudit from the user's folders before they are imported.
        for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            os.environ[var] = str(work / var.lower())
        os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")

        import ctranslate2
        import tinymodel

        from mtaudit.translate import (
            ArgosTranslator,
            CachedTranslator,
            TranslationCache,
            install_from_file,
        )

        archive = tinymodel.build_pair(work / "built")[("de", "en")]
        translator = ArgosTranslator(install_from_file(archive))
        texts = list(dict.fromkeys(tinymodel.generate_sentences(args.sentences * 2, seed=7)))
        texts = texts[: args.sentences]

        raw = ctranslate2.Translator(
            str(translator.package_path / "model"),
            device="cpu",
            compute_type="auto",
            inter_threads=1,
            intra_threads=len(os.sched_getaffinity(0)),
        )
        tokens = [translator._sp.encode(t, out_type=str) for t in texts]
        longest = max(len(t) for t in tokens)

        def run_raw() -> object:
            return raw.translate_batch(
                tokens,
                max_batch_size=translator.max_batch_size,
                beam_size=translator.beam_size,
                length_penalty=1.0,
                return_scores=True,
                replace_unknowns=True,
                max_decoding_length=2 * longest + 10,
            )

        def run_cold() -> object:
            cache = TranslationCache(work / f"cold-{time.perf_counter_ns()}.db")
            return CachedTranslator(translator, cache).translate(texts)

        warm = CachedTranslator(translator, TranslationCache(work / "warm.db"))
        warm.translate(texts)

        variants = {
            "raw ctranslate2.translate_batch (pre-tokenized)": run_raw,
            "ArgosTranslator.translate (tokenize+translate+detok)": lambda: translator.translate(
                texts
            ),
            "CachedTranslator cold (empty cache)": run_cold,
            "SentencePiece encode only (part of ArgosTranslator)": lambda: translator._sp.encode(
                texts, out_type=str
            ),
            "CachedTranslator warm (all hits)": lambda: warm.translate(texts),
        }
        run_raw()  # warm-up: first call pays one-off allocation costs
        results = _timed(variants, args.repeats)

    base = statistics.median(results[next(iter(results))])
    rows = []
    for name, times in results.items():
        median = statistics.median(times)
        rows.append(
            {
                "variant": name,
                "median_s": round(median, 4),
                "min_s": round(min(times), 4),
                "sentences_per_s": round(len(texts) / median, 1),
                "relative_to_raw": round(median / base, 3),
                "times_s": [round(t, 4) for t in times],
            }
        )
    print(f"{len(texts)} sentences, {args.repeats} runs each, tiny random de->en model\n")
    print("| variant | median s | min s | sentences/s | x raw |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['variant']} | {r['median_s']:.3f} | {r['min_s']:.3f} | "
            f"{r['sentences_per_s']:.0f} | {r['relative_to_raw']:.2f} |"
        )
    report = {
        "sentences": len(texts),
        "repeats": args.repeats,
        "model": translator.model_id,
        "beam_size": translator.beam_size,
        "max_batch_size": translator.max_batch_size,
        "ctranslate2": ctranslate2.__version__,
        "cpu_cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "results": rows,
    }
    out = ROOT / "benchmarks" / "out" / "translate_overhead.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
