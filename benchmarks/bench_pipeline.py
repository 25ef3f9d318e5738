"""Speed and memory of a whole audit: checks only, with the tiny model, cold and cached.

    python benchmarks/bench_pipeline.py [--docs 40] [--per-doc 50]

Scenarios run in fresh subprocesses so each one's peak memory (max RSS) is its own:
- checks:      audit of the corpus with --no-roundtrip
- tiny-cold:   audit of the corpus with the tiny argos models and an empty cache
- tiny-warm:   the same audit again, translations served from the cache
- seeds-cold / seeds-warm: the five seed texts, cold cache then cached re-audit
- rt-overhead: the round-trip stage (tokenise, translate, score, metrics) against
               CTranslate2's own translate_batch + score_batch time for the same sentences,
               model and settings
- rt-overhead-base: the same with random models of Argos's real size (Transformer-base:
               6 layers, 8 heads, d_model 512, ffn 2048, SentencePiece vocabulary 8,000), so
               decoding costs what a real model's does (outputs are still gibberish)
The corpus is clean human text from ../shared/data (German references, English sources),
cut into documents. The tiny model translates into gibberish: its speed is not a real
model's speed, so the overhead ratio here is an upper bound (a real model's decoding time
is far larger while mtaudit's own work stays the same).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "benchmarks" / "out"
REPEATS = 2
sys.path.insert(0, str(ROOT / "tests"))


def build_corpus(folder: Path, docs: int, per_doc: int) -> int:
    """Write `docs` files of `per_doc` clean sentences each (half German, half English)."""
    import pandas as pd

    mqm = pd.read_csv(DATA / "mqm_dev_ende.tsv", sep="\t", keep_default_na=False)
    human = mqm[
        (mqm["is_human"].astype(str).str.lower().isin(["true", "1"]))
        & (mqm["severity_class"] == "none")
    ]
    german = list(dict.fromkeys(human["target"]))
    english = list(dict.fromkeys(mqm["source"]))
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(docs):
        pool = german if i % 2 == 0 else english
        chunk = [pool[(i // 2 * per_doc + j) % len(pool)] for j in range(per_doc)]
        (folder / f"doc{i:03d}.txt").write_text("\n".join(chunk) + "\n", encoding="utf-8")
        total += len(chunk)
    return total


def _child(scenario: str, target: str) -> dict:
    """Run one scenario in this process and report wall time and peak memory.

    ``wall_s`` is the whole process after start-up imports (what a user waits for, minus
    Python start); ``audit_s`` is the audit call alone.
    """
    started = time.perf_counter()
    import mtaudit.pipeline  # noqa: F401 - imports belong to wall_s, not audit_s

    if scenario == "rt-overhead":
        result = _roundtrip_overhead(Path(target))
    else:
        audit_started = time.perf_counter()
        audit = mtaudit.pipeline.audit(
            [target], roundtrip=scenario != "checks", require_roundtrip=scenario != "checks"
        )
        result = {
            "audit_s": round(time.perf_counter() - audit_started, 3),
            "sentences": int((audit.sentences["verdict"] != "skipped").sum()),
        }
    result["wall_s"] = round(time.perf_counter() - started, 3)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def _roundtrip_overhead(corpus: Path) -> dict:
    import pandas as pd

    from mtaudit.documents import discover, read_document
    from mtaudit.roundtrip import PIVOT, roundtrip_metrics, run_roundtrip
    from mtaudit.segment import segment
    from mtaudit.translate import load_translator

    table = pd.concat(
        [segment(read_document(n, p)) for n, p in discover([corpus])], ignore_index=True
    )
    table = table[table["skip_reason"] == ""].reset_index(drop=True)
    translators = {(s, t): load_translator(s, t) for s in PIVOT for t in [PIVOT[s]]}
    for tr in translators.values():  # warm the models up once, outside both timings
        tr.translate(["warm up"])
    # Alternate the two measurements and keep each one's best of REPEATS, so neither side
    # profits from running second (warm allocator, page cache, CPU clock).
    stage = raw = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        done = run_roundtrip(table, translators)
        stage = min(stage, time.perf_counter() - started)
        raw = min(raw, _ctranslate2_alone(table, translators))
    started = time.perf_counter()  # the metrics alone, on the round trips just made
    for text, rt in zip(done["text"], done["roundtrip"], strict=True):
        roundtrip_metrics(text, rt)
    metrics = time.perf_counter() - started
    return {
        "sentences": len(table),
        "stage_s": round(stage, 3),
        "ctranslate2_s": round(raw, 3),
        "metrics_s": round(metrics, 3),
        "overhead_pct": round(100 * (stage - raw) / raw, 1),
        "overhead_without_metrics_pct": round(100 * (stage - metrics - raw) / raw, 1),
    }


def _ctranslate2_alone(table, translators) -> float:
    """Seconds CTranslate2 alone needs for the stage's work on the same inputs."""
    from mtaudit.roundtrip import PIVOT

    raw = 0.0
    for lang, pivot in PIVOT.items():
        fwd, back = translators[(lang, pivot)], translators[(pivot, lang)]
        texts = [" ".join(t.split()) for t in table.loc[table["lang"] == lang, "text"]]
        # Same inputs as the stage: each pass gets the previous pass's output as text,
        # re-tokenised (outside the timer); only CTranslate2's own calls are timed.
        src = fwd._encode(texts)
        t0 = time.perf_counter()
        mid = _raw_translate(fwd, src)
        raw += time.perf_counter() - t0
        mid = back._encode([fwd._decode(t) for t in mid])
        t0 = time.perf_counter()
        rt = _raw_translate(back, mid)
        raw += time.perf_counter() - t0
        rt = back._encode([back._decode(t) for t in rt])
        t0 = time.perf_counter()
        back._model.score_batch(mid, src, max_batch_size=back.max_batch_size)
        back._model.score_batch(mid, rt, max_batch_size=back.max_batch_size)
        raw += time.perf_counter() - t0
    return raw


