"""The Flask-free core: plugins loaded, analyzers collected, run, checked, cached.

:class:`Engine` is what the web app and the CLI share; nothing here imports Flask.
"""

from slant.engine.analysis import Analysis, AnalysisNotes, Engine, TooMuchWork, UnknownAnalyzer

__all__ = ["Analysis", "AnalysisNotes", "Engine", "TooMuchWork", "UnknownAnalyzer"]
