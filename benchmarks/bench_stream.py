"""Peak memory of a whole audit at two corpus sizes: does it stay flat as the corpus grows?

    python benchmarks/bench_stream.py corpus DIR --sentences 10000 [--per-doc 50]
    python benchmarks/bench_stream.py measure DIR_SMALL DIR_LARGE [--jobs 1] [-- FLAGS]

``corpus`` writes ``--sentences`` lines in documents of ``--per-doc`` lines, German and
English documents in turn (or ``--lang`` only), from the distinct sentences of
../shared/data (13,453 German, 21,350 English). A corpus larger than that repeats them, so
the per-word caches of a large run see that vocabulary, no more; they are bounded
(``lru_cache`` sizes in ``mtaudit/lang`` and ``mtaudit/checks``) whatever the vocabulary.

``measure`` runs ``mtaudit audit DIR --no-roundtrip --no-lm --no-cache -q`` (plus FLAGS) on
both corpora, one after the other in the same call, each under ``/usr/bin/time -v``, and
prints one JSON line per run: sentences, peak RSS of the audit process in MB, CPU and wall
seconds, and sentences per CPU-second. The reports go to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILES = ("mqm_dev_ende.tsv", "mlqe_ende.tsv", "ced_ende.tsv")


def sentences(column: str) -> list[str]:
    """The distinct one-line sentences of ``column`` in the data files, in file order."""
    import csv

    import pandas as pd

    seen: dict[str, None] = {}
    for name in FILES:
        table = pd.read_csv(
            DATA / name, sep="\t", keep_default_na=False, quoting=csv.QUOTE_NONE, dtype=str
        )
        if column in table:
            for text in table[column]:
                text = " ".join(text.split())
                if text:
                    seen.setdefault(text, None)
    return list(seen)


def build(folder: Path, total: int, per_doc: int, langs: tuple[str, ...] = ("de", "en")) -> int:
    pools = {lang: sentences("target" if lang == "de" else "source") for lang in langs}
    used = {"de": 0, "en": 0}
    folder.mkdir(parents=True, exist_ok=True)
    written, i = 0, 0
    while written < total:
        lang = langs[i % len(langs)]
        pool, n = pools[lang], min(per_doc, total - written)
        lines = [pool[(used[lang] + j) % len(pool)] for j in range(n)]
        used[lang] += n
        (folder / f"{lang}{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        written, i = written + n, i + 1
    return written


def time_v(command: list[str]) -> dict:
    """Run ``command`` under ``/usr/bin/time -v``: its stdout, CPU (user + system) and wall
    seconds and peak RSS in MB."""
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True)
    if done.returncode not in (0, 1, 3):
        raise SystemExit(done.stderr[-2000:])

    def field(label: str) -> str:
        return re.search(rf"{re.escape(label)}: (.+)", done.stderr).group(1).strip()

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
    return {
        "stdout": done.stdout,
        "cpu_s": round(
            float(field("User time (seconds)")) + float(field("System time (seconds)")), 2
        ),
        "wall_s": round(sum(float(x) * 60**k for k, x in enumerate(reversed(wall))), 2),
        "peak_rss_mb": round(int(field("Maximum resident set size (kbytes)")) / 1024, 1),
    }


def measure(folder: Path, jobs: int, flags: list[str]) -> dict:
    """One checks-only ``mtaudit audit`` of ``folder``, timed (see the module docstring)."""
    with tempfile.TemporaryDirectory() as out:
        timed = time_v(
            [sys.executable, "-m", "mtaudit.cli", "audit", str(folder), "--no-roundtrip",
             "--no-lm", "--no-cache", "-q", "--jobs", str(jobs), "--out", out, *flags]
        )  # fmt: skip
        summary = json.loads((Path(out) / "summary.json").read_text())
    audited = summary["totals"]["audited"]
    return {
        "corpus": folder.name,
        "jobs": jobs,
        "sentences": summary["totals"]["sentences"],
        "audited": audited,
        "peak_rss_mb": timed["peak_rss_mb"],
        "cpu_s": timed["cpu_s"],
        "wall_s": timed["wall_s"],
        "sentences_per_cpu_s": round(audited / timed["cpu_s"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("dir", type=Path)
    c.add_argument("--sentences", type=int, required=True)
    c.add_argument("--per-doc", type=int, default=50)
    c.add_argument("--lang", choices=("de", "en"), help="one language only (default: both)")
    m = sub.add_parser("measure")
    m.add_argument("dirs", type=Path, nargs="+")
    m.add_argument("--jobs", type=int, default=1)
    args, flags = parser.parse_known_args()
    if args.command == "corpus":
        langs = (args.lang,) if args.lang else ("de", "en")
        total = build(args.dir, args.sentences, args.per_doc, langs)
        print(total, "sentences written to", args.dir)
        return
    for folder in args.dirs:
        print(json.dumps(measure(folder, args.jobs, [f for f in flags if f != "--"])), flush=True)


if __name__ == "__main__":
    main()
