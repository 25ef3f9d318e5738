"""Atomic file writes: an interrupted run leaves the previous report or none, never half of one.

Files get the permissions the user's umask gives a new file (0644 under 022), not the
0600 of a temporary file, so a team folder or a CI artefact stays readable.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class AtomicFile:
    """A file written in pieces under a temporary name in the same folder: :meth:`commit`
    fsyncs it and renames it over ``path``; :meth:`discard` removes it (``path`` is then
    left as it was)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            os.fchmod(fd, 0o666 & ~_umask())
            self._fh = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            Path(self.tmp).unlink(missing_ok=True)
            raise

    def write(self, data: str | bytes) -> None:
        self._fh.write(data.encode("utf-8") if isinstance(data, str) else data)

    def commit(self) -> Path:
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise
        return self.path

    def discard(self) -> None:
        if not self._fh.closed:
            self._fh.close()
        Path(self.tmp).unlink(missing_ok=True)


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write to a temporary file in the same folder, fsync, then rename over ``path``."""
    out = AtomicFile(path)
    try:
        out.write(data)
    except BaseException:
        out.discard()
        raise
    return out.commit()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
