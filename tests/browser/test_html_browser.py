"""The HTML report in real headless Chromium: highlights render and the filters work.

Needs Debian's ``chromium`` (``/usr/bin/chromium``) and the ``playwright`` Python package;
nothing is installed here. Without them the test is skipped with the reason, unless
``MTAUDIT_REQUIRE_BROWSER=1`` (which ``.ci/run`` sets): then it fails and says what to install.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import mtaudit
from mtaudit.reports import write_reports
from mtaudit.reports.html import page_name

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TEXT = (
    "Good news\n\nThe council met on Monday. The committee approved the the budget on "
    "Friday.\n\nThe vote was close. The Mayor of Lyon has criticised the Mayor of Lyon for "
    "the delay.\n"
)
SHOTS = Path(__file__).resolve().parents[2] / "test-output"


def _missing(reason: str):
    if os.environ.get("MTAUDIT_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason + " (set MTAUDIT_REQUIRE_BROWSER=1 to make this a failure)")


@pytest.fixture
def page(tmp_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package is missing: pip install playwright")
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        _missing(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    (tmp_path / "news.txt").write_text(TEXT, encoding="utf-8")
    write_reports(mtaudit.audit([tmp_path / "news.txt"], roundtrip=False), tmp_path / "out")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1000, "height": 900})
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto((tmp_path / "out" / "html" / page_name("news.txt")).as_uri())
        yield tab
        browser.close()
    assert errors == []


def _background(tab, selector: str) -> str:
    return tab.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")


def test_flagged_sentences_are_highlighted_and_filters_hide_the_rest(page):
    flagged = page.locator("#text a.s.v-review, #text a.s.v-garbled")
    ok = page.locator("#text a.s.v-ok")
    assert flagged.count() == 2 and ok.count() == 3  # the heading is audited too
    assert _background(page, "#text a.s.v-review, #text a.s.v-garbled") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    assert _background(page, "#text a.s.v-ok") == "rgba(0, 0, 0, 0)"
    assert page.locator("#text mark.f", has_text="the the").is_visible()

    page.uncheck('input[data-verdict="ok"]')
    assert all(not ok.nth(i).is_visible() for i in range(ok.count()))
    assert all(flagged.nth(i).is_visible() for i in range(flagged.count()))

    page.check('input[data-verdict="ok"]')
    page.select_option("#check-filter", "REP-001")
    assert page.locator("#text a.s:visible").count() == 1
    assert "the the" in page.locator("#text a.s:visible").inner_text()
    assert page.locator(".item:visible").count() == 1

    SHOTS.mkdir(exist_ok=True)
    page.select_option("#check-filter", "")
    page.screenshot(path=str(SHOTS / "html-report.png"), full_page=True)
    assert (SHOTS / "html-report.png").stat().st_size > 1000
