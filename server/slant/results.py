"""Turning what an analyzer returned into a contract-valid wire result.

Analyzers are third-party code: anything they return is checked here (types,
offsets inside the text, declared labels, JSON-safe data) before it reaches a
client, and a result that fails gets ``status: error`` with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from typing import Any

from slant.analyzer import AnalyzerResult
from slant.registry import RegisteredAnalyzer
from slant.schemas import AnalyzerResultSchema

_RESULT_SCHEMA = AnalyzerResultSchema()


class InvalidResult(ValueError):
    """The analyzer returned something the contract does not allow."""


def analyzer_ref(registered: RegisteredAnalyzer) -> dict[str, str | None]:
    analyzer = registered.analyzer
    return {
        "name": analyzer.name,
        "version": analyzer.version,
        "plugin": registered.origin.distribution,
        "model_card": getattr(analyzer, "model_card", None),
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
    registered: RegisteredAnalyzer, returned: Any, text: str, elapsed_ms: float
) -> dict[str, Any]:
    """The wire result of a successful call; raises :class:`InvalidResult`."""
    summary, annotations = _unpack(returned)
    labels = set(registered.analyzer.labels)
    length = len(text)
    wire_annotations = []
    for index, annotation in enumerate(annotations):
        item = _as_dict(annotation, f"annotations[{index}]")
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length):
            raise InvalidResult(
                f"annotations[{index}] has offsets {start!r}..{end!r} outside the text (0..{length})"
            )
        if item.get("label") not in labels:
            raise InvalidResult(
                f"annotations[{index}] has label {item.get('label')!r}, not one of the declared {sorted(labels)}"
            )
        wire_annotations.append(
            {
                "start": start,
                "end": end,
                "label": item["label"],
                "score": item.get("score"),
                "quote": text[start:end],
                "explanation": item.get("explanation") or "",
                "data": item.get("data") if item.get("data") is not None else {},
            }
        )
    result = {
        "analyzer": analyzer_ref(registered),
        "status": "ok",
        "elapsed_ms": round(elapsed_ms, 3),
        "summary": summary,
        "annotations": wire_annotations,
    }
    errors = _RESULT_SCHEMA.validate(result)
    if errors:
        raise InvalidResult(f"result does not match the contract: {_first_errors(errors)}")
    try:
        json.dumps(result, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidResult(f"result is not plain JSON: {error}") from error
    return result


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


def _as_dict(annotation: Any, where: str) -> Mapping[str, Any]:
    if is_dataclass(annotation) and not isinstance(annotation, type):
        return asdict(annotation)
    if isinstance(annotation, Mapping):
        return annotation
    raise InvalidResult(f"{where} is a {type(annotation).__name__}, not an Annotation or dict")


def _first_errors(errors: Mapping[str, Any], limit: int = 3) -> str:
    """A short, readable digest of marshmallow's nested error dict."""
    flat: list[str] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list) and all(isinstance(x, str) for x in node):
            flat.append(f"{path}: {' '.join(node)}")
        else:
            flat.append(f"{path}: {node}")

    walk(errors, "")
    extra = f" (+{len(flat) - limit} more)" if len(flat) > limit else ""
    return "; ".join(flat[:limit]) + extra
