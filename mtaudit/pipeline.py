"""Wire the stages: documents → round trip → checks → scoring → document table.

One tidy pandas table of sentences flows through; every stage adds columns and none reaches
back. Reports are views of the tables returned here.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from mtaudit.baseline import Baseline
from mtaudit.bilingual import PairSource, is_bilingual_file, pair_document, with_source
from mtaudit.checks import (
    DocumentView,
    SentenceView,
    run_on_document,
    select_checks,
)
from mtaudit.documents import SUPPORTED_LANGS, Document, ReadError, discover, read_document
from mtaudit.errors import LM_INSTALL_HINT, LMRequired, RoundTripRequired
from mtaudit.findings_cache import FindingsCache, code_fingerprint, document_key, segment_key
from mtaudit.formats import drop_masked, label_units
from mtaudit.lang.tokens import detokenise, word_count
from mtaudit.lm.stage import LMStatus
from mtaudit.parallel import POOL_MIN_SENTENCES, default_jobs
from mtaudit.reports.findings import findings_by_rule
from mtaudit.roundtrip import PIVOT, RoundTripStatus, load_translators, run_roundtrip
from mtaudit.scoring import calibration, document_verdict, score_sentences
from mtaudit.segment import SENTENCE_COLUMNS, segment
from mtaudit.settings import DEFAULT_SETTINGS, Settings, signature
from mtaudit.signals import add_source_signals
from mtaudit.suppressions import PerFileIgnores, apply_suppressions, check_rule_ids
from mtaudit.translate.models import INSTALL_HINT

log = logging.getLogger("mtaudit")

DEFAULT_DOCUMENT_TIMEOUT = 300.0
"""Seconds the checks may spend on one document (a 1 MB text takes about 40 s)."""


@dataclass
class AuditResult:
    """The tables of one audit plus its summary (settings, totals and signature)."""

    sentences: pd.DataFrame
    documents: pd.DataFrame
    summary: dict
    roundtrip: RoundTripStatus = field(default_factory=RoundTripStatus)
    texts: dict[str, str] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds the checks took per document (JUnit ``time``)."""
    lm: LMStatus = field(default_factory=LMStatus)

    @property
    def findings(self) -> pd.DataFrame:
        """One row per (not suppressed) finding with the fields of the findings schema
        (``mtaudit.findings/1``, README "Finding fields")."""
        from mtaudit.reports.findings import findings_frame

        return findings_frame(self)

    @property
    def has_unreadable(self) -> bool:
        """True when at least one input could not be (fully) read."""
        return bool((self.documents["errors"] != "").any())


def default_translator_factory(
    cache_dir: str | Path | None = None, batch_size: int | None = None, use_cache: bool = True
):
    """Installed argos models behind the SQLite cache, loaded lazily per direction."""
    from mtaudit.translate import CachedTranslator, TranslationCache, load_translator

    cache = TranslationCache.open_default(cache_dir) if use_cache else None

    def factory(source: str, target: str):
        translator = load_translator(source, target)
        if batch_size:
            translator.max_batch_size = batch_size
        return CachedTranslator(translator, cache) if cache is not None else translator

    return factory


DEFAULT_BATCH_SENTENCES = 2000
"""Sentences per batch: documents go through every stage together in batches of about this
many sentences, so memory follows the batch, not the corpus (a document is never split)."""


def audit(paths: Sequence[str | Path] | str | Path, **options) -> AuditResult:
    """Audit files and folders; returns the sentence and document tables and a summary.

    The keywords are those of :class:`AuditRun`. The whole result is kept in memory; for a
    corpus too large for that, iterate :meth:`AuditRun.parts` and write each part out
    (:func:`mtaudit.reports.stream_reports`).
    """
    run = AuditRun(paths, **options)
    return run.result(list(run.parts()))


