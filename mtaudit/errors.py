"""Exceptions the command line turns into exit codes, importable without the pipeline
(which loads pandas and the checks)."""

from __future__ import annotations

LM_INSTALL_HINT = "install the language model with `bash scripts/install_lm.sh`"


class RoundTripRequired(RuntimeError):
    """--require-roundtrip was given but no model could be loaded."""


class LMRequired(RuntimeError):
    """--require-lm was given but the language model could not be loaded."""
