"""Bilingual input: source/target pairs from TSV/CSV, XLIFF 1.2/2.0, PO, TMX or two files.

A pipeline that has both sides should gate on both, so each pair becomes one sentence row with
its ``source`` beside it. The audited document is synthetic: the targets joined with newlines
(pair *i* on line *i*), so offsets stay exact and every report can point into it. A ragged
table row is reported (file and line) and skipped; misaligned files and invalid XML fail the
whole file with a :class:`~mtaudit.documents.ReadError` — the rest of the batch goes on.
PO and TMX are read by :mod:`mtaudit.formats`; two files that are not line-aligned are
aligned sentence by sentence (:mod:`mtaudit.align`).
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mtaudit.documents import SUPPORTED_LANGS, Document, ReadError, analysis_copy, decode
from mtaudit.segment import SENTENCE_COLUMNS, detect_language, sentence_language

PAIR_COLUMNS = [
    *SENTENCE_COLUMNS,
    "source",
    "unit_line",
    "unit_note",
    "unit_id",
    "unit_state",
]
"""``unit_line``: the pair's line in its file (XLIFF: the ``<trans-unit>``/``<segment>``
element; PO: the ``msgstr``; TMX: the target ``<tuv>``; tables: the row; aligned files: the
line); ``unit_note``: the unit's notes, where ``mtaudit: ignore RULE`` suppresses findings
(:mod:`mtaudit.suppressions`); ``unit_id``: the unit's id (XLIFF ``id``, PO
``msgctxt|msgid``, TMX ``tuid``; "" where the format has none); ``unit_state``: ``fuzzy``
for a fuzzy PO entry, the XLIFF ``state``, else ""."""
XLIFF_SUFFIXES = (".xlf", ".xliff")


class NotLineAligned(ReadError):
    """Two files with different line counts (aligned by sentence instead)."""


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
    lines: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    skips: list[str] = field(default_factory=list)
    """Per pair: why it is not audited ("" when it is), e.g. an untranslated PO entry."""
    langs: list[str] = field(default_factory=list)
    """Per pair: the target's language where the file names one per unit (TMX)."""


def is_bilingual_file(path: Path) -> bool:
    """Read as pairs when found among the paths: XLIFF, PO and TMX."""
    from mtaudit.formats import kind_of

    return kind_of(path) in ("po", "tmx") or is_xliff(path)


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
        pairs.lines.append(first_line)
    return pairs


def read_aligned(source_path: Path, target_path: Path) -> Pairs:
    """Two files, one segment per line; differing line counts fail the pair of files."""
    sources = _read_text(source_path).splitlines()
    targets = _read_text(target_path).splitlines()
    if len(sources) != len(targets):
        line = min(len(sources), len(targets)) + 1
        raise NotLineAligned(
            f"{source_path} has {len(sources)} lines but {target_path} has "
            f"{len(targets)}: not line-aligned (first unmatched line {line})"
        )
    return Pairs(sources, targets, lines=list(range(1, len(targets) + 1)))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _inner_text(element: ET.Element | None) -> str:
    """Text of a segment with inline markup (g, x, ph, mrk, pc) flattened away."""
    return "" if element is None else "".join(element.itertext())


def _element_lines(data: bytes, local: str) -> list[int]:
    """1-based line of every ``local`` start tag, in document order (ElementTree has none)."""
    from xml.parsers import expat

    lines: list[int] = []
    parser = expat.ParserCreate()

    def start(name: str, _attrs) -> None:
        if name.rsplit(":", 1)[-1] == local:
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError:  # ElementTree parsed it; a second opinion must not fail it
        return []
    return lines


