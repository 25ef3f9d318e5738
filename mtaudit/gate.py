"""``mtaudit gate``: audit, then pass or fail against thresholds, for CI.

Exit 0 when every threshold holds, 1 with a short list of reasons when one is exceeded, 3
when an input could not be read (a gate cannot vouch for a file it did not see). Output
formats are those CI systems read natively: SARIF 2.1.0 (findings shown inline on the
changed lines) and JUnit XML (one test case per document).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from xml.etree import ElementTree as ET

from mtaudit import __version__
from mtaudit.baseline import sentence_hash
from mtaudit.config import GateThresholds, audit_from_args, from_args
from mtaudit.pipeline import EXIT_GATE_FAILED, EXIT_OK, EXIT_UNREADABLE, AuditResult

FORMATS = ("text", "json", "junit", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"critical": "error", "major": "warning", "minor": "note"}
_LIMITS = (  # (threshold field, documents column, what it measures)
    ("max_garbled_share", "garbled_share", "garbled share"),
    ("max_garbled", "garbled", "garbled sentences"),
    ("max_mqm_per_100_words", "mqm_per_100_words", "MQM penalty per 100 words"),
)


def add_gate_arguments(parser: argparse.ArgumentParser) -> None:
    """Gate-only flags; each overrides ``[tool.mtaudit.gate]`` in the config file."""
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="report on stdout (default text; sarif and junit for CI)")
    parser.add_argument("--out", help="also write the audit reports to this folder")
    limits = parser.add_argument_group("thresholds (per document; corpus-* for all together)")
    for prefix in ("", "corpus-"):
        limits.add_argument(f"--{prefix}max-garbled-share", type=float, metavar="SHARE")
        limits.add_argument(f"--{prefix}max-garbled", type=int, metavar="N")
        limits.add_argument(f"--{prefix}max-mqm-per-100-words", type=float, metavar="X")
    limits.add_argument("--require-roundtrip", action="store_true",
                        help="fail when the round trip did not run")


def run_gate(args: argparse.Namespace) -> int:
    """Audit, evaluate the thresholds, print the report; return the gate's exit code."""
    config = from_args(args)
    result = audit_from_args(args, config)
    if args.out:
        from mtaudit.reports import write_reports

        write_reports(result, args.out)
    code, reasons = evaluate(result, config.gate)
    if not (args.quiet and args.format == "text"):
        print(render(result, config.gate, args.format, code, reasons))
    return code


def document_reasons(result: AuditResult, th: GateThresholds) -> dict[str, list[str]]:
    """Reasons each readable document fails the per-document limits (empty list: passes)."""
    out: dict[str, list[str]] = {}
    for d in result.documents.to_dict("records"):
        if d["errors"]:
            continue
        out[d["doc"]] = [
            f"{what} {d[col]:g} > {getattr(th, name):g}"
            for name, col, what in _LIMITS
            if getattr(th, name) is not None and d[col] > getattr(th, name)
        ]
    return out


def corpus_reasons(result: AuditResult, th: GateThresholds) -> list[str]:
    """Reasons the corpus as a whole fails (corpus limits and the round-trip requirement)."""
    t = result.summary["totals"]
    measured = {
        "garbled_share": t["garbled"] / t["audited"] if t["audited"] else 0.0,
        "garbled": t["garbled"],
        "mqm_per_100_words": 100 * t["mqm_penalty"] / t["words"] if t["words"] else 0.0,
    }
    reasons = [
        f"corpus {what} {round(measured[col], 4):g} > {getattr(th, 'corpus_' + name):g}"
        for name, col, what in _LIMITS
        if getattr(th, "corpus_" + name) is not None
        and measured[col] > getattr(th, "corpus_" + name)
    ]
    if th.require_roundtrip and not result.roundtrip.ran:
        reasons.append(f"round trip required but did not run: {result.roundtrip.reason}")
    return reasons


def evaluate(result: AuditResult, th: GateThresholds) -> tuple[int, list[str]]:
    """Exit code and every reason, documents first (``doc: reason``), then the corpus."""
    reasons = [f"{doc}: {r}" for doc, rs in document_reasons(result, th).items() for r in rs]
    reasons += corpus_reasons(result, th)
    reasons += [f"{d.doc}: unreadable: {d.errors}" for d in result.documents.itertuples()
                if d.errors]
    if result.exit_code == EXIT_UNREADABLE:
        return EXIT_UNREADABLE, reasons
    return (EXIT_GATE_FAILED if reasons else EXIT_OK), reasons


