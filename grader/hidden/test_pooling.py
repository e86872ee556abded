"""Hidden tests for the `pooling` kata: max and average pooling, their gradients, upsampling."""

from __future__ import annotations

import numpy as np

from grader.markers import points, task


def probe_call(m, function, x, *args):
    import numpy as np
    out = np.asarray(getattr(m, function)(np.array(x), *args))
    return {"shape": tuple(out.shape), "dtype": str(out.dtype), "values": out.tolist()}


def probe_backward(m, function, x, grad_out, kernel, stride):
    import numpy as np
    out = np.asarray(getattr(m, function)(np.array(x, dtype=float), np.array(grad_out, dtype=float),
                                          kernel, stride))
    return {"shape": tuple(out.shape), "values": out.tolist()}


def probe_finite_differences(m, kind, x, grad_out, kernel, stride):
    """The learner's gradient next to central differences of sum(grad_out * pool(x))."""
    import numpy as np
    x, grad_out = np.array(x, dtype=float), np.array(grad_out, dtype=float)
    pool, shape = getattr(m, f"{kind}_pool2d"), x.shape
    numeric = np.zeros(shape)
    for index in np.ndindex(*shape):
        step = np.zeros(shape)
        step[index] = 1e-4
        numeric[index] = (np.sum(grad_out * pool(x + step, kernel, stride))
                          - np.sum(grad_out * pool(x - step, kernel, stride))) / 2e-4
    analytic = np.asarray(getattr(m, f"{kind}_pool2d_backward")(x, grad_out, kernel, stride))
    return {"analytic": analytic.tolist(), "numeric": numeric.tolist()}


