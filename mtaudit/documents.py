"""Stage 1a: find the files to audit, read them safely and decode them.

Offsets always point into the decoded original text, so every later stage (findings, diff
spans, HTML highlighting, SARIF lines) can point at the exact characters a reviewer sees.
Normalisation (no-break spaces, tabs) happens in a same-length copy used for analysis only.
Only regular files are read: a FIFO or a device named in a folder or on the command line
gets an error row instead of hanging the batch, and file names that are not valid UTF-8
are reported readably (``\xff``) while the file itself is still read. The path ``-`` is
standard input (document ``<stdin>``). Subtitles and Markdown keep their text; what is not
prose is blanked in the analysis copy only (:mod:`mtaudit.formats`).
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_LANGS = ("de", "en")
DEFAULT_INCLUDE = (
    "*.txt",
    "*.md",
    "*.markdown",
    "*.xlf",
    "*.xliff",
    "*.po",
    "*.tmx",
    "*.srt",
    "*.vtt",
)
STDIN = "-"
STDIN_DOC = "<stdin>"
MAX_FILE_BYTES = 50_000_000
EMPTY_WARNING = "empty file: nothing to audit"

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


class ReadError(Exception):
    """A file that cannot be audited (unreadable, binary, not a regular file); the batch
    goes on."""


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
    tokenised: bool = False
    masked: list[tuple[int, int]] = field(default_factory=list)
    """Spans blanked in ``analysis`` because they are markup, not prose (Markdown code,
    subtitle timings); findings touching them are dropped."""
    units: list[tuple[int, int, str]] = field(default_factory=list)
    """Spans of a subtitle file's cues with their labels (number and timing)."""


def analysis_copy(text: str) -> str:
    """The same-length copy the checks read: exotic spaces, tabs and line separators made
    plain, so offsets into it are offsets into the original."""
    return text.translate(_SAME_LENGTH)


def display_name(name: str) -> str:
    """A path as text that can always be printed and written: bytes that are not UTF-8
    (kept by the OS as surrogate escapes) are shown as ``\\xff``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


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
    stdin = False
    for raw in paths:
        if str(raw) == STDIN:
            stdin = True
            continue
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
        out.append((display_name(name), f))
    if stdin:
        out.append((STDIN_DOC, Path(STDIN)))
    return out


def _common_root(roots: list[Path]) -> str:
    return os.path.commonpath([str(r) for r in roots])


# --------------------------------------------------------------------------- decoding


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM; else cp1252, warned.

    Returns (text, encoding, warnings). Raises ReadError for binary data; an empty or
    blank file decodes to its (blank) text with a warning: there is nothing wrong with it,
    there is just nothing to audit.
    """
    if not data.strip():
        return data.decode("utf-8", errors="replace"), "utf-8", [EMPTY_WARNING]
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = _reject_binary(data.decode(enc))
                return text, enc, [] if text.strip("\ufeff \t\r\n") else [EMPTY_WARNING]
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
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(sample) // 50):
        raise ReadError("binary file (too many control characters): not a text document")
    return text


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_document(doc: str, path: Path) -> Document:
    """Read and decode one regular file; raises ReadError with a user-facing reason."""
    if str(path) == STDIN:
        return _read_stdin(doc)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a directory")
        if not stat.S_ISREG(info.st_mode):
            kind = next((what for test, what in _KINDS if test(info.st_mode)), "not a file")
            raise ReadError(f"not a regular file ({kind}): only files are read")
        if info.st_size > MAX_FILE_BYTES:
            raise ReadError(
                f"file too large ({info.st_size} bytes > {MAX_FILE_BYTES}); split it first"
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("file not found") from exc
    except PermissionError as exc:
        raise ReadError("permission denied: cannot read file") from exc
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from exc
    text, encoding, warnings = decode(data)
    document = Document(doc, path, text, analysis_copy(text), encoding, warnings)
    from mtaudit.formats import apply_mask

    apply_mask(document)
    return document


def _read_stdin(doc: str) -> Document:
    """Standard input as one plain-text document (at most :data:`MAX_FILE_BYTES`)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise ReadError("standard input is not available")
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(f"standard input too large (> {MAX_FILE_BYTES} bytes); split it first")
    text, encoding, warnings = decode(data)
    return Document(doc, Path(STDIN), text, analysis_copy(text), encoding, warnings)
