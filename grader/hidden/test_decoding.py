"""Hidden tests for the `decoding` kata: greedy decoding, beam search and CTC best-path decoding.

A decoder is a table, built here: every prefix up to ``max_len - 1`` tokens (those containing
``eos`` too, so that a search that wrongly extends a finished hypothesis gets numbers, not a
crash) maps to next-token log-probabilities. The probe turns the table into ``step(prefix)``;
the verdicts compare with greedy search and with a brute-force enumeration of every sequence,
computed here from the same table. A beam as wide as the number of candidates must equal the
enumeration whatever the learner's bookkeeping.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

from grader.markers import points, task

# ---------------------------------------------------------------- probes


def probe_greedy(m, table, max_len, eos):
    import numpy as np

    calls = []

    def step(prefix):
        key = ",".join(str(int(t)) for t in prefix)
        calls.append(key)
        if key not in table:
            raise ValueError(f"step was called on a prefix of {len(prefix)} tokens: {key}")
        return np.array(table[key])

    tokens = m.greedy_decode(step, max_len, eos)
    return {"type": type(tokens).__name__, "tokens": [int(t) for t in tokens], "calls": calls}


def probe_beam(m, table, beam_width, max_len, eos, length_penalty):
    import numpy as np

    def step(prefix):
        key = ",".join(str(int(t)) for t in prefix)
        if key not in table:
            raise ValueError(f"step was called on a prefix of {len(prefix)} tokens: {key}")
        return np.array(table[key])

    if length_penalty is None:
        result = m.beam_search(step, beam_width, max_len, eos)
    else:
        result = m.beam_search(step, beam_width, max_len, eos, length_penalty)
    return [[[int(t) for t in tokens], float(score)] for tokens, score in result]


def probe_long(m, func, vocab, eos, max_len, eos_from):
    """greedy_decode, or beam_search with a beam of 1, where step favours the token
    260 + len(prefix) % 20 and, once the prefix has eos_from tokens (None: never), eos."""
    import numpy as np

    def step(prefix):
        if len(prefix) >= max_len:
            raise ValueError(f"step was called on a prefix of {len(prefix)} tokens")
        logits = np.full(vocab, -3.0)
        ending = eos_from is not None and len(prefix) >= eos_from
        logits[eos if ending else 260 + len(prefix) % 20] = 0.0
        return logits - np.log(np.exp(logits).sum())

    if func == "greedy_decode":
        return [[[int(t) for t in m.greedy_decode(step, max_len, eos)], None]]
    return [[[int(t) for t in tokens], float(score)]
            for tokens, score in m.beam_search(step, 1, max_len, eos)]


def probe_ctc(m, frames, blank):
    import numpy as np

    frames = np.array(frames, dtype=float)
    tokens = m.ctc_greedy_decode(frames) if blank is None else m.ctc_greedy_decode(frames, blank)
    return {"type": type(tokens).__name__, "tokens": [int(t) for t in tokens]}


# ---------------------------------------------------------------- decoders (grader side)


def key(prefix):
    return ",".join(str(t) for t in prefix)


def log_softmax(logits):
    logits = np.asarray(logits, dtype=float)
    shifted = logits - logits.max()
    return shifted - math.log(np.exp(shifted).sum())


@functools.cache  # the same arguments give the same table: built once per grader process
def random_table(seed, vocab, max_len, eos, eos_shift=0.0):
    """Next-token log-probabilities for every prefix of up to max_len - 1 tokens (one table
    shared by every call with these arguments: the checks only read it)."""
    rng = np.random.default_rng(seed)
    table = {}
    for n in range(max_len):
        for prefix in itertools.product(range(vocab), repeat=n):
            logits = rng.normal(scale=1.5, size=vocab)
            logits[eos] += eos_shift
            table[key(prefix)] = log_softmax(logits).tolist()
    return table


def table_of(rows, vocab, max_len):
    """A table from {prefix key: probabilities}, uniform for every prefix not listed."""
    table = {}
    for n in range(max_len):
        for prefix in itertools.product(range(vocab), repeat=n):
            probs = rows.get(key(prefix), [1.0] * vocab)
            table[key(prefix)] = log_softmax(np.log(probs)).tolist()
    return table


def greedy(table, max_len, eos):
    tokens = []
    while len(tokens) < max_len and not (tokens and tokens[-1] == eos):
        tokens.append(int(np.argmax(table[key(tokens)])))
    return tokens


def sequence_logp(table, tokens):
    return sum(table[key(tokens[:i])][t] for i, t in enumerate(tokens))


def enumerate_all(table, vocab, max_len, eos, length_penalty):
    """Every finished sequence with its score, best first: the exact answer."""
    found = []
    for n in range(1, max_len + 1):
        for tokens in itertools.product(range(vocab), repeat=n):
            if eos in tokens[:-1] or (tokens[-1] != eos and n < max_len):
                continue
            found.append((list(tokens), sequence_logp(table, tokens) / n ** length_penalty))
    return sorted(found, key=lambda pair: pair[1], reverse=True)


def assert_same_hypotheses(got, want, what):
    assert [tokens for tokens, _ in got] == [tokens for tokens, _ in want], (
        f"{what}: the hypotheses, best first, were {[tokens for tokens, _ in got]}")
    for (tokens, score), (_, exact) in zip(got, want):
        assert math.isclose(score, exact, rel_tol=1e-9, abs_tol=1e-12), (
            f"{what}: {tokens} scored {score}")


def run_beam(learner, table, beam_width, max_len, eos, length_penalty=0.0):
    return learner.run(probe_beam, table, beam_width, max_len, eos, length_penalty)


# A real vocabulary has thousands of ids, and outputs run to hundreds of tokens: eos = 300 of
# 301 ids, max_len = 260, both beyond the small ints CPython caches (which `is` happens to
# find equal).
LONG_VOCAB, LONG_EOS, LONG_MAX = 301, 300, 260


def long_expected(eos_from):
    """The tokens probe_long's step leads greedy decoding to, and their summed log-probability."""
    length = LONG_MAX if eos_from is None else min(eos_from + 1, LONG_MAX)
    tokens = [LONG_EOS if eos_from is not None and i >= eos_from else 260 + i % 20
              for i in range(length)]
    return tokens, length * -math.log(1 + (LONG_VOCAB - 1) * math.exp(-3.0))


