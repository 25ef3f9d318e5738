"""The translator contract the round-trip stage relies on.

A backend translates a batch of sentences in one direction and can score a given target
under the model (forced decoding). Kept tiny on purpose: CTranslate2 already does the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class ModelMissing(RuntimeError):
    """No translation model is installed for a language pair; the message says how to get one."""


@dataclass(frozen=True)
class Translation:
    """A model output and its score: mean log-probability per target token (higher = surer)."""

    text: str
    score: float


class Translator(Protocol):
    """One translation direction of one model."""

    model_id: str
    """Stable identity (package name, version, checksum) used for cache keys and signatures."""
    source: str
    target: str

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        """Translate every text; output order matches input order."""
        ...

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[float]:
        """Mean log-probability per target token of each target given its source."""
        ...
