"""Hidden tests for the `attention` kata: stable softmax, padding and causal masks, scaled
dot-product attention, multi-head attention and the sinusoidal positional encoding.

The references below are computed here, in the grader's process, a different way from the
reference solution (attention query by query over the allowed keys only, heads one by one).
The concept checks have their own points: logits of 1000, the sqrt(d) scale, exact zeros where
a mask forbids, zeros and no NaN for a row that may attend nowhere, no dependence on the future
under a causal mask, heads as column blocks, sines and cosines sharing a frequency.
"""

from __future__ import annotations

import math

import numpy as np

from grader.hidden._arrays import assert_array, assert_shape, values
from grader.markers import points, task

# ---------------------------------------------------------------- probes


def probe_softmax(m, x, axis):
    import numpy as np

    x = np.array(x, dtype=float)
    out = np.asarray(m.softmax(x) if axis is None else m.softmax(x, axis=axis))
    return {"shape": list(out.shape), "dtype": str(out.dtype), "value": out.tolist()}


def probe_mask(m, func, args):
    import numpy as np

    out = np.asarray(getattr(m, func)(*args))
    return {"shape": list(out.shape), "dtype": str(out.dtype), "value": out.tolist()}


def probe_attention(m, q, k, v, mask):
    import numpy as np

    q, k, v = (np.array(a, dtype=float) for a in (q, k, v))
    mask = None if mask is None else np.array(mask, dtype=bool)
    output, weights = m.scaled_dot_product_attention(q, k, v, mask)
    output, weights = np.asarray(output), np.asarray(weights)
    return {name: {"shape": list(a.shape), "dtype": str(a.dtype), "value": a.tolist()}
            for name, a in (("output", output), ("weights", weights))}


def probe_mha(m, x, w_q, w_k, w_v, w_o, num_heads, mask):
    import numpy as np

    arrays = [np.array(a, dtype=float) for a in (x, w_q, w_k, w_v, w_o)]
    mask = None if mask is None else np.array(mask, dtype=bool)
    try:
        out = m.multi_head_attention(*arrays, num_heads, mask)
    except ValueError as exc:
        return {"raised": type(exc).__name__}
    out = np.asarray(out)
    return {"shape": list(out.shape), "dtype": str(out.dtype), "value": out.tolist()}


def probe_pe(m, length, d_model):
    import numpy as np

    out = np.asarray(m.positional_encoding(length, d_model))
    return {"shape": list(out.shape), "dtype": str(out.dtype), "value": out.tolist()}


# ---------------------------------------------------------------- references (grader side)


def normal(seed, *shape, scale=1.0):
    return np.random.default_rng(seed).normal(scale=scale, size=shape)


def ref_softmax(x, axis=-1):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def ref_attention(q, k, v, mask=None):
    """Attention computed query by query over the allowed keys only."""
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    scores = np.einsum("...qd,...kd->...qk", q, k) / math.sqrt(q.shape[-1])
    allowed = np.broadcast_to(True if mask is None else np.asarray(mask, dtype=bool), scores.shape)
    weights = np.zeros_like(scores)
    for row in np.ndindex(*scores.shape[:-1]):
        keep = allowed[row]
        if keep.any():
            weights[row][keep] = ref_softmax(scores[row][keep])
    return np.einsum("...qk,...kd->...qd", weights, v), weights


def ref_mha(x, w_q, w_k, w_v, w_o, num_heads, mask=None):
    """Multi-head attention one head at a time, on column blocks."""
    x = np.asarray(x, dtype=float)
    size = x.shape[1] // num_heads
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    heads = [ref_attention(q[:, cols], k[:, cols], v[:, cols], mask)[0]
             for cols in (slice(h * size, (h + 1) * size) for h in range(num_heads))]
    return np.concatenate(heads, axis=1) @ w_o


def run_attention(learner, q, k, v, mask=None):
    listed = [np.asarray(a).tolist() for a in (q, k, v)]
    return learner.run(probe_attention, *listed, None if mask is None else np.asarray(mask).tolist())


