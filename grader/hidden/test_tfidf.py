"""Hidden tests for the `tfidf` kata: raw term counts, smooth idf, scikit-learn's tf-idf rows,
top terms, cosine similarity."""

from __future__ import annotations

import math

import numpy as np

from grader.markers import points, task

DOCS = [
    ["the", "cat", "sat", "on", "the", "mat"],
    ["the", "dog", "sat"],
    ["a", "cat", "and", "a", "dog", "and", "a", "bird"],
    ["the", "the", "the"],
]


def smooth_idf(docs):
    n = len(docs)
    terms = {term for doc in docs for term in doc}
    return {t: math.log((1 + n) / (1 + sum(t in doc for doc in docs))) + 1 for t in terms}


def reference_rows(docs):
    """scikit-learn's TfidfVectorizer defaults: raw counts * smooth idf, rows L2-normalised."""
    idf = smooth_idf(docs)
    vocabulary = sorted(idf)
    rows = np.array([[doc.count(t) * idf[t] for t in vocabulary] for doc in docs], dtype=float)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return vocabulary, np.where(norms > 0, rows / np.where(norms > 0, norms, 1), 0.0)


# ---------------------------------------------------------------- task 1: term_frequency


def probe_tf(m, doc):
    result = m.term_frequency(doc)
    return {"type": type(result).__name__,
            "items": sorted([str(k), v if type(v) is int else repr(v)]
                            for k, v in dict(result).items())}


@points(2)
@task(1)
def test_tf_raw_counts(learner):
    """term_frequency counts each term's occurrences: raw counts, not fractions."""
    got = learner.run(probe_tf, ["to", "be", "or", "not", "to", "be", "to"])
    assert got["type"] == "dict"
    assert got["items"] == [["be", 2], ["not", 1], ["or", 1], ["to", 3]], got["items"]


@task(1)
def test_tf_empty_and_exact_tokens(learner):
    """term_frequency of [] is {}, and tokens are taken as given (case and punctuation kept)."""
    assert learner.run(probe_tf, [])["items"] == []
    got = learner.run(probe_tf, ["Cat", "cat", "cat."])
    assert got["items"] == [["Cat", 1], ["cat", 1], ["cat.", 1]]


# -------------------------------------------------------- task 2: inverse_document_frequency


def probe_idf(m, docs):
    return {str(k): float(v) for k, v in dict(m.inverse_document_frequency(docs)).items()}


@points(2)
@task(2)
def test_idf_smooth_formula(learner):
    """idf is ln((1 + n) / (1 + df)) + 1: a term in every document gets exactly 1.0."""
    docs = [["x", "y"], ["x"], ["x", "z"]]
    got = learner.run(probe_idf, docs)
    assert math.isclose(got.get("x", -1), 1.0, abs_tol=1e-12), "+1 keeps a term in every document"
    assert math.isclose(got.get("y", -1), math.log(4 / 2) + 1, abs_tol=1e-12), (
        "smooth idf adds 1 to n and to df, then 1 to the log")


@task(2)
def test_idf_counts_documents(learner):
    """df counts the documents that contain a term: a term repeated in one document counts once."""
    got = learner.run(probe_idf, [["x", "x", "x"], ["y"]])
    assert math.isclose(got.get("x", -1), math.log(3 / 2) + 1, abs_tol=1e-12)


@task(2)
def test_idf_keys(learner):
    """inverse_document_frequency has a key for each term that occurs, and no other."""
    got = learner.run(probe_idf, DOCS)
    assert sorted(got) == sorted({t for doc in DOCS for t in doc})
    want = smooth_idf(DOCS)
    assert all(math.isclose(got[t], want[t], abs_tol=1e-12) for t in want)


# ---------------------------------------------------------------- task 3: tfidf_vectors


def probe_vectors(m, docs):
    import numpy as np
    vocabulary, rows = m.tfidf_vectors(docs)
    rows = np.asarray(rows, dtype=float)
    return {"vocabulary": [str(t) for t in vocabulary], "shape": tuple(rows.shape),
            "rows": rows.tolist()}


