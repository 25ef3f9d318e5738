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


@pytest.fixture(scope="session")
def lm_model_path() -> Path | None:
    """The Gemma GGUF that scripts/install_lm.sh assembled (None when it is not installed).

    Resolved once, before the per-test cache folders, so no test re-assembles 253 MB.
    """
    import os

    from mtaudit.lm import LMUnavailable, ensure_default_model

    if os.environ.get("MTAUDIT_LM_MODEL"):
        return Path(os.environ["MTAUDIT_LM_MODEL"])
    try:
        return ensure_default_model()
    except LMUnavailable:
        return None


@pytest.fixture(autouse=True)
def _sigint_restored() -> Iterator[None]:
    """Each test leaves Ctrl-C handling as it found it. An ignored SIGINT is inherited by
    child processes, so one test that left it ignored (a library installing handlers) made
    a later test's subprocess deaf to Ctrl-C."""
    import signal

    before = signal.getsignal(signal.SIGINT)
    yield
    if signal.getsignal(signal.SIGINT) is not before:
        signal.signal(signal.SIGINT, before)


def _no_language_model():
    from mtaudit.lm import LMUnavailable

    raise LMUnavailable("no language model in this test (mark it with pytest.mark.lm)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/lm/ uses the language model."""
    for item in items:
        if "lm" in Path(str(item.fspath)).parent.parts[-1:]:
            item.add_marker(pytest.mark.lm)


@pytest.fixture(autouse=True)
def isolated_caches(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    lm_model_path: Path | None,
):
    """No test reads or writes the user's caches; each test starts with empty ones.

    The language model file is shared (read-only); ``argos_env`` (and tests that set their
    own) override the caches per test.
    """
    cache = tmp_path_factory.mktemp("mtaudit-cache")
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(cache))
    if request.node.get_closest_marker("lm") is None:
        # Scoring every sentence of every audit would make the suite 10x slower; tests
        # without the marker see what a machine without the model sees (subprocesses too).
        monkeypatch.setenv("MTAUDIT_LM_MODEL", str(cache / "no-language-model-in-this-test"))
        monkeypatch.setattr("mtaudit.pipeline.default_lm", _no_language_model)
    elif lm_model_path is not None:
        monkeypatch.setenv("MTAUDIT_LM_MODEL", str(lm_model_path))
