"""Pooling, its backward pass, and upsampling (池化层作用及其反向传播, 上采样).

Pooling summarises each ``kernel x kernel`` window, moved by ``stride``, into one number: its
maximum or its mean. It shrinks the feature map, widens what later layers see and makes the
output insensitive to small shifts. Without padding an (H, W) input gives
``((H - kernel) // stride + 1, (W - kernel) // stride + 1)`` outputs.

Backward, each output's gradient flows to the inputs that made it: for max pooling all of it
goes to the window's maximum (here its first maximum in row-major order) and nothing to the
rest; for average pooling it is spread evenly, ``1 / kernel**2`` to each input. Where windows
overlap, an input receives from each of them: the contributions add up.

Upsampling goes the other way. Nearest-neighbour repeats each pixel ``scale`` times along both
axes; bilinear interpolation weighs the four input pixels around each output's source point,
which depends on ``align_corners`` exactly as in ``torch.nn.functional.interpolate``.

Replace each ``raise NotImplementedError`` with your code, then run ``kata check pooling``.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view  # noqa: F401  (you may want it)


def max_pool2d(x: np.ndarray, kernel: int, stride: int) -> np.ndarray:
    """Return the maximum of each ``kernel x kernel`` window of ``x`` (H, W), the windows
    ``stride`` apart, no padding:
    shape ``((H - kernel) // stride + 1, (W - kernel) // stride + 1)``.

    >>> max_pool2d(np.array([[1, 2], [3, 4]]), 1, 1).tolist()
    [[1, 2], [3, 4]]
    """
    raise NotImplementedError


def max_pool2d_backward(x: np.ndarray, grad_out: np.ndarray, kernel: int,
                        stride: int) -> np.ndarray:
    """Return the gradient with respect to ``x`` (same shape as x, float) of max pooling, given
    ``grad_out``, the gradient with respect to its output.

    Each window's gradient goes whole to the window's first maximum in row-major order, every
    other input of the window gets exactly 0 from it; where windows overlap the gradients they
    send to the same input add up.

    >>> max_pool2d_backward(np.array([[1., 5.], [5., 2.]]), np.array([[3.]]), 2, 2).tolist()
    [[0.0, 3.0], [0.0, 0.0]]
    """
    raise NotImplementedError


def avg_pool2d(x: np.ndarray, kernel: int, stride: int) -> np.ndarray:
    """Return the mean (a float) of each ``kernel x kernel`` window of ``x`` (H, W), the windows
    ``stride`` apart, no padding; same output shape as max_pool2d.

    >>> avg_pool2d(np.array([[1, 2], [3, 4]]), 2, 2).tolist()
    [[2.5]]
    """
    raise NotImplementedError


def avg_pool2d_backward(x: np.ndarray, grad_out: np.ndarray, kernel: int,
                        stride: int) -> np.ndarray:
    """Return the gradient with respect to ``x`` (same shape as x, float) of average pooling:
    each window spreads its gradient evenly, ``grad / kernel**2`` to each of its inputs, and the
    shares an input receives from overlapping windows add up. Inputs in no window get 0.

    >>> avg_pool2d_backward(np.zeros((2, 2)), np.array([[4.]]), 2, 2).tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    """
    raise NotImplementedError


def upsample_nearest(x: np.ndarray, scale: int) -> np.ndarray:
    """Return ``x`` (H, W) upsampled by the integer ``scale``: each pixel becomes a
    ``scale x scale`` block of copies, shape (H * scale, W * scale).

    >>> upsample_nearest(np.array([[1, 2]]), 2).tolist()
    [[1, 1, 2, 2], [1, 1, 2, 2]]
    """
    raise NotImplementedError


def upsample_bilinear(x: np.ndarray, size: tuple[int, int], align_corners: bool) -> np.ndarray:
    """Return ``x`` (H, W) resized to ``size`` = (H_out, W_out) by bilinear interpolation, as
    ``torch.nn.functional.interpolate(mode="bilinear")``.

    Output index ``i`` reads the input at source point ``src``, per axis:
    align_corners=True: ``src = i * (H - 1) / (H_out - 1)`` (0 when H_out == 1), so the corner
    pixels line up; align_corners=False: ``src = max((i + 0.5) * H / H_out - 0.5, 0)``, so the
    pixel *areas* line up. The value mixes the inputs at ``floor(src)`` and the next index
    (clamped to the last one) with weights ``1 - frac`` and ``frac``, along rows then columns.

    >>> upsample_bilinear(np.array([[0., 2.], [4., 6.]]), (3, 3), True).tolist()
    [[0.0, 1.0, 2.0], [2.0, 3.0, 4.0], [4.0, 5.0, 6.0]]
    """
    raise NotImplementedError
