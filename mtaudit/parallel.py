"""Check documents in parallel: a pool of worker processes, one document per task.

Only the checks run in the workers; everything else stays in the parent process:

- reading, the round trip and the language model run in the parent, so the translation
  models and the 253 MB language model are loaded once (CTranslate2 and llama.cpp use
  threads of their own) and every SQLite cache (translations, findings, LM scores) has one
  reader and one writer, the parent; workers never open a cache;
- the parent loads the checks' data (HanTa, lexicons, word frequencies: about 2 s and
  400 MB) before the pool starts, and the workers are forked from it, so they share that
  memory copy-on-write instead of loading it once each;
- a document's findings do not depend on which process checked it or in which order, so
  the tables are identical to a one-process run.

A document's time budget (``--document-timeout``) starts when a worker picks it up. A
document whose checks raise, or kill their worker outright, becomes an error row; the
other documents are checked again in a fresh pool. Ctrl-C stops the workers (they ignore
SIGINT themselves, so they never print tracebacks) and is raised in the parent.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from mtaudit.checks import DocumentTimeout, DocumentView, Finding, SentenceView

log = logging.getLogger("mtaudit")

EXECUTORS = ("local", "dask")

POOL_MIN_SENTENCES = 200
"""With the default number of jobs, smaller batches are checked in this process: before
forking, the parent spends about 0.8 CPU-s loading the checks' data, about what 200
sentences of checks cost (4 ms each on average, German and English), and a batch of 10
sentences took 10% longer (12% more CPU) on two processes than on one (BENCHMARKS.md)."""


def default_jobs() -> int:
    """Processors this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class Outcome:
    """What checking one document gave: findings by sentence id, or an error."""

    doc: str
    findings: dict[int, list[Finding]] | None
    seconds: float = 0.0
    error: str = ""
    timed_out: bool = False


Runner = Callable[[DocumentView, Sequence, float | None], dict[int, list[Finding]]]


def check_one(view: DocumentView, checks: Sequence, timeout: float | None, run: Runner) -> Outcome:
    """Check one document within ``timeout`` seconds; never raises for the document's sake."""
    began = time.perf_counter()
    deadline = time.monotonic() + timeout if timeout else None
    try:
        found = run(view, checks, deadline)
    except DocumentTimeout:
        return Outcome(view.doc, None, time.perf_counter() - began, timed_out=True)
    except Exception as exc:  # noqa: BLE001 - one bad document must not sink the batch
        return Outcome(view.doc, None, time.perf_counter() - began, error=_failed(exc))
    return Outcome(view.doc, found, time.perf_counter() - began)


def _failed(exc: BaseException) -> str:
    return f"checks failed: {type(exc).__name__}: {exc}"


def check_documents(
    views: Sequence[DocumentView], checks: Sequence, **options
) -> Iterator[Outcome]:
    """Check every document, yielding each outcome as it is ready (in no fixed order); the
    one-batch form of :class:`Checkers`, which takes the same keywords."""
    with Checkers(checks, **options) as checkers:
        yield from checkers.check(views)


