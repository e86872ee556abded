"""TF-IDF: how much a term says about one document of a collection (TF-IDF).

The term frequency ``tf`` counts how often a term occurs in a document: a term a document
repeats is likely what it is about. The inverse document frequency discounts the terms that
occur everywhere ("the", "is"): with ``n`` documents of which ``df`` contain the term,
scikit-learn's default *smooth* idf is ``ln((1 + n) / (1 + df)) + 1``, as if one extra document
held every term once (no division by zero), plus 1 so that a term found in every document
still counts a little. A document's vector holds ``tf * idf`` per term of the vocabulary,
scaled to unit length (L2), so that long and short documents compare fairly: the cosine of
two such vectors is their dot product.

Documents here are already tokenised: lists of strings, taken as they are.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check tfidf``.
"""

from __future__ import annotations

import math  # noqa: F401  (you may want it)
from collections import Counter  # noqa: F401  (you may want it)
from collections.abc import Sequence

import numpy as np


def term_frequency(doc: Sequence[str]) -> dict[str, int]:
    """Return a dict term -> how many times it occurs in ``doc`` (raw counts).

    >>> term_frequency(["to", "be", "or", "not", "to", "be"])
    {'to': 2, 'be': 2, 'or': 1, 'not': 1}
    """
    raise NotImplementedError


def inverse_document_frequency(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    """Return a dict term -> smooth idf ``ln((1 + n) / (1 + df)) + 1`` for every term of
    ``docs``, where n is the number of documents and df the number of documents that contain
    the term (a document repeating a term counts once). A term in every document gets 1.0.

    >>> inverse_document_frequency([["a", "b"], ["a"]])["a"]
    1.0
    """
    raise NotImplementedError


def tfidf_vectors(docs: Sequence[Sequence[str]]) -> tuple[list[str], np.ndarray]:
    """Return ``(vocabulary, rows)`` as scikit-learn's ``TfidfVectorizer()`` computes them on
    these documents: the vocabulary is the sorted list of all terms; ``rows`` is a float array
    (len(docs), len(vocabulary)) whose row d holds ``tf * idf`` of each term in document d
    (raw counts, smooth idf), divided by the row's L2 norm. A document with no terms gets a
    row of zeros.
    """
    raise NotImplementedError


def top_terms(docs: Sequence[Sequence[str]], index: int, k: int) -> list[str]:
    """Return the at most ``k`` terms of ``docs[index]`` with a tf-idf weight above 0 (from
    tfidf_vectors over all of ``docs``), heaviest first; equal weights in alphabetical order.

    >>> top_terms([["cat", "sat", "cat"], ["dog", "sat"]], 0, 5)
    ['cat', 'sat']
    """
    raise NotImplementedError


def cosine_similarity(u: np.ndarray, v: np.ndarray) -> float:
    """Return the cosine of the angle between vectors ``u`` and ``v``,
    ``u . v / (|u| |v|)``, a float in [-1, 1]; 0.0 when either is a zero vector.

    >>> cosine_similarity(np.array([1.0, 0.0]), np.array([2.0, 2.0]))
    0.7071067811865475
    """
    raise NotImplementedError