def check_attention(learner, q, k, v, mask=None, *, tol=1e-9):
    got = run_attention(learner, q, k, v, mask)
    want_output, want_weights = ref_attention(q, k, v, mask)
    assert_array(got["weights"], want_weights, "the weights", tol=tol)
    assert_array(got["output"], want_output, "the output", tol=tol)
    return got


def run_mha(learner, x, weights, num_heads, mask=None):
    listed = [np.asarray(a).tolist() for a in (x, *weights)]
    return learner.run(probe_mha, *listed, num_heads,
                       None if mask is None else np.asarray(mask).tolist())


# ---------------------------------------------------------------- task 1: softmax


@task(1)
def test_softmax_matches_formula(learner):
    """softmax is exp(x) / sum(exp(x)) along the last axis: each row sums to 1."""
    x = normal(1, 4, 6, scale=3.0)
    got = learner.run(probe_softmax, x.tolist(), None)
    assert_array(got, ref_softmax(x), "softmax of a (4, 6) array")


@points(2)
@task(1)
def test_softmax_large_logits(learner):
    """softmax subtracts the maximum first, so logits of 1000 give numbers, not NaN."""
    for x in ([[1000.0, 1000.0, 1000.0]], [[1000.0, 0.0]], [[-1000.0, -1000.0]],
              [[1e6, 1e6 - 1.0, 1e6 - 2.0]]):
        got = learner.run(probe_softmax, x, None)
        assert_array(got, ref_softmax(x), f"softmax({x[0]})")


@task(1)
def test_softmax_per_row_maximum(learner):
    """softmax subtracts each row's own maximum: one large row does not underflow the others."""
    x = [[1000.0, 999.0], [0.0, 1.0], [-800.0, -801.0]]
    got = learner.run(probe_softmax, x, None)
    assert_array(got, ref_softmax(x), f"softmax of the rows {x}")


@task(1)
def test_softmax_axis(learner):
    """softmax(x, axis) normalises along the axis given and keeps the shape of x."""
    for shape, axis in (((3, 4), 0), ((2, 3, 4), 1), ((2, 3, 4), -1)):
        x = normal(2, *shape)
        got = learner.run(probe_softmax, x.tolist(), axis)
        assert_array(got, ref_softmax(x, axis=axis), f"softmax of a {shape} array along axis {axis}")


# ---------------------------------------------------------------- task 2: padding_mask


@points(2)
@task(2)
def test_padding_mask_values(learner):
    """padding_mask is True on each sequence's real tokens and False on its padding."""
    lengths, max_len = [3, 1, 0, 4], 4
    got = learner.run(probe_mask, "padding_mask", [lengths, max_len])
    want = [[t < n for t in range(max_len)] for n in lengths]
    assert got["value"] == want, f"padding_mask({lengths}, {max_len}) gave {got['value']}"


@task(2)
def test_padding_mask_boolean(learner):
    """padding_mask returns a boolean array of shape (batch, max_len)."""
    got = learner.run(probe_mask, "padding_mask", [[2, 5, 1], 6])
    assert_shape(got, (3, 6), "padding_mask([2, 5, 1], 6)")
    assert got["dtype"] == "bool", f"the mask should be boolean, not {got['dtype']}"


# ---------------------------------------------------------------- task 3: causal_mask


@points(2)
@task(3)
def test_causal_mask_values(learner):
    """causal_mask(n) lets position i see positions 0..i, itself included, never later ones."""
    for n in (1, 4, 6):
        got = learner.run(probe_mask, "causal_mask", [n])
        want = [[j <= i for j in range(n)] for i in range(n)]
        assert got["value"] == want, f"causal_mask({n}) gave {got['value']}"


@task(3)
def test_causal_mask_boolean(learner):
    """causal_mask returns a boolean (n, n) array."""
    got = learner.run(probe_mask, "causal_mask", [5])
    assert_shape(got, (5, 5), "causal_mask(5)")
    assert got["dtype"] == "bool", f"the mask should be boolean, not {got['dtype']}"