def gradient_case(shape, kernel, stride, seed):
    """Distinct inputs (no ties) and a random output gradient, as lists."""
    rng = np.random.default_rng(seed)
    x = rng.permutation(int(np.prod(shape))).reshape(shape) * 0.1
    out_shape = tuple((n - kernel) // stride + 1 for n in shape)
    return x.tolist(), rng.normal(size=out_shape).tolist(), kernel, stride


X44 = [[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 2], [3, 6, 2, 1]]

# ---------------------------------------------------------------- task 1: max_pool2d


@task(1)
def test_max_pool_2x2(learner):
    """max_pool2d(x, 2, 2) of a 4x4 input is the 2x2 array of its block maxima."""
    got = learner.run(probe_call, "max_pool2d", X44, 2, 2)
    assert got["shape"] == (2, 2) and got["values"] == [[4, 5], [6, 7]], f"got {got['values']}"


@points(2)
@task(1)
def test_max_pool_overlap_and_leftover(learner):
    """max_pool2d with stride 2 and kernel 3 overlaps windows and drops the rows that do not fit."""
    x = np.arange(35).reshape(5, 7) % 11
    got = learner.run(probe_call, "max_pool2d", x.tolist(), 3, 2)
    want = [[max(x[i:i + 3, j:j + 3].ravel()) for j in (0, 2, 4)] for i in (0, 2)]
    assert got["shape"] == (2, 3), f"shape {got['shape']}: (H - kernel) // stride + 1 per axis"
    assert got["values"] == want


@task(1)
def test_max_pool_negative_values(learner):
    """max_pool2d of negative inputs is their (negative) maximum, not 0."""
    got = learner.run(probe_call, "max_pool2d", [[-5, -2], [-3, -4]], 2, 2)
    assert got["values"] == [[-2]], "a running maximum must not start at 0"


# ---------------------------------------------------------------- task 2: max_pool2d_backward


@points(2)
@task(2)
def test_max_backward_routes_to_the_max(learner):
    """max_pool2d_backward sends each window's gradient to its maximum and exactly 0 elsewhere."""
    got = learner.run(probe_backward, "max_pool2d_backward", X44, [[1.0, 2.0], [3.0, 4.0]], 2, 2)
    assert got["shape"] == (4, 4), "the gradient has the shape of x"
    assert got["values"] == [[0, 0, 0, 0], [1, 0, 0, 2], [0, 0, 4, 0], [0, 3, 0, 0]]
    x = np.zeros((3, 6))
    x[2, 5], x[1, 1] = 5.0, 3.0  # the maxima of the two 3x3 windows, 3 apart
    got = learner.run(probe_backward, "max_pool2d_backward", x.tolist(), [[1.0, 2.0]], 3, 3)
    want = np.zeros((3, 6))
    want[2, 5], want[1, 1] = 2.0, 1.0
    assert got["values"] == want.tolist(), f"got {got['values']}"


@task(2)
def test_max_backward_ties_first_max(learner):
    """With tied maxima the whole gradient goes to the first one in row-major order."""
    got = learner.run(probe_backward, "max_pool2d_backward", [[2, 1], [2, 2]], [[6.0]], 2, 2)
    assert got["values"] == [[6, 0], [0, 0]], f"got {got['values']}"


@points(2)
@task(2)
def test_max_backward_overlaps_add(learner):
    """Where windows overlap, the gradients sent to a shared maximum add up."""
    x = [[0, 0, 0], [0, 9, 0], [0, 0, 0]]
    got = learner.run(probe_backward, "max_pool2d_backward", x, [[1.0, 2.0], [3.0, 4.0]], 2, 1)
    assert got["values"] == [[0, 0, 0], [0, 10, 0], [0, 0, 0]], f"got {got['values']}"


@task(2)
def test_max_backward_finite_differences(learner):
    """max_pool2d_backward agrees with finite differences of max_pool2d."""
    got = learner.run(probe_finite_differences, "max", *gradient_case((5, 6), 3, 2, 1))
    assert np.allclose(got["analytic"], got["numeric"], atol=1e-6)


# ---------------------------------------------------------------- task 3: avg_pool2d


@task(3)
def test_avg_pool_means(learner):
    """avg_pool2d(x, 2, 2) of a 4x4 input is the float mean of each 2x2 block."""
    got = learner.run(probe_call, "avg_pool2d", X44, 2, 2)
    assert got["dtype"].startswith("float"), f"dtype {got['dtype']}: a mean is a float"
    assert got["shape"] == (2, 2) and np.allclose(got["values"], [[2.5, 2.0], [2.5, 3.0]])


@task(3)
def test_avg_pool_stride(learner):
    """avg_pool2d with kernel 2 and stride 1 gives overlapping windows, (H-1) x (W-1) of them."""
    got = learner.run(probe_call, "avg_pool2d", [[1, 2, 3], [4, 5, 6]], 2, 1)
    assert got["shape"] == (1, 2) and np.allclose(got["values"], [[3.0, 4.0]])


# ---------------------------------------------------------------- task 4: avg_pool2d_backward


@points(2)
@task(4)
def test_avg_backward_spreads_evenly(learner):
    """avg_pool2d_backward gives each input of a window grad / kernel**2."""
    got = learner.run(probe_backward, "avg_pool2d_backward", np.zeros((4, 4)).tolist(),
                      [[4.0, 8.0], [12.0, 16.0]], 2, 2)
    assert got["shape"] == (4, 4)
    assert np.allclose(got["values"], [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]])


@task(4)
def test_avg_backward_overlaps_add(learner):
    """Overlapping average windows add their shares; inputs in no window get 0."""
    got = learner.run(probe_backward, "avg_pool2d_backward", np.zeros((4, 6)).tolist(),
                      [[9.0, 18.0]], 3, 2)
    assert np.allclose(got["values"], [[1, 1, 3, 2, 2, 0]] * 3 + [[0] * 6]), got["values"]
    got = learner.run(probe_backward, "avg_pool2d_backward", np.zeros((3, 4)).tolist(),
                      [[4.0, 8.0, 4.0], [0.0, 4.0, 0.0]], 2, 1)
    assert np.allclose(got["values"], [[1, 3, 3, 1], [1, 4, 4, 1], [0, 1, 1, 0]]), got["values"]


@task(4)
def test_avg_backward_finite_differences(learner):
    """avg_pool2d_backward agrees with finite differences of avg_pool2d (stride 2, kernel 3)."""
    got = learner.run(probe_finite_differences, "avg", *gradient_case((7, 5), 3, 2, 2))
    assert np.allclose(got["analytic"], got["numeric"], atol=1e-6)


