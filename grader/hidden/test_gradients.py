"""Hidden tests for the `gradients` kata: a stable sigmoid and its derivative, the chain rule
through stacked sigmoid and residual layers, and gradient clipping by value and by global norm.

Derivatives are checked against central finite differences computed here, in the grader's
process, from ``math`` (never from the learner's own functions). The concepts have their own
checks: no overflow warning at |x| = 1000, vanishing with depth against not vanishing with a
residual path, one coefficient for all gradients, no clipping (and no scaling up) below the
maximum, the caller's arrays left alone.
"""

from __future__ import annotations

import math

import numpy as np

from grader.hidden._arrays import assert_array, assert_shape, values
from grader.markers import points, task

# ---------------------------------------------------------------- probes


def probe_elementwise(m, func, x, args):
    """getattr(m, func)(x, *args) for a list (as an array) or a number, and numpy's warnings."""
    import warnings

    import numpy as np

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = getattr(m, func)(np.array(x, dtype=float) if isinstance(x, list) else x, *args)
    out = np.asarray(out)
    return {"shape": list(out.shape), "dtype": str(out.dtype), "value": out.tolist(),
            "warnings": [str(w.message) for w in caught]}


def probe_depths(m, func, x, depths):
    """getattr(m, func)(x, depth) as a float for each depth."""
    return [float(getattr(m, func)(x, depth)) for depth in depths]


def probe_clip(m, func, grads, limit):
    import numpy as np

    arrays = [np.array(g, dtype=float) for g in grads]
    result = getattr(m, func)(arrays, limit)
    clipped, total = result if func == "clip_by_global_norm" else (result, None)
    out = [np.asarray(a) for a in clipped]
    return {"type": type(clipped).__name__,
            "arrays": [{"shape": list(a.shape), "value": a.tolist()} for a in out],
            "total": None if total is None else float(total),
            "inputs_after": [a.tolist() for a in arrays]}


# ---------------------------------------------------------------- references (grader side)


def exact_sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def sigmoid_stack(x, depth):
    for _ in range(depth):
        x = exact_sigmoid(x)
    return x


def residual_stack(x, depth):
    for _ in range(depth):
        x = x + exact_sigmoid(x)
    return x


def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def run(learner, func, x, *args):
    return learner.run(probe_elementwise, func, x, list(args))


def assert_no_overflow(got, what):
    noisy = [w for w in got["warnings"] if "overflow" in w or "invalid" in w]
    assert not noisy, f"{what} warned: {noisy[0]}"


GRID = [round(-12 + 0.75 * i, 2) for i in range(33)]


# ---------------------------------------------------------------- task 1: sigmoid


@task(1)
def test_sigmoid_values(learner):
    """sigmoid(x) = 1 / (1 + exp(-x)) elementwise, within 1e-12."""
    x = [-30.0, -5.0, -1.0, 0.0, 0.3, 2.0, 7.5, 30.0]
    got = run(learner, "sigmoid", x)
    assert_array(got, [exact_sigmoid(v) for v in x], f"sigmoid({x})", tol=1e-12)


@points(2)
@task(1)
def test_sigmoid_large_inputs(learner):
    """sigmoid(-1000) is 0 and sigmoid(1000) is 1, with no overflow warning from numpy."""
    x = [-1000.0, -745.0, -50.0, 50.0, 800.0, 1000.0]
    got = run(learner, "sigmoid", x)
    assert_no_overflow(got, "sigmoid of ±1000")
    assert_array(got, [exact_sigmoid(v) for v in x], f"sigmoid({x})", tol=1e-12)


@task(1)
def test_sigmoid_shape_and_symmetry(learner):
    """sigmoid keeps the shape of its input, takes plain numbers, and s(-x) = 1 - s(x)."""
    x = np.linspace(-6, 6, 12).reshape(3, 4)
    got = run(learner, "sigmoid", x.tolist())
    assert_shape(got, (3, 4), "sigmoid of a (3, 4) array")
    mirrored = values(run(learner, "sigmoid", (-x).tolist()))
    assert np.allclose(values(got) + mirrored, 1.0, atol=1e-12), "s(x) + s(-x) is not 1"
    number = run(learner, "sigmoid", 0.0)
    assert number["shape"] == [] and number["value"] == 0.5, f"sigmoid(0.0) gave {number['value']}"