# ---------------------------------------------------------------- task 4: attention
#
# The reference checks (softmax over the keys, the sqrt(d) scale, large scores) compare with
# ref_attention. The mask checks compare the learner's masked attention with the learner's own
# attention over the allowed keys only ("masking a key is removing it"), so that one mistake in
# the scores does not also fail every mask check.


def assert_rows_normalised(got, mask, what="the weights"):
    """Exact zeros where the mask forbids; rows that may attend somewhere sum to 1."""
    weights = values(got["weights"])
    allowed = np.broadcast_to(mask, weights.shape)
    assert not np.isnan(weights).any(), f"{what} contain NaN"
    assert (weights[~allowed] == 0.0).all(), f"{what} are not exactly 0 where the mask is False"
    sums = weights.sum(axis=-1)[allowed.any(axis=-1)]
    assert np.allclose(sums, 1.0, atol=1e-9), f"{what} of a row that may attend do not sum to 1"


def part(reported, index):
    """The part ``index`` (numpy indexing) of an array a probe reported, reported the same way."""
    piece = values(reported)[index]
    return {"shape": list(piece.shape), "value": piece.tolist()}


def assert_same_as_keys(learner, got, q, k, v, keys, what):
    """The masked result equals the learner's own unmasked attention over `keys` only."""
    alone = run_attention(learner, q, k[keys], v[keys])
    assert_array(got["output"], values(alone["output"]), f"{what}: the output")
    assert_array(part(got["weights"], (slice(None), keys)), values(alone["weights"]),
                 f"{what}: the weights of the allowed keys")


@points(2)
@task(4)
def test_attention_softmax_over_keys(learner):
    """Attention weights are a softmax over the keys (each row sums to 1); output = weights @ v."""
    q, k, v = normal(3, 3, 1), normal(4, 5, 1), normal(5, 5, 2)  # d = 1: no scale to get wrong
    check_attention(learner, q, k, v)


@points(2)
@task(4)
def test_attention_scaled_by_sqrt_d(learner):
    """Scores are q @ k^T divided by sqrt(d), the square root of the key dimension."""
    q, k, v = normal(6, 3, 16), normal(7, 4, 16), normal(8, 4, 3)
    check_attention(learner, q, k, v)


@task(4)
def test_attention_large_scores(learner):
    """Attention stays finite and exact when the scores are as large as 10**6."""
    q, k, v = normal(12, 3, 1, scale=1000.0), normal(13, 5, 1, scale=1000.0), normal(14, 5, 2)
    check_attention(learner, q, k, v, tol=1e-7)


@task(4)
def test_attention_batched(learner):
    """Attention works on batches (..., T, d): each batch item as if computed on its own."""
    q, k, v = normal(9, 2, 3, 4, 8), normal(10, 2, 3, 5, 8), normal(11, 2, 3, 5, 6)
    got = run_attention(learner, q, k, v)
    assert_shape(got["output"], (2, 3, 4, 6), "the output of a (2, 3) batch")
    assert_shape(got["weights"], (2, 3, 4, 5), "the weights of a (2, 3) batch")
    for item in ((0, 0), (1, 2)):
        alone = run_attention(learner, q[item], k[item], v[item])
        assert_array(part(got["output"], item), values(alone["output"]), f"batch item {item}")


@points(2)
@task(4)
def test_attention_padding_mask(learner):
    """Padded keys get weight exactly 0: attending with the mask equals dropping those keys."""
    q, k, v = normal(15, 2, 3, 4), normal(16, 2, 5, 4), normal(17, 2, 5, 3)
    for lengths in ([5, 2], [3, 1]):  # the second pads every sequence: keys 3, 4 always masked
        mask = (np.arange(5) < np.array(lengths)[:, None])[:, None, :]  # (B, 1, T_k)
        got = run_attention(learner, q, k, v, mask)
        assert_shape(got["weights"], (2, 3, 5), "the weights")
        assert_rows_normalised(got, mask, f"the weights for the lengths {lengths}")
        for b, length in enumerate(lengths):
            item = {name: part(got[name], b) for name in ("output", "weights")}
            assert_same_as_keys(learner, item, q[b], k[b], v[b], list(range(length)),
                                f"sequence {b} of length {length} of {lengths}")


