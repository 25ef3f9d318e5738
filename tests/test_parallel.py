"""Documents checked on several processes: the same tables as one process, caches written
by the parent only, and a slow, failing or crashing document never sinks the batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

import mtaudit
from mtaudit.checks import DocumentTimeout, DocumentView, Finding, SentenceView
from mtaudit.parallel import check_documents, default_jobs

DOCS = {
    "rat.txt": "Der Stadtrat hat den den Haushalt am Montag beschlossen. Die Opposition "
    "stimmte dagegen, weil die Schulden zu hoch seien.\nDer Bürgermeister sprach von einem "
    "schwierigen Jahr für die Stadt.\n",
    "budget.md": "The committee has approved the the budget on Monday. The minister of "
    "finance has praised the minister of finance.\nSchools will get more money next year.\n",
    "wetter.txt": "Am Wochenende wird es im Norden regnen , im Süden bleibt es trocken.\n"
    "Die Temperaturen steigen auf bis zu zwanzig Grad.\n",
    "mixed.txt": "The train was late again. Der Zug kam wieder zu spät.\n"
    "Passengers waited waited for an hour on the platform.\n",
    "long.txt": "".join(
        f"In the {n}th session the council discussed the new bridge over the river.\n"
        for n in range(4, 40)
    ),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (folder / "pairs.tsv").write_text(
        "source\ttarget\nThe bridge is closed.\tDie Brücke ist ist gesperrt.\n"
        "Trains run every hour.\tZüge fahren jede Stunde.\n",
        encoding="utf-8",
    )
    return folder


def _audit(corpus: Path, **options) -> mtaudit.pipeline.AuditResult:
    return mtaudit.audit(
        [corpus], pairs=[corpus / "pairs.tsv"], roundtrip=False, lm=False, **options
    )


def _same_tables(a, b) -> None:
    pd.testing.assert_frame_equal(a.sentences, b.sentences)
    pd.testing.assert_frame_equal(a.documents, b.documents)
    pd.testing.assert_frame_equal(a.findings, b.findings)


def test_two_processes_give_the_tables_of_one(corpus):
    one = _audit(corpus, jobs=1, use_cache=False)
    two = _audit(corpus, jobs=2, use_cache=False)
    _same_tables(one, two)
    assert len(one.findings) >= 4  # the comparison is about real findings
    assert set(one.documents["doc"]) >= set(DOCS)
    assert (one.documents["errors"] != "").sum() == 1  # binary.txt, in both runs
    assert one.summary["findings_by_rule"] == two.summary["findings_by_rule"]


def test_the_cache_written_by_a_pool_serves_one_process_and_back(corpus, monkeypatch):
    import mtaudit.pipeline as pipeline

    cold = _audit(corpus, jobs=2)

    def never(view, checks, deadline=None):
        raise AssertionError(f"{view.doc} was checked again")

    monkeypatch.setattr(pipeline, "run_on_document", never)
    warm = _audit(corpus, jobs=1)
    warm_pool = _audit(corpus, jobs=2)
    _same_tables(cold, warm)
    _same_tables(cold, warm_pool)


def test_jobs_comes_from_the_flag_and_the_config_and_is_validated(tmp_path, corpus):
    from mtaudit.config import ConfigError, parse

    assert parse({"jobs": 3}).audit_kwargs()["jobs"] == 3
    with pytest.raises(ConfigError, match="jobs"):
        parse({"jobs": 0})
    with pytest.raises(ConfigError, match="executor"):
        parse({"executor": "threads"})
    with pytest.raises(ValueError, match="jobs"):
        mtaudit.audit([corpus], jobs=0, roundtrip=False, lm=False)
    out = tmp_path / "reports"
    done = subprocess.run(
        [sys.executable, "-m", "mtaudit.cli", "audit", str(corpus / "budget.md"),
         str(corpus / "rat.txt"), "--jobs", "2", "--no-roundtrip", "--no-lm", "--out",
         str(out), "-q"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "budget.md" in (out / "documents.csv").read_text()
    assert default_jobs() == len(os.sched_getaffinity(0))


def test_a_document_over_its_time_budget_in_a_worker_is_an_error_row(corpus):
    result = _audit(corpus, jobs=2, use_cache=False, document_timeout=1e-9)
    errors = dict(zip(result.documents["doc"], result.documents["errors"], strict=True))
    pairs = next(doc for doc in errors if doc.endswith("pairs.tsv"))
    assert all("time budget" in errors[doc] for doc in [*DOCS, pairs])
    assert "time budget" not in errors["binary.txt"]
    skipped = result.sentences[result.sentences["doc"] == "long.txt"]
    assert set(skipped["skip_reason"]) == {"not checked: document time budget exceeded"}


def _view(doc: str, text: str) -> DocumentView:
    return DocumentView(
        doc=doc, lang="en", sentences=[SentenceView(text=text, lang="en", doc=doc)], text=text
    )


def _by_doc(outcomes) -> dict:
    return {o.doc: o for o in outcomes}


def _run(view, checks, deadline=None):
    """A stand-in for the checks: slow, failing or crashing on request."""
    if "SLOW" in view.text:
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.01)
        raise DocumentTimeout(view.doc)
    if "BAD" in view.text:
        raise RuntimeError("a check broke")
    if "CRASH" in view.text and os.getpid() != PARENT:
        os._exit(3)  # a segfault or the OOM killer, as the parent sees it
    return {0: [Finding("T-001", view.text, 0, 1, "minor", "accuracy")]}


PARENT = os.getpid()


@pytest.mark.parametrize("jobs", [1, 2])
def test_slow_and_failing_documents_become_errors_and_the_rest_go_on(jobs):
    views = [_view("slow", "SLOW"), _view("bad", "BAD"), *(_view(f"ok{i}", "ok") for i in range(5))]
    outcomes = _by_doc(check_documents(views, [], jobs=jobs, timeout=0.05, run=_run))
    assert outcomes["slow"].timed_out and outcomes["slow"].findings is None
    assert "RuntimeError: a check broke" in outcomes["bad"].error
    assert all(outcomes[f"ok{i}"].findings[0][0].message == "ok" for i in range(5))


def test_a_document_that_kills_its_worker_is_isolated_and_the_rest_are_checked():
    views = [_view(f"ok{i}", f"ok {i}") for i in range(6)]
    views.insert(2, _view("crash", "CRASH"))
    outcomes = _by_doc(check_documents(views, [], jobs=2, run=_run))
    assert "crashed" in outcomes["crash"].error and outcomes["crash"].findings is None
    assert {d: o.findings[0][0].message for d, o in outcomes.items() if d != "crash"} == {
        f"ok{i}": f"ok {i}" for i in range(6)
    }


CTRL_C = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, {tests!r})
    from test_parallel import _view
    from mtaudit.parallel import check_documents

    def hang(view, checks, deadline=None):
        open(os.path.join({pids!r}, str(os.getpid())), "w").close()
        while True:
            time.sleep(0.05)

    try:
        list(check_documents([_view(str(i), "x") for i in range(4)], [], jobs=2, run=hang))
    except KeyboardInterrupt:
        print("interrupted")
    """
)


