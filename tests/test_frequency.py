"""Word frequencies served from the SQLite copy of wordfreq's lists equal wordfreq's own."""

from __future__ import annotations

import random

import wordfreq

from mtaudit.lang import frequency
from mtaudit.lang.frequency import WordList, zipf_frequency


def _wordfreq_dict(lang: str) -> dict[str, float]:
    """What wordfreq's get_frequency_dict builds (its own loop, on its own list)."""
    out = {}
    for index, bucket in enumerate(wordfreq.get_frequency_list(lang, "best")):
        for word in bucket:
            out[word] = wordfreq.cB_to_freq(-index)
    return out


def test_the_copy_maps_every_sampled_word_to_wordfreqs_frequency():
    for lang in ("de", "en"):
        real = _wordfreq_dict(lang)
        store = WordList(lang)
        words = random.Random(7).sample(sorted(real), 3000)
        for word in [*words, "", "xqzzvk", "Haus", "the", "00"]:
            assert (word in store) == (word in real), word
            assert store.get(word) == real.get(word), word


def test_zipf_frequency_goes_through_the_copy_with_wordfreqs_rounding():
    assert zipf_frequency("Haus", "de") == round(wordfreq.freq_to_zipf(
        wordfreq.get_frequency_dict("de")["haus"]), 2)  # fmt: skip
    assert isinstance(wordfreq.get_frequency_dict("de"), WordList)
    assert zipf_frequency("xqzzvk", "en") == 0.0
    assert zipf_frequency("2024", "en") == wordfreq.zipf_frequency("2024", "en") > 0


def test_an_unusable_copy_falls_back_to_wordfreqs_dict(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("MTAUDIT_DATA_DIR", str(tmp_path))
    frequency._path("de", "small").mkdir(parents=True)  # a folder where the file should be
    found = wordfreq.get_frequency_dict("de", "small")
    assert isinstance(found, dict) and found["haus"] > 0
    assert "word list copy unusable" in caplog.text


def test_a_forked_process_opens_its_own_connection(monkeypatch):
    store = WordList("en")
    first = store._db()
    monkeypatch.setattr(frequency.os, "getpid", lambda: -7)
    assert store._db() is not first and store._read("house") is not None
