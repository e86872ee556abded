"""Decoding a sequence model's output (beam_search, 详解CTC): greedy search, beam search, CTC.

Reference solution: beam search as the stub's docstring specifies it (finished hypotheses
carried over, candidates ranked by the length-penalised score), CTC vectorised.
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
    tokens: list[int] = []
    while len(tokens) < max_len and not (tokens and tokens[-1] == eos):
        tokens.append(int(np.argmax(step(list(tokens)))))
    return tokens


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

    def score(tokens: list[int], logp: float) -> float:
        return logp / len(tokens) ** length_penalty

    def finished(tokens: list[int]) -> bool:
        return len(tokens) == max_len or bool(tokens) and tokens[-1] == eos

    beam: list[tuple[list[int], float]] = [([], 0.0)]  # (tokens, summed log-probability)
    while not all(finished(tokens) for tokens, _ in beam):
        candidates = []
        for tokens, logp in beam:
            if finished(tokens):
                candidates.append((tokens, logp))
                continue
            logps = np.asarray(step(list(tokens)), dtype=float)
            candidates.extend((tokens + [token], logp + float(lp)) for token, lp in enumerate(logps))
        candidates.sort(key=lambda c: score(*c), reverse=True)
        beam = candidates[:beam_width]
    return [(tokens, score(tokens, logp)) for tokens, logp in beam]


def ctc_greedy_decode(frames: np.ndarray, blank: int = 0) -> list[int]:
    """Return the CTC best-path decoding of ``frames`` ``(T, vocab)`` (probabilities or
    log-probabilities): the argmax of each frame, then runs of equal symbols collapsed to one,
    then every ``blank`` removed, in that order.

    >>> ctc_greedy_decode(np.eye(4)[[1, 1, 0, 1, 2, 2, 0]])
    [1, 1, 2]
    """
    path = np.argmax(np.asarray(frames), axis=-1)
    first_of_run = np.ones(len(path), dtype=bool)
    first_of_run[1:] = path[1:] != path[:-1]
    return [int(token) for token in path[first_of_run] if token != blank]
