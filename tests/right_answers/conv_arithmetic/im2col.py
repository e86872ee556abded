"""Sizes from float division, the receptive field with accumulate, conv2d as im2col + matmul."""

from __future__ import annotations

import math
from itertools import accumulate

import numpy as np


def effective_kernel(kernel, dilation):
    """dilation * (kernel - 1) + 1."""
    return dilation * (kernel - 1) + 1


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    """floor of the division, plus the first window."""
    return int(math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride)) + 1


def pool_output_size(size, kernel, stride=None, padding=0, ceil_mode=False):
    """Round down or up, then drop a window that would start in the right padding."""
    if stride is None:
        stride = kernel
    rounding = math.ceil if ceil_mode else math.floor
    out = int(rounding((size + 2 * padding - kernel) / stride)) + 1
    return out - 1 if (out - 1) * stride >= size + padding else out


def transposed_conv_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    """The input size a conv with these settings would have come from."""
    return stride * (size - 1) + effective_kernel(kernel, dilation) - 2 * padding + output_padding


def receptive_field(layers):
    """Sum of (k_eff - 1) weighted by the running product of the strides below."""
    layers = list(layers)
    jumps = [1, *accumulate((s for _, s, _ in layers), lambda a, b: a * b)]
    return 1 + sum((effective_kernel(k, d) - 1) * jumps[i] for i, (k, _, d) in enumerate(layers))


def conv2d(x, w, stride=1, padding=0, dilation=1):
    """Gather every window into a column by fancy indexing, then one matrix product."""
    stride, padding, dilation = (np.broadcast_to(v, (2,)) for v in (stride, padding, dilation))
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    c_out, c_in, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (padding[0],) * 2, (padding[1],) * 2))
    h_out = conv_output_size(x.shape[1], kh, stride[0], padding[0], dilation[0])
    w_out = conv_output_size(x.shape[2], kw, stride[1], padding[1], dilation[1])
    rows = (np.arange(h_out) * stride[0])[:, None] + (np.arange(kh) * dilation[0])[None, :]
    cols = (np.arange(w_out) * stride[1])[:, None] + (np.arange(kw) * dilation[1])[None, :]
    patches = xp[:, rows[:, None, :, None], cols[None, :, None, :]]  # (C, H_out, W_out, kh, kw)
    columns = patches.transpose(1, 2, 0, 3, 4).reshape(h_out * w_out, -1)
    return (columns @ w.reshape(c_out, -1).T).T.reshape(c_out, h_out, w_out)
