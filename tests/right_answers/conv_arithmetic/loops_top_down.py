"""Sizes with integer arithmetic, the receptive field walked top-down, conv2d with loops."""

from __future__ import annotations

import numpy as np


def conv_output_size(size, kernel, stride=1, padding=0, dilation=1):
    """Count the window starts that fit."""
    last_start = size + 2 * padding - (dilation * (kernel - 1) + 1)
    return last_start // stride + 1


def pool_output_size(size, kernel, stride=None, padding=0, ceil_mode=False):
    """PyTorch's own trick: add stride - 1 before dividing to round up."""
    stride = stride or kernel
    out = (size + 2 * padding - kernel + (stride - 1 if ceil_mode else 0)) // stride + 1
    if ceil_mode and (out - 1) * stride >= size + padding:
        out -= 1
    return out


def transposed_conv_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    """Invert conv_output_size."""
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def effective_kernel(kernel, dilation):
    """Taps plus the gaps between them."""
    return kernel + (kernel - 1) * (dilation - 1)


def receptive_field(layers):
    """From one unit on top down to the input: r_below = (r - 1) * stride + effective kernel."""
    field = 1
    for kernel, stride, dilation in reversed(list(layers)):
        field = (field - 1) * stride + effective_kernel(kernel, dilation)
    return field


def conv2d(x, w, stride=1, padding=0, dilation=1):
    """One output pixel at a time."""
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    c_out, c_in, kh, kw = w.shape
    xp = np.zeros((c_in, x.shape[1] + 2 * ph, x.shape[2] + 2 * pw))
    xp[:, ph:ph + x.shape[1], pw:pw + x.shape[2]] = x
    h_out = conv_output_size(x.shape[1], kh, sh, ph, dh)
    w_out = conv_output_size(x.shape[2], kw, sw, pw, dw)
    out = np.zeros((c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            rows = slice(i * sh, i * sh + dh * (kh - 1) + 1, dh)
            cols = slice(j * sw, j * sw + dw * (kw - 1) + 1, dw)
            patch = xp[:, rows, cols]
            out[:, i, j] = np.tensordot(w, patch, axes=([1, 2, 3], [0, 1, 2]))
    return out
