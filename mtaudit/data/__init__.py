"""Shipped lexicons and tables, read through one loader that checks their header and columns.

Every TSV (optionally gzipped) opens with ``#`` lines that say what it holds, including a
``# Source:`` and a ``# Licence:`` line, then one line of column names; every JSON file has
``_source`` and ``_licence`` keys. :func:`table` and :func:`json_data` enforce that and the
columns and keys listed below, so a broken edit fails at load time naming the file and line
instead of silently changing what a check finds.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

COLUMNS: dict[str, tuple[str, ...]] = {
    "collocations/en_pairs.tsv.gz": ("rel", "left", "right", "count"),
    "collocations/en_swaps.tsv": ("lemma", "alternatives", "relation"),
    "de/first_names.tsv": ("name", "gender"),
    "de/preposition_cases.tsv": ("preposition", "cases", "colloquial", "postposed"),
    "generic/collective_entities.tsv": ("kind", "name"),
    "generic/legit_doubles.tsv": ("lang", "word", "when"),
    "generic/en_calque_nouns.tsv": ("list", "word"),
    "generic/en_noun_number.tsv": ("word", "class"),
    "generic/name_particles.tsv": ("particle",),
    "generic/spaced_abbreviations.tsv": ("abbreviation",),
    "idioms/de_calques.tsv": ("pattern", "idiomatic", "english", "kind", "unless"),
    "idioms/en_calques.tsv": (
        "kind",
        "pattern",
        "fix",
        "unless",
        "before",
        "after",
        "german",
        "example",
        "counter",
    ),
    "idioms/en_distortions.tsv": ("pattern", "intended", "kind", "unless"),
    "lexicon/en_de_nouns.tsv": ("english", "german"),
    "names/de_renderings.tsv": ("name", "kind", "german"),
    "names/translit.tsv": ("direction", "pattern", "replacements"),
}
"""Every shipped table and the columns its readers rely on."""

KEYS: dict[str, tuple[str, ...]] = {
    "boilerplate.json": ("rules",),
    "calibration/check_precision.json": ("version", "checks"),
    "calibration/length_ratio.json": ("en-de", "z", "min_source_chars"),
    "calibration/weights.json": ("version", "sets", "thresholds"),
    "de/derivation.json": ("suffixes", "min_stem", "ignore_lemmas"),
    "de/false_friends.json": ("patterns",),
    "de/grammar.json": ("dative_verbs", "wrong_prepositions", "quantifiers", "time_nouns"),
}
"""Every shipped JSON file and the top-level keys its readers rely on."""


class DataError(ValueError):
    """A shipped data file that does not follow the format (names the file and line)."""


@dataclass(frozen=True)
class Table:
    """A TSV lexicon: its rows as dicts plus the provenance its header states."""

    name: str
    about: str
    source: str
    licence: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def read_bytes(name: str) -> bytes:
    """Raw bytes of ``mtaudit/data/<name>``, gunzipped for ``.gz`` files."""
    data = files(__name__).joinpath(name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def _field(comments: list[str], label: str, name: str) -> str:
    """The text after ``label:`` in the header comments, continued on the following lines."""
    for i, line in enumerate(comments):
        if line.lower().startswith(label.lower() + ":"):
            parts = [line.split(":", 1)[1].strip()]
            for more in comments[i + 1 :]:
                if ":" in more.split(" ", 1)[0]:
                    break
                parts.append(more)
            return " ".join(parts)
    raise DataError(f"mtaudit/data/{name}: header lacks a '# {label}: ...' line")


@cache
def table(name: str) -> Table:
    """The rows of a shipped TSV, checked against :data:`COLUMNS`."""
    if name not in COLUMNS:
        raise DataError(f"mtaudit/data/{name}: not a registered table (add it to COLUMNS)")
    lines = read_bytes(name).decode("utf-8").splitlines()
    comments = [ln.lstrip("#").strip() for ln in lines if ln.startswith("#")]
    body = [(n, ln) for n, ln in enumerate(lines, 1) if ln.strip() and not ln.startswith("#")]
    if not body:
        raise DataError(f"mtaudit/data/{name}: no column header")
    (_, header), rows = body[0], body[1:]
    columns = tuple(header.split("\t"))
    if columns != COLUMNS[name]:
        raise DataError(f"mtaudit/data/{name}: columns {columns}, expected {COLUMNS[name]}")
    parsed = []
    for number, line in rows:
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise DataError(
                f"mtaudit/data/{name} line {number}: {len(cells)} fields, expected {len(columns)}"
            )
        parsed.append(dict(zip(columns, cells, strict=True)))
    about = " ".join(c for c in comments if not c.lower().startswith(("source:", "licence:")))
    return Table(
        name,
        about,
        _field(comments, "Source", name),
        _field(comments, "Licence", name),
        columns,
        tuple(parsed),
    )


@cache
def json_data(name: str) -> dict:
    """A shipped JSON object, checked for provenance and the keys in :data:`KEYS`."""
    if name not in KEYS:
        raise DataError(f"mtaudit/data/{name}: not a registered JSON file (add it to KEYS)")
    try:
        data = json.loads(read_bytes(name).decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"mtaudit/data/{name} line {exc.lineno}: {exc.msg}") from exc
    missing = [k for k in ("_source", "_licence", *KEYS[name]) if k not in data]
    if missing:
        raise DataError(f"mtaudit/data/{name}: missing keys {', '.join(missing)}")
    return data


def shipped() -> list[str]:
    """Names of every data file in the package (what the loader and the cache key cover)."""
    root = files(__name__)
    out: list[str] = []

    def walk(folder, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and entry.name != "__pycache__":
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.is_file() and not entry.name.endswith((".py", ".pyc", ".md")):
                out.append(prefix + entry.name)

    walk(root, "")
    return out


def fingerprint() -> str:
    """Hash of every shipped data file: any edit to a lexicon changes it."""
    digest = hashlib.sha256()
    for name in shipped():
        digest.update(name.encode())
        digest.update(files(__name__).joinpath(name).read_bytes())
    return digest.hexdigest()[:16]
