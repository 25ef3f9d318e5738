"""HTML report: one static page per document plus an index, for reviewers.

Each page shows the text exactly as written (sentences are cut from the original by their
offsets, so paragraphs and line breaks survive), coloured by verdict, with the words a check
flagged and the words the round trip changed marked. Pages are self-contained (inline CSS,
JS and SVG, a Content-Security-Policy that forbids every fetch) so they can be mailed or
opened from a CI artefact offline.

The reviewer loop: every flagged sentence has accept / reject buttons and a note field.
What a reviewer records is kept in the browser (``localStorage``, keyed by document and
:func:`~mtaudit.reports.reviewer.sentence_hash`) and exported with ``export verdicts`` as
a verdict CSV (:data:`~mtaudit.reports.reviewer.VERDICT_FILE_COLUMNS`), which
``mtaudit audit --verdicts FILE`` and ``mtaudit baseline create --verdicts FILE`` read.
Verdicts already in sentences.csv are shown on the page and included in every export.
The index lists documents worst first, sortable by any column, with a risk histogram and
findings per rule.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from pathlib import Path

import pandas as pd

from mtaudit.reports.atomic import write_atomic
from mtaudit.reports.charts import risk_bins, risk_histogram, rule_chart
from mtaudit.reports.reviewer import HTML_VERDICTS, VERDICT_FILE_COLUMNS, sentence_hash

VERDICT_ORDER = ("garbled", "review", "ok", "skipped")
FLAGGED = ("garbled", "review")
SEVERITY = {"garbled": 4, "error": 3, "review": 2, "ok": 1, "skipped": 0}
"""How bad a document verdict is: the index lists the worst documents first."""

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
ins{background:#e3f6e3;text-decoration:none;padding:0 .15rem}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{
content:" ▼"}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.charts figure{margin:0}
.charts figcaption{font-weight:600;margin-bottom:.3rem}svg.chart{max-width:100%;height:auto}
.review{margin:.4rem 0 .2rem;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.review button{font:inherit;font-size:.9rem;border:1px solid #aaa;border-radius:.3rem;
background:#f7f7f7;padding:.05rem .5rem;cursor:pointer}
.review button[data-set=accepted][aria-pressed=true]{background:#cfe9cf;border-color:#3a3}
.review button[data-set=rejected][aria-pressed=true]{background:#f6c6c6;border-color:#c33}
.review input.note{font:inherit;font-size:.9rem;width:18rem;max-width:100%}
.review .state{color:#a60;font-size:.85rem}
.rv-accepted{background:#cfe9cf}.rv-rejected{background:#f6c6c6}.rv-other{background:#e4e4f4}
.item[data-reviewed=accepted]{border-left:4px solid #3a3}
.item[data-reviewed=rejected]{border-left:4px solid #c33}
a.s[data-reviewed=accepted]{outline:1px dashed #3a3}
a.s[data-reviewed=rejected]{outline:2px solid #c33}
#export-verdicts{font:inherit;margin-left:.8rem}
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

_REVIEW_JS = """
(function(){
  var el=document.getElementById('mtaudit-review');
  if(!el){return;}
  var data=JSON.parse(el.textContent);
  var PREFIX='mtaudit:verdict:';
  var store=null,mem={};
  try{store=window.localStorage;store.setItem(PREFIX+'probe','1');store.removeItem(PREFIX+'probe');}
  catch(e){store=null;}
  function key(doc,h){return PREFIX+JSON.stringify([doc,h]);}
  function load(doc,h){
    var s=store?store.getItem(key(doc,h)):mem[key(doc,h)];
    try{return s?JSON.parse(s):null;}catch(e){return null;}
  }
  function save(rec){
    var s=JSON.stringify(rec);
    if(store){try{store.setItem(key(rec.doc,rec.sentence),s);return;}catch(e){}}
    mem[key(rec.doc,rec.sentence)]=s;
  }
  var saved={};
  data.rows.forEach(function(r){saved[JSON.stringify([r.doc,r.sentence])]=r;});
  function fileRow(doc,h){return saved[JSON.stringify([doc,h])]||null;}
  function same(a,b){return (a?a.verdict:'')===(b?b.verdict:'')&&(a?a.note:'')===(b?b.note:'');}
  function current(doc,h){return load(doc,h)||fileRow(doc,h);}
  function pending(doc,h){var l=load(doc,h);return !!l&&!same(l,fileRow(doc,h));}
  function record(doc,h,change){
    var base=current(doc,h)||{doc:doc,sentence:h,verdict:'',note:''};
    var f=fileRow(doc,h)||{};
    var rec={doc:doc,sentence:h,sent_id:base.sent_id!=null?base.sent_id:f.sent_id,
      text:base.text||f.text||'',verdict:base.verdict||'',note:base.note||'',
      at:new Date().toISOString()};
    for(var k in change){rec[k]=change[k];}
    save(rec);
  }
  function guard(s){s=String(s==null?'':s);return /^'*[=+\\-@\\t\\r]/.test(s)?"'"+s:s;}
  function cell(s){return '"'+guard(s).replace(/"/g,'""')+'"';}
  function exportRows(){
    var out=[];
    Object.keys(data.known).forEach(function(doc){
      var seen={};
      data.known[doc].forEach(function(h){
        if(seen[h]){return;}seen[h]=1;
        var f=fileRow(doc,h),l=load(doc,h),r;
        var kept=!!f&&!!(f.verdict||f.note);
        if(l){if(!(l.verdict||l.note)&&!kept){return;}r=l;}
        else if(kept){r=f;}
        else{return;}
        out.push([doc,r.sent_id!=null?r.sent_id:(f?f.sent_id:''),h,r.text||(f?f.text:''),
          r.verdict||'',r.note||'']);
      });
    });
    return out;
  }
  function csv(){
    var lines=[data.columns.map(cell).join(',')];
    exportRows().forEach(function(r){lines.push(r.map(cell).join(','));});
    return lines.join('\\r\\n')+'\\r\\n';
  }
  function count(){
    var n=0,p=0;
    Object.keys(data.known).forEach(function(doc){
      var seen={};
      data.known[doc].forEach(function(h){
        if(seen[h]){return;}seen[h]=1;
        var r=current(doc,h);if(r&&r.verdict){n++;}if(pending(doc,h)){p++;}
      });
    });
    return [n,p];
  }
  function paint(){
    document.querySelectorAll('.review[data-hash]').forEach(function(box){
      var doc=box.dataset.doc,h=box.dataset.hash,r=current(doc,h)||{verdict:'',note:''};
      box.querySelectorAll('button[data-set]').forEach(function(b){
        b.setAttribute('aria-pressed',String(b.dataset.set===r.verdict&&r.verdict!==''));
      });
      var note=box.querySelector('input.note');
      if(note&&document.activeElement!==note){note.value=r.note||'';}
      var st=box.querySelector('.state');
      if(st){st.textContent=pending(doc,h)?'changed in this browser: export to keep it':'';}
      var item=box.closest('.item');
      if(item){
        item.dataset.reviewed=r.verdict||'';
        var s=document.getElementById('s'+item.id.slice(1));
        if(s){s.dataset.reviewed=r.verdict||'';}
      }
    });
    var c=count(),n=document.getElementById('n-reviewed'),p=document.getElementById('n-pending');
    if(n){n.textContent=c[0];}
    if(p){p.textContent=c[1]?c[1]+' not exported yet':'';}
  }
  document.querySelectorAll('.review[data-hash]').forEach(function(box){
    var doc=box.dataset.doc,h=box.dataset.hash;
    box.querySelectorAll('button[data-set]').forEach(function(b){
      b.addEventListener('click',function(){record(doc,h,{verdict:b.dataset.set});paint();});
    });
    var note=box.querySelector('input.note');
    if(note){note.addEventListener('input',function(){record(doc,h,{note:note.value});paint();});}
  });
  var btn=document.getElementById('export-verdicts');
  if(btn){btn.addEventListener('click',function(){
    var url=URL.createObjectURL(new Blob([csv()],{type:'text/csv;charset=utf-8'}));
    var a=document.createElement('a');a.href=url;a.download=data.filename;
    document.body.appendChild(a);a.click();
    setTimeout(function(){URL.revokeObjectURL(url);a.remove();},1000);
  });}
  window.addEventListener('storage',paint);
  paint();
})();
"""

_SORT_JS = """
(function(){
  var table=document.querySelector('table.sortable');
  if(!table){return;}
  var body=table.tBodies[0],heads=table.querySelectorAll('th[data-sort]');
  function value(row,i,kind){
    var td=row.cells[i],k=td.dataset.k!=null?td.dataset.k:td.textContent.trim();
    if(kind==='text'){return k.toLowerCase();}
    var n=parseFloat(k);return isNaN(n)?-Infinity:n;
  }
  heads.forEach(function(th){
    var i=th.cellIndex;
    th.querySelector('button').addEventListener('click',function(){
      var kind=th.dataset.sort,was=th.getAttribute('aria-sort');
      var asc=was?was!=='ascending':kind==='text';
      heads.forEach(function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=value(a,i,kind),y=value(b,i,kind);
        if(x!==y){return (x<y?-1:1)*(asc?1:-1);}
        return Number(a.dataset.rank)-Number(b.dataset.rank);
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
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


def write_html(
    result, out_dir: str | Path, registry: dict | None = None, reviews: pd.DataFrame | None = None
) -> list[Path]:
    """Write ``html/index.html`` and one page per readable document; return their paths.

    ``reviews`` is the sentence table with the reviewer columns (as written to
    sentences.csv); its verdicts and notes are shown on the pages.
    """
    reviewed = review_map(reviews)
    index = IndexData()
    index.add(result.sentences if reviews is None else reviews, reviewed, result.texts)
    pages = write_pages(result, out_dir, registry, reviewed)
    return [write_index(result, out_dir, index, registry), *pages]


def write_pages(
    result, out_dir: str | Path, registry: dict | None, reviewed: dict[str, dict]
) -> list[Path]:
    """One page per readable document of ``result`` (a whole audit or one batch of it)."""
    registry = registry if registry is not None else _registry()
    folder = Path(out_dir) / "html"
    written = []
    for doc, rows in result.sentences.groupby("doc", sort=False):
        text = result.texts.get(doc)
        if text is None:
            continue
        doc_row = result.documents[result.documents["doc"] == doc].iloc[0]
        page = render_document(
            doc, text, rows, doc_row, registry, result.summary, reviewed.get(doc, {})
        )
        written.append(write_atomic(folder / page_name(doc), page))
    return written


def write_index(result, out_dir: str | Path, index: IndexData, registry: dict | None = None):
    """``html/index.html`` of the whole audit (its documents and summary) and ``index``."""
    registry = registry if registry is not None else _registry()
    return write_atomic(
        Path(out_dir) / "html" / "index.html", render_index(result, index, registry)
    )


def _registry() -> dict:
    from mtaudit.checks import load_all

    return load_all()


@dataclass
class IndexData:
    """What the index page needs of the sentences, gathered batch by batch: the risk
    histogram's bins, the number of reviewer verdicts per document, and the verdicts and
    sentence hashes the index exports (those in the report, and any recorded in the
    browser for a flagged or reviewed sentence)."""

    bins: list = field(default_factory=lambda: risk_bins(pd.DataFrame(columns=["verdict", "risk"])))
    n_reviewed: Counter = field(default_factory=Counter)
    rows: list[dict] = field(default_factory=list)
    known: dict[str, list[str]] = field(default_factory=dict)
    pages: set[str] = field(default_factory=set)
    """Documents with a page (the readable ones)."""

    def add(self, sentences: pd.DataFrame, reviewed: dict[str, dict], texts) -> None:
        """Take one batch: its sentences, their :func:`review_map` and the documents' texts
        (names of the documents that get a page)."""
        self.pages.update(texts)
        risk_bins(sentences, self.bins)
        for doc, marks in reviewed.items():
            self.n_reviewed[doc] += sum(1 for v, _ in marks.values() if v)
        for r in sentences.itertuples():
            review = reviewed.get(r.doc, {}).get(int(r.sent_id))
            if review is None and r.verdict not in FLAGGED:
                continue
            h = sentence_hash(r.text)
            self.known.setdefault(r.doc, []).append(h)
            if review is not None:
                self.rows.append(_review_row(r, h, review))


def review_map(reviews: pd.DataFrame | None) -> dict[str, dict[int, tuple[str, str]]]:
    """``{doc: {sent_id: (reviewer_verdict, reviewer_note)}}`` for the reviewed sentences."""
    out: dict[str, dict[int, tuple[str, str]]] = {}
    if reviews is None or "reviewer_verdict" not in reviews.columns:
        return out
    notes = reviews["reviewer_note"] if "reviewer_note" in reviews.columns else [""] * len(reviews)
    for doc, sent_id, verdict, note in zip(
        reviews["doc"], reviews["sent_id"], reviews["reviewer_verdict"], notes, strict=True
    ):
        verdict, note = str(verdict or ""), str(note or "")
        if verdict or note:
            out.setdefault(doc, {})[int(sent_id)] = (verdict, note)
    return out


def _page(title: str, body: str, review: dict | None = None, sortable: bool = False) -> str:
    """A self-contained page; ``review`` is the reviewer loop's data (see :func:`_review_data`)."""
    scripts = _FILTER_JS
    data = ""
    if review is not None:
        data = f'<script type="application/json" id="mtaudit-review">{_json(review)}</script>'
        scripts += _REVIEW_JS
    if sortable:
        scripts += _SORT_JS
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n{body}\n"
        f"{data}<script>{scripts}</script></body></html>\n"
    )


def _json(data: dict) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _review_data(rows: list[dict], known: dict[str, list[str]], filename: str) -> dict:
    """What the reviewer script needs: the verdicts in the report (``rows``: doc, sent_id,
    sentence, text, verdict, note), the sentence hashes each document may export, the
    columns and the file name of the export."""
    return {"columns": VERDICT_FILE_COLUMNS, "rows": rows, "known": known, "filename": filename}


def _export_bar(label: str) -> str:
    return (
        f'<button type="button" id="export-verdicts" title="download the verdicts recorded '
        'here as a CSV for mtaudit audit --verdicts FILE">'
        f'{escape(label)}</button> <span class="meta"><span id="n-reviewed">0</span> '
        'with a verdict <span id="n-pending"></span></span>'
    )


def _filters(verdicts: list[str], check_ids: list[str], extra: str = "") -> str:
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
    return f'<div class="filters">show {boxes}{select}{extra}</div>'


def _roundtrip_note(summary: dict) -> str:
    rt = summary.get("roundtrip", {})
    if rt.get("ran"):
        models = ", ".join(f"{k}: {v}" for k, v in rt.get("models", {}).items())
        return f"round trip ran ({escape(models)})"
    return f"round trip skipped: {escape(str(rt.get('reason', '')))}"


def _lm_note(summary: dict) -> str:
    lm = summary.get("lm", {})
    if not lm:
        return ""
    if lm.get("ran"):
        return f"; language model ran ({escape(str(lm.get('model', '')))})"
    return f"; language model skipped: {escape(str(lm.get('reason', '')))}"


def worst_first(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents in the index's order: by :data:`SEVERITY` of the verdict, then by share of
    garbled sentences, highest risk and mean risk, each highest first; then by name."""
    key = documents["verdict"].map(SEVERITY).fillna(0)
    return (
        documents.assign(_severity=key)
        .sort_values(
            ["_severity", "garbled_share", "max_risk", "mean_risk", "doc"],
            ascending=[False, False, False, False, True],
            kind="stable",
            na_position="last",
        )
        .drop(columns="_severity")
    )


_INDEX_COLUMNS = (
    ("document", "text"),
    ("verdict", "num"),
    ("audited", "num"),
    ("garbled", "num"),
    ("review", "num"),
    ("reviewed", "num"),
    ("mean risk", "num"),
    ("max risk", "num"),
    ("MQM/100 words", "num"),
    ("note", "text"),
)


def render_index(result, index: IndexData, registry: dict | None = None) -> str:
    """Index page: one row per document, worst first and sortable by every column, with its
    verdict, counts, reviewer verdicts, risk and a link; then a risk histogram and the
    findings per rule; an export of every verdict recorded on the document pages."""
    rows = []
    for rank, d in enumerate(worst_first(result.documents).itertuples()):
        name = escape(d.doc)
        link = f'<a href="{escape(page_name(d.doc))}">{name}</a>' if d.doc in index.pages else name
        note = escape(d.errors or d.warnings)
        n_reviewed = index.n_reviewed.get(d.doc, 0)
        rows.append(
            f'<tr data-v="{escape(d.verdict)}" data-rank="{rank}"><td>{link}</td>'
            f'<td data-k="{SEVERITY.get(d.verdict, 0)}"><span class="badge v-{escape(d.verdict)}">'
            f"{escape(d.verdict)}</span></td>"
            f'<td class="n">{d.audited}</td><td class="n">{d.garbled}</td>'
            f'<td class="n">{d.review}</td><td class="n">{n_reviewed}</td>'
            f'<td class="n">{d.mean_risk:.2f}</td>'
            f'<td class="n">{d.max_risk:.2f}</td><td class="n">{d.mqm_per_100_words:.2f}</td>'
            f"<td>{note}</td></tr>"
        )
    heads = "".join(
        f'<th data-sort="{kind}"><button type="button">{escape(label)}</button></th>'
        for label, kind in _INDEX_COLUMNS
    )
    totals = result.summary.get("totals", {})
    verdicts = [v for v in (*VERDICT_ORDER, "error") if (result.documents["verdict"] == v).any()]
    thresholds = result.summary.get("signature", {}).get("thresholds", {})
    charts = (
        '<div class="charts"><figure><figcaption>Sentence risk</figcaption>'
        f"{risk_histogram(index.bins, thresholds)}</figure>"
        "<figure><figcaption>Findings per rule</figcaption>"
        f"{rule_chart(result.summary.get('findings_by_rule', {}), registry)}</figure></div>"
    )
    body = (
        f'<h1>mtaudit report</h1><p class="meta">{totals.get("documents", 0)} documents, '
        f"{totals.get('audited', 0)} sentences audited: {totals.get('garbled', 0)} garbled, "
        f"{totals.get('review', 0)} to review, {totals.get('ok', 0)} ok. "
        f"{_roundtrip_note(result.summary)}{_lm_note(result.summary)}.</p>"
        f"{_filters(verdicts, [], _export_bar('export all verdicts'))}"
        f'<table class="sortable"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        '<p class="meta">Worst documents first; click a column heading to sort.</p>'
        f"<h2>Overview</h2>{charts}"
        f'<p class="meta">{escape(result.summary.get("signature", {}).get("text", ""))}</p>'
    )
    review = _review_data(index.rows, index.known, "mtaudit-verdicts.csv")
    return _page("mtaudit report", body, review, sortable=True)


def _review_row(r, h: str, review: tuple[str, str]) -> dict:
    return {
        "doc": r.doc,
        "sent_id": int(r.sent_id),
        "sentence": h,
        "text": r.text,
        "verdict": review[0],
        "note": review[1],
    }


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
    doc: str,
    text: str,
    rows: pd.DataFrame,
    doc_row,
    registry: dict,
    summary: dict,
    reviewed: dict[int, tuple[str, str]] | None = None,
) -> str:
    """One document's page: the marked-up text, then every flagged sentence explained, with
    the reviewer's controls and the verdicts in ``reviewed`` (``{sent_id: (verdict, note)}``).

    Only flagged sentences underline the words a check found: a sentence rated ok lists no
    findings, so an underline there would have nothing to explain it.
    """
    reviewed = reviewed or {}
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
            f"{_marked(text[r.start : r.end], r.start, _text_spans(r))}</a>"
        )
        pos = max(pos, r.end)
    parts.append(escape(text[pos:]))

    flagged = rows[rows["verdict"].isin(FLAGGED)]
    items = [
        _flagged_item(r, text, registry, doc, reviewed.get(int(r.sent_id)))
        for r in flagged.itertuples()
    ]
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
        f"{_roundtrip_note(summary)}{_lm_note(summary)}.</p>"
        f"{_filters(verdicts, fired, _export_bar('export verdicts'))}"
        f'<div class="text" id="text">{"".join(parts)}</div>'
        f"<h2>Flagged sentences ({len(items)})</h2>{''.join(items) or '<p>None.</p>'}"
        + (f"<h2>Checks that fired</h2><dl>{legend}</dl>" if legend else "")
        + '<p class="meta">Underlined: words a check flagged. Dotted: words the round trip '
        "did not bring back. Accept or reject a flagged sentence and add a note: this "
        "browser keeps them; <em>export verdicts</em> downloads them as a CSV for "
        "<code>mtaudit audit --verdicts FILE</code> and <code>mtaudit baseline create "
        "--verdicts FILE</code>.</p>"
    )
    return _page(f"mtaudit: {doc}", body, _document_review(doc, rows, reviewed))


def _document_review(doc: str, rows: pd.DataFrame, reviewed: dict[int, tuple[str, str]]) -> dict:
    """The reviewer data of one page: its flagged and reviewed sentences."""
    out, known = [], []
    for r in rows.itertuples():
        review = reviewed.get(int(r.sent_id))
        if review is None and r.verdict not in FLAGGED:
            continue
        h = sentence_hash(r.text)
        known.append(h)
        out.append(_review_row(r, h, review or ("", "")))
    slug = page_name(doc).removesuffix(".html")
    return _review_data(out, {doc: known}, f"mtaudit-verdicts-{slug}.csv")


def _text_spans(r) -> dict[str, list[tuple[int, int, str]]]:
    """The marks in the running text: findings of flagged sentences only."""
    return _spans(r, with_rt=False) if r.verdict in FLAGGED else {}


def _review_controls(doc: str, h: str, review: tuple[str, str] | None) -> str:
    """Accept / reject / clear and a note; the verdict already in the report, if any."""
    verdict, note = review or ("", "")
    buttons = "".join(
        f'<button type="button" data-set="{v}" aria-pressed="{str(v == verdict).lower()}">'
        f"{label}</button>"
        for v, label in (*((v, v.removesuffix("ed")) for v in HTML_VERDICTS), ("", "clear"))
    )
    saved = ""
    if verdict or note:
        cls = f"rv-{verdict}" if verdict in HTML_VERDICTS else "rv-other"
        shown = f'<b class="badge {cls}">{escape(verdict)}</b>' if verdict else "no verdict"
        saved = (
            f'<span class="saved meta" data-verdict="{escape(verdict)}">in the report: {shown}'
            + (f" — {escape(note)}" if note else "")
            + "</span>"
        )
    return (
        f'<div class="review" data-doc="{escape(doc)}" data-hash="{h}">{buttons}'
        f'<label>note <input type="text" class="note" maxlength="1000" '
        f'value="{escape(note)}"></label>{saved}<span class="state"></span></div>'
    )


def _flagged_item(
    r, text: str, registry: dict, doc: str = "", review: tuple[str, str] | None = None
) -> str:
    findings = "".join(
        f'<li><a href="#check-{escape(f["id"])}"><code>{escape(f["id"])}</code></a> '
        f'<span class="meta">{escape(f["severity"])}, {escape(f["category"])}</span> '
        f"{escape(f['message'])} — “{escape(text[f['start'] : f['end']])}”{_suggestion(f)}"
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
        f'<div class="item" id="d{r.sent_id}" data-v="{r.verdict}" '
        f'data-reviewed="{escape((review or ("", ""))[0])}" data-checks="'
        f'{escape(" ".join(dict.fromkeys(f["id"] for f in r.findings)))}">'
        f'<p><a href="#s{r.sent_id}">#{r.sent_id}</a> <span class="badge v-{r.verdict}">'
        f"{r.verdict}</span> risk {r.risk:.2f}{_unit_label(r)}</p>"
        f'<p class="quote">{_marked(text[r.start : r.end], r.start, _spans(r))}</p>'
        f"<ul>{findings}</ul>{rt}"
        f"{_review_controls(doc, sentence_hash(r.text), review)}</div>"
    )


def _unit_label(r) -> str:
    """Where the sentence comes from in a bilingual file: its unit id and state (XLIFF, PO,
    TMX), or its alignment when two files were aligned by sentence (``2-1``: two source
    sentences became one)."""
    out = ""
    unit_id, state = getattr(r, "unit_id", ""), getattr(r, "unit_state", "")
    if isinstance(unit_id, str) and unit_id:
        out += f' · unit <code class="unit-id">{escape(unit_id)}</code>'
    if isinstance(state, str) and state:
        out += f' <span class="badge">{escape(state)}</span>'
    shape, cost = getattr(r, "alignment", ""), getattr(r, "align_cost", float("nan"))
    if isinstance(shape, str) and shape:
        merged = " merged" if shape not in ("1-1", "1-0", "0-1") else ""
        out += f' · alignment <span class="align">{escape(shape)}{merged}</span>'
        out += f" (cost {cost:.2f})" if cost == cost else ""
    return out


def _suggestion(finding: dict) -> str:
    """The finding's suggested replacements, best first."""
    options = [r for r in finding.get("replacements", []) if r is not None]
    if not options:
        return ""
    shown = " / ".join(f"<ins>{escape(r) if r else '(delete)'}</ins>" for r in options[:3])
    return f' <span class="fix">→ {shown}</span>'


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