# ---------------------------------------------------------------- task 5: upsample_nearest


@points(2)
@task(5)
def test_nearest_repeats_each_pixel(learner):
    """upsample_nearest(x, 2) turns each pixel into a 2x2 block of copies."""
    got = learner.run(probe_call, "upsample_nearest", [[1, 2], [3, 4]], 2)
    assert got["values"] == [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]], got["values"]


@task(5)
def test_nearest_shapes(learner):
    """upsample_nearest gives shape (H * scale, W * scale), and scale 1 changes nothing."""
    got = learner.run(probe_call, "upsample_nearest", [[1, 2, 3]], 3)
    assert got["shape"] == (3, 9) and got["values"][2] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert learner.run(probe_call, "upsample_nearest", X44, 1)["values"] == X44


# ---------------------------------------------------------------- task 6: upsample_bilinear


def reference_bilinear(x, size, align_corners):
    """torch.nn.functional.interpolate(mode="bilinear") written out, one output pixel at a time."""
    x = np.asarray(x, dtype=float)

    def source(i, n_in, n_out):
        if align_corners:
            src = i * (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
        else:
            src = max((i + 0.5) * n_in / n_out - 0.5, 0.0)
        low = int(src)
        return low, min(low + 1, n_in - 1), src - low

    out = np.zeros(size)
    for i in range(size[0]):
        r0, r1, a = source(i, x.shape[0], size[0])
        for j in range(size[1]):
            c0, c1, b = source(j, x.shape[1], size[1])
            out[i, j] = ((1 - a) * ((1 - b) * x[r0, c0] + b * x[r0, c1])
                         + a * ((1 - b) * x[r1, c0] + b * x[r1, c1]))
    return out


def assert_bilinear(got, x, size, align_corners):
    want = reference_bilinear(x, size, align_corners)
    assert got["shape"] == tuple(size), f"shape {got['shape']}, expected {tuple(size)}"
    assert np.allclose(got["values"], want, atol=1e-9), "values differ from PyTorch's bilinear"


RAMP = [[0, 1, 4, 9], [2, 3, 5, 7], [8, 6, 4, 2]]


@points(2)
@task(6)
def test_bilinear_align_corners_true(learner):
    """align_corners=True lines up the corner pixels: 2x2 to 3x3 keeps corners, averages midpoints."""
    got = learner.run(probe_call, "upsample_bilinear", [[0, 2], [4, 6]], (3, 3), True)
    assert np.allclose(got["values"], [[0, 1, 2], [2, 3, 4], [4, 5, 6]]), got["values"]
    got = learner.run(probe_call, "upsample_bilinear", RAMP, (5, 7), True)
    assert_bilinear(got, RAMP, (5, 7), True)


@points(2)
@task(6)
def test_bilinear_align_corners_false(learner):
    """With align_corners=False pixel areas line up (half-pixel centres, clamped at the border)."""
    got = learner.run(probe_call, "upsample_bilinear", [[0, 4]], (1, 4), False)
    assert np.allclose(got["values"], [[0, 1, 3, 4]]), got["values"]
    got = learner.run(probe_call, "upsample_bilinear", RAMP, (5, 7), False)
    assert_bilinear(got, RAMP, (5, 7), False)


@task(6)
def test_bilinear_downsample(learner):
    """upsample_bilinear also shrinks: 3x4 to 2x3, both corner conventions, as in PyTorch."""
    for align in (True, False):
        assert_bilinear(learner.run(probe_call, "upsample_bilinear", RAMP, (2, 3), align), RAMP,
                        (2, 3), align)


@task(6)
def test_bilinear_single_pixel(learner):
    """A 1x1 output is the top-left pixel with align_corners=True and the centre with False."""
    got = learner.run(probe_call, "upsample_bilinear", RAMP, (1, 1), True)
    assert np.allclose(got["values"], [[0.0]]), got["values"]
    nine = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    got = learner.run(probe_call, "upsample_bilinear", nine, (1, 1), False)
    assert np.allclose(got["values"], [[5.0]]), got["values"]
