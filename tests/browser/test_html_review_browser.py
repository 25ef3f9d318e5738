"""The reviewer loop in real headless Chromium: record verdicts on a document page, export
them, re-audit with the exported file, and find them kept in a browser that never saw them.

Needs what ``test_html_browser.py`` needs (Debian's ``chromium`` and the ``playwright``
package); without them the test is skipped, or fails under ``MTAUDIT_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from mtaudit.cli import main
from mtaudit.reports.html import page_name
from mtaudit.reports.reviewer import read_sentences_csv, read_verdicts, sentence_hash

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
DOUBLED = "The glacier lost the the ice of a whole decade."
CIRCULAR = "The Alpine Club of Davos has thanked the Alpine Club of Davos for the maps."
TEXT = f"Mountain report\n\nThe path was steep. {DOUBLED}\n\nSnow fell late. {CIRCULAR}\n"
OTHER = "The bakery opened at six. The bread was warm.\n"
NOTE = '=1+1 "so", a quoted tool name – fine'
SHOTS = Path(__file__).resolve().parents[2] / "test-output"


def _missing(reason: str):
    if os.environ.get("MTAUDIT_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason + " (set MTAUDIT_REQUIRE_BROWSER=1 to make this a failure)")


def _audit(folder, out, *extra) -> int:
    return main(
        ["audit", str(folder), "--no-roundtrip", "--no-lm", "--out", str(out), "-q", *extra]
    )


@pytest.fixture
def chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package is missing: pip install playwright")
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        _missing(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def _tab(browser, errors: list[str]):
    """A page in a fresh profile: its localStorage starts empty."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1000, "height": 900})
    tab = context.new_page()
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, tab


def _export(tab, tmp_path: Path, name: str) -> tuple[Path, str]:
    with tab.expect_download() as download:
        tab.click("#export-verdicts")
    path = tmp_path / name
    download.value.save_as(path)
    return path, download.value.suggested_filename


def test_verdicts_recorded_exported_and_kept_after_reaudit(chromium, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "mountain.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "bakery.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    assert _audit(corpus, out) == 0
    doc_page = (out / "html" / page_name("mountain.txt")).as_uri()
    errors: list[str] = []
    doubled, circular = sentence_hash(DOUBLED), sentence_hash(CIRCULAR)

    context, tab = _tab(chromium, errors)
    tab.goto(doc_page)
    box = tab.locator(f'.review[data-hash="{doubled}"]')
    other = tab.locator(f'.review[data-hash="{circular}"]')
    assert tab.locator(".review").count() == 2
    assert tab.inner_text("#n-reviewed") == "0"
    box.locator('button[data-set="accepted"]').click()
    box.locator("input.note").fill(NOTE)
    other.locator('button[data-set="rejected"]').click()
    assert box.locator('button[data-set="accepted"]').get_attribute("aria-pressed") == "true"
    assert box.locator('button[data-set="rejected"]').get_attribute("aria-pressed") == "false"
    assert "export to keep it" in box.locator(".state").inner_text()
    assert tab.inner_text("#n-reviewed") == "2"
    assert tab.inner_text("#n-pending") == "2 not exported yet"
    item = tab.locator(".item", has=other)
    assert item.get_attribute("data-reviewed") == "rejected"
    sentence = tab.locator(f"#s{item.get_attribute('id')[1:]}")
    assert sentence.get_attribute("data-reviewed") == "rejected"
    assert sentence.evaluate("e => getComputedStyle(e).outlineColor") == "rgb(204, 51, 51)"

    # The browser keeps them: a reload shows the same state.
    tab.reload()
    assert box.locator("input.note").input_value() == NOTE
    assert other.locator('button[data-set="rejected"]').get_attribute("aria-pressed") == "true"

    exported, name = _export(tab, tmp_path, "page.csv")
    assert name == f"mtaudit-verdicts-{page_name('mountain.txt')[:-5]}.csv"
    expected = {
        ("mountain.txt", doubled): ("accepted", NOTE),
        ("mountain.txt", circular): ("rejected", ""),
    }
    assert read_verdicts([exported]) == expected
    header = exported.read_text(encoding="utf-8").splitlines()[0]
    assert header == '"doc","sent_id","sentence","text","reviewer_verdict","reviewer_note"'
    assert "'=1+1" in exported.read_text(encoding="utf-8")  # guarded like mtaudit's CSVs

    # The index exports every document's verdicts recorded in this browser.
    tab.goto((out / "html" / "index.html").as_uri())
    everything, name = _export(tab, tmp_path, "all.csv")
    assert name == "mtaudit-verdicts.csv" and read_verdicts([everything]) == expected
    context.close()

    # Re-audit with the exported file: sentences.csv and the pages carry the verdicts ...
    assert _audit(corpus, out, "--verdicts", str(exported)) == 0
    table = read_sentences_csv(out / "sentences.csv").set_index("text")
    assert table.loc[DOUBLED, ["reviewer_verdict", "reviewer_note"]].tolist() == ["accepted", NOTE]
    assert table.loc[CIRCULAR, "reviewer_verdict"] == "rejected"

    # ... which a browser that never recorded them shows, with nothing left to export.
    context, tab = _tab(chromium, errors)
    tab.goto(doc_page)
    box = tab.locator(f'.review[data-hash="{doubled}"]')
    assert box.locator('button[data-set="accepted"]').get_attribute("aria-pressed") == "true"
    assert box.locator("input.note").input_value() == NOTE
    assert "in the report: accepted" in box.locator(".saved").inner_text()
    assert box.locator(".state").inner_text() == ""
    assert tab.inner_text("#n-reviewed") == "2" and tab.inner_text("#n-pending") == ""
    again, _ = _export(tab, tmp_path, "again.csv")
    assert read_verdicts([again]) == expected

    # Clearing one in the browser exports a row that clears it on the next re-audit.
    tab.locator(f'.review[data-hash="{circular}"] button[data-set=""]').click()
    cleared, _ = _export(tab, tmp_path, "cleared.csv")
    assert read_verdicts([cleared])[("mountain.txt", circular)] == ("", "")
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / "html-review.png"), full_page=True)
    context.close()
    assert _audit(corpus, out, "--verdicts", str(cleared)) == 0
    table = read_sentences_csv(out / "sentences.csv").set_index("text")
    assert table.loc[CIRCULAR, "reviewer_verdict"] == ""
    assert table.loc[DOUBLED, "reviewer_verdict"] == "accepted"

    # baseline create reads the same file: the accepted sentence's finding is baselined.
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", "create", str(out), "-o", str(baseline)]) == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert [(e["doc"], e["sentence"], e["check"]) for e in entries] == [
        ("mountain.txt", doubled, "REP-001")
    ]
    assert errors == []


