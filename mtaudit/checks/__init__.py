"""Check registry: every module in this package is imported, so a new family is one new file.

Selection works like ruff: ``select``/``ignore`` take ids or id prefixes (``DE-GENDER``, ``EN``).
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from collections.abc import Iterable, Sequence

from mtaudit.checks.base import (
    SEVERITY_WEIGHTS,
    Check,
    DocumentView,
    Finding,
    SentenceView,
    register,
    registry,
)

__all__ = [
    "SEVERITY_WEIGHTS",
    "DocumentTimeout",
    "Check",
    "DocumentView",
    "Finding",
    "SentenceView",
    "register",
    "registry",
    "load_all",
    "select_checks",
    "run_on_document",
    "run_on_text",
]

_loaded = False


def load_all() -> dict[str, type[Check]]:
    """Import every check module once and return the registry."""
    global _loaded
    if not _loaded:
        for info in pkgutil.iter_modules(__path__):
            if info.name != "base" and not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
        _loaded = True
    return registry()


def _matches(check_id: str, patterns: Iterable[str]) -> bool:
    return any(check_id == p or check_id.startswith(p.rstrip("-") + "-") for p in patterns)


def select_checks(
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    lm_confirmed: bool = False,
) -> list[Check]:
    """Instantiate the checks to run.

    Without ``select`` every default-enabled check runs, and with ``lm_confirmed`` also the
    checks the language model confirms (:attr:`Check.lm_confirmed`); naming a check (or its
    prefix) in ``select`` also turns on checks that are off by default. Unknown ids are an
    error.
    """
    checks = load_all()
    for pattern in [*(select or ()), *(ignore or ())]:
        if pattern.upper() != "ALL" and not any(_matches(cid, [pattern]) for cid in checks):
            raise ValueError(f"unknown check id or prefix: {pattern!r} (see `mtaudit checks`)")
    chosen = []
    for cid, cls in sorted(checks.items()):
        if select:
            wanted = "ALL" in [p.upper() for p in select] or _matches(cid, select)
        else:
            wanted = cls.default_enabled or (lm_confirmed and cls.lm_confirmed)
        if wanted and not (ignore and _matches(cid, ignore)):
            chosen.append(cls())
    return chosen


def _safe(check: Check, fn, arg) -> list[Finding]:
    """Run one hook; a crashing check becomes a finding-free warning, never a lost batch."""
    try:
        return list(fn(arg))
    except Exception as exc:  # noqa: BLE001 - one broken rule must not sink an audit
        import logging

        logging.getLogger("mtaudit").warning("check %s failed: %s", check.id, exc)
        return []


class DocumentTimeout(RuntimeError):
    """The checks of one document ran past their deadline."""


def run_on_document(
    doc: DocumentView, checks: Sequence[Check], deadline: float | None = None
) -> dict[int, list[Finding]]:
    """Run sentence and document hooks; return findings keyed by the sentence they fall in.

    ``deadline`` (a :func:`time.monotonic` value) is checked between checks and sentences;
    past it :class:`DocumentTimeout` is raised. Every sentence is of bounded length (see
    :mod:`mtaudit.segment`), so no single step runs long.
    """
    out: dict[int, list[Finding]] = {s.sent_id: [] for s in doc.sentences}
    for check in checks:
        if deadline is not None and time.monotonic() > deadline:
            raise DocumentTimeout(doc.doc)
        if doc.lang not in check.langs and not any(s.lang in check.langs for s in doc.sentences):
            continue
        for sent in doc.sentences:
            if sent.lang in check.langs:
                out[sent.sent_id].extend(_safe(check, check.check_sentence, sent))
                if deadline is not None and time.monotonic() > deadline:
                    raise DocumentTimeout(doc.doc)
        for finding in _safe(check, check.check_document, doc):
            owner = next(
                (s for s in doc.sentences if s.start <= finding.start < max(s.end, s.start + 1)),
                None,
            )
            if owner is not None:
                out[owner.sent_id].append(finding)
    for found in out.values():
        found.sort(key=lambda f: (f.start, f.check_id))
    return out


def run_on_text(
    text: str | Sequence[str],
    lang: str,
    checks: Sequence[Check] | None = None,
) -> list[Finding]:
    """Run checks on one sentence, or on a list of sentences as one document.

    The convenient entry point for tests: sentences are joined with a space, so finding
    offsets point into ``" ".join(sentences)``.
    """
    parts = [text] if isinstance(text, str) else list(text)
    sentences, pos = [], 0
    for i, part in enumerate(parts):
        sentences.append(SentenceView(text=part, lang=lang, start=pos, doc="<text>", sent_id=i))
        pos += len(part) + 1
    doc = DocumentView(doc="<text>", lang=lang, sentences=sentences, text=" ".join(parts))
    found = run_on_document(doc, checks if checks is not None else select_checks())
    return [f for i in range(len(parts)) for f in found[i]]
