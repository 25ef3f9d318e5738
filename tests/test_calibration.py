"""The shipped calibration behind ``p_major``: loaded, applied with numpy, monotone in evidence."""

from __future__ import annotations

import json
from importlib.resources import files

from mtaudit.checks.base import Finding
from mtaudit.scoring import calibrated_risk, calibration, sentence_risk
from mtaudit.settings import DEFAULT_SETTINGS
from mtaudit.signals import family, features

SHIPPED = json.loads(files("mtaudit.data").joinpath("calibration", "weights.json").read_text())


def major(check_id: str = "DE-GRAM-001") -> Finding:
    return Finding(check_id, "m", 0, 3, "major", "Fluency/Grammar")


def test_weights_come_from_the_shipped_file() -> None:
    fitted = calibration()
    assert fitted["version"] == SHIPPED["version"]
    assert fitted["thresholds"] == SHIPPED["thresholds"]
    assert 0 < fitted["thresholds"]["review"] < fitted["thresholds"]["garbled"] < 1
    sets = SHIPPED["sets"]
    assert sets["target_only"]["trained"] and sets["source_aware"]["trained"]
    assert not sets["source_aware+roundtrip"]["trained"]
    assert "UNTRAINED" in sets["target_only+roundtrip"]["note"]


def test_features() -> None:
    x = features(
        [major(), major("SRC-NUM-001")], "Ein kurzer Satz.", "A short sentence.", "de", 0.8
    )
    assert x["sev:major"] == 2 and x["fam:SRC-NUM"] == 1 and x["xling_sim"] == 0.8
    assert "len_short" in x and "xling_sim" not in features([], "Ein Satz.")
    assert family("DE-GENDER-003") == "DE-GENDER"


def test_risk_grows_with_evidence() -> None:
    text = "Der Vertrag wurde gestern unterzeichnet."
    none = calibrated_risk([], text)
    one = calibrated_risk([major()], text)
    critical = calibrated_risk(
        [Finding("SRC-COPY-001", "c", 0, 3, "critical", "A")],
        text,
        "The contract was signed yesterday.",
    )
    assert 0 < none < one < 1 and critical > calibration()["thresholds"]["garbled"]


def test_untrained_roundtrip_still_adds_evidence() -> None:
    assert sentence_risk([], 10.0) > sentence_risk([]) == 0.0


def test_verdict_risk_follows_the_findings() -> None:
    assert sentence_risk([]) == 0.0
    assert DEFAULT_SETTINGS.thresholds.review <= sentence_risk([major()])
    assert sentence_risk([major()]) < DEFAULT_SETTINGS.thresholds.garbled
    assert sentence_risk([major(), major("DE-IDIOM-001")]) >= DEFAULT_SETTINGS.thresholds.garbled
