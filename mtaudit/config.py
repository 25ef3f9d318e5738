"""Project configuration: ``mtaudit.toml`` or ``[tool.mtaudit]`` in ``pyproject.toml``.

The file is found by searching up from the working directory (``mtaudit.toml`` wins over
``pyproject.toml`` in the same folder), as ruff does, so a repository configures its audit
once. Command-line flags override the file. Unknown keys and wrong types are errors that
name the key: a typo must not silently turn a gate off.

Example::

    [tool.mtaudit]
    select = ["DE", "REP"]
    ignore = ["PUNCT-004"]
    languages = ["de"]
    exclude = ["drafts/*"]
    cache-dir = ".cache/mtaudit"     # relative to the config file
    batch-size = 16
    segmentation = "line"             # auto | line | paragraph
    document-timeout = 300            # seconds of checks per document
    jobs = 4                          # processes checking documents (default: all cores)
    batch-sentences = 2000            # sentences per batch of documents (memory)
    extend-select = ["EN-COLLOC-001"] # added to the selection (ruff semantics)
    docs-url = "https://example.org/mtaudit/checks.html"   # SARIF helpUri base

    [tool.mtaudit.per-file-ignores]   # glob -> check ids or prefixes, as ruff
    "drafts/*" = ["LANG-MIX"]

    [tool.mtaudit.thresholds]
    review = 0.2
    garbled = 0.6

    [tool.mtaudit.gate]
    max-garbled-share = 0.1           # per document
    corpus-max-garbled = 20
    require-roundtrip = true
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from mtaudit.documents import SUPPORTED_LANGS
from mtaudit.settings import DEFAULT_SETTINGS, Settings


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names file and key."""


@dataclass(frozen=True)
class GateThresholds:
    """Limits ``mtaudit gate`` enforces; ``None`` switches a limit off."""

    max_garbled_share: float | None = 0.2
    max_garbled: int | None = None
    max_mqm_per_100_words: float | None = None
    corpus_max_garbled_share: float | None = 0.05
    corpus_max_garbled: int | None = None
    corpus_max_mqm_per_100_words: float | None = None
    require_roundtrip: bool = False


@dataclass(frozen=True)
class Config:
    """Settings of one run: the file's values with command-line flags laid over them."""

    select: list[str] | None = None
    ignore: list[str] | None = None
    include: list[str] | None = None
    exclude: list[str] | None = None
    languages: list[str] | None = None
    roundtrip: bool = True
    require_roundtrip: bool = False
    lm: bool = True
    require_lm: bool = False
    cache_dir: str | None = None
    cache: bool = True
    pivot: dict[str, str] | None = None
    batch_size: int | None = None
    baseline: str | None = None
    review: float | None = None
    garbled: float | None = None
    segmentation: str = "auto"
    document_timeout: float | None = None
    jobs: int | None = None
    batch_sentences: int | None = None
    executor: str = "local"
    scheduler: str | None = None
    extend_select: list[str] | None = None
    per_file_ignores: dict[str, list[str]] | None = None
    docs_url: str | None = None
    gate: GateThresholds = field(default_factory=GateThresholds)
    source: str = ""

    def overridden(self, gate: dict | None = None, **flags: Any) -> Config:
        """A copy with every flag that was given (not None) replacing the file's value.

        Flags pass the same validation as the file's keys, so ``--batch-size -1`` and
        ``--review-threshold nan`` are rejected exactly as ``batch-size = -1`` would be.
        """
        given = {k: v for k, v in flags.items() if v is not None}
        for name, value in given.items():
            if name in _FLAG_RULES:
                given[name] = _FLAG_RULES[name]("--" + _FLAG_NAMES.get(name, name), value)
        gate_given = {k: v for k, v in (gate or {}).items() if v is not None}
        for name, value in gate_given.items():
            key = name.replace("_", "-")
            gate_given[name] = _GATE[key]("--" + key, value)
        config = replace(self, **given, gate=replace(self.gate, **gate_given))
        check_thresholds(config)
        return config

    def settings(self) -> Settings:
        """The scoring settings this configuration asks for."""
        return DEFAULT_SETTINGS.with_thresholds(self.review, self.garbled)

    def audit_kwargs(self) -> dict:
        """Keyword arguments for :func:`mtaudit.pipeline.audit`, the baseline loaded."""
        from mtaudit.baseline import Baseline
        from mtaudit.suppressions import PerFileIgnores

        root = Path(self.source).parent if self.source else None
        return {
            "include": self.include,
            "exclude": self.exclude,
            "select": self.select,
            "ignore": self.ignore,
            "languages": self.languages,
            "roundtrip": self.roundtrip,
            "lm": self.lm,
            "require_lm": self.require_lm,
            "cache_dir": self.cache_dir,
            "use_cache": self.cache,
            "pivot": self.pivot,
            "batch_size": self.batch_size,
            "settings": self.settings(),
            "segmentation": self.segmentation,
            "baseline": Baseline.load(self.baseline) if self.baseline else None,
            "extend_select": self.extend_select,
            "jobs": self.jobs,
            **({"batch_sentences": self.batch_sentences} if self.batch_sentences else {}),
            "executor": self.executor,
            "scheduler": self.scheduler,
            "per_file_ignores": PerFileIgnores.coerce(self.per_file_ignores, root),
        } | ({"document_timeout": self.document_timeout} if self.document_timeout else {})