class Checkers:
    """Where the documents of one audit are checked, kept from one batch of documents to
    the next (:class:`mtaudit.pipeline.AuditRun`): this process, a pool of worker
    processes, or a dask.distributed cluster.

    ``jobs`` <= 1, or a first batch of a single document or of fewer than
    ``min_sentences`` sentences, run in this process (a pool costs more than it saves
    there). Once started, the pool serves every later batch, so its workers keep their
    memos of word analyses; ``executor="dask"`` connects to the cluster at ``scheduler``
    once (see :mod:`mtaudit.distributed`). Close it (or use it as a context manager) to
    stop the workers.
    """

    def __init__(
        self,
        checks: Sequence,
        *,
        jobs: int = 1,
        timeout: float | None = None,
        run: Runner,
        min_sentences: int = 0,
        executor: str = "local",
        scheduler: str | None = None,
    ) -> None:
        if executor not in EXECUTORS:
            raise ValueError(
                f"unknown executor {executor!r} (expected one of {', '.join(EXECUTORS)})"
            )
        self.checks, self.jobs, self.timeout, self.run = checks, jobs, timeout, run
        self.min_sentences, self.executor, self.scheduler = min_sentences, executor, scheduler
        self._pool: _Pool | None = None
        self._cluster = None
        self._frozen = False

    def check(self, views: Sequence[DocumentView]) -> Iterator[Outcome]:
        """Check one batch of documents, yielding each outcome as it is ready."""
        if not views:
            return
        if self.executor == "dask":
            if self._cluster is None:
                from mtaudit.distributed import ClusterSession

                self._cluster = ClusterSession(self.checks, self.scheduler, self.jobs)
            yield from self._cluster.check(views, self.timeout, self.run)
            return
        if self._pool is None:
            workers = min(self.jobs, len(views))
            if workers <= 1 or sum(len(v.sentences) for v in views) < self.min_sentences:
                for view in views:
                    yield check_one(view, self.checks, self.timeout, self.run)
                return
            warm_up(self.checks, {s.lang for v in views for s in v.sentences})
            # Objects that exist now are inherited by the workers; frozen, the workers'
            # garbage collector does not walk them (which would cost time and copy their
            # memory pages). Unfrozen once the workers are started.
            gc.collect()
            gc.freeze()
            self._frozen = True
            self._pool = _Pool(self.checks, self.run, self.jobs)
        # Largest documents first, so one long document does not start last and run alone.
        order = sorted(views, key=lambda v: len(v.text), reverse=True)
        try:
            yield from _pool(order, self.checks, self.timeout, self.run, self._pool)
        finally:
            if self._frozen:
                gc.unfreeze()
                self._frozen = False

    def close(self) -> None:
        """Stop the workers (and leave the cluster)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    def __enter__(self) -> Checkers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Pool:
    """A process pool that outlives one batch; started again after a worker died."""

    def __init__(self, checks: Sequence, run: Runner, workers: int) -> None:
        self.checks, self.run, self.workers = checks, run, workers
        self._executor: ProcessPoolExecutor | None = None

    def get(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_context(),
                initializer=_init_worker,
                initargs=(self.checks, self.run),
            )
        return self._executor

    def stop(self) -> None:
        """End the workers now (a broken pool, Ctrl-C)."""
        if self._executor is not None:
            _stop(self._executor)
            self._executor = None

    def close(self) -> None:
        """End the workers once they are done."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None


def _pool(
    views: list[DocumentView], checks: Sequence, timeout: float | None, run: Runner, pool: _Pool
) -> Iterator[Outcome]:
    """Run ``views`` on ``pool``. When a worker dies, the documents that were in flight are
    checked again one at a time (the one that kills its process again becomes an error
    row) and the rest go on in a fresh pool."""
    pending = list(views)
    while pending:
        in_doubt, pending, broken = yield from _run_pool(pending, timeout, pool)
        if not broken:
            return
        if pool.workers == 1:  # one document in flight: that document killed its process
            culprit = in_doubt[0]
            log.warning("%s: checks ended their worker process (%s)", culprit.doc, broken)
            yield Outcome(culprit.doc, None, error=f"checks crashed their process: {broken}")
        else:
            log.warning("a worker process died (%s); checking its documents again", broken)
            single = _Pool(checks, run, 1)
            try:
                yield from _pool(in_doubt, checks, timeout, run, single)
            finally:
                single.close()


def _run_pool(views, timeout, pool: _Pool):
    """One pass of the pool: yields outcomes; returns (documents in flight when the pool
    broke, documents not submitted yet, why it broke), or ``([], [], "")`` when all went
    through."""
    # Ctrl-C is held back while this process is inside the pool's machinery (see
    # _DeferredSigint) and raised between two of its calls, never inside one of them.
    sigint = _DeferredSigint()
    sigint.install()
    try:
        result = yield from _run_pool_deferred(views, timeout, pool, sigint)
    finally:
        sigint.uninstall()
    sigint.deliver()  # a Ctrl-C during the last shutdown
    return result


def _run_pool_deferred(views, timeout, pool: _Pool, sigint):
    executor = pool.get()
    # One document in flight per worker (plus one queued), so that after a crash only those
    # few are in doubt and the rest are simply not submitted yet.
    queue = list(views)
    running: dict[Future, DocumentView] = {}
    limit = 2 * pool.workers if pool.workers > 1 else 1
    try:
        while queue or running:
            while queue and len(running) < limit:
                view = queue.pop(0)
                running[executor.submit(_work, view, timeout)] = view
                sigint.deliver()
            # With a timeout: a deferred Ctrl-C does not wake this thread up by itself.
            done, _ = wait(running, timeout=_SIGINT_POLL_S, return_when=FIRST_COMPLETED)
            sigint.deliver()
            for future in done:
                view = running.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool as exc:
                    pool.stop()
                    return [view, *running.values()], queue, str(exc) or "worker process died"
                except Exception as exc:  # noqa: BLE001 - e.g. findings that do not pickle
                    outcome = Outcome(view.doc, None, error=_failed(exc))
                # The caller's code runs with the usual Ctrl-C until it asks for the next one.
                sigint.uninstall()
                try:
                    yield outcome
                finally:
                    sigint.install()
                    sigint.deliver()
    except BaseException:  # Ctrl-C or a closed generator: no orphan workers
        pool.stop()
        raise
    return [], [], ""


