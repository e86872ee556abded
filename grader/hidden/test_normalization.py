"""Hidden tests for the `normalization` kata: batch norm (forward, running statistics,
backward), layer norm, inverted dropout."""

from __future__ import annotations

import numpy as np

from grader.markers import points, task

RNG = np.random.default_rng(8)
X = (RNG.normal(size=(5, 3)) * [1.0, 4.0, 0.5] + [0.0, 10.0, -3.0]).tolist()
GAMMA, BETA = [1.5, -0.5, 2.0], [0.1, 0.2, -0.3]
RUN_MEAN, RUN_VAR = [0.5, 9.0, -2.0], [2.0, 10.0, 0.5]


def batch_stats(x, ddof=0):
    x = np.asarray(x)
    return x.mean(axis=0), x.var(axis=0, ddof=ddof)


def normalise(x, mean, var, gamma, beta, eps=1e-5):
    return np.asarray(gamma) * (np.asarray(x) - mean) / np.sqrt(np.asarray(var) + eps) + beta


def close(got, want, tol=1e-6):
    return np.shape(got) == np.shape(want) and bool(np.allclose(got, want, atol=tol, rtol=0))


# ---------------------------------------------------------------- task 1: batch_norm


def probe_batch_norm(m, x, gamma, beta, running_mean, running_var, training, kwargs):
    import numpy as np
    out, mean, var = m.batch_norm(np.array(x), np.array(gamma), np.array(beta),
                                  np.array(running_mean), np.array(running_var), training, **kwargs)
    out, mean, var = np.asarray(out), np.asarray(mean), np.asarray(var)
    return {"out": out.tolist(), "mean": mean.tolist(), "var": var.tolist(),
            "shapes": [tuple(out.shape), tuple(mean.shape), tuple(var.shape)]}


@task(1)
def test_batch_norm_shapes(learner):
    """batch_norm returns out (N, D) and running statistics of shape (D,)."""
    got = learner.run(probe_batch_norm, X, GAMMA, BETA, RUN_MEAN, RUN_VAR, True, {})
    assert got["shapes"] == [(5, 3), (3,), (3,)], f"shapes {got['shapes']}"


@points(2)
@task(1)
def test_batch_norm_training_biased_variance(learner):
    """Training normalises each feature with the batch mean and biased variance (divide by N)."""
    ones, zeros = [1.0] * 3, [0.0] * 3
    got = learner.run(probe_batch_norm, X, ones, zeros, RUN_MEAN, RUN_VAR, True, {})
    out = np.asarray(got["out"])
    assert close(out.mean(axis=0), zeros), "each feature of the output should have mean 0"
    assert close(out.var(axis=0), ones, 1e-3), (
        "each feature should have (biased) variance 1: divide by N, not N - 1")


@task(1)
def test_batch_norm_scale_and_shift(learner):
    """batch_norm applies gamma * x_hat + beta per feature."""
    got = learner.run(probe_batch_norm, X, GAMMA, BETA, RUN_MEAN, RUN_VAR, True, {})
    assert close(got["out"], normalise(X, *batch_stats(X), GAMMA, BETA), 1e-4)


@points(2)
@task(1)
def test_batch_norm_running_statistics(learner):
    """Training updates running stats as (1-m)*old + m*batch (m = 0.1 by default), unbiased var."""
    got = learner.run(probe_batch_norm, X, GAMMA, BETA, RUN_MEAN, RUN_VAR, True, {"momentum": 0.3})
    mean, _ = batch_stats(X)
    _, unbiased = batch_stats(X, ddof=1)
    assert close(got["mean"], 0.7 * np.asarray(RUN_MEAN) + 0.3 * mean), "running mean"
    assert close(got["var"], 0.7 * np.asarray(RUN_VAR) + 0.3 * unbiased), (
        "running variance: PyTorch updates it with the unbiased batch variance (N - 1)")
    got = learner.run(probe_batch_norm, X, GAMMA, BETA, RUN_MEAN, RUN_VAR, True, {})
    assert close(got["mean"], 0.9 * np.asarray(RUN_MEAN) + 0.1 * mean), "momentum defaults to 0.1"


@points(2)
@task(1)
def test_batch_norm_eval_uses_running_statistics(learner):
    """Eval mode normalises with the running statistics and returns them unchanged."""
    got = learner.run(probe_batch_norm, X, GAMMA, BETA, RUN_MEAN, RUN_VAR, False, {})
    assert close(got["out"], normalise(X, RUN_MEAN, RUN_VAR, GAMMA, BETA), 1e-4), (
        "eval mode must not use the batch's own statistics")
    assert close(got["mean"], RUN_MEAN, 0) and close(got["var"], RUN_VAR, 0)
    one = learner.run(probe_batch_norm, X[:1], GAMMA, BETA, RUN_MEAN, RUN_VAR, False, {})
    assert close(one["out"], got["out"][:1]), "in eval mode a sample's output ignores the batch"