# ---------------------------------------------------------------- task 1: greedy_decode


@points(2)
@task(1)
def test_greedy_follows_argmax(learner):
    """greedy_decode appends the most probable next token at every step."""
    for seed, eos in ((1, 3), (2, 3), (3, 3), (1, 1), (2, 1)):  # eos the last id, or not
        table = random_table(seed, vocab=4, max_len=5, eos=eos, eos_shift=-1.0)
        got = learner.run(probe_greedy, table, 5, eos)
        assert got["type"] == "list", f"greedy_decode should return a list, not {got['type']}"
        assert got["tokens"] == greedy(table, 5, eos), (
            f"with eos = {eos}, greedy_decode gave {got['tokens']}")


@points(2)
@task(1)
def test_greedy_stops_at_eos(learner):
    """greedy_decode stops right after eos and keeps it as the last token."""
    rows = {"": [0.6, 0.3, 0.1], "0": [0.2, 0.1, 0.7]}  # 0, then eos (2)
    got = learner.run(probe_greedy, table_of(rows, 3, 4), 4, 2)
    assert got["tokens"] == [0, 2], f"greedy_decode gave {got['tokens']}"
    assert got["calls"] == ["", "0"], f"step was called on the prefixes {got['calls']}"
    first = learner.run(probe_greedy, table_of({"": [0.1, 0.2, 0.7]}, 3, 4), 4, 2)
    assert first["tokens"] == [2], f"with eos first, greedy_decode gave {first['tokens']}"


@task(1)
def test_greedy_stops_at_max_len(learner):
    """Without eos, greedy_decode stops after max_len tokens."""
    table = random_table(4, vocab=3, max_len=6, eos=2, eos_shift=-20.0)
    got = learner.run(probe_greedy, table, 6, 2)
    assert got["tokens"] == greedy(table, 6, 2) and len(got["tokens"]) == 6, (
        f"with eos never likely and max_len 6, greedy_decode gave {got['tokens']}")