def test_index_sorts_by_any_column_and_draws_its_charts(chromium, tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "mountain.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "bakery.txt").write_text(OTHER, encoding="utf-8")
    (corpus / "alpha.txt").write_text(f"Notes from the hut. {DOUBLED}\n", encoding="utf-8")
    assert _audit(corpus, tmp_path / "out") == 0
    errors: list[str] = []
    context, tab = _tab(chromium, errors)
    tab.goto((tmp_path / "out" / "html" / "index.html").as_uri())

    def names() -> list[str]:
        return tab.locator("table.sortable tbody tr td:first-child").all_inner_texts()

    assert names() == ["mountain.txt", "alpha.txt", "bakery.txt"]  # worst first
    tab.click('th:has-text("document") button')
    assert names() == ["alpha.txt", "bakery.txt", "mountain.txt"]
    assert tab.get_attribute('th:has-text("document")', "aria-sort") == "ascending"
    tab.click('th:has-text("document") button')
    assert names() == ["mountain.txt", "bakery.txt", "alpha.txt"]
    tab.click('th:has-text("max risk") button')
    assert names()[0] == "mountain.txt" and names()[-1] == "bakery.txt"
    assert tab.get_attribute('th:has-text("max risk")', "aria-sort") == "descending"
    assert tab.get_attribute('th:has-text("document")', "aria-sort") is None

    for chart in ("#risk-histogram", "#rule-chart"):
        size = tab.locator(chart).bounding_box()
        assert size["width"] > 300 and size["height"] > 20
    assert tab.locator("#rule-chart rect").count() == 2
    bar = tab.locator('#rule-chart rect[data-rule="REP-001"]')
    assert bar.get_attribute("data-count") == "2" and bar.bounding_box()["width"] > 100
    total = sum(
        int(c)
        for c in tab.eval_on_selector_all(
            "#risk-histogram rect", "rs => rs.map(r => r.dataset.count)"
        )
    )
    audited = read_sentences_csv(tmp_path / "out" / "sentences.csv")["verdict"]
    assert total == audited.isin(["ok", "review", "garbled"]).sum() == 9  # headings count
    context.close()
    assert errors == []
