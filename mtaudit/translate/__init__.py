"""Translation backends: Argos Translate packages run on CTranslate2, with a persistent cache."""

from mtaudit.translate.argos import ArgosTranslator, available_pairs, load_translator
from mtaudit.translate.base import ModelMissing, Translation, Translator
from mtaudit.translate.cache import CachedTranslator, TranslationCache, default_cache_dir
from mtaudit.translate.models import (
    ModelInstallError,
    install_from_file,
    install_from_index,
    list_models,
    packages_dir,
)

__all__ = [
    "ArgosTranslator",
    "CachedTranslator",
    "ModelInstallError",
    "ModelMissing",
    "Translation",
    "TranslationCache",
    "Translator",
    "available_pairs",
    "default_cache_dir",
    "install_from_file",
    "install_from_index",
    "list_models",
    "load_translator",
    "packages_dir",
]
