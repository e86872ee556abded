"""``kata release --github-classroom``: the workflow in the pack and the checks zip beside it,
run here step by step as GitHub Actions would (the steps that need the runner's sudo, and the
reporter action itself, aside)."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import COURSE
from grader import release

ROOT = Path(__file__).resolve().parents[1]
KATAS = ["copying", "arguments"]


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    top = tmp_path_factory.mktemp("classroom")
    assert release.run(course=COURSE, out=top / "pack", katas=KATAS, github_classroom=True) == 0
    return {"pack": top / "pack", "checks": top / "pack.checks.zip"}


def steps(workflow: str) -> dict[str, str]:
    """Each step's name and ``run:`` script, read from the workflow's text."""
    found: dict[str, str] = {}
    name = ""
    lines = workflow.splitlines()
    for index, line in enumerate(lines):
        if match := re.match(r"\s*- name: (.+)$", line):
            name = match.group(1)
        elif line.strip() == "run: |":
            indent = len(line) - len(line.lstrip()) + 2
            body = []
            for following in lines[index + 1:]:
                if following.strip() and len(following) - len(following.lstrip()) < indent:
                    break
                body.append(following[indent:])
            found[name] = "\n".join(body) + "\n"
    return found


def test_the_workflow_is_in_the_pack_and_the_hidden_tests_are_not(released):
    pack = released["pack"]
    workflow = (pack / ".github" / "workflows" / "classroom.yml").read_text()
    shipped = sorted(path.name for path in pack.rglob("test_*.py"))  # the visible checks
    assert shipped == sorted(f"test_{name}.py" for name in KATAS)
    for path in pack.rglob("test_*.py"):
        assert "(the teacher's grading runs more)" in path.read_text()
    with zipfile.ZipFile(released["checks"]) as archive:
        names = sorted(archive.namelist())
    assert [n for n in names if "/test_" in n] == ["hidden/test_arguments.py",
                                                   "hidden/test_copying.py"]
    assert "course.toml" in names  # the grading course: `kata check --course` reads it
    assert all(n.startswith(("hidden/", "meta/")) for n in names if n != "course.toml")
    assert '--course "$course"' in workflow
    assert "uses: classroom-resources/autograding-grading-reporter@v1" in workflow
    assert "PYKATA_RESULTS: \"${{ steps.pykata.outputs.result }}\"" in workflow
    assert "runners: pykata" in workflow and "id: pykata" in workflow
    assert "secrets.PYKATA_CHECKS_URL" in workflow and "python -m pip install -q ." in workflow


def test_the_workflow_parses_as_yaml_when_a_yaml_library_is_here(released):
    text = (released["pack"] / ".github" / "workflows" / "classroom.yml").read_text()
    script = ("import json, sys, yaml; data = yaml.safe_load(sys.stdin); "
              "data['on'] = data.pop(True, data.get('on')); print(json.dumps(data))")
    interpreters = [sys.executable, shutil.which("python3") or ""]
    for python in filter(None, interpreters):
        done = subprocess.run([python, "-c", script], input=text, capture_output=True,
                              text=True, timeout=60)
        if done.returncode == 0:
            break
    else:
        pytest.skip("no YAML library installed")
    data = json.loads(done.stdout)
    job = data["jobs"]["run-autograding-tests"]
    ids = [step.get("id") for step in job["steps"]]
    assert "pykata" in ids
    reporter = job["steps"][-1]
    assert reporter["uses"] == "classroom-resources/autograding-grading-reporter@v1"
    assert reporter["with"] == {"runners": "pykata"}
    assert set(data["on"]) == {"push", "workflow_dispatch", "repository_dispatch"}
    assert job["steps"][ids.index("pykata")]["run"] == steps(text)["Grade"]


def run_steps(pack: Path, tmp_path: Path, checks_url: str) -> dict:
    """The fetch and grade steps of the workflow, as a runner runs them: the payload."""
    repo = tmp_path / "repo"
    shutil.copytree(pack, repo)
    shutil.copy(ROOT / "solutions" / "copying.py", repo / "katas" / "copying.py")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "kata").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m grader "$@"\n')
    (bin_dir / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    for tool in ("kata", "python"):
        (bin_dir / tool).chmod(0o755)
    output = tmp_path / "github_output"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "PYTHONPATH": str(repo),
           "RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(output),
           "CHECKS_URL": checks_url, "HOME": str(tmp_path)}
    text = (repo / ".github" / "workflows" / "classroom.yml").read_text()
    found = steps(text)
    for name in ("Fetch the course's checks", "Grade"):
        done = subprocess.run(["bash", "-e", "-c", found[name]], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stdout + done.stderr
    key, _, value = output.read_text().strip().partition("=")
    assert key == "result"
    return json.loads(base64.b64decode(value))


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_the_workflow_grades_a_push_with_a_score_per_check(released, tmp_path):
    payload = run_steps(released["pack"], tmp_path, released["checks"].resolve().as_uri())
    assert payload["version"] == 1 and payload["status"] == "fail"  # arguments is a stub
    copying = [t for t in payload["tests"] if t["filename"] == "copying.py"]
    arguments = [t for t in payload["tests"] if t["filename"] == "arguments.py"]
    assert copying and all(t["status"] == "pass" and t["score"] > 0 for t in copying)
    assert arguments and all(t["status"] == "fail" and t["score"] == 0 for t in arguments)
    assert sum(t["score"] for t in payload["tests"]) == sum(t["score"] for t in copying)
    assert payload["max_score"] > sum(t["score"] for t in copying)
    reporter = os.environ.get("PYKATA_REPORTER_JS")  # opt-in: the reporter's dist/main.js
    if reporter:
        done = subprocess.run(["node", reporter], capture_output=True, text=True, timeout=60,
                              env={"PATH": "/usr/bin:/bin", "INPUT_RUNNERS": "pykata",
                                   "PYKATA_RESULTS": base64.b64encode(
                                       json.dumps(payload).encode()).decode()})
        points = sum(t["score"] for t in copying)
        assert f"Points {points}/{payload['max_score']}" in done.stdout, done.stdout


@pytest.mark.parametrize("url", ["", "file:///nonexistent/checks.zip"])
def test_without_the_checks_the_payload_says_it_could_not_grade(released, tmp_path, url):
    payload = run_steps(released["pack"], tmp_path, url)
    assert payload["status"] == "error"
    (test,) = payload["tests"]
    assert test["status"] == "error" and "could not grade" in test["message"]
