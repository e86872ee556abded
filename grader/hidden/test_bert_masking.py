"""Hidden tests for the `bert_masking` kata: MLM's 15% with 80/10/10, and whole word masking.

The probes call the learner's function once per seed, each time with a fresh
``numpy.random.Generator``, and return every result; the verdicts count. Each statistical
check states its tolerance, set at four to six standard deviations of the count it bounds, so
a correct implementation fails it with a probability under 1e-4 whatever order and number of
draws it makes. The vocabulary shares no token with the sentences, so a random replacement can
always be told from a kept token.
"""

from __future__ import annotations

import statistics

from grader.markers import points, task

# ---------------------------------------------------------------- probes


def probe_mlm(m, tokens, vocab, rate, seeds):
    import warnings

    import numpy as np

    runs, mutated, noisy = [], False, []
    for seed in seeds:
        rng, given = np.random.default_rng(seed), list(tokens)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = (m.mlm_mask(given, vocab, rng) if rate is None
                      else m.mlm_mask(given, vocab, rng, rate))
        noisy += [str(w.message) for w in caught]
        mutated = mutated or given != tokens
        inputs, labels = result
        runs.append([[str(t) for t in inputs], [None if t is None else str(t) for t in labels]])
    return {"runs": runs, "mutated": mutated,
            "types": [type(result).__name__, type(inputs).__name__, type(labels).__name__],
            "warnings": noisy[:3]}


def probe_wwm(m, tokens, rate, seeds):
    import numpy as np

    runs, mutated = [], False
    for seed in seeds:
        rng, given = np.random.default_rng(seed), list(tokens)
        result = m.whole_word_mask(given, rng) if rate is None else m.whole_word_mask(given, rng, rate)
        mutated = mutated or given != tokens
        inputs, labels = result
        runs.append([[str(t) for t in inputs], [None if t is None else str(t) for t in labels]])
    return {"runs": runs, "mutated": mutated,
            "types": [type(result).__name__, type(inputs).__name__, type(labels).__name__]}


# ---------------------------------------------------------------- data and counting

SPECIALS = {"[CLS]", "[SEP]", "[PAD]"}
SENTENCE = (["[CLS]"] + [f"w{i}" for i in range(18)] + ["[SEP]"] + [f"x{i}" for i in range(18)]
            + ["[SEP]", "[PAD]", "[PAD]", "[PAD]"])  # 36 ordinary tokens, 6 specials
VOCAB = [f"v{i}" for i in range(10)]
ORDINARY = [i for i, t in enumerate(SENTENCE) if t not in SPECIALS]
SEEDS = list(range(200))

PIECES = ["[CLS]", "cat", "un", "##believ", "##able", "play", "##ing", "dog", "re", "##writ",
          "##ten", "[SEP]", "fun", "##ny", "over", "##look", "##ed", "sun", "walk", "##er", "tree",
          "in", "##sight", "##ful", "[SEP]", "[PAD]"]
WORDS = [[1], [2, 3, 4], [5, 6], [7], [8, 9, 10], [12, 13], [14, 15, 16], [17], [18, 19], [20],
         [21, 22, 23]]  # the positions of each word, written out by hand
WWM_SEEDS = list(range(400))


def mlm(learner, rate, seeds=SEEDS, tokens=SENTENCE):
    got = learner.run(probe_mlm, tokens, VOCAB, rate, seeds)
    assert got["types"][0] == "tuple" and got["types"][1:] == ["list", "list"], (
        f"mlm_mask should return a tuple of two lists, not {got['types']}")
    return got


def wwm(learner, rate, seeds=WWM_SEEDS, tokens=PIECES):
    got = learner.run(probe_wwm, tokens, rate, seeds)
    assert got["types"][0] == "tuple" and got["types"][1:] == ["list", "list"], (
        f"whole_word_mask should return a tuple of two lists, not {got['types']}")
    return got


def chosen_share(runs, positions):
    """The share of (run, position) pairs with a label, over the given positions."""
    return sum(labels[i] is not None for _, labels in runs for i in positions) / (
        len(runs) * len(positions))


def assert_near(value, want, tolerance, what):
    assert abs(value - want) <= tolerance, (
        f"{what} is {value:.3f}; it should be within {tolerance} of {want}")


# ---------------------------------------------------------------- task 1: mlm_mask


@task(1)
def test_mlm_shapes(learner):
    """mlm_mask returns two new lists as long as the tokens and leaves the tokens unchanged."""
    got = mlm(learner, None, seeds=[0, 1, 2])
    assert not got["mutated"], "mlm_mask changed the caller's token list"
    for inputs, labels in got["runs"]:
        assert len(inputs) == len(labels) == len(SENTENCE), (
            f"{len(SENTENCE)} tokens gave {len(inputs)} inputs and {len(labels)} labels")


