"""Hidden tests for the `word_vectors` kata: nearest words by cosine, analogies, fastText's
character n-grams and subword vectors, sentence vectors."""

from __future__ import annotations

import math

import numpy as np

from grader.markers import points, task

ROYALS = {
    "man": [0, 1, 0, 0.1], "woman": [0, 0, 1, 0.1], "king": [1, 1, 0, 0.1],
    "queen": [1, 0, 1, 0.1], "princess": [0.7, 0, 0.8, 0.6], "prince": [0.9, 1, 0, 0.3],
    "apple": [0, 0, 0, 1],
}


def cosine(u, v):
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    norms = float(np.linalg.norm(u) * np.linalg.norm(v))
    return float(u @ v) / norms if norms else 0.0


def pairs_close(got, want):
    """Same words in the same order, cosines within 1e-9."""
    return ([w for w, _ in got] == [w for w, _ in want]
            and all(math.isclose(a, b, abs_tol=1e-9) for (_, a), (_, b) in zip(got, want)))


def probe_query(m, function, table, args):
    import numpy as np
    vectors = {word: np.array(vector, dtype=float) for word, vector in table.items()}
    result = getattr(m, function)(vectors, *args)
    return [[str(word), float(value)] for word, value in result]


# ---------------------------------------------------------------- task 1: most_similar


@task(1)
def test_most_similar_excludes_itself(learner):
    """most_similar(table, "king", 3) gives the 3 nearest other words, best first, king left out."""
    got = learner.run(probe_query, "most_similar", ROYALS, ["king", 3])
    want = sorted(((w, cosine(ROYALS["king"], v)) for w, v in ROYALS.items() if w != "king"),
                  key=lambda pair: -pair[1])[:3]
    assert "king" not in [w for w, _ in got], "a word is not its own neighbour"
    assert pairs_close(got, want), f"got {got}"


@points(2)
@task(1)
def test_most_similar_uses_cosine(learner):
    """Similarity is the cosine: a long vector pointing away is not nearer than a short one in line."""
    table = {"cat": [1.0, 0.0], "kitten": [0.9, 0.1], "truck": [5.0, 5.0], "ice": [-1.0, 0.2]}
    got = learner.run(probe_query, "most_similar", table, ["cat", 3])
    assert [w for w, _ in got] == ["kitten", "truck", "ice"], f"got {got}: rank by cosine, not dot"
    assert math.isclose(got[1][1], math.sqrt(0.5), abs_tol=1e-9), "the score is the cosine itself"


@task(1)
def test_most_similar_small_table_and_zero_vector(learner):
    """A k beyond the table gives every other word; a zero vector scores 0.0, not NaN."""
    table = {"a": [1.0, 0.0], "b": [0.0, 1.0], "zero": [0.0, 0.0], "c": [-1.0, -1.0]}
    got = learner.run(probe_query, "most_similar", table, ["a", 10])
    assert [w for w, _ in got] == ["b", "zero", "c"] or [w for w, _ in got] == ["zero", "b", "c"]
    assert dict((w, s) for w, s in got)["zero"] == 0.0
    assert math.isclose(got[-1][1], -math.sqrt(0.5), abs_tol=1e-9)


# ---------------------------------------------------------------- task 2: analogy


@points(2)
@task(2)
def test_analogy_king_queen(learner):
    """man : king = woman : ? is answered by queen: nearest to king - man + woman."""
    got = learner.run(probe_query, "analogy", ROYALS, ["man", "king", "woman", 1])
    assert [w for w, _ in got] == ["queen"], f"got {got}"
    assert math.isclose(got[0][1], 1.0, abs_tol=1e-9)


@points(2)
@task(2)
def test_analogy_excludes_the_inputs(learner):
    """The three words of the question are never answers, even when they are nearest."""
    got = learner.run(probe_query, "analogy", ROYALS, ["man", "king", "woman", 3])
    target = np.subtract(ROYALS["king"], ROYALS["man"]) + ROYALS["woman"]
    want = [(w, cosine(ROYALS[w], target)) for w in ("queen", "princess", "prince")]
    assert pairs_close(got, want), f"got {got}"


@task(2)
def test_analogy_direction(learner):
    """analogy(table, a, b, c) searches near b - a + c (not a - b + c)."""
    table = {"paris": [1.0, 0.0, 0.2], "france": [1.0, 1.0, 0.0], "rome": [0.0, 0.0, 1.0],
             "italy": [0.0, 1.0, 1.2], "pizza": [-1.0, -1.0, 1.0]}
    got = learner.run(probe_query, "analogy", table, ["paris", "france", "rome", 1])
    assert [w for w, _ in got] == ["italy"], f"got {got}"


@task(2)
def test_analogy_vectors_as_given(learner):
    """analogy combines the vectors as given: their lengths count, nothing is normalised first."""
    table = {"a": [1.0, 0.0], "b": [10.0, 10.0], "c": [0.0, 1.0],
             "x": [1.0, 1.2], "y": [-0.17, 1.0]}
    got = learner.run(probe_query, "analogy", table, ["a", "b", "c", 2])
    want = [(w, cosine(table[w], [9.0, 11.0])) for w in ("x", "y")]
    assert pairs_close(got, want), f"got {got}"


