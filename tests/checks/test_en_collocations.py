"""EN-COLLOC-001: improbable adjective+noun / verb+object / noun+noun pairs (invented text)."""

from __future__ import annotations

import random

import pytest

from mtaudit.checks import registry, run_on_text, select_checks
from mtaudit.checks.en_collocations import CollocationTable, extract_pairs, load_table
from mtaudit.lang.tagging import tag
from mtaudit.lang.tokens import tokens


@pytest.fixture(scope="module")
def checks():
    return select_checks(select=["EN-COLLOC"])


POSITIVE = [
    ("The committee relied on a reliable attack to settle the matter.", "reliable attack"),
    ("Her military comment surprised the audience.", "military comment"),
    ("Visitors must wear information at the entrance.", "wear information"),
    ("He gave a political thing to the reporters.", "political thing"),
    ("Officials said they would cause the article quickly.", "cause the article"),
    ("She read a white source.", "white source"),
]

NEGATIVE = [
    "Please cite a reliable source for this claim.",
    "The editor removed the personal attack from the page.",
    "It does not make sense to repeat the vote.",
    "Troops fought fierce battles near the river.",
    "The museum opened a new exhibition on Friday.",
    "Add a link to the talk page.",
]


@pytest.mark.parametrize(("sentence", "span"), POSITIVE)
def test_flags_unseen_pair_of_common_words(checks, sentence, span):
    found = [f for f in run_on_text(sentence, "en", checks) if f.check_id == "EN-COLLOC-001"]
    assert len(found) == 1
    assert sentence[found[0].start : found[0].end] == span
    assert 0.2 <= found[0].confidence <= 0.9


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_seen_or_rare_pairs_pass(checks, sentence):
    assert run_on_text(sentence, "en", checks) == []


def test_offsets_are_document_offsets(checks):
    text = ["Please cite a reliable source.", "Her military comment surprised us."]
    found = run_on_text(text, "en", checks)
    assert [" ".join(text)[f.start : f.end] for f in found] == ["military comment"]


def test_extract_pairs_uses_compound_head():
    pairs = {
        (p.rel, p.left, p.right)
        for p in extract_pairs(
            tag(tokens("The farmers held meetings in the noisy train station."), "en")
        )
    }
    assert ("VO", "hold", "meeting") in pairs
    assert ("AN", "noisy", "station") in pairs
    assert ("NN", "train", "station") in pairs


def test_table_marginals_and_expected_count():
    table = CollocationTable(
        [("AN", "red", "car", 3), ("AN", "red", "wine", 1), ("AN", "old", "car", 4)]
    )
    observed, expected, open_left, open_right = table.evidence("AN", "old", "wine")
    assert observed == 0
    assert expected == pytest.approx(4 * 1 / 8)
    assert open_left == pytest.approx(1 / 5)  # "old": 4 tokens, no one-off partner
    assert open_right == pytest.approx(2 / 2)  # "wine": seen once, with a one-off partner
    assert table.evidence("AN", "red", "car")[0] == 3


def test_shipped_table_loads_and_is_not_trivial():
    table = load_table()
    assert len(table.pairs) > 10_000
    assert table.pairs[("AN", "reliable", "source")] > 5


def test_off_by_default_with_measured_reason():
    cls = registry()["EN-COLLOC-001"]
    assert cls.default_enabled is False
    assert "precision" in cls.off_reason and "%" in cls.off_reason
    assert all(c.id != "EN-COLLOC-001" for c in select_checks())


def test_injector_swaps_a_listed_word_or_returns_none():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from inject_collocations import INJECTORS

    inject = INJECTORS["EN-COLLOC-001"]
    rng = random.Random(0)
    assert inject("They held talks in the capital.", rng) == "They gripped talks in the capital."
    assert inject("Nothing here qualifies.", rng) is None
