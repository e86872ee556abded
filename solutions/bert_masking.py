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
    """Return ``(inputs, labels)``, two new lists as long as ``tokens`` (left unchanged).

    Each token that is not special is chosen independently with probability ``rate``
    (``rate = 1`` chooses all of them, ``rate = 0`` none). At a chosen position the label is
    the original token and the input is ``[MASK]`` with probability 0.8, a token drawn
    uniformly from ``vocab`` with probability 0.1, or the original token with probability 0.1.
    At every other position the input is the token and the label is None. The call issues
    no warning (numpy's included).

    >>> rng = np.random.default_rng(0)
    >>> inputs, labels = mlm_mask(["[CLS]", "my", "dog", "[SEP]"], ["a", "b"], rng, rate=1.0)
    >>> labels
    [None, 'my', 'dog', None]
    """
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
    """Return ``(inputs, labels)`` as ``mlm_mask`` does, choosing whole words.

    A word is a token that does not start with ``##`` followed by the ``##`` pieces right
    after it; special tokens belong to no word, and a ``##`` piece with no word right before
    it (the first token, or one after a special token) is a word of its own. Each word is
    chosen independently with probability ``rate``, whatever its number of pieces; every
    piece of a chosen word becomes ``[MASK]`` (no random or kept tokens here) with the
    original piece as its label.

    >>> whole_word_mask(["[CLS]", "play", "##ing", "[SEP]"], np.random.default_rng(0), 1.0)
    (['[CLS]', '[MASK]', '[MASK]', '[SEP]'], [None, 'play', '##ing', None])
    """
    words = _words(tokens)
    inputs, labels = list(tokens), [None] * len(tokens)
    for word, chosen in zip(words, rng.random(len(words)) < rate):
        if chosen:
            for i in word:
                inputs[i], labels[i] = MASK_TOKEN, tokens[i]
    return inputs, labels