@points(2)
@task(4)
def test_attention_mask_beats_large_scores(learner):
    """A masked key gets weight exactly 0 even when its score is far above the others."""
    q = np.full((3, 4), 10.0)
    k = np.vstack([normal(18, 3, 4), np.full((2, 4), 1000.0)])  # the masked keys score 20000
    v = normal(19, 5, 2)
    mask = np.array([True, True, True, False, False])
    got = run_attention(learner, q, k, v, mask)
    assert_rows_normalised(got, mask)
    assert_same_as_keys(learner, got, q, k, v, [0, 1, 2], "keys 3 and 4 masked")


@points(2)
@task(4)
def test_attention_fully_masked_row(learner):
    """A query that may attend nowhere gets zero weights and a zero output, never NaN."""
    q, k, v = normal(20, 3, 4), normal(21, 4, 4), normal(22, 4, 2)
    mask = np.array([[True, False, True, True], [False] * 4, [True, True, False, False]])
    got = run_attention(learner, q, k, v, mask)
    for name in ("weights", "output"):
        assert not np.isnan(values(got[name])).any(), f"the {name} contain NaN"
        assert (values(got[name])[1] == 0.0).all(), f"the {name} of the fully masked row are not 0"
    assert_rows_normalised(got, mask)


@points(2)
@task(4)
def test_attention_causal_ignores_future(learner):
    """Under a causal mask, changing later keys and values leaves earlier outputs unchanged."""
    q, k, v = normal(23, 5, 4), normal(24, 5, 4), normal(25, 5, 3)
    mask = np.tril(np.ones((5, 5), dtype=bool))
    first = run_attention(learner, q, k, v, mask)
    assert_rows_normalised(first, mask)
    k2, v2 = k.copy(), v.copy()
    k2[3:], v2[3:] = normal(26, 2, 4, scale=50.0), normal(27, 2, 3, scale=50.0)
    second = run_attention(learner, q, k2, v2, mask)
    assert np.array_equal(values(first["output"])[:3], values(second["output"])[:3]), (
        "the outputs at positions 0..2 changed when only positions 3 and 4 did")


# ---------------------------------------------------------------- task 5: multi_head_attention


def mha_case(seed, length, d_model):
    x = normal(seed, length, d_model)
    weights = [normal(seed + i, d_model, d_model, scale=0.5) for i in range(1, 5)]
    return x, weights


def own_heads(learner, x, weights, num_heads, mask=None):
    """The learner's own attention applied head by head to column blocks, joined here."""
    w_q, w_k, w_v, w_o = weights
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    size = x.shape[1] // num_heads
    blocks = [slice(h * size, (h + 1) * size) for h in range(num_heads)]
    heads = [values(run_attention(learner, q[:, c], k[:, c], v[:, c], mask)["output"])
             for c in blocks]
    return np.concatenate(heads, axis=1) @ w_o


def assert_mha(learner, got, x, weights, num_heads, mask=None):
    """Heads one by one with the correct attention, or with the learner's own attention (so a
    mistake of task 4 is not counted twice)."""
    assert "raised" not in got, f"{num_heads} heads on d_model {x.shape[1]} raised {got['raised']}"
    want = ref_mha(x, *weights, num_heads, mask)
    if tuple(got["shape"]) == want.shape and np.allclose(values(got), want, rtol=1e-9, atol=1e-9):
        return
    assert_array(got, own_heads(learner, x, weights, num_heads, mask),
                 f"the output for {num_heads} heads of a {x.shape} input")


