"""Find, list and install Argos Translate packages (.argosmodel) for the translation backend.

argostranslate resolves its package folder once, when ``argostranslate.settings`` is imported.
mtaudit resolves it on every call instead, so ``ARGOS_PACKAGES_DIR`` (or the XDG variables)
set later in the process, e.g. by a test or a CLI option, are honoured; argostranslate's own
install and index functions are run with its settings pointed at the same folder.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
import threading
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argostranslate.package import Package

log = logging.getLogger(__name__)

_SETTINGS_LOCK = threading.Lock()
_DOWNLOAD_TIMEOUT_S = 60
_OFFLINE_HINT = (
    "Download the .argosmodel file on a machine with internet access "
    "(https://www.argosopentech.com/argospm/index/) and install it with "
    "`mtaudit models install FILE.argosmodel`."
)
INSTALL_HINT = (
    "install models with `mtaudit models install de en` (needs internet) or "
    "`mtaudit models install FILE.argosmodel` (offline)"
)


class ModelInstallError(RuntimeError):
    """A package could not be installed; the message names the file or pair and the cause."""


def _home() -> Path:
    # argostranslate uses $SNAP_USER_DATA as home inside a snap; do the same.
    return Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()


def _data_dir() -> Path:
    return Path(os.getenv("XDG_DATA_HOME") or _home() / ".local" / "share") / "argos-translate"


def _config_setting(key: str) -> str | None:
    config = Path(os.getenv("XDG_CONFIG_HOME") or _home() / ".config")
    try:
        settings = json.loads((config / "argos-translate" / "settings.json").read_text())
    except (OSError, ValueError):
        return None
    value = settings.get(key) if isinstance(settings, dict) else None
    return str(value) if value else None


def packages_dir() -> Path:
    """The folder argostranslate installs into, resolved now (env var, settings.json, XDG)."""
    configured = os.getenv("ARGOS_PACKAGES_DIR") or _config_setting("ARGOS_PACKAGES_DIR")
    return Path(configured) if configured else _data_dir() / "packages"


@contextlib.contextmanager
def _argos_settings() -> Iterator[Any]:
    """Point argostranslate's import-time settings at the folders resolved now, then restore."""
    from argostranslate import settings

    data_dir = _data_dir()
    cache = Path(os.getenv("XDG_CACHE_HOME") or _home() / ".local" / "cache") / "argos-translate"
    wanted = {
        "package_data_dir": packages_dir(),
        "package_dirs": [packages_dir()],
        "local_package_index": data_dir / "index.json",
        "downloads_dir": cache / "downloads",
    }
    with _SETTINGS_LOCK:
        saved = {name: getattr(settings, name) for name in wanted}
        for folder in (wanted["package_data_dir"], data_dir, wanted["downloads_dir"]):
            folder.mkdir(parents=True, exist_ok=True)
        for name, value in wanted.items():
            setattr(settings, name, value)
        try:
            yield settings
        finally:
            for name, value in saved.items():
                setattr(settings, name, value)


def installed_packages() -> list[Package]:
    """Installed translate packages in packages_dir(); unreadable folders are logged, skipped."""
    from argostranslate.package import Package

    root = packages_dir()
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.iterdir()):
        if not (path / "metadata.json").is_file():
            continue
        try:
            package = Package(path)
        except (OSError, ValueError) as err:
            log.warning("skipping unreadable Argos package %s: %s", path, err)
            continue
        if package.type == "translate" and package.from_code and package.to_code:
            found.append(package)
    return found


def version_key(version: str) -> tuple[int, ...]:
    """Sort key for package versions like "1.9" or "1.10" (numeric, not lexicographic)."""
    return tuple(int(part) for part in re.findall(r"\d+", version or ""))


def list_models() -> list[dict[str, str]]:
    """Installed packages as rows for display: from, to, name, version, path."""
    return [
        {
            "from": p.from_code,
            "to": p.to_code,
            "name": p.code or f"translate-{p.from_code}_{p.to_code}",
            "version": p.package_version,
            "path": str(p.package_path),
        }
        for p in installed_packages()
    ]


