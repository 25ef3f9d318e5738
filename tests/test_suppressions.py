"""Inline ``mtaudit: ignore`` directives, per-file ignores, extend-select, baselines on fresh
reports, and the Python API's command-line style options."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import mtaudit
from mtaudit.bilingual import PairSource, pair_document, read_xliff
from mtaudit.cli import main
from mtaudit.config import ConfigError, parse
from mtaudit.reports.findings import FINDING_FIELDS
from mtaudit.suppressions import PerFileIgnores, parse_directives, rule_matches

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bilingual"
DOUBLED = "The committee approved the the budget on Friday."
DOUBLED2 = "The board approved the the plan on Friday."
CIRCULAR = "The Mayor of Lyon has criticised the Mayor of Lyon for the delay."


def _rules(text: str) -> dict[str, int]:
    """Active findings per rule of one audited Markdown/text snippet."""
    return _audit_text(text).summary["findings_by_rule"]


def _audit_text(text: str, name: str = "a.md", tmp: Path | None = None, **options):
    folder = tmp or Path.cwd()
    (folder / name).write_text(text, encoding="utf-8")
    return mtaudit.audit(folder / name, no_roundtrip=True, no_lm=True, **options)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


# ------------------------------------------------------------------ the parser


def test_directive_syntaxes_rules_and_justification():
    text = (
        "<!-- mtaudit: ignore DE-GRAM-001, REP quoted from the source -->\n"
        "Some text. <!-- mtaudit: ignore -->\n"
        "# mtaudit: ignore LANG-MIX\n"
        "#. mtaudit: ignore ALL\n"
        "Price # mtaudit: ignore REP-001\n"  # not a whole-line comment
        "<!-- mtaudit: ignored -->\n"  # not the directive
    )
    found = parse_directives(text)
    assert [(d.syntax, d.rules, d.line, d.standalone) for d in found] == [
        ("html", ("DE-GRAM-001", "REP"), 1, True),
        ("html", (), 2, False),
        ("hash", ("LANG-MIX",), 3, True),
        ("hash", (), 4, True),
    ]
    assert found[0].reason == "quoted from the source"
    assert found[0].covers("REP-003") and found[0].covers("DE-GRAM-001")
    assert not found[0].covers("DE-GRAM-002") and found[1].covers("anything")
    assert text[found[1].start : found[1].end] == "<!-- mtaudit: ignore -->"
    assert rule_matches("DE-GENDER-004", ["DE-GENDER"]) and rule_matches("REP-1", ["ALL"])
    assert not rule_matches("DE-GENDERX-1", ["DE-GENDER"])


def test_per_file_ignores_match_like_ruff(tmp_path):
    pfi = PerFileIgnores.coerce({"drafts/*": ["LANG-MIX"], "!*.md": "REP-001,REP-003"}, tmp_path)
    assert pfi.rules_for("x.txt", tmp_path / "drafts" / "x.txt") == (
        "LANG-MIX",
        "REP-001",
        "REP-003",
    )
    assert pfi.rules_for("x.md", tmp_path / "drafts" / "x.md") == ("LANG-MIX",)
    assert pfi.rules_for("y.md", tmp_path / "y.md") == ()


# ------------------------------------------------------------------ scopes in text


def test_same_line_directive_covers_only_its_line():
    found = _rules(f"{DOUBLED} <!-- mtaudit: ignore REP-001 -->\n{DOUBLED2}\n")
    assert found == {"REP-001": 1}


def test_standalone_directive_covers_the_next_paragraph_in_markdown():
    text = (
        f"{DOUBLED}\n\n<!-- mtaudit: ignore REP-001 -->\n{DOUBLED2}\n{CIRCULAR}\n\n"
        f"The board met on Monday. {DOUBLED2}\n"
    )
    result = _audit_text(text, segmentation="paragraph")
    rows = result.findings
    assert sorted(rows["line"][rows["rule"] == "REP-001"]) == [1, 7]
    assert "REP-003" in set(rows["rule"])  # another rule in the covered paragraph stays
    assert result.summary["suppressed"]["by_source"]["inline"] == 1
    assert result.summary["suppressed"]["by_source_and_rule"] == {"inline": {"REP-001": 1}}


def test_standalone_directive_after_a_blank_line_covers_the_paragraph_below():
    text = f"<!-- mtaudit: ignore -->\n\n{DOUBLED} {CIRCULAR}\n\n{DOUBLED2}\n"
    result = _audit_text(text)
    assert list(result.findings["line"]) == [5]
    assert result.summary["suppressed"]["by_rule"] == {"REP-001": 1, "REP-003": 1}


def test_hash_comment_in_a_line_per_segment_text_covers_the_next_line():
    text = f"{DOUBLED}\n# mtaudit: ignore REP\n{DOUBLED2}\n{DOUBLED}\n"
    result = _audit_text(text, name="mt.txt")
    assert sorted(result.findings["line"]) == [1, 4]
    directive = result.sentences[result.sentences["text"].str.contains("mtaudit: ignore")]
    assert list(directive["skip_reason"]) == ["mtaudit: ignore directive"]
    assert result.summary["totals"]["audited"] == 3


def test_unknown_rule_in_a_directive_is_a_warning_not_a_silent_pass():
    result = _audit_text(f"{DOUBLED} <!-- mtaudit: ignore REP-0O1 -->\n")
    assert result.summary["findings_by_rule"] == {"REP-001": 1}
    assert "names no known check: REP-0O1" in result.documents.iloc[0]["warnings"]


def test_inline_suppressions_can_be_switched_off():
    text = f"{DOUBLED} <!-- mtaudit: ignore -->\n"
    assert _audit_text(text, inline_suppressions=False).summary["findings_by_rule"]


def test_suppressed_findings_leave_the_score_and_the_terminal_says_so(capsys):
    Path("a.md").write_text(f"{DOUBLED} <!-- mtaudit: ignore -->\n", encoding="utf-8")
    assert main(["audit", "a.md", "--no-roundtrip", "--no-lm", "--out", "r"]) == 0
    out = capsys.readouterr().out
    assert "1 finding suppressed inline (mtaudit: ignore)" in out
    sentences = pd.read_csv("r/sentences.csv", keep_default_na=False)
    assert set(sentences["verdict"]) == {"ok"}


# ------------------------------------------------------------------ XLIFF notes


def test_xliff_reader_records_unit_lines_and_notes(tmp_path):
    v12 = read_xliff(FIXTURES / "v12.xlf")
    assert v12.lines == [5, 9] and v12.notes == ["", ""]
    v20 = read_xliff(FIXTURES / "v20.xliff")
    assert v20.lines == [5, 11]
    (tmp_path / "n.xlf").write_text(
        '<?xml version="1.0"?>\n<xliff version="2.0" srcLang="en" trgLang="en" '
        'xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f">\n'
        '<unit id="u"><notes><note>mtaudit: ignore REP-001</note></notes>\n'
        f"<segment><source>x</source><target>{DOUBLED}</target></segment>\n"
        f"<segment><source>y</source><target>{DOUBLED2}</target></segment></unit>\n"
        f'<unit id="v"><segment><source>z</source><target>{DOUBLED}</target></segment>'
        "</unit></file></xliff>\n",
        encoding="utf-8",
    )
    _, rows, _ = pair_document(PairSource(tmp_path / "n.xlf"))
    assert list(rows["unit_line"]) == [4, 5, 6]
    assert list(rows["unit_note"]) == ["mtaudit: ignore REP-001"] * 2 + [""]
    result = mtaudit.audit(tmp_path / "n.xlf", no_roundtrip=True, no_lm=True, select="REP")
    assert list(result.findings["line"]) == [6]
    assert result.summary["suppressed"]["by_source"]["inline"] == 2


# ------------------------------------------------------------------ config


def test_per_file_ignores_and_extend_select_in_config(tmp_path, capsys):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text(f"{DOUBLED}\n", encoding="utf-8")
    (tmp_path / "final.txt").write_text(f"{DOUBLED}\n", encoding="utf-8")
    (tmp_path / "mtaudit.toml").write_text(
        'select = ["LANG"]\nextend-select = ["REP-001"]\n\n'
        '[per-file-ignores]\n"drafts/*" = ["REP"]\n',
        encoding="utf-8",
    )
    assert main(["audit", ".", "--no-roundtrip", "--no-lm", "--out", "r", "-q"]) == 0
    summary = json.loads(Path("r/summary.json").read_text())
    assert summary["findings_by_rule"] == {"REP-001": 1}  # extend-select added it to LANG
    assert summary["suppressed"]["by_source"]["per-file-ignores"] == 1
    findings = pd.read_csv("r/findings.csv", keep_default_na=False)
    assert list(findings["file"]) == ["final.txt"]
    # A flag extends the selection too.
    code = main(
        [
            "audit",
            ".",
            "--no-roundtrip",
            "--no-lm",
            "--out",
            "r",
            "-q",
            "--extend-select",
            "REP-003",
        ]
    )
    assert code == 0
    assert "REP-003" in json.loads(Path("r/summary.json").read_text())["signature"]["checks"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"per-file-ignores": ["x"]}, "per-file-ignores: expected a table"),
        ({"per-file-ignores": {"*.md": [1]}}, "expected a list of strings"),
        ({"extend-select": 3}, "extend-select: expected a list of strings"),
        ({"docs-url": 3}, "docs-url: expected a string"),
    ],
)
def test_new_config_keys_are_validated(table, message):
    with pytest.raises(ConfigError, match=message):
        parse(table)


def test_unknown_check_in_per_file_ignores_is_a_usage_error(capsys):
    Path("a.txt").write_text(f"{DOUBLED}\n", encoding="utf-8")
    Path("mtaudit.toml").write_text('[per-file-ignores]\n"*" = ["NOPE-1"]\n', encoding="utf-8")
    assert main(["audit", "a.txt", "--no-roundtrip", "--no-lm", "--out", "r"]) == 2
    assert "per-file-ignores: unknown check id or prefix: 'NOPE-1'" in capsys.readouterr().err


# ------------------------------------------------------------------ baselines


def test_baseline_create_on_fresh_reports_writes_nothing_and_says_how(capsys):
    Path("a.txt").write_text(f"{DOUBLED}\n", encoding="utf-8")
    main(["audit", "a.txt", "--no-roundtrip", "--no-lm", "--out", "r", "-q"])
    assert main(["baseline", "create", "r", "-o", "b.json"]) == 0
    err = capsys.readouterr().err
    assert "nothing written" in err and "no sentence" in err and "--all-findings" in err
    assert not Path("b.json").exists()
    assert main(["baseline", "create", "r", "-o", "b.json", "--all-findings"]) == 0
    assert "1 findings written" in capsys.readouterr().out
    assert (
        main(["audit", "a.txt", "--no-roundtrip", "--no-lm", "--out", "r2", "--baseline", "b.json"])
        == 0
    )
    out = capsys.readouterr().out
    assert "baseline b.json: 1 finding suppressed (1 entries)" in out


# ------------------------------------------------------------------ Python API


def test_api_accepts_str_path_and_list_with_flag_names(tmp_path):
    Path("a.txt").write_text(f"{DOUBLED}\n", encoding="utf-8")
    Path("b.txt").write_text(f"{CIRCULAR}\n", encoding="utf-8")
    for paths in ("a.txt", Path("a.txt"), ["a.txt", Path("b.txt")]):
        result = mtaudit.audit(paths, no_roundtrip=True, no_lm=True, no_cache=True)
        assert result.roundtrip.reason == "round trip switched off (--no-roundtrip)"
        assert list(result.findings.columns) == list(FINDING_FIELDS)
    assert set(result.findings["rule"]) >= {"REP-001", "REP-003"}
    only = mtaudit.audit(["a.txt", "b.txt"], no_roundtrip=True, no_lm=True, select="REP-003")
    assert set(only.findings["rule"]) == {"REP-003"}
    none = mtaudit.audit(["a.txt", "b.txt"], no_roundtrip=True, no_lm=True, ignore="REP")
    assert "REP-001" not in set(none.findings["rule"])
    written = mtaudit.write_reports(result, tmp_path / "out")
    assert (tmp_path / "out" / "findings.csv") in written
    Path("base.json").write_text(
        json.dumps(
            {
                "version": 1,
                "entries": [
                    {"doc": "a.txt", "sentence": _hash(DOUBLED), "check": "REP-001"},
                ],
            }
        )
    )
    based = mtaudit.audit(["a.txt", "b.txt"], no_roundtrip=True, no_lm=True, baseline="base.json")
    assert based.summary["baseline"]["suppressed"] == 1
    with pytest.raises(TypeError, match="unknown option 'bogus'"):
        mtaudit.audit("a.txt", bogus=True)


def test_api_pairs_and_out(tmp_path):
    Path("src.de").write_text("Der Ausschuss hat getagt.\nDer Vorstand hat getagt.\n")
    Path("tgt.en").write_text(f"The committee met.\n{DOUBLED}\n")
    result = mtaudit.audit(
        [],
        source_file="src.de",
        target_file="tgt.en",
        no_roundtrip=True,
        no_lm=True,
        out=tmp_path / "r",
    )
    assert (tmp_path / "r" / "summary.json").exists()
    assert result.documents.iloc[0]["doc"] == "src.de+tgt.en"
    row = result.findings[result.findings["rule"] == "REP-001"].iloc[0]
    # Findings are in the target file: its path, its line.
    assert (row["file"], row["line"], row["column"]) == ("tgt.en", 2, DOUBLED.index("the the") + 1)
    pairs = mtaudit.audit(
        FIXTURES / "v12.xlf", no_roundtrip=True, no_lm=True, pairs=[FIXTURES / "pairs.tsv"]
    )
    assert set(pairs.documents["doc"]) == {"v12.xlf", str((FIXTURES / "pairs.tsv").as_posix())}


def _hash(text: str) -> str:
    from mtaudit.reports.reviewer import sentence_hash

    return sentence_hash(text)
