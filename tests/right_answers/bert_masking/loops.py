"""BERT masking with one rng call per decision, in plain loops."""

from __future__ import annotations

SPECIAL_TOKENS = {"[CLS]", "[SEP]", "[PAD]"}
MASK_TOKEN = "[MASK]"


def mlm_mask(tokens, vocab, rng, rate=0.15):
    """Decide token by token: chosen?, then mask / random / keep."""
    inputs, labels = [], []
    for token in tokens:
        if token in SPECIAL_TOKENS or not rng.random() < rate:
            inputs.append(token)
            labels.append(None)
            continue
        labels.append(token)
        u = rng.random()
        if u < 0.8:
            inputs.append(MASK_TOKEN)
        elif u < 0.9:
            inputs.append(vocab[int(rng.integers(0, len(vocab)))])
        else:
            inputs.append(token)
    return inputs, labels


def whole_word_mask(tokens, rng, rate=0.15):
    """Decide at each word's first piece; its ## pieces follow that decision."""
    inputs, labels = list(tokens), [None] * len(tokens)
    masking = False
    for i, token in enumerate(tokens):
        if token in SPECIAL_TOKENS:
            masking = False
            continue
        if not token.startswith("##") or i == 0 or tokens[i - 1] in SPECIAL_TOKENS:
            masking = rng.random() < rate
        if masking:
            inputs[i], labels[i] = MASK_TOKEN, token
    return inputs, labels