class AuditRun:
    """One audit, streamed: :meth:`parts` yields the result of each batch of documents as it
    is done, and :meth:`result` adds the summary of the whole run.

    Unreadable inputs become document rows with an error, never an exception: one bad file
    does not sink a batch. ``require_roundtrip`` raises :class:`RoundTripRequired` when no
    translation model is available. Sentences outside ``languages`` are skipped; findings
    listed in ``baseline`` are dropped before scoring and counted in the summary.
    ``pairs`` (and XLIFF files among ``paths``) are bilingual: one row per pair, with its
    ``source`` beside it for the source-aware checks. ``use_cache`` keeps translations and
    findings of unchanged documents in ``cache_dir`` (default ~/.cache/mtaudit). ``pivot``
    overrides the round trip's pivot language per audited language (default de↔en).
    ``settings`` holds the scoring weights and thresholds (default
    :data:`~mtaudit.settings.DEFAULT_SETTINGS`); ``review_threshold`` and
    ``garbled_threshold`` override its sentence thresholds. ``segmentation`` is ``auto``,
    ``line`` (one segment per line) or ``paragraph`` (see :mod:`mtaudit.segment`).
    ``document_timeout`` bounds the seconds the checks may spend on one document (None: no
    bound); a document over it becomes an error row and the batch goes on.
    ``extend_select`` adds checks to the selected ones (ruff's ``extend-select``);
    ``per_file_ignores`` maps globs to check ids dropped for matching files;
    ``inline_suppressions`` honours ``mtaudit: ignore`` directives (see
    :mod:`mtaudit.suppressions`).
    ``jobs`` is the number of processes that check documents (default: the processors
    this process may use, for batches of :data:`~mtaudit.parallel.POOL_MIN_SENTENCES`
    sentences or more; 1 checks in this process); ``executor="dask"`` checks them on
    the dask.distributed cluster at ``scheduler`` instead (see :mod:`mtaudit.parallel`).
    ``batch_sentences`` is the size of a batch (:data:`DEFAULT_BATCH_SENTENCES`). The
    results are the same whatever the jobs, executor and batch size.
    """

    def __init__(
        self,
        paths: Sequence[str | Path] | str | Path,
        *,
        include: Sequence[str] | None = None,
        exclude: Sequence[str] | None = None,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        roundtrip: bool = True,
        require_roundtrip: bool = False,
        cache_dir: str | Path | None = None,
        translator_factory: Callable | None = None,
        progress: bool = False,
        languages: Sequence[str] | None = None,
        batch_size: int | None = None,
        baseline: Baseline | None = None,
        pairs: Sequence[PairSource] = (),
        use_cache: bool = True,
        pivot: Mapping[str, str] | None = None,
        settings: Settings | None = None,
        review_threshold: float | None = None,
        garbled_threshold: float | None = None,
        segmentation: str = "auto",
        document_timeout: float | None = DEFAULT_DOCUMENT_TIMEOUT,
        extend_select: Sequence[str] | None = None,
        per_file_ignores: PerFileIgnores | Mapping[str, Sequence[str]] | None = None,
        inline_suppressions: bool = True,
        lm: bool = True,
        require_lm: bool = False,
        lm_factory: Callable | None = None,
        jobs: int | None = None,
        executor: str = "local",
        scheduler: str | None = None,
        batch_sentences: int = DEFAULT_BATCH_SENTENCES,
    ) -> None:
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        if batch_sentences < 1:
            raise ValueError(f"batch_sentences must be at least 1, got {batch_sentences}")
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self.started = time.perf_counter()
        checks = select_checks(select, ignore, lm_confirmed=lm)
        self.lm_gated = set() if select or not lm else {c.id for c in checks if c.lm_confirmed}
        if extend_select:
            chosen = {c.id for c in checks}
            extra = [c for c in select_checks(extend_select, ignore) if c.id not in chosen]
            checks = sorted([*checks, *extra], key=lambda c: c.id)
        self.checks = checks
        self.per_file_ignores = PerFileIgnores.coerce(per_file_ignores)
        if self.per_file_ignores is not None:
            from mtaudit.checks import load_all

            check_rule_ids(self.per_file_ignores.rules(), load_all(), "per-file-ignores")
        settings = (settings or DEFAULT_SETTINGS).with_thresholds(
            review_threshold, garbled_threshold
        )
        self.settings = settings.with_checks(c.id for c in checks)
        files = discover(list(paths), include, exclude)
        self.specs = [
            *pairs,
            *(PairSource(p, doc=n) for n, p in files if is_bilingual_file(p)),
        ]
        self.files = [(n, p) for n, p in files if not is_bilingual_file(p)]
        self.findings_cache = None
        if use_cache:
            from mtaudit.translate.cache import default_cache_dir

            self.findings_cache = FindingsCache(
                Path(cache_dir or default_cache_dir()) / "findings.db"
            )
        self.options = {
            "roundtrip": roundtrip,
            "require_roundtrip": require_roundtrip,
            "cache_dir": cache_dir,
            "progress": progress,
            "languages": languages,
            "baseline": baseline,
            "use_cache": use_cache,
            "pivot": {**PIVOT, **(pivot or {})},
            "segmentation": segmentation,
            "document_timeout": document_timeout,
            "inline_suppressions": inline_suppressions,
            "lm": lm,
            "require_lm": require_lm,
            "jobs": jobs,
            "executor": executor,
            "scheduler": scheduler,
        }
        self.translator_factory = translator_factory
        self._default_factory = (cache_dir, batch_size, use_cache)
        self.lm_factory = lm_factory
        self.batch_sentences = batch_sentences
        # What the batches leave behind: one row per document and the run's counts.
        self.doc_tables: list[pd.DataFrame] = []
        self.paths: dict[str, Path] = {}
        self.timings: dict[str, float] = {}
        self.verdicts: Counter = Counter()
        self.rules: Counter = Counter()
        self.suppressed: Counter = Counter()
        self.roundtrip = RoundTripStatus()
        self.lm = LMStatus()
        self._translators: dict = {}
        self._tried_langs: set[str] = set()
        self._missing: list[str] = []
        self._model = None
        self._checkers = None

    def parts(self) -> Iterator[AuditResult]:
        """The result of each batch of documents, in input order, as soon as it is done;
        each part's summary is that of the run so far. At least one part, even when there
        is nothing to read."""
        from mtaudit.parallel import Checkers

        o = self.options
        self._checkers = Checkers(
            self.checks,
            jobs=default_jobs() if o["jobs"] is None else o["jobs"],
            timeout=o["document_timeout"],
            run=run_on_document,
            min_sentences=POOL_MIN_SENTENCES if o["jobs"] is None else 0,
            executor=o["executor"],
            scheduler=o["scheduler"],
        )
        with self._checkers:  # the workers serve every batch, then stop
            batch = _Batch()
            yielded = False
            for name, path, loaded, error in self._read():
                batch.add(name, path, loaded, error)
                if batch.sentences >= self.batch_sentences:
                    yield self._audit_batch(batch)
                    batch, yielded = _Batch(), True
            if batch.files or not yielded:
                yield self._audit_batch(batch)
        if self.options["require_roundtrip"] and not self._translators:
            raise RoundTripRequired(self._roundtrip_status().reason or "round trip unavailable")

    def result(self, parts: Sequence[AuditResult]) -> AuditResult:
        """The run's result from its parts (whole, or as much of each as the caller kept)."""
        tables = [p.sentences for p in parts if len(p.sentences)] or [
            p.sentences for p in parts[:1]
        ]
        if not tables:
            sentences = pd.DataFrame(columns=SENTENCE_COLUMNS)
        elif len(tables) == 1:
            sentences = tables[0].reset_index(drop=True)
        else:
            sentences = pd.concat(tables, ignore_index=True)
        texts = {doc: text for p in parts for doc, text in p.texts.items()}
        return AuditResult(
            sentences,
            self.documents(),
            self.summary(),
            self._roundtrip_status(),
            texts,
            dict(self.paths),
            dict(self.timings),
            self.lm,
        )

    def documents(self) -> pd.DataFrame:
        """The document table of the batches done so far."""
        if not self.doc_tables:
            return pd.DataFrame(columns=DOCUMENT_COLUMNS)
        if len(self.doc_tables) == 1:
            return self.doc_tables[0]
        return pd.concat(self.doc_tables, ignore_index=True)

    def summary(self) -> dict:
        """The summary of the batches done so far (settings, totals and signature)."""
        from mtaudit.suppressions import SuppressionReport

        documents = self.documents()
        status = self._roundtrip_status()
        summary = _summary(
            self.verdicts,
            documents,
            self.settings,
            status,
            time.perf_counter() - self.started,
        )
        summary["lm"] = self.lm.as_dict() | (
            {} if self.lm.ran else {"how_to_enable": LM_INSTALL_HINT}
        )
        summary["signature"]["lm"] = self.lm.signature
        summary["findings_by_rule"] = dict(
            sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        suppressed = SuppressionReport(counts=Counter(self.suppressed))
        summary["suppressed"] = suppressed.summary()
        if self.options["baseline"] is not None:
            summary["baseline"] = self.options["baseline"].report(suppressed.by_source("baseline"))
        return summary

    def _read(self):
        """(name, path, (document, table) or None, error) per input, in order."""
        segmentation = self.options["segmentation"]
        for name, path in _progress(self.files, self.options["progress"], "reading"):
            try:
                document = read_document(name, path)
            except ReadError as exc:
                log.warning("%s: %s", name, exc)
                yield name, path, None, str(exc)
                continue
            rows = _segment(document, segmentation, self.findings_cache)
            yield name, path, (document, label_units(document, rows)), ""
        for spec in self.specs:
            target = spec.target_path or spec.path  # findings are in the target
            try:
                document, rows, problems = pair_document(spec, segmentation)
            except ReadError as exc:
                log.warning("%s", exc)
                yield spec.name, target, None, str(exc)
                continue
            # ragged rows: reported, the other pairs are still audited
            yield spec.name, target, (document, rows), "; ".join(problems)

    def _audit_batch(self, batch: _Batch) -> AuditResult:
        """Every stage on one batch of documents; the run's counts take its results."""
        o = self.options
        documents, errors, files = batch.documents, batch.errors, batch.files
        table = (
            pd.concat(batch.tables, ignore_index=True)
            if batch.tables
            else pd.DataFrame(columns=SENTENCE_COLUMNS)
        )
        if o["languages"]:
            off = (table["skip_reason"] == "") & ~table["lang"].isin(list(o["languages"]))
            table.loc[off, "skip_reason"] = "language not selected: " + table.loc[off, "lang"]
        table = self._round_trip(table)

        timings: dict[str, float] = {}
        findings, not_checked = _run_checks(
            table,
            documents,
            self.checks,
            o["progress"],
            self.findings_cache,
            o["document_timeout"],
            timings,
            checkers=self._checkers,
        )
        findings = drop_masked(table, findings, documents)  # markup blanked in Markdown/subtitles
        for name, (why, skip_reason) in not_checked.items():
            errors[name] = why
            off = (table["doc"] == name) & (table["skip_reason"] == "")
            table.loc[off, "skip_reason"] = skip_reason
        table, findings, lm_status = _language_model(
            table,
            findings,
            documents,
            self.checks,
            o["lm"],
            o["require_lm"],
            self._language_model_once,
            self.lm_gated,
            o["use_cache"],
            o["cache_dir"],
            o["progress"],
        )
        by_doc = {d.doc: d for d in documents}
        findings, suppression = apply_suppressions(
            table,
            findings,
            {d.doc: d.text for d in documents},
            dict(files),
            per_file_ignores=self.per_file_ignores,
            baseline=o["baseline"],
            inline=o["inline_suppressions"],
            known_rules=[c.id for c in self.checks],
            warn=lambda doc, why: by_doc[doc].warnings.append(why) if doc in by_doc else None,
        )
        directives = table.index[suppression.directive_rows]  # a directive is not translation
        directives = directives[table.loc[directives, "skip_reason"] == ""]
        table.loc[directives, "skip_reason"] = "mtaudit: ignore directive"
        table = score_sentences(table, findings, self.settings)
        table["suppressed"] = suppression.rows
        doc_table = _document_table(
            table, documents, errors, files, self._roundtrip_status(), self.settings
        )
        self.doc_tables.append(doc_table)
        self.paths.update(files)
        self.timings.update(timings)
        self.verdicts.update(table["verdict"])
        self.rules.update(findings_by_rule(table))
        self.suppressed.update(suppression.counts)
        self.lm = _merge_lm(self.lm, lm_status)
        texts = {d.doc: d.text for d in documents}
        return AuditResult(
            table,
            doc_table,
            self.summary(),
            self._roundtrip_status(),
            texts,
            dict(files),
            timings,
            self.lm,
        )

    def _round_trip(self, table: pd.DataFrame) -> pd.DataFrame:
        """Stage 2 on one batch; translators are loaded once, for the languages met so far."""
        o = self.options
        langs = set(table.loc[table["skip_reason"] == "", "lang"]) & set(SUPPORTED_LANGS)
        if not o["roundtrip"]:
            self.roundtrip.reason = "round trip switched off (--no-roundtrip)"
        elif langs - self._tried_langs:
            new = langs - self._tried_langs
            self._tried_langs |= new
            if self.translator_factory is None:  # the default opens the cache, once
                self.translator_factory = default_translator_factory(*self._default_factory)
            found, missing = load_translators(new, self.translator_factory, o["pivot"])
            self._translators.update(found)
            self.roundtrip.models.update({f"{s}-{t}": tr.model_id for (s, t), tr in found.items()})
            if missing:
                from mtaudit.translate.models import packages_dir

                self._missing.append(missing)
                self.roundtrip.reason = (
                    f"{'; '.join(self._missing)} (models folder: {packages_dir()})"
                )
        if (
            o["require_roundtrip"]
            and (langs or not o["roundtrip"])
            and (not self._translators or self.roundtrip.reason)
        ):
            raise RoundTripRequired(self.roundtrip.reason or "round trip unavailable")
        translators = self._translators if o["roundtrip"] else {}
        with _sentence_bar(o["progress"] and bool(translators), table, "round trip") as bar:
            table = run_roundtrip(with_source(table), translators, bar, o["pivot"])
        table = add_source_signals(table)
        self.roundtrip.sentences += int((table["roundtrip"] != "").sum())
        return table

    def _roundtrip_status(self) -> RoundTripStatus:
        status = replace(self.roundtrip, models=dict(self.roundtrip.models))
        status.ran = status.sentences > 0
        if not status.ran and not status.reason:
            status.reason = "nothing to round-trip"
        return status

    def _language_model_once(self):
        """The language model, loaded on first use and kept for the later batches (a model
        that cannot be loaded is not tried again)."""
        from mtaudit.lm import LMUnavailable

        if self._model is None:
            try:
                self._model = (self.lm_factory or default_lm)()
            except LMUnavailable as exc:  # kept, to be raised again for each batch
                self._model = exc
        if isinstance(self._model, Exception):
            raise self._model
        return self._model


@dataclass
class _Batch:
    """Documents read for the next batch: their tables, read errors and (name, path)."""

    documents: list[Document] = field(default_factory=list)
    tables: list[pd.DataFrame] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    files: list[tuple[str, Path]] = field(default_factory=list)
    sentences: int = 0

    def add(self, name: str, path: Path, loaded, error: str) -> None:
        self.files.append((name, path))
        if error:
            self.errors[name] = error
        if loaded is not None:
            document, table = loaded
            self.documents.append(document)
            self.tables.append(table)
            self.sentences += len(table)


def _merge_lm(total: LMStatus, part: LMStatus) -> LMStatus:
    """The LM status of the run from that of the batches so far and of one more."""
    if not total.ran and not part.ran:
        return replace(part, reason=part.reason or total.reason)
    ran = part if part.ran else total
    return replace(
        ran,
        ran=True,
        reason="",
        sentences=total.sentences + part.sentences,
        cached=total.cached + part.cached,
        seconds=total.seconds + part.seconds,
    )


def _segment(document: Document, mode: str, cache: FindingsCache | None) -> pd.DataFrame:
    """:func:`mtaudit.segment.segment`, or its result for the same text from ``cache``."""
    if cache is None:
        return segment(document, mode)
    key = segment_key(document, mode)
    table = cache.get_segments(key, document)
    if table is None:
        before = len(document.warnings)
        table = segment(document, mode)
        cache.put_segments(key, document, table, before)
    return table


def _progress(items, enabled: bool, desc: str):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="file", leave=False)


