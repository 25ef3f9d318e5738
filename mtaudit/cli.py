"""Command line: ``mtaudit audit``, ``gate``, ``baseline``, ``models``, ``checks``, ``serve``.

This module owns argparse and the exit codes; everything below it takes plain values.

Exit codes: 0 success (also when a file was empty: that is a warning); 1 a gate threshold was
exceeded; 2 bad usage (unknown flag or check id, bad value, missing path, unusable --out); 3
an input could not be read (every other input is still audited and reported); 4 a required
translation model is missing (``--require-roundtrip``, for ``audit`` and ``gate``) or could
not be installed (``models install``); 5 ``--require-lm`` was given and the language model
could not be loaded; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from mtaudit import __version__

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_NO_ROUNDTRIP = 4
EXIT_NO_LM = 5
EXIT_INTERRUPTED = 130
OUTPUT_FORMATS = ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab")
GATE_FORMATS = OUTPUT_FORMATS


VERDICTS_HELP = (
    "verdict CSV exported from the HTML report (`export verdicts`); its reviewer verdicts "
    "and notes go into sentences.csv and the HTML (repeatable, later files win)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mtaudit",
        description="Find garbled machine-translated sentences (German and English) and say why.",
        epilog="Exit codes: 0 ok, 1 gate failed, 2 usage, 3 unreadable input, 4 translation "
        "model missing, 5 language model missing (--require-lm), 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"mtaudit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "paths",
        nargs="*",
        help="files or folders, or - for standard input (folders are searched recursively; "
        ".xlf/.xliff, .po and .tmx files are read as bilingual pairs; .srt/.vtt as cue text, "
        ".md without code and URLs)",
    )
    common.add_argument(
        "--pairs",
        action="append",
        help="bilingual TSV/CSV (columns "
        "--source-col/--target-col), XLIFF 1.2/2.0, PO or TMX file (repeatable)",
    )
    common.add_argument("--source-col", default="source", help="source column of --pairs")
    common.add_argument("--target-col", default="target", help="target column of --pairs")
    common.add_argument(
        "--source-file",
        help="source side of a document pair; pairs by line when both files have as many "
        "lines, else aligned by sentence length (Gale-Church)",
    )
    common.add_argument("--target-file", help="target side of the pair given by --source-file")
    common.add_argument(
        "--config",
        help="config file (default: mtaudit.toml or "
        "[tool.mtaudit] in pyproject.toml, searched upwards)",
    )
    common.add_argument(
        "--include",
        action="append",
        help="glob of files to audit in folders (repeatable; default *.txt *.md *.markdown "
        "*.xlf *.xliff *.po *.tmx *.srt *.vtt)",
    )
    common.add_argument(
        "--exclude", action="append", help="glob of files to leave out (repeatable)"
    )
    common.add_argument(
        "--select",
        action="append",
        help="check ids or prefixes to run, "
        "comma-separated (turns on checks that are off by default)",
    )
    common.add_argument("--ignore", action="append", help="check ids or prefixes to skip")
    common.add_argument(
        "--extend-select",
        action="append",
        metavar="IDS",
        help="check ids or prefixes to run in addition to the selected ones (ruff semantics)",
    )
    common.add_argument(
        "--languages",
        action="append",
        help="audit only these languages (de, en); others are skipped",
    )
    common.add_argument("--no-roundtrip", action="store_true", help="skip the round trip")
    common.add_argument(
        "--no-lm", action="store_true", help="skip the language-model stage (LM-* findings)"
    )
    common.add_argument(
        "--require-lm",
        action="store_true",
        help=f"fail (exit {EXIT_NO_LM}) when the language model cannot be loaded",
    )
    common.add_argument(
        "--pivot",
        action="append",
        metavar="LANG=PIVOT",
        help="round-trip LANG through PIVOT (default de=en, en=de; repeatable)",
    )
    common.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the translation and findings caches",
    )
    common.add_argument(
        "--cache-dir",
        help="translation cache folder (default: $MTAUDIT_CACHE_DIR or ~/.cache/mtaudit)",
    )
    common.add_argument("--batch-size", type=int, help="sentences per translation batch")
    common.add_argument(
        "--segmentation",
        choices=("auto", "line", "paragraph"),
        help="auto (default): one segment per line unless the text is hard-wrapped; line: "
        "never join lines; paragraph: blank lines separate paragraphs, line breaks inside "
        "are wrapping",
    )
    common.add_argument(
        "--document-timeout",
        type=float,
        metavar="SECONDS",
        help="time budget of the checks per document (default 300); a document over it is "
        "reported as an error and the batch goes on",
    )
    common.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="processes that check documents (default: every processor available); results "
        "are the same for any N",
    )
    common.add_argument(
        "--batch-sentences",
        type=int,
        metavar="N",
        help="documents go through the stages and into the reports in batches of about N "
        "sentences (default 2000): memory follows N, not the corpus; results are the same",
    )
    common.add_argument(
        "--executor",
        choices=("local", "dask"),
        help="local (default): a process pool on this machine; dask: the dask.distributed "
        "cluster at --scheduler (a local cluster of --jobs workers without it)",
    )
    common.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="dask scheduler address for --executor dask, e.g. tcp://10.0.0.5:8786",
    )
    common.add_argument(
        "--baseline",
        help="baseline file: findings listed there are suppressed (and counted in the summary)",
    )
    common.add_argument(
        "--review-threshold", type=float, help="risk from which a sentence is 'review'"
    )
    common.add_argument(
        "--garbled-threshold", type=float, help="risk from which a sentence is 'garbled'"
    )
    common.add_argument(
        "--docs-url",
        metavar="URL",
        help="base of the rules' SARIF helpUri, <URL>#<check id> (default docs/checks.md)",
    )
    common.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no terminal summary (machine-readable output is still printed)",
    )

    a = sub.add_parser("audit", parents=[common], help="audit files and folders, write reports")
    a.add_argument("--out", default="reports", help="report folder (default: reports/)")
    a.add_argument(
        "--require-roundtrip",
        action="store_true",
        help=f"fail (exit {EXIT_NO_ROUNDTRIP}) when no translation model is installed",
    )
    a.add_argument("--top", type=int, default=10, help="worst sentences shown (default 10)")
    a.add_argument("--verdicts", action="append", metavar="FILE", help=VERDICTS_HELP)
    a.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        default="text",
        help="what is printed on stdout: text (the summary, default), the findings as json, "
        "jsonl, sarif, junit, github (Actions workflow commands) or gitlab (Code Quality); "
        "the reports are written to --out either way",
    )
    a.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings per check instead (json with --output-format json)",
    )
    a.add_argument(
        "--json",
        action="store_true",
        help="print summary.json on stdout (kept for scripts; for the findings use "
        "--output-format json)",
    )

    _add_gate_arguments(
        sub.add_parser(
            "gate", parents=[common], help="audit, then fail (exit 1) when thresholds are exceeded"
        )
    )

    b = sub.add_parser("baseline", help="suppress known findings in later audits")
    bsub = b.add_subparsers(dest="baseline_command", required=True)
    bc = bsub.add_parser("create", help="baseline from a report folder's sentences.csv")
    bc.add_argument("reports", help="report folder written by `mtaudit audit --out`")
    bc.add_argument(
        "-o",
        "--output",
        default="mtaudit-baseline.json",
        help="baseline file to write (default: mtaudit-baseline.json)",
    )
    bc.add_argument(
        "--all-findings",
        action="store_true",
        help="baseline every current finding, not only sentences with reviewer_verdict accepted/ok",
    )
    bc.add_argument("--verdicts", action="append", metavar="FILE", help=VERDICTS_HELP)

    m = sub.add_parser("models", help="list or install argos translation models")
    msub = m.add_subparsers(dest="models_command", required=True)
    msub.add_parser("list", help="installed models")
    mi = msub.add_parser("install", help="install `de en` from the argos index, or a file")
    mi.add_argument("what", nargs="+", help="SOURCE TARGET (e.g. de en), or FILE.argosmodel")

    c = sub.add_parser("checks", help="list every check with its explanation")
    c.add_argument("--json", action="store_true", help="machine-readable list")
    c.add_argument(
        "--markdown",
        action="store_true",
        help="the catalogue as Markdown (docs/checks.md is made with this)",
    )
    c.add_argument("--select", action="append", help="only these check ids or prefixes")
    _add_serve_parser(sub)
    return parser


def _add_serve_parser(sub) -> None:
    """``mtaudit serve``: the HTTP API (:mod:`mtaudit.serve`)."""
    from mtaudit.serve import (
        DEFAULT_HOST,
        DEFAULT_MAX_BYTES,
        DEFAULT_MAX_DOCUMENTS,
        DEFAULT_PORT,
        DEFAULT_TIMEOUT,
    )

    s = sub.add_parser(
        "serve",
        help="HTTP API: LanguageTool-compatible /v2/check and a batch /v1/audit",
        description="Serve a JSON API for editors and CAT tools (needs mtaudit[serve]).",
    )
    s.add_argument("--host", default=DEFAULT_HOST, help=f"address (default {DEFAULT_HOST})")
    s.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    s.add_argument("--config", help="config file (as for audit)")
    s.add_argument("--select", action="append", help="check ids or prefixes to run")
    s.add_argument("--ignore", action="append", help="check ids or prefixes to skip")
    s.add_argument("--no-roundtrip", action="store_true", help="do not load translation models")
    s.add_argument("--no-lm", action="store_true", help="do not load the language model")
    s.add_argument("--no-cache", action="store_true", help="no translation or findings cache")
    s.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"largest request body accepted, in bytes (default {DEFAULT_MAX_BYTES}; 413 above)",
    )
    s.add_argument(
        "--max-documents",
        type=int,
        default=DEFAULT_MAX_DOCUMENTS,
        help=f"most documents in one /v1/audit request (default {DEFAULT_MAX_DOCUMENTS})",
    )
    s.add_argument(
        "--request-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time budget of one request (default {DEFAULT_TIMEOUT:g}; 408 above)",
    )


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number 0-65535, got {value!r}")
    return port


def _add_gate_arguments(parser: argparse.ArgumentParser) -> None:
    """Gate-only flags; each overrides ``[tool.mtaudit.gate]`` in the config file."""
    from mtaudit.config import GateThresholds

    parser.add_argument(
        "--format",
        choices=GATE_FORMATS,
        default="text",
        help="report on stdout (default text; json, sarif and junit for CI; jsonl, github "
        "and gitlab are the findings as `audit --output-format` prints them)",
    )
    parser.add_argument("--out", help="also write the audit reports to this folder")
    limits = parser.add_argument_group(
        "thresholds (per document; corpus-* for all together; each also gate.<name> in the "
        "config; a limit with no default is off)"
    )
    defaults = GateThresholds()
    what = {
        "max-garbled-share": ("SHARE", float, "share of audited sentences that are garbled"),
        "max-garbled": ("N", int, "number of garbled sentences"),
        "max-mqm-per-100-words": ("X", float, "MQM penalty per 100 words"),
    }
    for prefix, scope in (("", "per document"), ("corpus-", "all documents together")):
        for name, (metavar, kind, measure) in what.items():
            default = getattr(defaults, (prefix + name).replace("-", "_"))
            limits.add_argument(
                f"--{prefix}{name}",
                type=kind,
                metavar=metavar,
                help=f"fail when the {measure} ({scope}) exceeds {metavar} (default "
                f"{'off' if default is None else format(default, 'g')})",
            )
    limits.add_argument(
        "--require-roundtrip",
        action="store_true",
        help=f"fail (exit {EXIT_NO_ROUNDTRIP}) when the round trip did not run (default off)",
    )


def _emit(text: str, end: str = "\n") -> None:
    """Print to stdout; a closed pipe (``mtaudit checks | head``) silences the rest quietly."""
    try:
        print(text, end=end, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="mtaudit: %(message)s")
    from mtaudit.errors import LM_INSTALL_HINT, LMRequired, RoundTripRequired
    from mtaudit.translate.models import INSTALL_HINT

    try:
        if args.command == "audit":
            return _audit(args)
        if args.command == "models":
            return _models(args)
        if args.command == "gate":
            return _gate(args)
        if args.command == "baseline":
            return _baseline(args)
        if args.command == "serve":
            return _serve(args)
        return _checks(args)
    except RoundTripRequired as exc:
        print(
            f"mtaudit: error: round trip required but unavailable: {exc}\n  {INSTALL_HINT}",
            file=sys.stderr,
        )
        return EXIT_NO_ROUNDTRIP
    except LMRequired as exc:
        print(
            f"mtaudit: error: language model required but unavailable: {exc}\n  {LM_INSTALL_HINT}",
            file=sys.stderr,
        )
        return EXIT_NO_LM
    except ValueError as exc:
        print(f"mtaudit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # Reports are replaced atomically and finished translations are already cached, so
        # an interrupted run loses nothing but the unfinished chunk.
        print(
            "mtaudit: interrupted; earlier reports are untouched, finished translations "
            "are cached and a re-run continues from there",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


def split_ids(values: list[str] | None) -> list[str] | None:
    """Repeatable, comma-separated flag values as one list (None when not given)."""
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _pivot_flags(values: list[str] | None) -> dict[str, str] | None:
    """``--pivot de=fr`` flags as a pivot table (None when not given)."""
    from mtaudit.config import ConfigError, parse_pivot

    if not values:
        return None
    bad = [v for v in values if v.count("=") != 1]
    if bad:
        raise ConfigError(f"--pivot: expected LANG=PIVOT such as de=fr, got {bad[0]!r}")
    return parse_pivot("--pivot", dict(v.split("=") for v in values))


def config_from_args(args: argparse.Namespace):
    """The configuration file (``--config`` or found upwards) with the given flags over it."""
    from mtaudit.config import GateThresholds, load

    get = vars(args).get
    gate = {f.name: get(f.name) for f in fields(GateThresholds)}
    gate["require_roundtrip"] = gate["require_roundtrip"] or None  # store_true: absent is False
    return load(get("config")).overridden(
        include=get("include"),
        exclude=get("exclude"),
        select=split_ids(get("select")),
        ignore=split_ids(get("ignore")),
        extend_select=split_ids(get("extend_select")),
        docs_url=get("docs_url"),
        languages=split_ids(get("languages")),
        cache_dir=get("cache_dir"),
        batch_size=get("batch_size"),
        baseline=get("baseline"),
        review=get("review_threshold"),
        segmentation=get("segmentation"),
        document_timeout=get("document_timeout"),
        jobs=get("jobs"),
        batch_sentences=get("batch_sentences"),
        executor=get("executor"),
        scheduler=get("scheduler"),
        garbled=get("garbled_threshold"),
        roundtrip=False if get("no_roundtrip") else None,
        lm=False if get("no_lm") else None,
        require_lm=True if get("require_lm") else None,
        cache=False if get("no_cache") else None,
        pivot=_pivot_flags(get("pivot")),
        require_roundtrip=True if get("require_roundtrip") else None,
        gate=gate,
    )


def _pair_sources(args: argparse.Namespace) -> list:
    """Bilingual inputs named on the command line (--pairs, --source-file/--target-file)."""
    from mtaudit.bilingual import PairSource

    specs = [
        PairSource(Path(p), source_col=args.source_col, target_col=args.target_col)
        for p in args.pairs or ()
    ]
    if bool(args.source_file) != bool(args.target_file):
        raise ValueError("--source-file and --target-file go together")
    if args.source_file:
        specs.append(PairSource(Path(args.source_file), Path(args.target_file)))
    return specs


def _audit_run(args: argparse.Namespace, config, **extra: Any):
    """The :class:`mtaudit.pipeline.AuditRun` the flags and the config file ask for.

    Shared by ``audit`` and ``gate`` so both read the same inputs (paths, --pairs,
    --source-file/--target-file) with the same settings.
    """
    from mtaudit.pipeline import AuditRun

    pairs = _pair_sources(args)
    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    if not (args.paths or pairs) or (missing and len(missing) == len(args.paths) and not pairs):
        raise ValueError(f"no such file or folder: {', '.join(missing) or '(none given)'}")
    return AuditRun(
        args.paths,
        **config.audit_kwargs(),
        pairs=pairs,
        progress=sys.stderr.isatty() and not args.quiet,
        **extra,
    )


def _audit(args: argparse.Namespace) -> int:
    from mtaudit.reports import keep_flagged, prepare_out_dir, stream_reports
    from mtaudit.reports.reviewer import read_verdicts
    from mtaudit.reports.terminal import render_summary

    fmt = args.output_format
    if args.json and fmt != "text":
        raise ValueError("--json prints summary.json; it cannot be combined with --output-format")
    config = config_from_args(args)
    prepare_out_dir(args.out)
    verdicts = read_verdicts(args.verdicts)  # a bad file fails before the audit, not after
    run = _audit_run(args, config, require_roundtrip=config.require_roundtrip)
    # Sentences stream into the reports; only what is printed at the end is kept.
    if args.json or args.statistics:
        keep = keep_flagged(top=0)
    elif fmt != "text":
        keep = keep_flagged(texts=True)
    else:
        keep = keep_flagged(top=args.top)
    result, written = stream_reports(run, args.out, verdicts=verdicts, keep=keep)
    code = EXIT_UNREADABLE if result.has_unreadable else EXIT_OK
    if args.json:
        _emit(json.dumps(result.summary, indent=2, ensure_ascii=False, default=str))
    elif args.statistics:
        from mtaudit.reports.findings import render_statistics

        if fmt != "text" or not args.quiet:
            _emit(render_statistics(result, fmt))
    elif fmt != "text":
        from mtaudit.reports import render_findings

        text = render_findings(result, fmt, exit_code=code, docs_url=config.docs_url)
        if text:
            _emit(text)
        if not args.quiet:
            print(f"mtaudit: reports: {', '.join(str(p) for p in written)}", file=sys.stderr)
    elif not args.quiet:
        _emit(render_summary(result, top=args.top))
        _emit(f"reports: {', '.join(str(p) for p in written)}")
    return code


def _gate(args: argparse.Namespace) -> int:
    """Audit, hold the result against the thresholds, print the report, return the code."""
    from mtaudit.gate import evaluate
    from mtaudit.reports import keep_flagged, prepare_out_dir, render_gate_report, stream_reports

    config = config_from_args(args)
    if args.out:
        prepare_out_dir(args.out)
    run = _audit_run(args, config)
    keep = keep_flagged(top=0) if args.format == "text" else keep_flagged(texts=True)
    result, _ = stream_reports(run, args.out, keep=keep)
    outcome = evaluate(result, config.gate)
    if outcome.unreadable:
        code = EXIT_UNREADABLE
    elif config.gate.require_roundtrip and not result.roundtrip.ran:
        code = EXIT_NO_ROUNDTRIP
    else:
        code = EXIT_OK if outcome.passed else EXIT_GATE_FAILED
    if not (args.quiet and args.format == "text"):
        _emit(render_gate_report(result, outcome, args.format, code, config.docs_url))
    return code


def _models(args) -> int:
    from mtaudit.translate.models import (
        INSTALL_HINT,
        ModelInstallError,
        install_from_file,
        install_from_index,
        list_models,
    )

    if args.models_command == "list":
        models = list_models()
        if not models:
            _emit(f"no translation models installed; {INSTALL_HINT}")
        for m in models:
            _emit(f"{m['from']}->{m['to']}  {m['name']} {m['version']}  {m['path']}")
        return EXIT_OK
    what = args.what
    try:
        if len(what) == 1 and what[0].endswith(".argosmodel"):
            install_from_file(Path(what[0]))
            _emit(f"installed {what[0]}")
        elif len(what) == 2:
            for source, target in ((what[0], what[1]), (what[1], what[0])):
                install_from_index(source, target, progress=sys.stderr.isatty())
                _emit(f"installed {source}->{target}")
        else:
            print(
                "mtaudit: error: give SOURCE TARGET (e.g. `de en`) or FILE.argosmodel",
                file=sys.stderr,
            )
            return EXIT_USAGE
    except ModelInstallError as exc:
        print(f"mtaudit: error: {exc}", file=sys.stderr)
        return EXIT_NO_ROUNDTRIP
    return EXIT_OK


def _baseline(args) -> int:
    from mtaudit.baseline import create_baseline, reviewer_verdicts

    verdicts = args.verdicts or ()
    n = create_baseline(args.reports, args.output, args.all_findings, verdicts)
    if n == 0 and not args.all_findings:
        csv = Path(args.reports) / "sentences.csv"
        why = (
            f"no sentence in {csv} has a reviewer_verdict yet (fresh reports)"
            if not reviewer_verdicts(args.reports, verdicts)
            else f"no sentence with reviewer_verdict accepted/ok in {csv} has findings"
        )
        kept = f"; {args.output} was left as it was" if Path(args.output).exists() else ""
        print(
            f"mtaudit: baseline: nothing written: {why}{kept}.\n"
            "  Accept sentences in the HTML report and pass its export with --verdicts FILE "
            "(or set reviewer_verdict = accepted in sentences.csv), or baseline every "
            f"current finding: mtaudit baseline create {args.reports} -o {args.output} "
            "--all-findings",
            file=sys.stderr,
        )
        return EXIT_OK
    _emit(f"baseline: {n} findings written to {args.output}")
    return EXIT_OK


def _serve(args) -> int:
    """Load the models once and serve the HTTP API until interrupted."""
    from mtaudit.serve import ServerOptions, serve

    if args.max_bytes <= 0 or args.max_documents <= 0 or not args.request_timeout > 0:
        raise ValueError("--max-bytes, --max-documents and --request-timeout must be positive")
    config = config_from_args(args)
    kwargs = config.audit_kwargs()
    for key in ("roundtrip", "lm", "require_lm", "include", "exclude"):
        kwargs.pop(key, None)
    options = ServerOptions(
        audit_kwargs=kwargs,
        roundtrip=config.roundtrip,
        lm=config.lm,
        max_bytes=args.max_bytes,
        max_documents=args.max_documents,
        timeout=args.request_timeout,
    )
    print(
        f"mtaudit: serving on http://{args.host}:{args.port} (loading models first)",
        file=sys.stderr,
    )
    try:
        serve(args.host, args.port, options)
    except RuntimeError as exc:
        print(f"mtaudit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _checks(args) -> int:
    from mtaudit.checks import load_all, select_checks
    from mtaudit.reports.catalogue import checks_markdown
    from mtaudit.reports.terminal import render_checks

    registry = load_all()
    wanted = split_ids(args.select)
    ids = {c.id for c in select_checks(wanted)} if wanted else set(registry)
    described = [cls.describe() for cid, cls in sorted(registry.items()) if cid in ids]
    if args.json:
        _emit(json.dumps(described, indent=2, ensure_ascii=False))
    elif args.markdown:
        _emit(checks_markdown(described), end="")
    else:
        _emit(render_checks(described), end="")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