def _validate_archive(path: Path) -> str:
    """Check an .argosmodel zip before extracting it; return its top-level folder name."""

    def fail(problem: str) -> ModelInstallError:
        return ModelInstallError(f"{path} is not a valid Argos Translate package: {problem}")

    if not path.is_file():
        raise ModelInstallError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise fail("not a zip archive")
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
            if len(tops) != 1:
                raise fail(f"expected one top-level folder, found {sorted(tops)[:5]}")
            top = tops.pop()
            if any(".." in PurePosixPath(n).parts or n.startswith("/") for n in names):
                raise fail("contains paths that escape the package folder")
            members = set(names)
            for required in ("metadata.json", "model/model.bin", "sentencepiece.model"):
                if f"{top}/{required}" not in members:
                    raise fail(f"missing {top}/{required}")
            try:
                metadata = json.loads(zf.read(f"{top}/metadata.json"))
            except ValueError as err:
                raise fail(f"metadata.json is not valid JSON ({err})") from err
            if not isinstance(metadata, dict):
                raise fail("metadata.json is not a JSON object")
            for key in ("from_code", "to_code"):
                if not isinstance(metadata.get(key), str) or not metadata[key]:
                    raise fail(f"metadata.json has no {key}")
            bad = zf.testzip()
            if bad is not None:
                raise fail(f"corrupt member {bad} (CRC mismatch)")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as err:
        raise fail(f"unreadable zip ({err})") from err
    return top


def install_from_file(path: str | Path) -> Path:
    """Validate an .argosmodel archive, install it, and return the installed package folder."""
    from argostranslate import package as argos_package

    path = Path(path)
    top = _validate_archive(path)
    with _argos_settings() as settings:
        try:
            argos_package.install_from_path(path)
        except Exception as err:  # argostranslate raises bare Exception
            raise ModelInstallError(f"installing {path} failed: {err}") from err
        installed = Path(settings.package_data_dir) / top
    log.info("installed %s into %s", path.name, installed)
    return installed


def _download(urls: list[str], dest: Path, label: str, progress: bool) -> None:
    from tqdm import tqdm

    errors = []
    for url in urls:
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "mtaudit"})
            with (
                urllib.request.urlopen(request, timeout=_DOWNLOAD_TIMEOUT_S) as response,
                open(dest, "wb") as out,
                tqdm(
                    total=int(response.headers.get("Content-Length") or 0) or None,
                    unit="B",
                    unit_scale=True,
                    desc=label,
                    disable=not progress,
                ) as bar,
            ):
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    bar.update(len(chunk))
            return
        except (urllib.error.URLError, OSError) as err:
            errors.append(f"{url}: {err}")
    raise ModelInstallError(
        f"could not download {label} (no network access?): {'; '.join(errors) or 'no links'}. "
        + _OFFLINE_HINT
    )


def install_from_index(source: str, target: str, progress: bool = True) -> Path:
    """Fetch the Argos package index, download the source->target package and install it."""
    from argostranslate import package as argos_package

    with _argos_settings() as settings:
        index = Path(settings.local_package_index)
        before = index.stat().st_mtime_ns if index.exists() else None
        try:
            argos_package.update_package_index()
        except Exception as err:  # urllib/socket errors, whatever the index fetch raises
            raise ModelInstallError(
                f"could not fetch the Argos package index (no network access?): {err}. "
                + _OFFLINE_HINT
            ) from err
        # update_package_index() logs and swallows network errors; detect that here, because
        # get_available_packages() would otherwise recurse forever on a missing index.
        if not index.exists():
            raise ModelInstallError(
                "could not fetch the Argos package index (no network access?). " + _OFFLINE_HINT
            )
        if index.stat().st_mtime_ns == before:
            log.warning("package index not refreshed; using the copy in %s", index)
        try:
            available = argos_package.get_available_packages()
        except (OSError, ValueError, RecursionError) as err:
            raise ModelInstallError(f"the package index {index} is unreadable: {err}") from err
    matches = [p for p in available if (p.from_code, p.to_code) == (source, target)]
    if not matches:
        raise ModelInstallError(f"the Argos package index has no {source}->{target} package")
    chosen = max(matches, key=lambda p: version_key(p.package_version))
    label = f"translate-{source}_{target}-{chosen.package_version}"
    with tempfile.TemporaryDirectory(prefix="mtaudit-download-") as tmp:
        archive = Path(tmp) / f"{label}.argosmodel"
        _download(list(chosen.links), archive, label, progress)
        return install_from_file(archive)
