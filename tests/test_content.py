"""This repository's course passes ``kata dev check``, the gates every course inherits (files,
teaching text, API, scores, coverage, the wrong-answer corpus), and this course's own
standards on top: at least 12 checks per kata, and a corpus of wrong answers for every kata."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CATALOG, COURSE
from grader import devcheck

ROOT = Path(__file__).resolve().parents[1]
MIN_CHECKS = 12


def test_this_repository_passes_kata_dev_check():
    findings = [str(finding) for finding in devcheck.check(ROOT, jobs=3)]
    assert findings == []


@pytest.mark.parametrize("kata", CATALOG, ids=lambda kata: kata.name)
def test_every_kata_has_many_checks(kata, catalog_checks):
    checks = catalog_checks[kata.name]
    assert len(checks) >= MIN_CHECKS, f"{kata.name} has {len(checks)} checks; {MIN_CHECKS} needed"


def test_every_kata_has_a_corpus_of_wrong_answers():
    entries = COURSE.wrong_answers_dir.glob(f"*/*{devcheck.MISTAKE}")
    assert {path.parent.name for path in entries} == {kata.name for kata in CATALOG}


def test_every_kata_has_visible_checks_for_its_pack():
    assert all(kata.visible for kata in CATALOG)
