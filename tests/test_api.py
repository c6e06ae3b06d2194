"""The HTTP API against the contract: shapes, offsets, and every kind of bad input."""

from __future__ import annotations

import json
import time

import pytest
import requests
from slant.engine.runner import MAX_OVERDUE

from plugins import misbehaving

TRICKY = "Zoë said 😀 it's fine.\u0301 Then 👩‍👩‍👧 left at 5 p.m. and the U.S. Army 🇺🇦 agreed. Mr. Smith disagreed!"


@pytest.fixture
def app(app_with_plugins):
    return app_with_plugins(misbehaving)


@pytest.fixture
def api(app):
    return app.test_client()


def check_offsets(text: str, body: dict) -> None:
    """The contract's offset invariant, for every sentence and annotation."""
    previous_end = 0
    for sentence in body["sentences"]:
        assert previous_end <= sentence["start"] < sentence["end"] <= len(text)
        quoted = text[sentence["start"] : sentence["end"]]
        assert quoted == quoted.strip()
        previous_end = sentence["end"]
    for result in body["results"].values():
        for annotation in result["annotations"]:
            assert 0 <= annotation["start"] <= annotation["end"] <= len(text)
            assert annotation["quote"] == text[annotation["start"] : annotation["end"]]


def test_analyze_returns_the_contract_shape(api):
    response = api.post(
        "/api/v1/analyze", json={"text": TRICKY, "url": "https://example.org/a", "title": "T"}
    )
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= {
        "slant_version",
        "elapsed_ms",
        "text_length",
        "language",
        "sentences",
        "results",
    }
    assert body["text_length"] == len(TRICKY)
    assert body["language"] == "en"
    result = body["results"]["sentences"]
    assert result["status"] == "ok"
    assert result["analyzer"] == {
        "name": "sentences",
        "version": "1.0.0",
        "plugin": "plugins.misbehaving",
        "model_card": None,
    }
    assert [(a["start"], a["end"]) for a in result["annotations"]] == [
        (s["start"], s["end"]) for s in body["sentences"]
    ]
    check_offsets(TRICKY, body)


def test_offsets_count_code_points_past_emoji_and_combining_marks(api):
    body = api.post("/api/v1/analyze", json={"text": TRICKY, "analyzers": ["sentences"]}).get_json()
    last = body["results"]["sentences"]["annotations"][-1]
    assert last["quote"] == "Mr. Smith disagreed!"
    assert last["start"] == TRICKY.index("Mr. Smith")


def test_analyzers_can_be_named_in_the_request(api):
    body = api.post(
        "/api/v1/analyze", json={"text": "One. Two.", "analyzers": ["sentences"]}
    ).get_json()
    assert list(body["results"]) == ["sentences"]


@pytest.mark.parametrize(
    ("name", "status", "message"),
    [
        ("raises", "error", "RuntimeError: model file is corrupt"),
        ("hangs", "timeout", "took longer than 0.2 s"),
        ("garbage", "error", "outside the text"),
        ("wrong-label", "error", "'undeclared', not one of the declared"),
        ("not-json", "error", "not plain JSON"),
        ("returns-none", "error", "returned NoneType"),
    ],
)
def test_a_misbehaving_analyzer_is_contained(api, name, status, message):
    response = api.post(
        "/api/v1/analyze",
        json={"text": "A short text. It has two sentences.", "analyzers": [name, "sentences"]},
    )
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert results[name]["status"] == status
    assert message in results[name]["error"]
    assert results[name]["summary"] is None and results[name]["annotations"] == []
    assert results["sentences"]["status"] == "ok"
    assert len(results["sentences"]["annotations"]) == 2


