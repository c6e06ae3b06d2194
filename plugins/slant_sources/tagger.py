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
from itertools import compress

import numpy as np

from slant_sources import crfsuite
from slant_sources.decoding import Decoder, decoder
from slant_sources.features import Layout, layouts
from slant_sources.scores import Scorer
from slant_sources.tokens import Word

MODELS = ("sources-cues", "content")
# Added to "said"/"says" being a cue before decoding. The CRF is unsure of "said" after a
# long possessive noun phrase ("…, the city's highways department said on Tuesday": 0.35
# to 0.53) and sometimes leaves the paper's commonest attribution untagged. Chosen out of
# fold on PolNeAR train (oof.py; F1 0.6991 at 0, 0.6997 at 0.5, 0.7000 at 1 and at 2).
_SAID = frozenset(["said", "says"])
SAID_BIAS = 1.0
# Added to a label's score on every word before decoding: a prior for vague sources and
# against named ones. The CRF leaves many vague sources untagged ("voters … favored"); the
# named prior pays back the precision the vague one costs. Chosen out of fold on PolNeAR
# train (oof.py --bias; model card, version 2.4.0): vague recall 0.398 -> 0.433, precision
# 0.853 -> 0.850, F1 0.700 as it was. A prior on cues (B-CUE 0.5) cost 0.027 precision.
LABEL_BIAS: dict[str, float] = {"B-VAG": 0.4, "I-VAG": 0.4, "B-NAM": -0.3}
# A decoder keeps the last sequence it tagged (for its marginals): one at a time.
_LOCK = threading.Lock()


@dataclass
class Tagged:
    """A paragraph's two tag sequences and the tagger's confidence in each cue or source word
    (its marginal probability of the label given; 0.0 for a word tagged ``O``), with the
    words' layout the features were read from (their lowers, tags, sentence starts)."""

    sources_cues: list[str]
    content: list[str]
    confidence: list[float]
    layout: Layout


class _Taggers:
    """Both models: their weights, summed here, and a CRFsuite decoder for each (see
    ``decoding.py``)."""

    def __init__(self, sources_cues: bytes, content: bytes) -> None:
        models = [crfsuite.read(sources_cues), crfsuite.read(content)]
        self.scorer = Scorer(models)
        self.decoders: list[Decoder] = [decoder(m) for m in models]
        self.labels = [m.labels for m in models]
        self.cues = {k for k, label in enumerate(models[0].labels) if label.endswith("CUE")}


_open: list[_Taggers] = []


def _taggers() -> _Taggers:
    if not _open:
        data = files("slant_sources").joinpath("data")
        models = [lzma.decompress(data.joinpath(f"{name}.crf.xz").read_bytes()) for name in MODELS]
        _open.append(_Taggers(models[0], models[1]))
    return _open[0]


def load() -> None:
    """Open both shipped models now, so no request pays for it."""
    _taggers()


def use(sources_cues: bytes, content: bytes) -> None:
    """Tag with these models instead of the shipped ones (cross-validation in training)."""
    taggers = _Taggers(sources_cues, content)
    with _LOCK:
        _open[:] = [taggers]


def tag(words: list[Word], quoted: list[tuple[int, int]]) -> Tagged:
    """Tag one paragraph's words; ``quoted`` are the text's quotations, sorted."""
    return tag_paragraphs([words], quoted)[0]


def tag_paragraphs(paragraphs: list[list[Word]], quoted: list[tuple[int, int]]) -> list[Tagged]:
    """Tag each paragraph's words (none empty); ``quoted`` are the text's quotations, sorted.
    The scores of all the paragraphs are summed at once (array additions cost per call)."""
    taggers = _taggers()
    laid = layouts(paragraphs, quoted)
    # The priors are added to every word's scores, the bias on "said" before them (a model
    # trained on a few articles may lack a label).
    said = [
        list(compress(range(len(at.lowers)), map(_SAID.__contains__, at.lowers))) for at in laid
    ]
    scored = taggers.scorer.scores(
        list(zip(paragraphs, laid, strict=True)),
        LABEL_BIAS,
        {"B-CUE": SAID_BIAS} if SAID_BIAS else {},
        said,
    )
    return [_decode(taggers, states, at) for states, at in zip(scored, laid, strict=True)]


def _decode(taggers: _Taggers, states: list[np.ndarray], at: Layout) -> Tagged:
    sources_cues, content = taggers.decoders
    first_labels, second_labels = taggers.labels
    n = len(at.lowers)
    with _LOCK:
        first = sources_cues.tag(states[0])
        tags = list(map(first_labels.__getitem__, first))
        confidence = [0.0] * n
        for i in compress(range(n), map("O".__ne__, tags)):  # most words are "O"
            confidence[i] = sources_cues.marginal(first[i], i)
    # Content is only ever read for a cue: a paragraph without one skips the second CRF.
    if taggers.cues.isdisjoint(first):
        return Tagged(tags, ["O"] * n, confidence, at)
    with _LOCK:
        second = content.tag(states[1])
    return Tagged(tags, list(map(second_labels.__getitem__, second)), confidence, at)


def reset() -> None:
    """Go back to the shipped models (after :func:`use`)."""
    with _LOCK:
        _open.clear()
