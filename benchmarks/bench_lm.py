"""What the language model adds: candidate-edit gains on clean and damaged text, and speed.

    python benchmarks/bench_lm.py [--split dev|test] [--clean N] [--per-type N]
        [--types PREFIX ...] [--margins FILE.json] [--out benchmarks/out/lm.json]

For every sentence (clean human sentences of ``clean_text.py``, and copies damaged by each
type of ``damage.py``) the default checks and the LM-confirmed loose checks
(``Check.lm_confirmed``) run, then the LM stage scores the sentence and its candidate edits
(:func:`mtaudit.lm.stage.score_candidates`). Recorded per sentence: the best gain of each
family of edits no check proposed (``neighbour``, ``deletion``, ``swap``, ``lm``: what
``LM-EDIT-001`` thresholds) and, per check with a suggested fix, the gain of that fix (what
verification and the loose checks' confirmation threshold).

Reported:

* margins per language and edit family: on the calibration split (dev) the smallest common
  quantile of the clean sentences' best gains at which the families together fire on at
  most ``--target`` (0.5%) of clean sentences; ``--margins`` applies margins calibrated
  before (for test);
* per damage type: recall (fires on the damaged copy and not on its original) of the
  default checks alone, plus the LM-confirmed loose checks, of ``LM-EDIT-001`` alone, and of
  everything together; the same rates on the clean sentences (false flags);
* verification: of the checks' findings on clean sentences (false alarms) and on damaged
  copies (true), the share the LM confirms (fix gains >= +1 nat) and rejects (<= -1 nat);
* time: LM seconds per sentence (scores are cached in ``benchmarks/out/lm-cache.db``, so a
  re-run only times what is new: use ``--no-cache``).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench_detection import auroc, wilson  # noqa: E402
from clean_text import load_clean  # noqa: E402
from damage import DAMAGES  # noqa: E402

from mtaudit.checks import DocumentView, SentenceView, run_on_document, select_checks  # noqa: E402
from mtaudit.lang.tagging import tag  # noqa: E402
from mtaudit.lang.tokens import words  # noqa: E402
from mtaudit.lm import LanguageModel  # noqa: E402
from mtaudit.lm.cache import LMCache  # noqa: E402
from mtaudit.lm.stage import LMSettings, score_candidates  # noqa: E402

CONFIRM = 1.0


def analyse(text: str, lang: str, checks, lm, cache, settings: LMSettings) -> dict:
    """Checks and LM gains of one sentence."""
    view = SentenceView(text=text, lang=lang, doc="<bench>")
    found = run_on_document(DocumentView("<bench>", lang, [view], text), checks)[0]
    tagged = tag(words(text), lang)
    started = time.perf_counter()
    scored = score_candidates(lm, text, lang, found, 0, settings, tagged, cache)
    seconds = time.perf_counter() - started
    own = scored.best(prompted=False)
    fixes: dict[str, float] = {}
    families: dict[str, float] = {}
    for edit, gain in scored.edits:
        if edit.origin.startswith("check:"):
            cid = edit.origin[len("check:") :]
            fixes[cid] = max(fixes.get(cid, -math.inf), gain)
        else:
            families[edit.origin] = max(families.get(edit.origin, -math.inf), gain)
    return {
        "ids": sorted({f.check_id for f in found}),
        "families": families,
        "own_gain": own[1] if own else -math.inf,
        "own_edit": f"{text[own[0].start : own[0].end]} -> {own[0].replacement}" if own else "",
        "fix_gains": fixes,
        "candidates": len(scored.edits),
        "tokens": scored.tokens,
        "seconds": seconds,
    }


def calibrate(rows: list[dict], target: float = 0.01) -> dict[str, float]:
    """Per-family margins: the smallest common quantile whose union rate is <= target."""
    fams = sorted({f for r in rows for f in r["families"]})
    per = {f: sorted(r["families"].get(f, -math.inf) for r in rows) for f in fams}
    for q in [0.99 + 0.0005 * k for k in range(21)]:
        margins = {}
        for f, gains in per.items():
            finite = [g for g in gains if g > -math.inf]
            margins[f] = finite[min(len(finite) - 1, int(q * len(finite)))] + 1e-6 if finite else 0
        if sum(lm_edit(r, margins) for r in rows) <= target * len(rows):
            return {f: round(m, 3) for f, m in margins.items()}
    return {f: math.inf for f in fams}


def lm_edit(r: dict, margins: dict[str, float]) -> bool:
    return any(g >= margins.get(f, math.inf) for f, g in r["families"].items())


def signals(r: dict, margins: dict[str, float], gated: set[str]) -> dict[str, bool]:
    """Which signals flag one sentence."""
    default = any(c not in gated and c != "LM-EDIT-001" for c in r["ids"])
    confirmed = any(r["fix_gains"].get(c, -math.inf) >= CONFIRM for c in r["ids"] if c in gated)
    edit = lm_edit(r, margins)
    return {
        "checks": default,
        "loose_unconfirmed": default or any(c in gated for c in r["ids"]),
        "checks+confirmed": default or confirmed,
        "lm_edit": edit,
        "all": default or confirmed or edit,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--clean", type=int, default=200, help="clean sentences per language")
    ap.add_argument("--per-type", type=int, default=40, help="damaged sentences per type")
    ap.add_argument("--types", nargs="*", default=None, help="damage type name prefixes")
    ap.add_argument("--margins", type=Path, default=None, help="JSON of an earlier run")
    ap.add_argument("--target", type=float, default=0.005, help="clean flag rate to calibrate")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "lm.json")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    checks = select_checks(lm_confirmed=True)
    gated = {c.id for c in checks if c.lm_confirmed}
    lm = LanguageModel()
    cache = None if args.no_cache else LMCache(HERE / "out" / "lm-cache.db")
    settings = LMSettings()
    rng = random.Random(args.seed)
    pools = {}
    clean: dict[str, list[dict]] = {}
    for lang in ("de", "en"):
        pool = [s for s in load_clean(lang, args.split) if len(s) < 400]
        rng.shuffle(pool)
        pools[lang] = pool
        clean[lang] = [analyse(s, lang, checks, lm, cache, settings) for s in pool[: args.clean]]
        print(f"clean {lang}: {len(clean[lang])}", file=sys.stderr)

    if args.margins:
        margins = json.loads(args.margins.read_text(encoding="utf-8"))["margins"]
    else:
        margins = {lang: calibrate(rows, args.target) for lang, rows in clean.items()}
    names = ("checks", "loose_unconfirmed", "checks+confirmed", "lm_edit", "all")

    damage: dict[str, dict] = {}
    records: dict[str, list] = {}
    true_findings: list[tuple[dict, dict]] = []
    types = [
        d
        for d in DAMAGES.values()
        if not args.types or any(d.name.startswith(p) for p in args.types)
    ]
    for dmg in types:
        drng = random.Random(f"{args.seed}:{dmg.name}")
        pairs = []
        for text in pools[dmg.lang][args.clean :]:
            if len(pairs) >= args.per_type:
                break
            try:
                damaged = dmg.inject(text, drng)
            except Exception:  # noqa: BLE001 - an injector slip is not the LM's fault
                continue
            if damaged and damaged != text and len(damaged) < 400:
                pairs.append(
                    (
                        analyse(text, dmg.lang, checks, lm, cache, settings),
                        analyse(damaged, dmg.lang, checks, lm, cache, settings),
                    )
                )
        if not pairs:
            continue
        records[dmg.name] = pairs
        true_findings.extend(pairs)
        m = margins[dmg.lang]
        n = len(pairs)
        hits = dict.fromkeys(names, 0)
        for a, b in pairs:
            sa, sb = signals(a, m, gated), signals(b, m, gated)
            for name in names:
                hits[name] += sb[name] and not sa[name]
        damage[dmg.name] = {
            "lang": dmg.lang,
            "n": n,
            **{name: round(hits[name] / n, 4) for name in names},
            "all_ci95": wilson(hits["all"], n),
            "auroc_own_gain": auroc(
                [b["own_gain"] for _, b in pairs], [r["own_gain"] for r in clean[dmg.lang]]
            ),
            "examples": [b["own_edit"] for _, b in pairs[:3]],
        }
        print(
            f"{dmg.name}: n={n} " + " ".join(f"{k} {hits[k] / n:.2f}" for k in names),
            file=sys.stderr,
        )

    verification: dict[str, dict] = defaultdict(lambda: {"false": [0, 0, 0], "true": [0, 0, 0]})
    for rows in clean.values():
        for r in rows:
            for cid, g in r["fix_gains"].items():
                cell = verification[cid]["false"]
                cell[0] += 1
                cell[1] += g >= CONFIRM
                cell[2] += g <= -CONFIRM
    for a, b in true_findings:
        for cid in set(b["ids"]) - set(a["ids"]):
            if cid in b["fix_gains"]:
                cell = verification[cid]["true"]
                g = b["fix_gains"][cid]
                cell[0] += 1
                cell[1] += g >= CONFIRM
                cell[2] += g <= -CONFIRM
    seconds = [r["seconds"] for rows in clean.values() for r in rows]
    tokens = [r["tokens"] for rows in clean.values() for r in rows]
    result = {
        "split": args.split,
        "margins": margins,
        "gated": sorted(gated),
        "clean": {
            lang: {
                "n": len(rows),
                **{
                    name: round(
                        sum(signals(r, margins[lang], gated)[name] for r in rows) / len(rows), 4
                    )
                    for name in names
                },
            }
            for lang, rows in clean.items()
        },
        "damage": damage,
        "verification": {
            cid: {
                kind: {"findings": c[0], "confirmed": c[1], "rejected": c[2]}
                for kind, c in (("on_clean", v["false"]), ("on_damage", v["true"]))
            }
            for cid, v in sorted(verification.items())
        },
        "lm_seconds_per_sentence": round(statistics.mean(seconds), 3) if seconds else None,
        "mean_tokens": round(statistics.mean(tokens), 1) if tokens else None,
        "mean_candidates": round(
            statistics.mean(r["candidates"] for rows in clean.values() for r in rows), 2
        ),
        "seconds": round(time.perf_counter() - started, 1),
        "records": {
            "clean": clean,
            "damage": {name: pairs for name, pairs in records.items()},
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k not in ("damage", "records")}, indent=1))
    print("| damage type | n | checks | + confirmed loose | LM-EDIT | all |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, d in damage.items():
        print(
            f"| {name} | {d['n']} | {d['checks']:.1%} | {d['checks+confirmed']:.1%} | "
            f"{d['lm_edit']:.1%} | {d['all']:.1%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
