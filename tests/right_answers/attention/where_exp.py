"""Attention that exponentiates only the allowed scores (np.exp(where=...)), heads by einsum,
and a positional encoding filled value by value."""

from __future__ import annotations

import math

import numpy as np


def softmax(x, axis=-1):
    """Shift by the maximum, exponentiate, normalise."""
    shifted = np.asarray(x, dtype=float) - np.amax(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def padding_mask(lengths, max_len):
    """Positions below each length."""
    lengths = np.asarray(lengths).reshape(-1, 1)
    return np.broadcast_to(np.arange(max_len), (len(lengths), max_len)) < lengths


def causal_mask(n):
    """Lower triangle, diagonal included."""
    return ~np.triu(np.ones((n, n), dtype=bool), k=1)


def scaled_dot_product_attention(q, k, v, mask=None):
    """Exponentiate only where allowed; a row allowed nowhere keeps its zeros."""
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (q, k, v))
    scores = np.matmul(q, np.moveaxis(k, -1, -2)) / math.sqrt(k.shape[-1])
    allowed = np.ones(scores.shape, bool) if mask is None else np.broadcast_to(mask, scores.shape)
    top = np.max(scores, axis=-1, keepdims=True, where=allowed, initial=-np.inf)
    top = np.where(np.isfinite(top), top, 0.0)
    e = np.exp(scores - top, where=allowed, out=np.zeros(scores.shape))
    total = e.sum(axis=-1, keepdims=True)
    weights = e / np.maximum(total, np.finfo(float).tiny)
    return np.matmul(weights, v), weights


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, mask=None):
    """Heads as an axis of a (T, h, d_head) view, scores by einsum."""
    x = np.asarray(x, dtype=float)
    length, d_model = x.shape
    d_head, rest = divmod(d_model, num_heads)
    if rest:
        raise ValueError(f"d_model {d_model} is not a multiple of {num_heads} heads")
    q, k, v = ((x @ w).reshape(length, num_heads, d_head) for w in (w_q, w_k, w_v))
    out, _ = scaled_dot_product_attention(np.einsum("thd->htd", q), np.einsum("thd->htd", k),
                                          np.einsum("thd->htd", v), mask)
    return np.einsum("htd->thd", out).reshape(length, d_model) @ w_o


def positional_encoding(length, d_model):
    """PE[pos, j] from the formula, one value at a time."""
    pe = np.zeros((length, d_model))
    for pos in range(length):
        for j in range(d_model):
            angle = pos / 10000 ** (2 * (j // 2) / d_model)
            pe[pos, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return pe
