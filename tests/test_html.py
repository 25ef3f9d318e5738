"""HTML report: layout preserved, escaping, highlights, round-trip marks, index links."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

import mtaudit
from mtaudit.reports import write_reports
from mtaudit.reports.html import page_name
from mtaudit.translate.base import Translation

DAMAGED = (
    "Budget news\n\nThe committee approved the the budget on Friday.\n"
    "It will  take effect\nin May.\n\nThe Mayor of Lyon has criticised the Mayor of "
    "Lyon for the delay.\n"
)
HOSTILE = "Der Stadtrat sagte: <script>alert('x')</script> & \"mehr\" kommt <b>bald</b>.\n"


class FakeTranslator:
    """Round trip that turns 'budget' into 'plan', so rt_changed is known in advance."""

    model_id = "fake"

    def __init__(self, source: str, target: str) -> None:
        self.source, self.target = source, target

    def translate(self, texts):
        out = texts if self.target != "en" else [t.replace("budget", "plan") for t in texts]
        return [Translation(t, -0.1) for t in out]

    def score(self, sources, targets):
        return [-0.1 for _ in targets]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, mtaudit.AuditResult]:
    folder = tmp_path_factory.mktemp("in")
    (folder / "sub").mkdir()
    (folder / "sub" / "damaged.txt").write_text(DAMAGED, encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = mtaudit.audit([folder], translator_factory=FakeTranslator)
    out = tmp_path_factory.mktemp("out")
    write_reports(result, out)
    return out / "html", result


def _text_div(page: str) -> str:
    return re.search(r'<div class="text" id="text">(.*?)</div>', page, re.S).group(1)


def test_page_names_are_safe_and_unique():
    names = {
        page_name(d)
        for d in ("a/b.txt", "a_b.txt", "../../etc/passwd", "index", "Übersetzung <1>.md")
    }
    assert len(names) == 5
    for name in names:
        assert re.fullmatch(r"[A-Za-z0-9._-]+\.html", name) and not name.startswith(".")
        assert name != "index.html"


def test_text_is_shown_exactly_as_written(report):
    folder, _ = report
    page = (folder / page_name("sub/damaged.txt")).read_text(encoding="utf-8")
    assert unescape(re.sub(r"<[^>]+>", "", _text_div(page))) == DAMAGED


def test_text_is_escaped_and_page_is_self_contained(report):
    folder, _ = report
    page = (folder / page_name("hostile.txt")).read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>bald" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert page.count("<script>") == 1
    assert unescape(re.sub(r"<[^>]+>", "", _text_div(page))) == HOSTILE
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "default-src 'none'" in page


def test_flagged_sentence_is_coloured_with_words_and_explanation(report):
    folder, result = report
    page = (folder / page_name("sub/damaged.txt")).read_text(encoding="utf-8")
    row = result.sentences[result.sentences["text"].str.contains("the the")].iloc[0]
    assert row.verdict in {"review", "garbled"}
    anchor = re.search(rf'<a class="s v-(\w+)" id="s{row.sent_id}"[^>]*>(.*?)</a>', page, re.S)
    assert anchor.group(1) == row.verdict
    assert re.search(r'<mark class="f" title="REP-001[^"]*">the the</mark>', anchor.group(2))
    assert 'data-checks="REP-001"' in page
    from mtaudit.checks import load_all

    explanation = load_all()["REP-001"].explanation
    assert explanation.replace('"', "&quot;") in page
    assert f"risk {row.risk:.2f}" in page


def test_roundtrip_and_changed_words_are_shown(report):
    folder, result = report
    page = (folder / page_name("sub/damaged.txt")).read_text(encoding="utf-8")
    row = result.sentences[result.sentences["text"].str.contains("the the")].iloc[0]
    assert row.roundtrip == row.text.replace("budget", "plan")
    item = re.search(rf'<div class="item" id="d{row.sent_id}".*?</div>', page, re.S).group(0)
    assert '<span class="rt" title="changed by the round trip">budget</span>' in item
    assert "round trip</dt><dd>The committee approved the the plan on Friday." in item
    assert "budget→plan" in item


def test_index_has_one_row_per_document_with_link(report):
    folder, result = report
    index = (folder / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-v="(\w+)"[^>]*>(.*?)</tr>', index, re.S)
    assert len(rows) == len(result.documents) == 3
    for doc in ("sub/damaged.txt", "hostile.txt"):
        assert f'<a href="{page_name(doc)}">{doc}</a>' in index
        assert (folder / page_name(doc)).is_file()
    broken = next(r for v, r in rows if v == "error")
    assert "<a " not in broken and "binary" in broken
    damaged = result.documents.set_index("doc").loc["sub/damaged.txt"]
    assert f'<td class="n">{damaged.mean_risk:.2f}</td>' in index


def test_no_temporary_files_left(report):
    folder, _ = report
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
