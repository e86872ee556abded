"""Cosines one word at a time, sorted(); n-grams with a while loop; running sums for means."""

from __future__ import annotations

import math

import numpy as np


def _cosine(u, v):
    dot = sum(float(a) * float(b) for a, b in zip(u, v))
    norms = math.sqrt(sum(float(a) ** 2 for a in u)) * math.sqrt(sum(float(b) ** 2 for b in v))
    return dot / norms if norms else 0.0


def _ranked(table, target, skip, k):
    scored = [(word, _cosine(vector, target)) for word, vector in table.items() if word not in skip]
    return sorted(scored, key=lambda pair: pair[1], reverse=True)[:k]


def most_similar(table, word, k):
    """Score every other word, sort."""
    return _ranked(table, table[word], (word,), k)


def analogy(table, a, b, c, k):
    """Element by element b - a + c."""
    target = [vb - va + vc for va, vb, vc in zip(table[a], table[b], table[c])]
    return _ranked(table, target, (a, b, c), k)


def char_ngrams(word, n_min, n_max):
    """Slide a window of each size along the marked word."""
    marked = "<" + word + ">"
    grams = []
    n = n_min
    while n <= n_max:
        start = 0
        while start + n <= len(marked):
            grams.append(marked[start:start + n])
            start += 1
        n += 1
    return grams


def _average(vectors, dimension):
    total, count = np.zeros(dimension), 0
    for vector in vectors:
        total = total + vector
        count += 1
    return total / count if count else total


def subword_vector(table_of_ngrams, word, n_min, n_max):
    """Running sum over the known n-grams."""
    dimension = len(next(iter(table_of_ngrams.values())))
    grams = char_ngrams(word, n_min, n_max)
    return _average((table_of_ngrams[g] for g in grams if g in table_of_ngrams), dimension)


def sentence_vector(table, words):
    """Running sum over the known words."""
    dimension = len(next(iter(table.values())))
    return _average((table[w] for w in words if w in table), dimension)
