"""``mtaudit serve``: an HTTP API so editors and CAT tools can check text as they type.

Endpoints (Starlette app, served by uvicorn; ``pip install 'mtaudit[serve]'``):

* ``POST|GET /v2/check`` — a LanguageTool-compatible subset: form fields, query parameters
  or a JSON object with ``text`` and ``language`` (``de``, ``en``, ``de-DE``, ``en-US``,
  ``auto``); optional ``source`` (the text it translates, for the source-aware checks),
  ``disabledRules`` / ``enabledRules`` (comma-separated ids or prefixes) and
  ``enabledOnly=true``. Answer: ``{"software", "language", "matches": [{"message",
  "shortMessage", "offset", "length", "replacements": [{"value"}], "context", "sentence",
  "rule": {"id", "description", "issueType", "category": {"id", "name"}}, …}]}``.
  Offsets and lengths count UTF-16 code units of ``text``, as LanguageTool's do (the same
  as characters for text without emoji and other astral characters).
* ``POST /v1/audit`` — a batch: ``{"documents": [{"id", "text", "source"?}], "language"?}``
  (or ``{"text": …}`` for one); answer: the per-sentence table (the columns of
  sentences.csv plus each sentence's ``findings``) and the per-document table as JSON.
* ``GET /v2/languages``, ``GET /health`` (what was loaded, what was skipped and why).

Requests are bounded: a body over ``max_bytes`` is refused with 413, a batch of more than
``max_documents`` with 413, malformed input with 400 (or 415 for another content type),
an unsupported language with 400, and an audit that runs past ``timeout`` seconds with
408. The checks, the translation models and the language model are loaded once, when the
server starts; audits run one at a time in a worker thread.
"""

from __future__ import annotations

import json
import logging
import math
import tempfile
import threading
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from mtaudit import __version__

log = logging.getLogger("mtaudit")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8081
DEFAULT_MAX_BYTES = 1_000_000
DEFAULT_MAX_DOCUMENTS = 500
DEFAULT_TIMEOUT = 60.0
LANGUAGES = {"de": ("German", "de-DE"), "en": ("English", "en-US")}
SENTENCE_FIELDS = (
    "doc",
    "sent_id",
    "start",
    "end",
    "lang",
    "kind",
    "text",
    "source",
    "unit_id",
    "backtranslation",
    "roundtrip",
    "rt_chrf",
    "risk",
    "p_major",
    "verdict",
    "issue_ids",
    "mqm_penalty",
    "skip_reason",
)


