"""The analyzer interface: what a plugin registers and what it returns.

An analyzer is a small object with a name, a version, the labels it may emit,
the languages it supports and one method, :meth:`Analyzer.analyze`. The core
owns everything around that call (segmentation, timing, time limits,
validation, the wire format), so an analyzer only has to look at a
:class:`~slant.document.Document` and return an :class:`AnalyzerResult`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slant.document import Document

CONTRACT = "analyze-v1"
"""The wire contract the results of this plugin API follow."""


@dataclass(frozen=True)
class Setting:
    """A value an operator may set for an analyzer.

    The server reads it from ``SLANT_PLUGIN_<ANALYZER>_<SETTING>`` (upper
    case) or from the ``PLUGIN_SETTINGS`` mapping of the app config, converts
    it to ``type`` and hands it to :meth:`Analyzer.setup`.
    """

    name: str
    type: type = str
    default: Any = None
    description: str = ""
    #: A secret (an API key, a token): ``GET /api/v1/analyzers`` and ``slant
    #: plugins`` show ``****`` instead of its value.
    secret: bool = False


@dataclass
class Annotation:
    """One marked span of the text: ``text[start:end]``, in code points.

    ``quote`` is filled in by the core, so an analyzer cannot get it wrong.
    """

    start: int
    end: int
    label: str
    score: float | None = None
    explanation: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class AnalyzerResult:
    """What :meth:`Analyzer.analyze` returns.

    ``summary`` is a JSON object; the contract asks for at least
    ``headline``, ``label`` and ``score``. ``annotations`` may be
    :class:`Annotation` objects or plain dicts with the same keys.
    """

    summary: dict[str, Any]
    annotations: Sequence[Annotation | Mapping[str, Any]] = ()


class Analyzer:
    """Base class for analyzers. Subclass it and set the class attributes.

    Subclassing is a convenience, not a requirement: the core only reads the
    attributes below and calls :meth:`setup` and :meth:`analyze`.
    """

    #: Unique, lower-case identifier used in requests and results ("opinion").
    name: str = ""
    #: The analyzer's own version; part of the cache key of a result.
    version: str = "0.0.0"
    #: One line a reader understands.
    description: str = ""
    #: Every annotation label this analyzer may emit.
    labels: Sequence[str] = ()
    #: ISO 639-1 codes of the text languages it supports.
    languages: Sequence[str] = ("en",)
    #: Settings an operator may change (see :class:`Setting`).
    settings: Sequence[Setting] = ()
    #: Names of analyzers whose results this one reads (see
    #: :meth:`slant.document.Document.result_of`). The core runs those first.
    depends_on: Sequence[str] = ()
    #: Per-analyzer time limit in seconds; ``None`` takes the server default.
    timeout: float | None = None
    #: Where a reader learns how it works and fails: a URL. Leave it ``None``
    #: and set :attr:`model_card_file` to ship the card inside the package.
    model_card: str | None = None
    #: A Markdown file in the analyzer's own package (package data, read with
    #: :mod:`importlib.resources`), e.g. ``"model-card.md"``. The server serves it
    #: at ``/docs/analyzers/<name>/model-card.md`` and links results to it, so
    #: the link works wherever the plugin is installed, offline included.
    model_card_file: str | None = None

    def setup(self, settings: Mapping[str, Any]) -> None:
        """Load models and read settings, once per process, before any request.

        Called by the core when the app is built (so a gunicorn worker pays
        for it at start, never per request). An exception here disables the
        analyzer with a logged warning; the server still starts.
        """
        self.config = dict(settings)

    def analyze(self, document: Document) -> AnalyzerResult:
        """Analyze one document and return the result."""
        raise NotImplementedError
