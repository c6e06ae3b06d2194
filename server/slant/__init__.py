"""slant: what kind of text is this op-ed? Opinion vs fact, sources, satire."""

from slant.analyzer import CONTRACT, Analyzer, AnalyzerResult, Annotation, Setting
from slant.document import Document, PageInfo, Span
from slant.hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = [
    "CONTRACT",
    "Analyzer",
    "AnalyzerResult",
    "Annotation",
    "Document",
    "PageInfo",
    "Setting",
    "Span",
    "__version__",
    "hookimpl",
]
