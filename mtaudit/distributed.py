"""Documents checked on a dask.distributed cluster (``--executor dask --scheduler ADDRESS``).

The cluster runs what the local process pool runs (:func:`mtaudit.parallel.check_one`,
one task per document) and nothing else: reading, the round trip, the language model,
scoring, the reports and every cache stay on the machine that runs ``mtaudit``. Workers
never open a cache, so several workers never write one SQLite file (see
docs/distributed.md). Without ``--scheduler`` a local cluster of ``jobs`` worker
processes is started for the audit and closed at its end; with it, the client connects
once and sends every batch of documents to the same workers.

Install with ``pip install 'mtaudit[dask]'``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from mtaudit.checks import DocumentView
from mtaudit.parallel import Outcome, Runner, check_one, warm_up

log = logging.getLogger("mtaudit")

INSTALL_HINT = "--executor dask needs dask.distributed: pip install 'mtaudit[dask]'"


class ClusterSession:
    """A connection to the cluster at ``scheduler`` (a local cluster of ``jobs`` worker
    processes when None) for the batches of one audit: the workers load the checks' data
    and receive the checks once, then :meth:`check` sends each batch's documents."""

    def __init__(self, checks: Sequence, scheduler: str | None, jobs: int = 2) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ValueError(INSTALL_HINT) from exc
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)
        self.checks = list(checks)
        self._shared = None
        self._warm: set[str] = set()

    def check(
        self, views: Sequence[DocumentView], timeout: float | None, run: Runner
    ) -> Iterator[Outcome]:
        """Check ``views`` on the cluster, yielding each outcome as it is ready. A document
        whose task fails, or whose worker died more often than the scheduler allows
        (``KilledWorker``), becomes an error outcome."""
        from distributed import as_completed

        client = self.client
        futures = {}
        try:
            langs = {s.lang for v in views for s in v.sentences} - self._warm
            if langs:  # every worker loads the data at once
                client.run(warm_up, self.checks, sorted(langs))
                self._warm |= langs
            if self._shared is None:
                self._shared = client.scatter(self.checks, broadcast=True)
            futures = {
                client.submit(check_one, view, self._shared, timeout, run, pure=False): view
                for view in sorted(views, key=lambda v: len(v.text), reverse=True)
            }
            for future in as_completed(futures):
                view = futures.pop(future)
                try:
                    yield future.result()
                except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost connection …
                    log.warning("%s: checks failed on the cluster (%s)", view.doc, exc)
                    yield Outcome(view.doc, None, error=f"checks failed on the cluster: {exc}")
        finally:  # also on Ctrl-C: nothing keeps running on the cluster for us
            if futures:
                client.cancel(list(futures))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
