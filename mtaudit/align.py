"""Sentence alignment of a source and a target file that are not line-aligned.

An English article and its German machine translation rarely split the same way: one long
sentence becomes two, two short ones become one, a sentence is dropped. Both files are cut
into sentences by the segmenter (:func:`mtaudit.segment.segment`) and aligned by length
with Gale and Church's (1993) method, with the bead costs of ``nltk.translate.gale_church``
(imported only here, only when needed). When both files have the same number of
paragraphs, paragraphs are hard boundaries; otherwise the whole text is one block (up to
:data:`MAX_SENTENCES` sentences a side, aligned within a band around the diagonal).

Each *bead* becomes one row: its target sentences as they stand in the target file (the
document is that file, so offsets, lines and columns point into it), its source sentences
joined as ``source``, the bead's shape in ``alignment`` (``1-1``, ``1-2`` a source sentence
translated as two, ``2-1`` two merged, ``1-0`` a source sentence with no translation,
``0-1`` a target sentence with no source) and its cost in ``align_cost`` (−log probability
of the bead: 0–3 is an ordinary pair, much higher means the lengths disagree and the pair
may be misaligned or mistranslated).
"""

from __future__ import annotations

import math

import pandas as pd

from mtaudit.bilingual import PAIR_COLUMNS, PairSource
from mtaudit.documents import SUPPORTED_LANGS, ReadError, read_document
from mtaudit.segment import segment

ALIGN_COLUMNS = [*PAIR_COLUMNS, "alignment", "align_cost"]
MAX_SENTENCES = 3000
"""Per side, when paragraphs cannot serve as boundaries."""
FULL_CELLS = 40_000
"""Texts with up to this many (source × target) sentence pairs are aligned without a band."""
BAND = 100
"""Half-width of the band, in sentences, for longer texts (at least 5% of the longer)."""


def _sentences(document, segmentation: str) -> pd.DataFrame:
    rows = segment(document, segmentation)
    return rows[rows["text"].str.strip() != ""].reset_index(drop=True)