@task(1)
def test_batch_norm_eps_under_the_root(learner):
    """eps is added to the variance under the square root; a constant feature gives beta."""
    x = [[1.0, 2.0], [3.0, 2.0], [5.0, 2.0]]
    got = learner.run(probe_batch_norm, x, [1.0, 1.0], [0.0, 0.5], [0.0, 0.0], [1.0, 1.0], True,
                      {"eps": 0.5})
    assert close(got["out"], normalise(x, *batch_stats(x), [1.0, 1.0], [0.0, 0.5], eps=0.5))


# ---------------------------------------------------------------- task 2: batch_norm_backward


def probe_backward(m, x, grad_out, gamma):
    import numpy as np
    dx, dgamma, dbeta = (np.asarray(a) for a in m.batch_norm_backward(
        np.array(x), np.array(grad_out), np.array(gamma)))
    return {"dx": dx.tolist(), "dgamma": dgamma.tolist(), "dbeta": dbeta.tolist(),
            "shapes": [tuple(dx.shape), tuple(dgamma.shape), tuple(dbeta.shape)]}


GRAD = RNG.normal(size=(5, 3)).tolist()


def numeric_gradients(x, grad_out, gamma, beta, h=1e-5):
    """Central differences of sum(grad_out * batch_norm(x)) in training mode."""
    x, g = np.asarray(x), np.asarray(grad_out)

    def loss(x_, gamma_, beta_):
        return float(np.sum(g * normalise(x_, *batch_stats(x_), gamma_, beta_)))

    grads = []
    for which in range(3):
        args = [x.copy(), np.array(gamma, dtype=float), np.array(beta, dtype=float)]
        grad = np.zeros_like(args[which])
        for index in np.ndindex(*grad.shape):
            plus = [a.copy() for a in args]
            minus = [a.copy() for a in args]
            plus[which][index] += h
            minus[which][index] -= h
            grad[index] = (loss(*plus) - loss(*minus)) / (2 * h)
        grads.append(grad)
    return grads


@task(2)
def test_backward_shapes(learner):
    """batch_norm_backward returns dx (N, D), dgamma (D,) and dbeta (D,)."""
    got = learner.run(probe_backward, X, GRAD, GAMMA)
    assert got["shapes"] == [(5, 3), (3,), (3,)], f"shapes {got['shapes']}"


@task(2)
def test_backward_dgamma_dbeta(learner):
    """dbeta is the sum of grad_out over the batch and dgamma the sum of grad_out * x_hat."""
    got = learner.run(probe_backward, X, GRAD, GAMMA)
    _, dgamma, dbeta = numeric_gradients(X, GRAD, GAMMA, BETA)
    assert close(got["dbeta"], dbeta, 1e-5) and close(got["dgamma"], dgamma, 1e-5)


@points(2)
@task(2)
def test_backward_dx_finite_differences(learner):
    """dx agrees with finite differences: the batch mean and variance depend on x too."""
    got = learner.run(probe_backward, X, GRAD, GAMMA)
    dx, _, _ = numeric_gradients(X, GRAD, GAMMA, BETA)
    assert close(got["dx"], dx, 1e-5), "dx is off: are the mean and variance treated as constants?"


@task(2)
def test_backward_dx_columns_sum_to_zero(learner):
    """Each column of dx sums to 0: shifting a whole feature does not change batch norm's output."""
    got = learner.run(probe_backward, X, np.ones((5, 3)).tolist(), GAMMA)
    assert close(np.sum(got["dx"], axis=0), [0.0] * 3, 1e-9)
    assert close(got["dx"], np.zeros((5, 3)), 1e-9), "a constant grad_out gives dx = 0"


# ---------------------------------------------------------------- task 3: layer_norm


def probe_layer_norm(m, x, gamma, beta, kwargs):
    import numpy as np
    out = np.asarray(m.layer_norm(np.array(x), np.array(gamma), np.array(beta), **kwargs))
    return {"out": out.tolist(), "shape": tuple(out.shape)}


def reference_layer_norm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x)
    mean, var = x.mean(axis=-1, keepdims=True), x.var(axis=-1, keepdims=True)
    return np.asarray(gamma) * (x - mean) / np.sqrt(var + eps) + beta


@points(2)
@task(3)
def test_layer_norm_normalises_each_row(learner):
    """layer_norm normalises each row over its features: every row has mean 0 and variance 1."""
    got = learner.run(probe_layer_norm, X, [1.0] * 3, [0.0] * 3, {})
    out = np.asarray(got["out"])
    assert got["shape"] == (5, 3), f"shape {got['shape']}"
    assert close(out.mean(axis=1), [0.0] * 5), "normalise over the last axis (a sample's features)"
    assert close(out.var(axis=1), [1.0] * 5, 1e-3), "use the biased variance (divide by D)"


@task(3)
def test_layer_norm_scale_and_shift(learner):
    """layer_norm applies gamma * x_hat + beta, gamma and beta per feature."""
    got = learner.run(probe_layer_norm, X, GAMMA, BETA, {})
    assert close(got["out"], reference_layer_norm(X, GAMMA, BETA))