@task(1)
def test_greedy_large_ids_and_lengths(learner):
    """greedy_decode stops at eos = 300 of 301 ids, and at max_len = 260 tokens."""
    for eos_from in (4, None):
        got = learner.run(probe_long, "greedy_decode", LONG_VOCAB, LONG_EOS, LONG_MAX, eos_from)
        want, _ = long_expected(eos_from)
        assert got[0][0] == want, (
            f"with eos = {LONG_EOS} and max_len = {LONG_MAX}, greedy_decode gave "
            f"{len(got[0][0])} tokens ending {got[0][0][-3:]} (ids are compared by value)")


# ---------------------------------------------------------------- task 2: beam_search


@points(2)
@task(2)
def test_beam_exhaustive_equals_enumeration(learner):
    """A beam wide enough for every candidate finds exactly the best sequences, best first."""
    for seed in (5, 6):
        table = random_table(seed, vocab=3, max_len=3, eos=2)
        want = enumerate_all(table, 3, 3, 2, 0.0)  # 15 sequences end at eos or at max_len
        got = run_beam(learner, table, 15, 3, 2)
        assert_same_hypotheses(got, want, "a beam of 15 on a vocabulary of 3")


@points(2)
@task(2)
def test_beam_length_penalty(learner):
    """Scores are divided by len(tokens) ** length_penalty, eos counted in the length."""
    table = random_table(7, vocab=3, max_len=4, eos=0)
    for penalty in (1.0, 0.6):
        want = enumerate_all(table, 3, 4, 0, penalty)
        got = run_beam(learner, table, len(want), 4, 0, penalty)
        assert_same_hypotheses(got, want, f"length_penalty={penalty}")


@points(2)
@task(2)
def test_beam_finished_not_extended(learner):
    """A hypothesis that emits eos is kept as it is, with its score, and never extended."""
    rows = {"": [0.06, 0.04, 0.9]}  # eos (2) first is by far the best
    table = table_of(rows, 3, 3)
    got = run_beam(learner, table, 2, 3, 2)
    assert got and got[0][0] == [2], f"the best hypothesis should be [eos], got {got}"
    assert math.isclose(got[0][1], math.log(0.9), rel_tol=1e-9), f"[eos] scored {got[0][1]}"
    for tokens, _ in got:
        assert 2 not in tokens[:-1], f"{tokens} goes on after eos"


@points(2)
@task(2)
def test_beam_finds_what_greedy_misses(learner):
    """With a beam of 2, beam search finds a better sequence that greedy decoding misses."""
    rows = {"": [0.5, 0.4, 0.1], "0": [0.34, 0.33, 0.33], "1": [0.05, 0.05, 0.9]}
    table = table_of(rows, 3, 3)
    best = enumerate_all(table, 3, 3, 2, 0.0)[0]
    got = run_beam(learner, table, 2, 3, 2)
    assert greedy(table, 3, 2) != best[0]  # the table is one where greedy is wrong
    assert got and got[0][0] == best[0], f"the best hypothesis of a beam of 2 was {got[:1]}"
    assert math.isclose(got[0][1], best[1], rel_tol=1e-9), f"it scored {got[0][1]}"


@task(2)
def test_beam_width_one_is_greedy(learner):
    """A beam of width 1 makes the same choices as greedy decoding."""
    for seed in (8, 9):
        table = random_table(seed, vocab=4, max_len=4, eos=1)
        got = run_beam(learner, table, 1, 4, 1)
        assert len(got) == 1 and got[0][0] == greedy(table, 4, 1), f"a beam of 1 gave {got}"


@task(2)
def test_beam_scores_and_order(learner):
    """Each returned score is its tokens' summed log-probability, and the best comes first."""
    table = random_table(10, vocab=5, max_len=4, eos=4)
    for width, penalty in ((3, 0.0), (4, 1.0)):
        got = run_beam(learner, table, width, 4, 4, penalty)
        assert 1 <= len(got) <= width, f"a beam of {width} returned {len(got)} hypotheses"
        for tokens, score in got:
            assert 1 <= len(tokens) <= 4, f"{tokens} is not 1 to max_len = 4 tokens long"
            exact = sequence_logp(table, tokens) / len(tokens) ** penalty
            assert math.isclose(score, exact, rel_tol=1e-9), f"{tokens} scored {score}"
        scores = [score for _, score in got]
        assert scores == sorted(scores, reverse=True), f"the scores {scores} are not best first"