class RequestError(Exception):
    """A request the server refuses; ``status`` is the HTTP status (4xx)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class ServerOptions:
    """What ``mtaudit serve`` was started with."""

    audit_kwargs: dict[str, Any] = field(default_factory=dict)
    roundtrip: bool = True
    lm: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    max_documents: int = DEFAULT_MAX_DOCUMENTS
    timeout: float = DEFAULT_TIMEOUT
    warm_up: bool = True


@dataclass
class Engine:
    """The models, loaded once, and the audits run against them one at a time."""

    options: ServerOptions
    lm_model: Any = None
    lm_reason: str = ""
    translators: dict = field(default_factory=dict)
    roundtrip_reason: str = ""
    loaded_seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def load(self) -> None:
        """Load the checks, the translation models and the language model; warm up the
        segmenter, tagger and language identifier on two short texts."""
        began = time.perf_counter()
        from mtaudit.checks import load_all

        load_all()
        if self.options.lm:
            from mtaudit.lm import LMUnavailable
            from mtaudit.pipeline import default_lm

            try:
                self.lm_model = default_lm()
            except LMUnavailable as exc:
                self.lm_reason = str(exc)
        else:
            self.lm_reason = "language model switched off (--no-lm)"
        if self.options.roundtrip:
            from mtaudit.pipeline import default_translator_factory
            from mtaudit.roundtrip import PIVOT, load_translators

            kwargs = self.options.audit_kwargs
            factory = default_translator_factory(
                kwargs.get("cache_dir"), kwargs.get("batch_size"), kwargs.get("use_cache", True)
            )
            pivot = {**PIVOT, **(kwargs.get("pivot") or {})}
            self.translators, self.roundtrip_reason = load_translators({"de", "en"}, factory, pivot)
        else:
            self.roundtrip_reason = "round trip switched off (--no-roundtrip)"
        if self.options.warm_up:
            for text in ("Das ist ein kurzer Satz.", "This is a short sentence."):
                self.audit_texts([{"id": "warm-up", "text": text}], None)
        self.loaded_seconds = round(time.perf_counter() - began, 3)

    def _translator(self, source: str, target: str):
        from mtaudit.translate.base import ModelMissing

        try:
            return self.translators[(source, target)]
        except KeyError:
            raise ModelMissing(f"no translation model loaded for {source}->{target}") from None

    def audit_texts(self, documents: list[dict], language: str | None, **extra):
        """Audit in-memory texts (``{"id", "text", "source"?}``) as the CLI audits files."""
        from mtaudit.bilingual import PairSource
        from mtaudit.pipeline import audit

        kwargs = dict(self.options.audit_kwargs)
        kwargs.update(extra)
        kwargs.update(
            roundtrip=self.options.roundtrip,  # missing models: the audit says which
            translator_factory=self._translator,
            lm=self.lm_model is not None,
            lm_factory=lambda: self.lm_model,
            languages=[language] if language else kwargs.get("languages"),
            document_timeout=self.options.timeout,
            progress=False,
        )
        if "jobs" in kwargs:
            kwargs["jobs"] = 1  # one short text: no worker processes
        with tempfile.TemporaryDirectory(prefix="mtaudit-serve-") as tmp:
            folder = Path(tmp)
            paths, pairs, names = [], [], {}
            for i, item in enumerate(documents):
                name = f"{i}.txt"
                if item.get("source") is not None:
                    path = folder / f"{i}.csv"
                    _write_pair(path, item["source"], item["text"])
                    pairs.append(PairSource(path, doc=name))
                else:
                    path = folder / name
                    path.write_text(item["text"], encoding="utf-8", newline="")
                    paths.append(path)
                names[name] = item.get("id", str(i))
            with self.lock:
                result = audit(paths, pairs=pairs, **kwargs)
        return result, names


def _write_pair(path: Path, source: str, target: str) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow(["source", "target"])
        writer.writerow([source, target])


# --------------------------------------------------------------------------- requests


async def _body(request, max_bytes: int) -> bytes:
    """The request body, refused with 413 as soon as it is longer than ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise RequestError(413, f"request body over {max_bytes} bytes; send less text at once")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise RequestError(413, f"request body over {max_bytes} bytes; send less text at once")
        chunks.append(chunk)
    return b"".join(chunks)


async def _params(request, max_bytes: int) -> dict[str, Any]:
    """Parameters from the query string, a urlencoded form or a JSON object."""
    params: dict[str, Any] = {k: v for k, v in request.query_params.items()}
    if request.method != "POST":
        return params
    body = await _body(request, max_bytes)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not body.strip():
        return params
    if kind == "application/json":
        data = _json(body)
        if not isinstance(data, dict):
            raise RequestError(400, "the JSON body must be an object")
        params.update(data)
    elif kind in ("application/x-www-form-urlencoded", ""):
        try:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError as exc:
            raise RequestError(400, f"the form is not UTF-8 (byte {exc.start})") from exc
        params.update({k: v[-1] for k, v in form.items()})
    else:
        raise RequestError(
            415, f"unsupported content type {kind!r}: send application/json or a urlencoded form"
        )
    return params


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"the body is not UTF-8 (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise RequestError(400, f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc


def _language(value: Any) -> str | None:
    """``de``/``en`` from ``de-DE``, ``en_US``, …; None for ``auto``; 400 otherwise."""
    if value is None or value == "":
        raise RequestError(400, "missing parameter 'language' (de, en or auto)")
    if not isinstance(value, str):
        raise RequestError(400, "'language' must be a string such as de-DE, en-US or auto")
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if code == "auto":
        return None
    if code not in LANGUAGES:
        raise RequestError(400, f"language {value!r} is not supported (de, en or auto)")
    return code


def _text(value: Any, what: str = "text") -> str:
    if value is None:
        raise RequestError(400, f"missing parameter {what!r}")
    if not isinstance(value, str):
        raise RequestError(400, f"{what!r} must be a string")
    if "\x00" in value:
        raise RequestError(400, f"{what!r} contains a NUL character")
    return value


def _rules(params: dict[str, Any]) -> dict[str, Any]:
    """``disabledRules``/``enabledRules``/``enabledOnly`` as audit options."""

    def ids(name: str) -> list[str] | None:
        value = params.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        if not isinstance(value, str):
            raise RequestError(400, f"{name!r} must be a comma-separated string")
        return [v.strip() for v in value.split(",") if v.strip()] or None

    out: dict[str, Any] = {}
    disabled, enabled = ids("disabledRules"), ids("enabledRules")
    only = str(params.get("enabledOnly", "false")).lower() in ("true", "1", "yes")
    if only and not enabled:
        raise RequestError(400, "enabledOnly=true needs enabledRules")
    if disabled:
        out["ignore"] = disabled
    if enabled:
        out["select" if only else "extend_select"] = enabled
    return out


