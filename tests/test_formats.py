"""Localisation formats: PO, TMX, SRT/WebVTT, Markdown, XLIFF unit ids and stdin."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from mtaudit.bilingual import PairSource, pair_document, read_xliff
from mtaudit.cli import main
from mtaudit.documents import STDIN_DOC, ReadError, discover, read_document
from mtaudit.formats import drop_masked, mask_markdown, read_po, read_tmx
from mtaudit.pipeline import audit

PO = """\
# German translation of the garden planner.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

# mtaudit: ignore REP-001 the planner repeats on purpose
#: src/planner.c:12
#, fuzzy
msgid "Water the tomatoes every morning."
msgstr "Gießen Sie die die Tomaten jeden Morgen."

msgid "One seed packet"
msgid_plural "%d seed packets"
msgstr[0] "Ein Samenpäckchen"
msgstr[1] "%d Samenpäckchen"

msgctxt "menu"
msgid "Harvest"
msgstr ""

#~ msgid "Compost"
#~ msgstr "Kompost"
"""

TMX = """\
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
          creationtool="t" creationtoolversion="1" o-tmf="t"/>
  <body>
    <tu tuid="bike-1">
      <note>checked by the workshop</note>
      <tuv xml:lang="de-DE"><seg>Das Fahrrad hat eine <bpt i="1">&lt;b&gt;</bpt>neue<ept
        i="1">&lt;/b&gt;</ept> Kette.</seg></tuv>
      <tuv xml:lang="en"><seg>The bicycle has a <bpt i="1">&lt;b&gt;</bpt>new<ept
        i="1">&lt;/b&gt;</ept> chain.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en"><seg>Check the tyre pressure weekly.</seg></tuv>
      <tuv xml:lang="de"><seg>Prüfen Sie den Reifendruck wöchentlich.</seg></tuv>
      <tuv xml:lang="fr"><seg>Vérifiez la pression des pneus chaque semaine.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

SRT = """\
1
00:00:01,000 --> 00:00:03,500
<i>The ferry left the harbour</i>
just after dawn.

2
00:00:04,000 --> 00:00:06,000
- Were you on board?
- Only my brother.
"""

VTT = """\
WEBVTT - harbour talk

NOTE a comment that is not a subtitle

intro
00:00:01.000 --> 00:00:03.500 align:start position:10%
<v Anna>The ferry left the harbour just after dawn.</v>

00:04.000 --> 00:06.000
Were you on board?
"""

