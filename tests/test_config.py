"""Configuration: found upwards, validated key by key, overridden by flags."""

from __future__ import annotations

import json

import pytest

from mtaudit.cli import main
from mtaudit.config import Config, ConfigError, GateThresholds, find, load
from mtaudit.settings import DEFAULT_SETTINGS, Thresholds

PYPROJECT = """
[project]
name = "corpus"

[tool.mtaudit]
select = ["REP"]
ignore = ["REP-003"]
languages = ["en"]
exclude = ["drafts/*"]
cache_dir = "cache"
batch-size = 8

[tool.mtaudit.thresholds]
review = 0.1
garbled = 0.5

[tool.mtaudit.gate]
max-garbled = 0
require-roundtrip = true
"""
TEXT = (
    "The committee approved the the budget on Friday. The Mayor of Lyon has criticised "
    "the Mayor of Lyon for the delay.\n"
)


def test_found_upwards_and_parsed(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find(deep) == tmp_path / "pyproject.toml"
    config = load(start=deep)
    assert config.select == ["REP"] and config.ignore == ["REP-003"]
    assert config.languages == ["en"] and config.exclude == ["drafts/*"]
    assert config.cache_dir == str((tmp_path / "cache").resolve())
    assert config.batch_size == 8 and (config.review, config.garbled) == (0.1, 0.5)
    assert config.gate == GateThresholds(max_garbled=0, require_roundtrip=True)


def test_mtaudit_toml_wins_and_pyproject_without_table_is_ignored(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find(tmp_path) is None
    assert load(start=tmp_path) == Config()
    (tmp_path / "mtaudit.toml").write_text("ignore = ['PUNCT']\n[gate]\nmax-garbled = 2\n")
    config = load(start=tmp_path)
    assert config.ignore == ["PUNCT"] and config.gate.max_garbled == 2


@pytest.mark.parametrize(
    "body, named",
    [
        ("selct = ['REP']", "unknown key 'selct'"),
        ("batch-size = '8'", "batch-size: expected a whole number"),
        ("languages = ['fr']", "languages: unsupported language 'fr'"),
        ("[thresholds]\nreview = 1.5", "thresholds.review: expected a number between 0 and 1"),
        ("[thresholds]\nreview = 0.7\ngarbled = 0.5", "review (0.7) must not exceed garbled"),
        ("[gate]\nmax-garbled = true", "gate.max-garbled: expected a whole number"),
        ("[gate]\nmax_garbeld_share = 0.1", "unknown key gate.'max_garbeld_share'"),
        ("roundtrip = 'no'", "roundtrip: expected true or false"),
        ("select = [", "mtaudit.toml"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(tmp_path, monkeypatch, capsys, body, named):
    (tmp_path / "mtaudit.toml").write_text(body + "\n")
    (tmp_path / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    assert main(["audit", "a.txt", "--no-roundtrip", "-q", "--out", "out"]) == 2
    assert named in capsys.readouterr().err
    with pytest.raises(ConfigError, match="mtaudit.toml"):
        load()


def test_flags_override_the_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    assert main(["audit", "a.txt", "--no-roundtrip", "--json", "--out", "out"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert "REP-001" in summary["signature"]["checks"]
    assert summary["signature"]["checks"] == sorted(
        c for c in summary["signature"]["checks"] if c.startswith("REP") and c != "REP-003"
    )
    assert summary["signature"]["thresholds"] == {"review": 0.1, "garbled": 0.5}
    assert DEFAULT_SETTINGS.thresholds == Thresholds(0.15, 0.5)  # the defaults are untouched

    assert (
        main(
            [
                "audit",
                "a.txt",
                "--no-roundtrip",
                "--json",
                "--out",
                "out",
                "--ignore",
                "REP-001",
                "--garbled-threshold",
                "0.9",
            ]
        )
        == 0
    )
    summary = json.loads(capsys.readouterr().out)
    assert "REP-001" not in summary["signature"]["checks"]
    assert summary["signature"]["thresholds"]["garbled"] == 0.9


def test_languages_skip_other_sentences(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    assert (
        main(["audit", "a.txt", "--no-roundtrip", "--json", "--out", "out", "--languages", "de"])
        == 0
    )
    totals = json.loads(capsys.readouterr().out)["totals"]
    assert totals["audited"] == 0 and totals["skipped"] == 2


def test_thresholds_are_a_value_not_a_global():
    settings = Config(review=0.01).settings()
    assert settings.thresholds.review == 0.01
    assert DEFAULT_SETTINGS.thresholds.review == 0.15
    with pytest.raises(ValueError, match="must not exceed"):
        DEFAULT_SETTINGS.with_thresholds(review=0.9, garbled=0.5)


def test_checks_select_filters_the_listing(capsys):
    assert main(["checks", "--json", "--select", "REP-001,PUNCT-002"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["PUNCT-002", "REP-001"]
    assert main(["checks", "--select", "NOPE"]) == 2


def test_pivot_language_from_file_and_flags(tmp_path, monkeypatch):
    (tmp_path / "mtaudit.toml").write_text('[pivot]\nde = "fr"\n')
    monkeypatch.chdir(tmp_path)
    assert load().pivot == {"de": "fr"}
    (tmp_path / "mtaudit.toml").write_text('[pivot]\nde = "de"\n')
    with pytest.raises(ConfigError, match="pivot.de"):
        load()
    (tmp_path / "mtaudit.toml").write_text('[pivot]\nxx = "en"\n')
    with pytest.raises(ConfigError, match="unsupported language"):
        load()


def test_pivot_routes_the_round_trip_through_another_language(tmp_path):
    import mtaudit
    from mtaudit.translate.base import Translation

    class Echo:
        def __init__(self, source, target):
            self.source, self.target, self.model_id = source, target, f"echo:{source}-{target}"

        def translate(self, texts):
            return [Translation(t, -0.1) for t in texts]

        def score(self, sources, targets):
            return [-0.1] * len(targets)

    asked = []

    def factory(source, target):
        asked.append((source, target))
        return Echo(source, target)

    (tmp_path / "a.txt").write_text("Der Stadtrat hat den Haushalt am Montag beschlossen.\n")
    result = mtaudit.audit([tmp_path], pivot={"de": "fr"}, translator_factory=factory)
    assert sorted(asked) == [("de", "fr"), ("fr", "de")]
    assert result.summary["roundtrip"]["ran"] is True