def _utf16(text: str, offset: int) -> int:
    """A code-point offset into ``text`` as UTF-16 code units (LanguageTool's offsets)."""
    head = text[:offset]
    return offset + sum(1 for ch in head if ord(ch) > 0xFFFF)


def _matches(result, text: str, registry: dict) -> list[dict]:
    from mtaudit.reports.findings import is_bilingual, iter_findings

    lead = len(text) - len(text.lstrip())  # a pair's target is read stripped
    out = []
    for row, f, _ in iter_findings(result):
        start, end = int(f["start"]), int(f["end"])
        if is_bilingual(row):  # offsets within the pair's target
            start, end = start - int(row.start) + lead, end - int(row.start) + lead
        cls = registry.get(f["id"])
        lo, hi = max(0, start - 40), min(len(text), end + 40)
        out.append(
            {
                "message": f["message"],
                "shortMessage": getattr(cls, "name", ""),
                "offset": _utf16(text, start),
                "length": _utf16(text, end) - _utf16(text, start),
                "replacements": [{"value": r} for r in f.get("replacements", []) if r is not None],
                "context": {
                    "text": text[lo:hi],
                    "offset": _utf16(text[lo:], start - lo),
                    "length": _utf16(text[lo:], end - lo) - _utf16(text[lo:], start - lo),
                },
                "sentence": row.text,
                "type": {"typeName": "Other"},
                "rule": {
                    "id": f["id"],
                    "description": getattr(cls, "summary", f["message"]),
                    "issueType": _issue_type(f["category"]),
                    "category": {"id": f["category"], "name": f["category"]},
                },
                "severity": f["severity"],
                "confidence": f.get("confidence", 1.0),
                "sentenceRisk": None if math.isnan(float(row.risk)) else round(float(row.risk), 4),
                "sentenceVerdict": row.verdict,
            }
        )
    return out


def _issue_type(category: str) -> str:
    """LanguageTool's issue types from the MQM category."""
    head = category.split("/")[0].lower()
    return {"accuracy": "mistranslation", "fluency": "grammar", "style": "style"}.get(
        head, "uncategorized"
    )


