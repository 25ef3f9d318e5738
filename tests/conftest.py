"""Shared fixtures: tiny real Argos packages and an isolated argos/mtaudit environment.

Translation fixtures only; add others in the test folders that need them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import tinymodel

from mtaudit.translate.models import install_from_file


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Paths of freshly built de->en and en->de .argosmodel files, keyed by (source, target)."""
    return tinymodel.build_pair(tmp_path_factory.mktemp("tiny_models"))


@pytest.fixture
def argos_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_models: dict[tuple[str, str], Path]
) -> Iterator[Path]:
    """Both tiny packages installed into a temp ARGOS_PACKAGES_DIR; nothing touches $HOME."""
    packages = tmp_path / "argos-packages"
    for var, sub in (
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CACHE_HOME", "xdg-cache"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("MTAUDIT_CACHE_DIR", "mtaudit-cache"),
    ):
        monkeypatch.setenv(var, str(tmp_path / sub))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    for archive in tiny_models.values():
        install_from_file(archive)
    yield packages


@pytest.fixture(autouse=True)
def isolated_caches(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the user's caches; each test starts with empty ones.

    ``argos_env`` (and tests that set their own) override this per test.
    """
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(tmp_path_factory.mktemp("mtaudit-cache")))
