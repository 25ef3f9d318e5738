"""Stage 2-3: round-trip metrics and diff spans, and the stage's batching over a table."""

from __future__ import annotations

import math

import pandas as pd

from mtaudit.roundtrip import diff_spans, load_translators, roundtrip_metrics, run_roundtrip
from mtaudit.translate.base import ModelMissing, Translation


def test_diff_spans_locate_changed_words_in_the_original():
    original = "Die neue Bürgermeisterin Klaus Weber eröffnete die Brücke."
    spans, summary = diff_spans(
        original, "Der neue Bürgermeister Klaus Weber eröffnete die Brücke.", offset=100
    )
    changed = [original[s - 100 : e - 100] for s, e in spans]
    assert changed == ["Die", "Bürgermeisterin"]
    assert "Bürgermeisterin→Bürgermeister" in summary


def test_identical_round_trip_has_no_diff_and_top_scores():
    m = roundtrip_metrics("The bridge opened today.", "The bridge opened today.")
    assert m["rt_changed"] == [] and m["rt_diff"] == ""
    assert m["rt_chrf"] == 100.0 and m["rt_bleu"] == 100.0 and m["rt_ter"] == 0.0


def test_unrelated_round_trip_scores_low():
    m = roundtrip_metrics("The bridge opened today.", "Cats sleep all afternoon long.")
    assert m["rt_chrf"] < 30 and m["rt_ter"] > 50


class Reverser:
    """A deterministic translator double: reverses word order and counts its calls."""

    def __init__(self, source: str, target: str):
        self.source, self.target = source, target
        self.model_id = f"reverse:{source}-{target}"
        self.calls = 0

    def translate(self, texts):
        self.calls += 1
        return [Translation(" ".join(reversed(t.split())), -0.5) for t in texts]

    def score(self, sources, targets):
        return [-float(len(t.split())) for t in targets]


def _table(rows):
    return pd.DataFrame(
        [
            {
                "doc": "d",
                "sent_id": i,
                "start": 0,
                "end": len(t),
                "lang": lang,
                "text": t,
                "skip_reason": skip,
            }
            for i, (t, lang, skip) in enumerate(rows)
        ]
    )


def test_run_roundtrip_batches_each_direction_once_and_skips_skipped_rows():
    translators = {(s, t): Reverser(s, t) for s, t in [("de", "en"), ("en", "de")]}
    table = _table(
        [
            ("eins zwei drei", "de", ""),
            ("vier fünf", "de", ""),
            ("one two", "en", ""),
            ("Skip to content", "en", "site navigation"),
        ]
    )
    out = run_roundtrip(table, translators)
    # de→en carries the German forward pass and the English backward pass: one batch each.
    assert all(tr.calls == 2 for tr in translators.values())
    assert out.loc[0, "backtranslation"] == "drei zwei eins"
    assert out.loc[0, "roundtrip"] == "eins zwei drei"
    assert out.loc[0, "rt_chrf"] == 100.0
    assert out.loc[0, "fd_gap"] == 0.0
    assert out.loc[3, "roundtrip"] == "" and math.isnan(out.loc[3, "rt_chrf"])


def test_missing_direction_leaves_rows_without_round_trip():
    table = _table([("one two", "en", "")])
    out = run_roundtrip(table, {("en", "de"): Reverser("en", "de")})
    assert out.loc[0, "roundtrip"] == ""


def test_load_translators_reports_what_is_missing():
    def factory(source, target):
        if (source, target) == ("de", "en"):
            return Reverser(source, target)
        raise ModelMissing(f"no model {source}->{target}")

    found, missing = load_translators({"de"}, factory)
    assert list(found) == [("de", "en")]
    assert missing == "no translation model installed for en->de"


def test_long_inputs_go_in_chunks_that_report_progress(monkeypatch):
    import mtaudit.roundtrip as roundtrip

    monkeypatch.setattr(roundtrip, "CHUNK", 2)
    translators = {(s, t): Reverser(s, t) for s, t in [("de", "en"), ("en", "de")]}
    table = _table([(f"satz nummer {i}", "de", "") for i in range(5)])
    done = []
    out = run_roundtrip(table, translators, done.append)
    assert done == [2, 2, 1]
    assert translators[("de", "en")].calls == 3 and translators[("en", "de")].calls == 3
    assert list(out["roundtrip"]) == [f"satz nummer {i}" for i in range(5)]
