"""Dicts and math for everything; numpy only to hand back the rows."""

from __future__ import annotations

import heapq
import math

import numpy as np


def term_frequency(doc):
    """Count with dict.get."""
    counts = {}
    for term in doc:
        counts[term] = counts.get(term, 0) + 1
    return counts


def inverse_document_frequency(docs):
    """Document frequency from one set per document."""
    sets = [set(doc) for doc in docs]
    terms = set().union(*sets)
    n = len(docs)
    return {t: math.log((n + 1) / (sum(t in s for s in sets) + 1)) + 1 for t in terms}


def tfidf_vectors(docs):
    """Lists of weights, normalised with math.hypot."""
    idf = inverse_document_frequency(docs)
    vocabulary = sorted(idf)
    rows = []
    for doc in docs:
        tf = term_frequency(doc)
        row = [tf.get(t, 0) * idf[t] for t in vocabulary]
        norm = math.hypot(*row) if row else 0.0
        rows.append([w / norm for w in row] if norm else row)
    return vocabulary, np.array(rows, dtype=float).reshape(len(docs), len(vocabulary))


def top_terms(docs, index, k):
    """heapq.nsmallest with the key (-weight, term)."""
    vocabulary, rows = tfidf_vectors(docs)
    candidates = [(-w, t) for t, w in zip(vocabulary, rows[index].tolist()) if w > 0]
    return [t for _, t in heapq.nsmallest(k, candidates)]


def cosine_similarity(u, v):
    """fsum of products over the two hypotenuses."""
    u, v = [float(a) for a in u], [float(b) for b in v]
    nu, nv = math.hypot(*u), math.hypot(*v)
    if nu == 0 or nv == 0:
        return 0.0
    return math.fsum(a * b for a, b in zip(u, v)) / (nu * nv)
