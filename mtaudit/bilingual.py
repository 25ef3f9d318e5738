"""Bilingual input: source/target pairs from TSV/CSV, two line-aligned files or XLIFF 1.2/2.0.

A pipeline that has both sides should gate on both, so each pair becomes one sentence row with
its ``source`` beside it. The audited document is synthetic: the targets joined with newlines
(pair *i* on line *i*), so offsets stay exact and every report can point into it. A ragged
table row is reported (file and line) and skipped; misaligned files and invalid XML fail the
whole file with a :class:`~mtaudit.documents.ReadError` — the rest of the batch goes on.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mtaudit.documents import SUPPORTED_LANGS, Document, ReadError, analysis_copy, decode
from mtaudit.segment import SENTENCE_COLUMNS, detect_language, sentence_language

PAIR_COLUMNS = [*SENTENCE_COLUMNS, "source"]
XLIFF_SUFFIXES = (".xlf", ".xliff")


@dataclass(frozen=True)
class PairSource:
    """Where pairs come from: one table or XLIFF file, or two line-aligned files."""

    path: Path
    target_path: Path | None = None
    source_col: str = "source"
    target_col: str = "target"
    doc: str = ""

    @property
    def name(self) -> str:
        """The document name in reports: ``doc`` if given, else the path(s)."""
        if self.doc:
            return self.doc
        if self.target_path is None:
            return self.path.as_posix()
        return f"{self.path.as_posix()}+{self.target_path.as_posix()}"


@dataclass
class Pairs:
    """What a reader found: the pairs, and problems that did not stop the file."""

    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    target_lang: str = ""


def is_xliff(path: Path) -> bool:
    """XLIFF by extension, or by an ``<xliff`` root element near the top of the file."""
    if path.suffix.lower() in XLIFF_SUFFIXES:
        return True
    if not path.is_file():  # never open a FIFO or a device to sniff it
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return False
    return b"<xliff" in head


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(f"{path}: file not found") from exc
    except OSError as exc:
        raise ReadError(f"{path}: cannot read file: {exc.strerror or exc}") from exc


def _read_text(path: Path) -> str:
    try:
        return decode(_read_bytes(path))[0]
    except ReadError as exc:
        raise ReadError(f"{path}: {exc}") from exc


def read_table(path: Path, source_col: str = "source", target_col: str = "target") -> Pairs:
    """TSV (tab) or CSV (comma, by extension or when the header has no tab); ragged rows skipped.

    TSV is read without quote processing: a field that begins with ``"`` keeps its quotes
    and an unmatched one cannot swallow the rows after it (MT output quotes freely). CSV
    keeps standard quoting (RFC 4180), since that is how commas inside a field are written.
    """
    text = _read_text(path)
    header = text.split("\n", 1)[0]
    tsv = not (path.suffix.lower() == ".csv" or "\t" not in header)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter="\t" if tsv else ",",
        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL,
    )
    columns = next(reader)
    missing = [c for c in (source_col, target_col) if c not in columns]
    if missing:
        raise ReadError(
            f"{path} line 1: no column {', '.join(map(repr, missing))} "
            f"(columns: {', '.join(columns)}); name them with "
            "--source-col/--target-col"
        )
    si, ti = columns.index(source_col), columns.index(target_col)
    pairs = Pairs()
    line = reader.line_num
    for row in reader:
        first_line, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            pairs.problems.append(
                f"{path} line {first_line}: {len(row)} fields, header has "
                f"{len(columns)}; row skipped"
            )
            continue
        pairs.sources.append(row[si])
        pairs.targets.append(row[ti])
    return pairs


def read_aligned(source_path: Path, target_path: Path) -> Pairs:
    """Two files, one segment per line; differing line counts fail the pair of files."""
    sources = _read_text(source_path).splitlines()
    targets = _read_text(target_path).splitlines()
    if len(sources) != len(targets):
        line = min(len(sources), len(targets)) + 1
        raise ReadError(
            f"{source_path} has {len(sources)} lines but {target_path} has "
            f"{len(targets)}: not line-aligned (first unmatched line {line})"
        )
    return Pairs(sources, targets)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _inner_text(element: ET.Element | None) -> str:
    """Text of a segment with inline markup (g, x, ph, mrk, pc) flattened away."""
    return "" if element is None else "".join(element.itertext())


def read_xliff(path: Path) -> Pairs:
    """XLIFF 1.2 (trans-unit) or 2.0 (unit/segment); a missing target counts as empty."""
    try:
        root = ET.fromstring(_read_bytes(path))
    except ET.ParseError as exc:
        line, column = exc.position
        raise ReadError(
            f"{path} line {line}, column {column}: invalid XML ({str(exc).split(':')[0]})"
        ) from exc
    if _local(root.tag) != "xliff":
        raise ReadError(f"{path} line 1: root element is <{_local(root.tag)}>, not <xliff>")
    version = root.get("version", "")
    pairs = Pairs()
    if version.startswith("2"):
        pairs.target_lang = root.get("trgLang", "")
        units = [el for el in root.iter() if _local(el.tag) == "segment"]
    elif version.startswith("1"):
        file_el = next((el for el in root.iter() if _local(el.tag) == "file"), None)
        pairs.target_lang = file_el.get("target-language", "") if file_el is not None else ""
        units = [el for el in root.iter() if _local(el.tag) == "trans-unit"]
    else:
        raise ReadError(f"{path} line 1: unsupported XLIFF version {version!r} (1.2 or 2.0)")
    for unit in units:
        children = {_local(c.tag): c for c in unit}
        pairs.sources.append(_inner_text(children.get("source")))
        pairs.targets.append(_inner_text(children.get("target")))
    if not units:
        raise ReadError(f"{path}: XLIFF {version} file without translation units")
    return pairs


def read_pairs(spec: PairSource) -> Pairs:
    """Dispatch on the kind of input; raises ReadError naming the file (and line) on failure."""
    if spec.target_path is not None:
        return read_aligned(spec.path, spec.target_path)
    if is_xliff(spec.path):
        return read_xliff(spec.path)
    return read_table(spec.path, spec.source_col, spec.target_col)


def _one_line(text: str) -> str:
    """Keep pair *i* on line *i* of the synthetic document."""
    return " ".join(text.splitlines()).strip() if "\n" in text or "\r" in text else text.strip()


def pair_document(spec: PairSource) -> tuple[Document, pd.DataFrame, list[str]]:
    """Read pairs into a synthetic document and its sentence table (one row per pair)."""
    pairs = read_pairs(spec)
    targets = [_one_line(t) for t in pairs.targets]
    sources = [_one_line(s) for s in pairs.sources]
    text = "\n".join(targets)
    document = Document(spec.name, spec.path, text, analysis_copy(text), "utf-8")
    lang_hint = pairs.target_lang.split("-")[0].lower()
    detected, conf = detect_language(text[:20_000]) if text.strip() else ("", 0.0)
    document.lang = lang_hint if lang_hint in SUPPORTED_LANGS else detected
    document.lang_confidence = 1.0 if lang_hint in SUPPORTED_LANGS else conf
    rows, pos = [], 0
    for i, (source, target) in enumerate(zip(sources, targets, strict=True)):
        lang, conf = sentence_language(target, document.lang, document.lang_confidence)
        skip = ""
        if not source and not target:
            skip = "empty pair"
        elif lang not in SUPPORTED_LANGS:
            skip = f"unsupported language: {lang or 'unknown'} (mtaudit audits de and en)"
        rows.append(
            {
                "doc": spec.name,
                "para_id": i,
                "sent_id": i,
                "start": pos,
                "end": pos + len(target),
                "lang": lang,
                "lang_confidence": round(conf, 3),
                "kind": "sentence",
                "skip_reason": skip,
                "text": target,
                "source": source,
            }
        )
        pos += len(target) + 1
    return document, pd.DataFrame(rows, columns=PAIR_COLUMNS), pairs.problems


def with_source(table: pd.DataFrame) -> pd.DataFrame:
    """Give every row a ``source`` column ("" for monolingual documents)."""
    out = table.copy()
    out["source"] = out["source"].fillna("") if "source" in out else ""
    return out
