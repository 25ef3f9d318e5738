"""Held-out detection benchmark: false flags on clean human text, recall on damage types.

    python benchmarks/bench_detection.py [--limit N] [--per-type N] [--split dev|test]
        [--seed S] [--select ID ...] [--ignore ID ...] [--types PREFIX ...]
        [--data DIR] [--out benchmarks/out/detection.json]

Unlike ``bench_checks.py`` (one injector per check id, recall of that check), this measures
*detection*: the damage types of ``benchmarks/damage.py`` are named for the damage, not for
a check, and a damaged sentence counts as detected when any check fires on it that did not
fire on its clean original. Text comes from ``benchmarks/clean_text.py``; report numbers on
the ``test`` split (the default) and tune checks on ``dev``.

Sections (markdown on stdout, everything in ``--out``):

(a) clean text of the split: per check, the share of clean sentences it fires on (false
    flags), the share with any finding, and the verdict shares;
(b) every damage type applied to the split: how often it applies, recall (a new check
    fires), the share newly flagged (verdict review/garbled where the original was ok), the
    verdict distribution of the damaged copies and the recall of each check;
(c) recall of (b) within length strata of the original (words: <=10, 11-20, 21-30, >30);
(d) the MT rows of mqm_dev_ende.tsv (target-only, German): per check, the share of major
    and of error-free rows it fires on; AUROC of risk for major vs none, overall and
    within length deciles (with a length-only AUROC for reference).

Each text is cut into sentences with pysbd and audited as one document by the selected
checks (default: the default-enabled set); its risk is the highest ``sentence_risk`` of its
sentences and its verdict the worst sentence verdict (``mtaudit.scoring.verdict``, with the
decisive-finding rule), as in the pipeline without a round trip.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from clean_text import DEFAULT_DATA, load_clean, load_mt  # noqa: E402
from damage import DAMAGES, Damage  # noqa: E402

from mtaudit.checks import (  # noqa: E402
    Check,
    DocumentView,
    SentenceView,
    run_on_document,
    select_checks,
)
from mtaudit.scoring import sentence_risk, verdict  # noqa: E402

STRATA = (("<=10", 0, 10), ("11-20", 11, 20), ("21-30", 21, 30), (">30", 31, 10**9))
VERDICTS = ("ok", "review", "garbled")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def stratum(text: str) -> str:
    n = word_count(text)
    return next(name for name, lo, hi in STRATA if lo <= n <= hi)


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


@dataclass(frozen=True)
class Audit:
    ids: frozenset[str]
    risk: float
    verdict: str


@lru_cache(maxsize=2)
def _segmenter(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


class Auditor:
    """Audits texts with a fixed check set; results cached per (lang, text)."""

    def __init__(self, checks: Sequence[Check]) -> None:
        self.checks = list(checks)
        self.cache: dict[tuple[str, str], Audit] = {}

    def __call__(self, text: str, lang: str) -> Audit:
        key = (lang, text)
        if key not in self.cache:
            self.cache[key] = self._audit(text, lang)
        return self.cache[key]

    def _audit(self, text: str, lang: str) -> Audit:
        parts = [p.strip() for p in _segmenter(lang).segment(text) if p.strip()] or [text]
        sentences, pos = [], 0
        for i, part in enumerate(parts):
            sentences.append(
                SentenceView(text=part, lang=lang, start=pos, doc="<bench>", sent_id=i)
            )
            pos += len(part) + 1
        doc = DocumentView(doc="<bench>", lang=lang, sentences=sentences, text=" ".join(parts))
        found = run_on_document(doc, self.checks)
        ids = frozenset(f.check_id for fs in found.values() for f in fs)
        risks = {sid: sentence_risk(fs) for sid, fs in found.items()}
        risk = max(risks.values(), default=0.0)
        verdicts = [verdict(risks[sid], False, findings=fs) for sid, fs in found.items()]
        worst = next((v for v in ("garbled", "review") if v in verdicts), "ok")
        return Audit(ids, risk, worst)


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """95% Wilson score interval of a proportion k/n."""
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)


def auroc(pos: Sequence[float], neg: Sequence[float]) -> float | None:
    """Probability that a random positive scores above a random negative (ties count 1/2)."""
    if not pos or not neg:
        return None
    scored = sorted([(x, 1) for x in pos] + [(x, 0) for x in neg])
    rank_sum, i = 0.0, 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        mid = (i + 1 + j) / 2  # average 1-based rank of the tied block
        rank_sum += mid * sum(label for _, label in scored[i:j])
        i = j
    n1, n0 = len(pos), len(neg)
    return round((rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0), 4)


def _rate(k: int, n: int) -> float | None:
    return round(k / n, 4) if n else None


# ------------------------------------------------------------------------------ sections


def clean_section(texts: list[str], lang: str, audit: Auditor, checks: Sequence[Check]) -> dict:
    results = [audit(t, lang) for t in texts]
    n = len(results)
    per_check = {
        c.id: _rate(sum(c.id in r.ids for r in results), n) for c in checks if lang in c.langs
    }
    verdicts = Counter(r.verdict for r in results)
    by_stratum = {}
    for name, _, _ in STRATA:
        rs = [r for t, r in zip(texts, results, strict=True) if stratum(t) == name]
        by_stratum[name] = {
            "n": len(rs),
            "any_finding": _rate(sum(bool(r.ids) for r in rs), len(rs)),
        }
    return {
        "n": n,
        "any_finding": _rate(sum(bool(r.ids) for r in results), n),
        "verdicts": {v: _rate(verdicts[v], n) for v in VERDICTS},
        "flagged": _rate(verdicts["review"] + verdicts["garbled"], n),
        "per_check": per_check,
        "by_stratum": by_stratum,
    }


def damage_section(dmg: Damage, pool: list[str], audit: Auditor, per_type: int, seed: int) -> dict:
    rng = random.Random(f"{seed}:{dmg.name}")
    tried = applied = errors = 0
    detected = flagged = risk_up = 0
    verdicts: Counter[str] = Counter()
    per_check: Counter[str] = Counter()
    strata: dict[str, list[int]] = {name: [0, 0] for name, _, _ in STRATA}
    examples = []
    for text in pool:
        if applied >= per_type:
            break
        tried += 1
        try:
            damaged = dmg.inject(text, rng)
        except Exception as exc:  # noqa: BLE001 - count, don't crash the bench
            errors += 1
            if errors <= 3:
                print(f"warning: {dmg.name} raised {exc!r}", file=sys.stderr)
            continue
        if not damaged or damaged == text:
            continue
        applied += 1
        before, after = audit(text, dmg.lang), audit(damaged, dmg.lang)
        new = after.ids - before.ids
        detected += bool(new)
        per_check.update(new)
        verdicts[after.verdict] += 1
        flagged += after.verdict != "ok" and before.verdict == "ok"
        risk_up += after.risk > before.risk
        cell = strata[stratum(text)]
        cell[0] += 1
        cell[1] += bool(new)
        if len(examples) < 3:
            examples.append({"clean": text, "damaged": damaged, "new_ids": sorted(new)})
    return {
        "lang": dmg.lang,
        "description": dmg.description,
        "tried": tried,
        "n": applied,
        "applies": _rate(applied, tried),
        "recall": _rate(detected, applied),
        "recall_ci95": wilson(detected, applied),
        "newly_flagged": _rate(flagged, applied),
        "risk_up": _rate(risk_up, applied),
        "verdicts": {v: _rate(verdicts[v], applied) for v in VERDICTS},
        "per_check": {cid: _rate(k, applied) for cid, k in per_check.most_common()},
        "by_stratum": {name: {"n": n, "recall": _rate(k, n)} for name, (n, k) in strata.items()},
        "injector_errors": errors,
        "examples": examples,
    }


def mt_section(data: Path, limit: int, seed: int, audit: Auditor, checks: Sequence[Check]) -> dict:
    mt = load_mt(data)
    if limit and len(mt) > limit:
        mt = mt.sample(n=limit, random_state=seed).reset_index(drop=True)
    rows = [
        (t, sev, audit(t, "de")) for t, sev in zip(mt["text"], mt["severity_class"], strict=True)
    ]
    major = [r for r in rows if r[1] == "major"]
    none = [r for r in rows if r[1] == "none"]
    per_check = {}
    for c in checks:
        if "de" not in c.langs:
            continue
        a = sum(c.id in r[2].ids for r in major)
        b = sum(c.id in r[2].ids for r in none)
        if a or b:
            per_check[c.id] = {"major": _rate(a, len(major)), "none": _rate(b, len(none))}
    lengths = sorted(word_count(r[0]) for r in rows)
    edges = [lengths[min(len(lengths) - 1, int(len(lengths) * q / 10))] for q in range(1, 10)]
    deciles = []
    for d in range(10):
        lo = edges[d - 1] if d else -1
        hi = edges[d] if d < 9 else 10**9
        cell = [r for r in rows if lo < word_count(r[0]) <= hi]
        pos = [r[2].risk for r in cell if r[1] == "major"]
        neg = [r[2].risk for r in cell if r[1] == "none"]
        deciles.append(
            {
                "words": f"{lo + 1}-{hi}" if d < 9 else f">{lo}",
                "major": len(pos),
                "none": len(neg),
                "auroc": auroc(pos, neg),
            }
        )
    usable = [d for d in deciles if d["auroc"] is not None]
    weight = sum(d["major"] + d["none"] for d in usable)
    within = sum(d["auroc"] * (d["major"] + d["none"]) for d in usable) / weight if weight else None
    return {
        "n_major": len(major),
        "n_none": len(none),
        "any_finding": {
            "major": _rate(sum(bool(r[2].ids) for r in major), len(major)),
            "none": _rate(sum(bool(r[2].ids) for r in none), len(none)),
        },
        "flagged": {
            "major": _rate(sum(r[2].verdict != "ok" for r in major), len(major)),
            "none": _rate(sum(r[2].verdict != "ok" for r in none), len(none)),
        },
        "auroc_risk": auroc([r[2].risk for r in major], [r[2].risk for r in none]),
        "auroc_length_only": auroc(
            [word_count(r[0]) for r in major], [word_count(r[0]) for r in none]
        ),
        "auroc_risk_within_length_deciles": round(within, 4) if within is not None else None,
        "deciles": deciles,
        "per_check": per_check,
    }


# ----------------------------------------------------------------------------- reporting


def _pct(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{100 * x:.{digits}f}%"


def markdown(result: dict) -> str:
    out = []
    a = result["clean"]
    out.append(f"### (a) Clean text, split `{result['split']}`\n")
    out.append("| | de | en |\n|---|---:|---:|")
    out.append(f"| sentences | {a['de']['n']} | {a['en']['n']} |")
    out.append(f"| any finding | {_pct(a['de']['any_finding'])} | {_pct(a['en']['any_finding'])} |")
    for v in ("review", "garbled"):
        out.append(
            f"| verdict {v} | {_pct(a['de']['verdicts'][v])} | {_pct(a['en']['verdicts'][v])} |"
        )
    out.append(
        "\nFalse-flag rate per check (share of clean sentences it fires on; checks that "
        "never fired on either language are left out):\n"
    )
    out.append("| check | de | en |\n|---|---:|---:|")
    ids = sorted(set(a["de"]["per_check"]) | set(a["en"]["per_check"]))
    silent = []
    for cid in ids:
        de, en = a["de"]["per_check"].get(cid), a["en"]["per_check"].get(cid)
        if not de and not en:
            silent.append(cid)
            continue
        out.append(f"| {cid} | {_pct(de, 2)} | {_pct(en, 2)} |")
    out.append(f"\nNever fired on clean text: {', '.join(silent) or 'none'}.\n")

    out.append(
        "### (b) Damage types (recall = a check fires on the damaged copy that did not "
        "fire on the original)\n"
    )
    out.append(
        "| damage type | applies | n | recall (95% CI) | newly flagged | verdict "
        "ok/review/garbled | checks that catch it |"
    )
    out.append("|---|---:|---:|---:|---:|---|---|")
    for name, d in result["damage"].items():
        ci = d["recall_ci95"]
        ci_s = f" ({100 * ci[0]:.0f}–{100 * ci[1]:.0f})" if ci else ""
        v = d["verdicts"]
        top = ", ".join(
            f"{cid} {_pct(r)}" for cid, r in list(d["per_check"].items())[:3] if r and r >= 0.01
        )
        out.append(
            f"| {name} | {_pct(d['applies'])} | {d['n']} | {_pct(d['recall'])}{ci_s} | "
            f"{_pct(d['newly_flagged'])} | {_pct(v['ok'])} / {_pct(v['review'])} / "
            f"{_pct(v['garbled'])} | {top or '—'} |"
        )

    out.append("\n### (c) Recall by length of the original (words; n in brackets)\n")
    names = [s[0] for s in STRATA]
    out.append("| damage type | " + " | ".join(names) + " |")
    out.append("|---|" + "---:|" * len(names))
    for name, d in result["damage"].items():
        cells = [f"{_pct(d['by_stratum'][s]['recall'])} ({d['by_stratum'][s]['n']})" for s in names]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out.append(
        "\nClean text, any finding by length: "
        + "; ".join(
            f"{lang} "
            + ", ".join(f"{s} {_pct(a[lang]['by_stratum'][s]['any_finding'])}" for s in names)
            for lang in ("de", "en")
        )
        + ".\n"
    )

    m = result.get("mt")
    if m:
        out.append("### (d) WMT MQM machine translations (German target only)\n")
        out.append(
            f"{m['n_major']} major rows, {m['n_none']} error-free rows. Any finding: "
            f"major {_pct(m['any_finding']['major'])}, none "
            f"{_pct(m['any_finding']['none'])}; verdict review/garbled: major "
            f"{_pct(m['flagged']['major'])}, none {_pct(m['flagged']['none'])}.\n"
        )
        out.append(
            f"AUROC of risk, major vs none: **{m['auroc_risk']}** overall, "
            f"**{m['auroc_risk_within_length_deciles']}** within length deciles "
            f"(n-weighted mean); length alone: {m['auroc_length_only']}.\n"
        )
        out.append("| words | major | none | AUROC |\n|---|---:|---:|---:|")
        for d in m["deciles"]:
            out.append(f"| {d['words']} | {d['major']} | {d['none']} | {d['auroc']} |")
        out.append("\n| check | fires on major | fires on none |\n|---|---:|---:|")
        for cid, r in sorted(m["per_check"].items()):
            out.append(f"| {cid} | {_pct(r['major'])} | {_pct(r['none'])} |")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--limit", type=int, default=1500, help="clean sentences per language and MT rows (0 = all)"
    )
    ap.add_argument("--per-type", type=int, default=300, help="damaged sentences per type")
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--select", nargs="*", default=None, help="check ids/prefixes to run")
    ap.add_argument("--ignore", nargs="*", default=None, help="check ids/prefixes to skip")
    ap.add_argument("--types", nargs="*", default=None, help="damage type name prefixes")
    ap.add_argument("--no-mt", action="store_true", help="skip section (d)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "detection.json")
    args = ap.parse_args(argv)

    counter = FailureCounter()
    logging.getLogger("mtaudit").addHandler(counter)
    logging.getLogger("mtaudit").propagate = False
    t0 = time.time()
    checks = select_checks(select=args.select, ignore=args.ignore)
    audit = Auditor(checks)
    rng = random.Random(args.seed)

    pools, samples, timings = {}, {}, {}
    for lang in ("de", "en"):
        texts = load_clean(lang, args.split, args.data)
        rng.shuffle(texts)
        pools[lang] = texts  # clean sample first, then the rest of the split for rare damage
        samples[lang] = texts[: args.limit] if args.limit else texts
    clean = {}
    for lang in ("de", "en"):
        t = time.time()
        clean[lang] = clean_section(samples[lang], lang, audit, checks)
        timings[f"clean_{lang}"] = round(time.time() - t, 1)

    damage = {}
    for name, dmg in DAMAGES.items():
        if args.types and not any(name.startswith(p) for p in args.types):
            continue
        t = time.time()
        damage[name] = damage_section(dmg, pools[dmg.lang], audit, args.per_type, args.seed)
        timings[name] = round(time.time() - t, 1)
        print(
            f"{name}: n={damage[name]['n']} recall={damage[name]['recall']} ({timings[name]} s)",
            file=sys.stderr,
        )

    mt = None
    if not args.no_mt:
        t = time.time()
        mt = mt_section(args.data, args.limit, args.seed, audit, checks)
        timings["mt"] = round(time.time() - t, 1)

    result = {
        "command": " ".join(["python", "benchmarks/bench_detection.py", *(argv or sys.argv[1:])]),
        "split": args.split,
        "seed": args.seed,
        "checks": [c.id for c in checks],
        "sizes": {
            lang: {"split": len(pools[lang]), "clean_sample": len(samples[lang])} for lang in pools
        },
        "clean": clean,
        "damage": damage,
        "mt": mt,
        "check_exceptions": dict(counter.counts),
        "seconds": round(time.time() - t0, 1),
        "timings": timings,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(markdown(result))
    print(
        f"\n{len(audit.cache)} texts audited in {result['seconds']} s; "
        f"check exceptions: {dict(counter.counts) or 'none'}; JSON: {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
