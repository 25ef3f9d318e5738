"""Localisation formats: PO and TMX pairs, SRT/WebVTT cues and Markdown prose.

Two kinds of reader live here:

* **Bilingual readers** (:func:`read_po`, :func:`read_tmx`) return
  :class:`~mtaudit.bilingual.Pairs`, like the XLIFF and table readers: one pair per
  translation (a PO plural form, a TMX target variant), each with its unit's line, id, notes
  and state. Findings in them point at the unit's line, as for XLIFF.
* **Masks** (:func:`mask_subtitles`, :func:`mask_markdown`) leave a monolingual document's
  text alone and blank out, in its same-length analysis copy, everything that is not prose:
  cue numbers, timings and tags; fenced and inline code, URLs, link targets, HTML tags and
  comments, front matter. Offsets therefore still count characters of the original file and
  every report points at the line a localiser edits. Findings that touch a blanked span are
  dropped (:func:`drop_masked`): what the checks saw there was a hole, not text.

A file that cannot be parsed raises :class:`~mtaudit.documents.ReadError` naming the file
and line; the batch goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from mtaudit.documents import ReadError

PO_SUFFIXES = (".po",)
TMX_SUFFIXES = (".tmx",)
SUBTITLE_SUFFIXES = (".srt", ".vtt")
MARKDOWN_SUFFIXES = (".md", ".markdown")
FUZZY = "fuzzy"


def kind_of(path: Path) -> str:
    """``po``, ``tmx``, ``subtitles``, ``markdown`` or ``text``, by extension."""
    suffix = path.suffix.lower()
    if suffix in PO_SUFFIXES:
        return "po"
    if suffix in TMX_SUFFIXES:
        return "tmx"
    if suffix in SUBTITLE_SUFFIXES:
        return "subtitles"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


# --------------------------------------------------------------------------- PO


def read_po(path: Path):
    """Gettext PO: ``msgid`` is the source, ``msgstr`` the target.

    Plural entries give one pair per ``msgstr[n]`` (source ``msgid`` for form 0,
    ``msgid_plural`` for the others; unit id ``…[n]``). Fuzzy entries are audited and marked
    (``unit_state`` ``fuzzy``); untranslated entries (empty ``msgstr``) are kept as skipped
    rows, obsolete (``#~``) entries and the header are left out. The unit line is the line of
    the ``msgstr``; translator (``#``) and extracted (``#.``) comments are the unit's notes,
    so ``# mtaudit: ignore RULE`` suppresses findings on that entry.
    """
    import polib

    from mtaudit.bilingual import Pairs, _read_text

    text = _read_text(path)
    try:
        po = polib.pofile(text if "\n" in text else text + "\n")
    except (OSError, ValueError) as exc:
        raise ReadError(f"{path}: invalid PO file: {exc}") from exc
    lines = text.split("\n")
    pairs = Pairs()
    pairs.target_lang = po.metadata.get("Language", "").replace("_", "-")
    for entry in po:
        if entry.obsolete or (not entry.msgid and not entry.msgctxt):
            continue
        msgstr_lines = _msgstr_lines(lines, entry.linenum)
        notes = "\n".join(c for c in (entry.tcomment, entry.comment) if c)
        state = FUZZY if "fuzzy" in entry.flags else ""
        base_id = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            forms = sorted(entry.msgstr_plural.items()) or [(0, "")]
            for n, target in forms:
                source = entry.msgid if n == 0 else entry.msgid_plural
                line = msgstr_lines[n] if n < len(msgstr_lines) else entry.linenum
                _add(pairs, source, target, line, f"{base_id}[{n}]", notes, state)
        else:
            line = msgstr_lines[0] if msgstr_lines else entry.linenum
            _add(pairs, entry.msgid, entry.msgstr, line, base_id, notes, state)
    if not pairs.targets:
        raise ReadError(f"{path}: PO file without entries")
    return pairs


def _msgstr_lines(lines: list[str], start: int) -> list[int]:
    """1-based lines of the ``msgstr``/``msgstr[n]`` keywords of the entry from ``start``."""
    out = []
    for i in range(max(start - 1, 0), len(lines)):
        stripped = lines[i].lstrip()
        if stripped.startswith("msgstr"):
            out.append(i + 1)
        elif out and not stripped.startswith('"'):
            break
    return out


def _add(pairs, source: str, target: str, line: int, unit_id: str, notes: str, state: str):
    pairs.sources.append(source)
    pairs.targets.append(target)
    pairs.lines.append(line)
    pairs.ids.append(unit_id)
    pairs.notes.append(notes)
    pairs.states.append(state)
    pairs.skips.append("" if target.strip() else "untranslated entry (empty msgstr)")


# --------------------------------------------------------------------------- TMX

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NATIVE_CODE = {"bpt", "ept", "ph", "it", "ut"}
"""TMX inline elements that hold native code, not text (``hi`` holds text)."""


def parse_xml(path: Path, data: bytes):
    """Parse untrusted XML: no entity declarations, no external resources (defusedxml)."""
    import xml.etree.ElementTree as ET

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise ReadError(
            f"{path} line {line}, column {column}: invalid XML ({str(exc).split(':')[0]})"
        ) from exc
    except DefusedXmlException as exc:
        raise ReadError(
            f"{path}: XML with entity declarations or external references is not read ({exc})"
        ) from exc


def _seg_text(element) -> str:
    """Text of a TMX ``<seg>``: ``<hi>`` content kept, native-code elements left out."""
    from mtaudit.bilingual import _local

    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) not in _NATIVE_CODE:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tuv_lang(tuv) -> str:
    return tuv.get(_XML_LANG) or tuv.get("lang") or ""


def _same_lang(a: str, b: str) -> bool:
    return a.lower().split("-")[0].split("_")[0] == b.lower().split("-")[0].split("_")[0]


def read_tmx(path: Path):
    """TMX 1.4 (and 1.1): one pair per translation unit and target language.

    The source variant is the one in the header's ``srclang`` (the first ``<tuv>`` when it
    is ``*all*`` or absent); every other variant is a target, with its language kept per
    pair. Unit ids are ``tuid`` (or the unit's number), with ``:lang`` when a unit has
    several targets; ``<note>`` elements are the unit's notes; lines are the target
    ``<tuv>``'s.
    """
    from mtaudit.bilingual import Pairs, _element_lines, _local, _read_bytes

    data = _read_bytes(path)
    root = parse_xml(path, data)
    if _local(root.tag) != "tmx":
        raise ReadError(f"{path} line 1: root element is <{_local(root.tag)}>, not <tmx>")
    header = next((el for el in root if _local(el.tag) == "header"), None)
    srclang = header.get("srclang", "") if header is not None else ""
    tuv_lines = _element_lines(data, "tuv")
    all_tuvs = [el for el in root.iter() if _local(el.tag) == "tuv"]
    line_of = {
        id(t): tuv_lines[i] for i, t in enumerate(all_tuvs) if len(tuv_lines) == len(all_tuvs)
    }
    pairs = Pairs()
    langs: list[str] = []
    units = [el for el in root.iter() if _local(el.tag) == "tu"]
    for number, tu in enumerate(units, start=1):
        tuvs = [el for el in tu if _local(el.tag) == "tuv"]
        if not tuvs:
            continue
        source_tuv = next(
            (
                t
                for t in tuvs
                if srclang and srclang != "*all*" and _same_lang(_tuv_lang(t), srclang)
            ),
            tuvs[0],
        )
        targets = [t for t in tuvs if t is not source_tuv]
        source = _tuv_text(source_tuv)
        notes = "\n".join("".join(n.itertext()).strip() for n in tu if _local(n.tag) == "note")
        unit_id = tu.get("tuid") or f"tu {number}"
        for tuv in targets:
            lang = _tuv_lang(tuv)
            _add(
                pairs,
                source,
                _tuv_text(tuv),
                line_of.get(id(tuv), 0),
                f"{unit_id}:{lang}" if len(targets) > 1 else unit_id,
                notes,
                "",
            )
            pairs.skips[-1] = ""  # an empty target in a memory is worth flagging
            langs.append(lang)
    if not pairs.targets:
        raise ReadError(f"{path}: TMX file without translation units that have a target")
    pairs.langs = [lang.split("-")[0].split("_")[0].lower() for lang in langs]
    common = max(set(pairs.langs), key=pairs.langs.count)
    pairs.target_lang = common
    return pairs


def _tuv_text(tuv) -> str:
    from mtaudit.bilingual import _local

    seg = next((el for el in tuv if _local(el.tag) == "seg"), None)
    return "" if seg is None else _seg_text(seg)


# --------------------------------------------------------------------------- masks


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every span replaced by spaces; line breaks are kept."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


_TIMING = re.compile(
    r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
)
_CUE_TAG = re.compile(r"<[^<>\n]{0,200}>|\{\\[^{}\n]{0,200}\}")
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION")


def mask_subtitles(
    text: str, path: Path | None = None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Spans of an SRT/WebVTT file that are not cue text (numbers, identifiers, timings,
    the WebVTT header, NOTE/STYLE/REGION blocks, inline tags); the line breaks inside a cue,
    as (start, end) spans that read as spaces (a cue's lines are one subtitle); and every
    cue's text as (start, end, label), the label its number or identifier and its timing
    (``2 00:00:04,000 --> 00:00:06,000``). Raises ReadError when there is no cue."""
    spans: list[tuple[int, int]] = []
    joins: list[tuple[int, int]] = []
    cue_spans: list[tuple[int, int, str]] = []
    blocks = _line_blocks(text)
    cues = 0
    for index, block in enumerate(blocks):
        first = text[block[0][0] : block[0][1]]
        if index == 0 and first.lstrip("\ufeff").startswith("WEBVTT"):
            spans.append((block[0][0], block[-1][1]))
            continue
        if first.split(" ", 1)[0].strip() in _VTT_BLOCKS:
            spans.append((block[0][0], block[-1][1]))
            continue
        timing = next((i for i, (s, e) in enumerate(block[:3]) if _TIMING.match(text[s:e])), None)
        if timing is None:
            continue  # prose outside a cue: not subtitle text, left to the checks
        cues += 1
        spans.append((block[0][0], block[timing][1]))
        body = block[timing + 1 :]
        for (s, e), nxt in zip(body, [*body[1:], None], strict=True):
            spans.extend((s + m.start(), s + m.end()) for m in _CUE_TAG.finditer(text[s:e]))
            if nxt is not None and not text[nxt[0] : nxt[1]].lstrip().startswith("-"):
                joins.append((e, nxt[0]))
        if body:
            ident = text[block[0][0] : block[0][1]].strip() if timing else f"cue {cues}"
            when = " ".join(text[block[timing][0] : block[timing][1]].split()[:3])
            cue_spans.append((body[0][0], body[-1][1], f"{ident} {when}"))
    if cues == 0:
        where = f"{path}: " if path is not None else ""
        raise ReadError(f"{where}no subtitle cues (no `00:00:01,000 --> 00:00:02,000` timing line)")
    return spans, joins, cue_spans


def _line_blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines as (start, end) spans."""
    blocks: list[list[tuple[int, int]]] = [[]]
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if raw.strip():
            blocks[-1].append((start, end))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]")
_INLINE_MASKS = (
    # inline code: within a paragraph (an unmatched backtick cannot reach the file's end)
    re.compile(r"(?<!`)(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)"),
    re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>"),  # autolinks
    re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),  # HTML tags
    re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M),  # link reference definitions
    re.compile(r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"),
    re.compile(r"\]\[[^\]\n]*\]"),  # reference link label
    re.compile(r"!?\[(?=[^\]\n]*\](?:\(|\[))"),  # opening bracket of a link or image
    re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?\"'»”)]"),
    re.compile(r"\*\*|__|~~"),  # strong emphasis and strike-through markers
    re.compile(r"(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])"),  # *emphasis*
    re.compile(r"(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])"),  # _emphasis_
    re.compile(r"\\(?=[!-/:-@\[-`{-~])"),  # backslash escapes
    re.compile(r"^ {0,3}(?:>[ \t]?)+", re.M),  # block quote markers
    re.compile(r"^ {0,3}(?:[-*_][ \t]*){3,}$", re.M),  # thematic breaks
    re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.M),  # setext heading underlines
    re.compile(r"^ {0,3}\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?)?[ \t]*$", re.M),
    re.compile(r"(?<=\S)[ \t]*\|[ \t]*(?=\S)|^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$", re.M),  # table pipes
)


def mask_markdown(text: str) -> list[tuple[int, int]]:
    """Spans of a Markdown file that are not prose: front matter, fenced and indented code,
    inline code, HTML comments and tags, URLs, link targets and reference definitions, and
    the markup characters around emphasis, block quotes, tables and rules. Link and image
    texts stay (they are translated)."""
    spans: list[tuple[int, int]] = []
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    i = 0
    if lines and lines[0][2].strip() == "---":  # YAML front matter
        for j in range(1, len(lines)):
            if lines[j][2].strip() in ("---", "..."):
                spans.append((lines[0][0], lines[j][1]))
                i = j + 1
                break
    fence, fence_start = "", 0
    prev_blank, in_list, in_code = True, False, False
    for start, end, raw in lines[i:]:
        m = _FENCE.match(raw)
        if fence:
            closing = m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)
            if closing and not raw[m.end() :].strip():
                spans.append((fence_start, end))
                fence = ""
            continue
        if m:
            fence, fence_start = m.group(1), start
            prev_blank = in_code = False
            continue
        indented = raw.startswith(("    ", "\t"))
        if raw.strip() and indented and (in_code or (prev_blank and not in_list)):
            spans.append((start, end))  # indented code block
            in_code = True
        elif raw.strip():
            in_code = False
            if _LIST_ITEM.match(raw):
                in_list = True
            elif not raw.startswith(" "):
                in_list = in_list and not prev_blank
        prev_blank = not raw.strip()
    if fence:  # unclosed fence: code to the end, as CommonMark reads it
        spans.append((fence_start, len(text)))
    spans.extend(_html_comments(text))  # also mtaudit directives
    inside = _covered(spans)
    for pattern in _INLINE_MASKS:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not inside(m.start()):
                spans.append((m.start(), m.end()))
    return _merge(spans)


def _html_comments(text: str) -> list[tuple[int, int]]:
    """``<!-- … -->`` spans, found with one pass (an unclosed comment runs to the end)."""
    out = []
    at = text.find("<!--")
    while at >= 0:
        close = text.find("-->", at + 4)
        if close < 0:
            out.append((at, len(text)))
            break
        out.append((at, close + 3))
        at = text.find("<!--", close + 3)
    return out


def _covered(spans: list[tuple[int, int]]):
    import bisect

    ordered = _merge(spans)
    starts = [s for s, _ in ordered]

    def inside(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ordered[i][1]

    return inside


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def apply_mask(document) -> None:
    """Blank the non-prose parts of a subtitle or Markdown document in its analysis copy
    (see the module docstring); plain text is left as it is."""
    kind = kind_of(document.path)
    if kind == "subtitles":
        spans, joins, cues = mask_subtitles(document.text, document.path)
        analysis = blank(document.analysis, spans)
        chars = list(analysis)
        for start, end in joins:  # "\n" or "\r\n" (both "\n" in the analysis copy)
            for at in range(start, end):
                if chars[at] == "\n":
                    chars[at] = " "
        document.analysis = "".join(chars)
        document.masked = _merge(spans)
        document.units = cues
    elif kind == "markdown":
        spans = mask_markdown(document.text)
        if spans:
            document.analysis = blank(document.analysis, spans)
            document.masked = spans


def label_units(document, table):
    """Give the rows of a subtitle document the ``unit_id`` of their cue (number or
    identifier and timing); other documents' tables are returned as they are."""
    units = getattr(document, "units", None)
    if not units or table.empty:
        return table
    import bisect

    starts = [s for s, _, _ in units]
    labels = []
    for start in table["start"]:
        i = bisect.bisect_right(starts, int(start)) - 1
        labels.append(units[i][2] if i >= 0 and int(start) < units[i][1] else "")
    table = table.copy()
    table["unit_id"] = labels
    return table


def _widen(analysis: str, start: int, end: int) -> tuple[int, int]:
    """A masked span with the spaces around it: a word next to a hole touches it."""
    while start > 0 and analysis[start - 1] == " ":
        start -= 1
    while end < len(analysis) and analysis[end] == " ":
        end += 1
    return start, end


def drop_masked(table, findings: list[list], documents) -> list[list]:
    """Drop findings that overlap or touch a masked span, or are separated from one by
    spaces only (row-aligned with ``table``): a sentence that seems to end on "or" ends on
    a URL."""
    import bisect

    masked = {
        d.doc: _merge([_widen(d.analysis, s, e) for s, e in d.masked])
        for d in documents
        if getattr(d, "masked", None)
    }
    if not masked:
        return findings
    starts = {doc: [s for s, _ in spans] for doc, spans in masked.items()}
    out = []
    for doc, found in zip(table["doc"], findings, strict=True):
        spans = masked.get(doc)
        if not spans or not found:
            out.append(found)
            continue
        keep = []
        for f in found:
            i = bisect.bisect_right(starts[doc], f.end)
            touching = i > 0 and spans[i - 1][1] >= f.start
            if not touching:
                keep.append(f)
        out.append(keep)
    return out
