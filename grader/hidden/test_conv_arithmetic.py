"""Hidden tests for the `conv_arithmetic` kata: output sizes, receptive fields, conv2d."""

from __future__ import annotations

import numpy as np

from grader.markers import points, task


def probe_sizes(m, function, calls):
    """Call m.<function>(*args, **kwargs) for each [args, kwargs]; report value and type."""
    out = []
    for args, kwargs in calls:
        value = getattr(m, function)(*args, **kwargs)
        out.append([int(value), type(value).__name__])
    return out


def values(got):
    return [value for value, _ in got]


# ---------------------------------------------------------------- task 1: conv_output_size


@task(1)
def test_conv_size_common_layers(learner):
    """conv_output_size gives 32 for a 3x3 'same' conv on 32 and 112 for ResNet's 7x7/2 stem."""
    got = learner.run(probe_sizes, "conv_output_size",
                      [[[32, 3], {"padding": 1}], [[224, 7, 2, 3], {}], [[5, 3], {}]])
    assert values(got) == [32, 112, 3]
    assert {kind for _, kind in got} == {"int"}, "a size is an int, not a float"


@points(2)
@task(1)
def test_conv_size_rounds_down(learner):
    """With a stride, the last window that does not fit is dropped: the division rounds down."""
    got = learner.run(probe_sizes, "conv_output_size",
                      [[[6, 3, 2], {}], [[8, 3, 2, 0], {}], [[7, 3, 3, 1], {}]])
    assert values(got) == [2, 3, 3], f"got {values(got)}"


@points(2)
@task(1)
def test_conv_size_dilation(learner):
    """Dilation widens the kernel to dilation*(kernel-1)+1 positions in conv_output_size."""
    got = learner.run(probe_sizes, "conv_output_size",
                      [[[10, 3], {"dilation": 2}], [[32, 3, 1, 2, 2], {}], [[15, 3, 2, 0, 3], {}]])
    assert values(got) == [6, 32, 5], f"got {values(got)}"


# ---------------------------------------------------------------- task 2: pool_output_size


@task(2)
def test_pool_size_stride_defaults_to_kernel(learner):
    """pool_output_size's stride defaults to the kernel: a 2x2 pool halves 32 to 16."""
    got = learner.run(probe_sizes, "pool_output_size",
                      [[[32, 2], {}], [[7, 2], {}], [[9, 3], {"padding": 1}], [[9, 3, 1], {}],
                       [[8, 3, 1, 1], {}]])
    assert values(got) == [16, 3, 3, 7, 8], f"got {values(got)}"
    assert {kind for _, kind in got} == {"int"}


@task(2)
def test_pool_size_ceil_mode(learner):
    """ceil_mode=True rounds the division up: a 2x2 pool over 7 gives 4 windows."""
    got = learner.run(probe_sizes, "pool_output_size",
                      [[[7, 2], {"ceil_mode": True}], [[6, 3, 2], {"ceil_mode": True}],
                       [[8, 2], {"ceil_mode": True}]])
    assert values(got) == [4, 3, 4], f"got {values(got)}"


@points(2)
@task(2)
def test_pool_size_ceil_mode_last_window_rule(learner):
    """In ceil_mode a window that would start in the right padding is dropped, as in PyTorch."""
    got = learner.run(probe_sizes, "pool_output_size",
                      [[[3, 2, 2, 1, True], {}], [[5, 2, 2, 1, True], {}],
                       [[10, 3, 3, 1, True], {}], [[4, 2, 3, 1, True], {}],
                       [[6, 4, 2, 2, True], {}]])
    assert values(got) == [2, 3, 4, 2, 4], (
        f"got {values(got)}: the last window must start inside the input or the left padding")


# ------------------------------------------------------- task 3: transposed_conv_output_size


@task(3)
def test_transposed_size(learner):
    """transposed_conv_output_size(16, 4, stride=2, padding=1) doubles 16 to 32, as decoders do."""
    got = learner.run(probe_sizes, "transposed_conv_output_size",
                      [[[16, 4, 2, 1], {}], [[5, 3], {}], [[4, 3, 1, 0, 0, 2], {}]])
    assert values(got) == [32, 7, 8], f"got {values(got)}"
    assert {kind for _, kind in got} == {"int"}