def _clean(value: Any) -> Any:
    """JSON-safe cells: NaN becomes null, numpy scalars plain numbers."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        try:
            return _clean(value.item())
        except (TypeError, ValueError):
            return value
    return value


def _table(result, names: dict[str, str]) -> dict[str, Any]:
    sentences = []
    for row in result.sentences.to_dict("records"):
        record = {k: _clean(row.get(k)) for k in SENTENCE_FIELDS if k in row}
        record["id"] = names.get(row["doc"], row["doc"])
        record.pop("doc", None)
        record["findings"] = list(row.get("findings") or [])
        sentences.append(record)
    documents = []
    for row in result.documents.to_dict("records"):
        record = {k: _clean(v) for k, v in row.items()}
        record["id"] = names.get(row["doc"], row["doc"])
        record.pop("doc", None)
        documents.append(record)
    return {"sentences": sentences, "documents": documents}


# --------------------------------------------------------------------------- app


def create_app(options: ServerOptions | None = None, engine: Engine | None = None):
    """The Starlette application; the models load when it starts (lifespan)."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    options = options or ServerOptions()
    engine = engine or Engine(options)

    @asynccontextmanager
    async def lifespan(_app):
        await run_in_threadpool(engine.load)
        log.warning(
            "models loaded in %.1f s (round trip: %s; language model: %s)",
            engine.loaded_seconds,
            "on" if engine.translators else engine.roundtrip_reason,
            "on" if engine.lm_model is not None else engine.lm_reason,
        )
        yield

    async def run(documents, language, extra):
        import asyncio

        try:
            return await asyncio.wait_for(
                run_in_threadpool(engine.audit_texts, documents, language, **extra),
                timeout=options.timeout,
            )
        except asyncio.TimeoutError as exc:
            raise RequestError(
                408, f"the audit took longer than {options.timeout:g} s; send less text at once"
            ) from exc
        except ValueError as exc:  # an unknown rule id, a bad option
            raise RequestError(400, str(exc)) from exc

    def timed_out(result) -> str:
        errors = [e for e in result.documents["errors"] if e]
        return "; ".join(errors)

    async def check(request):
        params = await _params(request, options.max_bytes)
        if "data" in params and "text" not in params:
            raise RequestError(400, "'data' (annotated markup) is not supported; send 'text'")
        text = _text(params.get("text"))
        language = _language(params.get("language"))
        item: dict[str, Any] = {"id": "text", "text": text}
        if params.get("source") not in (None, ""):
            item["source"] = _text(params["source"], "source")
        result, _ = await run([item], language, _rules(params))
        failed = timed_out(result)
        if failed and "time budget" in failed:
            raise RequestError(408, failed)
        from mtaudit.checks import load_all

        registry = load_all()
        detected = result.documents.iloc[0]["lang"] if len(result.documents) else ""
        code = language or detected or "auto"
        name, long_code = LANGUAGES.get(code, (code, code))
        return JSONResponse(
            {
                "software": {
                    "name": "mtaudit",
                    "version": __version__,
                    "apiVersion": 1,
                    "status": "",
                },
                "language": {
                    "name": name,
                    "code": long_code,
                    "detectedLanguage": {"name": name, "code": detected or code},
                },
                "matches": _matches(result, text, registry),
                "warnings": {"incompleteResults": bool(failed)},
                "notes": _notes(result),
            }
        )

    async def batch(request):
        if request.method != "POST":
            raise RequestError(405, "POST a JSON object with 'documents'")
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise RequestError(415, "send application/json")
        data = _json(await _body(request, options.max_bytes))
        if not isinstance(data, dict):
            raise RequestError(400, "the JSON body must be an object")
        if "documents" in data:
            documents = data["documents"]
            if not isinstance(documents, list) or not documents:
                raise RequestError(400, "'documents' must be a non-empty list")
        elif "text" in data:
            documents = [{"id": "text", "text": data["text"], "source": data.get("source")}]
        else:
            raise RequestError(400, "missing 'documents' (or 'text')")
        if len(documents) > options.max_documents:
            raise RequestError(
                413, f"{len(documents)} documents; at most {options.max_documents} per request"
            )
        items = []
        for i, doc in enumerate(documents):
            if not isinstance(doc, dict):
                raise RequestError(400, f"documents[{i}] must be an object with 'text'")
            item = {"id": str(doc.get("id", i)), "text": _text(doc.get("text"), "text")}
            if doc.get("source") is not None:
                item["source"] = _text(doc["source"], "source")
            items.append(item)
        language = _language(data["language"]) if data.get("language") else None
        result, names = await run(items, language, _rules(data))
        return JSONResponse(
            {"schema": "mtaudit.serve/1", **_table(result, names), "notes": _notes(result)}
        )

    async def languages(_request):
        return JSONResponse(
            [{"name": n, "code": c, "longCode": long} for c, (n, long) in LANGUAGES.items()]
        )

    async def health(_request):
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "roundtrip": {
                    "loaded": sorted("-".join(k) for k in engine.translators),
                    "reason": engine.roundtrip_reason,
                },
                "lm": {"loaded": engine.lm_model is not None, "reason": engine.lm_reason},
                "loaded_seconds": engine.loaded_seconds,
                "limits": {
                    "max_bytes": options.max_bytes,
                    "max_documents": options.max_documents,
                    "timeout_seconds": options.timeout,
                },
            }
        )

    def guarded(handler):
        async def endpoint(request):
            try:
                return await handler(request)
            except RequestError as exc:
                return JSONResponse({"error": exc.message, "status": exc.status}, exc.status)

        return endpoint

    routes = [
        Route("/v2/check", guarded(check), methods=["GET", "POST"]),
        Route("/v1/audit", guarded(batch), methods=["GET", "POST"]),
        Route("/v2/languages", languages, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.engine = engine
    return app


def _notes(result) -> list[str]:
    from mtaudit.reports.findings import skipped_stages

    return skipped_stages(result)


@lru_cache(maxsize=1)
def _uvicorn():
    try:
        import uvicorn
    except ImportError as exc:
        raise RuntimeError(
            "mtaudit serve needs its optional dependencies: pip install 'mtaudit[serve]'"
        ) from exc
    return uvicorn


def serve(host: str, port: int, options: ServerOptions) -> None:
    """Run the server until interrupted."""
    uvicorn = _uvicorn()
    try:
        import starlette  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(
            "mtaudit serve needs its optional dependencies: pip install 'mtaudit[serve]'"
        ) from exc
    uvicorn.run(create_app(options), host=host, port=port, log_level="warning")