@contextmanager
def _sentence_bar(enabled: bool, table: pd.DataFrame, desc: str):
    """A tqdm bar over the audited sentences, as an update callback (None when off)."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    with tqdm(
        total=int((table["skip_reason"] == "").sum()), desc=desc, unit="sent", leave=False
    ) as bar:
        yield bar.update


def _run_checks(
    table: pd.DataFrame,
    documents: list[Document],
    checks,
    progress: bool,
    cache: FindingsCache | None = None,
    document_timeout: float | None = None,
    timings: dict[str, float] | None = None,
    checkers=None,
) -> tuple[list[list], dict[str, tuple[str, str]]]:
    """Findings per table row, and the documents that could not be checked (why, as an
    error and as a skip reason).

    Checks see the normalised analysis text at the same offsets; a tokenised document is
    checked on a detokenised copy and its findings are mapped back to the original
    characters. Documents whose key is in ``cache`` are not checked again. A document whose
    checks exceed ``document_timeout`` seconds, or crash, is reported as an error and the
    batch goes on. The other documents are checked by ``checkers`` (a
    :class:`mtaudit.parallel.Checkers`; default: in this process); the cache is read and
    written here only.
    """
    from mtaudit.parallel import Checkers

    if checkers is None:
        checkers = Checkers(checks, timeout=document_timeout, run=run_on_document)
    findings: list[list] = [[] for _ in range(len(table))]
    not_checked: dict[str, tuple[str, str]] = {}
    check_ids = [c.id for c in checks]
    if table.empty:
        return findings, not_checked
    by_doc = {d.doc: d for d in documents}
    positions = {key: i for i, key in enumerate(zip(table["doc"], table["sent_id"], strict=True))}

    def place(name: str, found_by_sentence: dict) -> None:
        for sent_id, found in found_by_sentence.items():
            findings[positions[(name, sent_id)]] = found

    todo: dict[str, tuple] = {}
    for name, rows in table.groupby("doc", sort=False):
        began = time.perf_counter()
        view, detok = _document_view(by_doc[name], rows[rows["skip_reason"] == ""])
        if view is None:
            continue
        key = document_key(view, check_ids, code_fingerprint()) if cache is not None else ""
        found_by_sentence = cache.get(key) if cache is not None else None
        if found_by_sentence is None:
            todo[name] = (view, detok, key)
            continue
        place(name, found_by_sentence)
        if timings is not None:
            timings[name] = round(time.perf_counter() - began, 4)
    outcomes = checkers.check([view for view, _, _ in todo.values()])
    with _document_bar(progress, len(todo), "checking") as bar:
        for outcome in outcomes:
            name = outcome.doc
            _view, detok, key = todo[name]
            if bar is not None:
                bar(1)
            if outcome.timed_out:
                why = (
                    f"checks stopped after the document time budget of "
                    f"{document_timeout:g} s (--document-timeout); its sentences "
                    "were not checked"
                )
                not_checked[name] = (why, "not checked: document time budget exceeded")
                log.warning("%s: %s", name, why)
                continue
            if outcome.error:
                why = f"{outcome.error}; its sentences were not checked"
                not_checked[name] = (why, "not checked: the checks failed")
                log.warning("%s: %s", name, why)
                continue
            found_by_sentence = outcome.findings
            if detok is not None:
                found_by_sentence = {
                    sid: [
                        replace(f, start=a, end=b)
                        for f in found
                        for a, b in [detok.to_original(f.start, f.end)]
                    ]
                    for sid, found in found_by_sentence.items()
                }
            if cache is not None:
                cache.put(key, found_by_sentence)
            place(name, found_by_sentence)
            if timings is not None:
                timings[name] = round(outcome.seconds, 4)
    return findings, not_checked


@contextmanager
def _document_bar(enabled: bool, total: int, desc: str):
    """A tqdm bar over ``total`` documents, as an update callback (None when off)."""
    if not enabled or not total:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=desc, unit="file", leave=False) as bar:
        yield bar.update


def _document_view(document: Document, audited: pd.DataFrame):
    """What the checks see of one document (None when nothing is audited), and the offset
    map when they see a detokenised copy."""
    detok = detokenise(document.analysis) if document.tokenised else None
    text = detok.text if detok else document.analysis

    def at(offset: int) -> int:
        return detok.from_original(offset) if detok else offset

    views = [
        SentenceView(
            text=text[at(r.start) : at(r.end)],
            lang=r.lang,
            start=at(r.start),
            doc=document.doc,
            sent_id=r.sent_id,
            backtranslation=r.backtranslation,
            roundtrip=r.roundtrip,
            rt_changed=[(at(s), at(e)) for s, e in r.rt_changed],
            source=r.source,
        )
        for r in audited.itertuples()
    ]
    if not views:
        return None, detok
    return DocumentView(doc=document.doc, lang=document.lang, sentences=views, text=text), detok


DOCUMENT_COLUMNS = [
    "doc",
    "lang",
    "encoding",
    "sentences",
    "audited",
    "review",
    "garbled",
    "garbled_share",
    "mean_risk",
    "max_risk",
    "mean_p_major",
    "words",
    "mqm_penalty",
    "mqm_per_100_words",
    "verdict",
    "roundtrip",
    "warnings",
    "errors",
]


def _document_table(table, documents, errors, files, status, settings: Settings) -> pd.DataFrame:
    by_doc = {d.doc: d for d in documents}
    rows = []
    for name, _path in files:
        doc_rows = table[table["doc"] == name]
        audited = doc_rows[doc_rows["verdict"] != "skipped"]
        n = len(audited)
        garbled = int((audited["verdict"] == "garbled").sum())
        review = int((audited["verdict"] == "review").sum())
        n_words = int(sum(word_count(t) for t in audited["text"]))
        penalty = float(audited["mqm_penalty"].sum()) if n else 0.0
        document = by_doc.get(name)
        per_100 = round(100 * penalty / n_words, 2) if n_words else 0.0
        if name in errors and not n:
            rt, verdict = "not run", "error"
        else:  # a pair file with a ragged row keeps its error *and* the audit of the rest
            ran = bool((audited["roundtrip"] != "").any()) if n else False
            rt = "ran" if ran else ("skipped: " + (status.reason or "nothing to audit"))
            verdict = document_verdict(n, review, garbled, per_100, settings)
        rows.append(
            {
                "doc": name,
                "lang": document.lang if document else "",
                "encoding": document.encoding if document else "",
                "sentences": len(doc_rows),
                "audited": n,
                "review": review,
                "garbled": garbled,
                "garbled_share": round(garbled / n, 4) if n else 0.0,
                "mean_risk": round(float(audited["risk"].mean()), 4) if n else 0.0,
                "max_risk": round(float(audited["risk"].max()), 4) if n else 0.0,
                "mean_p_major": round(float(audited["p_major"].mean()), 4) if n else 0.0,
                "words": n_words,
                "mqm_penalty": round(penalty, 2),
                "mqm_per_100_words": per_100,
                "verdict": verdict,
                "roundtrip": rt,
                "warnings": "; ".join(_document_warnings(document)) if document else "",
                "errors": errors.get(name, ""),
            }
        )
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def _document_warnings(document: Document) -> list[str]:
    warnings = list(document.warnings)
    if document.lang and document.lang not in SUPPORTED_LANGS:
        warnings.append(
            f"document language {document.lang} is not supported "
            f"(mtaudit audits {' and '.join(SUPPORTED_LANGS)}); its sentences "
            "in other languages are skipped"
        )
    return warnings


def _summary(
    verdicts: Counter, doc_table, settings: Settings, status: RoundTripStatus, seconds: float
) -> dict:
    """The summary block of the sentence ``verdicts`` counted and the document table."""
    counts = verdicts
    return {
        "totals": {
            "documents": int(len(doc_table)),
            "documents_with_errors": int((doc_table["errors"] != "").sum()),
            "sentences": int(sum(counts.values())),
            "audited": int(sum(counts.values()) - counts.get("skipped", 0)),
            **{v: int(counts.get(v, 0)) for v in ("ok", "review", "garbled", "skipped")},
            "words": int(doc_table["words"].sum()),
            "mqm_penalty": round(float(doc_table["mqm_penalty"].sum()), 2),
        },
        "documents_by_verdict": doc_table["verdict"].value_counts().to_dict(),
        "mqm_per_100_words": dict(
            zip(doc_table["doc"], doc_table["mqm_per_100_words"], strict=True)
        ),
        "roundtrip": status.as_dict() | ({} if status.ran else {"how_to_enable": INSTALL_HINT}),
        "signature": signature(
            settings, status.models, calibration()["version"], code_fingerprint()
        ),
        "seconds": round(seconds, 3),
    }


@lru_cache(maxsize=1)
def default_lm():
    """The default language model, loaded once per process (about 1 s)."""
    from mtaudit.lm import LanguageModel

    return LanguageModel()


def _language_model(
    table,
    findings,
    documents,
    checks,
    enabled: bool,
    required: bool,
    factory: Callable,
    gated: set[str],
    use_cache: bool,
    cache_dir,
    progress: bool,
):
    """Stage 4b: the language model verifies the checks' fixes and proposes its own edits.

    Skipped, with the reason recorded, when switched off or when ``factory`` cannot load
    the model (:class:`~mtaudit.lm.LMUnavailable`); ``required`` turns a missing model
    into :class:`LMRequired`. The findings of the ``gated`` checks
    (:attr:`Check.lm_confirmed`) are kept only where the model confirms their fix, so they
    are dropped when it does not run.
    """
    from mtaudit.lm import LMUnavailable
    from mtaudit.lm.stage import run_lm

    ids = {c.id for c in checks}
    unconfirmed = [[f for f in found if f.check_id not in gated] for found in findings]
    if not enabled:
        return table, unconfirmed, LMStatus(reason="language model switched off (--no-lm)")
    audited = table[(table["skip_reason"] == "") & table["lang"].isin(["de", "en"])]
    if audited.empty:
        return table, unconfirmed, LMStatus(reason="nothing for the language model to score")
    try:
        model = factory()
    except LMUnavailable as exc:
        if required:
            raise LMRequired(str(exc)) from exc
        return table, unconfirmed, LMStatus(reason=str(exc))
    cache = None
    if use_cache:
        from mtaudit.lm.cache import LMCache
        from mtaudit.translate.cache import default_cache_dir

        cache = LMCache(Path(cache_dir or default_cache_dir()) / "lm.db")
    texts = {d.doc: d.analysis for d in documents}  # offsets are those of the table
    with _sentence_bar(progress, audited, "language model") as bar:
        return run_lm(
            table,
            findings,
            model,
            texts.__getitem__,
            cache=cache,
            enabled_edit="LM-EDIT-001" in ids,
            gated=gated,
            progress=bar,
        )
