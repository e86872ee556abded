"""Windows by fancy indexing, gradients with np.add.at, bilinear as two interpolation matrices."""

from __future__ import annotations

import numpy as np


def _index(x, kernel, stride):
    """Row and column index arrays of every window: shapes (H_out, 1, k, 1) and (1, W_out, 1, k)."""
    h = (np.shape(x)[0] - kernel) // stride + 1
    w = (np.shape(x)[1] - kernel) // stride + 1
    rows = (np.arange(h) * stride)[:, None] + np.arange(kernel)
    cols = (np.arange(w) * stride)[:, None] + np.arange(kernel)
    return rows[:, None, :, None], cols[None, :, None, :]


def max_pool2d(x, kernel, stride):
    """Gather the windows, reduce."""
    rows, cols = _index(x, kernel, stride)
    return np.asarray(x)[rows, cols].max(axis=(2, 3))


def max_pool2d_backward(x, grad_out, kernel, stride):
    """Flat argmax picks the first maximum; np.add.at scatters with repeats added."""
    x = np.asarray(x, dtype=float)
    rows, cols = _index(x, kernel, stride)
    windows = x[rows, cols]
    h, w = windows.shape[:2]
    pick = windows.reshape(h, w, -1).argmax(-1)
    r = np.broadcast_to(rows, windows.shape).reshape(h, w, -1)
    c = np.broadcast_to(cols, windows.shape).reshape(h, w, -1)
    hit_r = np.take_along_axis(r, pick[..., None], -1)[..., 0]
    hit_c = np.take_along_axis(c, pick[..., None], -1)[..., 0]
    grad = np.zeros_like(x)
    np.add.at(grad, (hit_r, hit_c), np.asarray(grad_out, dtype=float))
    return grad


def avg_pool2d(x, kernel, stride):
    """Gather the windows, average."""
    rows, cols = _index(x, kernel, stride)
    return np.asarray(x, dtype=float)[rows, cols].mean(axis=(2, 3))


def avg_pool2d_backward(x, grad_out, kernel, stride):
    """Scatter every window's share at once."""
    rows, cols = _index(x, kernel, stride)
    share = np.asarray(grad_out, dtype=float)[:, :, None, None] / kernel**2
    shape = np.broadcast_shapes(rows.shape, cols.shape)
    grad = np.zeros(np.shape(x))
    np.add.at(grad, (np.broadcast_to(rows, shape), np.broadcast_to(cols, shape)),
              np.broadcast_to(share, shape))
    return grad


def upsample_nearest(x, scale):
    """Index with i // scale on both axes."""
    x = np.asarray(x)
    return x[np.arange(x.shape[0] * scale) // scale][:, np.arange(x.shape[1] * scale) // scale]


def _matrix(n_out, n_in, align_corners):
    """(n_out, n_in) matrix whose rows hold the two interpolation weights."""
    i = np.arange(n_out)
    if align_corners:
        src = i * (n_in - 1) / max(n_out - 1, 1)
    else:
        src = ((i + 0.5) * n_in / n_out - 0.5).clip(min=0)
    low = src.astype(int)
    high = np.minimum(low + 1, n_in - 1)
    m = np.zeros((n_out, n_in))
    np.add.at(m, (i, low), 1 - (src - low))
    np.add.at(m, (i, high), src - low)
    return m


def upsample_bilinear(x, size, align_corners):
    """Rows then columns: R @ x @ C.T."""
    x = np.asarray(x, dtype=float)
    rows = _matrix(size[0], x.shape[0], align_corners)
    cols = _matrix(size[1], x.shape[1], align_corners)
    return rows @ x @ cols.T
