"""Vanishing and exploding gradients (梯度消失, 梯度爆炸), in numpy.

Reference solution: a sigmoid that only exponentiates non-positive numbers, the chain rule
layer by layer, and clipping as PyTorch's clip_grad_value_ and clip_grad_norm_ define it.
"""

from __future__ import annotations

import numpy as np

EPS = 1e-6  # torch.nn.utils.clip_grad_norm_ adds it to the norm before dividing


def sigmoid(x: np.ndarray | float) -> np.ndarray:
    """1 / (1 + exp(-x)), from z = exp(-|x|) <= 1 so nothing overflows."""
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_grad(x: np.ndarray | float) -> np.ndarray:
    """s(x) * (1 - s(x)), at most 0.25."""
    s = sigmoid(x)
    return s * (1 - s)


def sigmoid_chain_grad(x: np.ndarray | float, depth: int) -> np.ndarray | float:
    """Product of each sigmoid layer's derivative at its own input."""
    h = np.asarray(x, dtype=float)
    grad = np.ones_like(h)
    for _ in range(depth):
        grad = grad * sigmoid_grad(h)
        h = sigmoid(h)
    return grad


def residual_chain_grad(x: np.ndarray | float, depth: int) -> np.ndarray | float:
    """Product of 1 + each layer's sigmoid derivative: the identity path keeps it >= 1."""
    h = np.asarray(x, dtype=float)
    grad = np.ones_like(h)
    for _ in range(depth):
        grad = grad * (1 + sigmoid_grad(h))
        h = h + sigmoid(h)
    return grad


def clip_by_value(grads: list[np.ndarray], clip_value: float) -> list[np.ndarray]:
    """Every element into [-clip_value, clip_value], in new arrays."""
    return [np.clip(np.asarray(g, dtype=float), -clip_value, clip_value) for g in grads]


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float,
                        ) -> tuple[list[np.ndarray], float]:
    """All gradients scaled by one coefficient when their joint norm is above max_norm."""
    grads = [np.asarray(g, dtype=float) for g in grads]
    total_norm = float(np.sqrt(sum(np.sum(g * g) for g in grads)))
    coef = max_norm / (total_norm + EPS)
    if coef < 1:
        return [g * coef for g in grads], total_norm
    return [g.copy() for g in grads], total_norm
