"""Command line: ``mtaudit audit``, ``mtaudit models``, ``mtaudit checks``.

Exit codes: 0 success; 1 a gate threshold was exceeded; 2 bad usage; 3 an input could not be
read (every other input is still audited and reported); 4 ``--require-roundtrip`` was given
but no translation model is installed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import textwrap
from pathlib import Path

from mtaudit import __version__
from mtaudit.config import audit_from_args, from_args, split_ids
from mtaudit.gate import add_gate_arguments, run_gate
from mtaudit.pipeline import (
    EXIT_INTERRUPTED,
    EXIT_NO_ROUNDTRIP,
    EXIT_OK,
    EXIT_USAGE,
    INSTALL_HINT,
    AuditResult,
    RoundTripRequired,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mtaudit",
        description="Find garbled machine-translated sentences (German and English) and say why.",
        epilog="Exit codes: 0 ok, 1 gate failed, 2 usage, 3 unreadable input, 4 no round trip.",
    )
    parser.add_argument("--version", action="version", version=f"mtaudit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("paths", nargs="*",
                        help="files or folders (folders are searched recursively; .xlf/.xliff "
                        "files are read as bilingual pairs)")
    common.add_argument("--pairs", action="append", help="bilingual TSV/CSV (columns "
                        "--source-col/--target-col) or XLIFF 1.2/2.0 file (repeatable)")
    common.add_argument("--source-col", default="source", help="source column of --pairs")
    common.add_argument("--target-col", default="target", help="target column of --pairs")
    common.add_argument("--source-file", help="source side, one segment per line")
    common.add_argument("--target-file", help="target side, line-aligned with --source-file")
    common.add_argument("--config", help="config file (default: mtaudit.toml or "
                        "[tool.mtaudit] in pyproject.toml, searched upwards)")
    common.add_argument("--include", action="append", help="glob of files to audit in folders "
                        "(repeatable; default *.txt and *.md)")
    common.add_argument("--exclude", action="append",
                        help="glob of files to leave out (repeatable)")
    common.add_argument("--select", action="append", help="check ids or prefixes to run, "
                        "comma-separated (turns on checks that are off by default)")
    common.add_argument("--ignore", action="append", help="check ids or prefixes to skip")
    common.add_argument("--languages", action="append",
                        help="audit only these languages (de, en); others are skipped")
    common.add_argument("--no-roundtrip", action="store_true", help="run the checks only")
    common.add_argument("--pivot", action="append", metavar="LANG=PIVOT",
                        help="round-trip LANG through PIVOT (default de=en, en=de; repeatable)")
    common.add_argument("--no-cache", action="store_true", help="neither read nor write the "
                        "translation and findings caches")
    common.add_argument("--cache-dir", help="translation cache folder "
                        "(default: $MTAUDIT_CACHE_DIR or ~/.cache/mtaudit)")
    common.add_argument("--batch-size", type=int, help="sentences per translation batch")
    common.add_argument("--baseline", help="baseline file: findings listed there are "
                        "suppressed (and counted in the summary)")
    common.add_argument("--review-threshold", type=float, help="risk from which a sentence "
                        "is 'review'")
    common.add_argument("--garbled-threshold", type=float, help="risk from which a sentence "
                        "is 'garbled'")
    common.add_argument("--quiet", "-q", action="store_true", help="no terminal output")

    a = sub.add_parser("audit", parents=[common], help="audit files and folders, write reports")
    a.add_argument("--out", default="reports", help="report folder (default: reports/)")
    a.add_argument("--require-roundtrip", action="store_true",
                   help=f"fail (exit {EXIT_NO_ROUNDTRIP}) when no translation model is installed")
    a.add_argument("--top", type=int, default=10, help="worst sentences shown (default 10)")
    a.add_argument("--json", action="store_true", help="print summary.json on stdout")

    add_gate_arguments(sub.add_parser(
        "gate", parents=[common], help="audit, then fail (exit 1) when thresholds are exceeded"))

    b = sub.add_parser("baseline", help="suppress known findings in later audits")
    bsub = b.add_subparsers(dest="baseline_command", required=True)
    bc = bsub.add_parser("create", help="baseline from a report folder's sentences.csv")
    bc.add_argument("reports", help="report folder written by `mtaudit audit --out`")
    bc.add_argument("-o", "--output", default="mtaudit-baseline.json",
                    help="baseline file to write (default: mtaudit-baseline.json)")
    bc.add_argument("--all-findings", action="store_true", help="baseline every current "
                    "finding, not only sentences with reviewer_verdict accepted/ok")

    m = sub.add_parser("models", help="list or install argos translation models")
    msub = m.add_subparsers(dest="models_command", required=True)
    msub.add_parser("list", help="installed models")
    mi = msub.add_parser("install", help="install `de en` from the argos index, or a file")
    mi.add_argument("what", nargs="+", help="SOURCE TARGET (e.g. de en), or FILE.argosmodel")

    c = sub.add_parser("checks", help="list every check with its explanation")
    c.add_argument("--json", action="store_true", help="machine-readable list")
    c.add_argument("--markdown", action="store_true",
                   help="the catalogue as Markdown (docs/checks.md is made with this)")
    c.add_argument("--select", action="append", help="only these check ids or prefixes")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="mtaudit: %(message)s")
    try:
        if args.command == "audit":
            return _audit(args)
        if args.command == "models":
            return _models(args)
        if args.command == "gate":
            return run_gate(args)
        if args.command == "baseline":
            return _baseline(args)
        return _checks(args)
    except ValueError as exc:
        print(f"mtaudit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # Reports are replaced atomically and finished translations are already cached, so
        # an interrupted run loses nothing but the unfinished chunk.
        print("mtaudit: interrupted; earlier reports are untouched, finished translations "
              "are cached and a re-run continues from there", file=sys.stderr)
        return EXIT_INTERRUPTED


def _audit(args) -> int:
    from mtaudit.reports import write_reports

    config = from_args(args)
    try:
        result = audit_from_args(args, config, require_roundtrip=config.require_roundtrip)
    except RoundTripRequired as exc:
        print(f"mtaudit: error: round trip required but unavailable: {exc}\n"
              f"  {INSTALL_HINT}", file=sys.stderr)
        return EXIT_NO_ROUNDTRIP
    written = write_reports(result, args.out)
    if args.json:
        print(json.dumps(result.summary, indent=2, ensure_ascii=False, default=str))
    elif not args.quiet:
        print(render_summary(result, top=args.top))
        print(f"reports: {', '.join(str(p) for p in written)}")
    return result.exit_code


def render_summary(result: AuditResult, top: int = 10) -> str:
    """Terminal summary: round-trip status, worst documents first, then worst sentences."""
    lines = []
    rt = result.roundtrip
    if not rt.ran:
        lines += [f"! round trip skipped: {rt.reason}", f"  {INSTALL_HINT}", ""]
    docs = result.documents.sort_values(["garbled_share", "mean_risk"], ascending=False)
    lines.append(f"{'verdict':8} {'garbled':>7} {'review':>6} {'audited':>7} {'risk':>5}  "
                 "document")
    for d in docs.itertuples():
        extra = f"  [{d.errors}]" if d.errors else (f"  ({d.warnings})" if d.warnings else "")
        lines.append(f"{d.verdict:8} {d.garbled:7d} {d.review:6d} {d.audited:7d} "
                     f"{d.mean_risk:5.2f}  {d.doc}{extra}")
    flagged = result.sentences[result.sentences["verdict"].isin(["garbled", "review"])]
    if len(flagged) and top > 0:
        lines += ["", f"worst sentences (of {len(flagged)} flagged):"]
        for s in flagged.sort_values("risk", ascending=False).head(top).itertuples():
            text = textwrap.shorten(" ".join(s.text.split()), 110, placeholder=" …")
            lines.append(f"  {s.risk:.2f} {s.verdict:7} {s.doc}#{s.sent_id}: {text}")
            for issue in s.issues.split(" | ")[:4]:
                lines.append(f"         - {textwrap.shorten(issue, 120, placeholder=' …')}")
    t = result.summary["totals"]
    lines += ["", f"{t['documents']} documents, {t['audited']} sentences audited: "
                  f"{t['garbled']} garbled, {t['review']} to review, {t['ok']} ok, "
                  f"{t['skipped']} skipped; {t['documents_with_errors']} unreadable"]
    return "\n".join(lines)


def _models(args) -> int:
    from mtaudit.translate.models import (
        ModelInstallError,
        install_from_file,
        install_from_index,
        list_models,
    )

    if args.models_command == "list":
        models = list_models()
        if not models:
            print(f"no translation models installed; {INSTALL_HINT}")
        for m in models:
            print(f"{m['from']}->{m['to']}  {m['name']} {m['version']}  {m['path']}")
        return EXIT_OK
    what = args.what
    try:
        if len(what) == 1 and what[0].endswith(".argosmodel"):
            install_from_file(Path(what[0]))
            print(f"installed {what[0]}")
        elif len(what) == 2:
            for source, target in ((what[0], what[1]), (what[1], what[0])):
                install_from_index(source, target, progress=sys.stderr.isatty())
                print(f"installed {source}->{target}")
        else:
            print("mtaudit: error: give SOURCE TARGET (e.g. `de en`) or FILE.argosmodel",
                  file=sys.stderr)
            return EXIT_USAGE
    except ModelInstallError as exc:
        print(f"mtaudit: error: {exc}", file=sys.stderr)
        return EXIT_NO_ROUNDTRIP
    return EXIT_OK


def _baseline(args) -> int:
    from mtaudit.baseline import create_baseline

    n = create_baseline(args.reports, args.output, all_findings=args.all_findings)
    print(f"baseline: {n} findings written to {args.output}")
    return EXIT_OK


def _checks(args) -> int:
    from mtaudit.checks import load_all, select_checks

    registry = load_all()
    wanted = split_ids(args.select)
    ids = {c.id for c in select_checks(wanted)} if wanted else set(registry)
    described = [cls.describe() for cid, cls in sorted(registry.items()) if cid in ids]
    if args.json:
        print(json.dumps(described, indent=2, ensure_ascii=False))
        return EXIT_OK
    if args.markdown:
        print(checks_markdown(described), end="")
        return EXIT_OK
    for d in described:
        state = "on" if d["default_enabled"] else f"off by default: {d['off_reason']}"
        print(f"{d['id']}  {d['name']}  [{'/'.join(d['langs'])}; {d['category']}; "
              f"{d['severity']}; {state}]")
        print(textwrap.indent(textwrap.fill(d["summary"] + " " + d["explanation"], 96), "    "))
        print(f"    bad:  {d['bad_example']}\n    good: {d['good_example']}\n")
    return EXIT_OK


def checks_markdown(described: list[dict]) -> str:
    """The check catalogue as Markdown, generated from the registry so it cannot drift."""
    lines = ["# Checks", "",
             "Generated by `mtaudit checks --markdown > docs/checks.md`; do not edit by hand.",
             "Select or ignore checks by id or prefix (`--select DE-GRAM`, `--ignore PUNCT-004`).",
             "", "| id | languages | MQM category | severity | default |", "|---|---|---|---|---|"]
    lines += [f"| [{d['id']}](#{d['id'].lower()}) | {', '.join(d['langs'])} | {d['category']} "
              f"| {d['severity']} | {'on' if d['default_enabled'] else 'off'} |"
              for d in described]
    for d in described:
        lines += ["", f"## {d['id']}", "", f"**{d['name']}** — {d['summary']}", "",
                  d["explanation"], "", f"- bad: {d['bad_example']}",
                  f"- good: {d['good_example']}"]
        if not d["default_enabled"]:
            lines.append(f"- off by default: {d['off_reason']}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
