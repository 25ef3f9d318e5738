"""HTML report: one static page per document plus an index, for reviewers.

Each page shows the text exactly as written (sentences are cut from the original by their
offsets, so paragraphs and line breaks survive), coloured by verdict, with the words a check
flagged and the words the round trip changed marked. Pages are self-contained (inline CSS
and JS, a Content-Security-Policy that forbids every fetch) so they can be mailed or opened
from a CI artefact offline.
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from itertools import pairwise
from pathlib import Path

import pandas as pd

from mtaudit.reports.atomic import write_atomic

VERDICT_ORDER = ("garbled", "review", "ok", "skipped")

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;
color:#1d1d1f}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{padding:.25rem .5rem;text-align:left;
border-bottom:1px solid #ddd}td.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{border-radius:.3rem;padding:0 .4rem;font-size:.85rem}
.v-garbled{background:#ffc9c9}.v-review{background:#fff1b8}.v-ok{background:transparent}
.v-skipped{color:#888}.v-error{background:#ddd}
.text{white-space:pre-wrap;font-family:Georgia,serif;font-size:1.05rem;line-height:1.7;
border:1px solid #ddd;padding:1rem;border-radius:.4rem}
a.s{color:inherit;text-decoration:none;border-radius:.2rem}
a.s.v-review,a.s.v-garbled{outline:1px solid #c9a400}a.s.v-garbled{outline-color:#d33}
mark.f{background:none;text-decoration:underline wavy #d33;text-underline-offset:3px}
.rt{border-bottom:2px dotted #06c}
.hidden{display:none!important}
.filters{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ddd}
.filters label{margin-right:.8rem}
.item{border:1px solid #ddd;border-radius:.4rem;padding:.5rem .8rem;margin:.6rem 0}
.item .quote{font-family:Georgia,serif}
.meta{color:#555;font-size:.9rem}dt{font-weight:600}dd{margin:0 0 .4rem 1rem}
code{background:#f4f4f4;padding:0 .2rem}
"""

