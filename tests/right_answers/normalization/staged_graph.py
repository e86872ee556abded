"""Sums written out, the backward pass staged node by node, dropout from rng.uniform."""

from __future__ import annotations

import numpy as np


def batch_norm(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    """Statistics from sums."""
    x = np.asarray(x, dtype=float)
    n = x.shape[0]
    if training:
        mean = x.sum(axis=0) / n
        squares = ((x - mean) ** 2).sum(axis=0)
        var = squares / n
        new_mean = running_mean * (1 - momentum) + mean * momentum
        new_var = running_var * (1 - momentum) + squares / (n - 1) * momentum
    else:
        mean, var = running_mean, running_var
        new_mean, new_var = running_mean, running_var
    return (x - mean) / np.sqrt(var + eps) * gamma + beta, new_mean, new_var


def batch_norm_backward(x, grad_out, gamma, eps=1e-5):
    """Back through mu, xc = x - mu, var, std, x_hat = xc / std, out = gamma * x_hat + beta."""
    x, g = np.asarray(x, dtype=float), np.asarray(grad_out, dtype=float)
    n = x.shape[0]
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc ** 2).mean(axis=0)
    std = np.sqrt(var + eps)
    x_hat = xc / std
    dbeta = g.sum(axis=0)
    dgamma = (g * x_hat).sum(axis=0)
    dx_hat = g * gamma
    dxc = dx_hat / std
    dstd = -(dx_hat * xc / std ** 2).sum(axis=0)
    dvar = dstd / (2 * std)
    dxc += 2 * xc * dvar / n
    dmu = -dxc.sum(axis=0)
    dx = dxc + dmu / n
    return dx, dgamma, dbeta


def layer_norm(x, gamma, beta, eps=1e-5):
    """Statistics per row, by transposing and working per column."""
    t = np.asarray(x, dtype=float).T
    normalised = (t - t.mean(axis=0)) / np.sqrt(((t - t.mean(axis=0)) ** 2).mean(axis=0) + eps)
    return normalised.T * gamma + beta


def dropout(x, p, training, rng):
    """Keep where a uniform draw falls below 1 - p."""
    x = np.asarray(x, dtype=float)
    if training:
        keep = rng.uniform(size=x.shape) < 1 - p
        return np.where(keep, x / (1 - p), 0.0), keep
    return x.copy(), np.full(x.shape, True)
