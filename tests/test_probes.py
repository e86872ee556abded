"""What was read of the probes is kept between runs, and never stands in for a changed probe."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from grader import collection, probes

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]


def kata_check(course: Path, cache: Path) -> dict[str, str]:
    """`kata check` of the tiny course's passing submission, as a learner runs it: test id ->
    status."""
    run = subprocess.run(
        [sys.executable, "-m", "grader", "check", "--course", str(course), "--path",
         str(course / "submissions" / "passing"), "--format", "json", "--output", "-"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYKATA_CACHE": str(cache)})
    assert run.returncode in (0, 1), run.stderr[-3000:]
    return {test["id"]: test["status"] for kata in json.loads(run.stdout)["katas"]
            for test in kata["tests"]}


def test_a_probe_changed_since_the_last_check_runs_as_it_now_is(tmp_path):
    course, cache = tmp_path / "course", tmp_path / "cache"
    shutil.copytree(FIXTURES, course)
    first = kata_check(course, cache)
    assert first["tiny::test_add_small"] == "passed"
    assert any(path.name.startswith("probes-of-") for path in cache.iterdir())
    assert kata_check(course, cache) == first  # from the cache this time
    hidden = course / "hidden" / "test_tiny.py"
    # The same function at the same line, one constant different.
    hidden.write_text(hidden.read_text().replace("return m.add(a, b)", "return m.add(a, b) + 0 * 1"))
    assert kata_check(course, cache) == first
    hidden.write_text(hidden.read_text().replace("+ 0 * 1", "+ 1 * 1"))
    changed = kata_check(course, cache)
    assert changed["tiny::test_add_small"] == "failed"
    assert changed["tiny::test_greet"] == "passed"


def test_the_probes_of_a_file_are_known_once_read(tmp_path, monkeypatch):
    monkeypatch.setenv(collection.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(probes, "_tables", {})
    monkeypatch.setattr(probes, "_known", {})
    hidden = tmp_path / "test_some.py"
    hidden.write_text("import math\n\n\ndef probe_root(m, x):\n    import fractions\n"
                      "    return m.root(x)\n\n\ndef probe_twice(m, x):\n    return 2 * x\n")
    module = collection._module(hidden)
    assert probes.known([hidden]) == []
    found = [probes.of(module.probe_root), probes.of(module.probe_twice)]
    assert found[0].name == "probe_root" and found[0].imports == ("fractions",)
    assert found[0].source.startswith("def probe_root(m, x):")
    assert found[0].source.rstrip().endswith("return m.root(x)")
    probes.save()
    monkeypatch.setattr(probes, "_tables", {})  # as a new run would start
    assert sorted(probes.known([hidden])) == sorted(found)
    assert probes.known([hidden, tmp_path / "test_unread.py"]) == []