def render(result: AuditResult, th: GateThresholds, fmt: str, code: int,
           reasons: list[str]) -> str:
    """The gate's report in one of :data:`FORMATS`."""
    if fmt == "json":
        return json.dumps(as_json(result, th, code, reasons), indent=2, ensure_ascii=False,
                          default=str)
    if fmt == "junit":
        return junit(result, th)
    if fmt == "sarif":
        return json.dumps(sarif(result, code, reasons), indent=2, ensure_ascii=False)
    t = result.summary["totals"]
    head = (f"gate {'passed' if code == EXIT_OK else 'FAILED'}: {t['documents']} documents, "
            f"{t['audited']} sentences audited, {t['garbled']} garbled, {t['review']} to review")
    return "\n".join([head, *(f"  - {r}" for r in reasons)])


def as_json(result: AuditResult, th: GateThresholds, code: int, reasons: list[str]) -> dict:
    return {
        "passed": code == EXIT_OK,
        "exit_code": code,
        "reasons": reasons,
        "thresholds": asdict(th),
        "totals": result.summary["totals"],
        "roundtrip": result.summary["roundtrip"],
        "baseline": result.summary.get("baseline"),
        "documents": result.documents[["doc", "verdict", "audited", "garbled", "review",
                                       "garbled_share", "mqm_per_100_words", "errors"]]
        .to_dict("records"),
    }


def junit(result: AuditResult, th: GateThresholds) -> str:
    """JUnit XML: one test case per document (an error when unreadable) and one for the corpus."""
    per_doc = document_reasons(result, th)
    corpus = corpus_reasons(result, th)
    suite = ET.Element("testsuite", name="mtaudit gate")
    failures = errors = 0
    for d in result.documents.itertuples():
        case = ET.SubElement(suite, "testcase", classname="mtaudit", name=d.doc)
        if d.errors:
            errors += 1
            ET.SubElement(case, "error", message=f"unreadable: {d.errors}")
        elif per_doc.get(d.doc):
            failures += 1
            fail = ET.SubElement(case, "failure", message="; ".join(per_doc[d.doc]))
            fail.text = _worst(result, d.doc)
    case = ET.SubElement(suite, "testcase", classname="mtaudit", name="(corpus)")
    if corpus:
        failures += 1
        ET.SubElement(case, "failure", message="; ".join(corpus))
    suite.set("tests", str(len(result.documents) + 1))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _worst(result: AuditResult, doc: str, top: int = 5) -> str:
    rows = result.sentences[(result.sentences["doc"] == doc)
                            & result.sentences["verdict"].isin(["garbled", "review"])]
    return "\n".join(f"#{r.sent_id} {r.verdict} {r.risk:.2f}: {' '.join(r.text.split())}"
                     f"\n    {r.issues}"
                     for r in rows.sort_values("risk", ascending=False).head(top).itertuples())


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _uri(path: Path) -> str:
    """Repository-relative URI when the file is under the working directory (what CI wants)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()


def sarif(result: AuditResult, code: int, reasons: list[str]) -> dict:
    """SARIF 2.1.0 log: rules from the registry, one result per finding with its location."""
    from mtaudit.checks import load_all

    registry = load_all()
    fired = sorted({f["id"] for fs in result.sentences["findings"] for f in fs}
                   if len(result.sentences) else set())
    index = {cid: i for i, cid in enumerate(fired)}
    rules = []
    for cid in fired:
        cls = registry.get(cid)
        rule = {"id": cid}
        if cls is not None:
            rule |= {
                "name": cls.name,
                "shortDescription": {"text": cls.summary},
                "fullDescription": {"text": cls.explanation},
                "help": {"text": f"{cls.explanation}\nBad: {cls.bad_example}\n"
                                 f"Good: {cls.good_example}"},
                "defaultConfiguration": {"level": SARIF_LEVEL[cls.severity]},
                "properties": {"category": cls.category, "tags": [cls.category]},
            }
        rules.append(rule)
    results = []
    for r in result.sentences.itertuples():
        text = result.texts.get(r.doc, "")
        for f in r.findings:
            line, col = line_column(text, f["start"])
            end_line, end_col = line_column(text, f["end"])
            results.append({
                "ruleId": f["id"],
                "ruleIndex": index[f["id"]],
                "level": SARIF_LEVEL.get(f["severity"], "warning"),
                "message": {"text": f"{f['message']} (sentence risk {r.risk:.2f}, {r.verdict})"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(result.paths.get(r.doc, Path(r.doc)))},
                    "region": {"startLine": line, "startColumn": col, "endLine": end_line,
                               "endColumn": end_col,
                               "snippet": {"text": text[f["start"]:f["end"]]}},
                }}],
                "partialFingerprints": {
                    "mtaudit/v1": f"{r.doc}:{sentence_hash(r.text)}:{f['id']}"},
            })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mtaudit", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": code != EXIT_UNREADABLE,
                "exitCode": code,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": reason}} for reason in reasons],
            }],
        }],
    }
