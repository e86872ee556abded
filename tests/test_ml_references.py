"""The ML track's reference solutions agree with the libraries whose conventions they teach.

TF-IDF is checked against scikit-learn's own ``TfidfVectorizer`` (a test dependency). PyTorch is
too large to install for a test, so its definitions are written out here from its documentation
and source, one scalar at a time: ``conv2d`` (cross-correlation, zero padding, dilation), the
``Conv2d``/``ConvTranspose2d``/``MaxPool2d`` output sizes (``pooling_output_shape`` with
``ceil_mode``), max and average pooling, ``interpolate(mode="bilinear")``
(``area_pixel_compute_source_index``) and ``BatchNorm1d`` (biased variance to normalise, unbiased
for the running variance, ``running = (1 - momentum) * running + momentum * batch``).
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import statistics
from pathlib import Path
from types import ModuleType

import pytest

np = pytest.importorskip("numpy")

SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"


def solution(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"reference_{name}", SOLUTIONS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- TF-IDF: scikit-learn itself

TOKENISED = [
    [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "sat"], ["a", "bird"]],
    [["x", "x", "x", "y"], [], ["y", "z"], ["Z", "z", "z."]],
    [["solo"]],
    [["a", "b", "c", "a"], ["b", "c", "d"], ["c", "d", "e", "e", "e"], ["a"]],
]


@pytest.mark.parametrize("docs", TOKENISED, ids=range(len(TOKENISED)))
def test_tfidf_equals_scikit_learn(docs):
    text = pytest.importorskip("sklearn.feature_extraction.text")
    vectorizer = text.TfidfVectorizer(analyzer=lambda doc: doc)  # the documents are token lists
    expected = vectorizer.fit_transform(docs).toarray()
    vocabulary, rows = solution("tfidf").tfidf_vectors(docs)
    assert vocabulary == list(vectorizer.get_feature_names_out())
    assert np.allclose(rows, expected, atol=1e-12)
    idf = solution("tfidf").inverse_document_frequency(docs)
    assert np.allclose([idf[term] for term in vocabulary], vectorizer.idf_, atol=1e-12)


# ---------------------------------------------------------------- PyTorch's output sizes


def torch_conv_size(size, kernel, stride, padding, dilation):
    """Conv2d docs: floor((H_in + 2*padding - dilation*(kernel - 1) - 1) / stride + 1)."""
    return math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1)


def torch_pool_size(size, kernel, stride, padding, ceil_mode):
    """aten's pooling_output_shape (dilation 1): round down, or up in ceil_mode, and in ceil_mode
    drop a last window that starts in the right padding."""
    numerator = size + 2 * padding - (kernel - 1) - 1 + (stride - 1 if ceil_mode else 0)
    out = numerator // stride + 1
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1
    return out


def test_conv_and_pool_sizes_follow_pytorch():
    conv = solution("conv_arithmetic")
    for size, kernel, stride, dilation in itertools.product(range(1, 13), range(1, 5), range(1, 4),
                                                            range(1, 3)):
        for padding in range(0, kernel // 2 + 1):  # PyTorch requires padding <= kernel / 2
            span = size + 2 * padding - dilation * (kernel - 1)
            if span >= 1:
                assert conv.conv_output_size(size, kernel, stride, padding, dilation) == \
                    torch_conv_size(size, kernel, stride, padding, dilation)
            if span >= 1 and dilation == 1:
                for ceil_mode in (False, True):
                    assert conv.pool_output_size(size, kernel, stride, padding, ceil_mode) == \
                        torch_pool_size(size, kernel, stride, padding, ceil_mode), \
                        (size, kernel, stride, padding, ceil_mode)


def test_transposed_size_follows_pytorch():
    """ConvTranspose2d docs:
    (H_in - 1)*stride - 2*padding + dilation*(kernel - 1) + output_padding + 1."""
    conv = solution("conv_arithmetic")
    for size, kernel, stride, padding, dilation in itertools.product(range(1, 8), range(1, 5),
                                                                     range(1, 4), range(0, 2),
                                                                     range(1, 3)):
        for output_padding in range(max(stride, dilation)):  # PyTorch: smaller than one of them
            assert conv.transposed_conv_output_size(size, kernel, stride, padding, output_padding,
                                                    dilation) == \
                (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


# ---------------------------------------------------------------- conv2d


def torch_conv2d(x, w, stride, padding, dilation):
    """F.conv2d without bias, one output at a time: a cross-correlation over zero padding."""
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    c_out, c_in, kh, kw = w.shape
    h_out = torch_conv_size(x.shape[1], kh, sh, ph, dh)
    w_out = torch_conv_size(x.shape[2], kw, sw, pw, dw)
    out = np.zeros((c_out, h_out, w_out))

    def pixel(c, r, q):
        r, q = r - ph, q - pw
        inside = 0 <= r < x.shape[1] and 0 <= q < x.shape[2]
        return x[c, r, q] if inside else 0.0

    for o, i, j in itertools.product(range(c_out), range(h_out), range(w_out)):
        out[o, i, j] = sum(w[o, c, u, v] * pixel(c, i * sh + u * dh, j * sw + v * dw)
                           for c in range(c_in) for u in range(kh) for v in range(kw))
    return out


@pytest.mark.parametrize("stride, padding, dilation", [
    ((1, 1), (0, 0), (1, 1)), ((2, 2), (1, 1), (1, 1)), ((1, 2), (2, 0), (2, 1)),
    ((3, 1), (1, 2), (1, 3)),
])
def test_conv2d_follows_pytorch(stride, padding, dilation):
    rng = np.random.default_rng(sum(stride + padding + dilation))
    x, w = rng.normal(size=(3, 9, 8)), rng.normal(size=(2, 3, 3, 2))
    got = solution("conv_arithmetic").conv2d(x, w, stride, padding, dilation)
    want = torch_conv2d(x, w, stride, padding, dilation)
    assert got.shape == want.shape and np.allclose(got, want, atol=1e-10)


# ---------------------------------------------------------------- pooling and upsampling


def test_pooling_follows_pytorch():
    """MaxPool2d/AvgPool2d without padding: out[i, j] = max / mean of x[i*s + u, j*s + v]."""
    pooling = solution("pooling")
    x = np.random.default_rng(2).normal(size=(9, 7))
    for kernel, stride in itertools.product(range(1, 4), range(1, 4)):
        h = torch_pool_size(9, kernel, stride, 0, False)
        w = torch_pool_size(7, kernel, stride, 0, False)
        windows = [[[x[i * stride + u, j * stride + v]
                     for u in range(kernel) for v in range(kernel)]
                    for j in range(w)] for i in range(h)]
        assert np.array_equal(pooling.max_pool2d(x, kernel, stride), np.max(windows, axis=2))
        assert np.allclose(pooling.avg_pool2d(x, kernel, stride), np.mean(windows, axis=2))


def torch_bilinear(x, size, align_corners):
    """upsample_bilinear2d: area_pixel_compute_source_index, then the two neighbours per axis."""
    def source(index, n_in, n_out):
        if align_corners:
            scale = (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
            real = scale * index
        else:
            real = max((n_in / n_out) * (index + 0.5) - 0.5, 0.0)
        low = int(real)
        step = 1 if low < n_in - 1 else 0
        return low, low + step, real - low

    out = np.zeros(size)
    for i, j in itertools.product(range(size[0]), range(size[1])):
        r0, r1, dr = source(i, x.shape[0], size[0])
        c0, c1, dc = source(j, x.shape[1], size[1])
        out[i, j] = ((1 - dr) * ((1 - dc) * x[r0, c0] + dc * x[r0, c1])
                     + dr * ((1 - dc) * x[r1, c0] + dc * x[r1, c1]))
    return out


@pytest.mark.parametrize("size", [(1, 1), (2, 3), (4, 5), (7, 9), (12, 4)])
@pytest.mark.parametrize("align_corners", [True, False])
def test_bilinear_follows_pytorch(size, align_corners):
    x = np.random.default_rng(3).normal(size=(4, 5))
    got = solution("pooling").upsample_bilinear(x, size, align_corners)
    assert np.allclose(got, torch_bilinear(x, size, align_corners), atol=1e-12)


# ---------------------------------------------------------------- batch norm


def test_batch_norm_follows_pytorch():
    """BatchNorm1d: normalise with the biased variance; running stats with the unbiased one."""
    normalization = solution("normalization")
    rng = np.random.default_rng(4)
    x = rng.normal(size=(6, 3)) * 3 + 1
    gamma, beta = rng.normal(size=3), rng.normal(size=3)
    running_mean, running_var = rng.normal(size=3), rng.uniform(0.5, 2, size=3)
    for momentum, eps in [(0.1, 1e-5), (0.5, 0.1)]:
        out, new_mean, new_var = normalization.batch_norm(x, gamma, beta, running_mean, running_var,
                                                          True, momentum, eps)
        for d in range(3):
            column = x[:, d].tolist()
            mean, biased = statistics.fmean(column), statistics.pvariance(column)
            expected = [(v - mean) / math.sqrt(biased + eps) * gamma[d] + beta[d] for v in column]
            assert np.allclose(out[:, d], expected, atol=1e-12)
            assert math.isclose(new_mean[d], (1 - momentum) * running_mean[d] + momentum * mean)
            assert math.isclose(new_var[d], (1 - momentum) * running_var[d]
                                + momentum * statistics.variance(column))
        out, same_mean, same_var = normalization.batch_norm(x, gamma, beta, running_mean,
                                                            running_var, False, momentum, eps)
        assert np.array_equal(same_mean, running_mean) and np.array_equal(same_var, running_var)
        expected = (x - running_mean) / np.sqrt(running_var + eps) * gamma + beta
        assert np.allclose(out, expected, atol=1e-12)
