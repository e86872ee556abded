"""Every operation one output at a time, with plain loops."""

from __future__ import annotations

import numpy as np


def _out(n, kernel, stride):
    return (n - kernel) // stride + 1


def max_pool2d(x, kernel, stride):
    """Loop over the windows."""
    x = np.asarray(x)
    h, w = _out(x.shape[0], kernel, stride), _out(x.shape[1], kernel, stride)
    return np.array([[x[i * stride:i * stride + kernel, j * stride:j * stride + kernel].max()
                      for j in range(w)] for i in range(h)]).reshape(h, w)


def max_pool2d_backward(x, grad_out, kernel, stride):
    """unravel_index of argmax gives the first maximum of each window."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for i, row in enumerate(np.asarray(grad_out, dtype=float)):
        for j, g in enumerate(row):
            window = x[i * stride:i * stride + kernel, j * stride:j * stride + kernel]
            u, v = np.unravel_index(np.argmax(window), window.shape)
            grad[i * stride + u, j * stride + v] += g
    return grad


def avg_pool2d(x, kernel, stride):
    """Sum each window and divide."""
    x = np.asarray(x, dtype=float)
    h, w = _out(x.shape[0], kernel, stride), _out(x.shape[1], kernel, stride)
    out = np.zeros((h, w))
    for i in range(h):
        for j in range(w):
            window = x[i * stride:i * stride + kernel, j * stride:j * stride + kernel]
            out[i, j] = window.sum() / kernel**2
    return out


def avg_pool2d_backward(x, grad_out, kernel, stride):
    """Add each window's share to its inputs."""
    grad = np.zeros(np.shape(x))
    for i, row in enumerate(np.asarray(grad_out, dtype=float)):
        for j, g in enumerate(row):
            rows, cols = slice(i * stride, i * stride + kernel), slice(j * stride, j * stride + kernel)
            grad[rows, cols] += g / (kernel * kernel)
    return grad


def upsample_nearest(x, scale):
    """Output pixel (i, j) copies input pixel (i // scale, j // scale)."""
    x = np.asarray(x)
    return np.array([[x[i // scale, j // scale] for j in range(x.shape[1] * scale)]
                     for i in range(x.shape[0] * scale)])


def upsample_bilinear(x, size, align_corners):
    """PyTorch's source index per axis, four neighbours per output pixel."""
    x = np.asarray(x, dtype=float)

    def source(i, n_in, n_out):
        if align_corners:
            src = 0.0 if n_out == 1 else i * (n_in - 1) / (n_out - 1)
        else:
            src = (i + 0.5) * n_in / n_out - 0.5
            src = src if src > 0 else 0.0
        low = int(src)
        return low, min(low + 1, n_in - 1), src - low

    out = np.zeros(tuple(size))
    for i in range(size[0]):
        r0, r1, a = source(i, x.shape[0], size[0])
        for j in range(size[1]):
            c0, c1, b = source(j, x.shape[1], size[1])
            top = x[r0, c0] + b * (x[r0, c1] - x[r0, c0])
            bottom = x[r1, c0] + b * (x[r1, c1] - x[r1, c0])
            out[i, j] = top + a * (bottom - top)
    return out
