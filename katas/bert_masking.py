"""BERT's masking strategies (掩码策略: MLM, WWM), on lists of token strings.

BERT learns by filling in blanks. **MLM** chooses each token with probability ``rate``
(15%), never the special tokens ``[CLS]``, ``[SEP]`` and ``[PAD]``; a chosen token becomes
``[MASK]`` 80% of the time, a random token of the vocabulary 10% of the time, and stays as it
is 10% of the time, so that the model cannot rely on ``[MASK]`` appearing at fine-tuning time
(where it never does). The labels hold the original token at every chosen position and None
elsewhere: the loss is computed only where something was chosen. **WWM** (whole word masking)
chooses words, not WordPiece pieces: a piece starting with ``##`` belongs to the word before
it (``"play", "##ing"``), and every piece of a chosen word becomes ``[MASK]``, so the model
cannot guess ``##ing`` from ``play``.

Sequences run up to 512 tokens, BERT's longest input. Draw every random number from
``rng``, a ``numpy.random.Generator`` (``rng.random()``, ``rng.integers(n)``,
``rng.choice``...): the same seed then gives the same masking.
Replace each ``raise NotImplementedError`` with your code, then run ``kata check bert_masking``.
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
    raise NotImplementedError


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
    raise NotImplementedError
