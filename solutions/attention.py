"""The Transformer's attention (Transformer: 计算注意力分数时为什么缩放, 多头, Positional Encoding,
Mask 机制), in numpy.

Reference solution, vectorised over any leading batch axes.
"""

from __future__ import annotations

import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Return ``exp(x) / sum(exp(x))`` along ``axis``, an array of the shape of ``x``.

    Subtract the maximum along ``axis`` first: the result is the same, and logits such as
    ``[1000, 1000]`` give ``[0.5, 0.5]`` instead of overflowing to NaN.

    >>> softmax(np.array([1000.0, 1000.0])).tolist()
    [0.5, 0.5]
    """
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def padding_mask(lengths: np.ndarray, max_len: int) -> np.ndarray:
    """Return a boolean ``(B, max_len)`` mask, True where position ``t < lengths[b]`` holds a
    real token and False on the padding after it (``0 <= lengths[b] <= max_len``).

    >>> padding_mask([2, 0], 3).tolist()
    [[True, True, False], [False, False, False]]
    """
    return np.arange(max_len) < np.asarray(lengths)[:, None]


def causal_mask(n: int) -> np.ndarray:
    """Return the boolean ``(n, n)`` causal mask: True at ``[i, j]`` when ``j <= i``, so query
    ``i`` sees itself and the positions before it, never the future (lower-triangular,
    diagonal included).

    >>> causal_mask(3).tolist()
    [[True, False, False], [True, True, False], [True, True, True]]
    """
    return np.tril(np.ones((n, n), dtype=bool))


def scaled_dot_product_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(output, weights)`` for q ``(..., T_q, d)``, k ``(..., T_k, d)`` and v
    ``(..., T_k, d_v)``, any leading batch axes included.

    ``scores = q @ k^T / sqrt(d)`` with ``k^T`` swapping k's last two axes (``k.T`` would reverse
    every axis of a batch); ``weights = softmax(scores)`` over the keys, shape
    ``(..., T_q, T_k)``; ``output = weights @ v``, shape ``(..., T_q, d_v)``.

    ``mask``, boolean and broadcastable to ``(..., T_q, T_k)``, is True where a query may
    attend to a key. A masked position gets weight exactly 0.0 however large its score (a
    finite "large negative" fill such as -10000 leaks when scores are larger), the weights of a
    row that may attend somewhere sum to 1, and a row that may attend nowhere gets all-zero
    weights and a zero output, never NaN. Scores as large as 10**6 must not overflow.
    """
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
    """Return multi-head self-attention of x ``(T, d_model)``, shape ``(T, d_model)``.

    ``Q, K, V = x @ w_q, x @ w_k, x @ w_v`` (each weight ``(d_model, d_model)``); head ``h``
    takes the columns ``h*d_head : (h+1)*d_head`` of Q, K and V (``d_head = d_model //
    num_heads``), attends with ``scaled_dot_product_attention`` (scaled by ``sqrt(d_head)``,
    the same ``mask`` for every head, broadcastable to ``(T, T)``), and the heads' outputs are
    put back side by side in head order before ``@ w_o``. Raise ``ValueError`` when
    ``num_heads`` does not divide ``d_model``.
    """
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
    """Return the sinusoidal encoding ``(length, d_model)`` of "Attention is all you need":

        PE[pos, 2i]   = sin(pos / 10000 ** (2i / d_model))
        PE[pos, 2i+1] = cos(pos / 10000 ** (2i / d_model))

    Each sine column and the cosine column after it share one frequency (the exponent uses the
    even index ``2i`` for both), so row 0 is ``[0, 1, 0, 1, ...]``. An odd ``d_model`` ends with
    a sine column.
    """
    angles = np.arange(length)[:, None] / 10000 ** (np.arange(0, d_model, 2) / d_model)
    pe = np.empty((length, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])
    return pe