_FILTER_JS = """
(function(){
  var boxes=document.querySelectorAll('input[data-verdict]');
  var check=document.getElementById('check-filter');
  function apply(){
    var on={};boxes.forEach(function(b){on[b.dataset.verdict]=b.checked;});
    var want=check?check.value:'';
    document.querySelectorAll('[data-v]').forEach(function(el){
      var ids=(el.dataset.checks||'').split(' ');
      var show=on[el.dataset.v]!==false&&(!want||ids.indexOf(want)>=0);
      el.classList.toggle('hidden',!show);
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  if(check){check.addEventListener('change',apply);}
  apply();
})();
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def page_name(doc: str) -> str:
    """A file name that is safe on every file system and unique per document name.

    Folders in the doc name are flattened; a hash of the full name keeps ``a/b.txt`` and
    ``a_b.txt`` apart and rules out collisions with ``index.html``.
    """
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", doc).strip("._")[:80] or "doc"
    return f"{slug}-{hashlib.sha1(doc.encode('utf-8')).hexdigest()[:8]}.html"


def write_html(result, out_dir: str | Path, registry: dict | None = None) -> list[Path]:
    """Write ``html/index.html`` and one page per readable document; return their paths."""
    if registry is None:
        from mtaudit.checks import load_all

        registry = load_all()
    folder = Path(out_dir) / "html"
    written = []
    for doc, rows in result.sentences.groupby("doc", sort=False):
        text = result.texts.get(doc)
        if text is None:
            continue
        doc_row = result.documents[result.documents["doc"] == doc].iloc[0]
        page = render_document(doc, text, rows, doc_row, registry, result.summary)
        written.append(write_atomic(folder / page_name(doc), page))
    written.insert(0, write_atomic(folder / "index.html", render_index(result)))
    return written


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n{body}\n"
        f"<script>{_FILTER_JS}</script></body></html>\n"
    )


def _filters(verdicts: list[str], check_ids: list[str]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" data-verdict="{v}" checked> '
        f'<span class="badge v-{v}">{v}</span></label>'
        for v in verdicts
    )
    options = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in check_ids)
    select = (
        (
            f'<label>check <select id="check-filter"><option value="">any</option>'
            f"{options}</select></label>"
        )
        if check_ids
        else ""
    )
    return f'<div class="filters">show {boxes}{select}</div>'


def _roundtrip_note(summary: dict) -> str:
    rt = summary.get("roundtrip", {})
    if rt.get("ran"):
        models = ", ".join(f"{k}: {v}" for k, v in rt.get("models", {}).items())
        return f"round trip ran ({escape(models)})"
    return f"round trip skipped: {escape(str(rt.get('reason', '')))}"


def render_index(result) -> str:
    """Index page: one row per document with its verdict, counts, mean risk and a link."""
    rows = []
    for d in result.documents.itertuples():
        name = escape(d.doc)
        link = f'<a href="{escape(page_name(d.doc))}">{name}</a>' if d.doc in result.texts else name
        note = escape(d.errors or d.warnings)
        rows.append(
            f'<tr data-v="{escape(d.verdict)}"><td>{link}</td>'
            f'<td><span class="badge v-{escape(d.verdict)}">{escape(d.verdict)}</span></td>'
            f'<td class="n">{d.audited}</td><td class="n">{d.garbled}</td>'
            f'<td class="n">{d.review}</td><td class="n">{d.mean_risk:.2f}</td>'
            f'<td class="n">{d.max_risk:.2f}</td><td class="n">{d.mqm_per_100_words:.2f}</td>'
            f"<td>{note}</td></tr>"
        )
    totals = result.summary.get("totals", {})
    verdicts = [v for v in (*VERDICT_ORDER, "error") if (result.documents["verdict"] == v).any()]
    body = (
        f'<h1>mtaudit report</h1><p class="meta">{totals.get("documents", 0)} documents, '
        f"{totals.get('audited', 0)} sentences audited: {totals.get('garbled', 0)} garbled, "
        f"{totals.get('review', 0)} to review, {totals.get('ok', 0)} ok. "
        f"{_roundtrip_note(result.summary)}.</p>"
        f"{_filters(verdicts, [])}"
        "<table><thead><tr><th>document</th><th>verdict</th><th>audited</th><th>garbled</th>"
        "<th>review</th><th>mean risk</th><th>max risk</th><th>MQM/100 words</th><th>note</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="meta">{escape(result.summary.get("signature", {}).get("text", ""))}</p>'
    )
    return _page("mtaudit report", body)


def _marked(text: str, offset: int, spans: dict[str, list[tuple[int, int, str]]]) -> str:
    """Escape ``text`` (starting at document ``offset``), wrapping marked spans.

    ``spans`` maps a CSS class to (start, end, title) in document offsets. Overlapping
    spans are handled by cutting the text at every boundary and giving each piece the
    classes of every span that covers it.
    """
    end = offset + len(text)
    cuts = {offset, end}
    for items in spans.values():
        for s, e, _ in items:
            cuts.update(min(max(x, offset), end) for x in (s, e))
    out = []
    for a, b in pairwise(sorted(cuts)):
        piece = escape(text[a - offset : b - offset])
        covering = [
            (cls, title)
            for cls, items in spans.items()
            for s, e, title in items
            if s <= a and b <= e and s < e
        ]
        for cls, title in covering:
            tag = "mark" if cls == "f" else "span"
            piece = f'<{tag} class="{cls}" title="{escape(title)}">{piece}</{tag}>'
        out.append(piece)
    return "".join(out)


def _spans(row, with_rt: bool = True) -> dict[str, list[tuple[int, int, str]]]:
    spans = {"f": [(f["start"], f["end"], f"{f['id']}: {f['message']}") for f in row.findings]}
    if with_rt:
        spans["rt"] = [(s, e, "changed by the round trip") for s, e in row.rt_changed]
    return spans


def render_document(
    doc: str, text: str, rows: pd.DataFrame, doc_row, registry: dict, summary: dict
) -> str:
    """One document's page: the marked-up text, then every flagged sentence explained."""
    rows = rows.sort_values("start")
    parts, pos = [], 0
    for r in rows.itertuples():
        parts.append(escape(text[pos : r.start]))
        checks = " ".join(dict.fromkeys(f["id"] for f in r.findings))
        title = f"{r.verdict} (risk {r.risk:.2f})" + (f": {r.issues}" if r.issues else "")
        if r.skip_reason:
            title = f"skipped: {r.skip_reason}"
        parts.append(
            f'<a class="s v-{r.verdict}" id="s{r.sent_id}" href="#d{r.sent_id}" '
            f'data-v="{r.verdict}" data-checks="{escape(checks)}" title="{escape(title)}">'
            f"{_marked(text[r.start : r.end], r.start, _spans(r, with_rt=False))}</a>"
        )
        pos = max(pos, r.end)
    parts.append(escape(text[pos:]))

    flagged = rows[rows["verdict"].isin(["garbled", "review"])]
    items = [_flagged_item(r, text, registry) for r in flagged.itertuples()]
    fired = sorted({f["id"] for fs in rows["findings"] for f in fs})
    legend = "".join(_legend(cid, registry) for cid in fired)
    verdicts = [v for v in VERDICT_ORDER if (rows["verdict"] == v).any()]
    d = doc_row
    body = (
        f'<p><a href="index.html">← all documents</a></p><h1>{escape(doc)}</h1>'
        f'<p class="meta"><span class="badge v-{escape(d.verdict)}">{escape(d.verdict)}'
        f"</span> {d.audited} sentences audited: {d.garbled} garbled, {d.review} to review; "
        f"mean risk {d.mean_risk:.2f}; MQM {d.mqm_per_100_words:.2f} per 100 words; "
        f"language {escape(str(d.lang))}, {escape(str(d.encoding))}. "
        f"{_roundtrip_note(summary)}.</p>"
        f"{_filters(verdicts, fired)}"
        f'<div class="text" id="text">{"".join(parts)}</div>'
        f"<h2>Flagged sentences ({len(items)})</h2>{''.join(items) or '<p>None.</p>'}"
        + (f"<h2>Checks that fired</h2><dl>{legend}</dl>" if legend else "")
        + '<p class="meta">Underlined: words a check flagged. Dotted: words the round trip '
        "did not bring back.</p>"
    )
    return _page(f"mtaudit: {doc}", body)


