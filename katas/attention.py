"""The Transformer's attention (Transformer: 计算注意力分数时为什么缩放, 多头, Positional Encoding,
Mask 机制), in numpy.

Scaled dot-product attention mixes the values ``v`` with weights that say how well each query
matches each key: ``softmax(q @ k^T / sqrt(d)) @ v``. Dividing by ``sqrt(d)`` keeps the scores'
spread independent of the dimension ``d``; without it, large ``d`` pushes the softmax into
saturation and its gradients vanish. A **mask** (True where attending is allowed) hides the
padding of short sequences (padding mask) and, in a decoder, the future (causal or sequence
mask): a hidden position gets weight exactly 0, and a query that may see nothing gets zero
weights and a zero output rather than NaN. Softmax itself must subtract the row's maximum
first, or ``exp(1000)`` overflows. **Multi-head** attention projects ``x`` to queries, keys and
values, splits their last axis into ``num_heads`` blocks, attends in each head separately and
joins the heads again. Attention ignores order, so a **positional encoding** of sines and
cosines of geometrically spaced frequencies is added to the embeddings.

Inputs are numpy arrays (or nested lists: ``np.asarray`` them); return numpy arrays.
Replace each ``raise NotImplementedError`` with your code, then run ``kata check attention``.
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
    raise NotImplementedError


def padding_mask(lengths: np.ndarray, max_len: int) -> np.ndarray:
    """Return a boolean ``(B, max_len)`` mask, True where position ``t < lengths[b]`` holds a
    real token and False on the padding after it (``0 <= lengths[b] <= max_len``).

    >>> padding_mask([2, 0], 3).tolist()
    [[True, True, False], [False, False, False]]
    """
    raise NotImplementedError


def causal_mask(n: int) -> np.ndarray:
    """Return the boolean ``(n, n)`` causal mask: True at ``[i, j]`` when ``j <= i``, so query
    ``i`` sees itself and the positions before it, never the future (lower-triangular,
    diagonal included).

    >>> causal_mask(3).tolist()
    [[True, False, False], [True, True, False], [True, True, True]]
    """
    raise NotImplementedError


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
    raise NotImplementedError


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
    raise NotImplementedError


def positional_encoding(length: int, d_model: int) -> np.ndarray:
    """Return the sinusoidal encoding ``(length, d_model)`` of "Attention is all you need":

        PE[pos, 2i]   = sin(pos / 10000 ** (2i / d_model))
        PE[pos, 2i+1] = cos(pos / 10000 ** (2i / d_model))

    Each sine column and the cosine column after it share one frequency (the exponent uses the
    even index ``2i`` for both), so row 0 is ``[0, 1, 0, 1, ...]``. An odd ``d_model`` ends with
    a sine column.
    """
    raise NotImplementedError