# ---------------------------------------------------------------- task 2: sigmoid_grad


@points(2)
@task(2)
def test_sigmoid_grad_finite_differences(learner):
    """sigmoid_grad agrees with a finite difference of the sigmoid, within 1e-6."""
    got = run(learner, "sigmoid_grad", GRID)
    assert_array(got, [central_difference(exact_sigmoid, x) for x in GRID],
                 "sigmoid_grad on [-12, 12]", tol=1e-6)


@task(2)
def test_sigmoid_grad_peak(learner):
    """sigmoid_grad is at most 0.25, and exactly 0.25 at 0."""
    got = values(run(learner, "sigmoid_grad", GRID))
    assert got.max() <= 0.25, f"sigmoid_grad reached {got.max()}"
    at_zero = values(run(learner, "sigmoid_grad", [0.0]))[0]
    assert at_zero == 0.25, f"sigmoid_grad(0) gave {at_zero}"


@task(2)
def test_sigmoid_grad_large_inputs(learner):
    """sigmoid_grad(±1000) is 0, not NaN, with no overflow warning."""
    got = run(learner, "sigmoid_grad", [-1000.0, 1000.0])
    assert_no_overflow(got, "sigmoid_grad of ±1000")
    assert_array(got, [0.0, 0.0], "sigmoid_grad([-1000, 1000])", tol=1e-300)


# ---------------------------------------------------------------- task 3: sigmoid_chain_grad


CHAIN_POINTS = [-2.0, 0.0, 0.5, 3.0]


@points(2)
@task(3)
def test_chain_grad_finite_differences(learner):
    """sigmoid_chain_grad equals a finite difference of the stacked sigmoids, within 1e-6."""
    for depth in (1, 2, 5):
        got = run(learner, "sigmoid_chain_grad", CHAIN_POINTS, depth)
        want = [central_difference(lambda v: sigmoid_stack(v, depth), x) for x in CHAIN_POINTS]
        assert_array(got, want, f"the gradient through {depth} sigmoid layers", tol=1e-6)


@task(3)
def test_chain_grad_depth_zero(learner):
    """With depth 0 there is no layer: the derivative of x by x is 1."""
    got = run(learner, "sigmoid_chain_grad", CHAIN_POINTS, 0)
    assert_array(got, [1.0] * len(CHAIN_POINTS), "the gradient through 0 layers")


@points(2)
@task(3)
def test_chain_grad_vanishes(learner):
    """Through more sigmoid layers the gradient shrinks, below 0.25**depth: it vanishes."""
    grads = learner.run(probe_depths, "sigmoid_chain_grad", 0.5, list(range(1, 21)))
    for depth, grad in enumerate(grads, start=1):
        assert 0 < grad <= 0.25 ** depth, f"through {depth} layers the gradient is {grad}"
    assert all(b < a for a, b in zip(grads, grads[1:])), "the gradient does not fall with depth"


@task(3)
def test_chain_grad_elementwise(learner):
    """sigmoid_chain_grad works elementwise on an array, with its shape."""
    x = np.linspace(-3, 3, 6).reshape(2, 3)
    got = run(learner, "sigmoid_chain_grad", x.tolist(), 3)
    want = [[central_difference(lambda v: sigmoid_stack(v, 3), float(v)) for v in row] for row in x]
    assert_array(got, want, "the gradient through 3 layers of a (2, 3) array", tol=1e-6)


# ---------------------------------------------------------------- task 4: residual_chain_grad


@points(2)
@task(4)
def test_residual_grad_finite_differences(learner):
    """residual_chain_grad equals a finite difference of the stacked h + sigmoid(h) layers."""
    for depth in (0, 1, 3, 6):
        got = run(learner, "residual_chain_grad", CHAIN_POINTS, depth)
        want = [central_difference(lambda v: residual_stack(v, depth), x) for x in CHAIN_POINTS]
        assert_array(got, want, f"the gradient through {depth} residual layers", tol=1e-6)


@points(2)
@task(4)
def test_residual_grad_does_not_vanish(learner):
    """Through residual layers the gradient stays at least 1 and grows with depth."""
    grads = learner.run(probe_depths, "residual_chain_grad", 0.5, list(range(31)))
    assert min(grads) >= 1.0, f"the gradient fell to {min(grads)} through residual layers"
    assert all(b >= a for a, b in zip(grads, grads[1:])), "the gradient falls with depth"