# ---------------------------------------------------------------- task 3: char_ngrams


def probe_ngrams(m, word, n_min, n_max):
    return [str(gram) for gram in m.char_ngrams(word, n_min, n_max)]


@points(2)
@task(3)
def test_ngrams_with_boundaries(learner):
    """char_ngrams("where", 3, 3) reads "<where>": <wh, whe, her, ere, re>."""
    got = learner.run(probe_ngrams, "where", 3, 3)
    assert got == ["<wh", "whe", "her", "ere", "re>"], f"got {got}: mark the word with < and >"


@task(3)
def test_ngrams_range_and_repeats(learner):
    """char_ngrams has every n from n_min to n_max, shorter first, each repeated n-gram each time."""
    got = learner.run(probe_ngrams, "aaa", 2, 3)
    assert got == ["<a", "aa", "aa", "a>", "<aa", "aaa", "aa>"], f"got {got}"


@task(3)
def test_ngrams_short_word(learner):
    """A word shorter than n gives the n-grams that fit, possibly just "<word>" or none."""
    assert learner.run(probe_ngrams, "a", 3, 4) == ["<a>"]
    assert learner.run(probe_ngrams, "a", 4, 6) == []


# ---------------------------------------------------------------- task 4: subword_vector


def probe_vector(m, function, table, args):
    import numpy as np
    vectors = {key: np.array(vector, dtype=float) for key, vector in table.items()}
    result = np.asarray(getattr(m, function)(vectors, *args))
    return {"shape": tuple(result.shape), "values": result.tolist(), "dtype": str(result.dtype)}


NGRAMS = {"<wh": [1.0, 0.0, 0.0], "her": [0.0, 2.0, 0.0], "re>": [0.0, 0.0, 3.0],
          "ere": [3.0, 3.0, 3.0], "<he": [9.0, 9.0, 9.0], "aa": [6.0, 0.0, 0.0],
          "<a": [0.0, 6.0, 0.0]}


@points(2)
@task(4)
def test_subword_mean_of_known_ngrams(learner):
    """subword_vector averages the vectors of the word's n-grams that the table has."""
    got = learner.run(probe_vector, "subword_vector", NGRAMS, ["where", 3, 3])
    assert np.allclose(got["values"], [1.0, 5 / 4, 1.5]), f"got {got['values']}"


@task(4)
def test_subword_counts_every_occurrence(learner):
    """An n-gram that occurs twice in the word counts twice in the mean."""
    got = learner.run(probe_vector, "subword_vector", NGRAMS, ["aaa", 2, 2])
    assert np.allclose(got["values"], [4.0, 2.0, 0.0]), f"got {got['values']}"


@task(4)
def test_subword_unknown_is_zero(learner):
    """A word none of whose n-grams is in the table gets a zero vector of the table's dimension."""
    got = learner.run(probe_vector, "subword_vector", NGRAMS, ["xyz", 3, 3])
    assert got["shape"] == (3,) and got["values"] == [0.0, 0.0, 0.0], f"got {got}"


@task(4)
def test_subword_unseen_word_near_seen(learner):
    """An unseen word built from n-grams lands near the seen word that shares them."""
    ngrams = {"<pl": [1, 0, 0], "pla": [1, 1, 0], "lay": [0, 1, 0], "ay>": [0, 1, 1],
              "ing": [0, 0, 1], "ng>": [0, 0, 1], "<ru": [-1, 0, 0], "run": [-1, -1, 0]}
    played = learner.run(probe_vector, "subword_vector", ngrams, ["played", 3, 3])["values"]
    play = learner.run(probe_vector, "subword_vector", ngrams, ["play", 3, 3])["values"]
    run = learner.run(probe_vector, "subword_vector", ngrams, ["running", 3, 3])["values"]
    assert cosine(played, play) > 0.9 > cosine(played, run)


# ---------------------------------------------------------------- task 5: sentence_vector


@points(2)
@task(5)
def test_sentence_mean_of_known_words(learner):
    """sentence_vector averages the known words only: unknown words are skipped, not zeros."""
    got = learner.run(probe_vector, "sentence_vector", ROYALS, [["king", "ate", "an", "apple"]])
    assert got["shape"] == (4,)
    assert np.allclose(got["values"], [0.5, 0.5, 0.0, 0.55]), f"got {got['values']}"


@task(5)
def test_sentence_repeats_count(learner):
    """Each occurrence of a word counts in the sentence's mean."""
    got = learner.run(probe_vector, "sentence_vector", ROYALS, [["man", "man", "woman"]])
    assert np.allclose(got["values"], [0.0, 2 / 3, 1 / 3, 0.1]), f"got {got['values']}"


@task(5)
def test_sentence_nothing_known(learner):
    """A sentence with no known word (or no words) gets a zero vector of the table's dimension."""
    for words in (["xyzzy", "plugh"], []):
        got = learner.run(probe_vector, "sentence_vector", ROYALS, [words])
        assert got["shape"] == (4,) and got["values"] == [0.0] * 4, f"got {got}"
