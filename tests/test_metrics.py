"""sentence_ter must return sacrebleu's TER score exactly, on every kind of input."""

from __future__ import annotations

import random

import pytest
import sacrebleu
from sacrebleu.metrics import TER
from sacrebleu.metrics.lib_ter import BeamEditDistance

from mtaudit.metrics import TER_SIGNATURE, _Aligner, sentence_ter

_TER = TER()

LONG_EN = (
    "The committee, which met on Tuesday in Brussels for the third time this year, said that "
    "the new rules on data protection would apply to all companies operating in the European "
    "Union from the first of January, although smaller firms would be given another twelve "
    "months to adapt their systems and train their staff."
)
LONG_EN_REORDERED = (
    "From the first of January, the new rules on data protection would apply to all companies "
    "operating in the European Union, the committee said, which met on Tuesday in Brussels for "
    "the third time this year, although smaller firms would get twelve more months to adapt "
    "their systems and to train staff."
)

PAIRS = [
    ("The bridge opened today.", "The bridge opened today."),
    ("", "The bridge opened today."),
    ("The bridge opened today.", ""),
    ("", ""),
    ("   ", "x"),
    ("x", "   "),
    ("today the bridge opened .", "the bridge opened today ."),
    ("a b c d", "c d a b"),
    ("c d e f a b", "a b c d e f"),
    ("the cat sat on the mat", "on the mat sat the cat"),
    ("THE BRIDGE opened Today.", "the bridge OPENED today."),
    ("Hello, world!", "Hello world"),
    ("Hello , world !", "Hello, world!"),
    ('It\'s 5 p.m. -- "really"?', "It is 5 pm, really?"),
    ("Die Bürgermeisterin eröffnete die Brücke.", "Die Bürgermeister eröffnete die Brücke."),
    (
        "Gestern hat der Bürgermeister die neue Brücke eröffnet.",
        "Der Bürgermeister hat gestern die neue Brücke eröffnet.",
    ),
    ("Straße STRASSE straße", "strasse Straße STRASSE"),
    ("Ünïcödé façade naïve café", "unicode facade naive cafe"),
    ("日本語 の テキスト", "テキスト の 日本語"),
    ("a a a a a a a a", "a a a a"),
    ("a a a a", "a a a a a a a a"),
    ("a b a b a b a b a b", "b a b a b a b a b a"),
    ("one", "one two three four five six seven eight nine ten eleven twelve"),
    ("one two three four five six seven eight nine ten eleven twelve", "twelve"),
    ("tab\tseparated\nnew line", "tab separated new line"),
    ("trailing spaces   ", "trailing spaces"),
    ("  leading spaces", "leading spaces"),
    (LONG_EN, LONG_EN),
    (LONG_EN_REORDERED, LONG_EN),
    (LONG_EN, LONG_EN_REORDERED),
    (LONG_EN, "The committee met."),
    ("The committee met.", LONG_EN),
    (LONG_EN + " " + LONG_EN_REORDERED, LONG_EN_REORDERED + " " + LONG_EN),
    (" ".join(reversed(LONG_EN.split())), LONG_EN),
    ("Cats sleep all afternoon long.", "The bridge opened today."),
]


@pytest.mark.parametrize(("hypothesis", "reference"), PAIRS)
def test_matches_sacrebleu_on_hand_written_pairs(hypothesis, reference):
    expected = _TER.sentence_score(hypothesis, [reference]).score
    assert sentence_ter(hypothesis, reference) == expected


def test_known_values():
    assert sentence_ter("The bridge opened today.", "the BRIDGE opened today.") == 0.0
    assert sentence_ter("", "four words in here") == 100.0
    assert sentence_ter("two words", "") == 100.0
    assert sentence_ter("", "") == 0.0
    # One block shift of "a b" fixes everything: 1 edit over 4 reference words.
    assert sentence_ter("c d a b", "a b c d") == 25.0