def test_an_analyzer_that_keeps_hanging_is_not_started_again_until_it_returns(app):
    """Stuck threads cannot be killed; they must not pile up either."""
    body = {"text": "A short text.", "analyzers": ["hangs", "sentences"]}
    registered = app.extensions["slant"].analyzers["hangs"]
    try:
        for _ in range(MAX_OVERDUE):
            result = app.test_client().post("/api/v1/analyze", json=body).get_json()["results"]
            assert "took longer than 0.2 s" in result["hangs"]["error"]
        refused = app.test_client().post("/api/v1/analyze", json=body).get_json()["results"]
        assert refused["hangs"]["status"] == "timeout"
        assert f"still running {MAX_OVERDUE} earlier calls" in refused["hangs"]["error"]
        assert refused["hangs"]["elapsed_ms"] == 0.0
        assert refused["sentences"]["status"] == "ok"
        misbehaving.RELEASE.set()
        deadline = time.monotonic() + 10
        while registered.overdue.count() and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        misbehaving.RELEASE.clear()
    again = app.test_client().post("/api/v1/analyze", json=body).get_json()["results"]
    assert again["hangs"]["status"] == "timeout"
    assert "took longer than 0.2 s" in again["hangs"]["error"]


def test_an_analyzer_for_another_language_is_skipped(api):
    result = api.post(
        "/api/v1/analyze", json={"text": "Hello there, world.", "analyzers": ["german-only"]}
    ).get_json()
    assert result["results"]["german-only"]["status"] == "skipped"
    assert "'en'" in result["results"]["german-only"]["error"]


def test_analyzers_lists_what_is_enabled(api):
    listed = {a["name"]: a for a in api.get("/api/v1/analyzers").get_json()}
    assert "fails-setup" not in listed  # its setup raised: left out, server up
    assert listed["sentences"] == {
        "name": "sentences",
        "version": "1.0.0",
        "plugin": "plugins.misbehaving",
        "description": "Marks every sentence.",
        "labels": ["sentence"],
        "languages": ["en"],
        "depends_on": [],
        "model_card": None,
        "plugin_version": None,
        "entry_point": "plugins.misbehaving = plugins.misbehaving",
        "builtin": False,
        "settings": [],
    }


def test_health(app_with_plugins):
    healthy = app_with_plugins(misbehaving, config={"DISABLE_ANALYZERS": "fails-setup"})
    assert healthy.test_client().get("/api/v1/health").get_json() == {
        "status": "ok",
        "slant_version": "0.1.0",
        "api": "v1",
    }


def test_openapi_describes_the_endpoints_and_schemas(api):
    document = api.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/analyze",
        "/api/v1/analyzers",
        "/api/v1/feedback",
        "/api/v1/health",
        "/api/v1/openapi.json",
    }
    annotation = document["components"]["schemas"]["Annotation"]
    assert set(annotation["required"]) >= {"start", "end", "label", "quote", "explanation", "data"}
    assert "422" in document["paths"]["/api/v1/analyze"]["post"]["responses"]


BAD_INPUTS = [
    ("malformed JSON", b'{"text": ', "application/json", 400, "bad_json"),
    ("not UTF-8", b'{"text": "\xff"}', "application/json", 400, "bad_json"),
    ("NaN constant", b'{"text": NaN}', "application/json", 400, "bad_json"),
    ("wrong content type", b'{"text": "hi"}', "text/plain", 415, "unsupported_media_type"),
    (
        "form content type",
        b"text=hi",
        "application/x-www-form-urlencoded",
        415,
        "unsupported_media_type",
    ),
    ("no content type", b'{"text": "hi"}', None, 415, "unsupported_media_type"),
    ("not an object", b'["text"]', "application/json", 422, "validation_error"),
    ("text missing", b'{"url": "x"}', "application/json", 422, "validation_error"),
    ("text not a string", b'{"text": 5}', "application/json", 422, "validation_error"),
    ("text null", b'{"text": null}', "application/json", 422, "validation_error"),
    ("text empty", b'{"text": ""}', "application/json", 422, "validation_error"),
    ("text whitespace", b'{"text": " \\n\\t "}', "application/json", 422, "validation_error"),
    (
        "analyzers not a list",
        b'{"text": "hi", "analyzers": "sentences"}',
        "application/json",
        422,
        "validation_error",
    ),
    ("url wrong type", b'{"text": "hi", "url": 3}', "application/json", 422, "validation_error"),
    ("lone surrogate", b'{"text": "hi \\ud800"}', "application/json", 422, "validation_error"),
    (
        "unknown analyzer",
        b'{"text": "hi", "analyzers": ["nope"]}',
        "application/json",
        422,
        "unknown_analyzer",
    ),
    ("deep nesting", b"[" * 100000 + b"]" * 100000, "application/json", 400, "bad_json"),
]


