"""SQLite cache of LM results (sentence scores, candidate gains), keyed by a hash that
includes the model file's digest: another model or another text is another key.

Like the other caches it is an optimisation and never a source of failure."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

log = logging.getLogger("mtaudit")


class LMCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.hits = 0
        self.misses = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS lm (key TEXT PRIMARY KEY, value TEXT NOT NULL) "
                "WITHOUT ROWID"
            )
        except (OSError, sqlite3.Error) as exc:
            log.warning("LM cache %s unusable (%s); scores are recomputed", path, exc)
            self._db = None

    def get(self, key: str):
        row = None
        if self._db is not None:
            try:
                row = self._db.execute("SELECT value FROM lm WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                log.warning("LM cache read failed: %s", exc)
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return json.loads(row[0])

    def put(self, key: str, value) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO lm VALUES (?, ?)", (key, json.dumps(value))
                )
        except sqlite3.Error as exc:
            log.warning("LM cache write failed: %s", exc)
