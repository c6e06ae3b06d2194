"""What the analyze view hands to the after-request hooks (log line, metrics, headers).

Only views write request state; the engine returns values. One typed slot
instead of string keys on ``flask.g`` scattered over modules.
"""

from __future__ import annotations

from flask import g
from slant.engine import AnalysisNotes


def remember_analysis(notes: AnalysisNotes) -> None:
    """Record what this request's analysis did, for the hooks that run after the view."""
    g.slant_analysis_notes = notes


def analysis_notes() -> AnalysisNotes | None:
    """The notes of this request's analysis, or ``None`` when it made none."""
    notes = g.get("slant_analysis_notes")
    return notes if isinstance(notes, AnalysisNotes) else None
