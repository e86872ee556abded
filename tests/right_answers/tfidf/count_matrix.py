"""A document-term count matrix first; idf, rows and rankings from it."""

from __future__ import annotations

import numpy as np


def _counts(docs):
    vocabulary = sorted({t for doc in docs for t in doc})
    column = {t: j for j, t in enumerate(vocabulary)}
    counts = np.zeros((len(docs), len(vocabulary)), dtype=int)
    for i, doc in enumerate(docs):
        np.add.at(counts[i], [column[t] for t in doc], 1)
    return vocabulary, counts


def term_frequency(doc):
    """One row of the count matrix."""
    vocabulary, counts = _counts([doc])
    return {t: int(c) for t, c in zip(vocabulary, counts[0]) if c}


def inverse_document_frequency(docs):
    """df is the number of non-zero counts per column."""
    vocabulary, counts = _counts(docs)
    idf = np.log((1 + len(docs)) / (1 + (counts > 0).sum(axis=0))) + 1
    return dict(zip(vocabulary, idf.tolist()))


def tfidf_vectors(docs):
    """counts * idf, divided by the row norms where they are not 0."""
    vocabulary, counts = _counts(docs)
    idf = np.log((1 + len(docs)) / (1 + (counts > 0).sum(axis=0))) + 1
    weights = counts * idf
    norms = np.sqrt((weights ** 2).sum(axis=1))[:, None]
    return vocabulary, weights / np.where(norms == 0, 1.0, norms)


def top_terms(docs, index, k):
    """np.lexsort: last key first (weight descending), then the term."""
    vocabulary, rows = tfidf_vectors(docs)
    weights = rows[index]
    order = np.lexsort((np.arange(len(vocabulary)), -weights))
    return [vocabulary[j] for j in order if weights[j] > 0][:max(k, 0)]


def cosine_similarity(u, v):
    """Normalise first, then the dot product."""
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if not (nu and nv):
        return 0.0
    return float(np.dot(u / nu, v / nv))
