"""IoU with numpy intervals, the matrix by splitting columns, NMS with a suppressed flag per box."""

from __future__ import annotations

import numpy as np


def iou(a, b):
    """Intersection box from np.maximum/np.minimum of the corners."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    sides = np.clip(np.minimum(a[2:], b[2:]) - np.maximum(a[:2], b[:2]), 0, None)
    inter = sides[0] * sides[1]
    union = np.prod(a[2:] - a[:2]) + np.prod(b[2:] - b[:2]) - inter
    return float(inter / union) if union > 0 else 0.0


def iou_matrix(boxes_a, boxes_b):
    """Columns of (N, 1) against rows of (1, M)."""
    ax1, ay1, ax2, ay2 = np.split(np.asarray(boxes_a, dtype=float).reshape(-1, 4), 4, axis=1)
    bx1, by1, bx2, by2 = (np.asarray(boxes_b, dtype=float).reshape(-1, 4).T[k][None, :]
                          for k in range(4))
    w = (np.minimum(ax2, bx2) - np.maximum(ax1, bx1)).clip(min=0)
    h = (np.minimum(ay2, by2) - np.maximum(ay1, by1)).clip(min=0)
    inter = w * h
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
    out = np.zeros(inter.shape)
    np.divide(inter, union, out=out, where=union > 0)
    return out


def nms(boxes, scores, iou_threshold):
    """One pass down the ranking; each kept box flags the later ones it overlaps too much."""
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    order = np.lexsort((np.arange(len(boxes)), -np.asarray(scores, dtype=float)))
    overlaps = iou_matrix(boxes, boxes)
    suppressed = np.zeros(len(boxes), dtype=bool)
    keep = []
    for i in order:
        if suppressed[i]:
            continue
        keep.append(int(i))
        suppressed |= overlaps[i] > iou_threshold
    return keep
