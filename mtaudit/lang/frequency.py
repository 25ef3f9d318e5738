"""wordfreq's Zipf frequencies, imported on first use and read from an indexed copy.

Importing wordfreq costs about 0.25 s (langcodes' tables, ftfy, numpy), and its first
look-up in a language builds a dict of the whole word list (German 634,000 words, English
321,000: 0.45 CPU-s for both); commands that never look a word up (``mtaudit --help``,
``mtaudit checks``) should pay for neither, and an audit looks up a few thousand words.

So wordfreq's ``get_frequency_dict`` is answered from a SQLite copy of each word list
(built once per wordfreq version and list, see :func:`mtaudit.lang.noun_store.data_dir`)
that maps a word to its bucket; the frequency is wordfreq's own ``cB_to_freq(-bucket)``,
so every value, and wordfreq's tokenisation and rounding around it, is unchanged. Where no
copy can be written, wordfreq builds its dict as before.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

from mtaudit.lang.caching import WORD_FORMS

log = logging.getLogger("mtaudit")

_zipf = None


def zipf_frequency(word: str, lang: str, *args, **kwargs) -> float:
    """:func:`wordfreq.zipf_frequency`, same arguments and result."""
    global _zipf
    if _zipf is None:
        _zipf = _install()
    return _zipf(word, lang, *args, **kwargs)


def _install():
    """Import wordfreq with its word lists served from the SQLite copies."""
    import wordfreq

    original = wordfreq.get_frequency_dict
    if not getattr(original, "_mtaudit", False):

        @cache
        def get_frequency_dict(lang: str, wordlist: str = "best", match_cutoff=None):
            if match_cutoff is None:
                try:
                    return WordList(lang, wordlist)
                except (OSError, sqlite3.Error) as exc:
                    log.warning("word list copy unusable (%s); wordfreq reads its own", exc)
            return original(lang, wordlist, match_cutoff)

        get_frequency_dict._mtaudit = True
        wordfreq.get_frequency_dict = get_frequency_dict
    return wordfreq.zipf_frequency


def _path(lang: str, wordlist: str) -> Path:
    from mtaudit.lang.noun_store import data_dir

    return data_dir() / f"wordfreq-{metadata.version('wordfreq')}-{lang}-{wordlist}.db"


def _build(path: Path, lang: str, wordlist: str) -> None:
    import wordfreq

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        with db:
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, bucket INTEGER) WITHOUT ROWID")
            db.executemany(
                # the last bucket wins, as in wordfreq's dict
                "INSERT OR REPLACE INTO words VALUES (?, ?)",
                (
                    (word, index)
                    for index, bucket in enumerate(wordfreq.get_frequency_list(lang, wordlist))
                    for word in bucket
                ),
            )
        db.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class WordList:
    """``wordfreq.get_frequency_dict(lang, wordlist)`` as a read-only mapping over SQLite."""

    def __init__(self, lang: str, wordlist: str = "best") -> None:
        from wordfreq import cB_to_freq

        self._to_freq = cB_to_freq
        self.path = _path(lang, wordlist)
        if not self.path.is_file():
            _build(self.path, lang, wordlist)
        self._pid = -1
        self._conn: sqlite3.Connection | None = None
        self._bucket = lru_cache(maxsize=WORD_FORMS)(self._read)
        self._bucket("")  # opens the file now, so a broken copy falls back at once

    def _db(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():  # a connection must not cross a fork
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def _read(self, word: str) -> int | None:
        row = self._db().execute("SELECT bucket FROM words WHERE word = ?", (word,)).fetchone()
        return row[0] if row else None

    def __contains__(self, word: str) -> bool:
        return self._bucket(word) is not None

    def __getitem__(self, word: str) -> float:
        bucket = self._bucket(word)
        if bucket is None:
            raise KeyError(word)
        return self._to_freq(-bucket)

    def get(self, word: str, default=None):
        bucket = self._bucket(word)
        return default if bucket is None else self._to_freq(-bucket)