def envelope_ok(response, status: int, code: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    body = (
        json.loads(response.get_data(as_text=True))
        if hasattr(response, "get_data")
        else response.json()
    )
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "details" in body["error"]


@pytest.mark.parametrize(
    ("case", "body", "content_type", "status", "code"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_gets_the_error_envelope(api, case, body, content_type, status, code):
    headers = {"Content-Type": content_type} if content_type else {}
    envelope_ok(api.post("/api/v1/analyze", data=body, headers=headers), status, code)


def test_validation_details_name_the_fields(api):
    body = api.post("/api/v1/analyze", json={"text": 5, "analyzers": "x"}).get_json()
    assert set(body["error"]["details"]) == {"text", "analyzers"}


def test_unknown_analyzer_says_what_is_available(api):
    details = api.post("/api/v1/analyze", json={"text": "hi", "analyzers": ["nope"]}).get_json()[
        "error"
    ]["details"]
    assert details["unknown"] == ["nope"] and "sentences" in details["available"]


def test_oversized_body_is_413(app_with_plugins):
    api = app_with_plugins(misbehaving, config={"MAX_BODY_BYTES": 1000}).test_client()
    envelope_ok(api.post("/api/v1/analyze", json={"text": "x" * 2000}), 413, "payload_too_large")


def test_unknown_path_and_wrong_method(api):
    envelope_ok(api.get("/api/v2/analyze"), 404, "not_found")
    envelope_ok(api.get("/api/v1/analyze"), 405, "method_not_allowed")
    envelope_ok(api.delete("/api/v1/health"), 405, "method_not_allowed")


def test_api_keys(app_with_plugins):
    api = app_with_plugins(misbehaving, config={"API_KEYS": "s3cret,other"}).test_client()
    envelope_ok(api.post("/api/v1/analyze", json={"text": "hi"}), 401, "unauthorized")
    wrong = api.post(
        "/api/v1/analyze", json={"text": "hi"}, headers={"Authorization": "Bearer nope"}
    )
    envelope_ok(wrong, 403, "forbidden")
    right = api.post(
        "/api/v1/analyze", json={"text": "hi"}, headers={"Authorization": "Bearer other"}
    )
    assert right.status_code == 200
    assert api.get("/api/v1/health").status_code == 200  # health stays public


def test_cors_only_for_configured_origins(app_with_plugins):
    api = app_with_plugins(
        misbehaving, config={"CORS_ORIGINS": "https://news.example"}
    ).test_client()
    allowed = api.get("/api/v1/health", headers={"Origin": "https://news.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://news.example"
    other = api.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.slow
def test_contract_over_real_http(live_server):
    """The real server (slant serve, built-in analyzers) over a socket."""
    response = requests.post(f"{live_server}/api/v1/analyze", json={"text": TRICKY}, timeout=30)
    assert response.status_code == 200
    body = response.json()
    check_offsets(TRICKY, body)
    for name, result in body["results"].items():
        assert result["status"] == "ok", (name, result.get("error"))
    bad = requests.post(
        f"{live_server}/api/v1/analyze",
        data=b"{",
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_json"
    huge = requests.post(
        f"{live_server}/api/v1/analyze", json={"text": "x" * 1_100_000}, timeout=30
    )
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"
    missing = requests.get(f"{live_server}/nowhere", timeout=10)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_model_cards_are_served_as_text_from_the_plugins_package(client):
    listed = {a["name"]: a for a in client.get("/api/v1/analyzers").get_json()}
    assert listed["opinion"]["model_card"] == "/docs/analyzers/opinion/model-card.md"
    response = client.get("/docs/analyzers/opinion/model-card.md")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.get_data(as_text=True).startswith("# ")
    envelope_ok(client.get("/docs/analyzers/nope/model-card.md"), 404, "not_found")
    envelope_ok(client.get("/docs/api.md"), 404, "not_found")
