"""Intersection over union and non-maximum suppression (IoU计算).

A box is ``(x1, y1, x2, y2)``: its top-left and bottom-right corners, in continuous
coordinates, so its area is ``(x2 - x1) * (y2 - y1)`` (no "+1 pixel"). The intersection of two
boxes is the box between the larger top-left corner and the smaller bottom-right corner; its
width and height are each clamped at 0 when the boxes do not meet on that axis. IoU is the
intersection's area over the union's area, ``inter / (area_a + area_b - inter)``: 1.0 for the
same box, 0.0 for boxes that do not overlap (or whose union is empty).

A detector proposes many overlapping boxes for one object; non-maximum suppression (NMS) keeps
the best-scoring box, drops the boxes that overlap it too much, and repeats with what is left.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    """Return the IoU of boxes ``a`` and ``b``, each ``(x1, y1, x2, y2)``.

    Area is ``(x2 - x1) * (y2 - y1)``; the intersection's width and height are each clamped at 0
    separately; the result is 0.0 for boxes that do not overlap (touching edges included) and
    for a zero union (e.g. two points), never a ZeroDivisionError. Symmetric in a and b.

    >>> iou((0, 0, 2, 2), (1, 1, 3, 3))  # intersection 1, union 4 + 4 - 1
    0.14285714285714285
    """
    ax1, ay1, ax2, ay2 = a
    bx1, by1, bx2, by2 = b
    width = max(0.0, min(ax2, bx2) - max(ax1, bx1))
    height = max(0.0, min(ay2, by2) - max(ay1, by1))
    inter = width * height
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
    return float(inter / union) if union > 0 else 0.0


def iou_matrix(boxes_a: np.ndarray, boxes_b: np.ndarray) -> np.ndarray:
    """Return the (N, M) float array of the IoU of every box of ``boxes_a`` (N, 4) with every box
    of ``boxes_b`` (M, 4): ``result[i, j] == iou(boxes_a[i], boxes_b[j])``.

    Vectorised: no Python loop over the pairs (broadcast an (N, 1, 2) corner array against a
    (1, M, 2) one). A zero union gives 0.0, never NaN; N or M may be 0, giving shape (0, M) or
    (N, 0).

    >>> iou_matrix(np.array([[0, 0, 2, 2]]), np.array([[0, 0, 2, 2], [2, 2, 3, 3]]))
    array([[1., 0.]])
    """
    a = np.asarray(boxes_a, dtype=float).reshape(-1, 4)
    b = np.asarray(boxes_b, dtype=float).reshape(-1, 4)
    top_left = np.maximum(a[:, None, :2], b[None, :, :2])
    bottom_right = np.minimum(a[:, None, 2:], b[None, :, 2:])
    sides = np.clip(bottom_right - top_left, 0.0, None)
    inter = sides[..., 0] * sides[..., 1]
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> list[int]:
    """Return the indices of the boxes that non-maximum suppression keeps, best score first.

    Visit the boxes by decreasing score (equal scores: lower index first). Keep a box unless
    its IoU with a box already *kept* is greater than ``iou_threshold`` (an IoU equal to the
    threshold is kept). A box dropped by a kept box suppresses nothing. No boxes give [].

    >>> nms(np.array([[0, 0, 2, 2], [0, 0, 2, 1.9], [3, 3, 4, 4]]), np.array([0.9, 0.8, 0.7]), 0.5)
    [0, 2]
    """
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    keep: list[int] = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(int(best))
        overlaps = iou_matrix(boxes[best][None, :], boxes[rest])[0]
        order = rest[overlaps <= iou_threshold]
    return keep