@task(2)
def test_beam_at_most_width(learner):
    """beam_search returns beam_width hypotheses, or every one there is when fewer exist."""
    table = random_table(11, vocab=3, max_len=2, eos=2)  # [eos] and 6 of two tokens: 7 exist
    for width, count in ((4, 4), (50, 7)):
        got = run_beam(learner, table, width, 2, 2)
        assert len(got) == count, f"a beam of {width} returned {len(got)} hypotheses"


@task(2)
def test_beam_default_length_penalty(learner):
    """length_penalty defaults to 0: leaving it out gives what length_penalty=0 gives."""
    table = random_table(12, vocab=3, max_len=3, eos=2)  # lengths 1 to 3: a penalty would show
    default = learner.run(probe_beam, table, 15, 3, 2, None)
    assert default == learner.run(probe_beam, table, 15, 3, 2, 0.0), (
        f"without length_penalty a beam of 15 gave {default}, not what length_penalty=0 gives")


@task(2)
def test_beam_large_ids_and_lengths(learner):
    """beam_search finishes at eos = 300 of 301 ids, and at max_len = 260 tokens."""
    for eos_from in (4, None):
        got = learner.run(probe_long, "beam_search", LONG_VOCAB, LONG_EOS, LONG_MAX, eos_from)
        want, logp = long_expected(eos_from)
        assert len(got) == 1 and got[0][0] == want, (
            f"with eos = {LONG_EOS} and max_len = {LONG_MAX}, a beam of 1 gave "
            f"{[(len(tokens), tokens[-3:]) for tokens, _ in got]} as (length, last tokens) "
            "(ids and lengths are compared by value)")
        assert math.isclose(got[0][1], logp, rel_tol=1e-9), f"it scored {got[0][1]}"


# ---------------------------------------------------------------- task 3: ctc_greedy_decode


def frames_for(path, vocab, seed=0):
    """Frames (T, vocab) of probabilities whose argmax is `path`."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(len(path), vocab))
    logits[np.arange(len(path)), path] += 10.0
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).tolist()


def ctc_reference(path, blank):
    collapsed = [t for i, t in enumerate(path) if i == 0 or t != path[i - 1]]
    return [t for t in collapsed if t != blank]


def run_ctc(learner, path, vocab, blank=None, seed=0):
    got = learner.run(probe_ctc, frames_for(path, vocab, seed), blank)
    assert got["type"] == "list", f"ctc_greedy_decode should return a list, not {got['type']}"
    return got["tokens"]


@points(2)
@task(3)
def test_ctc_blank_separates_repeats(learner):
    """CTC collapses repeats before removing blanks: a blank between two 1s keeps both."""
    for path in ([1, 1, 0, 1, 2, 2, 0, 0, 3], [0, 2, 0, 2, 2, 0]):
        got = run_ctc(learner, path, 4)
        assert got == ctc_reference(path, 0), f"the best path {path} decoded to {got}"


@task(3)
def test_ctc_repeats_and_blanks(learner):
    """Repeats without a blank collapse to one symbol; all blanks decode to nothing."""
    for path in ([2, 2, 2], [0, 0, 0], [3, 3, 1, 1, 0]):
        got = run_ctc(learner, path, 4)
        assert got == ctc_reference(path, 0), f"the best path {path} decoded to {got}"


@task(3)
def test_ctc_other_blank(learner):
    """ctc_greedy_decode(frames, blank) removes the blank it is given, not always 0."""
    path = [3, 0, 0, 3, 1, 3, 1, 1]
    got = run_ctc(learner, path, 4, blank=3)
    assert got == ctc_reference(path, 3), f"with blank=3 the best path {path} decoded to {got}"


@task(3)
def test_ctc_long_random_path(learner):
    """ctc_greedy_decode handles a long path of random frames."""
    path = np.random.default_rng(12).choice(5, size=60, p=[0.4, 0.15, 0.15, 0.15, 0.15]).tolist()
    got = run_ctc(learner, path, 5, seed=13)
    assert got == ctc_reference(path, 0), "the decoding of 60 random frames is wrong"
