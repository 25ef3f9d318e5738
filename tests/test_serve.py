"""``mtaudit serve``: a real uvicorn server on a free localhost port, a real HTTP client."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest
import uvicorn  # mtaudit[serve]; the dev extra installs it

from mtaudit.cli import build_parser
from mtaudit.serve import Engine, ServerOptions, create_app


@contextmanager
def _running(app):
    """uvicorn serving ``app`` on a free localhost port, in a thread; yields the base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.1)
    assert srv.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="module")
def server():
    options = ServerOptions(
        audit_kwargs={"use_cache": False},
        roundtrip=False,
        lm=False,
        max_bytes=20_000,
        max_documents=3,
        timeout=30.0,
    )
    with _running(create_app(options)) as url:
        yield url


def _request(url: str, data: bytes | None = None, content_type: str = "") -> tuple[int, dict]:
    headers = {"Content-Type": content_type} if content_type else {}
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _form(url: str, **fields: str) -> tuple[int, dict]:
    body = urllib.parse.urlencode(fields).encode()
    return _request(url, body, "application/x-www-form-urlencoded")


def _json(url: str, payload) -> tuple[int, dict]:
    return _request(url, json.dumps(payload).encode(), "application/json")


TEXT = "Der Zug fährt um acht Uhr ab. Der Zug Zug ist heute pünktlich."


def test_check_form_languagetool_shape(server) -> None:
    status, body = _form(f"{server}/v2/check", text=TEXT, language="de-DE")
    assert status == 200
    assert body["software"]["name"] == "mtaudit"
    assert body["language"]["code"] == "de-DE"
    rep = [m for m in body["matches"] if m["rule"]["id"] == "REP-001"]
    assert len(rep) == 1
    m = rep[0]
    assert TEXT[m["offset"] : m["offset"] + m["length"]] == "Zug Zug"
    assert m["replacements"] == []  # no suggestion: an empty list, as LanguageTool sends
    assert set(m["rule"]["category"]) == {"id", "name"} and m["message"]
    ctx = m["context"]
    assert ctx["text"][ctx["offset"] : ctx["offset"] + ctx["length"]] == "Zug Zug"


def test_replacements_are_languagetool_values(server) -> None:
    text = "Die Fähre war voll,aber sie fuhr pünktlich ab."
    _, body = _form(f"{server}/v2/check", text=text, language="de-DE")
    m = next(m for m in body["matches"] if m["rule"]["id"] == "PUNCT-010")
    assert text[m["offset"] : m["offset"] + m["length"]] == "voll,aber"
    assert m["replacements"] == [{"value": "voll, aber"}]


def test_check_json_and_get_give_the_same_matches(server) -> None:
    _, form = _form(f"{server}/v2/check", text=TEXT, language="de")
    status, body = _json(f"{server}/v2/check", {"text": TEXT, "language": "auto"})
    assert status == 200 and body["matches"] == form["matches"]
    query = urllib.parse.urlencode({"text": TEXT, "language": "de-DE"})
    status, got = _request(f"{server}/v2/check?{query}")
    assert status == 200 and got["matches"] == form["matches"]


def test_offsets_count_utf16_units_after_an_emoji(server) -> None:
    text = "🚆 " + TEXT
    _, body = _form(f"{server}/v2/check", text=text, language="de-DE")
    m = next(m for m in body["matches"] if m["rule"]["id"] == "REP-001")
    units = text.encode("utf-16-le")
    flagged = units[2 * m["offset"] : 2 * (m["offset"] + m["length"])].decode("utf-16-le")
    assert flagged == "Zug Zug"


