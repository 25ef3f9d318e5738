"""Benchmark every registered check: firing rate on clean text, synthetic recall/precision,
and what each check hits in the WMT MQM machine translations.

    python benchmarks/bench_checks.py [--limit N] [--data DIR] [--seed S]

Clean German: human reference rows of mqm_dev_ende.tsv with no error (is_human 1, severity
none). Clean English: the MQM source column plus the MLQE-PE source column. Synthetic suite:
every ``benchmarks/inject_*.py`` module's ``INJECTORS`` (check id -> damage function) is
applied to clean sentences; recall = the target check fires on the damaged copy, precision =
TP / (TP + FP) with FP = the same check firing on the untouched originals. Writes a markdown
table to stdout and ``benchmarks/out/checks.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

from mtaudit.checks import Check, run_on_text, select_checks

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
Injector = Callable[[str, random.Random], "str | None"]


class FailureCounter(logging.Handler):
    """Counts the warnings run_on_document logs when a check raises, per check id."""

    _RE = re.compile(r"check (\S+) failed")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.counts: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        m = self._RE.match(record.getMessage())
        if m:
            self.counts[m.group(1)] += 1


def load_sets(data: Path, limit: int, rng: random.Random) -> dict[str, pd.DataFrame]:
    """Clean German, clean English and MT rows (major / none), sampled to ``limit`` each."""
    mqm = pd.read_csv(data / "mqm_dev_ende.tsv", sep="\t", keep_default_na=False)
    mlqe = pd.read_csv(data / "mlqe_ende.tsv", sep="\t", keep_default_na=False)
    human = mqm["is_human"].astype(str).isin({"1", "True", "true"})
    clean_de = mqm.loc[human & (mqm["severity_class"] == "none"), "target"]
    clean_en = pd.concat([mqm["source"], mlqe["source"]])
    mt = mqm.loc[~human & mqm["severity_class"].isin({"major", "none"})]

    def sample(texts: pd.Series) -> list[str]:
        uniq = sorted({t.strip() for t in texts if t.strip()})
        return rng.sample(uniq, min(limit, len(uniq)))

    mt = mt.sample(n=min(limit, len(mt)), random_state=rng.randrange(2**31))
    return {
        "clean_de": pd.DataFrame({"text": sample(clean_de)}),
        "clean_en": pd.DataFrame({"text": sample(clean_en)}),
        "mt": mt[["target", "severity_class", "categories"]].rename(columns={"target": "text"}),
    }


@lru_cache(maxsize=2)
def _segmenter(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


def audit(text: str, lang: str, checks: Sequence[Check]) -> set[str]:
    """Ids of the checks that fire on one text, split into sentences as the pipeline does."""
    parts = [p.strip() for p in _segmenter(lang).segment(text) if p.strip()] or [text]
    return {f.check_id for f in run_on_text(parts, lang, checks)}


def fired(texts: Sequence[str], lang: str, checks: Sequence[Check]) -> list[set[str]]:
    """Ids of the checks that fire on each text, each text audited as its own document."""
    return [audit(t, lang, checks) for t in texts]


def load_injectors() -> dict[str, Injector]:
    """Merge the INJECTORS dicts of every benchmarks/inject_*.py module."""
    merged: dict[str, Injector] = {}
    for path in sorted(HERE.glob("inject_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # noqa: BLE001 - one broken module must not stop the bench
            print(f"warning: {path.name} failed to import: {exc}", file=sys.stderr)
            continue
        for check_id, fn in getattr(module, "INJECTORS", {}).items():
            if check_id in merged:
                print(f"warning: {check_id} injected by several modules", file=sys.stderr)
            merged[check_id] = fn
    return merged


def synthetic(
    check: Check,
    inject: Injector,
    clean: dict[str, list[str]],
    base: dict[str, list[set[str]]],
    rng: random.Random,
    per_lang: int,
) -> dict:
    """Recall on damaged copies and precision against the untouched originals."""
    tp = fp = n = errors = 0
    for lang in sorted(check.langs):
        texts, hits = clean.get(lang, []), base.get(lang, [])
        order = rng.sample(range(len(texts)), len(texts))
        used = 0
        for i in order:
            if used >= per_lang:
                break
            try:
                damaged = inject(texts[i], rng)
            except Exception:  # noqa: BLE001 - count, don't crash
                errors += 1
                continue
            if not damaged or damaged == texts[i]:
                continue
            used += 1
            tp += check.id in audit(damaged, lang, [check])
            fp += check.id in hits[i]
        n += used
    return {
        "n": n,
        "recall": round(tp / n, 3) if n else None,
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "tp": tp,
        "fp": fp,
        "injector_errors": errors,
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=1500, help="sentences per clean set / MT set")
    ap.add_argument("--synthetic", type=int, default=300, help="damaged sentences per check")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "checks.json")
    args = ap.parse_args(argv)

    counter = FailureCounter()
    logging.getLogger("mtaudit").addHandler(counter)
    logging.getLogger("mtaudit").propagate = False
    rng = random.Random(args.seed)
    t0 = time.time()
    checks = select_checks(select=["ALL"])
    sets = load_sets(args.data, args.limit, rng)
    clean = {"de": list(sets["clean_de"]["text"]), "en": list(sets["clean_en"]["text"])}
    base = {lang: fired(texts, lang, checks) for lang, texts in clean.items()}
    mt = sets["mt"]
    mt_hits = fired(list(mt["text"]), "de", checks)
    injectors = load_injectors()

    rows = []
    for check in checks:
        row: dict = {"id": check.id, "default_enabled": check.default_enabled}
        for lang in ("de", "en"):
            if lang in check.langs:
                rate = sum(check.id in h for h in base[lang]) / max(len(base[lang]), 1)
                row[f"clean_{lang}"] = round(rate, 4)
        if "de" in check.langs:
            for sev in ("major", "none"):
                mask = [s == sev for s in mt["severity_class"]]
                hits = [check.id in h for h, m in zip(mt_hits, mask, strict=True) if m]
                row[f"mt_{sev}"] = round(sum(hits) / max(len(hits), 1), 4)
            cats: Counter[str] = Counter()
            for h, c in zip(mt_hits, mt["categories"], strict=True):
                if check.id in h:
                    cats.update(x for x in c.split(";") if x)
            row["mt_categories"] = dict(cats.most_common(4))
        if check.id in injectors:
            row["synthetic"] = synthetic(
                check, injectors[check.id], clean, base, rng, args.synthetic
            )
        row["exceptions"] = counter.counts.get(check.id, 0)
        rows.append(row)
    unknown = sorted(set(injectors) - {c.id for c in checks})
    result = {
        "seed": args.seed,
        "sizes": {
            "clean_de": len(clean["de"]),
            "clean_en": len(clean["en"]),
            "mt": dict(Counter(mt["severity_class"])),
        },
        "seconds": round(time.time() - t0, 1),
        "injectors_without_check": unknown,
        "checks": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(render(result))
    return 0


def _fmt(value: float | None, pct: bool = True) -> str:
    if value is None:
        return "–"
    return f"{100 * value:.1f}%" if pct else str(value)


def render(result: dict) -> str:
    """Markdown table, one row per check."""
    lines = [
        f"clean de {result['sizes']['clean_de']}, clean en {result['sizes']['clean_en']}, "
        f"MT rows {result['sizes']['mt']}, {result['seconds']} s",
        "",
        "| check | on | clean de | clean en | MT major | MT none | syn n | recall | precision "
        "| exc | MT hit categories |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["checks"]:
        syn = r.get("synthetic") or {}
        cats = ", ".join(f"{k} {v}" for k, v in r.get("mt_categories", {}).items())
        lines.append(
            f"| {r['id']} | {'y' if r['default_enabled'] else 'n'} "
            f"| {_fmt(r.get('clean_de'))} | {_fmt(r.get('clean_en'))} "
            f"| {_fmt(r.get('mt_major'))} | {_fmt(r.get('mt_none'))} "
            f"| {syn.get('n', '–')} | {_fmt(syn.get('recall'))} | {_fmt(syn.get('precision'))} "
            f"| {r['exceptions']} | {cats} |"
        )
    if result["injectors_without_check"]:
        lines.append(f"\ninjectors for unknown checks: {result['injectors_without_check']}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
