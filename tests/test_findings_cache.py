"""The findings cache: an unchanged document is served from it, anything that could change
its findings (text, checks, code, data, library versions) makes a new key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import mtaudit
from mtaudit.checks import DocumentView, Finding, SentenceView
from mtaudit.findings_cache import FindingsCache, code_fingerprint, document_key

PACKAGE = Path(mtaudit.__file__).resolve().parent


def _view(text: str) -> DocumentView:
    return DocumentView(
        doc="a.txt",
        lang="de",
        sentences=[SentenceView(text=text, lang="de", doc="a.txt")],
        text=text,
    )


def test_editing_a_shipped_data_file_changes_the_key(tmp_path):
    copy = tmp_path / "mtaudit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_fingerprint(copy)
    assert before == code_fingerprint(PACKAGE)
    lexicon = copy / "data" / "generic" / "legit_doubles.tsv"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "en\tthat\tany\n", encoding="utf-8")
    after = code_fingerprint(copy)
    assert after != before
    view = _view("Die die Regierung tagte.")
    assert document_key(view, ["REP-001"], before) != document_key(view, ["REP-001"], after)


def test_gzipped_data_is_covered(tmp_path):
    copy = tmp_path / "mtaudit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_fingerprint(copy)
    gz = copy / "data" / "collocations" / "en_pairs.tsv.gz"
    gz.write_bytes(gz.read_bytes() + b"\0")
    assert code_fingerprint(copy) != before


def test_library_versions_are_part_of_the_key(tmp_path, monkeypatch):
    import mtaudit.findings_cache as fc

    copy = tmp_path / "mtaudit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_fingerprint(copy)
    monkeypatch.setattr(fc.metadata, "version", lambda dist: "99.0" if dist == "HanTa" else "1.0")
    assert code_fingerprint(copy) != before


def test_text_and_checks_change_the_key_and_hits_are_served(tmp_path):
    fp = code_fingerprint()
    a, b = _view("Der Rat tagte."), _view("Der Rat tagte lange.")
    assert document_key(a, ["REP-001"], fp) != document_key(b, ["REP-001"], fp)
    assert document_key(a, ["REP-001"], fp) != document_key(a, ["REP-002"], fp)
    cache = FindingsCache(tmp_path / "findings.db")
    key = document_key(a, ["REP-001"], fp)
    assert cache.get(key) is None
    found = {0: [Finding("REP-001", "doubled", 0, 3, "minor", "Fluency/Grammar")]}
    cache.put(key, found)
    assert cache.get(key) == found
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_cached_segmentation_gives_the_same_tables_and_document_notes(tmp_path, monkeypatch):
    import pandas as pd

    import mtaudit.pipeline as pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Der Rat hat den den Haushalt beschlossen. Die Opposition stimmte dagegen.\n"
        "Skip to content\n",
        encoding="utf-8",
    )
    (folder / "tok.txt").write_text(
        "Der Zug kam , wie immer , zu spät .\nDie Fahrgäste warteten lange .\n"
        "Der Bahnhof ist ( seit Montag ) gesperrt .\n",
        encoding="utf-8",
    )
    (folder / "b.md").write_text("The council has approved the the budget.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cold = mtaudit.audit([folder], roundtrip=False, lm=False, cache_dir=cache, jobs=1)

    def never(document, mode="auto"):
        raise AssertionError(f"{document.doc} was segmented again")

    monkeypatch.setattr(pipeline, "segment", never)
    warm = mtaudit.audit([folder], roundtrip=False, lm=False, cache_dir=cache, jobs=1)
    pd.testing.assert_frame_equal(cold.sentences, warm.sentences)
    pd.testing.assert_frame_equal(cold.documents, warm.documents)
    assert "tokenised" in warm.documents.set_index("doc").loc["tok.txt", "warnings"]
    with pytest.raises(AssertionError, match="segmented again"):  # another mode: a new key
        mtaudit.audit([folder], roundtrip=False, lm=False, cache_dir=cache, segmentation="line")