MD = """\
---
title: Bread
---
# Baking bread

Mix the flour with `salt_and_water()` and wait. See [the recipe](https://example.org/b "B")
or https://example.org/x.

```python
print("the the the")
```

    indented code code code

The **oven** must be very hot.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- PO


def test_po_pairs_plurals_fuzzy_and_untranslated(tmp_path: Path) -> None:
    pairs = read_po(_write(tmp_path, "app.po", PO))
    assert pairs.target_lang == "de"
    assert pairs.sources == [
        "Water the tomatoes every morning.",
        "One seed packet",
        "%d seed packets",
        "Harvest",
    ]
    assert pairs.targets[1:3] == ["Ein Samenpäckchen", "%d Samenpäckchen"]
    assert pairs.ids == [
        "Water the tomatoes every morning.",
        "One seed packet[0]",
        "One seed packet[1]",
        "menu|Harvest",
    ]
    assert pairs.states == ["fuzzy", "", "", ""]
    assert pairs.lines == [12, 16, 17, 21]  # the msgstr lines
    assert pairs.skips[3].startswith("untranslated")
    assert pairs.notes[0].startswith("mtaudit: ignore REP-001")


def test_po_in_audit_marks_fuzzy_and_honours_translator_comment(tmp_path: Path) -> None:
    path = _write(tmp_path, "app.po", PO)
    result = audit([path], roundtrip=False, lm=False, use_cache=False)
    rows = result.sentences.set_index("unit_id")
    fuzzy = rows.loc["Water the tomatoes every morning."]
    assert fuzzy["unit_state"] == "fuzzy" and fuzzy["source"].startswith("Water")
    assert "REP-001" not in fuzzy["issue_ids"]
    assert result.summary["suppressed"]["by_source_and_rule"]["inline"] == {"REP-001": 1}
    assert rows.loc["menu|Harvest", "verdict"] == "skipped"
    # without the directive the repetition is found, at the msgstr's line
    plain = _write(tmp_path, "plain.po", PO.replace("# mtaudit: ignore REP-001", "# ok"))
    found = audit([plain], roundtrip=False, lm=False, use_cache=False).findings
    rep = found[found["rule"] == "REP-001"].iloc[0]
    assert rep["line"] == 12 and rep["text"].lower() == "die die"


def test_broken_po_is_an_error_row(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.po", 'msgid "a"\nmsgstr "b\nnonsense here\n')
    with pytest.raises(ReadError, match=r"bad.po: invalid PO file"):
        read_po(bad)
    good = _write(tmp_path, "good.txt", "The ferry left on time.\n")
    result = audit([bad, good], roundtrip=False, lm=False, use_cache=False)
    docs = result.documents.set_index("doc")
    assert "invalid PO" in docs.loc["bad.po", "errors"]
    assert docs.loc["good.txt", "audited"] == 1


# --------------------------------------------------------------------------- TMX


def test_tmx_units_by_language(tmp_path: Path) -> None:
    pairs = read_tmx(_write(tmp_path, "mem.tmx", TMX))
    assert pairs.sources[0] == "The bicycle has a new chain."  # srclang, not the first tuv
    assert pairs.targets[0] == "Das Fahrrad hat eine neue Kette."  # native code left out
    assert pairs.ids == ["bike-1", "tu 2:de", "tu 2:fr"]
    assert pairs.langs == ["de", "de", "fr"]
    assert pairs.notes[0] == "checked by the workshop"
    assert pairs.lines[0] == 8 and pairs.lines[1] == 15


def test_tmx_rows_keep_language_per_target(tmp_path: Path) -> None:
    document, rows, _ = pair_document(PairSource(_write(tmp_path, "mem.tmx", TMX)))
    assert document.lang == "de"
    french = rows[rows["unit_id"] == "tu 2:fr"].iloc[0]
    assert french["lang"] == "fr" and french["skip_reason"].startswith("unsupported language")


def test_tmx_with_entities_or_bad_xml_is_refused(tmp_path: Path) -> None:
    bomb = _write(
        tmp_path,
        "bomb.tmx",
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx version="1.4">'
        "<body><tu><tuv xml:lang='en'><seg>&a;</seg></tuv></tu></body></tmx>",
    )
    with pytest.raises(ReadError, match="entity declarations"):
        read_tmx(bomb)
    broken = _write(tmp_path, "broken.tmx", "<tmx version='1.4'><body><tu></body></tmx>")
    with pytest.raises(ReadError, match=r"broken.tmx line 1, column \d+: invalid XML"):
        read_tmx(broken)
    empty = _write(tmp_path, "empty.tmx", "<tmx version='1.4'><body/></tmx>")
    with pytest.raises(ReadError, match="without translation units"):
        read_tmx(empty)


# --------------------------------------------------------------------------- subtitles


def test_srt_cue_text_only_with_original_offsets(tmp_path: Path) -> None:
    document = read_document("talk.srt", _write(tmp_path, "talk.srt", SRT))
    result = audit([tmp_path / "talk.srt"], roundtrip=False, lm=False, use_cache=False)
    rows = result.sentences
    texts = [" ".join(t.split()) for t in rows["text"]]
    assert texts[0] == "The ferry left the harbour</i> just after dawn."
    assert texts[1:] == ["Were you on board?", "Only my brother."]
    for r in rows.itertuples():  # offsets point into the file as written
        assert document.text[r.start : r.end] == r.text
    assert "00:00" not in document.analysis and "-->" not in document.analysis


def test_subtitle_rows_carry_their_cue_and_crlf_files_read_alike(tmp_path: Path) -> None:
    rows = audit([_write(tmp_path, "talk.srt", SRT)], roundtrip=False, lm=False).sentences
    assert list(rows["unit_id"]) == [
        "1 00:00:01,000 --> 00:00:03,500",
        "2 00:00:04,000 --> 00:00:06,000",
        "2 00:00:04,000 --> 00:00:06,000",
    ]
    crlf = tmp_path / "crlf.srt"
    crlf.write_bytes(SRT.replace("\n", "\r\n").encode("utf-8"))
    again = audit([crlf], roundtrip=False, lm=False).sentences
    assert [" ".join(t.split()) for t in again["text"]] == [
        " ".join(t.split()) for t in rows["text"]
    ]
    assert list(again["unit_id"]) == list(rows["unit_id"])


def test_webvtt_header_notes_settings_and_voice_tags(tmp_path: Path) -> None:
    path = _write(tmp_path, "talk.vtt", VTT)
    result = audit([path], roundtrip=False, lm=False, use_cache=False)
    texts = list(result.sentences["text"])
    assert texts == ["The ferry left the harbour just after dawn.", "Were you on board?"]
    first = result.sentences.iloc[0]
    assert VTT.index("The ferry") == first["start"]
    assert list(result.sentences["unit_id"]) == [
        "intro 00:00:01.000 --> 00:00:03.500",
        "cue 2 00:04.000 --> 00:06.000",
    ]


def test_a_subtitle_file_without_cues_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no subtitle cues"):
        read_document("x.srt", _write(tmp_path, "x.srt", "Just a line of prose.\n"))


# --------------------------------------------------------------------------- Markdown


def test_markdown_masks_code_urls_and_link_targets(tmp_path: Path) -> None:
    document = read_document("guide.md", _write(tmp_path, "guide.md", MD))
    analysis = document.analysis
    assert len(analysis) == len(MD)
    for gone in ("salt_and_water", "https://", "example.org", "print(", "indented code", "**"):
        assert gone not in analysis, gone
    for kept in ("Baking bread", "Mix the flour with", "the recipe", "oven", "must be very hot"):
        assert kept in analysis, kept
    assert "title" not in analysis  # front matter


def test_markdown_code_is_not_checked_and_findings_point_into_the_file(tmp_path: Path) -> None:
    text = MD + "\nThe oven oven is hot.\n"
    path = _write(tmp_path, "guide.md", text)
    result = audit([path], roundtrip=False, lm=False, use_cache=False)
    found = result.findings
    assert "REP-001" in set(found["rule"])  # the repetition in prose
    rep = found[found["rule"] == "REP-001"].iloc[0]
    assert text[rep["offset"] : rep["offset"] + rep["length"]].lower() == "oven oven"
    assert rep["line"] == text[: rep["offset"]].count("\n") + 1
    # nothing was reported inside code, the URL or the front matter
    code = [(s, e) for s, e in mask_markdown(text)]
    for r in found.itertuples():
        assert not any(s <= r.offset < e for s, e in code)


def test_drop_masked_drops_findings_next_to_a_hole() -> None:
    from mtaudit.checks.base import Finding

    class Doc:
        doc = "d"
        analysis = "See the map or       ."
        masked = [(15, 21)]

    near = Finding("FRAG-004", "cut", 12, 14, "major", "Accuracy/Omission")
    far = Finding("REP-001", "rep", 0, 3, "minor", "Fluency/Repetition")
    table = pd.DataFrame({"doc": ["d"]})
    assert drop_masked(table, [[near, far]], [Doc()]) == [[far]]


def test_markdown_inline_suppression_comment(tmp_path: Path) -> None:
    text = "# Notes\n\n<!-- mtaudit: ignore REP-001 -->\nThe oven oven is hot.\n"
    result = audit([_write(tmp_path, "n.md", text)], roundtrip=False, lm=False, use_cache=False)
    assert "REP-001" not in set(result.findings["rule"])
    assert result.summary["suppressed"]["by_source"]["inline"] >= 1


# --------------------------------------------------------------------------- XLIFF ids


def test_xliff_unit_ids_and_state(tmp_path: Path) -> None:
    xlf = _write(
        tmp_path,
        "ids.xlf",
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" '
        'target-language="de"><body>\n<trans-unit id="menu.save"><source>Save</source>'
        '<target state="needs-review-translation">Speichern</target></trans-unit>\n'
        '<trans-unit id="menu.quit"><source>Quit the the app</source>'
        "<target>Beenden die die App</target></trans-unit>\n</body></file></xliff>",
    )
    pairs = read_xliff(xlf)
    assert pairs.ids == ["menu.save", "menu.quit"]
    assert pairs.states == ["needs-review-translation", ""]
    v2 = _write(
        tmp_path,
        "ids.xliff",
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
        'trgLang="de"><file id="f"><unit id="u1"><segment id="s1"><source>One.</source>'
        "<target>Eins.</target></segment><segment><source>Two.</source><target>Zwei."
        '</target></segment></unit><unit id="u2"><segment><source>Three.</source>'
        "<target>Drei.</target></segment></unit></file></xliff>",
    )
    assert read_xliff(v2).ids == ["u1/s1", "u1/2", "u2"]


def test_unit_id_in_sentences_csv_sarif_and_html(tmp_path: Path) -> None:
    xlf = _write(
        tmp_path,
        "ids.xlf",
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" '
        'target-language="de"><body>\n<trans-unit id="menu.quit"><source>Quit the app now'
        "</source><target>Beenden Sie die die App jetzt</target></trans-unit>\n</body></file>"
        "</xliff>",
    )
    out = tmp_path / "r"
    code = main(["audit", "--no-roundtrip", "--no-lm", "-q", "--out", str(out), str(xlf)])
    assert code == 0
    sentences = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
    assert list(sentences["unit_id"]) == ["menu.quit"]
    code = main(
        ["audit", "--no-roundtrip", "--no-lm", "--out", str(out), "--output-format", "sarif"]
        + [str(xlf)]
    )
    html = next((out / "html").glob("ids*.html")).read_text(encoding="utf-8")
    assert "menu.quit" in html


def test_sarif_logical_location_is_the_unit(tmp_path: Path, capsys) -> None:
    xlf = _write(
        tmp_path,
        "ids.xlf",
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" '
        'target-language="de"><body>\n<trans-unit id="menu.quit"><source>Quit the app now'
        "</source><target>Beenden Sie die die App jetzt</target></trans-unit>\n</body></file>"
        "</xliff>",
    )
    argv = ["audit", "--no-roundtrip", "--no-lm", "-q", "--out", str(tmp_path / "r")]
    assert main([*argv, "--output-format", "sarif", str(xlf)]) == 0
    log = json.loads(capsys.readouterr().out)
    results = log["runs"][0]["results"]
    assert results, "the repeated word must be found"
    location = results[0]["locations"][0]
    assert location["logicalLocations"] == [
        {"name": "menu.quit", "fullyQualifiedName": "ids.xlf/menu.quit", "kind": "element"}
    ]
    assert location["physicalLocation"]["region"]["startLine"] == 3


# --------------------------------------------------------------------------- stdin


def test_stdin_as_a_path(tmp_path: Path, monkeypatch) -> None:
    assert discover(["-"]) == [(STDIN_DOC, Path("-"))]
    data = "Der Zug fährt um acht Uhr ab.\nDer Zug Zug ist pünktlich.\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out = tmp_path / "r"
    code = main(["audit", "--no-roundtrip", "--no-lm", "-q", "--out", str(out), "-"])
    assert code == 0
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert list(docs["doc"]) == [STDIN_DOC] and docs.loc[0, "audited"] == "2"
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    rep = findings[findings["rule"] == "REP-001"].iloc[0]
    assert rep["line"] == "2"


def test_cli_pairs_reads_po_and_tmx(tmp_path: Path) -> None:
    po, tmx = _write(tmp_path, "app.po", PO), _write(tmp_path, "mem.tmx", TMX)
    out = tmp_path / "r"
    argv = ["audit", "--no-roundtrip", "--no-lm", "-q", "--out", str(out)]
    assert main([*argv, "--pairs", str(po), "--pairs", str(tmx)]) == 0
    rows = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
    assert set(rows["unit_state"]) >= {"fuzzy"}
    assert {"bike-1", "tu 2:de", "menu|Harvest"} <= set(rows["unit_id"])
    assert (rows[rows["unit_id"] == "bike-1"]["source"] == "The bicycle has a new chain.").all()