@points(2)
@task(5)
def test_mha_matches_heads_one_by_one(learner):
    """Multi-head attention equals each head's attention on its columns, joined, then @ w_o."""
    for num_heads, (x, weights) in ((4, mha_case(30, 6, 8)), (1, mha_case(40, 3, 4)),
                                    (2, mha_case(50, 5, 6))):
        assert_mha(learner, run_mha(learner, x, weights, num_heads), x, weights, num_heads)


@points(2)
@task(5)
def test_mha_heads_are_column_blocks(learner):
    """Head h works on columns h*d_head..(h+1)*d_head: a head with zero queries averages."""
    x = normal(60, 4, 4)
    w_q = np.diag([1.0, 1.0, 0.0, 0.0]) * 3.0  # head 1 has zero queries: uniform weights
    weights = [w_q, np.eye(4), np.eye(4), np.eye(4)]
    got = run_mha(learner, x, weights, 2)
    assert "raised" not in got, f"2 heads on d_model 4 raised {got['raised']}"
    assert_shape(got, (4, 4), "the output")
    assert np.allclose(values(got)[:, 2:], x[:, 2:].mean(axis=0)), (
        "the second head (columns 2 and 3) should average every position's columns 2 and 3")
    assert_mha(learner, got, x, weights, 2)


@task(5)
def test_mha_mask_applies_to_every_head(learner):
    """With a causal mask, no head lets a position see later ones."""
    x, weights = mha_case(70, 5, 8)
    mask = np.tril(np.ones((5, 5), dtype=bool))
    got = run_mha(learner, x, weights, 4, mask)
    assert_mha(learner, got, x, weights, 4, mask)
    later = x.copy()
    later[3:] = normal(71, 2, 8, scale=20.0)
    changed = run_mha(learner, later, weights, 4, mask)
    assert np.array_equal(values(got)[:3], values(changed)[:3]), (
        "the outputs at positions 0..2 changed when only positions 3 and 4 did")


@task(5)
def test_mha_heads_must_divide_d_model(learner):
    """multi_head_attention raises ValueError when num_heads does not divide d_model."""
    x, weights = mha_case(80, 3, 6)
    got = run_mha(learner, x, weights, 4)
    assert got == {"raised": "ValueError"}, "4 heads cannot split d_model = 6 evenly"


# ---------------------------------------------------------------- task 6: positional_encoding


def ref_pe(length, d_model):
    pe = np.zeros((length, d_model))
    for pos in range(length):
        for j in range(d_model):
            angle = pos / 10000 ** ((j - j % 2) / d_model)
            pe[pos, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return pe


@points(2)
@task(6)
def test_pe_matches_formula(learner):
    """positional_encoding(50, 16) follows sin(pos / 10000**(2i/d)) and cos(...) column by column."""
    got = learner.run(probe_pe, 50, 16)
    assert_array(got, ref_pe(50, 16), "positional_encoding(50, 16)")


@task(6)
def test_pe_sine_then_cosine(learner):
    """Even columns hold sines and odd columns cosines: row 0 is [0, 1, 0, 1, ...]."""
    got = values(learner.run(probe_pe, 3, 8))
    assert np.allclose(got[0], [0, 1] * 4), f"row 0 is {got[0].tolist()}"
    assert np.isclose(got[1, 0], math.sin(1)) and np.isclose(got[1, 1], math.cos(1)), (
        f"row 1 starts with {got[1, :2].tolist()}")


@points(2)
@task(6)
def test_pe_pairs_share_frequency(learner):
    """Columns 2i and 2i+1 share one frequency, so PE[p, 2i]**2 + PE[p, 2i+1]**2 == 1."""
    got = values(learner.run(probe_pe, 40, 12))
    assert np.allclose(got[:, 0::2] ** 2 + got[:, 1::2] ** 2, 1.0), (
        "a sine column and the cosine after it do not use the same angle")


@task(6)
def test_pe_odd_d_model(learner):
    """An odd d_model gives that many columns, the last one a sine."""
    got = learner.run(probe_pe, 10, 7)
    assert_array(got, ref_pe(10, 7), "positional_encoding(10, 7)")
