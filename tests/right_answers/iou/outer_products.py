"""IoU with ufunc.outer per axis, and NMS that checks each candidate against the kept boxes."""

from __future__ import annotations

import numpy as np


def iou(a, b):
    """IoU from the overlap of the two intervals on each axis."""
    def overlap(lo1, hi1, lo2, hi2):
        return max(0.0, min(hi1, hi2) - max(lo1, lo2))

    inter = overlap(a[0], a[2], b[0], b[2]) * overlap(a[1], a[3], b[1], b[3])
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    if union <= 0:
        return 0.0
    return inter / union


def iou_matrix(boxes_a, boxes_b):
    """Per-axis overlaps with np.minimum.outer and np.maximum.outer."""
    a = np.array(boxes_a, dtype=np.float64).reshape(-1, 4)
    b = np.array(boxes_b, dtype=np.float64).reshape(-1, 4)
    w = np.minimum.outer(a[:, 2], b[:, 2]) - np.maximum.outer(a[:, 0], b[:, 0])
    h = np.minimum.outer(a[:, 3], b[:, 3]) - np.maximum.outer(a[:, 1], b[:, 1])
    inter = np.maximum(w, 0) * np.maximum(h, 0)
    area_a = np.prod(a[:, 2:] - a[:, :2], axis=1)
    area_b = np.prod(b[:, 2:] - b[:, :2], axis=1)
    union = np.add.outer(area_a, area_b) - inter
    safe = np.where(union > 0, union, 1.0)
    return np.where(union > 0, inter / safe, 0.0)


def nms(boxes, scores, iou_threshold):
    """Visit by (-score, index); keep a box when no kept box overlaps it too much."""
    boxes = [tuple(box) for box in np.asarray(boxes, dtype=float).reshape(-1, 4)]
    order = sorted(range(len(boxes)), key=lambda i: (-float(scores[i]), i))
    kept = []
    for i in order:
        if all(iou(boxes[i], boxes[j]) <= iou_threshold for j in kept):
            kept.append(i)
    return kept
