"""Translation backends: Argos Translate packages run on CTranslate2, with a persistent cache.

The names below are imported on first use (PEP 562), so ``mtaudit.translate.models`` (the
install hint, ``mtaudit models``) does not load CTranslate2 and SentencePiece.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "ArgosTranslator": "argos",
    "available_pairs": "argos",
    "load_translator": "argos",
    "ModelMissing": "base",
    "Translation": "base",
    "Translator": "base",
    "CachedTranslator": "cache",
    "TranslationCache": "cache",
    "default_cache_dir": "cache",
    "ModelInstallError": "models",
    "install_from_file": "models",
    "install_from_index": "models",
    "list_models": "models",
    "packages_dir": "models",
}

__all__ = sorted(_WHERE)


_SUBMODULES = frozenset(_WHERE.values())


def __getattr__(name: str):
    if name in _SUBMODULES:  # ``mtaudit.translate.cache`` as an attribute, as before
        return importlib.import_module(f"{__name__}.{name}")
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
