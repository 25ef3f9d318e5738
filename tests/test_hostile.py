"""Hostile input: nothing hangs, one bad file never sinks a batch, CSVs are safe and exact,
errors name the file, and the exit codes follow the table in the README."""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import mtaudit
from mtaudit.cli import main
from mtaudit.reports import write_reports
from mtaudit.reports.tables import read_csv

GOOD = "Der Ausschuss hat den Haushalt am Montag beschlossen. Die Sitzung dauerte lange.\n"


def _audit(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["audit", *args, "--no-roundtrip", "--no-cache", "-q"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_fifo_and_a_device_get_error_rows_and_the_batch_goes_on(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "r"
    code, _, _ = _audit(
        capsys, str(folder), str(folder / "pipe.txt"), "/dev/zero", "--out", str(out)
    )
    assert code == 3
    docs = read_csv(out / "documents.csv")
    by_name = {
        Path(d).name: row for d, row in zip(docs["doc"], docs.to_dict("records"), strict=True)
    }
    assert "named pipe" in by_name["pipe.txt"]["errors"]
    assert "character device" in by_name["zero"]["errors"]
    assert by_name["good.txt"]["errors"] == "" and by_name["good.txt"]["audited"] == "2"


def test_a_filename_that_is_not_utf8_is_reported_readably(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = os.fsencode(folder) + b"/bad_\xff\xfe.txt"
    with open(bad, "wb") as fh:
        fh.write(GOOD.encode())
    out = tmp_path / "r"
    code, _, _ = _audit(capsys, str(folder), "--out", str(out))
    assert code == 0
    docs = read_csv(out / "documents.csv")
    assert sorted(docs["doc"]) == ["bad_\\xff\\xfe.txt", "good.txt"]
    assert (docs["audited"] == "2").all()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["documents"] == 2


@pytest.mark.parametrize("kind", ["file", "under-file", "proc"])
def test_a_bad_out_is_a_usage_error_before_any_work(tmp_path, capsys, kind):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "taken").write_text("x")
    out = {
        "file": tmp_path / "taken",
        "under-file": tmp_path / "taken" / "r",
        "proc": Path("/proc/mtaudit-test/r"),
    }[kind]
    code, stdout, err = _audit(capsys, str(tmp_path / "a.txt"), "--out", str(out))
    assert code == 2
    assert err.startswith("mtaudit: error: --out") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and stdout == ""


def test_a_read_only_out_is_a_usage_error(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder; covered by the /proc case")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, _, err = _audit(capsys, str(tmp_path / "a.txt"), "--out", str(ro / "r"))
    assert code == 2 and "permission denied" in err


def test_csv_cells_round_trip_lone_cr_and_are_guarded_against_formulas(tmp_path):
    text = (
        'Der Bericht\rwurde am Montag vorgelegt.\n\n=HYPERLINK("http://example.org","x")\n\n'
        "+cmd|' /C calc'!A0\n\n-2+3+cmd|' /C calc'!A0\n\n@SUM(1+1)*cmd|' /C calc'!A0\n"
    )
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode())
    result = mtaudit.audit(path, roundtrip=False, use_cache=False, segmentation="paragraph")
    out = tmp_path / "r"
    write_reports(result, out)
    raw = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
    assert len(raw) == len(result.sentences) == 5
    starts = [cell[:2] for cell in raw["text"]]
    assert starts[1:] == ["'=", "'+", "'-", "'@"]  # what a spreadsheet sees: plain text
    back = read_csv(out / "sentences.csv")
    assert list(back["text"]) == list(result.sentences["text"])  # exact after unguarding
    assert "\r" in back.loc[0, "text"]
    summary_text = (out / "summary.json").read_text(encoding="utf-8")
    assert json.loads(summary_text)["totals"]["sentences"] == 5


def test_report_files_follow_the_umask(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    old = os.umask(0o022)
    try:
        write_reports(mtaudit.audit(path, roundtrip=False, use_cache=False), tmp_path / "r")
    finally:
        os.umask(old)
    for name in ("sentences.csv", "documents.csv", "summary.json", "html/index.html"):
        assert stat.S_IMODE((tmp_path / "r" / name).stat().st_mode) == 0o644


def test_xliff_files_in_a_folder_are_read_as_pairs(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "job.xlf").write_text(
        '<?xml version="1.0"?><xliff version="1.2"><file source-language="en" '
        'target-language="de"><body><trans-unit id="1"><source>The bridge is closed.</source>'
        "<target>Die Brücke ist gesperrt.</target></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    out = tmp_path / "r"
    code, _, _ = _audit(capsys, str(folder), "--out", str(out))
    assert code == 0
    sentences = read_csv(out / "sentences.csv")
    assert list(sentences["source"]) == ["The bridge is closed."]


def test_errors_name_the_file(tmp_path, capsys, caplog):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    blob = tmp_path / "baseline.json"
    blob.write_bytes(b"\xf8\xff\x00binary")
    code, _, err = _audit(
        capsys, str(tmp_path / "a.txt"), "--baseline", str(blob), "--out", str(tmp_path / "r")
    )
    assert code == 2 and str(blob) in err and "codec" not in err

    out = tmp_path / "r2"
    out.mkdir()
    (out / "sentences.csv").write_bytes(b"\xf8\xff\x00 not a csv \xfe")
    code, _, _ = _audit(capsys, str(tmp_path / "a.txt"), "--out", str(out))
    assert code == 0
    assert "sentences.csv" in caplog.text
    assert "reviewer columns were not carried over" in caplog.text
    kept = list(out.glob("sentences.csv.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"\xf8\xff")
    assert len(read_csv(out / "sentences.csv")) == 2

    broken = tmp_path / "r3"
    broken.mkdir()
    (broken / "sentences.csv").write_text('doc,text\na.txt,"unbalanced\nb.txt,x\n')
    assert main(["baseline", "create", str(broken), "-o", str(tmp_path / "b.json")]) == 2
    err = capsys.readouterr().err
    assert str(broken / "sentences.csv") in err and "Error tokenizing" not in err


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--batch-size", "-1"),
        ("--batch-size", "0"),
        ("--review-threshold", "nan"),
        ("--garbled-threshold", "1.5"),
        ("--document-timeout", "0"),
    ],
)
def test_bad_flag_values_are_rejected_like_config_values(tmp_path, capsys, flag, value):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, _, err = _audit(
        capsys, str(tmp_path / "a.txt"), flag, value, "--out", str(tmp_path / "r")
    )
    assert code == 2 and flag in err


def test_an_empty_file_is_a_warning_and_exit_0(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "r"
    code, _, _ = _audit(capsys, str(tmp_path), "--out", str(out))
    assert code == 0
    docs = read_csv(out / "documents.csv").set_index("doc")
    assert docs.loc["empty.txt", "verdict"] == "skipped"
    assert "empty file" in docs.loc["empty.txt", "warnings"]


def test_a_closed_pipe_is_not_a_traceback(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD * 40, encoding="utf-8")
    cli = f'"{sys.executable}" -m mtaudit.cli'
    for command in (
        f"{cli} checks | head -1",
        f"{cli} audit {tmp_path} --no-roundtrip --no-cache --out {tmp_path}/r --top 50 | head -1",
    ):
        done = subprocess.run(command, shell=True, capture_output=True, text=True)
        assert done.stdout.strip(), command
        assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


# --------------------------------------------------------------------------- fuzzing

SEEDS = [
    "Die Regierung hat am Dienstag neue Regeln für den Wohnungsbau vorgestellt.",
    "Der Bürgermeister sprach von einem schwierigen Jahr für die Stadt.",
    "The council approved the budget after a long debate on Tuesday evening.",
    "Officials said the bridge would reopen in the spring.",
]
NOISE = [
    "\x00",
    "\x07",
    "\x1b[31m",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\u0301",
    "\u0308\u0308\u0308",
    "\r",
    "\ufeff",
    "\ud800",
    "x" * 5000,
    "\u00a0",
    "\t",
    "\x0c",
]


def _mutate(rng: random.Random) -> bytes:
    text = rng.choice(SEEDS)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(NOISE) + text[at:]
    if rng.random() < 0.2:
        text = " ".join([text] * rng.randint(2, 50))
    return text.encode("utf-8", "surrogatepass")


def test_fuzzed_inputs_each_get_a_row_and_parse_back(tmp_path, capsys):
    rng = random.Random(2026)
    folder = tmp_path / "fuzz"
    folder.mkdir()
    n = 300
    for i in range(n):
        (folder / f"f{i:03d}.txt").write_bytes(_mutate(rng))
    out = tmp_path / "r"
    code, _, err = _audit(capsys, str(folder), "--out", str(out))
    assert code in (0, 3)
    assert "Traceback" not in err
    docs = read_csv(out / "documents.csv")
    assert len(docs) == n
    sentences = read_csv(out / "sentences.csv")
    findings = read_csv(out / "findings.csv")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert len(sentences) == summary["totals"]["sentences"]
    assert set(sentences["doc"]) <= set(docs["doc"])
    assert set(findings["doc"]) <= set(sentences["doc"])
    readable = docs[docs["errors"] == ""]
    assert set(readable["doc"]) - {
        d for d, w in zip(docs["doc"], docs["warnings"], strict=True) if "empty" in w
    } <= set(sentences["doc"])
