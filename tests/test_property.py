"""Random unicode and random JSON at the endpoint: never a 500, offsets always valid."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_api import check_offsets

VALID_STATUSES = {200, 400, 413, 415, 422}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=600
) | st.lists(
    st.sampled_from(
        [
            "Mr.",
            "U.S.",
            "😀",
            "\u0301",
            "\n",
            "“",
            "”",
            "said",
            ".",
            "!",
            "Post a Comment",
            "שלום",
            "a",
        ]
    ),
    max_size=80,
).map(" ".join)

HYPOTHESIS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def api(builtin_app):
    return builtin_app.test_client()


@HYPOTHESIS
@given(text=texts)
def test_any_text_gets_valid_offsets_or_a_clear_422(api, text):
    response = api.post("/api/v1/analyze", json={"text": text})
    assert response.status_code in {200, 422}
    body = response.get_json()
    if response.status_code == 422:
        assert not text.strip() and body["error"]["code"] == "validation_error"
        return
    check_offsets(text, body)
    for result in body["results"].values():
        assert result["status"] in {"ok", "skipped"}, result.get("error")


@HYPOTHESIS
@given(payload=json_values)
def test_any_json_is_answered_without_a_500(api, payload):
    response = api.post(
        "/api/v1/analyze", data=json.dumps(payload), content_type="application/json"
    )
    assert response.status_code in VALID_STATUSES
    body = response.get_json()
    if response.status_code != 200:
        assert set(body["error"]) == {"code", "message", "details"}


@HYPOTHESIS
@given(raw=st.binary(max_size=300))
def test_any_bytes_are_answered_without_a_500(api, raw):
    response = api.post("/api/v1/analyze", data=raw, content_type="application/json")
    assert response.status_code in VALID_STATUSES
    assert "error" in response.get_json() or response.status_code == 200