def beads(source_lens: list[int], target_lens: list[int]) -> list[tuple[list[int], list[int]]]:
    """Gale–Church beads as (source indices, target indices), in order, with their 1-0 and
    0-1 beads.

    The cost of a bead is nltk's (``align_log_prob`` with its ``LanguageIndependent``
    priors); the dynamic programme is run here, within a band around the diagonal when the
    texts are long (:data:`BAND`), so time and memory grow with the length of the texts
    times the band instead of with the product of their lengths."""
    from nltk.translate.gale_church import LanguageIndependent, align_log_prob

    n, m = len(source_lens), len(target_lens)
    shapes = list(LanguageIndependent.PRIORS)
    width = max(n, m) if n * m <= FULL_CELLS else max(BAND, max(n, m) // 20)
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m // n if n else 0
        for j in range(max(0, centre - width), min(m, centre + width) + 1):
            if i == j == 0:
                continue
            best, best_shape = inf, None
            for di, dj in shapes:
                prev = cost.get((i - di, j - dj))
                if prev is None or prev == inf:
                    continue
                c = prev + align_log_prob(
                    i, j, source_lens, target_lens, (di, dj), LanguageIndependent
                )
                if c < best:
                    best, best_shape = c, (di, dj)
            if best_shape is not None:
                cost[(i, j)], back[(i, j)] = best, best_shape
    if (n, m) not in back and (n or m):
        raise ValueError("no alignment within the band")  # cannot happen: 1-0/0-1 reach it
    out: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        out.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    return out[::-1]


def bead_cost(source_len: int, target_len: int, shape: tuple[int, int]) -> float:
    """−log probability of a bead (Gale–Church's distance measure with nltk's priors)."""
    from nltk.translate.gale_church import LanguageIndependent, align_log_prob

    priors = LanguageIndependent.PRIORS
    if shape not in priors:
        shape = (min(shape[0], 2), min(shape[1], 2))
    cost = align_log_prob(1, 1, [source_len], [target_len], (1, 1), LanguageIndependent)
    cost += math.log(priors[(1, 1)]) - math.log(priors[shape])
    return round(cost, 3) if math.isfinite(cost) else 99.0


def _blocks(rows: pd.DataFrame) -> list[pd.DataFrame]:
    return [group for _, group in rows.groupby("para_id", sort=True)]


def aligned_document(
    spec: PairSource, segmentation: str = "auto", why: str = ""
) -> tuple[object, pd.DataFrame, list[str]]:
    """The target file as the document, one row per bead (see the module docstring)."""
    target_path = spec.target_path
    if target_path is None:
        raise ValueError("aligned_document needs a source and a target file")
    try:
        source_doc = read_document(spec.path.as_posix(), spec.path)
    except ReadError as exc:
        raise ReadError(f"{spec.path}: {exc}") from exc
    try:
        document = read_document(spec.name, target_path)
    except ReadError as exc:
        raise ReadError(f"{target_path}: {exc}") from exc
    src = _sentences(source_doc, segmentation)
    tgt = _sentences(document, segmentation)
    if document.lang not in SUPPORTED_LANGS and tgt.empty:
        # nothing to detect the target language from: take the other one
        document.lang = {"en": "de", "de": "en"}.get(source_doc.lang, "")
        document.lang_confidence = 0.5
    src_blocks, tgt_blocks = _blocks(src), _blocks(tgt)
    if len(src_blocks) != len(tgt_blocks) or len(src_blocks) <= 1:
        if max(len(src), len(tgt)) > MAX_SENTENCES:
            raise ReadError(
                f"{why}; too many sentences to align by length ({len(src)} and {len(tgt)}, "
                f"at most {MAX_SENTENCES} a side without matching paragraphs): split the "
                "files or give them the same paragraphs"
            )
        src_blocks, tgt_blocks = [src], [tgt]
    rows = []
    shapes: dict[str, int] = {}
    for sb, tb in zip(src_blocks, tgt_blocks, strict=True):
        s_texts = [" ".join(t.split()) for t in sb["text"]]
        s_lens, t_lens = [len(t) for t in s_texts], [len(t) for t in tb["text"]]
        for s_idx, t_idx in beads(s_lens, t_lens):
            shape = f"{len(s_idx)}-{len(t_idx)}"
            shapes[shape] = shapes.get(shape, 0) + 1
            cost = bead_cost(
                sum(s_lens[i] for i in s_idx),
                sum(t_lens[j] for j in t_idx),
                (len(s_idx), len(t_idx)),
            )
            source = " ".join(s_texts[i] for i in s_idx)
            rows.append(_bead_row(spec.name, document, tb, t_idx, source, shape, cost, rows))
    table = pd.DataFrame(rows, columns=ALIGN_COLUMNS)
    merges = sum(n for s, n in shapes.items() if s not in ("1-1", "1-0", "0-1"))
    unmatched = shapes.get("1-0", 0) + shapes.get("0-1", 0)
    document.warnings.append(
        f"{why or 'not line-aligned'}; sentences aligned by length (Gale–Church): "
        f"{len(rows)} pairs, {merges} merged (1-2/2-1/2-2), {unmatched} without a "
        "counterpart (1-0/0-1); see the alignment and align_cost columns of sentences.csv"
    )
    return document, table, []


def _bead_row(doc, document, block, t_idx, source, shape, cost, rows) -> dict:
    if t_idx:
        first, last = block.iloc[t_idx[0]], block.iloc[t_idx[-1]]
        start, end = int(first["start"]), int(last["end"])
        skips = [block.iloc[j]["skip_reason"] for j in t_idx]
        skip = "" if "" in skips else skips[0]
        lang, conf, para = first["lang"], first["lang_confidence"], int(first["para_id"])
        kind = "sentence" if len(t_idx) > 1 else first["kind"]
    else:  # a source sentence without translation: an empty target where it would be
        start = end = int(rows[-1]["end"]) if rows else 0
        skip, kind = "", "sentence"
        lang, conf = document.lang, round(document.lang_confidence, 3)
        if lang not in SUPPORTED_LANGS:
            skip = f"unsupported language: {lang or 'unknown'} (mtaudit audits de and en)"
        para = int(rows[-1]["para_id"]) if rows else 0
    return {
        "doc": doc,
        "para_id": para,
        "sent_id": len(rows),
        "start": start,
        "end": end,
        "lang": lang,
        "lang_confidence": conf,
        "kind": kind,
        "skip_reason": skip,
        "text": document.text[start:end],
        "source": source,
        "unit_line": 0,
        "unit_note": None,
        "unit_id": "",
        "unit_state": "",
        "alignment": shape,
        "align_cost": cost,
    }
