"""Unit-length rows once, then one matrix product; n-grams by zipping shifted strings."""

from __future__ import annotations

import numpy as np


def _unit(vectors):
    vectors = np.asarray(vectors, dtype=float)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _search(table, target, skip, k):
    words = [w for w in table if w not in skip]
    if not words:
        return []
    scores = _unit(np.stack([table[w] for w in words])) @ _unit(target)
    best = np.argsort(scores)[::-1][:k]
    return [(words[i], float(scores[i])) for i in best]


def most_similar(table, word, k):
    """Cosines as dot products of unit vectors."""
    return _search(table, table[word], {word}, k)


def analogy(table, a, b, c, k):
    """The raw offset, normalised only for the cosine."""
    return _search(table, np.add(np.subtract(table[b], table[a]), table[c]), {a, b, c}, k)


def char_ngrams(word, n_min, n_max):
    """zip of n shifted copies of the marked word."""
    marked = f"<{word}>"
    return ["".join(chars) for n in range(n_min, n_max + 1)
            for chars in zip(*(marked[i:] for i in range(n)))]


def subword_vector(table_of_ngrams, word, n_min, n_max):
    """np.mean over the stacked known n-gram vectors."""
    found = [table_of_ngrams[g] for g in char_ngrams(word, n_min, n_max) if g in table_of_ngrams]
    if found:
        return np.stack(found).astype(float).mean(axis=0)
    return np.zeros_like(np.asarray(next(iter(table_of_ngrams.values())), dtype=float))


def sentence_vector(table, words):
    """np.mean over the stacked known word vectors."""
    known = [np.asarray(table[w], dtype=float) for w in words if w in table]
    return np.mean(known, axis=0) if known else np.zeros(len(next(iter(table.values()))))
