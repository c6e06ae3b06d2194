"""One SQLite file of feedback reports, its schema migrated by the app.

A report holds what a training script needs and nothing more of the page: the
marked sentence, the mark's offsets in it, the analyzer's label and the label
the reader says is right, and the page's address without its query string or
fragment (those carry sessions and tokens). No IP address, no key, no title.

The schema version is SQLite's own ``PRAGMA user_version``: each entry of
:data:`MIGRATIONS` moves the file one version up, inside one transaction, so
a file made by an older slant is brought up to date when the server opens it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit, urlunsplit

MAX_TEXT = 1000  # code points: one sentence, or a short passage
MAX_URL = 2048
MAX_NAME = 64
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        url TEXT,
        analyzer TEXT NOT NULL,
        analyzer_version TEXT,
        label TEXT NOT NULL,
        correct_label TEXT,
        score REAL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    )
    """,
)
_FIELDS = (
    "url",
    "analyzer",
    "analyzer_version",
    "label",
    "correct_label",
    "score",
    "text",
    "start",
    "end",
)


class FeedbackError(ValueError):
    """A report the server will not keep; ``fields`` says which field and why."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


@dataclass(frozen=True)
class FeedbackRecord:
    """One reader's "this mark is wrong": offsets count code points of ``text``."""

    url: str | None
    analyzer: str
    analyzer_version: str | None
    label: str
    correct_label: str | None
    score: float | None
    text: str
    start: int
    end: int


def parse_feedback(payload: Any) -> FeedbackRecord:
    """Validate a request body; unknown fields are refused, so nothing else of a page slips in."""
    if not isinstance(payload, dict):
        raise FeedbackError({"_schema": "expected a JSON object"})
    errors: dict[str, str] = {}
    for name in sorted(set(payload) - set(_FIELDS)):
        errors[name] = "unknown field"

    def name_field(key: str, *, required: bool) -> str | None:
        value = payload.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME:
            errors[key] = f"expected a name of 1 to {MAX_NAME} characters"
            return None
        return value.strip()

    analyzer = name_field("analyzer", required=True)
    label = name_field("label", required=True)
    correct_label = name_field("correct_label", required=False)
    version = name_field("analyzer_version", required=False)
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
        errors["text"] = f"expected the marked sentence, 1 to {MAX_TEXT} characters"
        text = ""
    start, end = payload.get("start"), payload.get("end")
    if type(start) is not int or type(end) is not int:  # bool is an int subclass: refused too
        start = end = 0
    if not 0 <= start < end <= len(text):
        errors["start"] = "expected 0 <= start < end <= the length of text"
    score = payload.get("score")
    if score is not None and not (
        isinstance(score, int | float) and not isinstance(score, bool) and 0 <= score <= 1
    ):
        errors["score"] = "expected a number from 0 to 1, or null"
    url = _page_address(payload.get("url"), errors)
    if errors:
        raise FeedbackError(errors)
    assert analyzer is not None and label is not None  # set, or errors would be raised
    return FeedbackRecord(
        url=url,
        analyzer=analyzer,
        analyzer_version=version,
        label=label,
        correct_label=correct_label,
        score=float(score) if score is not None else None,
        text=text,
        start=start,
        end=end,
    )


def _page_address(value: Any, errors: dict[str, str]) -> str | None:
    """An http(s) address without query or fragment; ``None`` for none (a pasted text)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_URL:
        errors["url"] = f"expected an http(s) address of at most {MAX_URL} characters, or null"
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        errors["url"] = "expected an http(s) address, or null"
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


class FeedbackStore:
    """The feedback file at ``path``; every call opens its own connection (threads, workers)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        return connection

    def migrate(self) -> int:
        """Bring the file's schema to the latest version; returns that version."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > len(MIGRATIONS):
                    raise RuntimeError(
                        f"{self.path} has feedback schema version {version}; this slant knows "
                        f"up to {len(MIGRATIONS)}: upgrade slant"
                    )
                for number, statement in enumerate(MIGRATIONS[version:], start=version + 1):
                    db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return len(MIGRATIONS)

    def add(self, record: FeedbackRecord, *, now: datetime | None = None) -> int:
        """Keep one report; returns its id."""
        created = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        values = asdict(record)
        with closing(self._connect()) as db:
            cursor = db.execute(
                'INSERT INTO feedback (created_at, url, analyzer, analyzer_version, label, correct_label, score, text, start, "end") '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (created, *(values[name] for name in _FIELDS)),
            )
            return int(cursor.lastrowid or 0)

    def rows(self) -> Iterator[dict[str, Any]]:
        """Every report, oldest first, as the JSON Lines export writes them."""
        with closing(self._connect()) as db:
            db.row_factory = sqlite3.Row
            for row in db.execute("SELECT * FROM feedback ORDER BY id"):
                yield dict(row)

    def export(self, out: TextIO) -> int:
        """Write every report as one JSON object a line; returns how many."""
        count = 0
        for row in self.rows():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
