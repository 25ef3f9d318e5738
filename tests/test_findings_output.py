"""Machine-readable findings: ``audit --output-format``, the findings schema, statistics,
SARIF (helpUri, fixes, suppressions, notifications, XLIFF regions), JUnit, GitHub, GitLab."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import mtaudit
from mtaudit.cli import build_parser, main
from mtaudit.reports import render_findings, render_gate_report
from mtaudit.reports.findings import FINDING_FIELDS, SCHEMA
from mtaudit.reports.sarif import sarif
from mtaudit.reports.tables import read_csv

DOUBLED = "The committee approved the the budget on Friday."
CIRCULAR = "The Mayor of Lyon has criticised the Mayor of Lyon for the delay."
TEXT = f"Budget news\n\nÜber alles: {DOUBLED}\n{CIRCULAR}\n"
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="de" target-language="en" datatype="plaintext" original="ui">
    <body>
      <trans-unit id="1">
        <source>Der Ausschuss hat den Haushalt am Freitag gebilligt.</source>
        <target>The committee approved the the budget on Friday.</target>
      </trans-unit>
      <trans-unit id="2">
        <source>Der Vorstand hat den Plan am Freitag gebilligt.</source>
        <target>The board approved the the plan on Friday.</target>
        <note>mtaudit: ignore REP-001 the client wants it</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "news.txt").write_text(TEXT, encoding="utf-8")
    (folder / "clean.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def _audit(capsys, *args) -> tuple[int, str, str]:
    code = main(["audit", *args, "--no-roundtrip", "--no-lm"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_envelope_has_the_schema_and_exact_locations(corpus, capsys, tmp_path):
    code, out, _ = _audit(capsys, "texts", "--out", "r", "--output-format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == SCHEMA == "mtaudit.findings/1"
    assert data["findings"] and data["suppressed_findings"] == []
    assert data["notes"] == [
        "round trip skipped: round trip switched off (--no-roundtrip)",
        "language model skipped: language model switched off (--no-lm)",
    ]
    text = (corpus / "news.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    for f in data["findings"]:
        assert list(f) == list(FINDING_FIELDS)
        assert f["file"] == "texts/news.txt" and f["doc"] == "news.txt"
        assert text[f["offset"] : f["offset"] + f["length"]] == f["text"]
        line = lines[f["line"] - 1]
        assert line[f["column"] - 1 : f["end_column"] - 1] == f["text"]
        assert isinstance(f["replacements"], list)
        assert f["verdict"] in {"review", "garbled"} and 0 < f["risk"] <= 1
    doubled = next(f for f in data["findings"] if f["rule"] == "REP-001")
    # Columns count code points: "Über" is one character per letter, not UTF-8 bytes.
    assert (doubled["line"], doubled["column"]) == (3, lines[2].index("the the") + 1)
    assert data["findings_by_rule"]["REP-001"] == 1
    # The reports are still written to --out.
    summary = json.loads((tmp_path / "r" / "summary.json").read_text())
    assert summary["findings_by_rule"] == data["findings_by_rule"]
    assert list(summary["findings_by_rule"].values()) == sorted(
        summary["findings_by_rule"].values(), reverse=True
    )


def test_jsonl_every_line_carries_the_schema(corpus, capsys):
    code, out, err = _audit(capsys, "texts", "--out", "r", "--output-format", "jsonl")
    assert code == 0 and "reports:" in err  # stdout stays machine-readable
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["schema"] == SCHEMA for r in rows)
    assert {r["rule"] for r in rows} >= {"REP-001", "REP-003"}
    assert all(set(FINDING_FIELDS) <= set(r) for r in rows)


def test_findings_csv_has_the_schema_fields(corpus, capsys, tmp_path):
    _audit(capsys, "texts", "--out", "r", "-q")
    table = read_csv(tmp_path / "r" / "findings.csv")
    assert set(FINDING_FIELDS) <= set(table.columns)
    row = table[table["rule"] == "REP-001"].iloc[0]
    assert row["file"] == "texts/news.txt" and row["text"] == "the the" == row["words"]
    assert row["line"] == "3" and json.loads(row["replacements"]) == []


def test_json_summary_alias_and_conflict(corpus, capsys):
    code, out, _ = _audit(capsys, "texts", "--out", "r", "--json")
    assert code == 0 and json.loads(out)["totals"]["documents"] == 2
    code, _, err = _audit(capsys, "texts", "--out", "r", "--json", "--output-format", "sarif")
    assert code == 2 and "--json" in err


def test_statistics_text_and_json(corpus, capsys):
    code, out, _ = _audit(capsys, "texts", "--out", "r", "--statistics")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    counts = [int(r[0]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert any(r[1].strip() == "REP-001" and r[2] == "doubled-word" for r in rows)
    code, out, _ = _audit(capsys, "texts", "--out", "r", "--statistics", "--output-format", "json")
    stats = json.loads(out)
    assert {"count": 1, "rule": "REP-001", "name": "doubled-word"} in stats


def test_github_workflow_commands(corpus, capsys):
    (corpus / "news.txt").write_text(TEXT.replace("delay.", "delay, again:\n"), encoding="utf-8")
    code, out, _ = _audit(capsys, "texts", "--out", "r", "--output-format", "github")
    assert code == 0
    command = re.compile(r"^::(error|warning|notice)( (?P<props>[^:]*))?::(?P<msg>.*)$")
    parsed = [command.match(line) for line in out.splitlines()]
    assert all(parsed), out
    with_file = [m for m in parsed if m.group("props")]
    props = [dict(p.split("=", 1) for p in m.group("props").split(",")) for m in with_file]
    doubled = next(p for p in props if p["title"] == "REP-001")
    assert doubled["file"] == "texts/news.txt" and doubled["line"] == "3"
    assert int(doubled["endColumn"]) - int(doubled["col"]) == len("the the")
    assert all("\n" not in m.group("msg") for m in parsed)
    # the skipped round trip is a warning without a file
    assert any(m.group(1) == "warning" and not m.group("props") for m in parsed)


def test_gitlab_code_quality(corpus, capsys):
    code, out, _ = _audit(capsys, "texts", "--out", "r", "--output-format", "gitlab")
    issues = json.loads(out)
    assert code == 0 and issues
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "texts/news.txt"
        assert issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    # Fingerprints survive a line inserted above.
    (corpus / "news.txt").write_text("New first line here.\n\n" + TEXT, encoding="utf-8")
    _, again, _ = _audit(capsys, "texts", "--out", "r", "--output-format", "gitlab")
    assert {i["fingerprint"] for i in issues} <= {i["fingerprint"] for i in json.loads(again)}


def test_junit_from_audit_has_file_and_time(corpus, capsys):
    code, out, _ = _audit(capsys, "texts", "--out", "r", "--output-format", "junit")
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"news.txt", "clean.txt"}
    for suite in suites.values():
        assert suite.get("file").startswith("texts/")
        float(suite.get("time"))
        for case in suite.findall("testcase"):
            assert case.get("file") == suite.get("file")
            float(case.get("time"))
    assert suites["clean.txt"].find("testcase/failure") is None
    failures = suites["news.txt"].findall("testcase/failure")
    assert {f.get("type") for f in failures} >= {"REP-001", "REP-003"}
    assert root.get("failures") == str(len(failures))


def test_gate_junit_has_file_and_time(corpus, capsys):
    main(["gate", "texts", "--no-roundtrip", "--no-lm", "--format", "junit"])
    root = ET.fromstring(capsys.readouterr().out)
    float(root.get("time"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["news.txt"].get("file") == "texts/news.txt"
    assert all(float(c.get("time")) >= 0 for c in cases.values())
    assert "round trip skipped" in cases["(corpus)"].find("system-out").text


def _sarif_run(capsys, *args) -> dict:
    code, out, _ = _audit(capsys, *args, "--output-format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and code in (0, 3)
    return log["runs"][0]


def test_sarif_help_uri_notifications_and_fixes(corpus, capsys, tmp_path):
    run = _sarif_run(capsys, "texts", "--out", "r")
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["REP-001"]["helpUri"] == "docs/checks.md#rep-001"
    catalogue = (Path(__file__).resolve().parents[1] / "docs" / "checks.md").read_text()
    assert "## REP-001" in catalogue  # the anchor the link points at
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning", "warning"]
    assert "round trip skipped" in notes[0]["message"]["text"]
    assert "language model skipped" in notes[1]["message"]["text"]
    run = _sarif_run(capsys, "texts", "--out", "r", "--docs-url", "https://x.example/checks")
    assert run["tool"]["driver"]["rules"][0]["helpUri"].startswith("https://x.example/checks#")

    # fixes come from the replacements: give the doubled-word finding one
    result = mtaudit.audit("texts", no_roundtrip=True, no_lm=True)
    for found in result.sentences["findings"]:
        for f in found:
            if f["id"] == "REP-001":
                f["replacements"] = ["the"]
    res = next(r for r in sarif(result)["runs"][0]["results"] if r["ruleId"] == "REP-001")
    (fix,) = res["fixes"]
    change = fix["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "texts/news.txt"
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"]["text"] == "the"
    region = replacement["deletedRegion"]
    line = TEXT.split("\n")[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "the the"


def test_sarif_notifies_a_skipped_language_model(corpus):
    result = mtaudit.audit("texts", no_roundtrip=True, no_lm=True)
    result.summary["lm"] = {"ran": False, "reason": "no model installed"}
    notes = sarif(result)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "language model skipped: no model installed" in [n["message"]["text"] for n in notes]
    assert "language model skipped" in render_findings(result, "github")


def test_sarif_lists_suppressed_findings(corpus, capsys, tmp_path):
    (corpus / "news.txt").write_text(
        TEXT.replace(CIRCULAR, CIRCULAR + " <!-- mtaudit: ignore REP-003 a quote -->"),
        encoding="utf-8",
    )
    _audit(capsys, "texts", "--out", "r", "-q")
    main(["baseline", "create", "r", "-o", "base.json", "--all-findings"])
    capsys.readouterr()
    (corpus / "clean.txt").write_text(f"The council met on Monday. {DOUBLED}\n", encoding="utf-8")
    run = _sarif_run(capsys, "texts", "--out", "r2", "--baseline", "base.json")
    by_kind = {}
    for res in run["results"]:
        for s in res.get("suppressions", []):
            by_kind.setdefault(s["kind"], []).append(res)
    assert [r["ruleId"] for r in by_kind["inSource"]] == ["REP-003"]
    inline = by_kind["inSource"][0]["suppressions"][0]
    assert "a quote" in inline["justification"]
    assert inline["location"]["physicalLocation"]["region"]["startLine"] == 4
    assert "REP-001" in [r["ruleId"] for r in by_kind["external"]]
    active = [r for r in run["results"] if "suppressions" not in r]
    # the new sentence in clean.txt is not in the baseline
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in active] == [
        "texts/clean.txt"
    ]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in run["results"])


def test_xliff_regions_point_at_the_trans_unit(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("t.xlf").write_text(XLIFF, encoding="utf-8")
    run = _sarif_run(capsys, "t.xlf", "--out", "r")
    lines = XLIFF.split("\n")
    units = [i + 1 for i, line in enumerate(lines) if "<trans-unit" in line]
    doubled = [r for r in run["results"] if r["ruleId"] == "REP-001"]
    starts = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in doubled]
    assert starts == units  # not line 1, the XML header
    assert "fixes" not in doubled[0]
    assert "suppressions" not in doubled[0]
    assert doubled[1]["suppressions"][0]["kind"] == "inSource"
    assert "client wants it" in doubled[1]["suppressions"][0]["justification"]
    code, out, _ = _audit(capsys, "t.xlf", "--out", "r", "--output-format", "jsonl")
    row = next(json.loads(line) for line in out.splitlines() if '"REP-001"' in line)
    assert row["line"] == units[0] and row["file"] == "t.xlf"
    target = "The committee approved the the budget on Friday."
    assert target[row["offset"] : row["offset"] + row["length"]] == "the the"
    assert row["column"] == row["offset"] + 1


def test_gate_formats_reuse_the_writers(corpus, capsys):
    for fmt in ("text", "json", "jsonl", "sarif", "junit", "github", "gitlab"):
        assert build_parser().parse_args(["gate", "--format", fmt]).format == fmt
    code = main(
        ["gate", "texts", "--no-roundtrip", "--no-lm", "--format", "json", "--max-garbled", "0"]
    )
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == SCHEMA and report["findings"]
    assert report["passed"] is (code == 0)
    main(
        [
            "gate",
            "texts",
            "--no-roundtrip",
            "--no-lm",
            "--format",
            "sarif",
            "--docs-url",
            "https://d/c",
        ]
    )
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert run["tool"]["driver"]["rules"][0]["helpUri"].startswith("https://d/c#")
    code = main(
        [
            "gate",
            "texts",
            "--no-roundtrip",
            "--no-lm",
            "--format",
            "github",
            "--max-mqm-per-100-words",
            "0",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "::error::mtaudit gate: " in out and "title=REP-001" in out


def test_gate_text_says_the_round_trip_was_skipped(corpus, capsys):
    main(["gate", "texts", "--no-roundtrip", "--no-lm"])
    assert "round trip skipped" in capsys.readouterr().out
    result = mtaudit.audit("texts", no_roundtrip=True, no_lm=True)
    result.summary["lm"] = {"ran": False, "reason": "llama.cpp missing"}
    from mtaudit.config import GateThresholds
    from mtaudit.gate import evaluate

    text = render_gate_report(result, evaluate(result, GateThresholds()), "text", 0)
    assert "language model skipped: llama.cpp missing" in text


def test_gate_help_shows_the_defaults(capsys):
    with pytest.raises(SystemExit):
        main(["gate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "(per document) exceeds SHARE (default 0.2)" in text
    assert "(all documents together) exceeds SHARE (default 0.05)" in text


def test_line_index_agrees_with_line_column():
    from mtaudit.reports.findings import LineIndex, line_column

    for text in ("ab\ncd\n\nüx\n", "", "\n", "x", "a\r\nb"):
        index = LineIndex(text)
        assert [index.line_column(i) for i in range(len(text) + 1)] == [
            line_column(text, i) for i in range(len(text) + 1)
        ]