# ---------------------------------------------------------------- task 5: clip_by_value

GRADS = [[3.0, 4.0], [[12.0, 0.0], [0.0, 0.0]]]  # global norm 13


@points(2)
@task(5)
def test_clip_by_value_values(learner):
    """clip_by_value clips every element of every array into [-c, c] and keeps the shapes."""
    grads = [[-3.0, 0.5, 2.0], [[10.0, -0.1], [-7.0, 1.0]]]
    got = learner.run(probe_clip, "clip_by_value", grads, 1.0)
    assert got["type"] == "list", f"clip_by_value should return a list, not {got['type']}"
    for given, array in zip(grads, got["arrays"]):
        assert_array(array, np.clip(given, -1.0, 1.0), f"clip_by_value({given}, 1.0)")


@task(5)
def test_clip_by_value_leaves_input(learner):
    """clip_by_value returns new arrays and leaves the caller's gradients unchanged."""
    grads = [[-3.0, 0.5, 2.0], [[10.0, -0.1]]]
    got = learner.run(probe_clip, "clip_by_value", grads, 1.0)
    assert got["inputs_after"] == grads, "clip_by_value changed the caller's arrays"


# ---------------------------------------------------------------- task 6: clip_by_global_norm


def clip(learner, grads, max_norm):
    got = learner.run(probe_clip, "clip_by_global_norm", grads, max_norm)
    assert got["type"] == "list", f"the clipped gradients should be a list, not {got['type']}"
    assert len(got["arrays"]) == len(grads), "the clipped list has another length"
    return got


@task(6)
def test_global_norm_total(learner):
    """total_norm is the L2 norm of all gradients together: sqrt(9 + 16 + 144) = 13."""
    got = clip(learner, GRADS, 100.0)
    assert got["total"] is not None and math.isclose(got["total"], 13.0, rel_tol=1e-12), (
        f"total_norm for gradients [3, 4] and [[12, 0], [0, 0]] gave {got['total']}")


@points(2)
@task(6)
def test_global_norm_one_coefficient(learner):
    """Above max_norm every array is scaled by the same factor: the update keeps its direction."""
    got = clip(learner, GRADS, 1.0)
    coef = 1.0 / 13.0
    for given, array in zip(GRADS, got["arrays"]):
        assert_array(array, np.asarray(given) * coef, "a clipped gradient", tol=1e-6)


@points(2)
@task(6)
def test_global_norm_below_max_unchanged(learner):
    """When the norm is below max_norm the gradients come back unchanged, never scaled up."""
    for max_norm in (20.0, 1000.0):
        got = clip(learner, GRADS, max_norm)
        for given, array in zip(GRADS, got["arrays"]):
            assert_array(array, given, f"a gradient under max_norm = {max_norm}", tol=0.0)


@task(6)
def test_global_norm_coefficient_formula(learner):
    """The factor is max_norm / (total_norm + 1e-6), applied whenever it is below 1."""
    for max_norm in (13.0, 5.0):  # equal to the norm: the factor is still just below 1
        got = clip(learner, GRADS, max_norm)
        coef = max_norm / (13.0 + 1e-6)
        for given, array in zip(GRADS, got["arrays"]):
            assert_array(array, np.asarray(given) * coef, f"a gradient clipped to {max_norm}",
                         tol=1e-12)


@task(6)
def test_global_norm_zero_gradients(learner):
    """All-zero gradients stay zero with a total_norm of 0.0: no division by zero, no NaN."""
    zeros = [[0.0, 0.0], [[0.0]]]
    got = clip(learner, zeros, 1.0)
    assert got["total"] == 0.0, f"total_norm of zero gradients gave {got['total']}"
    for given, array in zip(zeros, got["arrays"]):
        assert_array(array, given, "a zero gradient", tol=0.0)


@task(6)
def test_global_norm_leaves_input(learner):
    """clip_by_global_norm returns new arrays and leaves the caller's gradients unchanged."""
    got = clip(learner, GRADS, 1.0)
    assert got["inputs_after"] == GRADS, "clip_by_global_norm changed the caller's arrays"
