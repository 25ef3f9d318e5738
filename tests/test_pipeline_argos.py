"""The real argostranslate/CTranslate2 path end to end, on tiny packages the tests build.

The tiny models translate into gibberish by design; these tests prove the plumbing: package
discovery through ARGOS_PACKAGES_DIR, batched translation, forced-decoding scores, the cache,
and the round-trip columns in every report.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

import mtaudit
from mtaudit.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_audit_with_installed_models_fills_every_round_trip_column(argos_env, tmp_path):
    result = mtaudit.audit([SEEDS], require_roundtrip=True)
    status = result.summary["roundtrip"]
    assert status["ran"] is True and status["reason"] == ""
    assert set(status["models"]) == {"de-en", "en-de"}
    audited = result.sentences[result.sentences["verdict"] != "skipped"]
    assert status["sentences"] == len(audited)
    assert (audited["backtranslation"] != "").all() and (audited["roundtrip"] != "").all()
    for column in (
        "bt_score",
        "rt_score",
        "fd_orig",
        "fd_rt",
        "fd_gap",
        "rt_chrf",
        "rt_bleu",
        "rt_ter",
    ):
        assert audited[column].map(math.isfinite).all(), column
    assert (audited["fd_gap"] == audited["fd_rt"] - audited["fd_orig"]).all()
    skipped = result.sentences[result.sentences["verdict"] == "skipped"]
    assert (skipped["roundtrip"] == "").all()
    assert set(result.documents["roundtrip"]) == {"ran"}
    assert result.summary["signature"]["roundtrip_models"]["de-en"].startswith("argos:")


def test_re_audit_is_served_from_the_cache(argos_env, tmp_path, monkeypatch):
    first = mtaudit.audit([SEEDS / "000_cf2c9044651edeed.txt"])
    import ctranslate2

    calls = []
    real = ctranslate2.Translator.translate_batch

    def counting(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ctranslate2.Translator, "translate_batch", counting)
    second = mtaudit.audit([SEEDS / "000_cf2c9044651edeed.txt"])
    assert calls == []
    columns = ["backtranslation", "roundtrip", "rt_chrf", "fd_gap"]
    pd.testing.assert_frame_equal(first.sentences[columns], second.sentences[columns])


def test_cli_reports_carry_the_round_trip(argos_env, tmp_path, capsys):
    out = tmp_path / "reports"
    assert (
        main(
            [
                "audit",
                str(SEEDS / "004_785d0492bf8adcf7.txt"),
                "--out",
                str(out),
                "--require-roundtrip",
            ]
        )
        == 0
    )
    assert "round trip skipped" not in capsys.readouterr().out
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    audited = sentences[sentences["verdict"] != "skipped"]
    assert (audited["roundtrip"] != "").all()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["roundtrip"]["ran"] is True


def test_models_list_shows_installed_packages(argos_env, capsys):
    assert main(["models", "list"]) == 0
    listed = capsys.readouterr().out
    assert "de->en" in listed and "en->de" in listed
