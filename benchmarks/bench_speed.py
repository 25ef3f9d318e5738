"""Speed of one audit as a whole process: jobs, imports, the findings cache, the LM stage.

    python benchmarks/bench_speed.py corpus DIR [--docs 8] [--per-doc 40]
    python benchmarks/bench_speed.py audit DIR [--jobs N] [--lm] [--cache DIR]
        [--no-segment-cache] [--executor dask [--scheduler ADDRESS]]
    python benchmarks/bench_speed.py peer DIR --peer-python PEER_ENV/bin/python [--runs 3]
    python benchmarks/bench_speed.py reaudit DIR [--runs 3]

``corpus`` writes clean human sentences from ../shared/data into DIR (half the documents
German, half English; see bench_pipeline.build_corpus). ``audit`` runs one checks-only
audit of DIR (no round trip; the language model only with --lm; no cache unless --cache)
and prints one JSON line: sentences audited, seconds of the whole audit call and of its
checks and language-model stages, the process's CPU seconds and peak RSS.

``peer`` runs the checks-only command line (``mtaudit audit DIR --no-roundtrip --no-lm
--no-cache --jobs 1``) and OpusFilter's one-language filters (benchmarks/peer_opusfilter.py,
run by the Python of a separate environment with ``pip install opusfilter 'py3langid<0.3'``)
on the same folder in turn, each under ``/usr/bin/time -v``: CPU and wall seconds, peak RSS
and sentences per CPU-second, whole processes (imports and start-up included).

``reaudit`` times the checks-only command line with all its reports, cold (an empty cache
folder) against warm (the findings and segmentations of an earlier run), in turn.

Time it from outside, two commands side by side in one run so machine noise hits both::

    /usr/bin/time -v python benchmarks/bench_speed.py audit DIR --jobs 1
    /usr/bin/time -v python benchmarks/bench_speed.py audit DIR --jobs 2
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _timed(module, name: str, spent: dict) -> None:
    real = getattr(module, name)

    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - began

    setattr(module, name, wrapper)


def audit(args) -> dict:
    started = time.perf_counter()
    import mtaudit.pipeline as pipeline

    spent: dict[str, float] = {}
    if args.no_segment_cache:  # the re-audit as it was before segmentations were cached
        pipeline._segment = lambda document, mode, cache: pipeline.segment(document, mode)
    _timed(pipeline, "_run_checks", spent)
    _timed(pipeline, "_language_model", spent)
    began = time.perf_counter()
    options = {"cache_dir": args.cache} if args.cache else {"use_cache": False}
    if args.executor == "dask":
        options |= {"executor": "dask", "scheduler": args.scheduler}
    result = pipeline.audit([args.dir], roundtrip=False, lm=args.lm, jobs=args.jobs, **options)
    audit_s = time.perf_counter() - began
    usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return {
        "jobs": args.jobs,
        "sentences": int((result.sentences["verdict"] != "skipped").sum()),
        "findings": int(len(result.findings)),
        "audit_s": round(audit_s, 3),
        "checks_s": round(spent.get("_run_checks", 0.0), 3),
        "lm_s": round(spent.get("_language_model", 0.0), 3),
        "lm": result.summary["lm"].get("ran", False),
        "wall_s": round(time.perf_counter() - started, 3),
        "cpu_s": round(sum(u.ru_utime + u.ru_stime for u in usage), 3),
        "peak_rss_mb": round(usage[0].ru_maxrss / 1024, 1),
    }


def peer(args) -> None:
    """mtaudit's checks against OpusFilter's filters on the same folder, in turn, ``--runs``
    times each; one JSON line per run, then the medians."""
    from statistics import median

    from bench_stream import measure, time_v

    script = Path(__file__).resolve().parent / "peer_opusfilter.py"
    runs: dict[str, list[dict]] = {"mtaudit": [], "opusfilter": []}
    for _ in range(args.runs):
        ours = measure(args.dir, args.jobs, [])
        runs["mtaudit"].append(ours)
        theirs = time_v([args.peer_python, str(script), str(args.dir), "--lang", args.lang])
        segments = json.loads(theirs.pop("stdout").strip().splitlines()[-1])["segments"]
        theirs |= {
            "segments": segments,
            "sentences_per_cpu_s": round(segments / theirs["cpu_s"], 1),
        }
        runs["opusfilter"].append(theirs)
        print(json.dumps({"mtaudit": ours, "opusfilter": theirs}), flush=True)
    print(
        json.dumps(
            {
                tool: {
                    key: median(r[key] for r in rows)
                    for key in ("cpu_s", "wall_s", "peak_rss_mb", "sentences_per_cpu_s")
                }
                for tool, rows in runs.items()
            }
        )
    )


def reaudit(args) -> None:
    """The checks-only command line cold (an empty cache folder each run) and warm (the
    cache of a first run), in turn, ``--runs`` times each; one JSON line per pair, then
    the medians and the speed-up."""
    import os
    import shutil
    import tempfile
    from statistics import median

    from bench_stream import time_v

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    os.environ.clear()
    os.environ.update(env)  # bytecode cached, as on a user's machine
    base = Path(tempfile.mkdtemp(prefix="reaudit-"))

    def command(cache: Path) -> list[str]:
        return [
            sys.executable, "-m", "mtaudit.cli", "audit", str(args.dir), "--no-roundtrip",
            "--no-lm", "--jobs", str(args.jobs), "-q", "--cache-dir", str(cache),
            "--out", str(base / "out"),
        ]  # fmt: skip

    warm_cache = base / "warm"
    time_v(command(warm_cache))  # the first audit fills the cache
    runs = {"cold": [], "warm": []}
    for i in range(args.runs):
        cold_cache = base / f"cold{i}"
        runs["cold"].append(time_v(command(cold_cache)))
        shutil.rmtree(cold_cache)
        runs["warm"].append(time_v(command(warm_cache)))
        print(json.dumps({k: {m: v[-1][m] for m in ("cpu_s", "wall_s")} for k, v in runs.items()}))
    medians = {
        k: {m: median(r[m] for r in v) for m in ("cpu_s", "wall_s", "peak_rss_mb")}
        for k, v in runs.items()
    }
    ratio = {m: round(medians["cold"][m] / medians["warm"][m], 1) for m in ("cpu_s", "wall_s")}
    print(json.dumps({**medians, "cold/warm": ratio}))
    shutil.rmtree(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("dir", type=Path)
    c.add_argument("--docs", type=int, default=8)
    c.add_argument("--per-doc", type=int, default=40)
    a = sub.add_parser("audit")
    a.add_argument("dir", type=Path)
    a.add_argument("--jobs", type=int, default=None)
    a.add_argument("--lm", action="store_true")
    a.add_argument("--cache", help="cache folder (default: no cache)")
    a.add_argument("--no-segment-cache", action="store_true", help="segment every document")
    a.add_argument("--executor", default="local", choices=("local", "dask"))
    a.add_argument("--scheduler")
    p = sub.add_parser("peer")
    p.add_argument("dir", type=Path)
    p.add_argument("--peer-python", required=True, help="python of an environment with OpusFilter")
    p.add_argument("--lang", default="de")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--jobs", type=int, default=1)
    r = sub.add_parser("reaudit")
    r.add_argument("dir", type=Path)
    r.add_argument("--runs", type=int, default=3)
    r.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    if args.what == "reaudit":
        reaudit(args)
        return
    if args.what == "peer":
        peer(args)
        return
    if args.what == "corpus":
        from bench_pipeline import build_corpus

        print(build_corpus(args.dir, args.docs, args.per_doc), "sentences")
        return
    print(json.dumps(audit(args)))


if __name__ == "__main__":
    main()
