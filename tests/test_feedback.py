"""Readers' feedback: off by default (404 in the envelope), kept in SQLite when on, exported as JSONL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from slant.cli import cli
from slant.feedback import FeedbackStore, parse_feedback
from slant.feedback.store import MIGRATIONS, FeedbackError
from slant.web.app import create_app

REPORT = {
    "url": "https://news.example/2026/op-ed?session=secret#comments",
    "analyzer": "opinion",
    "analyzer_version": "1.0.0",
    "label": "opinion",
    "correct_label": "fact",
    "score": 0.62,
    "text": "The council approved the budget on Monday.",
    "start": 0,
    "end": 42,
}


def feedback_app(tmp_path: Path, **config: object):
    return create_app(
        {"TESTING": True, "FEEDBACK_DB": str(tmp_path / "feedback.sqlite3"), **config},
        load_entrypoints=False,
        env={},
    )


def test_off_by_default_the_endpoint_is_a_404_in_the_envelope(tmp_path: Path) -> None:
    app = create_app({"TESTING": True}, load_entrypoints=False, env={})
    response = app.test_client().post("/api/v1/feedback", json=REPORT)
    assert response.status_code == 404
    body = response.get_json()
    assert body["error"]["code"] == "not_found"
    assert "SLANT_FEEDBACK_DB" in body["error"]["message"]
    assert set(body["error"]) == {"code", "message", "details"}
    assert not list(tmp_path.iterdir())


def test_one_report_lands_as_one_row_and_comes_back_from_export(tmp_path: Path) -> None:
    app = feedback_app(tmp_path)
    response = app.test_client().post("/api/v1/feedback", json=REPORT)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["stored"] is True
    db = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT url, analyzer, label, correct_label, text FROM feedback"
        ).fetchall()
        assert connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    # The page's address without its query string and fragment: they carry sessions.
    assert rows == [
        ("https://news.example/2026/op-ed", "opinion", "opinion", "fact", REPORT["text"])
    ]

    result = CliRunner().invoke(cli, ["feedback", "export", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 1
    (line,) = lines
    assert {
        k: line[k] for k in ("analyzer", "label", "correct_label", "text", "start", "end", "score")
    } == {
        k: REPORT[k]
        for k in ("analyzer", "label", "correct_label", "text", "start", "end", "score")
    }
    assert line["text"][line["start"] : line["end"]] == REPORT["text"]
    assert set(line) == {
        "id",
        "created_at",
        "url",
        "analyzer",
        "analyzer_version",
        "label",
        "correct_label",
        "score",
        "text",
        "start",
        "end",
    }


def test_export_reads_the_setting_and_says_when_there_is_no_file(tmp_path: Path) -> None:
    db = tmp_path / "feedback.sqlite3"
    runner = CliRunner()
    missing = runner.invoke(cli, ["feedback", "export"], env={"SLANT_FEEDBACK_DB": ""})
    assert missing.exit_code != 0 and "SLANT_FEEDBACK_DB" in missing.output
    absent = runner.invoke(cli, ["feedback", "export"], env={"SLANT_FEEDBACK_DB": str(db)})
    assert absent.exit_code != 0 and "no such feedback file" in absent.output
    store = FeedbackStore(db)
    store.migrate()
    store.add(parse_feedback(REPORT))
    out = tmp_path / "out.jsonl"
    done = runner.invoke(
        cli, ["feedback", "export", "-o", str(out)], env={"SLANT_FEEDBACK_DB": str(db)}
    )
    assert done.exit_code == 0, done.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "the page's title"}, "title"),  # nothing else of the page
        ({"html": "<p>…</p>"}, "html"),
        ({"text": "x" * 1001, "end": 3}, "text"),
        ({"text": ""}, "text"),
        ({"start": 5, "end": 2}, "start"),
        ({"end": 43}, "start"),
        ({"start": True}, "start"),
        ({"analyzer": ""}, "analyzer"),
        ({"label": None}, "label"),
        ({"score": 1.5}, "score"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "https://x.example/" + "a" * 2100}, "url"),
    ],
)
def test_reports_that_say_more_than_one_sentence_are_refused(
    tmp_path: Path, change: dict, field: str
) -> None:
    app = feedback_app(tmp_path)
    response = app.test_client().post("/api/v1/feedback", json={**REPORT, **change})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_error"
    assert field in response.get_json()["error"]["details"]
    assert list(FeedbackStore(tmp_path / "feedback.sqlite3").rows()) == []


def test_a_pasted_text_has_no_url_and_a_plain_wrong_has_no_label(tmp_path: Path) -> None:
    record = parse_feedback({**REPORT, "url": None, "correct_label": None})
    assert record.url is None and record.correct_label is None


def test_size_json_and_rate_limits(tmp_path: Path) -> None:
    app = feedback_app(tmp_path, FEEDBACK_RATE_LIMIT="2/minute")
    client = app.test_client()
    huge = client.post(
        "/api/v1/feedback",
        data=json.dumps({**REPORT, "pad": "x" * 9000}),
        content_type="application/json",
    )
    assert huge.status_code == 413
    assert huge.get_json()["error"]["code"] == "payload_too_large"
    form = client.post("/api/v1/feedback", data="text=x")
    assert form.status_code == 415
    assert client.post("/api/v1/feedback", json=REPORT).status_code == 201
    third = client.post("/api/v1/feedback", json=REPORT)
    assert third.status_code == 429
    assert third.get_json()["error"]["code"] == "rate_limited"
    assert int(third.headers["Retry-After"]) >= 1
    assert len(list(FeedbackStore(tmp_path / "feedback.sqlite3").rows())) == 1


def test_api_keys_guard_feedback_too(tmp_path: Path) -> None:
    app = feedback_app(tmp_path, API_KEYS="k1")
    client = app.test_client()
    assert client.post("/api/v1/feedback", json=REPORT).status_code == 401
    ok = client.post("/api/v1/feedback", json=REPORT, headers={"Authorization": "Bearer k1"})
    assert ok.status_code == 201


def test_the_schema_is_migrated_once_and_a_newer_file_is_refused(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "nested" / "feedback.sqlite3")
    assert store.migrate() == len(MIGRATIONS)
    store.add(parse_feedback(REPORT))
    assert store.migrate() == len(MIGRATIONS)  # a restart keeps the rows
    assert len(list(store.rows())) == 1
    with sqlite3.connect(store.path) as connection:
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(RuntimeError, match="upgrade slant"):
        store.migrate()


def test_parse_feedback_names_every_bad_field() -> None:
    with pytest.raises(FeedbackError) as caught:
        parse_feedback({"text": 3})
    assert {"analyzer", "label", "text", "start"} <= set(caught.value.fields)
    with pytest.raises(FeedbackError):
        parse_feedback(["not", "an", "object"])


def test_the_openapi_document_describes_the_report_the_endpoint_takes() -> None:
    from slant.feedback.store import _FIELDS
    from slant.web.openapi import openapi_document

    document = openapi_document()
    report = document["components"]["schemas"]["FeedbackReport"]
    assert set(report["properties"]) == set(_FIELDS)
    assert report["additionalProperties"] is False
    responses = document["paths"]["/api/v1/feedback"]["post"]["responses"]
    assert {"201", "404", "413", "422", "429"} <= set(responses)
    # The sample report the other tests send is one the document allows.
    assert set(REPORT) <= set(report["properties"])
    assert set(report["required"]) <= set(REPORT)
