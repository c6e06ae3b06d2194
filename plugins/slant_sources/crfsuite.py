"""CRFsuite model files read in pure Python, and the small decoding models built from them.

The tagger sums a model's weights itself, once per word and position (see
``scores.py``), rather than handing CRFsuite some 30 feature strings a word to look
up: that hand-over cost more than the decoding. CRFsuite still decodes (Viterbi
and marginals in C, some 5x faster than the same in Python here): each model
becomes a *decoding model* with one attribute per label, weight 1 on that label,
and the original transitions, so an item ``{label: score, ...}`` gives CRFsuite
exactly the state scores computed here.

The file layout is CRFsuite's ``crf1dm.c`` (little-endian header, a ``FEAT`` chunk of
``(type, source, target, weight)`` records, label and attribute names in CQDB
string tables read through their id-ordered backward arrays).
"""

from __future__ import annotations

import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

_STATE, _TRANSITION = 0, 1
_FEATURE = struct.Struct("<3Id")


@dataclass
class Model:
    """What a CRFsuite model knows: its labels, the weights of each attribute's state
    features as ``(label index, weight)``, and the transition weights."""

    labels: list[str]
    state: dict[str, list[tuple[int, float]]]
    transitions: dict[tuple[str, str], float]


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


def _features(data: bytes) -> tuple[int, list[tuple[int, int, int, float]]]:
    """Where the feature records start, and the records."""
    magic, model_type = struct.unpack_from("<4s4x4s", data, 0)
    if magic != b"lCRF" or model_type != b"FOMC":
        raise ValueError("not a CRFsuite first-order model")
    at = struct.unpack_from("<I", data, 28)[0]
    if data[at : at + 4] != b"FEAT":
        raise ValueError("not a CRFsuite model: no feature chunk")
    count = struct.unpack_from("<I", data, at + 8)[0]
    start = at + 12
    return start, list(_FEATURE.iter_unpack(data[start : start + count * _FEATURE.size]))


def read(data: bytes) -> Model:
    """A CRFsuite model file's labels and weights (the weights exactly, as stored)."""
    labels_at, attributes_at = struct.unpack_from("<2I", data, 32)
    labels = _names(data, labels_at)
    attributes = _names(data, attributes_at)
    state: dict[str, list[tuple[int, float]]] = {}
    transitions: dict[tuple[str, str], float] = {}
    for kind, source, target, weight in _features(data)[1]:
        if kind == _STATE:
            state.setdefault(attributes[source], []).append((target, weight))
        elif kind == _TRANSITION:
            transitions[labels[source], labels[target]] = weight
    return Model(labels, state, transitions)


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
    start, records = _features(bytes(data))
    for k, (kind, source, target, _) in enumerate(records):
        if kind == _STATE:
            weight = 1.0 if attributes[source] == labels[target] else 0.0
        else:
            weight = model.transitions.get((labels[source], labels[target]), 0.0)
        _FEATURE.pack_into(data, start + k * _FEATURE.size, kind, source, target, weight)
    return bytes(data)