_SIGINT_POLL_S = 0.1
"""How often the parent looks for a Ctrl-C held back while it waits for the workers."""


class _DeferredSigint:
    """While installed, SIGINT only takes note; ``deliver`` then runs the usual handler
    (for Python's default, it raises KeyboardInterrupt) at a point the caller chose.

    A KeyboardInterrupt raised wherever the signal lands can leave the pool's machinery in
    a state no cleanup recovers from. Seen on Python 3.11.7 (the Ctrl-C test hung under
    load): landing in logging's after-fork hook (``os.register_at_fork(after_in_parent=
    logging._releaseLock)``) while the pool forks its workers, it is printed as "Exception
    ignored" and lost, and the parent waits for its workers forever. It can also land
    between ``p.start()`` and ``self._processes[p.pid] = p`` in ProcessPoolExecutor's
    ``_spawn_process`` (a worker that ``_stop`` does not know of, and that multiprocessing
    joins at exit), or inside a Python-level lock ``__enter__`` in concurrent.futures (a
    Future's condition, a queue's mutex), which then stays held: the executor's manager
    thread blocks for good, and the interpreter joins that thread at exit. Held back, it is
    raised only between two calls into the pool, and ``_stop`` runs to its end.

    Only in the main thread (the only one Python runs signal handlers in), and only over
    a Python-level handler (a SIGINT that is ignored, or not handled by Python, stays so).
    """

    def __init__(self) -> None:
        self.handler: Callable | None = None
        self.pending: tuple | None = None
        self.installed = False

    def install(self) -> None:
        if self.installed:
            return
        try:
            current = signal.getsignal(signal.SIGINT)
            if not callable(current) or isinstance(
                getattr(current, "__self__", None), _DeferredSigint
            ):
                return  # ignored, default or C handler; or already held back further out
            signal.signal(signal.SIGINT, self._note)
        except ValueError:  # not the main thread: Ctrl-C is not delivered here anyway
            return
        self.handler, self.installed = current, True

    def uninstall(self) -> None:
        if self.installed:
            signal.signal(signal.SIGINT, self.handler)
            self.installed = False

    def _note(self, signum, frame) -> None:
        self.pending = (signum, frame)

    def deliver(self) -> None:
        if self.pending is not None and self.handler is not None:
            signum, frame = self.pending
            self.pending = None
            self.handler(signum, frame)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (not after their document)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()


def _context():
    """Fork where there is fork: workers start in milliseconds with the data already loaded."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_WORKER: dict = {}


def _init_worker(checks, run) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _WORKER["checks"], _WORKER["run"] = checks, run


def _work(view: DocumentView, timeout: float | None) -> Outcome:
    return check_one(view, _WORKER["checks"], timeout, _WORKER["run"])


WARM_UP = {
    "de": "Die Stadt hat am Montag einen neuen Haushalt vorgestellt.",
    "en": "The city presented a new budget on Monday.",
}
"""Sentences (written for this purpose) whose checking loads the checks' data."""


def warm_up(checks: Sequence, langs: Iterable[str]) -> None:
    """Load what the checks load on first use (taggers, lexicons), once, in this process.

    Runs fresh instances of the checks on a short sentence per language, so no state of the
    real instances changes; the findings are thrown away.
    """
    from mtaudit.checks import run_on_document

    fresh = []
    for check in checks:
        try:
            fresh.append(type(check)())
        except Exception:  # noqa: BLE001 - a check that needs arguments warms up on its own
            continue
    if "de" in langs:  # built on first use by some paths only (about 1.3 s)
        from mtaudit.lang.lexicon import modifier_forms

        modifier_forms()
    for lang in sorted(set(langs) & set(WARM_UP)):
        text = WARM_UP[lang]
        view = DocumentView(
            doc="<warm-up>",
            lang=lang,
            sentences=[SentenceView(text=text, lang=lang, doc="<warm-up>")],
            text=text,
        )
        try:
            run_on_document(view, fresh)
        except Exception as exc:  # noqa: BLE001 - warming up is an optimisation only
            log.debug("warm-up failed: %s", exc)
