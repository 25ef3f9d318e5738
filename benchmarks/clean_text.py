"""Clean human text for measuring checks, with a fixed dev/test split.

German: the human reference translations of ``mqm_dev_ende.tsv`` that the MQM raters found
error-free (``is_human`` true, ``severity_class`` none), plus the human post-edits of
MLQE-PE (``post_edit_tok`` of ``mlqe_ende.tsv``), detokenised with sacremoses'
``MosesDetokenizer('de')`` (a regex detokeniser when sacremoses is missing).
English: the ``source`` columns of both files.

Each language is deduplicated (after Unicode NFC and whitespace normalisation) and split in
two halves by a stable hash of the text: ``dev`` for anyone tuning a check, ``test`` for
reporting. The hash is SHA-1 of the normalised UTF-8 text, so the split never depends on
the order of the files, on Python's hash seed or on which other rows are present.

    from benchmarks.clean_text import load_clean
    test_de = load_clean("de", "test")
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
SPLITS = ("dev", "test")
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")


def normalise(text: str) -> str:
    """NFC, single spaces, stripped: the form that is deduplicated, hashed and returned."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def split_of(text: str) -> str:
    """'dev' or 'test' for a text, from the first byte of SHA-1 of its normalised form."""
    digest = hashlib.sha1(normalise(text).encode("utf-8")).digest()
    return SPLITS[digest[0] & 1]


@lru_cache(maxsize=1)
def _moses():
    try:
        from sacremoses import MosesDetokenizer
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return MosesDetokenizer(lang="de")


def _regex_detok(text: str) -> str:
    """Fallback Moses-style detokeniser for German tokenised text."""
    out = re.sub(r" ([,.;:!?%)\]}“])", r"\1", text)
    out = re.sub(r"([(\[{„]) ", r"\1", out)
    # straight double quotes: alternate opening / closing
    parts = out.split(' " ')
    if len(parts) > 1:
        rebuilt = parts[0]
        for i, part in enumerate(parts[1:]):
            rebuilt += (' "' if i % 2 == 0 else '" ') + part
        out = rebuilt
    return out


def detokenise_de(text: str) -> str:
    """Undo Moses tokenisation of a German sentence ("Er kam , sah ." -> "Er kam, sah.")."""
    moses = _moses()
    out = moses.detokenize(text.split()) if moses is not None else _regex_detok(text)
    out = re.sub(r"(\w) ?' s\b", r"\1's", out)  # Wall ' s Furlong -> Wall's Furlong
    out = re.sub(r"(\d) - (\d)", r"\1-\2", out)
    return normalise(out)


def _is_true(value: object) -> bool:
    return str(value).strip().lower() in {"1", "true"}


def _usable(text: str) -> bool:
    return len(_WORD.findall(text)) >= MIN_WORDS


@lru_cache(maxsize=4)
def _all_clean(lang: str, data: Path) -> tuple[str, ...]:
    import pandas as pd

    mqm = pd.read_csv(data / "mqm_dev_ende.tsv", sep="\t", keep_default_na=False)
    mlqe = pd.read_csv(data / "mlqe_ende.tsv", sep="\t", keep_default_na=False)
    if lang == "de":
        human = mqm["is_human"].map(_is_true) & (mqm["severity_class"] == "none")
        texts = [*mqm.loc[human, "target"], *(detokenise_de(t) for t in mlqe["post_edit_tok"])]
    elif lang == "en":
        texts = [*mqm["source"], *mlqe["source"]]
    else:
        raise ValueError(f"no clean text for language {lang!r}")
    seen: dict[str, None] = {}
    for text in texts:
        norm = normalise(str(text))
        if norm and _usable(norm):
            seen.setdefault(norm, None)
    return tuple(sorted(seen))


def load_clean(lang: str, split: str | None = None, data: Path = DEFAULT_DATA) -> list[str]:
    """Deduplicated clean sentences of ``lang`` ('de' or 'en'), sorted; ``split`` 'dev',
    'test' or None for both halves."""
    if split is not None and split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    texts = _all_clean(lang, Path(data))
    return [t for t in texts if split is None or split_of(t) == split]


def load_mt(data: Path = DEFAULT_DATA, classes: tuple[str, ...] = ("major", "none")):
    """Machine-translated German rows of mqm_dev_ende.tsv (is_human false) of the given
    severity classes, as a DataFrame with text, source, severity_class, categories."""
    import pandas as pd

    mqm = pd.read_csv(Path(data) / "mqm_dev_ende.tsv", sep="\t", keep_default_na=False)
    mt = mqm.loc[~mqm["is_human"].map(_is_true) & mqm["severity_class"].isin(classes)]
    return (
        mt[["target", "source", "severity_class", "categories", "dataset"]]
        .rename(columns={"target": "text"})
        .reset_index(drop=True)
    )


if __name__ == "__main__":  # sizes of every set
    for lang in ("de", "en"):
        print(lang, {s: len(load_clean(lang, s)) for s in SPLITS})
