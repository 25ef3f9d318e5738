"""The peer for the speed benchmark: OpusFilter's one-language filters over a folder of text.

    PEER_PYTHON benchmarks/peer_opusfilter.py DIR --lang de

Run with the Python of a separate environment that has OpusFilter (``pip install
opusfilter``; it is a benchmark peer, not a dependency of mtaudit). Every line of every
``*.txt`` file in DIR is one segment, as OpusFilter reads a corpus; each segment goes
through the filters that need no second language and no model to train: length, long
words, average word length, HTML tags, alphabet ratio, script, repetition and language id
(langid, OpusFilter's default method; it needs ``py3langid<0.3``). Prints one JSON line:
segments, and how many each filter rejected.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from opusfilter.filters import (
    AlphabetRatioFilter,
    AverageWordLengthFilter,
    CharacterScoreFilter,
    HtmlTagFilter,
    LengthFilter,
    LongWordFilter,
    RepetitionFilter,
)
from opusfilter.lid import LangidFilter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--lang", default="de")
    args = parser.parse_args()
    segments = [
        (line,)
        for path in sorted(args.dir.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    filters = [
        LengthFilter(min_length=1, max_length=100, unit="word"),
        LongWordFilter(threshold=40),
        AverageWordLengthFilter(min_length=2, max_length=20),
        HtmlTagFilter(),
        AlphabetRatioFilter(threshold=0.75),
        CharacterScoreFilter(scripts=["Latin"], thresholds=[0.9]),
        RepetitionFilter(),
        LangidFilter(languages=[args.lang], thresholds=[0.0]),
    ]
    rejected = {}
    for f in filters:
        rejected[type(f).__name__] = sum(1 for ok in f.decisions(segments) if not ok)
    print(json.dumps({"segments": len(segments), "rejected": rejected}))


if __name__ == "__main__":
    main()
