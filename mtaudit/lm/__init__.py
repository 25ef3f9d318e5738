"""Causal language-model scoring (Gemma 3 270M through llama.cpp).

Importing this package is cheap: the llama.cpp bindings are imported only when a
:class:`LanguageModel` is created, so the audit can run (and say "LM skipped: ...") on a
machine without them.
"""

from __future__ import annotations

from mtaudit.lm.runtime import (
    DEFAULT_MODEL_NAME,
    LanguageModel,
    LMUnavailable,
    Token,
    TokenScores,
    default_model_path,
    ensure_default_model,
    runtime_available,
)

__all__ = [
    "DEFAULT_MODEL_NAME",
    "LMUnavailable",
    "LanguageModel",
    "Token",
    "TokenScores",
    "default_model_path",
    "ensure_default_model",
    "runtime_available",
]
