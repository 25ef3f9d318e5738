"""Every shipped data file loads through the one loader, names its source and licence, and
every pattern in it compiles."""

from __future__ import annotations

import re

import pytest

from mtaudit.data import COLUMNS, KEYS, DataError, json_data, shipped, table
from mtaudit.lang.phrases import compile_pattern


def test_every_shipped_file_is_registered():
    assert sorted(shipped()) == sorted([*COLUMNS, *KEYS])


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_tables_load_with_provenance(name):
    loaded = table(name)
    assert loaded.columns == COLUMNS[name]
    assert len(loaded) > 0
    assert loaded.source and loaded.licence


@pytest.mark.parametrize("name", sorted(KEYS))
def test_json_files_load_with_provenance(name):
    data = json_data(name)
    assert data["_source"] and data["_licence"]


def test_every_pattern_compiles():
    compiled = 0
    for rule in json_data("boilerplate.json")["rules"]:
        re.compile(rule["pattern"], re.IGNORECASE)
        compiled += 1
    for entry in json_data("de/false_friends.json")["patterns"]:
        for key in ("clause_re", "unless_re", "next_re"):
            if entry.get(key):
                re.compile(entry[key])
                compiled += 1
    for row in table("names/translit.tsv"):
        re.compile(row["pattern"])
        compiled += 1
    for name in ("idioms/de_calques.tsv", "idioms/en_distortions.tsv"):
        for row in table(name):
            compile_pattern(row["pattern"], row, row["unless"])
            compiled += 1
    assert compiled > 400


def test_unregistered_or_malformed_files_are_errors(monkeypatch):
    with pytest.raises(DataError, match="not a registered table"):
        table("idioms/nope.tsv")
    monkeypatch.setitem(COLUMNS, "generic/legit_doubles.tsv", ("lang", "word"))
    table.cache_clear()
    try:
        with pytest.raises(DataError, match="expected"):
            table("generic/legit_doubles.tsv")
    finally:
        table.cache_clear()