def test_disabled_rules_and_source(server) -> None:
    _, body = _form(f"{server}/v2/check", text=TEXT, language="de-DE", disabledRules="REP")
    assert not [m for m in body["matches"] if m["rule"]["id"].startswith("REP")]
    status, body = _json(
        f"{server}/v2/check",
        {
            "text": "  Der Zug fährt um neun Uhr ab.",
            "source": "The train leaves at 8.",
            "language": "de",
        },
    )
    assert status == 200
    num = [m for m in body["matches"] if m["rule"]["id"].startswith("SRC-NUM")]
    assert num, body["matches"]
    text = "  Der Zug fährt um neun Uhr ab."
    assert "neun" in text[num[0]["offset"] : num[0]["offset"] + num[0]["length"]]


def test_batch_returns_the_sentence_table(server) -> None:
    status, body = _json(
        f"{server}/v1/audit",
        {
            "documents": [
                {"id": "a", "text": TEXT},
                {"id": "b", "text": "The bus is late today.", "source": "Der Bus ist heute spät."},
            ]
        },
    )
    assert status == 200 and body["schema"] == "mtaudit.serve/1"
    ids = [s["id"] for s in body["sentences"]]
    assert ids == ["a", "a", "b"]
    second = body["sentences"][1]
    assert "REP-001" in second["issue_ids"] and second["verdict"] in {"review", "garbled", "ok"}
    assert any(f["id"] == "REP-001" for f in second["findings"])
    assert body["sentences"][2]["source"] == "Der Bus ist heute spät."
    assert [d["id"] for d in body["documents"]] == ["a", "b"]


@pytest.mark.parametrize(
    ("payload", "status", "words"),
    [
        ({"language": "de"}, 400, "missing parameter 'text'"),
        ({"text": "Hallo.", "language": "fr"}, 400, "not supported"),
        ({"text": "Hallo."}, 400, "missing parameter 'language'"),
        ({"text": 5, "language": "de"}, 400, "must be a string"),
        ({"text": "Hallo.", "language": "de", "disabledRules": "NOPE-999"}, 400, "unknown"),
    ],
)
def test_check_errors_are_clear_4xx(server, payload, status, words) -> None:
    got, body = _json(f"{server}/v2/check", payload)
    assert got == status and words in body["error"]


def test_limits(server) -> None:
    big = "Ein Satz. " * 3000  # 30 kB > max_bytes
    status, body = _form(f"{server}/v2/check", text=big, language="de")
    assert status == 413 and "bytes" in body["error"]
    docs = [{"text": "Eins."}] * 4
    status, body = _json(f"{server}/v1/audit", {"documents": docs})
    assert status == 413 and "at most 3" in body["error"]
    status, body = _request(f"{server}/v2/check", b"<xml/>", "application/xml")
    assert status == 415
    status, body = _request(f"{server}/v2/check", b"{not json", "application/json")
    assert status == 400 and "invalid JSON" in body["error"]


def test_health_and_languages(server) -> None:
    status, body = _request(f"{server}/health")
    assert status == 200 and body["status"] == "ok"
    assert body["roundtrip"]["reason"].startswith("round trip switched off")
    assert body["limits"]["max_bytes"] == 20_000
    status, langs = _request(f"{server}/v2/languages")
    assert {lang["code"] for lang in langs} == {"de", "en"}


def test_cli_has_serve_with_host_and_port() -> None:
    args = build_parser().parse_args(["serve", "--host", "127.0.0.1", "--port", "9123"])
    assert (args.command, args.host, args.port) == ("serve", "127.0.0.1", 9123)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--port", "70000"])


class _SlowEngine(Engine):
    def load(self) -> None:  # nothing to load for this test
        self.roundtrip_reason = self.lm_reason = "not loaded"

    def audit_texts(self, documents, language, **extra):
        time.sleep(3)
        raise AssertionError("the request should have timed out first")


def test_a_request_over_the_time_budget_is_408() -> None:
    options = ServerOptions(roundtrip=False, lm=False, timeout=0.5, warm_up=False)
    with _running(create_app(options, _SlowEngine(options))) as url:
        status, body = _form(f"{url}/v2/check", text="Hallo Welt.", language="de")
    assert status == 408 and "longer than 0.5 s" in body["error"]
