"""Persistent cache of translations and forced-decoding scores, keyed by model identity.

Round-tripping a document costs two translations plus scoring per sentence; re-auditing an
edited document should only pay for the sentences that changed. The cache is an optimisation,
never a source of failure: a corrupt or unwritable file is logged and replaced, not raised.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from mtaudit.translate.base import Translation, Translator

log = logging.getLogger(__name__)
T = TypeVar("T")

_CHUNK = 400  # rows per query; keeps bound parameters under SQLite's limit (999 in old builds)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model_id TEXT NOT NULL, text TEXT NOT NULL, output TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (model_id, text)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scores (
    model_id TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (model_id, source, target)) WITHOUT ROWID;
"""


def default_cache_dir() -> Path:
    """$MTAUDIT_CACHE_DIR, else $XDG_CACHE_HOME/mtaudit, else ~/.cache/mtaudit."""
    if os.getenv("MTAUDIT_CACHE_DIR"):
        return Path(os.environ["MTAUDIT_CACHE_DIR"])
    return Path(os.getenv("XDG_CACHE_HOME") or Path.home() / ".cache") / "mtaudit"


def _chunks(items: Sequence, size: int = _CHUNK) -> Iterable[Sequence]:
    return (items[i : i + size] for i in range(0, len(items), size))


class TranslationCache:
    """SQLite (WAL) store: (model_id, text) -> (output, score), (model_id, src, tgt) -> score.

    One connection shared behind a lock: safe across threads of one process; WAL lets several
    processes read while one writes.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_dir() / "translations.db"
        self._lock = threading.Lock()
        self._db = self._open()

    @classmethod
    def open_default(cls, cache_dir: str | Path | None = None) -> TranslationCache:
        """The cache file in cache_dir, or in default_cache_dir() when none is given."""
        return cls(Path(cache_dir or default_cache_dir()) / "translations.db")

    def _connect(self, target: str) -> sqlite3.Connection:
        db = sqlite3.connect(target, check_same_thread=False, timeout=10)
        try:
            if target != ":memory:":
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            db.execute("SELECT count(*) FROM translations LIMIT 1").fetchone()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return self._connect(str(self.path))
        except sqlite3.OperationalError as err:  # locked, permissions: the file may be fine
            return self._memory_fallback(err)
        except OSError as err:
            return self._memory_fallback(err)
        except sqlite3.DatabaseError as err:  # "file is not a database", "malformed"
            log.warning("translation cache %s is corrupt (%s); starting afresh", self.path, err)
        try:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            log.warning("moved the corrupt cache to %s", aside)
            return self._connect(str(self.path))
        except (sqlite3.Error, OSError) as err:
            return self._memory_fallback(err)

    def _memory_fallback(self, err: Exception) -> sqlite3.Connection:
        log.warning("cannot use translation cache %s (%s); caching in memory only", self.path, err)
        return self._connect(":memory:")

    def _run(self, what: str, fn: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run a database action under the lock; on SQLite errors warn and return default."""
        with self._lock:
            try:
                return fn(self._db)
            except sqlite3.Error as err:
                log.warning("translation cache %s: %s failed (%s)", self.path, what, err)
                return default

    def get_translations(self, model_id: str, texts: Sequence[str]) -> dict[str, Translation]:
        """Cached translations for those texts that have one."""

        def fetch(db: sqlite3.Connection) -> dict[str, Translation]:
            found = {}
            for chunk in _chunks(list(dict.fromkeys(texts))):
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    "SELECT text, output, score FROM translations "
                    f"WHERE model_id = ? AND text IN ({marks})",
                    (model_id, *chunk),
                )
                found.update({text: Translation(out, score) for text, out, score in rows})
            return found

        return self._run("read", fetch, {})

    def put_translations(self, model_id: str, items: dict[str, Translation]) -> None:
        """Store translations (text -> Translation) for model_id."""

        def store(db: sqlite3.Connection) -> None:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?)",
                    [(model_id, text, t.text, t.score) for text, t in items.items()],
                )

        self._run("write", store, None)

    def get_scores(
        self, model_id: str, pairs: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], float]:
        """Cached forced-decoding scores for those (source, target) pairs that have one."""

        def fetch(db: sqlite3.Connection) -> dict[tuple[str, str], float]:
            found = {}
            for chunk in _chunks(list(dict.fromkeys(pairs))):
                values = ",".join(["(?, ?)"] * len(chunk))
                flat = [part for pair in chunk for part in pair]
                rows = db.execute(
                    "SELECT source, target, score FROM scores "
                    f"WHERE model_id = ? AND (source, target) IN (VALUES {values})",
                    (model_id, *flat),
                )
                found.update({(s, t): score for s, t, score in rows})
            return found

        return self._run("read", fetch, {})

    def put_scores(self, model_id: str, items: dict[tuple[str, str], float]) -> None:
        """Store forced-decoding scores ((source, target) -> score) for model_id."""

        def store(db: sqlite3.Connection) -> None:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO scores VALUES (?, ?, ?, ?)",
                    [(model_id, s, t, score) for (s, t), score in items.items()],
                )

        self._run("write", store, None)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()


class CachedTranslator:
    """Wraps a Translator; only cache misses reach it, identical texts in a batch go once.

    Counters cover distinct texts (or pairs) per call: ``hits`` were answered by the cache,
    ``misses`` were sent to the wrapped translator.
    """

    def __init__(self, inner: Translator, cache: TranslationCache) -> None:
        self.inner = inner
        self.cache = cache
        self.model_id: str = inner.model_id
        self.source: str = inner.source
        self.target: str = inner.target
        self.hits = 0
        self.misses = 0

    def __repr__(self) -> str:
        return f"CachedTranslator({self.inner!r}, {self.cache.path})"

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        """Translations in input order; misses are translated in one batch and stored."""
        unique = list(dict.fromkeys(texts))
        known = self.cache.get_translations(self.model_id, unique)
        missing = [text for text in unique if text not in known]
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = self.inner.translate(missing)
            if len(fresh) != len(missing):
                raise RuntimeError(f"{self.inner!r} returned {len(fresh)} for {len(missing)}")
            new = dict(zip(missing, fresh, strict=True))
            self.cache.put_translations(self.model_id, new)
            known.update(new)
        return [known[text] for text in texts]

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """Forced-decoding scores in input order; unseen pairs are scored and stored."""
        if len(sources) != len(targets):
            raise ValueError(f"{len(sources)} sources but {len(targets)} targets")
        pairs = list(zip(sources, targets, strict=True))
        unique = list(dict.fromkeys(pairs))
        known = self.cache.get_scores(self.model_id, unique)
        missing = [pair for pair in unique if pair not in known]
        self.hits += len(unique) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = self.inner.score([s for s, _ in missing], [t for _, t in missing])
            new = dict(zip(missing, fresh, strict=True))
            self.cache.put_scores(self.model_id, new)
            known.update(new)
        return [known[pair] for pair in pairs]
