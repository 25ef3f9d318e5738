"""Nothing in the package, its docs or its tests may be copied from the sample texts.

The five files in ``seeds/`` are what we demo on, so any check, lexicon row or example taken
from them would make the seed audit look better than the tool is. Every word 4-gram of the
sample texts is searched for in ``mtaudit/`` (code and data, ``.gz`` decompressed), ``docs/``,
``tests/`` and ``benchmarks/``.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")
SCANNED = ("mtaudit", "docs", "tests", "benchmarks")

# Generic web furniture that every WordPress comment form prints and that the boilerplate
# rules must recognise; it is not taken from the sample texts' prose.
ALLOWED_PHRASES = (
    "leave a reply",
    "your email address will not be published",
    "required fields are marked",
)


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _grams(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _allowed() -> set[tuple[str, ...]]:
    joined = _words(" ".join(ALLOWED_PHRASES))
    # every 4-gram inside one allowed phrase, and across the join of two consecutive ones
    return _grams(joined)


def _text(path: Path) -> str | None:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # binary files (images, pickles) hold no prose


def test_sample_texts_are_present():
    assert len(list((ROOT / "seeds").glob("*.txt"))) == 5


def test_no_word_4gram_of_the_sample_texts_in_the_project():
    seed_grams: set[tuple[str, ...]] = set()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        seed_grams |= _grams(_words(seed.read_text(encoding="utf-8")))
    seed_grams -= _allowed()
    leaks = {}
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or "out" in path.parts:
                continue
            text = _text(path)
            if text is None:
                continue
            found = _grams(_words(text)) & seed_grams
            if found:
                leaks[str(path.relative_to(ROOT))] = sorted(" ".join(g) for g in found)[:5]
    assert leaks == {}


def test_the_scan_finds_a_planted_leak(tmp_path):
    """The scan itself works: a sentence from a sample text is caught."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    line = next(ln for ln in seed.splitlines() if len(_words(ln)) >= 8)
    planted = tmp_path / "rows.tsv.gz"
    planted.write_bytes(gzip.compress(f"pattern\t{line}\n".encode()))
    assert _grams(_words(_text(planted))) & _grams(_words(seed)) - _allowed()
