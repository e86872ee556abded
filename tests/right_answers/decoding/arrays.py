"""Decoding with the beam held in numpy arrays (scores and lengths), and CTC with np.diff."""

from __future__ import annotations

import numpy as np


def greedy_decode(step, max_len, eos):
    """A for loop that breaks at eos."""
    out = []
    for _ in range(max_len):
        out.append(int(np.asarray(step(list(out))).argmax()))
        if out[-1] == eos:
            break
    return out


def beam_search(step, beam_width, max_len, eos, length_penalty=0.0):
    """Each round builds all candidates' sums and lengths as arrays and keeps the top ones."""
    seqs, sums = [[]], np.zeros(1)
    for _ in range(max_len):
        open_ = [not (s and (s[-1] == eos or len(s) == max_len)) for s in seqs]
        if not any(open_):
            break
        new_seqs, new_sums = [], []
        for seq, total, is_open in zip(seqs, sums, open_):
            if not is_open:
                new_seqs.append(seq)
                new_sums.append(total)
                continue
            logp = np.asarray(step(list(seq)), dtype=float)
            new_seqs.extend(seq + [t] for t in range(len(logp)))
            new_sums.extend(total + logp)
        sums_arr = np.array(new_sums)
        lengths = np.array([len(s) for s in new_seqs], dtype=float)
        scores = sums_arr / lengths ** length_penalty
        order = np.argsort(-scores, kind="stable")[:beam_width]
        seqs, sums = [new_seqs[i] for i in order], sums_arr[order]
    lengths = np.array([len(s) for s in seqs], dtype=float)
    return [(s, float(v)) for s, v in zip(seqs, sums / lengths ** length_penalty)]


def ctc_greedy_decode(frames, blank=0):
    """Keep a frame's symbol where it differs from the previous frame's, then drop blanks."""
    path = np.asarray(frames).argmax(axis=1)
    starts = np.concatenate([[True], np.diff(path) != 0]) if len(path) else np.zeros(0, bool)
    kept = path[starts]
    return kept[kept != blank].tolist()