def test_ctrl_c_stops_the_workers_and_reaches_the_caller(tmp_path):
    pids = tmp_path / "pids"
    pids.mkdir()
    script = CTRL_C.format(tests=str(Path(__file__).parent), pids=str(pids))
    parent = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal delivers it, whatever this process inherited.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        for _ in range(600):  # both workers have started their document
            if len(list(pids.iterdir())) == 2 or parent.poll() is not None:
                break
            time.sleep(0.05)
        workers = [int(p.name) for p in pids.iterdir()]
        assert len(workers) == 2
        parent.send_signal(signal.SIGINT)
        # Generous for a loaded machine (the parent only has to stop two workers, a few
        # seconds at worst); a Ctrl-C that is lost or a teardown that deadlocks still fails.
        out, _ = parent.communicate(timeout=120)
    finally:
        if parent.poll() is None:
            parent.kill()
    assert out.strip() == "interrupted" and parent.returncode == 0
    assert not [pid for pid in workers if _alive(pid)]


def _alive(pid: int) -> bool:
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)  # do not leave it behind
    return True


def test_a_dask_cluster_of_two_worker_processes_gives_the_tables_of_one_process(corpus):
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = _audit(
            corpus, executor="dask", scheduler=cluster.scheduler_address, use_cache=False
        )
        assert len(cluster.scheduler.workers) == 2
    local = _audit(corpus, jobs=1, use_cache=False)
    _same_tables(local, remote)
    assert len(local.findings) >= 4


def test_the_default_checks_a_small_batch_in_this_process(corpus, monkeypatch):
    import mtaudit.parallel as parallel

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "_pool", no_pool)
    small = _audit(corpus, use_cache=False)  # jobs=None: the default
    assert (small.documents["errors"] != "").sum() == 1  # binary.txt only
    assert small.summary["totals"]["audited"] < parallel.POOL_MIN_SENTENCES
    with pytest.raises(AssertionError, match="a pool was started"):
        _audit(corpus, use_cache=False, jobs=2)  # asked for: honoured
