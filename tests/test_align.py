"""Gale–Church alignment of document pairs that are not line-aligned."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mtaudit.align import bead_cost, beads
from mtaudit.bilingual import PairSource
from mtaudit.cli import main
from mtaudit.pipeline import audit

SOURCE = (
    "The museum opens at ten in the morning and closes late on Fridays, when the galleries "
    "stay open for evening tours.\n"
    "Tickets are valid for the whole day.\n"
    "Children under twelve enter for free.\n"
    "The garden behind the museum has a small pond with ducks.\n"
)
TARGET = (
    "Das Museum öffnet um zehn Uhr morgens. Freitags schließt es spät, dann bleiben die "
    "Galerien für Abendführungen geöffnet.\n"
    "Die Karten gelten den ganzen Tag, und Kinder unter zwölf haben freien Eintritt.\n"
    "Der Garten hinter dem Museum hat einen kleinen Teich mit Enten.\n"
)


def _pair(tmp_path: Path, source: str = SOURCE, target: str = TARGET) -> PairSource:
    (tmp_path / "museum.en").write_text(source, encoding="utf-8")
    (tmp_path / "museum.de").write_text(target, encoding="utf-8")
    return PairSource(tmp_path / "museum.en", tmp_path / "museum.de")


def test_beads_split_merge_and_unmatched() -> None:
    assert beads([100, 40, 40], [50, 50, 82]) == [([0], [0, 1]), ([1, 2], [2])]
    assert beads([30, 30], [31]) == [([0, 1], [0])]
    assert beads([40, 8, 40], [41, 42]) == [([0], [0]), ([1, 2], [1])]
    assert beads([], [10]) == [([], [0])] and beads([7, 9], []) == [([0], []), ([1], [])]


def test_long_texts_are_aligned_within_a_band() -> None:
    source = [20 + (i * 37) % 130 for i in range(300)]  # 300 x 292 cells: over FULL_CELLS
    target, merged = [], []
    i = 0
    while i < len(source):
        if i % 37 == 5:
            merged.append(i)
            target.append(source[i] + source[i + 1] + 1)
            i += 2
        else:
            target.append(source[i] + 2)
            i += 1
    found = beads(source, target)
    assert [s[0] for s, t in found if len(s) == 2] == merged
    assert sum(len(s) for s, _ in found) == 300 and sum(len(t) for _, t in found) == len(target)


def test_bead_cost_is_low_for_matching_lengths_and_high_otherwise() -> None:
    good, bad = bead_cost(60, 63, (1, 1)), bead_cost(60, 10, (1, 1))
    assert 0 < good < 2 < bad
    assert bead_cost(60, 62, (2, 1)) > good  # a merge costs its lower prior


def test_misaligned_files_are_aligned_with_merges_visible(tmp_path: Path) -> None:
    result = audit([], pairs=[_pair(tmp_path)], roundtrip=False, lm=False, use_cache=False)
    rows = result.sentences
    assert list(rows["alignment"]) == ["1-2", "2-1", "1-1"]
    assert rows.iloc[0]["source"].startswith("The museum opens at ten")
    assert rows.iloc[1]["source"] == (
        "Tickets are valid for the whole day. Children under twelve enter for free."
    )
    assert rows.iloc[1]["text"].startswith("Die Karten") and rows.iloc[1]["text"].endswith(
        "Eintritt."
    )
    assert all(c >= 0 for c in rows["align_cost"])
    doc = result.documents.iloc[0]
    assert doc["errors"] == "" and doc["audited"] == 3
    assert "Gale–Church" in doc["warnings"] and "1 merged" not in doc["warnings"]
    assert "2 merged" in doc["warnings"]
    for r in rows.itertuples():  # offsets point into the target file itself
        assert TARGET[r.start : r.end] == r.text


def test_findings_point_into_the_target_file(tmp_path: Path) -> None:
    target = TARGET.replace("kleinen Teich", "kleinen kleinen Teich")
    result = audit(
        [], pairs=[_pair(tmp_path, target=target)], roundtrip=False, lm=False, use_cache=False
    )
    rep = result.findings[result.findings["rule"] == "REP-001"].iloc[0]
    assert rep["line"] == 3
    assert target[rep["offset"] : rep["offset"] + rep["length"]] == "kleinen kleinen"
    assert rep["column"] == target.split("\n")[2].index("kleinen kleinen") + 1


def test_an_empty_target_file_leaves_every_source_sentence_untranslated(tmp_path: Path) -> None:
    spec = _pair(tmp_path, target="\n")
    result = audit([], pairs=[spec], roundtrip=False, lm=False, use_cache=False)
    rows = result.sentences
    assert set(rows["alignment"]) == {"1-0"} and set(rows["text"]) == {""}
    assert rows.iloc[0]["source"].startswith("The museum opens")
    assert all("SRC-EMPTY-001" in ids for ids in rows["issue_ids"])


def test_line_aligned_files_still_pair_by_line(tmp_path: Path) -> None:
    spec = _pair(tmp_path, "One.\nTwo.\n", "Eins.\nZwei.\n")
    rows = audit([], pairs=[spec], roundtrip=False, lm=False, use_cache=False).sentences
    assert list(rows["text"]) == ["Eins.", "Zwei."]
    assert "alignment" not in rows or rows["alignment"].isna().all()


def test_cli_reports_alignment_columns(tmp_path: Path) -> None:
    # a doubled word in the merged pair, so the HTML lists it with its alignment
    spec = _pair(tmp_path, target=TARGET.replace("gelten den", "gelten gelten den"))
    out = tmp_path / "r"
    argv = ["audit", "--no-roundtrip", "--no-lm", "-q", "--out", str(out)]
    code = main([*argv, "--source-file", str(spec.path), "--target-file", str(spec.target_path)])
    assert code == 0
    sentences = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
    assert list(sentences["alignment"]) == ["1-2", "2-1", "1-1"]
    assert all(float(c) >= 0 for c in sentences["align_cost"])
    assert "REP-001" in sentences.loc[1, "issue_ids"]
    pages = [p for p in (out / "html").glob("*.html") if p.name != "index.html"]
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert '<span class="align">2-1 merged</span>' in page
