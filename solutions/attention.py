"""The Transformer's attention (Transformer: 计算注意力分数时为什么缩放, 多头, Positional Encoding,
Mask 机制), in numpy.

Reference solution, vectorised over any leading batch axes.
"""

from __future__ import annotations

import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(x) / sum(exp(x)) along ``axis``, after subtracting the maximum."""
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def padding_mask(lengths: np.ndarray, max_len: int) -> np.ndarray:
    """True where position t < lengths[b]."""
    return np.arange(max_len) < np.asarray(lengths)[:, None]


def causal_mask(n: int) -> np.ndarray:
    """True at [i, j] when j <= i."""
    return np.tril(np.ones((n, n), dtype=bool))


def scaled_dot_product_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(softmax(q @ k^T / sqrt(d)) @ v, the weights); masked weights exactly 0."""
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is None:
        weights = softmax(scores)
    else:
        allowed = np.asarray(mask, dtype=bool)
        scores = np.where(allowed, scores, -np.inf)
        # A row that may attend nowhere would be all -inf (NaN in softmax): give it zeros to
        # work on, then zero its weights with the rest of the masked positions.
        scores = np.where(allowed.any(axis=-1, keepdims=True), scores, 0.0)
        weights = np.where(allowed, softmax(scores), 0.0)
    return weights @ v, weights


def multi_head_attention(
    x: np.ndarray, w_q: np.ndarray, w_k: np.ndarray, w_v: np.ndarray, w_o: np.ndarray,
    num_heads: int, mask: np.ndarray | None = None,
) -> np.ndarray:
    """Attention in num_heads column blocks of the projections, joined and projected by w_o."""
    x = np.asarray(x, dtype=float)
    length, d_model = x.shape
    if d_model % num_heads:
        raise ValueError(f"{num_heads} heads do not divide d_model = {d_model}")

    def split(t: np.ndarray) -> np.ndarray:  # (T, d_model) -> (h, T, d_head)
        return t.reshape(length, num_heads, d_model // num_heads).transpose(1, 0, 2)

    heads, _ = scaled_dot_product_attention(split(x @ np.asarray(w_q)), split(x @ np.asarray(w_k)),
                                            split(x @ np.asarray(w_v)), mask)
    return heads.transpose(1, 0, 2).reshape(length, d_model) @ np.asarray(w_o)


def positional_encoding(length: int, d_model: int) -> np.ndarray:
    """sin on the even columns, cos on the odd ones, pair i at frequency 10000**(-2i/d)."""
    angles = np.arange(length)[:, None] / 10000 ** (np.arange(0, d_model, 2) / d_model)
    pe = np.empty((length, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])
    return pe
