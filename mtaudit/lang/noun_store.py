"""The german-nouns table read from an indexed SQLite copy instead of its CSV.

``german_nouns.lookup.Nouns()`` parses a 100,000-row CSV and a text index on every start
(about 1.4 CPU-s and 150 MB), although an audit looks up a few thousand word forms. The
copy is built once per german-nouns version (see :func:`data_dir`; a few seconds, written
atomically) and read row by row afterwards; :class:`NounStore` answers exactly as
``Nouns`` does (it inherits its lookup code), so findings do not change.

Where no copy can be written (a read-only cache folder), the CSV is parsed as before.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from german_nouns.lookup import Nouns

from mtaudit.lang.caching import WORD_FORMS

log = logging.getLogger("mtaudit")

SCHEMA = 1


def store_path(cache_dir: Path) -> Path:
    try:
        version = metadata.version("german-nouns")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return cache_dir / f"german-nouns-{version}-{SCHEMA}.db"


def build(path: Path) -> None:
    """Write the SQLite copy of the table to ``path`` (atomically: a temp file renamed)."""
    nouns = Nouns()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        with db:
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, row TEXT NOT NULL)")
            db.execute("CREATE TABLE forms (form TEXT PRIMARY KEY, ids TEXT) WITHOUT ROWID")
            db.execute("INSERT INTO meta VALUES ('header', ?)", (json.dumps(nouns.header),))
            db.execute("INSERT INTO meta VALUES ('rows', ?)", (str(len(nouns.data)),))
            db.executemany(
                "INSERT INTO rows VALUES (?, ?)",
                ((i, json.dumps(row, ensure_ascii=False)) for i, row in enumerate(nouns.data)),
            )
            db.executemany(
                "INSERT INTO forms VALUES (?, ?)",
                ((form, json.dumps(ids)) for form, ids in nouns.index.items() if ids),
            )
        db.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it 0600; others read it too
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class _Index:
    """``Nouns.index`` (lower-cased form -> row ids, a defaultdict) answered from SQLite."""

    def __init__(self, store: NounStore) -> None:
        self._store = store

    def __contains__(self, form: str) -> bool:
        return bool(self._store._ids(form))

    def __getitem__(self, form: str) -> list[int]:
        return list(self._store._ids(form))


class _Rows:
    """``Nouns.data`` (the CSV rows without the header) answered from SQLite."""

    def __init__(self, store: NounStore) -> None:
        self._store = store

    def __len__(self) -> int:
        return self._store._count

    def __getitem__(self, i: int) -> list[str]:
        return self._store._row(i)

    def __iter__(self):
        for (row,) in self._store._db().execute("SELECT row FROM rows ORDER BY id"):
            yield json.loads(row)


class NounStore(Nouns):
    """``german_nouns.lookup.Nouns`` over the SQLite copy at ``path``."""

    def __init__(self, path: Path) -> None:  # noqa: D107 - Nouns.__init__ parses the CSV
        self.path = path
        self._pid = -1
        self._conn: sqlite3.Connection | None = None
        meta = dict(self._db().execute("SELECT key, value FROM meta"))
        self.header = json.loads(meta["header"])
        self._count = int(meta["rows"])
        self.index = _Index(self)
        self.data = _Rows(self)
        # Per store, not per class: a fresh store (another file) starts with empty caches.
        self._ids = lru_cache(maxsize=WORD_FORMS)(self._read_ids)
        self._row = lru_cache(maxsize=WORD_FORMS)(self._read_row)

    def _db(self) -> sqlite3.Connection:
        """This process's connection (a connection must not cross a fork)."""
        if self._conn is None or self._pid != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def _read_ids(self, form: str) -> tuple[int, ...]:
        found = self._db().execute("SELECT ids FROM forms WHERE form = ?", (form,)).fetchone()
        return tuple(json.loads(found[0])) if found else ()

    def _read_row(self, i: int) -> list[str]:
        found = self._db().execute("SELECT row FROM rows WHERE id = ?", (i,)).fetchone()
        if found is None:
            raise IndexError(i)
        return json.loads(found[0])


def data_dir() -> Path:
    """Where derived copies of installed data live: ``$MTAUDIT_DATA_DIR``, else beside the
    environment mtaudit is installed in (``sys.prefix/share/mtaudit``, so every process of
    that environment shares one copy), else the cache folder. The copy depends only on the
    installed package version, so sharing it changes no result."""
    import sys

    if os.environ.get("MTAUDIT_DATA_DIR"):
        return Path(os.environ["MTAUDIT_DATA_DIR"])
    beside = Path(sys.prefix) / "share" / "mtaudit"
    if os.access(beside if beside.exists() else Path(sys.prefix), os.W_OK):
        return beside
    from mtaudit.translate.cache import default_cache_dir

    return Path(default_cache_dir())


def load(folder: Path | None = None) -> Nouns:
    """The noun table: the SQLite copy (built first when missing), else the parsed CSV."""
    path = store_path(folder or data_dir())
    try:
        if not path.is_file():
            build(path)
        return NounStore(path)
    except (OSError, sqlite3.Error, KeyError, ValueError) as exc:
        log.warning("noun table copy %s unusable (%s); reading the CSV", path, exc)
        return Nouns()


def derived(name: str, compute):
    """``compute()`` (a JSON-able dict), kept in :func:`data_dir` under a name that holds
    the fingerprint of mtaudit's language code and data and the analysis libraries'
    versions, so a change to any of them computes it anew; computed every time where
    nothing can be written."""
    from mtaudit.findings_cache import code_fingerprint

    path = data_dir() / f"{name}-{code_fingerprint()}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        for stale in path.parent.glob(f"{name}-*.json"):  # made by earlier code
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("could not keep %s: %s", path, exc)
    return value