@task(3)
def test_transposed_size_undoes_a_conv(learner):
    """With the right output_padding, a transposed conv restores the size the conv reduced."""
    configs = [(n, 3, 2, 1, 1) for n in range(5, 12)] + [(n, 4, 3, 0, 2) for n in range(9, 15)]
    calls, sizes = [], []
    for n, k, s, p, d in configs:
        span = n + 2 * p - (d * (k - 1) + 1)
        calls.append([[span // s + 1, k, s, p, span % s, d], {}])
        sizes.append(n)
    got = learner.run(probe_sizes, "transposed_conv_output_size", calls)
    assert values(got) == sizes, "output_padding is added once to the restored size"


# ---------------------------------------------------------------- task 4: effective_kernel


@points(2)
@task(4)
def test_effective_kernel(learner):
    """effective_kernel(3, 2) is 5: a dilated kernel has gaps of dilation-1 between its taps."""
    got = learner.run(probe_sizes, "effective_kernel", [[[3, 1], {}], [[3, 2], {}], [[3, 4], {}],
                                                        [[1, 5], {}], [[5, 3], {}]])
    assert values(got) == [3, 5, 9, 1, 13], f"got {values(got)}"


# ---------------------------------------------------------------- task 5: receptive_field


@task(5)
def test_receptive_field_stacked_3x3(learner):
    """Stacked 3x3 convs with stride 1 see 3, 5, 7 pixels; an empty stack sees 1."""
    layer = [3, 1, 1]
    got = learner.run(probe_sizes, "receptive_field",
                      [[[[layer]], {}], [[[layer] * 2], {}], [[[layer] * 3], {}], [[[]], {}]])
    assert values(got) == [3, 5, 7, 1], f"got {values(got)}"


@points(2)
@task(5)
def test_receptive_field_strides_compound(learner):
    """Each layer's growth is multiplied by the product of the strides below it."""
    got = learner.run(probe_sizes, "receptive_field",
                      [[[[(7, 2, 1), (3, 2, 1), (3, 1, 1)]], {}], [[[(2, 2, 1)] * 4], {}],
                       [[[(3, 1, 1), (3, 2, 1), (3, 2, 1)]], {}]])
    assert values(got) == [19, 16, 9], f"got {values(got)}: a stride widens what later layers see"


@task(5)
def test_receptive_field_dilation(learner):
    """Dilations 1, 2, 4 grow the receptive field exponentially: 3, 7, 15."""
    got = learner.run(probe_sizes, "receptive_field",
                      [[[[(3, 1, 1), (3, 1, 2)]], {}], [[[(3, 1, 1), (3, 1, 2), (3, 1, 4)]], {}],
                       [[[(3, 1, 3)]], {}]])
    assert values(got) == [7, 15, 7], f"got {values(got)}"


# ---------------------------------------------------------------- task 6: conv2d


def probe_conv2d(m, x, w, kwargs):
    import numpy as np
    out = np.asarray(m.conv2d(np.array(x, dtype=float), np.array(w, dtype=float), **kwargs))
    return {"shape": tuple(out.shape), "values": out.tolist()}


def reference_conv2d(x, w, stride, padding, dilation):
    """PyTorch's conv2d written out: out[o,i,j] = sum x_pad[c, i*s+u*d, j*s+v*d] * w[o,c,u,v]."""
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    c_out, c_in, kh, kw = w.shape
    xp = np.zeros((c_in, x.shape[1] + 2 * ph, x.shape[2] + 2 * pw))
    xp[:, ph:ph + x.shape[1], pw:pw + x.shape[2]] = x
    h_out = (xp.shape[1] - dh * (kh - 1) - 1) // sh + 1
    w_out = (xp.shape[2] - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for i in range(h_out):
            for j in range(w_out):
                for c in range(c_in):
                    for u in range(kh):
                        for v in range(kw):
                            out[o, i, j] += xp[c, i * sh + u * dh, j * sw + v * dw] * w[o, c, u, v]
    return out


def random_case(seed, c_in, h, width, c_out, kh, kw):
    rng = np.random.default_rng(seed)
    return (rng.integers(-3, 4, size=(c_in, h, width)).tolist(),
            rng.integers(-2, 3, size=(c_out, c_in, kh, kw)).tolist())


def assert_conv(got, x, w, stride=(1, 1), padding=(0, 0), dilation=(1, 1)):
    want = reference_conv2d(x, w, stride, padding, dilation)
    assert got["shape"] == want.shape, f"shape {got['shape']}, expected (C_out, H_out, W_out)"
    assert np.allclose(got["values"], want, atol=1e-9), "wrong values"


@task(6)
def test_conv2d_shape_and_sum(learner):
    """conv2d of a 3x3 image of ones with one 2x2 kernel of ones is a (1, 2, 2) array of 4s."""
    got = learner.run(probe_conv2d, np.ones((1, 3, 3)).tolist(), np.ones((1, 1, 2, 2)).tolist(), {})
    assert got["shape"] == (1, 2, 2) and got["values"] == [[[4.0, 4.0], [4.0, 4.0]]]


@points(2)
@task(6)
def test_conv2d_does_not_flip_the_kernel(learner):
    """conv2d is a cross-correlation, as in PyTorch: the kernel is applied as given, not flipped."""
    x = [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]
    w = [[[[1, 0], [0, 0]]]]  # picks the top-left pixel of each window
    got = learner.run(probe_conv2d, x, w, {})
    assert got["values"] == [[[1.0, 2.0], [4.0, 5.0]]], (
        "a flipped kernel picks the bottom-right pixel")


@points(2)
@task(6)
def test_conv2d_channels(learner):
    """conv2d sums over the input channels and gives one map per output channel."""
    x, w = random_case(1, 3, 5, 6, 4, 3, 2)
    assert_conv(learner.run(probe_conv2d, x, w, {}), x, w)


@task(6)
def test_conv2d_stride_and_padding(learner):
    """conv2d pads with zeros on every side and moves the window by the stride."""
    x, w = random_case(2, 2, 7, 6, 3, 3, 3)
    got = learner.run(probe_conv2d, x, w, {"stride": 2, "padding": 1})
    assert_conv(got, x, w, (2, 2), (1, 1))


@task(6)
def test_conv2d_dilation(learner):
    """conv2d with dilation 2 reads taps two pixels apart."""
    x, w = random_case(3, 2, 8, 9, 2, 3, 3)
    got = learner.run(probe_conv2d, x, w, {"dilation": 2, "padding": 1})
    assert_conv(got, x, w, (1, 1), (1, 1), (2, 2))


@task(6)
def test_conv2d_pairs(learner):
    """conv2d takes (h, w) pairs for stride, padding and dilation."""
    x, w = random_case(4, 2, 9, 8, 2, 3, 2)
    got = learner.run(probe_conv2d, x, w, {"stride": (2, 1), "padding": (0, 2), "dilation": (1, 3)})
    assert_conv(got, x, w, (2, 1), (0, 2), (1, 3))
