"""The command line end to end, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from mtaudit.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_audit_of_the_seeds_writes_every_report(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "reports"
    code = main(["audit", str(SEEDS), "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "round trip skipped" in printed and "models install" in printed
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert len(docs) == 5 and (docs["errors"] == "").all()
    assert set(docs["lang"]) == {"de", "en"}
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    assert set(sentences["verdict"]) <= {"ok", "review", "garbled", "skipped"}
    assert (sentences["verdict"] == "skipped").any()
    assert (sentences["verdict"].isin(["review", "garbled"])).any()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["roundtrip"]["ran"] is False
    # Worst document first in the terminal table.
    table_lines = [line for line in printed.splitlines() if line.endswith(".txt")]
    worst = docs.sort_values(["garbled_share", "mean_risk"], ascending=False).iloc[0]["doc"]
    assert table_lines[0].endswith(worst)


def test_require_roundtrip_without_models_exits_4(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    code = main(
        [
            "audit",
            str(SEEDS / "004_785d0492bf8adcf7.txt"),
            "--require-roundtrip",
            "--out",
            str(tmp_path / "r"),
        ]
    )
    assert code == 4
    assert "models install" in capsys.readouterr().err


def test_unreadable_input_exits_3_and_still_reports_the_rest(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text("The museum reopens on Friday after a long renovation.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\xff\x00\xfe" * 50)
    out = tmp_path / "r"
    assert main(["audit", str(tmp_path), "--no-roundtrip", "--out", str(out), "-q"]) == 3
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("doc")
    assert docs.loc["ok.txt", "verdict"] == "ok"
    assert "binary" in docs.loc["bad.txt", "errors"]


def test_json_summary_on_stdout(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("The museum reopens on Friday after a long renovation.\n")
    main(["audit", str(tmp_path), "--no-roundtrip", "--json", "--out", str(tmp_path / "r")])
    summary = json.loads(capsys.readouterr().out)
    assert summary["totals"]["documents"] == 1


def test_missing_path_and_unknown_check_are_usage_errors(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "nope")]) == 2
    (tmp_path / "a.txt").write_text("Text.\n")
    assert (
        main(
            [
                "audit",
                str(tmp_path),
                "--select",
                "XX-1",
                "--no-roundtrip",
                "--out",
                str(tmp_path / "r"),
            ]
        )
        == 2
    )
    assert "unknown check" in capsys.readouterr().err


def test_checks_command_lists_every_registered_check(capsys):
    assert main(["checks", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    from mtaudit.checks import load_all

    assert sorted(c["id"] for c in listed) == sorted(load_all())
    for check in listed:
        assert check["id"] and check["explanation"] and check["bad_example"]


def test_console_script_is_installed():
    done = subprocess.run(
        [sys.executable, "-m", "mtaudit.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("mtaudit ")


def test_an_interrupted_audit_exits_130_and_keeps_earlier_reports(tmp_path, capsys, monkeypatch):
    from mtaudit.pipeline import AuditRun

    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("The museum reopens on Friday after a renovation.\n")
    out = tmp_path / "r"
    flags = ["--no-roundtrip", "-q", "--out", str(out), "--batch-sentences", "1"]
    assert main(["audit", str(tmp_path), *flags]) == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.*")}
    real = AuditRun._audit_batch
    calls = []

    def interrupted(self, batch):  # Ctrl-C while the second document is being audited
        calls.append(batch)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, batch)

    monkeypatch.setattr(AuditRun, "_audit_batch", interrupted)
    assert main(["audit", str(tmp_path), *flags]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert len(calls) == 2  # the first batch had been written into the unfinished tables
    assert {p.name: p.read_bytes() for p in out.glob("*.*")} == before
    assert not list(out.glob(".*.tmp"))  # nothing half-written is left behind


def test_a_malformed_pivot_flag_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Text.\n")
    assert main(["audit", str(tmp_path), "--pivot", "de", "--out", str(tmp_path / "r")]) == 2
    assert "LANG=PIVOT" in capsys.readouterr().err


def test_the_check_catalogue_in_docs_is_generated_from_the_registry(capsys):
    assert main(["checks", "--markdown"]) == 0
    generated = capsys.readouterr().out
    committed = (Path(__file__).resolve().parent.parent / "docs" / "checks.md").read_text()
    assert generated == committed, "run: mtaudit checks --markdown > docs/checks.md"
    assert "## DE-GENDER-004" in generated and "off by default" in generated
