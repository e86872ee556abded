"""Feature-map sizes, receptive fields and dilated convolution (CNN中特征图的计算, 感受野, 空洞卷积).

A convolution slides a kernel over its (padded) input. With dilation d, the kernel's taps are d
apart, so a k-tap kernel spans ``d * (k - 1) + 1`` input positions: more context, no more weights.
Counting the window positions that fit gives PyTorch's output size

    out = floor((size + 2 * padding - d * (k - 1) - 1) / stride) + 1

The receptive field of a unit is how many input positions can influence it: each layer adds
``(effective_kernel - 1) * jump``, where ``jump``, the distance in input positions between two
neighbouring units, is the product of the strides of the layers below.

PyTorch's ``conv2d`` is a cross-correlation: the kernel is not flipped,
``out[o, i, j] = sum over c, u, v of x_pad[c, i*s + u*d, j*s + v*d] * w[o, c, u, v]``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int:
    """Return the output length of a convolution along one axis, as PyTorch computes it:
    ``floor((size + 2*padding - dilation*(kernel-1) - 1) / stride) + 1`` (an int; the last
    window that does not fit is dropped).

    >>> conv_output_size(224, 7, stride=2, padding=3), conv_output_size(10, 3, dilation=2)
    (112, 6)
    """
    return (size + 2 * padding - effective_kernel(kernel, dilation)) // stride + 1


def pool_output_size(size: int, kernel: int, stride: int | None = None, padding: int = 0,
                     ceil_mode: bool = False) -> int:
    """Return the output length (an int) of a pooling layer along one axis, as PyTorch does.

    ``stride`` defaults to ``kernel``. ``out = floor((size + 2*padding - kernel) / stride) + 1``;
    with ``ceil_mode`` the division rounds up instead, except that the last window must start
    inside the input or the left padding: when ``(out - 1) * stride >= size + padding`` that
    window would start in the right padding and is dropped (out - 1).

    >>> pool_output_size(7, 2), pool_output_size(7, 2, ceil_mode=True)
    (3, 4)
    >>> pool_output_size(3, 2, 2, padding=1, ceil_mode=True)  # a 3rd window would start at 4
    2
    """
    stride = kernel if stride is None else stride
    span = size + 2 * padding - kernel
    if not ceil_mode:
        return span // stride + 1
    out = math.ceil(span / stride) + 1
    if (out - 1) * stride >= size + padding:
        out -= 1
    return out


def transposed_conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0,
                                output_padding: int = 0, dilation: int = 1) -> int:
    """Return the output length (an int) of a transposed convolution (PyTorch's ConvTranspose):
    ``(size - 1)*stride - 2*padding + dilation*(kernel - 1) + output_padding + 1``.

    It maps a conv's output size back to its input size; ``output_padding`` picks among the
    input sizes that a stride > 1 maps to the same output.

    >>> transposed_conv_output_size(16, 4, stride=2, padding=1)
    32
    """
    return (size - 1) * stride - 2 * padding + effective_kernel(kernel, dilation) + output_padding


def effective_kernel(kernel: int, dilation: int) -> int:
    """Return how many input positions a ``kernel``-tap kernel with ``dilation`` spans:
    ``dilation * (kernel - 1) + 1``.

    >>> effective_kernel(3, 1), effective_kernel(3, 2)
    (3, 5)
    """
    return dilation * (kernel - 1) + 1


def receptive_field(layers: Sequence[tuple[int, int, int]]) -> int:
    """Return the receptive field, in input positions, of one unit on top of ``layers``, a
    stack of ``(kernel, stride, dilation)`` tuples listed from the input up.

    Each layer adds ``(effective_kernel - 1) * jump``, where ``jump`` is the product of the
    strides of the layers *below* it; no layers give 1.

    >>> receptive_field([(3, 1, 1), (3, 1, 1)]), receptive_field([(3, 2, 1), (3, 1, 1)])
    (5, 7)
    """
    field, jump = 1, 1
    for kernel, stride, dilation in layers:
        field += (effective_kernel(kernel, dilation) - 1) * jump
        jump *= stride
    return field


def _pair(value: int | Sequence[int]) -> tuple[int, int]:
    """An int or an (h, w) pair, as an (h, w) pair."""
    h, w = np.broadcast_to(np.asarray(value, dtype=int), (2,))
    return int(h), int(w)


def conv2d(x: np.ndarray, w: np.ndarray, stride: int | tuple[int, int] = 1,
           padding: int | tuple[int, int] = 0,
           dilation: int | tuple[int, int] = 1) -> np.ndarray:
    """Return the 2-D cross-correlation of ``x`` (C_in, H, W) with ``w`` (C_out, C_in, kH, kW),
    as ``torch.nn.functional.conv2d`` computes it without bias: zero padding on both sides, the
    kernel *not* flipped, summed over the input channels:

        out[o, i, j] = sum_{c, u, v} x_pad[c, i*sH + u*dH, j*sW + v*dW] * w[o, c, u, v]

    The result has shape (C_out, H_out, W_out), each given by conv_output_size. ``stride``,
    ``padding`` and ``dilation`` are each an int or an (h, w) pair.

    >>> conv2d(np.ones((1, 3, 3)), np.ones((1, 1, 2, 2))).tolist()
    [[[4.0, 4.0], [4.0, 4.0]]]
    """
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    (sh, sw), (ph, pw), (dh, dw) = _pair(stride), _pair(padding), _pair(dilation)
    kh, kw = w.shape[2:]
    padded = np.pad(x, ((0, 0), (ph, ph), (pw, pw)))
    span = (effective_kernel(kh, dh), effective_kernel(kw, dw))
    windows = sliding_window_view(padded, span, axis=(1, 2))[:, ::sh, ::sw, ::dh, ::dw]
    return np.einsum("chwuv,ocuv->ohw", windows, w)
