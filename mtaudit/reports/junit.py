"""JUnit XML for CI dashboards.

``gate``: one test case per document (a failure when it exceeds a limit, an error when it is
unreadable) and one for the whole corpus. ``audit --output-format junit``: as ruff, one test
suite per document and one failing test case per finding (a passing one for a clean
document). Every test case has ``file`` and ``time`` attributes: ``time`` is the seconds
the checks took on the document (the round trip runs in batches across documents and
counts in the suite's ``time``, the whole audit).
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from mtaudit.reports.findings import file_of, iter_findings, skipped_stages


def _worst(result, doc: str, top: int = 5) -> str:
    rows = result.sentences[
        (result.sentences["doc"] == doc) & result.sentences["verdict"].isin(["garbled", "review"])
    ]
    return "\n".join(
        f"#{r.sent_id} {r.verdict} {r.risk:.2f}: {' '.join(r.text.split())}\n    {r.issues}"
        for r in rows.sort_values("risk", ascending=False).head(top).itertuples()
    )


def _seconds(result, doc: str | None = None) -> str:
    if doc is None:
        return f"{float(result.summary.get('seconds', 0.0)):.3f}"
    return f"{float(getattr(result, 'timings', {}).get(doc, 0.0)):.3f}"


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _notes(result, element: ET.Element) -> None:
    notes = skipped_stages(result)
    if notes:
        ET.SubElement(element, "system-out").text = "\n".join(notes)


def junit(result, outcome) -> str:
    """The gate: a failure per document over a limit, an error per unreadable one, plus the
    corpus."""
    suite = ET.Element("testsuite", name="mtaudit gate", time=_seconds(result))
    failures = errors = 0
    for d in result.documents.itertuples():
        case = ET.SubElement(
            suite,
            "testcase",
            classname="mtaudit",
            name=d.doc,
            file=file_of(result, d.doc),
            time=_seconds(result, d.doc),
        )
        if d.errors:
            errors += 1
            ET.SubElement(case, "error", message=f"unreadable: {d.errors}")
        elif outcome.documents.get(d.doc):
            failures += 1
            fail = ET.SubElement(case, "failure", message="; ".join(outcome.documents[d.doc]))
            fail.text = _worst(result, d.doc)
    case = ET.SubElement(suite, "testcase", classname="mtaudit", name="(corpus)", time="0.000")
    if outcome.corpus:
        failures += 1
        ET.SubElement(case, "failure", message="; ".join(outcome.corpus))
    _notes(result, case)
    suite.set("tests", str(len(result.documents) + 1))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ET.Element("testsuites", time=_seconds(result))
    root.append(suite)
    return _xml(root)


def junit_findings(result) -> str:
    """The audit: a suite per document, a failing case per finding (ruff's layout)."""
    by_doc: dict[str, list[dict]] = {}
    for _, _, record in iter_findings(result):
        by_doc.setdefault(record["doc"], []).append(record)
    root = ET.Element("testsuites", name="mtaudit", time=_seconds(result))
    total = failed = errored = 0
    for d in result.documents.itertuples():
        records = by_doc.get(d.doc, [])
        path = file_of(result, d.doc)
        suite = ET.SubElement(root, "testsuite", name=d.doc, file=path)
        suite.set("time", _seconds(result, d.doc))
        if d.errors:
            case = ET.SubElement(suite, "testcase", classname=d.doc, name="read", file=path)
            case.set("time", "0.000")
            ET.SubElement(case, "error", message=f"unreadable: {d.errors}")
            errored += 1
        elif not records:
            case = ET.SubElement(suite, "testcase", classname=d.doc, name="no findings", file=path)
            case.set("time", _seconds(result, d.doc))
        for r in records:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=d.doc,
                name=f"{r['rule']} line {r['line']}, column {r['column']}",
                file=path,
                line=str(r["line"]),
                time="0.000",
            )
            fail = ET.SubElement(case, "failure", message=r["message"], type=r["rule"])
            fail.text = (
                f"{path}:{r['line']}:{r['column']}: {r['rule']} [{r['severity']}] "
                f"{r['message']}: {r['text']!r} (sentence {r['sent_id']}, risk {r['risk']}, "
                f"{r['verdict']})"
            )
        cases = max(len(records), 1)
        suite.set("tests", str(cases))
        suite.set("failures", str(len(records)))
        suite.set("errors", "1" if d.errors else "0")
        total += cases
        failed += len(records)
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(errored))
    first = root.find("testsuite")
    if first is not None:
        _notes(result, first)
    return _xml(root)
