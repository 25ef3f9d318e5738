"""The language-model stage in real audits, against the real Gemma 3 270M model (no stubs).

Skipped only when the runtime is missing and MTAUDIT_REQUIRE_LM is not 1 (CI sets it).
Sentences are invented; the asserted orderings have margins of several nats, far above
llama.cpp's run-to-run noise (< 0.5 nats per token).
"""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

import mtaudit
from mtaudit.cli import main
from mtaudit.lang.tagging import tag
from mtaudit.lang.tokens import words
from mtaudit.lm import runtime_available
from mtaudit.lm.candidates import Edit, collocate_swaps, neighbours, unique

REQUIRE = os.environ.get("MTAUDIT_REQUIRE_LM") == "1"
needs_lm = pytest.mark.skipif(
    not runtime_available() and not REQUIRE,
    reason="llama-cpp-python not installed (scripts/install_lm.sh); MTAUDIT_REQUIRE_LM=1 fails",
)

CASE_ERROR = "Die Kommission hat mit die Kollegen über den Plan gesprochen.\n"
CLEAN = "Die Kommission hat mit den Kollegen über den Plan gesprochen.\n"


def test_neighbours_vary_articles_pronouns_and_doubled_words():
    text = "Er hat mit die die Kollegen gesprochen."
    results = {new for _, new in unique(neighbours(text, "de"), text, 50)}
    assert "Er hat mit den die Kollegen gesprochen." in results
    assert "Sie hat mit die die Kollegen gesprochen." in results
    assert "Er hat mit die Kollegen gesprochen." in results  # the doubled word deleted
    text_en = "The results shows it."
    english = {
        new
        for _, new in unique(
            neighbours("The results shows it.", "en", tagged=tag(words(text_en), "en")),
            "The results shows it.",
            50,
        )
    }
    assert "The results show it." in english


def test_edits_apply_and_are_unique():
    edit = Edit(4, 7, "den", "neighbour")
    assert edit.apply("mit die Kollegen") == "mit den Kollegen"
    same = Edit(4, 7, "die", "neighbour")
    assert unique([edit, edit, same], "mit die Kollegen", 10) == [(edit, "mit den Kollegen")]


@needs_lm
def test_the_lm_verifies_a_check_and_suggests_its_own_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(CASE_ERROR + "\n" + CLEAN, encoding="utf-8")
    result = mtaudit.audit(path, roundtrip=False, use_cache=False)
    assert result.lm.ran and result.summary["lm"]["ran"]
    assert result.summary["signature"]["lm"].startswith("gemma-3-270m")
    bad, good = result.sentences.iloc[0], result.sentences.iloc[1]
    assert bad["lm_best_gain"] > 3.0  # "mit den Kollegen" is far more probable
    assert bad["lm_best_edit"].endswith("den Kollegen")
    agreed = [f for f in bad["findings"] if "language model agrees" in f["message"]]
    assert agreed and agreed[0]["replacements"][0].endswith("den Kollegen")
    assert good["lm_best_gain"] < 0  # no edit improves the clean sentence
    assert good["verdict"] == "ok" and bad["verdict"] in {"review", "garbled"}
    assert bad["lm_tokens"] > 5 and bad["lm_logprob"] < good["lm_logprob"]


@needs_lm
def test_lm_columns_reach_the_reports_and_a_rerun_is_cached(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(CASE_ERROR, encoding="utf-8")
    out = tmp_path / "r"
    assert main(["audit", str(path), "--no-roundtrip", "-q", "--out", str(out)]) == 0
    sentences = pd.read_csv(out / "sentences.csv")
    for column in ("lm_logprob", "lm_tokens", "lm_mean_logprob", "lm_best_gain", "lm_best_edit"):
        assert column in sentences.columns
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["lm"]["ran"] and summary["lm"]["cached"] == 0
    assert main(["audit", str(path), "--no-roundtrip", "-q", "--out", str(out)]) == 0
    again = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert again["lm"]["cached"] > 0
    assert (
        "<ins>"
        in (
            out / "html" / next(p.name for p in (out / "html").iterdir() if p.name != "index.html")
        ).read_text()
    )


def test_no_lm_and_a_missing_model_are_reported_and_require_lm_exits_5(
    tmp_path, monkeypatch, capsys
):
    path = tmp_path / "a.txt"
    path.write_text(CLEAN, encoding="utf-8")
    off = mtaudit.audit(path, roundtrip=False, use_cache=False, lm=False)
    assert not off.summary["lm"]["ran"] and "--no-lm" in off.summary["lm"]["reason"]
    assert off.summary["signature"]["lm"] == "none"
    assert "lm_best_gain" not in off.sentences.columns or off.sentences["lm_best_gain"].isna().all()
    monkeypatch.setenv("MTAUDIT_LM_MODEL", str(tmp_path / "missing.gguf"))
    from mtaudit import pipeline

    pipeline.default_lm.cache_clear()
    try:
        missing = mtaudit.audit(path, roundtrip=False, use_cache=False)
        assert not missing.summary["lm"]["ran"]
        assert "missing.gguf" in missing.summary["lm"]["reason"]
        assert "install_lm.sh" in missing.summary["lm"]["how_to_enable"]
        code = main(
            ["audit", str(path), "--no-roundtrip", "--require-lm", "--out", str(tmp_path / "r")]
        )
        assert code == 5
        assert "language model required" in capsys.readouterr().err
    finally:
        pipeline.default_lm.cache_clear()


def test_collocate_swaps_propose_the_displaced_collocate_inflected():
    text = "She did a decision after weighty traffic delayed her."
    swaps = {e.replacement for t in tag(words(text), "en") for e in collocate_swaps(t)}
    assert {"made", "heavy"} <= swaps
    assert "make" not in swaps  # inflected like "did"
    assert not collocate_swaps(tag(words("The harbour is quiet."), "en")[1])
