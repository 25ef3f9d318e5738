"""JUnit XML for CI dashboards: one test case per document and one for the whole corpus."""

from __future__ import annotations

from xml.etree import ElementTree as ET


def _worst(result, doc: str, top: int = 5) -> str:
    rows = result.sentences[
        (result.sentences["doc"] == doc) & result.sentences["verdict"].isin(["garbled", "review"])
    ]
    return "\n".join(
        f"#{r.sent_id} {r.verdict} {r.risk:.2f}: {' '.join(r.text.split())}\n    {r.issues}"
        for r in rows.sort_values("risk", ascending=False).head(top).itertuples()
    )


def junit(result, outcome) -> str:
    """A failure per document over a limit, an error per unreadable one, plus the corpus."""
    suite = ET.Element("testsuite", name="mtaudit gate")
    failures = errors = 0
    for d in result.documents.itertuples():
        case = ET.SubElement(suite, "testcase", classname="mtaudit", name=d.doc)
        if d.errors:
            errors += 1
            ET.SubElement(case, "error", message=f"unreadable: {d.errors}")
        elif outcome.documents.get(d.doc):
            failures += 1
            fail = ET.SubElement(case, "failure", message="; ".join(outcome.documents[d.doc]))
            fail.text = _worst(result, d.doc)
    case = ET.SubElement(suite, "testcase", classname="mtaudit", name="(corpus)")
    if outcome.corpus:
        failures += 1
        ET.SubElement(case, "failure", message="; ".join(outcome.corpus))
    suite.set("tests", str(len(result.documents) + 1))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
