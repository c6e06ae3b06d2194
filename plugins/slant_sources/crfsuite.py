"""CRFsuite model files read in pure Python, and the small decoding models built from them.

The tagger sums a model's weights itself, once per word and position (see
``scores.py``), rather than handing CRFsuite some 30 feature strings a word to look
up: that hand-over cost more than the decoding. CRFsuite still decodes (Viterbi
and marginals in C, some 5x faster than the same in Python here), from the summed
state scores written into its decoding context (``decoding.py``); each model also
becomes a *decoding model* with one attribute per label, weight 1 on that label, and
the original transitions, so an item ``{label: score, ...}`` gives pycrfsuite's tagger
exactly those state scores (the portable way, and the check of the other).

The file layout is CRFsuite's ``crf1dm.c`` (little-endian header, a ``FEAT`` chunk of
``(type, source, target, weight)`` records, label and attribute names in CQDB
string tables read through their id-ordered backward arrays).
"""

from __future__ import annotations

import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

_STATE, _TRANSITION = 0, 1
_FEATURE = struct.Struct("<3Id")


@dataclass
class Model:
    """What a CRFsuite model knows: its labels and attributes, the transition weights, and
    (read from the file as they are asked for, not kept) its state features."""

    labels: list[str]
    attributes: list[str]
    transitions: dict[tuple[str, str], float]
    data: bytes

    def state(self) -> Iterator[tuple[int, int, float]]:
        """Each state feature as ``(attribute index, label index, weight)``."""
        for kind, source, target, weight in _features(self.data):
            if kind == _STATE:
                yield source, target, weight


def _names(data: bytes, at: int) -> list[str]:
    """A CQDB table's strings in id order."""
    if data[at : at + 4] != b"CQDB":
        raise ValueError("not a CRFsuite model: no CQDB table where one should be")
    count, backward = struct.unpack_from("<2I", data, at + 16)
    names = []
    for offset in struct.unpack_from(f"<{count}I", data, at + backward):
        size = struct.unpack_from("<I", data, at + offset + 4)[0]
        start = at + offset + 8
        names.append(data[start : start + size - 1].decode("utf-8"))
    return names


def _records(data: bytes) -> tuple[int, int]:
    """Where the feature records start, and how many there are."""
    magic, model_type = struct.unpack_from("<4s4x4s", data, 0)
    if magic != b"lCRF" or model_type != b"FOMC":
        raise ValueError("not a CRFsuite first-order model")
    at = struct.unpack_from("<I", data, 28)[0]
    if data[at : at + 4] != b"FEAT":
        raise ValueError("not a CRFsuite model: no feature chunk")
    return at + 12, struct.unpack_from("<I", data, at + 8)[0]


def _features(data: bytes) -> Iterator[tuple[int, int, int, float]]:
    start, count = _records(data)
    return _FEATURE.iter_unpack(memoryview(data)[start : start + count * _FEATURE.size])


def read(data: bytes) -> Model:
    """A CRFsuite model file's labels and weights (the weights exactly, as stored)."""
    labels_at, attributes_at = struct.unpack_from("<2I", data, 32)
    labels = _names(data, labels_at)
    attributes = _names(data, attributes_at)
    transitions = {
        (labels[source], labels[target]): weight
        for kind, source, target, weight in _features(data)
        if kind == _TRANSITION
    }
    return Model(labels, attributes, transitions, data)


def decoding_model(model: Model) -> bytes:
    """A model over ``model``'s labels whose attribute ``label`` adds its value to that label's
    score, with ``model``'s transitions.

    CRFsuite writes model files only from training, so a one-sequence model with every
    label and transition is trained and its weights are then overwritten in place.
    """
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({"c1": 0.0, "c2": 1.0, "max_iterations": 1})
    trainer.set("feature.possible_transitions", True)
    trainer.append([{label: 1.0} for label in model.labels], model.labels)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "decoding.crf"
        trainer.train(str(path))
        data = bytearray(path.read_bytes())
    labels = _names(bytes(data), struct.unpack_from("<I", data, 32)[0])
    attributes = _names(bytes(data), struct.unpack_from("<I", data, 36)[0])
    start = _records(bytes(data))[0]
    for k, (kind, source, target, _) in enumerate(_features(bytes(data))):
        if kind == _STATE:
            weight = 1.0 if attributes[source] == labels[target] else 0.0
        else:
            weight = model.transitions.get((labels[source], labels[target]), 0.0)
        _FEATURE.pack_into(data, start + k * _FEATURE.size, kind, source, target, weight)
    return bytes(data)
