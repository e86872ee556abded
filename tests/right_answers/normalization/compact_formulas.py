"""Batch norm by standardise(), the one-line backward, dropout from rng.binomial."""

from __future__ import annotations

import numpy as np


def _standardise(x, axis, eps):
    mean = x.mean(axis=axis, keepdims=True)
    return (x - mean) / np.sqrt(((x - mean) ** 2).mean(axis=axis, keepdims=True) + eps)


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    """Training standardises over axis 0; eval uses the stored statistics."""
    x = np.asarray(x, dtype=float)
    if not training:
        out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
        return out, running_mean, running_var
    n = len(x)
    out = gamma * _standardise(x, 0, eps) + beta
    mean = np.mean(x, axis=0)
    unbiased = np.var(x, axis=0) * n / (n - 1)
    return (out, running_mean + momentum * (mean - running_mean),
            running_var + momentum * (unbiased - running_var))


def batch_norm_backward(x, grad_out, gamma, eps=1e-5):
    """dx = gamma / (N * std) * (N * g - sum(g) - x_hat * sum(g * x_hat))."""
    x, g = np.asarray(x, dtype=float), np.asarray(grad_out, dtype=float)
    n = len(x)
    std = np.sqrt(np.var(x, axis=0) + eps)
    x_hat = (x - np.mean(x, axis=0)) / std
    dx = gamma / (n * std) * (n * g - g.sum(axis=0) - x_hat * np.sum(g * x_hat, axis=0))
    return dx, np.einsum("nd,nd->d", g, x_hat), g.sum(axis=0)


def layer_norm(x, gamma, beta, eps=1e-5):
    """Standardise over the last axis."""
    return gamma * _standardise(np.asarray(x, dtype=float), -1, eps) + beta


def dropout(x, p, training, rng):
    """A Bernoulli(1 - p) mask."""
    x = np.asarray(x, dtype=float)
    if training:
        mask = rng.binomial(1, 1 - p, size=x.shape).astype(bool)
    else:
        mask = np.ones_like(x, dtype=bool)
    return (x * mask / (1 - p) if training else x), mask
