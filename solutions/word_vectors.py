"""Static word vectors and rare words (静态词向量, 低频词).

A static embedding gives each word one fixed vector, learned so that words used in similar
contexts point in similar directions. Similarity is the cosine of the angle between two
vectors (their length mostly tracks frequency, not meaning), and relations show up as offsets:
``king - man + woman`` lands near ``queen``. Static vectors have two well-known weaknesses:
one vector per word whatever its sense, and nothing at all for a word never seen in training,
while rare words get poor vectors from few contexts.

fastText's answer to rare and unseen words is subword information: a word is also the bag of
its character n-grams, taken from the word with boundary marks, ``"<where>"`` giving ``"<wh"``,
``"whe"``, ``"her"``, ``"ere"``, ``"re>"`` for n = 3, so that ``"her"`` the word (``"<her>"``)
and ``"her"`` inside ``"where"`` stay apart. An unseen word's vector is built from the vectors
of the n-grams it shares with known words. The simplest sentence vector is the mean of its
known words' vectors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def _nearest(table: Mapping[str, np.ndarray], target: np.ndarray, exclude: set[str],
             k: int) -> list[tuple[str, float]]:
    """The k (word, cosine) pairs of table nearest to target, best first, leaving out exclude."""
    words = [word for word in table if word not in exclude]
    matrix = np.array([table[word] for word in words], dtype=float).reshape(len(words), target.size)
    norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(target)
    dots = matrix @ target
    cosines = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)
    order = np.argsort(-cosines, kind="stable")[:k]
    return [(words[i], float(cosines[i])) for i in order]


def most_similar(table: Mapping[str, np.ndarray], word: str, k: int) -> list[tuple[str, float]]:
    """Return the ``k`` pairs ``(other_word, cosine)`` of ``table`` (word -> vector) nearest to
    ``word`` by cosine similarity, best first, ``word`` itself left out; fewer when the table
    has fewer other words. A zero vector has cosine 0.0 with everything. Ties in any order.
    """
    return _nearest(table, np.asarray(table[word], dtype=float), {word}, k)


def analogy(table: Mapping[str, np.ndarray], a: str, b: str, c: str,
            k: int) -> list[tuple[str, float]]:
    """Solve "a is to b as c is to ?": return the ``k`` pairs ``(word, cosine)`` nearest by
    cosine to ``table[b] - table[a] + table[c]`` (the vectors as given, not normalised first),
    best first, leaving out a, b and c themselves.

    ``analogy(table, "man", "king", "woman", 1)`` is ``[("queen", ...)]`` in a good table.
    """
    target = (np.asarray(table[b], dtype=float) - np.asarray(table[a], dtype=float)
              + np.asarray(table[c], dtype=float))
    return _nearest(table, target, {a, b, c}, k)


def char_ngrams(word: str, n_min: int, n_max: int) -> list[str]:
    """Return every character n-gram of ``"<" + word + ">"`` with n_min <= n <= n_max, each
    occurrence listed, shorter n first.

    >>> char_ngrams("her", 3, 3)
    ['<he', 'her', 'er>']
    """
    marked = f"<{word}>"
    return [marked[i:i + n] for n in range(n_min, n_max + 1) for i in range(len(marked) - n + 1)]


def subword_vector(table_of_ngrams: Mapping[str, np.ndarray], word: str, n_min: int,
                   n_max: int) -> np.ndarray:
    """Return the mean of the vectors of the character n-grams of ``"<" + word + ">"``
    (n_min <= n <= n_max, every occurrence counted, see char_ngrams) found in
    ``table_of_ngrams``; a zero vector of the table's dimension when none is found.
    """
    found = [table_of_ngrams[gram] for gram in char_ngrams(word, n_min, n_max)
             if gram in table_of_ngrams]
    return _mean(found, table_of_ngrams)


def sentence_vector(table: Mapping[str, np.ndarray], words: Sequence[str]) -> np.ndarray:
    """Return the mean of the vectors of the words of ``words`` found in ``table`` (every
    occurrence counted; unknown words are skipped, not counted as zeros); a zero vector of the
    table's dimension when none is known.
    """
    return _mean([table[word] for word in words if word in table], table)


def _mean(vectors: list[np.ndarray], table: Mapping[str, np.ndarray]) -> np.ndarray:
    """The mean of vectors, or a zero vector shaped like the table's vectors if there are none."""
    if not vectors:
        return np.zeros(np.shape(next(iter(table.values()), ())))
    return np.mean(np.array(vectors, dtype=float), axis=0)