@points(2)
@task(3)
def test_layer_norm_ignores_the_batch(learner):
    """A row's layer norm is the same alone as in a batch: no statistics across samples."""
    batch = learner.run(probe_layer_norm, X, GAMMA, BETA, {})["out"]
    alone = learner.run(probe_layer_norm, X[2:3], GAMMA, BETA, {})["out"]
    assert close(alone, batch[2:3]), "the output of one row changed with the other rows"


@task(3)
def test_layer_norm_eps(learner):
    """eps goes under the square root, and a constant row gives beta."""
    got = learner.run(probe_layer_norm, [[1.0, 3.0, 5.0], [2.0, 2.0, 2.0]], [1.0] * 3, BETA,
                      {"eps": 0.5})
    assert close(got["out"], reference_layer_norm([[1.0, 3.0, 5.0], [2.0, 2.0, 2.0]], [1.0] * 3,
                                                  BETA, eps=0.5))


# ---------------------------------------------------------------- task 4: dropout


def probe_dropout(m, x, p, training, seeds):
    import numpy as np
    runs = []
    for seed in seeds:
        out, mask = m.dropout(np.array(x, dtype=float), p, training, np.random.default_rng(seed))
        out, mask = np.asarray(out), np.asarray(mask)
        runs.append({"out": out.tolist(), "mask": mask.tolist(), "dtype": str(mask.dtype),
                     "shapes": [tuple(out.shape), tuple(mask.shape)]})
    return runs


def probe_dropout_statistics(m, x, p, seeds):
    """Over many seeds: the share of elements kept, and the mean output per element."""
    import numpy as np
    x = np.array(x, dtype=float)
    kept, total = 0, np.zeros(x.shape)
    for seed in range(seeds):
        out, mask = m.dropout(x, p, True, np.random.default_rng(seed))
        kept += int(np.count_nonzero(np.asarray(mask)))
        total += np.asarray(out, dtype=float)
    return {"kept": kept / (seeds * x.size), "mean": (total / seeds).tolist()}


XD = [[1.0, -2.0, 3.0, 4.0], [0.5, 6.0, -1.0, 2.0]]


@task(4)
def test_dropout_eval_is_identity(learner):
    """Not training, dropout returns x unchanged and an all-True boolean mask."""
    (got,) = learner.run(probe_dropout, XD, 0.5, False, [0])
    assert got["out"] == XD and got["mask"] == [[True] * 4] * 2 and got["dtype"] == "bool"


@points(2)
@task(4)
def test_dropout_rescales_the_kept(learner):
    """Training, out = x * mask / (1 - p): dropped elements are exactly 0, kept ones scaled up."""
    runs = learner.run(probe_dropout, XD, 0.25, True, list(range(10)))
    for got in runs:
        assert got["dtype"] == "bool" and got["shapes"] == [(2, 4), (2, 4)], "mask: booleans like x"
        want = np.asarray(XD) * np.asarray(got["mask"]) / 0.75
        assert close(got["out"], want, 1e-12), "out should be x * mask / (1 - p)"


@points(2)
@task(4)
def test_dropout_keeps_the_expected_value(learner):
    """Averaged over 500 seeds, dropout's output is x (within 0.7, over 10 standard errors)."""
    got = learner.run(probe_dropout_statistics, np.tile(XD, (4, 4)).tolist(), 0.4, 500)
    x = np.asarray(XD)
    mean = np.asarray(got["mean"]).reshape(4, 2, 4, 4).mean(axis=(0, 2))  # the 16 copies of XD
    ratio = float(np.sum(x * mean) / np.sum(x * x))  # 1 for inverted dropout, 1 - p without
    assert abs(ratio - 1) < 0.08 and close(mean, x, 0.7), (
        f"the mean output is {ratio:.2f} times x: the kept elements must be divided by 1 - p")


@points(2)
@task(4)
def test_dropout_keep_rate(learner):
    """Over 500 seeds of 128 elements, the share of True in the mask is 1 - p (within 0.02)."""
    for p in (0.1, 0.6):
        got = learner.run(probe_dropout_statistics, np.tile(XD, (4, 4)).tolist(), p, 500)
        assert abs(got["kept"] - (1 - p)) < 0.02, (
            f"p={p}: {got['kept']:.3f} of the mask is True; True marks the kept elements")


@task(4)
def test_dropout_uses_rng(learner):
    """dropout draws from the rng it is given: the same seed gives the same mask, others differ."""
    runs = learner.run(probe_dropout, np.ones((8, 8)).tolist(), 0.5, True, [3, 3, 4, 5])
    masks = [run["mask"] for run in runs]
    assert masks[0] == masks[1], "the same seed gave different masks: use rng, not np.random"
    assert masks[0] != masks[2] or masks[0] != masks[3], "different seeds gave the same mask"


@task(4)
def test_dropout_p_zero(learner):
    """With p = 0 in training nothing is dropped: out equals x and the mask is all True."""
    (got,) = learner.run(probe_dropout, XD, 0.0, True, [1])
    assert close(got["out"], XD, 1e-12) and got["mask"] == [[True] * 4] * 2