@points(2)
@task(1)
def test_mlm_labels_mark_the_choices(learner):
    """Labels hold the original token where a token was chosen and None elsewhere."""
    got = mlm(learner, 0.5, seeds=SEEDS[:60])
    for inputs, labels in got["runs"]:
        for i, token in enumerate(SENTENCE):
            if labels[i] is None:
                assert inputs[i] == token, f"{token!r} was changed to {inputs[i]!r} without a label"
            else:
                assert labels[i] == token, f"the label of {token!r} is {labels[i]!r}"


@points(2)
@task(1)
def test_mlm_specials_never_chosen(learner):
    """[CLS], [SEP] and [PAD] are never chosen, even with rate=1, which chooses all the rest."""
    got = mlm(learner, 1.0, seeds=SEEDS[:40])
    for inputs, labels in got["runs"]:
        for i, token in enumerate(SENTENCE):
            if token in SPECIALS:
                assert labels[i] is None and inputs[i] == token, f"{token} was chosen"
            else:
                assert labels[i] == token, f"with rate=1, {token!r} was not chosen"


@points(2)
@task(1)
def test_mlm_rate(learner):
    """About rate of the ordinary tokens are chosen (0.15 ± 0.02, 0.4 ± 0.03; 0 gives none)."""
    assert_near(chosen_share(mlm(learner, None)["runs"], ORDINARY), 0.15, 0.02,
                "with the default rate, the share of tokens chosen")
    assert_near(chosen_share(mlm(learner, 0.4)["runs"], ORDINARY), 0.4, 0.03,
                "with rate=0.4, the share of tokens chosen")
    assert chosen_share(mlm(learner, 0.0, seeds=SEEDS[:20])["runs"], ORDINARY) == 0, (
        "with rate=0 a token was chosen")


@points(2)
@task(1)
def test_mlm_80_10_10(learner):
    """A chosen token becomes [MASK] 80% (± 2.5), a vocabulary token 10% (± 1.8), stays 10% (± 1.8)."""
    got = mlm(learner, 1.0)
    outcomes = [inputs[i] for inputs, _ in got["runs"] for i in ORDINARY]
    kept = sum(inputs[i] == SENTENCE[i] for inputs, _ in got["runs"] for i in ORDINARY)
    assert_near(outcomes.count("[MASK]") / len(outcomes), 0.8, 0.025, "the share turned into [MASK]")
    assert_near(sum(t in VOCAB for t in outcomes) / len(outcomes), 0.1, 0.018,
                "the share replaced by a vocabulary token")
    assert_near(kept / len(outcomes), 0.1, 0.018, "the share left as it was")


@task(1)
def test_mlm_random_tokens_from_vocab(learner):
    """Random replacements are drawn uniformly from the whole vocabulary."""
    got = mlm(learner, 1.0)
    replaced = [inputs[i] for inputs, _ in got["runs"] for i in ORDINARY
                if inputs[i] not in ("[MASK]", SENTENCE[i])]
    strangers = sorted({t for t in replaced if t not in VOCAB})
    assert not strangers, f"replacements that are not in the vocabulary: {strangers[:5]}"
    expected = len(replaced) / len(VOCAB)
    for word in VOCAB:
        assert 0.5 * expected <= replaced.count(word) <= 1.5 * expected, (
            f"{word!r} replaced {replaced.count(word)} of {len(replaced)} tokens; about "
            f"{expected:.0f} would be uniform")


@task(1)
def test_mlm_each_token_chosen_independently(learner):
    """Each token is chosen on its own: every position alike, and the count varies per call."""
    runs = mlm(learner, 0.5)["runs"]
    for i in ORDINARY:
        assert_near(chosen_share(runs, [i]), 0.5, 0.2, f"the share of calls choosing {SENTENCE[i]!r}")
    counts = [sum(labels[i] is not None for i in ORDINARY) for _, labels in runs]
    assert 4.5 <= statistics.variance(counts) <= 14.0, (
        f"the number chosen per call has variance {statistics.variance(counts):.2f}; choosing "
        "36 tokens independently at rate 0.5 gives about 9")


@task(1)
def test_mlm_uses_the_generator(learner):
    """All randomness comes from rng: the same seed gives the same result, another seed another."""
    first, again = mlm(learner, 0.5, seeds=[7, 8]), mlm(learner, 0.5, seeds=[7, 8])
    assert first["runs"] == again["runs"], "two generators with the same seed gave different masks"
    assert first["runs"][0] != first["runs"][1], "generators with different seeds gave the same mask"


@task(1)
def test_mlm_no_warnings(learner):
    """mlm_mask runs without a warning, on a sentence with special tokens too."""
    got = mlm(learner, 0.5, seeds=SEEDS[:20])
    assert not got["warnings"], f"mlm_mask warned: {got['warnings'][0]}"


# ---------------------------------------------------------------- task 2: whole_word_mask


