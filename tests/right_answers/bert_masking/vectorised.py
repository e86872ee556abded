"""BERT masking with boolean numpy arrays and rng.choice, word ids by cumulative sum."""

from __future__ import annotations

import numpy as np

SPECIALS = ("[CLS]", "[SEP]", "[PAD]")


def mlm_mask(tokens, vocab, rng, rate=0.15):
    """Three arrays of draws decide everything at once."""
    toks = np.array(tokens, dtype=object)
    ordinary = ~np.isin(toks, SPECIALS) if len(toks) else np.zeros(0, bool)
    chosen = ordinary & (rng.uniform(size=len(toks)) < rate)
    kind = rng.choice(3, size=len(toks), p=[0.8, 0.1, 0.1])  # 0 mask, 1 random, 2 keep
    inputs = toks.copy()
    inputs[chosen & (kind == 0)] = "[MASK]"
    swap = chosen & (kind == 1)
    inputs[swap] = [str(vocab[j]) for j in rng.integers(len(vocab), size=int(swap.sum()))]
    labels = np.where(chosen, toks, None)
    return [str(t) for t in inputs], [None if t is None else str(t) for t in labels]


def whole_word_mask(tokens, rng, rate=0.15):
    """Number the words with a cumulative sum of word starts, draw once per word."""
    toks = list(tokens)
    special = np.array([t in SPECIALS for t in toks], dtype=bool)
    piece = np.array([t.startswith("##") for t in toks], dtype=bool)
    after_special = np.concatenate([[True], special[:-1]]) if toks else np.zeros(0, bool)
    starts = ~special & (~piece | after_special)
    word_id = np.cumsum(starts) - 1
    picked = rng.random(int(starts.sum())) < rate
    masked = ~special & picked[np.maximum(word_id, 0)] if starts.any() else np.zeros(len(toks), bool)
    inputs = ["[MASK]" if m else t for t, m in zip(toks, masked)]
    labels = [t if m else None for t, m in zip(toks, masked)]
    return inputs, labels
