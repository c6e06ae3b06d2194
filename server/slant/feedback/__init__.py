"""Readers' "this mark is wrong", kept only where the operator turned it on.

:mod:`slant.feedback.store` validates one report and keeps it in SQLite;
``slant feedback export`` writes the reports as JSON Lines for training.
"""

from slant.feedback.store import FeedbackError, FeedbackRecord, FeedbackStore, parse_feedback

__all__ = ["FeedbackError", "FeedbackRecord", "FeedbackStore", "parse_feedback"]
