"""Listing and installing Argos packages: validation, index install, offline failure."""

from __future__ import annotations

import json
import os
import urllib.error
import zipfile
from pathlib import Path

import pytest
from argostranslate import package as argos_package

from mtaudit.translate import (
    ModelInstallError,
    install_from_file,
    install_from_index,
    list_models,
    models,
)


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


METADATA = json.dumps({"from_code": "de", "to_code": "en", "package_version": "1.0"}).encode()


def test_list_models_shows_installed(argos_env: Path) -> None:
    rows = sorted(list_models(), key=lambda r: (r["from"], r["to"]))
    assert [(r["from"], r["to"]) for r in rows] == [("de", "en"), ("en", "de")]
    assert rows[0]["name"] == "translate-de_en"
    assert rows[0]["version"] == "0.1"
    assert Path(rows[0]["path"]) == argos_env / "translate-de_en-0_1"


def test_list_models_empty_without_packages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "nothing-here"))
    assert list_models() == []


def test_packages_dir_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert models.packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "cfg" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-json")}))
    assert models.packages_dir() == tmp_path / "from-json"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "from-env"))
    assert models.packages_dir() == tmp_path / "from-env"


def test_random_bytes_are_rejected(argos_env: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "translate-de_en-1_0.argosmodel"
    bogus.write_bytes(os.urandom(4096))
    with pytest.raises(ModelInstallError, match="not a zip archive") as err:
        install_from_file(bogus)
    assert str(bogus) in str(err.value)


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ModelInstallError, match="no such file"):
        install_from_file(tmp_path / "absent.argosmodel")


@pytest.mark.parametrize(
    ("files", "problem"),
    [
        ({"pkg/model/model.bin": b"x", "pkg/sentencepiece.model": b"x"}, "pkg/metadata.json"),
        ({"pkg/metadata.json": METADATA, "pkg/sentencepiece.model": b"x"}, "model/model.bin"),
        ({"pkg/metadata.json": METADATA, "pkg/model/model.bin": b"x"}, "sentencepiece.model"),
        (
            {
                "pkg/metadata.json": b'{"from_code": "de"}',
                "pkg/model/model.bin": b"x",
                "pkg/sentencepiece.model": b"x",
            },
            "no to_code",
        ),
        (
            {
                "pkg/metadata.json": b"{not json",
                "pkg/model/model.bin": b"x",
                "pkg/sentencepiece.model": b"x",
            },
            "not valid JSON",
        ),
        ({"metadata.json": METADATA, "model/model.bin": b"x"}, "one top-level folder"),
        ({"pkg/metadata.json": METADATA, "pkg/../../evil": b"x"}, "escape"),
    ],
)
def test_malformed_packages_are_rejected(
    argos_env: Path, tmp_path: Path, files: dict[str, bytes], problem: str
) -> None:
    archive = _zip(tmp_path / "bad.argosmodel", files)
    with pytest.raises(ModelInstallError, match=problem) as err:
        install_from_file(archive)
    assert str(archive) in str(err.value)
    assert sorted(p.name for p in argos_env.iterdir()) == [
        "translate-de_en-0_1",
        "translate-en_de-0_1",
    ]


def test_truncated_archive_is_rejected(tiny_models: dict, tmp_path: Path) -> None:
    data = tiny_models[("de", "en")].read_bytes()
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelInstallError, match="cut.argosmodel"):
        install_from_file(cut)


def test_corrupted_member_is_rejected(tiny_models: dict, tmp_path: Path) -> None:
    data = bytearray(tiny_models[("de", "en")].read_bytes())
    data[len(data) // 2] ^= 0xFF  # inside model.bin, which is most of the archive
    broken = tmp_path / "flipped.argosmodel"
    broken.write_bytes(bytes(data))
    with pytest.raises(ModelInstallError, match="flipped.argosmodel"):
        install_from_file(broken)


def test_index_fetch_error_is_a_clear_offline_message(
    argos_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline() -> None:
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(argos_package, "update_package_index", offline)
    with pytest.raises(ModelInstallError) as err:
        install_from_index("de", "fr", progress=False)
    message = str(err.value)
    assert "no network" in message
    assert "mtaudit models install FILE.argosmodel" in message


def test_swallowed_index_failure_does_not_recurse(
    argos_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # argostranslate's update_package_index() logs network errors and returns None.
    monkeypatch.setattr(argos_package, "update_package_index", lambda: None)
    with pytest.raises(ModelInstallError, match="no network"):
        install_from_index("de", "fr", progress=False)


def _serve_index(monkeypatch: pytest.MonkeyPatch, entries: list[dict]) -> None:
    def write_index() -> None:
        from argostranslate import settings

        Path(settings.local_package_index).write_text(json.dumps(entries))

    monkeypatch.setattr(argos_package, "update_package_index", write_index)


def _entry(source: str, target: str, version: str, link: str) -> dict:
    return {
        "type": "translate",
        "code": f"translate-{source}_{target}",
        "from_code": source,
        "to_code": target,
        "from_name": source,
        "to_name": target,
        "package_version": version,
        "argos_version": "1.0",
        "links": [link],
    }


def test_download_failure_is_a_clear_offline_message(
    argos_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve_index(monkeypatch, [_entry("de", "fr", "1.0", "https://example.invalid/x.argosmodel")])

    def refuse(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError("Network is unreachable")

    monkeypatch.setattr(models.urllib.request, "urlopen", refuse)
    with pytest.raises(ModelInstallError) as err:
        install_from_index("de", "fr", progress=False)
    assert "no network" in str(err.value) and "Network is unreachable" in str(err.value)
    assert "FILE.argosmodel" in str(err.value)


def test_pair_absent_from_index(argos_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _serve_index(monkeypatch, [_entry("en", "es", "1.0", "file:///nowhere")])
    with pytest.raises(ModelInstallError, match="no de->fr package"):
        install_from_index("de", "fr", progress=False)


def test_install_from_index_downloads_and_installs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_models: dict
) -> None:
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    good = tiny_models[("de", "en")].as_uri()  # file:// keeps the real download path offline
    _serve_index(
        monkeypatch,
        [_entry("de", "en", "0.0.9", "file:///missing"), _entry("de", "en", "0.1", good)],
    )
    installed = install_from_index("de", "en", progress=False)
    assert installed == tmp_path / "packages" / "translate-de_en-0_1"
    assert [(m["from"], m["to"], m["version"]) for m in list_models()] == [("de", "en", "0.1")]