def read_xliff(path: Path) -> Pairs:
    """XLIFF 1.2 (trans-unit) or 2.0 (unit/segment); a missing target counts as empty.

    Each pair records the line of its ``<trans-unit>`` (1.2) or ``<segment>`` (2.0) element
    and the text of the unit's ``<note>`` elements."""
    from mtaudit.formats import parse_xml

    data = _read_bytes(path)
    root = parse_xml(path, data)  # no entity declarations, no external references
    if _local(root.tag) != "xliff":
        raise ReadError(f"{path} line 1: root element is <{_local(root.tag)}>, not <xliff>")
    version = root.get("version", "")
    pairs = Pairs()
    if version.startswith("2"):
        pairs.target_lang = root.get("trgLang", "")
        units = [el for el in root.iter() if _local(el.tag) == "segment"]
        parents = {child: parent for parent in root.iter() for child in parent}
        owners = []
        for seg in units:
            owner = parents.get(seg)
            while owner is not None and _local(owner.tag) != "unit":
                owner = parents.get(owner)
            owners.append(seg if owner is None else owner)
    elif version.startswith("1"):
        file_el = next((el for el in root.iter() if _local(el.tag) == "file"), None)
        pairs.target_lang = file_el.get("target-language", "") if file_el is not None else ""
        units = [el for el in root.iter() if _local(el.tag) == "trans-unit"]
        owners = units
    else:
        raise ReadError(f"{path} line 1: unsupported XLIFF version {version!r} (1.2 or 2.0)")
    lines = _element_lines(data, "segment" if version.startswith("2") else "trans-unit")
    segments = Counter(id(o) for o in owners)
    seen: Counter = Counter()
    for i, (unit, owner) in enumerate(zip(units, owners, strict=True)):
        children = {_local(c.tag): c for c in unit}
        pairs.sources.append(_inner_text(children.get("source")))
        pairs.targets.append(_inner_text(children.get("target")))
        pairs.lines.append(lines[i] if len(lines) == len(units) else 0)
        notes = [el for el in owner.iter() if _local(el.tag) == "note"]
        pairs.notes.append("\n".join(_inner_text(n).strip() for n in notes))
        # 1.2: the trans-unit's id; 2.0: the unit's, with /segment id (or /n) when it has
        # more than one segment
        seen[id(owner)] += 1
        uid = owner.get("id", "")
        if owner is not unit and segments[id(owner)] > 1:
            uid = f"{uid}/{unit.get('id') or seen[id(owner)]}"
        pairs.ids.append(uid)
        target = children.get("target")
        state = unit.get("state", "") if owner is not unit else ""
        pairs.states.append((target.get("state", "") if target is not None else "") or state)
    if not units:
        raise ReadError(f"{path}: XLIFF {version} file without translation units")
    return pairs


def read_pairs(spec: PairSource) -> Pairs:
    """Dispatch on the kind of input; raises ReadError naming the file (and line) on failure."""
    from mtaudit.formats import kind_of, read_po, read_tmx

    if spec.target_path is not None:
        return read_aligned(spec.path, spec.target_path)
    if is_xliff(spec.path):
        return read_xliff(spec.path)
    kind = kind_of(spec.path)
    if kind == "po":
        return read_po(spec.path)
    if kind == "tmx":
        return read_tmx(spec.path)
    return read_table(spec.path, spec.source_col, spec.target_col)


def _one_line(text: str) -> str:
    """Keep pair *i* on line *i* of the synthetic document."""
    return " ".join(text.splitlines()).strip() if "\n" in text or "\r" in text else text.strip()


def pair_document(
    spec: PairSource, segmentation: str = "auto"
) -> tuple[Document, pd.DataFrame, list[str]]:
    """Read pairs into a synthetic document and its sentence table (one row per pair).

    Two files that are not line-aligned are aligned by sentence length instead
    (:func:`mtaudit.align.aligned_document`, segmented as ``segmentation`` says)."""
    try:
        pairs = read_pairs(spec)
    except NotLineAligned as exc:
        from mtaudit.align import aligned_document

        return aligned_document(spec, segmentation, str(exc))
    targets = [_one_line(t) for t in pairs.targets]
    sources = [_one_line(s) for s in pairs.sources]
    text = "\n".join(targets)
    document = Document(spec.name, spec.path, text, analysis_copy(text), "utf-8")
    lang_hint = pairs.target_lang.split("-")[0].lower()
    detected, conf = detect_language(text[:20_000]) if text.strip() else ("", 0.0)
    document.lang = lang_hint if lang_hint in SUPPORTED_LANGS else detected
    document.lang_confidence = 1.0 if lang_hint in SUPPORTED_LANGS else conf
    rows, pos = [], 0

    def item(values: list[str], i: int) -> str:
        return values[i] if i < len(values) else ""

    for i, (source, target) in enumerate(zip(sources, targets, strict=True)):
        hint = item(pairs.langs, i)  # declared per unit (TMX): trusted like a file's
        if hint and hint != document.lang:
            lang, conf = sentence_language(target, hint, 1.0)
        else:
            lang, conf = sentence_language(target, document.lang, document.lang_confidence)
        skip = item(pairs.skips, i)
        if skip:
            pass
        elif not source and not target:
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
                "unit_line": pairs.lines[i] if i < len(pairs.lines) else 0,
                "unit_note": pairs.notes[i] if i < len(pairs.notes) else "",
                "unit_id": item(pairs.ids, i),
                "unit_state": item(pairs.states, i),
            }
        )
        pos += len(target) + 1
    return document, pd.DataFrame(rows, columns=PAIR_COLUMNS), pairs.problems


def with_source(table: pd.DataFrame) -> pd.DataFrame:
    """Give every row a ``source`` column ("" for monolingual documents)."""
    out = table.copy()
    out["source"] = out["source"].fillna("") if "source" in out else ""
    return out
