"""Documents checked on a dask.distributed cluster (``--executor dask --scheduler ADDRESS``).

The cluster runs what the local process pool runs (:func:`mtaudit.parallel.check_one`,
one task per document) and nothing else: reading, the round trip, the language model,
scoring, the reports and every cache stay on the machine that runs ``mtaudit``. Workers
never open a cache, so several workers never write one SQLite file (see
docs/distributed.md). Without ``--scheduler`` a local cluster of ``jobs`` worker
processes is started and closed again.

Install with ``pip install 'mtaudit[dask]'``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from mtaudit.checks import DocumentView
from mtaudit.parallel import Outcome, Runner, check_one, warm_up

log = logging.getLogger("mtaudit")

INSTALL_HINT = "--executor dask needs dask.distributed: pip install 'mtaudit[dask]'"


def check_on_cluster(
    views: Sequence[DocumentView],
    checks: Sequence,
    timeout: float | None,
    run: Runner,
    scheduler: str | None,
    jobs: int = 2,
) -> Iterator[Outcome]:
    """Check ``views`` on the cluster at ``scheduler`` (a local one when None), yielding
    each outcome as it is ready. A document whose task fails, or whose worker died more
    often than the scheduler allows (``KilledWorker``), becomes an error outcome."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise ValueError(INSTALL_HINT) from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    futures = {}
    try:
        langs = sorted({s.lang for v in views for s in v.sentences})
        client.run(warm_up, list(checks), langs)  # every worker loads the data at once
        shared = client.scatter(list(checks), broadcast=True)
        futures = {
            client.submit(check_one, view, shared, timeout, run, pure=False): view
            for view in sorted(views, key=lambda v: len(v.text), reverse=True)
        }
        for future in as_completed(futures):
            view = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, a lost connection …
                log.warning("%s: checks failed on the cluster (%s)", view.doc, exc)
                yield Outcome(view.doc, None, error=f"checks failed on the cluster: {exc}")
    finally:  # also on Ctrl-C: nothing keeps running on the cluster for us
        if futures:
            client.cancel(list(futures))
        client.close()
        if cluster is not None:
            cluster.close()
