"""Decoding a sequence model's output (beam_search, 详解CTC): greedy search, beam search, CTC.

Reference solution: beam search as the stub's docstring specifies it (finished hypotheses
carried over, candidates ranked by the length-penalised score), CTC vectorised.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Step = Callable[[list[int]], np.ndarray]  # prefix -> log-probabilities of the next token


def greedy_decode(step: Step, max_len: int, eos: int) -> list[int]:
    """The most probable token each time, until eos (kept) or max_len tokens."""
    tokens: list[int] = []
    while len(tokens) < max_len and not (tokens and tokens[-1] == eos):
        tokens.append(int(np.argmax(step(list(tokens)))))
    return tokens


def beam_search(step: Step, beam_width: int, max_len: int, eos: int,
                length_penalty: float = 0.0) -> list[tuple[list[int], float]]:
    """The beam_width best hypotheses, best first, each with its length-penalised score."""

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
    """Argmax per frame, repeats collapsed, then blanks removed."""
    path = np.argmax(np.asarray(frames), axis=-1)
    first_of_run = np.ones(len(path), dtype=bool)
    first_of_run[1:] = path[1:] != path[:-1]
    return [int(token) for token in path[first_of_run] if token != blank]
