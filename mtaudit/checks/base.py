"""The check contract and registry.

Every check is a registered object with a stable id (``DE-GENDER-001``), an MQM category, a
severity and an explanation with a bad and a good example, as linters do. Checks never see
the pandas table: they get small read-only views of a sentence or a document, so they are
easy to test on a plain string (see :func:`mtaudit.checks.run_on_text`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from mtaudit.lang.phrases import Match, lexicon_matcher
from mtaudit.lang.tokens import Token, tokens, words

SEVERITY_WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 25.0}
"""MQM penalty per finding (Freitag et al. 2021); scoring and document penalties use these."""


@dataclass(frozen=True)
class Finding:
    """One problem a check found; offsets are character offsets into the decoded document.

    ``replacements`` are suggested texts for ``[start, end)``, best first (LanguageTool's
    convention); empty when the check has no fix to offer. They are also what the language
    model compares against the original when it verifies a finding.
    """

    check_id: str
    message: str
    start: int
    end: int
    severity: str
    category: str
    confidence: float = 1.0
    replacements: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.replacements, tuple):  # read back from JSON as a list
            object.__setattr__(self, "replacements", tuple(self.replacements))

    def as_dict(self) -> dict:
        return {
            "id": self.check_id,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "severity": self.severity,
            "category": self.category,
            "confidence": round(self.confidence, 3),
            "replacements": list(self.replacements),
        }


@dataclass
class SentenceView:
    """What a check may look at for one sentence.

    ``start`` is the sentence's offset in its document; token offsets are document offsets.
    ``roundtrip`` and ``rt_changed`` are empty when no round trip ran.
    ``source`` is the source sentence of a bilingual pair, empty for monolingual text.
    """

    text: str
    lang: str
    start: int = 0
    doc: str = ""
    sent_id: int = 0
    backtranslation: str = ""
    roundtrip: str = ""
    rt_changed: Sequence[tuple[int, int]] = ()
    source: str = ""
    _words: list[Token] | None = field(default=None, repr=False)
    _tokens: list[Token] | None = field(default=None, repr=False)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def words(self) -> list[Token]:
        if self._words is None:
            self._words = words(self.text, self.start)
        return self._words

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = tokens(self.text, self.start)
        return self._tokens

    def span(self, start: int, end: int) -> str:
        """Text between two document offsets that lie inside this sentence."""
        return self.text[start - self.start : end - self.start]

    def rt_touches(self, start: int, end: int) -> bool:
        """True when the round trip changed any character in [start, end)."""
        return any(s < end and start < e for s, e in self.rt_changed)


@dataclass
class DocumentView:
    """All audited sentences of one document (boilerplate and unsupported ones left out)."""

    doc: str
    lang: str
    sentences: list[SentenceView]
    text: str = ""


class Check:
    """Base class: subclass, fill the class attributes, override one or both hooks."""

    id: ClassVar[str]
    name: ClassVar[str]
    langs: ClassVar[frozenset[str]] = frozenset({"de", "en"})
    category: ClassVar[str]
    severity: ClassVar[str] = "minor"
    summary: ClassVar[str]
    explanation: ClassVar[str]
    bad_example: ClassVar[str]
    good_example: ClassVar[str]
    default_enabled: ClassVar[bool] = True
    off_reason: ClassVar[str] = ""
    stage: ClassVar[str] = "checks"
    """"checks" for sentence/document hooks; "lm" for findings the language-model stage
    makes (they need the model and have no hooks)."""
    lm_judges: ClassVar[bool] = True
    """Whether the language model's preference may verify or weaken this check's findings.
    False where the model is measured to be wrong about the damage (spacing around hyphens
    it cannot see through its tokeniser, English spellings of names it prefers)."""
    lm_confirmed: ClassVar[bool] = False
    """Off by default because alone it is not precise enough, but it suggests a fix: when
    the language model runs, the check runs too and a finding is kept only if the model
    prefers its fix (``LMSettings.confirm``). Selecting the check by id runs it unconfirmed."""

    def check_sentence(self, sent: SentenceView) -> Iterable[Finding]:
        return ()

    def check_document(self, doc: DocumentView) -> Iterable[Finding]:
        return ()

    def finding(
        self,
        message: str,
        start: int,
        end: int,
        *,
        severity: str | None = None,
        confidence: float = 1.0,
        replacements: tuple[str, ...] | list[str] = (),
    ) -> Finding:
        """Build a finding stamped with this check's id, category and (default) severity."""
        return Finding(
            check_id=self.id,
            message=message,
            start=start,
            end=end,
            severity=severity or self.severity,
            category=self.category,
            confidence=confidence,
            replacements=tuple(replacements),
        )

    @classmethod
    def describe(cls) -> dict:
        return {
            "id": cls.id,
            "name": cls.name,
            "langs": sorted(cls.langs),
            "category": cls.category,
            "severity": cls.severity,
            "summary": cls.summary,
            "explanation": cls.explanation,
            "bad_example": cls.bad_example,
            "good_example": cls.good_example,
            "default_enabled": cls.default_enabled,
            "off_reason": cls.off_reason,
            "needs": "language model" if cls.stage == "lm" else "",
            "lm_confirmed": cls.lm_confirmed,
        }


class PhraseCheck(Check):
    """Base for lexicon checks: one finding per matched entry of ``kinds`` in ``resource``."""

    resource: ClassVar[str]
    kinds: ClassVar[frozenset[str] | None] = None

    def message(self, match: Match) -> str:
        raise NotImplementedError

    def check_sentence(self, sent: SentenceView) -> Iterable[Finding]:
        matcher = lexicon_matcher(self.resource, sent.lang, self.kinds)
        for match in matcher.match_tokens(sent.tokens):
            confidence = 1.0 if sent.rt_touches(match.start, match.end) else 0.8
            yield self.finding(self.message(match), match.start, match.end, confidence=confidence)


_REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the registry; ids must be unique."""
    for attr in ("id", "name", "category", "summary", "explanation", "bad_example", "good_example"):
        if not getattr(cls, attr, None):
            raise TypeError(f"check {cls.__name__} lacks {attr!r}")
    if cls.severity not in SEVERITY_WEIGHTS:
        raise TypeError(f"check {cls.id}: unknown severity {cls.severity!r}")
    if cls.id in _REGISTRY and _REGISTRY[cls.id] is not cls:
        raise ValueError(f"duplicate check id {cls.id}")
    _REGISTRY[cls.id] = cls
    return cls


def registry() -> dict[str, type[Check]]:
    return dict(_REGISTRY)
