"""The learned part: two CRFs over a paragraph's words, trained on PolNeAR.

One tags sources and cues (``B-NAM``/``I-NAM`` a named or definite source,
``B-VAG``/``I-VAG`` a vague one, ``B-CUE``/``I-CUE`` the reporting cue), the other
the attributed content (``B-CON``/``I-CON``). Content holds other attributions
("She said leaders had agreed"), so it gets its own layer rather than competing
with sources and cues for the same words. The models ship xz-compressed as
package data and are opened in memory; training is in ``slant_sources_training``.
"""

from __future__ import annotations

import lzma
import threading
from dataclasses import dataclass
from importlib.resources import files

import pycrfsuite

MODELS = ("sources-cues", "content")
# A pycrfsuite tagger keeps the last sequence it tagged (for its marginals): one at a time.
_LOCK = threading.Lock()


@dataclass
class Tagged:
    """A paragraph's two tag sequences and the tagger's confidence in each cue or source word
    (its marginal probability of the label given; 0.0 for a word tagged ``O``)."""

    sources_cues: list[str]
    content: list[str]
    confidence: list[float]


# The open taggers, with the model bytes they read from: CRFsuite reads an in-memory
# model in place, so the bytes must live as long as the tagger.
_open: list[tuple[pycrfsuite.Tagger, pycrfsuite.Tagger, bytes, bytes]] = []


def _opened(sources_cues: bytes, content: bytes) -> tuple:
    taggers = [pycrfsuite.Tagger(), pycrfsuite.Tagger()]
    taggers[0].open_inmemory(sources_cues)
    taggers[1].open_inmemory(content)
    return (taggers[0], taggers[1], sources_cues, content)


def _taggers() -> tuple[pycrfsuite.Tagger, pycrfsuite.Tagger]:
    if not _open:
        data = files("slant_sources").joinpath("data")
        models = [lzma.decompress(data.joinpath(f"{name}.crf.xz").read_bytes()) for name in MODELS]
        _open.append(_opened(models[0], models[1]))
    return _open[0][0], _open[0][1]


def load() -> None:
    """Open both shipped models now, so no request pays for it."""
    _taggers()


def use(sources_cues: bytes, content: bytes) -> None:
    """Tag with these models instead of the shipped ones (cross-validation in training)."""
    with _LOCK:
        _open[:] = [_opened(sources_cues, content)]


def tag(features: list[list[str]]) -> Tagged:
    """Tag one paragraph's words (their :func:`~slant_sources.features.featurize` output)."""
    sources_cues, content = _taggers()
    items = pycrfsuite.ItemSequence(features)
    with _LOCK:
        first = sources_cues.tag(items)
        confidence = [
            sources_cues.marginal(label, i) if label != "O" else 0.0
            for i, label in enumerate(first)
        ]
        # Content is only ever read for a cue: a paragraph without one skips the second CRF.
        has_cue = any(label.endswith("CUE") for label in first)
        second = content.tag(items) if has_cue else ["O"] * len(first)
    return Tagged(first, second, confidence)


def reset() -> None:
    """Go back to the shipped models (after :func:`use`)."""
    with _LOCK:
        _open.clear()
