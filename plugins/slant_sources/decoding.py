"""Viterbi and marginals by CRFsuite's own C functions, handed the state scores as an array.

pycrfsuite takes a word's scores as an item ``{label: score}``, copies each into a
C++ attribute, looks each label up by name in the decoding model and adds it into the
state scores: some 40% of tagging's time on news text went to that hand-over, not to
decoding. The C library inside python-crfsuite exports the functions its tagger runs
once the state scores are summed (``crf1dc_*``, CRFsuite's ``crf1d_context.c``): here
the scores are written straight into such a context and the same functions decode them,
so tags and marginals are the very same floats (CRFsuite's ``crf1d_tag.c`` sums the state
as ``0.0 + 1.0 * score``, which the array below repeats as ``0.0 + score``).

Where a build of python-crfsuite does not export those functions, or they disagree with
its tagger on a check at load, the items go through pycrfsuite as before
(:class:`ItemDecoder`): slower, the same output.
"""

from __future__ import annotations

import ctypes
import weakref
from typing import Any

import numpy as np
import pycrfsuite

from slant_sources.crfsuite import Model, decoding_model

# crf1d_context.c: the flags of a context that decodes and gives marginals, and what a reset
# clears.
_VITERBI_AND_MARGINALS = 0x01 | 0x02
_RESET_STATE, _RESET_TRANSITIONS = 0x01, 0x02


class LayoutError(RuntimeError):
    """The C struct is not the one :class:`_Context` describes: the portable decoder is used."""


class _Context(ctypes.Structure):
    """The head of CRFsuite's ``crf1d_context_t`` (crf1d.h), up to the pointers read here."""

    _fields_ = [
        ("flag", ctypes.c_int),
        ("num_labels", ctypes.c_int),
        ("num_items", ctypes.c_int),
        ("cap_items", ctypes.c_int),
        ("log_norm", ctypes.c_double),
        ("state", ctypes.c_void_p),
        ("trans", ctypes.c_void_p),
    ]


_POINTER = ctypes.POINTER(_Context)


def _library() -> Any:
    """python-crfsuite's extension as a C library, its context functions typed (raises
    ``AttributeError`` where they are not exported)."""
    lib = ctypes.CDLL(pycrfsuite._pycrfsuite.__file__)
    typed: list[tuple[str, Any, list[Any]]] = [
        ("crf1dc_new", _POINTER, [ctypes.c_int, ctypes.c_int, ctypes.c_int]),
        ("crf1dc_delete", None, [_POINTER]),
        ("crf1dc_set_num_items", ctypes.c_int, [_POINTER, ctypes.c_int]),
        ("crf1dc_reset", None, [_POINTER, ctypes.c_int]),
        ("crf1dc_exp_transition", None, [_POINTER]),
        ("crf1dc_exp_state", None, [_POINTER]),
        ("crf1dc_alpha_score", None, [_POINTER]),
        ("crf1dc_beta_score", None, [_POINTER]),
        ("crf1dc_viterbi", ctypes.c_double, [_POINTER, ctypes.c_void_p]),
        ("crf1dc_marginal_point", ctypes.c_double, [_POINTER, ctypes.c_int, ctypes.c_int]),
    ]
    for name, result, arguments in typed:
        function = getattr(lib, name)
        function.restype, function.argtypes = result, arguments
    return lib


class ItemDecoder:
    """A model decoded by pycrfsuite from items ``{label: score}`` (the portable way)."""

    def __init__(self, model: Model) -> None:
        self.labels = list(model.labels)
        self._model = decoding_model(model)  # CRFsuite reads these bytes in place: keep them
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._model)
        if self._tagger.labels() != self.labels:
            raise ValueError("the decoding model numbers the labels otherwise")
        names = [label.encode() for label in self.labels]
        self._columns = [(k, name) for k, name in enumerate(names) if k]
        self._numbers = {label: k for k, label in enumerate(self.labels)}

    def tag(self, state: np.ndarray) -> list[int]:
        """The best labels (numbers) of ``state``: a word's row, the first label's score 0.0."""
        columns = self._columns
        rows = state.tolist()
        items = [{name: row[k] for k, name in columns} for row in rows]
        return [self._numbers[label] for label in self._tagger.tag(pycrfsuite.ItemSequence(items))]

    def marginal(self, label: int, position: int) -> float:
        """The marginal probability of ``label`` at ``position`` of the last sequence tagged."""
        return float(self._tagger.marginal(self.labels[label], position))