def build_base_models(folder: Path) -> list[Path]:
    """Argos-sized random packages with a SentencePiece model trained on the shared data."""
    import io

    import pandas as pd
    import sentencepiece as spm
    import tinymodel

    mqm = pd.read_csv(DATA / "mqm_dev_ende.tsv", sep="\t", keep_default_na=False)
    text = list(dict.fromkeys([*mqm["source"], *mqm["target"]]))
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text),
        model_writer=model,
        vocab_size=8000,
        model_type="unigram",
        num_threads=2,
        minloglevel=2,
    )
    size = {"d_model": 512, "ffn": 2048, "num_layers": 6, "num_heads": 8}
    return [
        tinymodel.build_package(folder, s, t, sp_model=model.getvalue(), seed=seed, model_size=size)
        for s, t, seed in (("de", "en", 1), ("en", "de", 2))
    ]


def _raw_translate(translator, tokens: list[list[str]]) -> list[list[str]]:
    """CTranslate2 alone, with the batches and settings ArgosTranslator.translate uses."""
    out: list[list[str]] = [[] for _ in tokens]
    for batch in translator._batches([len(t) for t in tokens]):
        source = [tokens[j] for j in batch]
        results = translator._model.translate_batch(
            source,
            max_batch_size=translator.max_batch_size,
            beam_size=translator.beam_size,
            length_penalty=1.0,
            return_scores=True,
            replace_unknowns=True,
            max_decoding_length=2 * max(len(t) for t in source) + 10,
        )
        for j, r in zip(batch, results, strict=True):
            out[j] = r.hypotheses[0]
    return out


