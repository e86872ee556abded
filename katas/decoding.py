"""Decoding a sequence model's output (beam_search, 详解CTC): greedy search, beam search, CTC.

A decoder gives, for a prefix of tokens, the log-probabilities of the next token; here that
is a function ``step(prefix) -> array of shape (vocab,)`` (``prefix`` a list of token ids).
**Greedy** decoding appends the most probable token each time; it is fast but can miss a
sequence whose first token is less likely and whose continuation is much more so. **Beam
search** keeps the ``beam_width`` best partial hypotheses at every step instead of one. A
hypothesis ends when it emits ``eos`` (it is kept as it is and never extended) or reaches
``max_len`` tokens. Summed log-probabilities favour short sequences (every token adds a
negative number), so scores are often divided by ``len(tokens) ** length_penalty``.

**CTC** (Connectionist Temporal Classification) lets a network emit one distribution per input
frame, with an extra ``blank`` symbol. The best path is decoded by taking each frame's argmax,
collapsing runs of the same symbol, and only then removing the blanks: a blank between two
equal symbols keeps both ("1 1 _ 1" is "1 1"), while "1 1 1" is a single "1".

Token ids are ints of any size (a real vocabulary has tens of thousands, and ``eos`` need
not be the last id); sequences may run to hundreds of tokens. Return plain lists of ints
(numpy integers are accepted too) and floats.
Replace each ``raise NotImplementedError`` with your code, then run ``kata check decoding``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Step = Callable[[list[int]], np.ndarray]  # prefix -> log-probabilities of the next token


def greedy_decode(step: Step, max_len: int, eos: int) -> list[int]:
    """Return the greedy sequence: start from the empty prefix and repeatedly append the
    token with the highest log-probability (``np.argmax``, so the lowest id on a tie), until
    ``eos`` has been appended (it is part of the result) or the sequence has ``max_len``
    tokens. ``step`` is never called on a finished sequence.
    """
    raise NotImplementedError


def beam_search(step: Step, beam_width: int, max_len: int, eos: int,
                length_penalty: float = 0.0) -> list[tuple[list[int], float]]:
    """Return at most ``beam_width`` ``(tokens, score)`` pairs, best score first.

    ``score(tokens) = sum of the tokens' log-probabilities / len(tokens) ** length_penalty``,
    with ``eos`` counted in the length (``length_penalty = 0`` is the plain sum). Start from
    the beam ``[([], 0.0)]``; at each step every unfinished hypothesis is extended by every
    token (its log-probability read from ``step(tokens)``), every finished one is carried
    over unchanged, and the ``beam_width`` best candidates by score form the next beam. A
    hypothesis is finished once it ends with ``eos`` (never extended, nothing follows ``eos``)
    or has ``max_len`` tokens; the search stops when every hypothesis in the beam is finished.
    With a beam wide enough to keep every candidate, the result is exactly the best
    ``beam_width`` of all sequences that end at ``eos`` or at ``max_len``.
    """
    raise NotImplementedError


def ctc_greedy_decode(frames: np.ndarray, blank: int = 0) -> list[int]:
    """Return the CTC best-path decoding of ``frames`` ``(T, vocab)`` (probabilities or
    log-probabilities): the argmax of each frame, then runs of equal symbols collapsed to one,
    then every ``blank`` removed, in that order.

    >>> ctc_greedy_decode(np.eye(4)[[1, 1, 0, 1, 2, 2, 0]])
    [1, 1, 2]
    """
    raise NotImplementedError