class ContextDecoder:
    """A model decoded by CRFsuite's context functions from an array of state scores."""

    def __init__(self, model: Model, lib: Any) -> None:
        self.labels = list(model.labels)
        self._lib = lib
        size = len(self.labels)
        self._shape = (size,)  # a row's (it is copied into CRFsuite's buffers as it is)
        self._context = lib.crf1dc_new(_VITERBI_AND_MARGINALS, size, 0)
        if not self._context:
            raise MemoryError("CRFsuite could not make a decoding context")
        weakref.finalize(self, lib.crf1dc_delete, self._context)
        head = self._context.contents
        if (head.flag, head.num_labels, head.num_items) != (_VITERBI_AND_MARGINALS, size, 0):
            # Another build's struct: reading its pointers would write where it should not
            raise LayoutError("CRFsuite's decoding context is laid out otherwise")
        lib.crf1dc_reset(self._context, _RESET_TRANSITIONS)
        transitions = np.array(
            [[model.transitions.get((a, b), 0.0) for b in self.labels] for a in self.labels]
        )
        ctypes.memmove(self._context.contents.trans, transitions.ctypes.data, transitions.nbytes)
        lib.crf1dc_exp_transition(self._context)
        self._best = np.zeros(64, dtype=np.intc)
        self._best_at = self._best.ctypes.data  # (each .ctypes costs a microsecond or two)
        self._marginals_ready = False

    def tag(self, state: np.ndarray) -> list[int]:
        """The best labels (numbers) of ``state``: a C-ordered ``(words, labels)`` array of
        float64, the first label's column 0.0 (CRFsuite's ``tagger_set`` then ``viterbi``)."""
        lib, context = self._lib, self._context
        n = len(state)
        if (
            state.shape[1:] != self._shape
            or state.dtype != np.float64
            or not state.flags.c_contiguous
        ):
            raise ValueError("state scores go over as a C-ordered float64 (words, labels) array")
        if lib.crf1dc_set_num_items(context, n):
            raise MemoryError("CRFsuite could not make room for the words")
        lib.crf1dc_reset(context, _RESET_STATE)
        ctypes.memmove(context.contents.state, state.ctypes.data, state.nbytes)
        if len(self._best) < n:
            self._best = np.zeros(2 * n, dtype=np.intc)
            self._best_at = self._best.ctypes.data
        lib.crf1dc_viterbi(context, self._best_at)
        self._marginals_ready = False
        return self._best[:n].tolist()

    def marginal(self, label: int, position: int) -> float:
        """The marginal probability of ``label`` at ``position`` of the last sequence tagged
        (forward and backward scores computed once a sequence, as ``tagger_marginal_point``)."""
        lib, context = self._lib, self._context
        if not self._marginals_ready:
            lib.crf1dc_exp_state(context)
            lib.crf1dc_alpha_score(context)
            lib.crf1dc_beta_score(context)
            self._marginals_ready = True
        return float(lib.crf1dc_marginal_point(context, label, position))


Decoder = ContextDecoder | ItemDecoder


def _agree(model: Model, fast: ContextDecoder) -> bool:
    """Whether the context decoder gives pycrfsuite's tags and marginals on a few score
    sequences (a check of the struct layout and the functions, at load)."""
    slow = ItemDecoder(model)
    for n in (1, 2, 7, 40):  # scores of no pattern, in -4 to 4 (numpy.random costs 6 MB)
        size = len(model.labels) - 1
        state = np.zeros((n, size + 1))
        state[:, 1:] += 4.0 * np.sin(np.arange(n * size).reshape(n, size) * 2.7 + n)
        tags = slow.tag(state)
        if fast.tag(state) != tags:
            return False
        for position, label in enumerate(tags):
            if fast.marginal(label, position) != slow.marginal(label, position):
                return False
    return True


def decoder(model: Model) -> Decoder:
    """The fastest decoder of ``model`` that agrees with pycrfsuite's tagger."""
    try:
        fast = ContextDecoder(model, _library())
    except (AttributeError, OSError, LayoutError):
        return ItemDecoder(model)
    return fast if _agree(model, fast) else ItemDecoder(model)
