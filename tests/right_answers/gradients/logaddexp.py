"""Gradients with log-space sigmoids (np.logaddexp), functools.reduce and one flat vector."""

from __future__ import annotations

import functools

import numpy as np


def sigmoid(x):
    """exp(-log(1 + exp(-x))), computed in log space."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def sigmoid_grad(x):
    """s(x) * s(-x), both in log space."""
    x = np.asarray(x, dtype=float)
    return np.exp(-np.logaddexp(0.0, -x) - np.logaddexp(0.0, x))


def sigmoid_chain_grad(x, depth):
    """Fold the layers: (h, grad) -> (s(h), grad * s'(h))."""
    start = (np.asarray(x, dtype=float), np.ones(np.shape(x)))
    step = lambda state, _: (sigmoid(state[0]), state[1] * sigmoid_grad(state[0]))  # noqa: E731
    return functools.reduce(step, range(depth), start)[1]


def residual_chain_grad(x, depth):
    """Fold the layers: (h, grad) -> (h + s(h), grad * (1 + s'(h)))."""
    state = (np.asarray(x, dtype=float), np.ones(np.shape(x)))
    for _ in range(depth):
        h, grad = state
        state = (h + sigmoid(h), grad * (1.0 + sigmoid_grad(h)))
    return state[1]


def clip_by_value(grads, clip_value):
    """np.minimum and np.maximum make new arrays."""
    return [np.maximum(np.minimum(g, clip_value), -clip_value) for g in grads]


def clip_by_global_norm(grads, max_norm):
    """The norm of all gradients flattened into one vector."""
    flat = np.concatenate([np.ravel(g) for g in grads]) if grads else np.zeros(0)
    total = float(np.linalg.norm(flat))
    coef = min(1.0, max_norm / (total + 1e-6))
    return [np.array(g, dtype=float) * coef for g in grads], total
