"""Hidden tests loaded without a pytest session give exactly what a pytest session collects."""

from __future__ import annotations

from grader import collection, engine

from tests.conftest import COURSE, HIDDEN, TINY, TINY_COURSE, course_of


def summary(checks):
    return {kata: [(c.id, c.task, c.points, c.description) for c in found]
            for kata, found in checks.items()}


def test_the_fast_path_collects_what_pytest_collects():
    fast = engine.collect(COURSE)
    slow = engine._collect_with_pytest(COURSE, COURSE.katas)
    assert summary(fast) == summary(slow)
    assert sum(len(found) for found in fast.values()) > 200


def test_rewritten_asserts_still_explain_a_failed_comparison(tmp_path, monkeypatch):
    monkeypatch.setenv(collection.CACHE_ENV, str(tmp_path / "cache"))
    checks = engine.collect(TINY_COURSE)
    check = checks["tiny"][0]

    class Learner:
        def run(self, probe, *args):
            return 4

    try:
        check.function(Learner())
    except AssertionError as exc:
        assert "assert 4 == 5" in str(exc)
    else:
        raise AssertionError("the check should have failed")
    assert list((tmp_path / "cache").iterdir()), "the rewritten code was not cached"
    again = engine.collect(TINY_COURSE)  # from the cache this time
    assert summary(again) == summary(checks)


def test_a_module_that_needs_pytest_is_collected_by_pytest(tmp_path):
    (tmp_path / "test_tiny.py").write_text(
        "import pytest\n\n@pytest.mark.parametrize('n', [1, 2])\n"
        "def test_twice(learner, n):\n    \"\"\"Twice.\"\"\"\n")
    assert collection.load(tmp_path / "test_tiny.py") is None
    checks = engine.collect(course_of(tmp_path, TINY[:1]))
    assert [c.id for c in checks["tiny"]] == ["tiny::test_twice[1]", "tiny::test_twice[2]"]