def word_chosen_share(runs, words):
    """The share of (run, word) pairs whose first piece is masked."""
    return sum(labels[word[0]] is not None for _, labels in runs for word in words) / (
        len(runs) * len(words))


@task(2)
def test_wwm_masks_with_labels(learner):
    """whole_word_mask puts [MASK] where it labels a piece with the original, leaves the rest."""
    got = wwm(learner, 0.5, seeds=WWM_SEEDS[:60])
    assert not got["mutated"], "whole_word_mask changed the caller's token list"
    for inputs, labels in got["runs"]:
        assert len(inputs) == len(labels) == len(PIECES), "the results are not as long as the tokens"
        for i, piece in enumerate(PIECES):
            want = (piece, None) if labels[i] is None else ("[MASK]", piece)
            assert (inputs[i], labels[i]) == want, (
                f"{piece!r} became {inputs[i]!r} with the label {labels[i]!r}")


@points(2)
@task(2)
def test_wwm_whole_words(learner):
    """The pieces of a word are masked together: all of them or none."""
    for inputs, labels in wwm(learner, 0.5, seeds=WWM_SEEDS[:100])["runs"]:
        for word in WORDS:
            masked = [labels[i] is not None for i in word]
            assert all(masked) or not any(masked), (
                f"only part of the word {[PIECES[i] for i in word]} was masked")


@task(2)
def test_wwm_specials_never_chosen(learner):
    """With rate=1 every word is masked and [CLS], [SEP], [PAD] are left alone."""
    for inputs, labels in wwm(learner, 1.0, seeds=WWM_SEEDS[:10])["runs"]:
        for i, piece in enumerate(PIECES):
            if piece in SPECIALS:
                assert inputs[i] == piece and labels[i] is None, f"{piece} was masked"
            else:
                assert labels[i] == piece, f"with rate=1, {piece!r} was not masked"


@task(2)
def test_wwm_piece_after_special(learner):
    """A ## piece right after a special token is a word of its own, not part of the word before."""
    tokens = ["[CLS]", "dog", "[SEP]", "##s", "run", "[SEP]"]
    runs = wwm(learner, 0.5, seeds=WWM_SEEDS[:200], tokens=tokens)["runs"]
    apart = sum((labels[1] is None) != (labels[3] is None) for _, labels in runs)
    assert apart > 0, f"in {tokens} 'dog' and '##s' were always masked together"
    assert_near(chosen_share(runs, [3]), 0.5, 0.15, "the share of calls masking '##s'")


# BERT's longest input: 512 tokens, words of one to three pieces, so that positions run past
# the small ints CPython caches (which `is` happens to find equal).
LONG = ["[CLS]"] + [piece for w in range(300) for piece in
                    [f"t{w}", "##x", "##y"][: 1 + w % 3]][:510] + ["[SEP]"]


@task(2)
def test_wwm_bert_length(learner):
    """Words stay whole in a sequence of 512 tokens, BERT's longest input."""
    words = []
    for i, token in enumerate(LONG):
        if token.startswith("##"):
            words[-1].append(i)
        elif token not in SPECIALS:
            words.append([i])
    for inputs, labels in wwm(learner, 0.5, seeds=WWM_SEEDS[:20], tokens=LONG)["runs"]:
        for word in words:
            masked = [labels[i] is not None for i in word]
            assert all(masked) or not any(masked), (
                f"only part of the word at positions {word[0]}..{word[-1]} of {len(LONG)} tokens "
                "was masked (positions are compared by value)")


@points(2)
@task(2)
def test_wwm_rate_per_word(learner):
    """About rate of the words are chosen (0.15 ± 0.025, 0.3 ± 0.035), counting words, not pieces."""
    assert_near(word_chosen_share(wwm(learner, None)["runs"], WORDS), 0.15, 0.025,
                "with the default rate, the share of words chosen")
    assert_near(word_chosen_share(wwm(learner, 0.3)["runs"], WORDS), 0.3, 0.035,
                "with rate=0.3, the share of words chosen")


@task(2)
def test_wwm_long_words_not_favoured(learner):
    """A word of three pieces is chosen as often as any other word (0.3 ± 0.055)."""
    long_words = [word for word in WORDS if len(word) == 3]
    assert_near(word_chosen_share(wwm(learner, 0.3)["runs"], long_words), 0.3, 0.055,
                "with rate=0.3, the share of three-piece words chosen")


@task(2)
def test_wwm_uses_the_generator(learner):
    """All randomness comes from rng: the same seed gives the same result, another seed another."""
    first, again = wwm(learner, 0.5, seeds=[3, 4]), wwm(learner, 0.5, seeds=[3, 4])
    assert first["runs"] == again["runs"], "two generators with the same seed gave different masks"
    assert first["runs"][0] != first["runs"][1], "generators with different seeds gave the same mask"
