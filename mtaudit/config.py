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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from mtaudit.documents import SUPPORTED_LANGS


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
    cache_dir: str | None = None
    cache: bool = True
    pivot: dict[str, str] | None = None
    batch_size: int | None = None
    baseline: str | None = None
    review: float | None = None
    garbled: float | None = None
    gate: GateThresholds = field(default_factory=GateThresholds)
    source: str = ""

    def overridden(self, gate: dict | None = None, **flags: Any) -> Config:
        """A copy with every flag that was given (not None) replacing the file's value."""
        given = {k: v for k, v in flags.items() if v is not None}
        if "languages" in given:
            _languages("--languages", given["languages"])
        gate_given = {k: v for k, v in (gate or {}).items() if v is not None}
        config = replace(self, **given, gate=replace(self.gate, **gate_given))
        check_thresholds(config)
        return config

    def audit_kwargs(self) -> dict:
        """Keyword arguments for :func:`mtaudit.pipeline.audit`, the baseline loaded."""
        from mtaudit.baseline import Baseline

        return {"include": self.include, "exclude": self.exclude, "select": self.select,
                "ignore": self.ignore, "languages": self.languages, "roundtrip": self.roundtrip,
                "cache_dir": self.cache_dir, "use_cache": self.cache, "pivot": self.pivot,
                "batch_size": self.batch_size,
                "baseline": Baseline.load(self.baseline) if self.baseline else None}


def _float01(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ConfigError(f"{key}: expected a number between 0 and 1, got {value!r}")
    return float(value)


def _nonneg(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
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
        raise ConfigError(f"{key}: unsupported language {bad[0]!r} "
                          f"(mtaudit audits {', '.join(SUPPORTED_LANGS)})")
    return langs


def _pivot(key: str, value: Any) -> dict[str, str]:
    """{audited language: pivot language}, e.g. {de = "fr"} to round-trip German via French."""
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: expected a table such as {{de = \"en\"}}, got {value!r}")
    for lang, via in value.items():
        _languages(f"{key}.{lang}", [lang])
        if not (isinstance(via, str) and re.fullmatch(r"[a-z]{2,3}", via)) or via == lang:
            raise ConfigError(f"{key}.{lang}: expected another language code, got {via!r}")
    return dict(value)


def _pivot_flags(values: list[str] | None) -> dict[str, str] | None:
    """``--pivot de=fr`` flags as a pivot table (None when not given)."""
    if not values:
        return None
    bad = [v for v in values if v.count("=") != 1]
    if bad:
        raise ConfigError(f"--pivot: expected LANG=PIVOT such as de=fr, got {bad[0]!r}")
    return _pivot("--pivot", dict(v.split("=") for v in values))


def _string(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected a string, got {value!r}")
    return value


_TOP = {"select": _strings, "ignore": _strings, "include": _strings, "exclude": _strings,
        "languages": _languages, "roundtrip": _bool, "require-roundtrip": _bool,
        "cache-dir": _string, "cache": _bool, "batch-size": _positive, "baseline": _string,
        "pivot": _pivot}
_PATHS = {"cache-dir", "baseline"}
_THRESHOLDS = {"review": _float01, "garbled": _float01}
_GATE = {"max-garbled-share": _float01, "max-garbled": _count, "max-mqm-per-100-words": _nonneg,
         "corpus-max-garbled-share": _float01, "corpus-max-garbled": _count,
         "corpus-max-mqm-per-100-words": _nonneg, "require-roundtrip": _bool}


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
    from mtaudit.scoring import WEIGHTS

    review = config.review if config.review is not None else WEIGHTS["thresholds"]["review"]
    garbled = config.garbled if config.garbled is not None else WEIGHTS["thresholds"]["garbled"]
    if review > garbled:
        raise ConfigError(f"thresholds: review ({review}) must not exceed garbled ({garbled})")


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


@contextmanager
def scoring_thresholds(config: Config) -> Iterator[None]:
    """Apply the configured review/garbled thresholds for the duration of one audit.

    Scoring reads its thresholds from ``WEIGHTS``, and the report signature copies them
    from there, so overriding them in place keeps every report honest about what was used.
    """
    from mtaudit.scoring import WEIGHTS

    saved = dict(WEIGHTS["thresholds"])
    if config.review is not None:
        WEIGHTS["thresholds"]["review"] = config.review
    if config.garbled is not None:
        WEIGHTS["thresholds"]["garbled"] = config.garbled
    try:
        yield
    finally:
        WEIGHTS["thresholds"].clear()
        WEIGHTS["thresholds"].update(saved)


def split_ids(values: list[str] | None) -> list[str] | None:
    """Repeatable, comma-separated flag values as one list (None when not given)."""
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def from_args(args: Any) -> Config:
    """The configuration file (``--config`` or found upwards) with the given flags over it."""
    get = vars(args).get
    gate = {f.name: get(f.name) for f in fields(GateThresholds)}
    gate["require_roundtrip"] = gate["require_roundtrip"] or None  # store_true: absent is False
    return load(get("config")).overridden(
        include=get("include"), exclude=get("exclude"), select=split_ids(get("select")),
        ignore=split_ids(get("ignore")), languages=split_ids(get("languages")),
        cache_dir=get("cache_dir"), batch_size=get("batch_size"), baseline=get("baseline"),
        review=get("review_threshold"), garbled=get("garbled_threshold"),
        roundtrip=False if get("no_roundtrip") else None,
        cache=False if get("no_cache") else None,
        pivot=_pivot_flags(get("pivot")),
        require_roundtrip=True if get("require_roundtrip") else None,
        gate=gate,
    )


class NoInputs(ValueError):
    """Nothing to audit was named, or none of the named paths exists."""


def audit_from_args(args: Any, config: Config, **extra: Any):
    """Run :func:`mtaudit.pipeline.audit` as the command line and config file ask.

    Shared by ``audit`` and ``gate`` so both read the same inputs (paths, --pairs,
    --source-file/--target-file) with the same settings.
    """
    from mtaudit.bilingual import pair_sources
    from mtaudit.pipeline import audit

    pairs = pair_sources(args)
    missing = [p for p in args.paths if not Path(p).exists()]
    if not (args.paths or pairs) or (missing and len(missing) == len(args.paths) and not pairs):
        raise NoInputs(f"no such file or folder: {', '.join(missing) or '(none given)'}")
    with scoring_thresholds(config):
        return audit(args.paths, **config.audit_kwargs(), pairs=pairs,
                     progress=sys.stderr.isatty() and not args.quiet, **extra)
