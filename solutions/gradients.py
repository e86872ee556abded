"""Vanishing and exploding gradients (梯度消失, 梯度爆炸), in numpy.

Reference solution: a sigmoid that only exponentiates non-positive numbers, the chain rule
layer by layer, and clipping as PyTorch's clip_grad_value_ and clip_grad_norm_ define it.
"""

from __future__ import annotations

import numpy as np

EPS = 1e-6  # torch.nn.utils.clip_grad_norm_ adds it to the norm before dividing


def sigmoid(x: np.ndarray | float) -> np.ndarray:
    """Return ``1 / (1 + exp(-x))`` elementwise, with the shape of ``x``.

    Stable for large ``|x|``: ``sigmoid(-1000)`` is 0.0 and ``sigmoid(1000)`` is 1.0 with no
    "overflow encountered in exp" warning. For negative x use the equal form
    ``exp(x) / (1 + exp(x))``; mind that ``np.where(c, a, b)`` computes both ``a`` and ``b``.

    >>> sigmoid(np.array([0.0, 1000.0, -1000.0])).tolist()
    [0.5, 1.0, 0.0]
    """
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x: np.ndarray | float) -> np.ndarray:
    """Return the derivative of the sigmoid, ``s(x) * (1 - s(x))``, elementwise: at most 0.25,
    reached at ``x = 0``; 0.0 (never NaN, no overflow warning) for ``x = ±1000``.

    >>> sigmoid_grad(np.array([0.0])).tolist()
    [0.25]
    """
    s = sigmoid(x)
    return s * (1 - s)


def sigmoid_chain_grad(x: np.ndarray | float, depth: int) -> np.ndarray | float:
    """Return the derivative of ``depth`` stacked sigmoid layers at input ``x``, elementwise.

    ``h_0 = x`` and ``h_k = sigmoid(h_(k-1))``; by the chain rule ``d h_depth / d x`` is the
    product of ``sigmoid_grad(h_(k-1))`` for ``k = 1..depth`` (each layer's derivative at its
    own input, not at x). ``depth = 0`` gives 1.0. The result is at most ``0.25 ** depth``
    and falls with every layer: the gradient vanishes.
    """
    h = np.asarray(x, dtype=float)
    grad = np.ones_like(h)
    for _ in range(depth):
        grad = grad * sigmoid_grad(h)
        h = sigmoid(h)
    return grad


def residual_chain_grad(x: np.ndarray | float, depth: int) -> np.ndarray | float:
    """Return the derivative of ``depth`` residual layers ``h_k = h_(k-1) + sigmoid(h_(k-1))``
    at input ``x``, elementwise: the product of ``1 + sigmoid_grad(h_(k-1))``. ``depth = 0``
    gives 1.0; the result is at least 1 and never falls with depth: it does not vanish.
    """
    h = np.asarray(x, dtype=float)
    grad = np.ones_like(h)
    for _ in range(depth):
        grad = grad * (1 + sigmoid_grad(h))
        h = h + sigmoid(h)
    return grad


def clip_by_value(grads: list[np.ndarray], clip_value: float) -> list[np.ndarray]:
    """Return a new list of new arrays: every element of every gradient clipped into
    ``[-clip_value, clip_value]``, shapes kept. The caller's arrays are left unchanged.

    >>> clip_by_value([np.array([-3.0, 0.5, 2.0])], 1.0)[0].tolist()
    [-1.0, 0.5, 1.0]
    """
    return [np.clip(np.asarray(g, dtype=float), -clip_value, clip_value) for g in grads]


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float,
                        ) -> tuple[list[np.ndarray], float]:
    """Return ``(clipped, total_norm)`` as ``torch.nn.utils.clip_grad_norm_`` computes them.

    ``total_norm`` is the L2 norm of all the gradients taken together, ``sqrt(sum of every
    squared element of every array)``, before clipping, as a float. With
    ``coef = max_norm / (total_norm + 1e-6)``, every array is multiplied by the same ``coef``
    when ``coef < 1``, which keeps the direction of the whole update; otherwise (the norm is
    small enough, or every gradient is 0) the values are returned unchanged, never scaled up.
    ``clipped`` is a new list with the shapes of ``grads``; the caller's arrays are left
    unchanged.

    >>> clipped, total = clip_by_global_norm([np.array([3.0, 4.0]), np.array([12.0])], 100.0)
    >>> total, clipped[0].tolist()
    (13.0, [3.0, 4.0])
    """
    grads = [np.asarray(g, dtype=float) for g in grads]
    total_norm = float(np.sqrt(sum(np.sum(g * g) for g in grads)))
    coef = max_norm / (total_norm + EPS)
    if coef < 1:
        return [g * coef for g in grads], total_norm
    return [g.copy() for g in grads], total_norm
