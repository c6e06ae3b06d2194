"""Turning what an analyzer returned into a contract-valid wire result.

Analyzers are third-party code: anything they return is checked here (types,
offsets inside the text, declared labels, JSON-safe data) before it reaches a
client, and a result that fails gets ``status: error`` with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slant.analyzer import AnalyzerResult, Annotation
from slant.contract import AnalyzerResultSchema, error_digest, valid_offsets, valid_score
from slant.engine.registry import RegisteredAnalyzer

_RESULT_SCHEMA = AnalyzerResultSchema()


class InvalidResult(ValueError):
    """The analyzer returned something the contract does not allow."""


def analyzer_ref(registered: RegisteredAnalyzer) -> dict[str, str | None]:
    analyzer = registered.analyzer
    return {
        "name": analyzer.name,
        "version": analyzer.version,
        "plugin": registered.origin.distribution,
        "model_card": registered.model_card,
    }


def failed_result(
    registered: RegisteredAnalyzer, status: str, error: str, elapsed_ms: float
) -> dict[str, Any]:
    """The wire result of an analyzer that did not produce one (error, timeout, skipped)."""
    return {
        "analyzer": analyzer_ref(registered),
        "status": status,
        "elapsed_ms": round(elapsed_ms, 3),
        "summary": None,
        "annotations": [],
        "error": error,
    }


def ok_result(
    registered: RegisteredAnalyzer,
    returned: Any,
    text: str,
    elapsed_ms: float,
    *,
    max_annotations: int | None = None,
) -> dict[str, Any]:
    """The wire result of a successful call; raises :class:`InvalidResult`.

    The envelope and summary are validated with :class:`AnalyzerResultSchema`;
    annotations, which can number thousands, are checked field by field with
    the same rules as :class:`~slant.contract.AnnotationSchema` (a test keeps
    the two in agreement), which is some twenty times faster.
    """
    summary, annotations = _unpack(returned)
    if max_annotations is not None and len(annotations) > max_annotations:
        raise InvalidResult(
            f"{len(annotations):,} annotations, over the server's limit of {max_annotations:,} "
            "(SLANT_MAX_ANNOTATIONS)"
        )
    labels = frozenset(registered.analyzer.labels)
    length = len(text)
    wire_annotations = [
        _wire_annotation(_as_dict(annotation, index), index, labels, text, length)
        for index, annotation in enumerate(annotations)
    ]
    result = {
        "analyzer": analyzer_ref(registered),
        "status": "ok",
        "elapsed_ms": round(elapsed_ms, 3),
        "summary": summary,
        "annotations": [],
    }
    errors = _RESULT_SCHEMA.validate(result)
    if errors:
        raise InvalidResult(f"result does not match the contract: {error_digest(errors)}")
    result["annotations"] = wire_annotations
    try:
        json.dumps(result, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidResult(f"result is not plain JSON: {error}") from error
    return result


def _wire_annotation(
    item: Mapping[str, Any], index: int, labels: frozenset[str], text: str, length: int
) -> dict[str, Any]:
    """One annotation in wire form, or :class:`InvalidResult` naming what is wrong."""
    start, end = item.get("start"), item.get("end")
    if not valid_offsets(start, end, length):
        raise InvalidResult(
            f"annotations[{index}] has offsets {start!r}..{end!r} outside the text (0..{length})"
        )
    label = item.get("label")
    if label not in labels:
        raise InvalidResult(
            f"annotations[{index}] has label {label!r}, not one of the declared {sorted(labels)}"
        )
    score = item.get("score")
    if not valid_score(score):
        raise InvalidResult(
            f"annotations[{index}].score must be a number from 0 to 1 or null, got {score!r}"
        )
    explanation = item.get("explanation")
    explanation = "" if explanation is None else explanation
    if not isinstance(explanation, str):
        raise InvalidResult(f"annotations[{index}].explanation must be a string")
    data = item.get("data")
    data = {} if data is None else data
    if not isinstance(data, dict) or not all(isinstance(key, str) for key in data):
        raise InvalidResult(f"annotations[{index}].data must be an object with string keys")
    return {
        "start": start,
        "end": end,
        "label": label,
        "score": score,
        "quote": text[start:end],
        "explanation": explanation,
        "data": data,
    }


def _unpack(returned: Any) -> tuple[Any, list[Any]]:
    if isinstance(returned, AnalyzerResult):
        return returned.summary, list(returned.annotations)
    if isinstance(returned, Mapping) and "summary" in returned:
        annotations = returned.get("annotations", [])
        if not isinstance(annotations, list | tuple):
            raise InvalidResult("annotations must be a list")
        return returned["summary"], list(annotations)
    raise InvalidResult(
        f"analyze() returned {type(returned).__name__}; return slant.AnalyzerResult(summary, annotations)"
    )


def _as_dict(annotation: Any, index: int) -> Mapping[str, Any]:
    if isinstance(annotation, Annotation):
        return annotation.__dict__  # no deep copy: data is checked, then sent as it is
    if isinstance(annotation, Mapping):
        return annotation
    raise InvalidResult(
        f"annotations[{index}] is a {type(annotation).__name__}, not an Annotation or dict"
    )
