"""The german-nouns table read from its SQLite copy answers exactly as the CSV does."""

from __future__ import annotations

import random

import pytest
from german_nouns.lookup import Nouns

from mtaudit.lang import noun_store
from mtaudit.lang.noun_store import NounStore, data_dir, derived, load, store_path


@pytest.fixture(scope="module")
def both():
    return Nouns(), load()


def test_the_copy_gives_the_records_rows_and_index_of_the_csv(both):
    csv, store = both
    assert isinstance(store, NounStore)
    assert store.header == csv.header and len(store.data) == len(csv.data)
    forms = random.Random(13).sample(sorted(csv.index), 1500)
    for form in [*forms, "Haus", "Häuser", "Regierungssprecher", "Xyzzyq", "bank", ""]:
        assert store[form] == csv[form], form
        assert store[form.capitalize()] == csv[form.capitalize()], form
        assert store.index[form.lower()] == csv.index.get(form.lower(), [])
        assert (form.lower() in store.index) == bool(csv.index.get(form.lower()))
    assert store.data[0] == csv.data[0] and store.data[len(csv.data) - 1] == csv.data[-1]
    assert next(iter(store.data)) == csv.data[0]


def test_a_forked_process_opens_its_own_connection(both, monkeypatch):
    _, store = both
    first = store._db()
    monkeypatch.setattr(noun_store.os, "getpid", lambda: -42)
    assert store._db() is not first
    assert store._read_ids("haus") == tuple(Nouns().index["haus"])


def test_a_copy_that_cannot_be_written_falls_back_to_the_csv(tmp_path, caplog):
    store_path(tmp_path).mkdir()  # a folder where the file should go: os.replace fails
    table = load(tmp_path)
    assert type(table) is Nouns and table["Haus"]
    assert "reading the CSV" in caplog.text


def test_derived_values_are_computed_once_and_recomputed_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("MTAUDIT_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path
    calls = []

    def compute():
        calls.append(1)
        return {"regierungs": 3, "schul": 2}

    assert derived("demo", compute) == {"regierungs": 3, "schul": 2}
    assert derived("demo", compute) == {"regierungs": 3, "schul": 2}
    assert len(calls) == 1
    (kept,) = tmp_path.glob("demo-*.json")
    kept.write_text("{not json", encoding="utf-8")
    assert derived("demo", compute) == {"regierungs": 3, "schul": 2} and len(calls) == 2