def _float01(key: str, value: Any) -> float:
    # NaN fails the range test too
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{key}: expected a number between 0 and 1, got {value!r}")
    return float(value)


def _nonneg(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise ConfigError(f"{key}: expected a number >= 0, got {value!r}")
    return float(value)


def _count(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{key}: expected a whole number >= 0, got {value!r}")
    return value


def _positive(key: str, value: Any) -> int:
    if _count(key, value) == 0:
        raise ConfigError(f"{key}: expected a whole number >= 1, got 0")
    return value


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key}: expected true or false, got {value!r}")
    return value


def _strings(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}: expected a list of strings, got {value!r}")
    return value


def _languages(key: str, value: Any) -> list[str]:
    langs = _strings(key, value)
    bad = [v for v in langs if v not in SUPPORTED_LANGS]
    if bad:
        raise ConfigError(
            f"{key}: unsupported language {bad[0]!r} (mtaudit audits {', '.join(SUPPORTED_LANGS)})"
        )
    return langs


def parse_pivot(key: str, value: Any) -> dict[str, str]:
    """{audited language: pivot language}, e.g. {de = "fr"} to round-trip German via French."""
    if not isinstance(value, dict):
        raise ConfigError(f'{key}: expected a table such as {{de = "en"}}, got {value!r}')
    for lang, via in value.items():
        _languages(f"{key}.{lang}", [lang])
        if not (isinstance(via, str) and re.fullmatch(r"[a-z]{2,3}", via)) or via == lang:
            raise ConfigError(f"{key}.{lang}: expected another language code, got {via!r}")
    return dict(value)


def _segmentation(key: str, value: Any) -> str:
    from mtaudit.segment import SEGMENTATION_MODES

    if value not in SEGMENTATION_MODES:
        raise ConfigError(f"{key}: expected one of {', '.join(SEGMENTATION_MODES)}, got {value!r}")
    return value


def _seconds(key: str, value: Any) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not ok or not 0 < value < float("inf"):
        raise ConfigError(f"{key}: expected a number of seconds > 0, got {value!r}")
    return float(value)


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected a string, got {value!r}")
    return value


def _executor(key: str, value: Any) -> str:
    if value not in ("local", "dask"):  # mtaudit.parallel.EXECUTORS
        raise ConfigError(f"{key}: expected local or dask, got {value!r}")
    return value


def _per_file_ignores(key: str, value: Any) -> dict[str, list[str]]:
    """``{glob = [ids or prefixes]}``; the ids are checked against the registry when the
    audit starts, as ``select`` is."""
    if not isinstance(value, dict):
        raise ConfigError(f'{key}: expected a table such as {{"drafts/*" = ["LANG-MIX"]}}')
    out = {}
    for glob, rules in value.items():
        if not glob.strip():
            raise ConfigError(f"{key}: empty glob")
        out[glob] = _strings(f"{key}.{glob!r}", rules)
    return out


_TOP = {
    "select": _strings,
    "ignore": _strings,
    "include": _strings,
    "exclude": _strings,
    "languages": _languages,
    "roundtrip": _bool,
    "require-roundtrip": _bool,
    "lm": _bool,
    "require-lm": _bool,
    "cache-dir": _string,
    "cache": _bool,
    "batch-size": _positive,
    "baseline": _string,
    "pivot": parse_pivot,
    "segmentation": _segmentation,
    "document-timeout": _seconds,
    "extend-select": _strings,
    "per-file-ignores": _per_file_ignores,
    "docs-url": _string,
    "jobs": _positive,
    "batch-sentences": _positive,
    "executor": _executor,
    "scheduler": _string,
}
_PATHS = {"cache-dir", "baseline"}
_FLAG_RULES = {
    "segmentation": _segmentation,
    "document_timeout": _seconds,
    "languages": _languages,
    "batch_size": _positive,
    "jobs": _positive,
    "batch_sentences": _positive,
    "executor": _executor,
    "review": _float01,
    "garbled": _float01,
}
_FLAG_NAMES = {
    "document_timeout": "document-timeout",
    "batch_size": "batch-size",
    "batch_sentences": "batch-sentences",
    "review": "review-threshold",
    "garbled": "garbled-threshold",
}
_THRESHOLDS = {"review": _float01, "garbled": _float01}
_GATE = {
    "max-garbled-share": _float01,
    "max-garbled": _count,
    "max-mqm-per-100-words": _nonneg,
    "corpus-max-garbled-share": _float01,
    "corpus-max-garbled": _count,
    "corpus-max-mqm-per-100-words": _nonneg,
    "require-roundtrip": _bool,
}


def _section(table: Any, schema: dict, prefix: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError(f"{prefix.rstrip('.')}: expected a table")
    out = {}
    for raw, value in table.items():
        key = raw.replace("_", "-")
        if key not in schema:
            raise ConfigError(f"unknown key {prefix}{raw!r} (known: {', '.join(sorted(schema))})")
        out[key.replace("-", "_")] = schema[key](prefix + raw, value)
    return out


def parse(data: dict, source: str = "", base: Path | None = None) -> Config:
    """Validate a ``[tool.mtaudit]`` table; relative paths are resolved against ``base``."""
    data = dict(data)
    thresholds = _section(data.pop("thresholds", {}), _THRESHOLDS, "thresholds.")
    gate = _section(data.pop("gate", {}), _GATE, "gate.")
    top = _section(data, _TOP, "")
    for key in _PATHS:
        name = key.replace("-", "_")
        if name in top and base is not None:
            top[name] = str((base / top[name]).resolve())
    config = Config(**top, **thresholds, gate=GateThresholds(**gate), source=source)
    check_thresholds(config)
    return config


def check_thresholds(config: Config) -> None:
    """Review must not lie above garbled, or no sentence could ever be 'review'."""
    try:
        config.settings()
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def find(start: Path | None = None) -> Path | None:
    """The nearest ``mtaudit.toml``, or ``pyproject.toml`` with ``[tool.mtaudit]``, upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "mtaudit.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "mtaudit" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def load(path: str | Path | None = None, start: Path | None = None) -> Config:
    """The configuration from ``path``, else the one found upwards from ``start``, else defaults."""
    found = Path(path) if path else find(start)
    if found is None:
        return Config()
    if not found.is_file():
        raise ConfigError(f"config file not found: {found}")
    data = _read(found)
    if found.name == "pyproject.toml":
        data = data.get("tool", {}).get("mtaudit", {})
    try:
        return parse(data, str(found), found.parent.resolve())
    except ConfigError as exc:
        raise ConfigError(f"{found}: {exc}") from None