def test_random_edits_of_random_sentences_match_sacrebleu():
    """Small vocabularies force many ties, repeated words and shifts; lengths span the beam."""
    rng = random.Random(7)
    vocab = ["a", "b", "c", "d", "e", ".", ",", "der", "die", "das"]
    for _ in range(150):
        ref = [rng.choice(vocab) for _ in range(rng.randint(0, 45))]
        hyp = list(ref)
        for _ in range(rng.randint(0, 6)):
            op = rng.random()
            if op < 0.3 and hyp:
                hyp.pop(rng.randrange(len(hyp)))
            elif op < 0.6:
                hyp.insert(rng.randint(0, len(hyp)), rng.choice(vocab))
            elif hyp:
                start, size = rng.randrange(len(hyp)), rng.randint(1, 5)
                block = hyp[start : start + size]
                del hyp[start : start + size]
                at = rng.randint(0, len(hyp))
                hyp[at:at] = block
        h, r = " ".join(hyp), " ".join(ref)
        assert sentence_ter(h, r) == _TER.sentence_score(h, [r]).score, (h, r)


def test_beam_fallback_is_taken_and_matches_sacrebleu():
    """Very different lengths push optimal paths out of sacrebleu's beam: the slow path runs."""
    rng = random.Random(3)
    ref = [rng.choice(["a", "b", "c"]) for _ in range(90)]
    hyp = ref[40:45]
    codes = {w: i for i, w in enumerate("abc")}
    aligner = _Aligner([codes[w] for w in ref], len(hyp))
    full = aligner._bit_parallel([codes[w] for w in hyp], None)
    assert full >= aligner.outside_bound  # so cost() must use the beam DP
    beam_cost, beam_trace = BeamEditDistance(ref)(hyp)
    assert aligner.cost_and_trace([codes[w] for w in hyp]) == (beam_cost, beam_trace)
    h, r = " ".join(hyp), " ".join(ref)
    assert sentence_ter(h, r) == _TER.sentence_score(h, [r]).score


def test_traces_equal_sacrebleu_beam_edit_distance():
    """The trace picks shift candidates, so it must equal sacrebleu's, tie-breaking included."""
    rng = random.Random(11)
    for _ in range(200):
        ref = [rng.choice(["a", "b", "c", "d"]) for _ in range(rng.randint(1, 40))]
        hyp = [rng.choice(["a", "b", "c", "d"]) for _ in range(rng.randint(0, 40))]
        codes = {w: i for i, w in enumerate("abcd")}
        aligner = _Aligner([codes[w] for w in ref], len(hyp))
        assert aligner.cost_and_trace([codes[w] for w in hyp]) == BeamEditDistance(ref)(hyp)


def test_shift_candidate_limit_matches_sacrebleu():
    """Repetitive long sentences exhaust _MAX_SHIFT_CANDIDATES; the cut-off must agree."""
    rng = random.Random(5)
    ref = " ".join(rng.choice(["x", "y"]) for _ in range(60))
    hyp = " ".join(rng.choice(["x", "y"]) for _ in range(60))
    assert sentence_ter(hyp, ref) == _TER.sentence_score(hyp, [ref]).score


def test_rejects_non_strings_and_names_the_sacrebleu_version():
    with pytest.raises(TypeError):
        sentence_ter(["a list"], "a string")  # type: ignore[arg-type]
    assert f"ter-sacrebleu-{sacrebleu.__version__}-compatible" == TER_SIGNATURE


def test_batched_beam_costs_equal_the_cell_by_cell_beam_dp():
    """The numpy fallback scores shift candidates; it must equal sacrebleu's beam DP values."""
    rng = random.Random(17)
    for _ in range(40):
        m, n = rng.randint(1, 120), rng.randint(1, 120)
        ref = [rng.randrange(4) for _ in range(m)]
        hyps = [[rng.randrange(5) for _ in range(n)] for _ in range(rng.randint(1, 6))]
        aligner = _Aligner(ref, n)
        expected = [BeamEditDistance(ref)(hyp)[0] for hyp in hyps]
        assert aligner._beam_costs(hyps) == expected
        assert aligner.costs(hyps) == expected