@task(3)
def test_vectors_vocabulary_and_shape(learner):
    """tfidf_vectors gives the sorted vocabulary and one row per document, one column per term."""
    got = learner.run(probe_vectors, DOCS)
    vocabulary, _ = reference_rows(DOCS)
    assert got["vocabulary"] == vocabulary, "the vocabulary is every term, sorted"
    assert got["shape"] == (4, len(vocabulary))


@points(2)
@task(3)
def test_vectors_unit_rows(learner):
    """Each tf-idf row has L2 norm 1, as scikit-learn normalises them."""
    got = learner.run(probe_vectors, DOCS)
    norms = np.linalg.norm(got["rows"], axis=1)
    assert np.allclose(norms, 1.0, atol=1e-9), f"row norms {norms.round(3).tolist()}"


@points(2)
@task(3)
def test_vectors_match_scikit_learn(learner):
    """The rows equal scikit-learn's TfidfVectorizer: raw counts times smooth idf, L2-normalised."""
    got = learner.run(probe_vectors, DOCS)
    _, want = reference_rows(DOCS)
    assert got["shape"] == want.shape and np.allclose(got["rows"], want, atol=1e-9)


@task(3)
def test_vectors_empty_document(learner):
    """An empty document gets a row of zeros, not NaN."""
    docs = [["a", "b"], [], ["b"]]
    got = learner.run(probe_vectors, docs)
    _, want = reference_rows(docs)
    assert got["rows"][1] == [0.0, 0.0], f"row {got['rows'][1]}: 0 / 0 needs a guard"
    assert np.allclose(got["rows"], want, atol=1e-9)


# ---------------------------------------------------------------- task 4: top_terms


def probe_top(m, docs, index, k):
    return [str(term) for term in m.top_terms(docs, index, k)]


@points(2)
@task(4)
def test_top_terms_heaviest_first(learner):
    """top_terms lists a document's terms by tf-idf weight, heaviest first, at most k of them."""
    got = learner.run(probe_top, DOCS, 2, 4)
    assert got == ["a", "and", "bird", "cat"], f"got {got}"
    got = learner.run(probe_top, DOCS, 0, 3)
    assert got == ["the", "mat", "on"], f"got {got}: weigh count times idf"


@task(4)
def test_top_terms_ties_alphabetical(learner):
    """Terms of equal weight come in alphabetical order."""
    docs = [["zeta", "alpha", "mid"], ["other"]]
    assert learner.run(probe_top, docs, 0, 3) == ["alpha", "mid", "zeta"]


@task(4)
def test_top_terms_only_the_documents_terms(learner):
    """A large k gives only the document's own terms (weight above 0), and k = 0 gives []."""
    got = learner.run(probe_top, DOCS, 1, 50)
    assert got == ["dog", "sat", "the"], f"got {got}"
    assert learner.run(probe_top, DOCS, 1, 0) == []


# ---------------------------------------------------------------- task 5: cosine_similarity


def probe_cosine(m, pairs):
    import numpy as np
    return [float(m.cosine_similarity(np.array(u, dtype=float), np.array(v, dtype=float)))
            for u, v in pairs]


@points(2)
@task(5)
def test_cosine_normalises(learner):
    """cosine_similarity divides by both lengths: scaling a vector does not change it."""
    got = learner.run(probe_cosine, [[[1, 0], [2, 2]], [[3, 4], [6, 8]], [[1, 2, 3], [-2, -4, -6]],
                                     [[0.1, 0], [0.2, 0.2]]])
    assert np.allclose(got, [math.sqrt(0.5), 1.0, -1.0, math.sqrt(0.5)], atol=1e-9), f"got {got}"


@task(5)
def test_cosine_orthogonal(learner):
    """Orthogonal vectors have cosine 0.0."""
    got = learner.run(probe_cosine, [[[1, 0, 0], [0, 5, 0]], [[1, 1], [1, -1]]])
    assert np.allclose(got, [0.0, 0.0], atol=1e-12)


@task(5)
def test_cosine_zero_vector(learner):
    """cosine_similarity with a zero vector is 0.0, not NaN."""
    got = learner.run(probe_cosine, [[[0, 0], [1, 2]], [[0, 0, 0], [0, 0, 0]]])
    assert got == [0.0, 0.0], f"got {got}"
