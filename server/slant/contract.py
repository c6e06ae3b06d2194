"""marshmallow schemas of the analyze-v1 contract: requests, results, errors.

They validate what comes in, check what analyzers return before it goes
out, and generate the OpenAPI document, so the three cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validate, validates

from slant.document import PageInfo

_SURROGATE = re.compile("[\ud800-\udfff]")


class StrictFloat(fields.Float):
    """A JSON number: marshmallow's Float would also take the string "0.5"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


# "Not only whitespace", the same for Python and for JSON Schema (ECMAScript) regexes:
# Python's str.isspace() also counts U+001C-U+001F and U+0085, ECMAScript's \s also
# U+FEFF; the server counts all of them, and the pattern says so in both dialects.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
TEXT_PATTERN = r"[^\s\x1c-\x1f\x85\ufeff]"


#: The most values each list of a request's ``page`` may hold, and the longest value.
PAGE_LIMITS = {"sections": 10, "types": 20, "tags": 50}
PAGE_VALUE_MAX_CHARS = 200


class PageValue(fields.String):
    """One value a page declares: not only whitespace, not over-long, valid Unicode.

    Whitespace inside is collapsed to single spaces after the checks.
    """

    def __init__(self, **kwargs: Any) -> None:
        metadata = {
            "minLength": 1,
            "maxLength": PAGE_VALUE_MAX_CHARS,
            "pattern": TEXT_PATTERN,
            **kwargs.pop("metadata", {}),
        }
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not text.strip(_WHITESPACE):
            raise ValidationError("is empty or only whitespace")
        if len(text) > PAGE_VALUE_MAX_CHARS:
            raise ValidationError(f"is longer than {PAGE_VALUE_MAX_CHARS} characters")
        if _SURROGATE.search(text):
            raise ValidationError("contains unpaired UTF-16 surrogates; send valid Unicode")
        return " ".join(text.split())


def _page_list(name: str, description: str) -> fields.List:
    return fields.List(
        PageValue(),
        load_default=(),
        allow_none=True,
        validate=validate.Length(max=PAGE_LIMITS[name]),
        metadata={"description": f"{description} At most {PAGE_LIMITS[name]}."},
    )


class PageInfoSchema(Schema):
    """Added: what the page declares about itself (``Document.page``). Unknown fields are ignored."""

    class Meta:
        unknown = EXCLUDE

    sections = _page_list(
        "sections",
        "The outlet's section names for the page (`article:section`, JSON-LD "
        "`articleSection`, `parsely-section`), as the page writes them.",
    )
    types = _page_list(
        "types",
        "schema.org types the page declares for its article (`OpinionNewsArticle`, "
        "`Review`, `SatiricalArticle` ...); `og:type` as `og:<value>`.",
    )
    tags = _page_list(
        "tags", "Its tags (`article:tag`, `parsely-tags`, `sailthru.tags`, JSON-LD `keywords`)."
    )
    author_role = PageValue(
        load_default=None,
        allow_none=True,
        metadata={"description": "The byline's label for the author, e.g. `Columnist`."},
    )

    @post_load
    def _page_info(self, data: dict[str, Any], **_: object) -> PageInfo:
        return PageInfo(
            sections=tuple(data["sections"] or ()),
            types=tuple(data["types"] or ()),
            tags=tuple(data["tags"] or ()),
            author_role=data["author_role"],
        )


class AnalyzeRequestSchema(Schema):
    """``POST /api/v1/analyze`` body. Unknown fields are ignored, for newer clients."""

    class Meta:
        unknown = EXCLUDE

    text = fields.String(
        required=True,
        metadata={"description": "The article's text.", "minLength": 1, "pattern": TEXT_PATTERN},
    )
    url = fields.String(
        load_default=None, allow_none=True, metadata={"description": "Where it came from."}
    )
    title = fields.String(load_default=None, allow_none=True)
    page = fields.Nested(
        PageInfoSchema,
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Added: the page's own metadata (section, schema.org types, tags, "
            "byline role), which analyzers may weigh as the outlet's label for the piece."
        },
    )
    analyzers = fields.List(
        fields.String(validate=validate.Length(min=1)),
        load_default=None,
        allow_none=True,
        metadata={"description": "Analyzer names to run; default all enabled."},
    )

    @validates("text")
    def _text_has_content(self, value: str, **_: object) -> None:
        if not value.strip(_WHITESPACE):
            raise ValidationError("text is empty or only whitespace")
        if _SURROGATE.search(value):
            raise ValidationError("text contains unpaired UTF-16 surrogates; send valid Unicode")