def _flagged_item(r, text: str, registry: dict) -> str:
    findings = "".join(
        f'<li><a href="#check-{escape(f["id"])}"><code>{escape(f["id"])}</code></a> '
        f'<span class="meta">{escape(f["severity"])}, {escape(f["category"])}</span> '
        f"{escape(f['message'])} — “{escape(text[f['start'] : f['end']])}”"
        f'<br><span class="meta">{escape(_summary_of(f["id"], registry))}</span></li>'
        for f in r.findings
    )
    rt = ""
    if r.roundtrip:
        rt = (
            f"<dl><dt>back-translation</dt><dd>{escape(r.backtranslation)}</dd>"
            f"<dt>round trip</dt><dd>{escape(r.roundtrip)}</dd>"
            f"<dt>changed</dt><dd>{escape(r.rt_diff)} (chrF {r.rt_chrf:.1f})</dd></dl>"
        )
    return (
        f'<div class="item" id="d{r.sent_id}" data-v="{r.verdict}" data-checks="'
        f'{escape(" ".join(dict.fromkeys(f["id"] for f in r.findings)))}">'
        f'<p><a href="#s{r.sent_id}">#{r.sent_id}</a> <span class="badge v-{r.verdict}">'
        f"{r.verdict}</span> risk {r.risk:.2f}</p>"
        f'<p class="quote">{_marked(text[r.start : r.end], r.start, _spans(r))}</p>'
        f"<ul>{findings}</ul>{rt}</div>"
    )


def _summary_of(check_id: str, registry: dict) -> str:
    cls = registry.get(check_id)
    return cls.summary if cls else ""


def _legend(check_id: str, registry: dict) -> str:
    cls = registry.get(check_id)
    if cls is None:
        return f'<dt id="check-{escape(check_id)}">{escape(check_id)}</dt><dd></dd>'
    return (
        f'<dt id="check-{escape(check_id)}"><code>{escape(check_id)}</code> '
        f"{escape(cls.name)}</dt><dd>{escape(cls.summary)} {escape(cls.explanation)}"
        f"<br>bad: <q>{escape(cls.bad_example)}</q><br>good: <q>{escape(cls.good_example)}</q>"
        "</dd>"
    )
