"""Benchmark the calibrated risk on WMT en→de MQM (cross-validated) and WMT21 CED.

All figures are WITHOUT the round trip (no translation model can be installed here).
Writes benchmarks/out/calibration.json and prints a markdown table.
Usage: python benchmarks/bench_calibration.py [--ced-rows 500]
"""

from __future__ import annotations

import argparse
import json
import re

import numpy as np
import pandas as pd
from fit_calibration import (
    OUT,
    SEED,
    audit_pairs,
    columns_for,
    cv_predict,
    groups,
    mqm_features,
    read,
)
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score


def detokenise(text: str) -> str:
    """CED targets are tokenised ("Ich stimme zu ."); undo the spacing checks would flag."""
    text = re.sub(r" ([.,!?;:%)\]])", r"\1", text)
    return re.sub(r"([(\[]) ", r"\1", text)


def scores(risk: np.ndarray, data: pd.DataFrame) -> dict:
    major_none = data["severity_class"].isin(["major", "none"]).to_numpy()
    y = (data["severity_class"] == "major").to_numpy()
    return {"spearman_mqm": round(float(spearmanr(risk, data["mqm_score"])[0]), 3),
            "auroc_major_vs_none": round(float(roc_auc_score(y[major_none],
                                                             risk[major_none])), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ced-rows", type=int, default=500, help="random CED rows to audit")
    args = parser.parse_args()
    data = read("mqm_dev_ende.tsv")
    tables = mqm_features(data)
    y = (data["severity_class"] == "major").to_numpy().astype(int)
    rows = []
    for name, frame in tables.items():
        x = frame[columns_for(frame)]
        rows.append({"setting": name, "signal": "combined (CV logistic regression)",
                     **scores(cv_predict(x, y, groups(data)), data)})
    src = tables["source_aware"]
    for col in columns_for(src):
        rows.append({"setting": "source_aware", "signal": f"{col} alone (raw value)",
                     **scores(src[col].to_numpy(), data)})
    ratio = np.log(data["target"].str.len() / data["source"].str.len())
    rows.append({"setting": "baseline", "signal": "|log length ratio − mean|",
                 **scores(np.abs(ratio - ratio.mean()).to_numpy(), data)})
    rows.append({"setting": "baseline", "signal": "1 − xling_sim",
                 **scores(1 - src["xling_sim"].to_numpy(), data)})
    ced = read("ced_ende.tsv").sample(args.ced_rows, random_state=SEED)
    pairs = pd.DataFrame({"source": ced["source"].to_numpy(),
                          "target": [detokenise(t) for t in ced["target_tok"]]})
    table = audit_pairs(f"ced_ende_{args.ced_rows}", pairs, pd.Series(range(len(pairs))))
    ced_auroc = round(float(roc_auc_score(ced["label"].to_numpy() == "ERR", table["risk"])), 3)
    result = {"note": "all figures without the round trip", "mqm": rows,
              "ced": {"rows": args.ced_rows, "setting": "source_aware (shipped weights)",
                      "auroc_err_vs_not": ced_auroc}}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "calibration.json").write_text(json.dumps(result, indent=2) + "\n")
    print("All figures WITHOUT the round trip. mqm_dev_ende.tsv, 3,600 rows, 5-fold CV grouped"
          " by source document.\n")
    print("| setting | signal | Spearman vs mqm_score | AUROC major vs none |\n|---|---|---|---|")
    for r in rows:
        print(f"| {r['setting']} | {r['signal']} | {r['spearman_mqm']} | "
              f"{r['auroc_major_vs_none']} |")
    print(f"\nCED (WMT21 en-de, {args.ced_rows} random rows, seed {SEED}, shipped source-aware "
          f"weights): AUROC ERR vs NOT = {ced_auroc}")


if __name__ == "__main__":
    main()
