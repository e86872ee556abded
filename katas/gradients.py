"""Vanishing and exploding gradients (梯度消失, 梯度爆炸), in numpy.

Backpropagation multiplies one local derivative per layer (the chain rule). The sigmoid's
derivative ``s(x) * (1 - s(x))`` is at most 0.25, so through ``depth`` stacked sigmoids the
gradient shrinks at least like ``0.25 ** depth``: the first layers stop learning (vanishing
gradients). A residual connection ``h = h + f(h)`` adds 1 to every local derivative, so the
product never falls below 1 and the gradient reaches the input (ResNet's idea; ReLU, careful
initialisation and normalisation help too). Derivatives above 1 multiply the other way and
explode; the usual remedy is **gradient clipping**: clip each element into a range, or
rescale all gradients together when their global L2 norm exceeds a maximum, which keeps the
direction of the update (what ``torch.nn.utils.clip_grad_norm_`` does).

A stable sigmoid never exponentiates a large positive number: ``np.exp(1000)`` overflows to
inf with a RuntimeWarning. Inputs are numbers or numpy arrays; return numpy arrays (or floats).
Replace each ``raise NotImplementedError`` with your code, then run ``kata check gradients``.
"""

from __future__ import annotations

import numpy as np


def sigmoid(x: np.ndarray | float) -> np.ndarray:
    """Return ``1 / (1 + exp(-x))`` elementwise, with the shape of ``x``.

    Stable for large ``|x|``: ``sigmoid(-1000)`` is 0.0 and ``sigmoid(1000)`` is 1.0 with no
    "overflow encountered in exp" warning. For negative x use the equal form
    ``exp(x) / (1 + exp(x))``; mind that ``np.where(c, a, b)`` computes both ``a`` and ``b``.

    >>> sigmoid(np.array([0.0, 1000.0, -1000.0])).tolist()
    [0.5, 1.0, 0.0]
    """
    raise NotImplementedError


def sigmoid_grad(x: np.ndarray | float) -> np.ndarray:
    """Return the derivative of the sigmoid, ``s(x) * (1 - s(x))``, elementwise: at most 0.25,
    reached at ``x = 0``; 0.0 (never NaN, no overflow warning) for ``x = ±1000``.

    >>> sigmoid_grad(np.array([0.0])).tolist()
    [0.25]
    """
    raise NotImplementedError


def sigmoid_chain_grad(x: np.ndarray | float, depth: int) -> np.ndarray | float:
    """Return the derivative of ``depth`` stacked sigmoid layers at input ``x``, elementwise.

    ``h_0 = x`` and ``h_k = sigmoid(h_(k-1))``; by the chain rule ``d h_depth / d x`` is the
    product of ``sigmoid_grad(h_(k-1))`` for ``k = 1..depth`` (each layer's derivative at its
    own input, not at x). ``depth = 0`` gives 1.0. The result is at most ``0.25 ** depth``
    and falls with every layer: the gradient vanishes.
    """
    raise NotImplementedError


def residual_chain_grad(x: np.ndarray | float, depth: int) -> np.ndarray | float:
    """Return the derivative of ``depth`` residual layers ``h_k = h_(k-1) + sigmoid(h_(k-1))``
    at input ``x``, elementwise: the product of ``1 + sigmoid_grad(h_(k-1))``. ``depth = 0``
    gives 1.0; the result is at least 1 and never falls with depth: it does not vanish.
    """
    raise NotImplementedError


def clip_by_value(grads: list[np.ndarray], clip_value: float) -> list[np.ndarray]:
    """Return a new list of new arrays: every element of every gradient clipped into
    ``[-clip_value, clip_value]``, shapes kept. The caller's arrays are left unchanged.

    >>> clip_by_value([np.array([-3.0, 0.5, 2.0])], 1.0)[0].tolist()
    [-1.0, 0.5, 1.0]
    """
    raise NotImplementedError


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
    raise NotImplementedError
