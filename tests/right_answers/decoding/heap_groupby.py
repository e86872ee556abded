"""Decoding with heapq.nlargest for the beam, recursion for greedy, itertools.groupby for CTC."""

from __future__ import annotations

import heapq
import itertools

import numpy as np


def greedy_decode(step, max_len, eos, prefix=None):
    """One token, then the rest of the sequence recursively."""
    prefix = [] if prefix is None else prefix
    if len(prefix) == max_len or (prefix and prefix[-1] == eos):
        return prefix
    scores = list(step(prefix[:]))
    best = max(range(len(scores)), key=lambda t: (scores[t], -t))  # lowest id on a tie
    return greedy_decode(step, max_len, eos, prefix + [best])


def beam_search(step, beam_width, max_len, eos, length_penalty=0.0):
    """Hypotheses as (tokens tuple, logp, done); the beam is nlargest by penalised score."""

    def penalised(h):
        return h[1] / len(h[0]) ** length_penalty if h[0] else h[1]

    beam = [((), 0.0, False)]
    while not all(done for _, _, done in beam):
        pool = []
        for tokens, logp, done in beam:
            if done:
                pool.append((tokens, logp, True))
                continue
            for token, lp in enumerate(step(list(tokens))):
                new = tokens + (token,)
                pool.append((new, logp + float(lp), token == eos or len(new) == max_len))
        beam = heapq.nlargest(beam_width, pool, key=penalised)
    return [(list(tokens), penalised((tokens, logp))) for tokens, logp, _ in beam]


def ctc_greedy_decode(frames, blank=0):
    """Group equal consecutive symbols, keep one of each group unless it is the blank."""
    best = [int(np.argmax(row)) for row in np.asarray(frames)]
    return [symbol for symbol, _ in itertools.groupby(best) if symbol != blank]
