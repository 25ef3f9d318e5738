"""Each check's measured precision, for the verdict rule (data/calibration/check_precision.json).

    python benchmarks/measure_precision.py [--detection benchmarks/out/detection_full.json]
        [--dry-run]

Reads a ``bench_detection.py`` result (run it first on the test split with ``--limit 0``,
so every clean test sentence counts) and derives, per check:

* ``fpr`` — the share of clean human sentences of its language it fires on;
* ``recall`` — pooled over the damage types it is meant for (those where it catches at
  least 5% of the damaged copies, each with at least 30 copies);
* ``precision = recall / (recall + fpr)`` — the share of its firings that are real damage
  when damaged and clean sentences are equally common (the balanced setting of
  ``bench_detection.py``; real MT with fewer damaged sentences gives lower precision);
* ``mqm`` — how often it fires on MQM dev MT rows with a major error vs rows with none.

A check with no damage type it catches (source-aware checks, checks whose damage no
injector makes) is listed without a precision and is never decisive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "mtaudit" / "data" / "calibration" / "check_precision.json"
MIN_RECALL = 0.05
MIN_COPIES = 30


def measure(detection: dict) -> dict[str, dict]:
    """Per check: fpr, pooled recall over its damage types, precision, MQM firing rates."""
    out: dict[str, dict] = {}
    mqm = detection.get("mt", {}).get("per_check", {})
    for cid in detection["checks"]:
        langs = {
            lang
            for lang, clean in detection["clean"].items()
            if cid in clean["per_check"] and clean["n"]
        }
        targets = [
            (name, d)
            for name, d in detection["damage"].items()
            if d["n"] >= MIN_COPIES and d["per_check"].get(cid, 0.0) >= MIN_RECALL
        ]
        entry: dict = {"damage_types": [name for name, _ in targets]}
        if targets:
            clean = detection["clean"]
            caught = sum(d["per_check"][cid] * d["n"] for _, d in targets)
            copies = sum(d["n"] for _, d in targets)
            # false flags expected on as many clean sentences of each type's language
            false = sum(clean[d["lang"]]["per_check"].get(cid, 0.0) * d["n"] for _, d in targets)
            recall, fpr = caught / copies, false / copies
            entry |= {
                "langs": sorted({d["lang"] for _, d in targets}),
                "recall": round(recall, 4),
                "fpr": round(fpr, 5),
                "clean_n": {
                    lang: clean[lang]["n"] for lang in sorted({d["lang"] for _, d in targets})
                },
                "damaged_n": copies,
                "precision": round(caught / (caught + false), 4) if caught + false else None,
            }
        elif langs:
            lang = sorted(langs)[0]
            entry |= {"fpr": round(detection["clean"][lang]["per_check"].get(cid, 0.0), 5)}
        if cid in mqm:
            entry["mqm"] = mqm[cid]
        out[cid] = entry
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--detection", type=Path, default=HERE / "out" / "detection_full.json")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    detection = json.loads(args.detection.read_text(encoding="utf-8"))
    checks = measure(detection)
    data = {
        "_about": (
            "Measured precision of each check on held-out data, used by the verdict rule: a "
            "major finding from a check at or above the decisive precision makes its "
            "sentence garbled. precision = recall / (recall + fpr), balanced setting; see "
            "benchmarks/measure_precision.py."
        ),
        "_source": (
            f"benchmarks/bench_detection.py ({detection.get('command', '')}; split "
            f"{detection.get('split')}, seed {detection.get('seed')}) on clean_text.py "
            "sentences (MQM references: Apache-2.0; MLQE-PE: CC0-1.0) with damage.py "
            f"injections; measured {dt.date.today().isoformat()}."
        ),
        "_licence": "MIT (numbers measured by mtaudit)",
        "version": f"precision-{dt.date.today().isoformat()}",
        "checks": checks,
    }
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if args.dry_run:
        print(text)
        return 0
    OUT.write_text(text, encoding="utf-8")
    for cid, e in sorted(checks.items()):
        print(
            f"{cid:18} precision {e.get('precision')}  recall {e.get('recall')}  "
            f"fpr {e.get('fpr')}  types {','.join(e['damage_types'])}"
        )
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
