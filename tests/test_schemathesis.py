"""Property-based tests of the live server against its own OpenAPI document.

schemathesis generates requests from ``/api/v1/openapi.json``, valid ones and
ones that break the schema, sends them to ``slant serve --workers 2`` with the
installed analyzers, and runs every check schemathesis has: no answer is a
5xx, every answer conforms to the document (status, content type, body
schema), and every request the document allows is accepted (the document
names the server's own analyzers, so none is refused as unknown).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from conftest import start_server
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from test_gunicorn import stop

pytestmark = pytest.mark.slow
MAX_EXAMPLES = 60


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    url, process = start_server("--workers", "2")
    yield url
    stop(process)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_conforms_to_its_openapi_document(served, mode):
    schema = schemathesis.openapi.from_url(f"{served}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.label for operation in operations} >= {
        "POST /api/v1/analyze",
        "GET /api/v1/analyzers",
        "GET /api/v1/health",
    }
    for operation in operations:
        if operation.label == "POST /api/v1/feedback":
            continue  # start < end <= len(text) is no schema rule; tests/test_feedback.py covers it
        if mode is GenerationMode.NEGATIVE and operation.method.upper() != "POST":
            continue  # a GET without parameters has no invalid form to generate

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case) -> None:
            case.call_and_validate(timeout=60)

        conforms()
