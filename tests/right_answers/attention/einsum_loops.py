"""Attention with log-sum-exp, einsum, a loop over the heads and interleaved sin/cos."""

from __future__ import annotations

import math

import numpy as np


def softmax(x, axis=-1):
    """exp(x - logsumexp(x)) along axis."""
    x = np.asarray(x, dtype=float)
    top = np.max(x, axis=axis, keepdims=True)
    lse = top + np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True))
    return np.exp(x - lse)


def padding_mask(lengths, max_len):
    """True on the real tokens."""
    return np.array([[t < n for t in range(max_len)] for n in lengths], dtype=bool).reshape(
        len(lengths), max_len)


def causal_mask(n):
    """True where the key is not after the query."""
    rows, cols = np.indices((n, n))
    return cols <= rows


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d)) v with exact zeros where masked."""
    q, k, v = np.asarray(q, float), np.asarray(k, float), np.asarray(v, float)
    scores = np.einsum("...id,...jd->...ij", q, k) / math.sqrt(q.shape[-1])
    if mask is None:
        mask = np.ones(scores.shape, dtype=bool)
    allowed = np.broadcast_to(np.asarray(mask, dtype=bool), scores.shape)
    masked = np.where(allowed, scores, -np.inf)
    top = masked.max(axis=-1, keepdims=True)
    top[np.isneginf(top)] = 0.0
    e = np.exp(masked - top)
    total = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return np.einsum("...ij,...jd->...id", weights, v), weights


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, mask=None):
    """One head at a time on column blocks."""
    x = np.asarray(x, float)
    d_model = x.shape[1]
    if d_model % num_heads != 0:
        raise ValueError("num_heads must divide d_model")
    size = d_model // num_heads
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    outs = []
    for h in range(num_heads):
        cols = slice(h * size, (h + 1) * size)
        out, _ = scaled_dot_product_attention(q[:, cols], k[:, cols], v[:, cols], mask)
        outs.append(out)
    return np.hstack(outs) @ w_o


def positional_encoding(length, d_model):
    """sin and cos of the same angles, interleaved column by column."""
    pairs = (d_model + 1) // 2
    angles = np.outer(np.arange(length), 1.0 / 10000 ** (2 * np.arange(pairs) / d_model))
    both = np.stack([np.sin(angles), np.cos(angles)], axis=-1).reshape(length, 2 * pairs)
    return both[:, :d_model]
