"""How long a human translation of a sentence is: the yardstick for omissions and additions.

German runs longer than English (about 20% more characters in the WMT references), so the
length ratio of a pair says something only against that expectation and its spread.
"""

from __future__ import annotations

import math

from mtaudit.data import json_data


def length_model() -> dict:
    """Expected target/source length ratio, fitted on human references (see the JSON)."""
    return json_data("calibration/length_ratio.json")


def length_z(source: str, target: str, target_lang: str) -> float:
    """How many standard deviations the log length ratio lies from human translations."""
    model = length_model()
    if len(source.strip()) < model["min_source_chars"] or not target.strip():
        return 0.0
    ref = model["en-de"]
    mean = ref["mean"] if target_lang == "de" else -ref["mean"]
    return (math.log(len(target.strip()) / len(source.strip())) - mean) / ref["sd"]
