"""The Argos/CTranslate2 backend and the translation cache, run on tiny real packages."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
import tinymodel

from mtaudit.translate import (
    ArgosTranslator,
    CachedTranslator,
    ModelMissing,
    Translation,
    TranslationCache,
    available_pairs,
    default_cache_dir,
    install_from_file,
    load_translator,
)

GERMAN = [
    "Die Ärztin besucht am Montag das Krankenhaus.",
    "Der Zug verlässt den Bahnhof ohne Erfolg.",
    "Heute plant die Regierung ein Projekt in Berlin (2024).",
]


class CountingTranslator:
    """Delegates to a real translator and records what reached it."""

    def __init__(self, inner: ArgosTranslator) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.source = inner.source
        self.target = inner.target
        self.translated: list[list[str]] = []
        self.scored: list[list[tuple[str, str]]] = []

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        self.translated.append(list(texts))
        return self.inner.translate(texts)

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        self.scored.append(list(zip(sources, targets, strict=True)))
        return self.inner.score(sources, targets)


def test_end_to_end_round_trip(argos_env: Path) -> None:
    de_en = load_translator("de", "en")
    en_de = load_translator("en", "de")
    assert (de_en.source, de_en.target) == ("de", "en")
    forward = de_en.translate(GERMAN)
    assert len(forward) == len(GERMAN)
    for t in forward:
        assert isinstance(t, Translation) and isinstance(t.text, str)
        assert math.isfinite(t.score) and t.score <= 0.0
    back = en_de.translate([t.text for t in forward])
    assert len(back) == len(GERMAN)
    assert all(math.isfinite(t.score) for t in back)
    scores = de_en.score(GERMAN, [t.text for t in forward])
    assert len(scores) == len(GERMAN)
    assert all(isinstance(s, float) and math.isfinite(s) and s < 0.0 for s in scores)
    # Same model, same input: same output (cache keys rely on this).
    assert de_en.translate(GERMAN) == forward


def test_model_id_is_stable_and_names_the_package(argos_env: Path) -> None:
    first = load_translator("de", "en").model_id
    assert first == load_translator("de", "en").model_id
    assert first.startswith("argos:translate-de_en:0.1:")
    assert first != load_translator("en", "de").model_id
    assert load_translator("de", "en", beam_size=4).model_id != first


def test_model_is_loaded_on_first_use_and_its_digest_remembered(argos_env: Path) -> None:
    translator = load_translator("de", "en")
    assert "_model" not in vars(translator)  # a fully cached audit never loads the model
    memo = default_cache_dir() / "model-digests.json"
    assert translator.model_id.split(":")[3] in memo.read_text()
    translator.translate(GERMAN[:1])
    assert "_model" in vars(translator)


def test_batching_preserves_order(argos_env: Path) -> None:
    texts = [" ".join(GERMAN[: 1 + i % 3]) for i in range(7)] + ["Kurz."]
    batched = ArgosTranslator(argos_env / "translate-de_en-0_1", max_batch_size=2)
    single = ArgosTranslator(argos_env / "translate-de_en-0_1", max_batch_size=1)
    together = batched.translate(texts)
    one_by_one = [single.translate([text])[0] for text in texts]
    assert [t.text for t in together] == [t.text for t in one_by_one]
    for a, b in zip(together, one_by_one, strict=True):
        assert a.score == pytest.approx(b.score, abs=1e-3)


def test_empty_and_huge_inputs(argos_env: Path) -> None:
    translator = load_translator("de", "en")
    huge = " ".join(["Die Regierung plant heute ein neues Gesetz"] * 715)  # 5,005 words
    assert len(huge.split()) > 5000
    results = translator.translate(["", "   ", huge, GERMAN[0]])
    assert results[0] == Translation("", 0.0)
    assert results[1] == Translation("", 0.0)
    assert math.isfinite(results[2].score)
    assert translator.truncated == 1
    assert translator.translate([GERMAN[0]]) == [results[3]]
    scores = translator.score(["", huge, GERMAN[0]], ["", huge, ""])
    assert len(scores) == 3 and all(math.isfinite(s) for s in scores)
    assert translator.score([], []) == []
    with pytest.raises(ValueError):
        translator.score(["a"], [])


def _raw_hypothesis(translator: ArgosTranslator, text: str) -> list[str]:
    # Private access on purpose: the exact output tokens, free of re-tokenization drift.
    prefix = translator.target_prefix
    return translator._model.translate_batch(
        [translator._sp.encode(text, out_type=str)],
        target_prefix=[prefix] if prefix else None,
        beam_size=translator.beam_size,
    )[0].hypotheses[0]


def _forced_mean(translator: ArgosTranslator, text: str, output_tokens: list[str]) -> float:
    source = translator._sp.encode(text, out_type=str)
    result = translator._model.score_batch(
        [source], [output_tokens], offset=len(translator.target_prefix)
    )[0]
    return sum(result.log_probs) / len(result.log_probs)


def test_translation_score_is_mean_log_prob_per_token(argos_env: Path) -> None:
    translator = ArgosTranslator(argos_env / "translate-de_en-0_1")
    for text, result in zip(GERMAN, translator.translate(GERMAN), strict=True):
        tokens = _raw_hypothesis(translator, text)
        assert result.score == pytest.approx(_forced_mean(translator, text, tokens), rel=0.05)


def test_target_prefix_is_sent_and_stripped(argos_env: Path, tmp_path: Path) -> None:
    archive = tinymodel.build_package(
        tmp_path / "prefixed", "de", "fr", seed=3, target_prefix="__en__"
    )
    translator = ArgosTranslator(install_from_file(archive))
    assert translator.target_prefix == ["__en__"]
    results = translator.translate(GERMAN)
    assert all(not t.text.startswith("__en__") for t in results)
    raw = _raw_hypothesis(translator, GERMAN[0])
    assert raw[0] == "__en__"
    assert results[0].score == pytest.approx(_forced_mean(translator, GERMAN[0], raw), rel=0.05)
    assert all(math.isfinite(s) for s in translator.score(GERMAN, [t.text for t in results]))


def test_missing_model_says_how_to_install(argos_env: Path) -> None:
    with pytest.raises(ModelMissing) as err:
        load_translator("de", "fr")
    message = str(err.value)
    assert "mtaudit models install de fr" in message
    assert "mtaudit models install FILE.argosmodel" in message
    assert str(argos_env) in message


def test_packages_dir_set_after_import_is_honoured(
    argos_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_models: dict
) -> None:
    from argostranslate import settings

    before = settings.package_data_dir
    elsewhere = tmp_path / "other-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(elsewhere))
    assert available_pairs() == []
    installed = install_from_file(tiny_models[("en", "de")])
    assert installed.parent == elsewhere
    assert available_pairs() == [("en", "de")]
    assert settings.package_data_dir == before  # argostranslate's own setting is restored


def test_available_pairs(argos_env: Path) -> None:
    assert available_pairs() == [("de", "en"), ("en", "de")]


def test_cache_serves_second_call_without_the_model(argos_env: Path, tmp_path: Path) -> None:
    inner = CountingTranslator(load_translator("de", "en"))
    cached = CachedTranslator(inner, TranslationCache(tmp_path / "c.db"))
    first = cached.translate(GERMAN)
    assert inner.translated == [GERMAN]
    assert (cached.hits, cached.misses) == (0, 3)
    assert cached.translate(GERMAN) == first
    assert len(inner.translated) == 1
    assert (cached.hits, cached.misses) == (3, 3)
    # A new cache object on the same file (a later run) still hits.
    again = CachedTranslator(inner, TranslationCache(tmp_path / "c.db"))
    assert again.translate(list(reversed(GERMAN))) == list(reversed(first))
    assert len(inner.translated) == 1


def test_cache_deduplicates_and_keeps_order(argos_env: Path, tmp_path: Path) -> None:
    inner = CountingTranslator(load_translator("de", "en"))
    cached = CachedTranslator(inner, TranslationCache(tmp_path / "c.db"))
    texts = [GERMAN[1], GERMAN[0], GERMAN[1], "", GERMAN[0]]
    results = cached.translate(texts)
    assert inner.translated == [[GERMAN[1], GERMAN[0], ""]]
    assert results == inner.inner.translate(texts)
    assert results[0] == results[2] and results[1] == results[4]


def test_cache_scores(argos_env: Path, tmp_path: Path) -> None:
    inner = CountingTranslator(load_translator("de", "en"))
    cached = CachedTranslator(inner, TranslationCache(tmp_path / "c.db"))
    targets = ["the doctor", "the train", "the doctor"]
    sources = [GERMAN[0], GERMAN[1], GERMAN[0]]
    first = cached.score(sources, targets)
    assert inner.scored == [[(GERMAN[0], "the doctor"), (GERMAN[1], "the train")]]
    assert first[0] == first[2]
    assert cached.score(sources, targets) == first
    assert len(inner.scored) == 1
    assert first == pytest.approx(inner.inner.score(sources, targets))


def test_load_translator_with_cache(argos_env: Path, tmp_path: Path) -> None:
    translator = load_translator("de", "en", cache=TranslationCache(tmp_path / "c.db"))
    assert isinstance(translator, CachedTranslator)
    assert translator.model_id.startswith("argos:translate-de_en")


def test_corrupt_cache_file_recovers(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "translations.db"
    path.write_bytes(b"\x13\x37 definitely not sqlite " * 200)
    with caplog.at_level(logging.WARNING, logger="mtaudit.translate.cache"):
        cache = TranslationCache(path)
    assert "corrupt" in caplog.text
    assert list(tmp_path.glob("translations.db.corrupt-*"))
    cache.put_translations("m", {"a": Translation("b", -1.5)})
    assert cache.get_translations("m", ["a", "z"]) == {"a": Translation("b", -1.5)}
    cache.close()
    assert TranslationCache(path).get_translations("m", ["a"]) == {"a": Translation("b", -1.5)}


def test_unusable_cache_location_falls_back_to_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with caplog.at_level(logging.WARNING, logger="mtaudit.translate.cache"):
        cache = TranslationCache(blocker / "translations.db")
    assert "memory only" in caplog.text
    cache.put_scores("m", {("s", "t"): -2.0})
    assert cache.get_scores("m", [("s", "t"), ("s", "u")]) == {("s", "t"): -2.0}


def test_cache_batches_larger_than_one_query(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c.db")
    items = {f"text {i}": Translation(f"out {i}", -i / 10) for i in range(1500)}
    cache.put_translations("m", items)
    assert cache.get_translations("m", list(items)) == items
    assert cache.get_translations("other-model", list(items)) == {}
    pairs = {(f"s{i}", f"t{i}"): -float(i) for i in range(1200)}
    cache.put_scores("m", pairs)
    assert cache.get_scores("m", list(pairs)) == pairs


def test_cache_is_safe_across_threads(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c.db")
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(50):
                text = f"{worker}-{i}"
                cache.put_translations("m", {text: Translation(text.upper(), -1.0)})
                assert cache.get_translations("m", [text]) == {
                    text: Translation(text.upper(), -1.0)
                }
        except BaseException as err:  # collected and re-raised in the main thread
            errors.append(err)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (
        len(cache.get_translations("m", [f"{w}-{i}" for w in range(4) for i in range(50)])) == 200
    )


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(tmp_path / "explicit"))
    assert default_cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("MTAUDIT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "mtaudit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "mtaudit"
    assert TranslationCache.open_default(tmp_path / "d").path == tmp_path / "d" / "translations.db"
