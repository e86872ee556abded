"""BERT's masking strategies (掩码策略: MLM, WWM), on lists of token strings.

Reference solution: the random decisions drawn as numpy arrays, one draw per token (MLM) or
per word (WWM).
"""

from __future__ import annotations

from typing import Final

import numpy as np

SPECIAL_TOKENS: Final = frozenset({"[CLS]", "[SEP]", "[PAD]"})  # never chosen
MASK_TOKEN: Final = "[MASK]"


def mlm_mask(tokens: list[str], vocab: list[str], rng: np.random.Generator,
             rate: float = 0.15) -> tuple[list[str], list[str | None]]:
    """Choose tokens with probability rate; 80% [MASK], 10% random, 10% unchanged."""
    n = len(tokens)
    special = np.array([token in SPECIAL_TOKENS for token in tokens], dtype=bool)
    chosen = (rng.random(n) < rate) & ~special
    roll = rng.random(n)
    replace = rng.integers(len(vocab), size=n)
    inputs, labels = list(tokens), [t if c else None for t, c in zip(tokens, chosen)]
    for i in np.flatnonzero(chosen):
        if roll[i] < 0.8:
            inputs[i] = MASK_TOKEN
        elif roll[i] < 0.9:
            inputs[i] = vocab[replace[i]]
    return inputs, labels


def _words(tokens: list[str]) -> list[list[int]]:
    """The positions of each word: a piece starting with ## joins the word right before it."""
    words: list[list[int]] = []
    for i, token in enumerate(tokens):
        if token in SPECIAL_TOKENS:
            continue
        if token.startswith("##") and words and words[-1][-1] == i - 1:
            words[-1].append(i)
        else:
            words.append([i])
    return words


def whole_word_mask(tokens: list[str], rng: np.random.Generator,
                    rate: float = 0.15) -> tuple[list[str], list[str | None]]:
    """Choose words with probability rate; every piece of a chosen word becomes [MASK]."""
    words = _words(tokens)
    inputs, labels = list(tokens), [None] * len(tokens)
    for word, chosen in zip(words, rng.random(len(words)) < rate):
        if chosen:
            for i in word:
                inputs[i], labels[i] = MASK_TOKEN, tokens[i]
    return inputs, labels