class SpanSchema(Schema):
    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=0))


class AnnotationSchema(Schema):
    start = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    label = fields.String(required=True)
    score = StrictFloat(
        required=True, allow_none=True, allow_nan=False, validate=validate.Range(0, 1)
    )
    quote = fields.String(required=True, metadata={"description": "Always text[start:end]."})
    explanation = fields.String(required=True)
    data = fields.Dict(required=True, keys=fields.String())


class AnalyzerRefSchema(Schema):
    name = fields.String(required=True)
    version = fields.String(required=True)
    plugin = fields.String(required=True)
    model_card = fields.String(
        allow_none=True, metadata={"description": "Added: URL or server path of its model card."}
    )


class SummarySchema(Schema):
    """The contract's common summary; analyzers add their own fields."""

    class Meta:
        unknown = "include"

    headline = fields.String(required=True)
    label = fields.String(required=True)
    score = StrictFloat(required=True, allow_nan=False)


class AnalyzerResultSchema(Schema):
    analyzer = fields.Nested(AnalyzerRefSchema, required=True)
    status = fields.String(
        required=True, validate=validate.OneOf(["ok", "error", "timeout", "skipped"])
    )
    elapsed_ms = fields.Float(required=True)
    summary = fields.Nested(SummarySchema, required=True, allow_none=True)
    annotations = fields.List(fields.Nested(AnnotationSchema), required=True)
    error = fields.String(metadata={"description": "What went wrong, when status is not ok."})


class AnalyzeResponseSchema(Schema):
    slant_version = fields.String(required=True)
    elapsed_ms = fields.Float(required=True)
    text_length = fields.Integer(required=True)
    language = fields.String(required=True, metadata={"description": "ISO 639-1"})
    sentences = fields.List(fields.Nested(SpanSchema), required=True)
    paragraphs = fields.List(
        fields.Nested(SpanSchema), metadata={"description": "Added in 0.1: paragraph spans."}
    )
    results = fields.Dict(
        keys=fields.String(), values=fields.Nested(AnalyzerResultSchema), required=True
    )


class SettingInfoSchema(Schema):
    name = fields.String(required=True)
    type = fields.String(required=True)
    default = fields.Raw(allow_none=True)
    description = fields.String()
    env = fields.String()
    value = fields.Raw(allow_none=True)


class AnalyzerInfoSchema(Schema):
    name = fields.String(required=True)
    version = fields.String(required=True)
    plugin = fields.String(required=True)
    description = fields.String(required=True)
    labels = fields.List(fields.String(), required=True)
    languages = fields.List(fields.String(), required=True)
    depends_on = fields.List(fields.String())
    model_card = fields.String(allow_none=True)
    plugin_version = fields.String(
        allow_none=True,
        metadata={"description": "Added: the version of the plugin's distribution."},
    )
    entry_point = fields.String(
        metadata={"description": "Added: the entry point that loaded it, `name = module`."}
    )
    builtin = fields.Boolean(metadata={"description": "Added: shipped with slant itself."})
    settings = fields.List(fields.Nested(SettingInfoSchema))


class HealthSchema(Schema):
    status = fields.String(
        required=True, metadata={"description": "`ok`, or `degraded` when plugins are in trouble."}
    )
    slant_version = fields.String(required=True)
    api = fields.String(required=True)
    details = fields.Dict(
        metadata={
            "description": "When degraded: `plugins_failed` (names) and `analyzers_failing` "
            "(name: last status)."
        }
    )


class ErrorBodySchema(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    details = fields.Raw(allow_none=True)


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


# Annotation rules: the schema above states them for OpenAPI; these check them
# fast, for thousands of annotations (a test keeps the two in agreement).


def valid_offsets(start: Any, end: Any, length: int) -> bool:
    """Whole-number offsets with ``0 <= start <= end <= length``."""
    return is_int(start) and is_int(end) and 0 <= start <= end <= length


def valid_score(score: Any) -> bool:
    """``None``, or a number (not a bool, not NaN) from 0 to 1."""
    return score is None or (
        isinstance(score, int | float) and not isinstance(score, bool) and 0 <= score <= 1
    )


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def error_digest(errors: Mapping[str, Any], limit: int = 3) -> str:
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
