"""``mtaudit gate``: thresholds, exit codes, JUnit/SARIF output, CI workflow and hook."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from mtaudit.cli import build_parser, main
from mtaudit.reports.sarif import line_column

ROOT = Path(__file__).resolve().parents[1]
CLEAN = "The council met on Monday. It approved the budget.\n"
GARBLED = (
    "Heading\n\nThe council met on Monday.\nPrices went up and up and up and up and the "
    "the Mayor of Lyon has criticised the Mayor of Lyon.\n"
)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "bad.txt").write_text(GARBLED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def _gate(capsys, *args) -> tuple[int, str]:
    code = main(["gate", *args, "--no-roundtrip"])
    return code, capsys.readouterr().out


def test_passes_and_fails_on_thresholds(corpus, capsys):
    code, out = _gate(capsys, "texts/clean.txt")
    assert code == 0 and out.startswith("gate passed")
    code, out = _gate(capsys, "texts")
    assert code == 1 and out.startswith("gate FAILED")
    assert "bad.txt: garbled share 0.3333 > 0.2" in out
    assert "corpus garbled share 0.2 > 0.05" in out
    assert "clean.txt" not in out
    code, out = _gate(
        capsys, "texts", "--max-garbled-share", "1", "--corpus-max-garbled-share", "1"
    )
    assert code == 0
    code, out = _gate(capsys, "texts/clean.txt", "--require-roundtrip")
    assert code == 4 and "round trip required but did not run" in out  # the exit-code table
    code, out = _gate(capsys, "texts/clean.txt", "--max-mqm-per-100-words", "0", "-q")
    assert code == 0 and out == ""


def test_unreadable_input_is_exit_3(corpus, capsys):
    (corpus / "blob.txt").write_bytes(b"\x00\x01" * 40)
    code, out = _gate(capsys, "texts/clean.txt", "texts/blob.txt", "--format", "json")
    report = json.loads(out)
    assert code == 3 and report["exit_code"] == 3 and not report["passed"]
    assert any("blob.txt: unreadable" in r for r in report["reasons"])
    # Nothing that exists to audit is a usage error, as for `mtaudit audit`.
    assert _gate(capsys, "texts/missing.txt")[0] == 2


def test_json_report(corpus, capsys):
    code, out = _gate(capsys, "texts", "--format", "json", "--max-garbled", "0")
    report = json.loads(out)
    assert code == 1 and report["thresholds"]["max_garbled"] == 0
    docs = {d["doc"]: d for d in report["documents"]}
    assert docs["bad.txt"]["garbled"] == 1 and docs["clean.txt"]["garbled"] == 0
    assert "bad.txt: garbled sentences 1 > 0" in report["reasons"]


def test_junit_one_testcase_per_document(corpus, capsys):
    code, out = _gate(capsys, "texts", "--format", "junit")
    suite = ET.fromstring(out).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"bad.txt", "clean.txt", "(corpus)"}
    assert suite.get("tests") == "3" and suite.get("failures") == "2"
    failure = cases["bad.txt"].find("failure")
    assert "garbled share" in failure.get("message") and "REP-003" in failure.text
    assert cases["clean.txt"].find("failure") is None


def test_sarif_locations_point_at_the_words(corpus, capsys):
    code, out = _gate(capsys, "texts", "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"REP-001", "REP-003"} <= set(rules)
    assert run["invocations"][0]["exitCode"] == 1
    lines = GARBLED.split("\n")
    for res in run["results"]:
        assert rules[res["ruleIndex"]] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] in {"texts/bad.txt", "texts/clean.txt"}
        region = loc["region"]
        line = lines[region["startLine"] - 1]
        assert region["startLine"] == region["endLine"] == 4
        words = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        assert words == region["snippet"]["text"]
    doubled = next(r for r in run["results"] if r["ruleId"] == "REP-001")
    assert doubled["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "the the"
    assert doubled["level"] == "note"


def test_line_column():
    text = "ab\ncd\n\nüx"
    assert line_column(text, 0) == (1, 1)
    assert line_column(text, 4) == (2, 2)
    assert line_column(text, 8) == (4, 2)


def test_github_workflow_runs_the_gate_and_uploads_sarif():
    workflow = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text())
    # PyYAML reads the bare key `on` as True (YAML 1.1); GitHub reads it as "on".
    assert {"push", "pull_request"} <= set(workflow[True])
    steps = workflow["jobs"]["gate"]["steps"]
    gate = next(s for s in steps if s.get("id") == "gate")
    command = next(line for line in gate["run"].splitlines() if "mtaudit gate" in line)
    argv = shlex.split(command.split(">")[0])
    assert argv[:2] == ["mtaudit", "gate"] and "--format" in argv
    assert argv[argv.index("--format") + 1] == "sarif"
    build_parser().parse_args(argv[1:])  # every flag the workflow uses exists
    uploads = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert uploads and uploads[0]["with"]["sarif_file"] == command.split(">")[1].strip()


def test_pre_commit_hook_entry_runs_on_files(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "mtaudit")
    assert hook["language"] == "python" and hook["require_serial"] is True
    script = Path(sys.executable).parent / "mtaudit"
    assert script.exists(), f"mtaudit console script missing next to {sys.executable}"
    argv = shlex.split(hook["entry"])
    assert argv[0] == "mtaudit"
    (tmp_path / "clean.md").write_text(CLEAN)
    (tmp_path / "bad.txt").write_text(GARBLED)
    env = {
        **os.environ,
        "MTAUDIT_CACHE_DIR": str(tmp_path / "cache"),
        "ARGOS_PACKAGES_DIR": str(tmp_path / "argos"),
        "XDG_DATA_HOME": str(tmp_path / "x"),
    }

    def hook_run(*files: str) -> subprocess.CompletedProcess:
        assert all(re.search(hook["files"], f) for f in files)
        return subprocess.run(
            [str(script), *argv[1:], *files],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    ok = hook_run("clean.md")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = hook_run("clean.md", "bad.txt")
    assert failed.returncode == 1 and "bad.txt: garbled share" in failed.stdout


def test_gate_audits_bilingual_pairs(capsys):
    pairs = Path(__file__).parent / "fixtures" / "bilingual" / "pairs.tsv"
    code, out = _gate(
        capsys, "--pairs", str(pairs), "--format", "json", "--max-mqm-per-100-words", "0"
    )
    report = json.loads(out)
    assert code == 1 and not report["passed"]
    assert any("pairs.tsv" in reason for reason in report["reasons"])