def _run(scenario: str, target: Path, env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--child", scenario, str(target)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--per-doc", type=int, default=50)
    parser.add_argument(
        "--base-sentences",
        type=int,
        default=200,
        help="sentences for the Argos-sized model run (0 skips it)",
    )
    parser.add_argument("--only", help="comma-separated scenarios to run (default: all)")
    parser.add_argument("--child", nargs=2, metavar=("SCENARIO", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child)))
        return

    import tinymodel

    from mtaudit.translate.models import install_from_file

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        n = build_corpus(corpus, args.docs, args.per_doc)
        env = dict(
            os.environ,
            ARGOS_PACKAGES_DIR=str(tmp / "packages"),
            XDG_DATA_HOME=str(tmp / "xdg"),
            XDG_CACHE_HOME=str(tmp / "xdg-cache"),
            XDG_CONFIG_HOME=str(tmp / "xdg-config"),
            MTAUDIT_CACHE_DIR=str(tmp / "c1"),
        )
        os.environ.update(env)
        for archive in tinymodel.build_pair(tmp / "models").values():
            install_from_file(archive)
        results: dict = {"corpus_sentences": n, "cpu_count": os.cpu_count()}
        wanted = set(args.only.split(",")) if args.only else None

        def run(name: str, scenario: str, target: Path, scenario_env: dict) -> None:
            if wanted is None or name in wanted:
                results[name] = _run(scenario, target, scenario_env)

        run("checks", "checks", corpus, env)
        run("tiny-cold", "tiny-cold", corpus, env)
        run("tiny-warm", "tiny-warm", corpus, env)
        seeds_env = dict(env, MTAUDIT_CACHE_DIR=str(tmp / "c2"))
        run("seeds-cold", "seeds-cold", ROOT / "seeds", seeds_env)
        run("seeds-warm", "seeds-warm", ROOT / "seeds", seeds_env)
        run("rt-overhead", "rt-overhead", corpus, env)
        if args.base_sentences and (wanted is None or any(w.endswith("-base") for w in wanted)):
            small = tmp / "corpus-base"
            build_corpus(small, 2, args.base_sentences // 2)
            base_env = dict(
                env,
                ARGOS_PACKAGES_DIR=str(tmp / "packages-base"),
                MTAUDIT_CACHE_DIR=str(tmp / "c3"),
            )
            os.environ.update(base_env)
            for archive in build_base_models(tmp / "models-base"):
                install_from_file(archive)
            run("rt-overhead-base", "rt-overhead", small, base_env)
            run("seeds-cold-base", "seeds-cold", ROOT / "seeds", base_env)
            run("seeds-warm-base", "seeds-warm", ROOT / "seeds", base_env)

    OUT.mkdir(parents=True, exist_ok=True)
    name = "pipeline.json" if wanted is None else f"pipeline-{'-'.join(sorted(wanted))}.json"
    (OUT / name).write_text(json.dumps(results, indent=2) + "\n")
    print(f"corpus: {n} sentences in {args.docs} documents; {os.cpu_count()} CPUs\n")
    print("| scenario | sentences | audit s | wall s | sentences/s (wall) | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in (
        "checks",
        "tiny-cold",
        "tiny-warm",
        "seeds-cold",
        "seeds-warm",
        "seeds-cold-base",
        "seeds-warm-base",
    ):
        if name in results:
            r = results[name]
            print(
                f"| {name} | {r['sentences']} | {r['audit_s']} | {r['wall_s']} | "
                f"{r['sentences'] / r['wall_s']:.1f} | {r['peak_rss_mb']} |"
            )
    for name in ("rt-overhead", "rt-overhead-base"):
        if name in results:
            rt = results[name]
            print(
                f"\n{name}: round-trip stage {rt['stage_s']} s vs CTranslate2 "
                f"{rt['ctranslate2_s']} s for {rt['sentences']} sentences: "
                f"overhead {rt['overhead_pct']}% (of which chrF/BLEU/TER/diff "
                f"{rt['metrics_s']} s; without them {rt['overhead_without_metrics_pct']}%)"
            )
    for cold, warm in (("seeds-cold", "seeds-warm"), ("seeds-cold-base", "seeds-warm-base")):
        if cold in results and warm in results:
            c, w = results[cold], results[warm]
            print(
                f"{cold} vs {warm}: {c['wall_s'] / w['wall_s']:.1f}x (wall), "
                f"{c['audit_s'] / w['audit_s']:.1f}x (audit call)"
            )


if __name__ == "__main__":
    main()
