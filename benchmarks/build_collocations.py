"""Build the English collocation table that EN-COLLOC-001 reads.

    python benchmarks/build_collocations.py [--data DIR] [--out PATH]

Sources (English side only, deduplicated): the ``source`` column of mqm_dev_ende.tsv (WMT
newstest2020/21, Apache-2.0), of mlqe_ende.tsv (MLQE-PE Wikipedia, CC0-1.0) and of
ced_ende.tsv (WMT21 critical-error data, Wikipedia talk comments, CC0-1.0). Every sentence
whose md5 falls in the held-out tenth (:func:`held_out`) is left out, so the benchmark in
``inject_collocations.py`` can measure on text the table never saw. The output is a gzip TSV
of ``rel, left, right, count`` rows written deterministically (sorted, fixed mtime).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

import pandas as pd

from mtaudit.checks.en_collocations import extract_pairs
from mtaudit.lang.tagging import tag
from mtaudit.lang.tokens import tokens

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_OUT = (
    Path(__file__).resolve().parent.parent / "mtaudit" / "data" / "collocations" / "en_pairs.tsv.gz"
)
SOURCES = ("mqm_dev_ende.tsv", "mlqe_ende.tsv", "ced_ende.tsv")


def held_out(sentence: str) -> bool:
    """True for the deterministic tenth of sentences kept out of the table for evaluation."""
    return int(hashlib.md5(sentence.encode("utf-8")).hexdigest(), 16) % 10 == 0


def english_sentences(data: Path) -> list[str]:
    """All distinct non-empty English source sentences of the shared data sets, sorted."""
    seen: set[str] = set()
    for name in SOURCES:
        frame = pd.read_csv(data / name, sep="\t", keep_default_na=False)
        seen.update(s.strip() for s in frame["source"] if s.strip())
    return sorted(seen)


def _pairs(sentence: str) -> list[tuple[str, str, str]]:
    return [(p.rel, p.left, p.right) for p in extract_pairs(tag(tokens(sentence), "en"))]


def build(sentences: list[str], workers: int = 2) -> Counter[tuple[str, str, str]]:
    """Count lemma pairs over ``sentences`` (tagging dominates; it runs in ``workers``)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    with Pool(workers) as pool:
        for found in pool.imap(_pairs, sentences, chunksize=200):
            counts.update(found)
    return counts


def write(counts: Counter[tuple[str, str, str]], out: Path, note: str) -> None:
    """Sorted gzip TSV with a fixed mtime, so rebuilding gives identical bytes."""
    lines = [
        f"# {note}",
        "# Source: English side of mqm_dev_ende.tsv (Google wmt-mqm-human-evaluation, Apache-2.0),",
        "# mlqe_ende.tsv, ced_ende.tsv (MLQE-PE, CC0-1.0), via benchmarks/build_collocations.py.",
        "# Licence: Apache-2.0 / CC0-1.0 (counts derived from the data above).",
        "rel\tleft\tright\tcount",
    ] + [f"{r}\t{a}\t{b}\t{c}" for (r, a, b), c in sorted(counts.items())]
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    out.write_bytes(buf.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    sentences = [s for s in english_sentences(args.data) if not held_out(s)]
    counts = build(sentences)
    note = (
        f"EN-COLLOC-001 lemma pairs from {len(sentences)} sentences of "
        f"{', '.join(SOURCES)} (held-out tenth excluded); rel left right count"
    )
    write(counts, args.out, note)
    print(
        f"{len(sentences)} sentences, {len(counts)} pair types, "
        f"{sum(counts.values())} pair tokens -> {args.out} ({args.out.stat().st_size} bytes)"
    )


if __name__ == "__main__":
    main()
