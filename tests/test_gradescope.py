"""``kata release --gradescope FILE.zip``: the autograder zip, run in a simulated /autograder.

Gradescope unpacks the zip into /autograder/source, copies run_autograder to /autograder and
runs it as root with the upload in /autograder/submission. Here a temporary folder is
bind-mounted over /autograder with bubblewrap, and run_autograder runs inside it exactly as
shipped; setup.sh (apt-get, a venv in /opt) is replaced by this interpreter's site-packages,
whose ``bin`` is first on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from grader import autograder, cli, notebook, release
from conftest import BY_NAME, COURSE

ROOT = Path(__file__).resolve().parents[1]
KATAS = ["copying", "arguments"]  # two katas keep every upload quick
BIN = str(Path(sys.executable).parent)
Upload = Callable[[Path], None]

# bubblewrap, and a mount point for /autograder (made by bwrap itself when run as root)
pytestmark = pytest.mark.skipif(
    shutil.which("bwrap") is None or (os.geteuid() != 0 and not Path("/autograder").is_dir()),
    reason="needs bubblewrap and root (or an existing /autograder) to simulate Gradescope")


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    top = tmp_path_factory.mktemp("gradescope")
    zip_path = top / "autograder.zip"
    assert release.run(course=COURSE, out=top / "pack", katas=KATAS, gradescope=zip_path,
                       visibility=["after_due_date", "copying=visible",
                                   "arguments::test_add_item_appends=hidden"]) == 0
    return {"pack": top / "pack", "zip": zip_path}


def simulate(zip_path: Path, folder: Path, upload: Upload,
             path: str = f"{BIN}:/usr/bin:/bin") -> tuple[dict, str]:
    """run_autograder in ``folder`` mounted over /autograder: (results.json, its stdout)."""
    for part in ("source", "submission", "results"):
        (folder / part).mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder / "source")
    shutil.copy(folder / "source" / "run_autograder", folder / "run_autograder")
    upload(folder / "submission")
    done = subprocess.run(
        ["bwrap", "--dev-bind", "/", "/", "--bind", str(folder), "/autograder",
         "--chdir", "/autograder", "--clearenv", "--setenv", "PATH", path,
         "--setenv", "HOME", "/root", "bash", "/autograder/run_autograder"],
        capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((folder / "results" / "results.json").read_text(encoding="utf-8"))
    return results, done.stdout


def solutions(target: Path, names: list[str] = KATAS, source: str = "solutions") -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / source / f"{name}.py", target / f"{name}.py")


# ---------------------------------------------------------------- the zip


def test_the_zip_has_the_scripts_at_its_root_and_the_grader_with_its_hidden_tests(released):
    with zipfile.ZipFile(released["zip"]) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        config = json.loads(archive.read(autograder.CONFIG))
        setup = archive.read("setup.sh").decode()
        names = set(infos)
    for script in ("setup.sh", "run_autograder"):
        assert stat.S_IMODE(infos[script].external_attr >> 16) == 0o755
    assert "apt-get install" in setup and "bubblewrap" in setup
    assert "pip install -q /autograder/source/pykata" in setup
    assert config == {"schema": "pykata-gradescope/1", "katas": KATAS, "feedback": "brief",
                      "visibility": "after_due_date",
                      "rules": {"copying": "visible", "arguments::test_add_item_appends": "hidden"}}
    hidden = sorted(name for name in names if name.startswith("pykata/grader/hidden/"))
    assert [name.rsplit("/", 1)[1] for name in hidden if "/test_" in name] == [
        "test_arguments.py", "test_copying.py"]  # the released katas' tests only
    assert {"pykata/pyproject.toml", "pykata/katas/copying.py",
            "pykata/grader/autograder.py"} <= names
    assert not any("solutions" in name.split("/") for name in names)


def test_no_solution_is_in_the_zip_and_the_student_pack_has_no_hidden_test(released):
    bodies = release.secret_bodies(COURSE)
    with zipfile.ZipFile(released["zip"]) as archive:
        for name in archive.namelist():
            if "/hidden/" in name:
                continue
            squeezed = " ".join(archive.read(name).decode("utf-8", "replace").split())
            assert not [body for body in bodies if body in squeezed], name
    for path in released["pack"].rglob("test_*.py"):  # the student pack: visible checks only
        kata = BY_NAME[path.stem.removeprefix("test_")]
        assert set(re.findall(r"^def (test_\w+)", path.read_text(), re.M)) == set(kata.visible)


@pytest.mark.parametrize("value, message", [
    ("sometimes", "the level is one of visible, after_due_date, hidden, after_published"),
    ("closures=hidden", "'closures' is not a released kata"),
    ("copying::test_nothing=hidden", "copying has no check 'copying::test_nothing'"),
])
def test_a_bad_visibility_is_refused_before_anything_is_written(tmp_path, value, message):
    with pytest.raises(release.UsageError, match=message):
        release.run(course=COURSE, out=tmp_path / "pack", katas=KATAS, gradescope=tmp_path / "a.zip",
                    visibility=[value])
    assert not (tmp_path / "pack").exists() and not (tmp_path / "a.zip").exists()


def test_the_scripts_are_valid_bash(released, tmp_path):
    with zipfile.ZipFile(released["zip"]) as archive:
        archive.extractall(tmp_path)
    for script in ("setup.sh", "run_autograder"):
        done = subprocess.run(["bash", "-n", str(tmp_path / script)], capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- in a simulated /autograder


def test_a_full_upload_of_loose_files_scores_full_marks(released, tmp_path):
    results, stdout = simulate(released["zip"], tmp_path, solutions)
    assert results["score"] == results["max_score"] > 0
    assert all(test["status"] == "passed" for test in results["tests"])
    assert sum(test["max_score"] for test in results["tests"]) == results["max_score"]
    assert "Graded: kata modules in the top of the upload." in results["output"]
    assert results["stdout_visibility"] == "hidden" and results["visibility"] == "after_due_date"
    seen = {test["tags"][0]: set() for test in results["tests"]}
    for test in results["tests"]:
        seen[test["tags"][0]].add(test["visibility"])
    assert seen["copying"] == {"visible"}
    assert seen["arguments"] == {"after_due_date", "hidden"}
    # the instructor-only stdout: the sandbox layers and the integrity scan
    assert "pykata: sandbox: resource limits" in stdout and "bubblewrap" in stdout
    assert "pykata: integrity: no flags" in stdout


def test_stubs_in_any_one_folder_score_zero_with_each_check_shown(released, tmp_path):
    results, stdout = simulate(released["zip"], tmp_path,
                               lambda up: solutions(up / "Homework 3", source="katas"))
    assert results["score"] == 0 and results["max_score"] > 0
    assert len(results["tests"]) > 10 and all(t["output"] for t in results["tests"])
    assert "Graded: kata modules in Homework 3/." in results["output"]
    assert "kata modules in Homework 3/" in stdout


def test_a_notebook_upload_is_graded(released, tmp_path):
    def upload(folder: Path) -> None:
        (folder / "work").mkdir()
        notebook.write(notebook.export([BY_NAME[name] for name in KATAS],
                                       path=ROOT / "solutions", out_name="katas.ipynb"),
                       folder / "work" / "katas.ipynb")
    results, stdout = simulate(released["zip"], tmp_path, upload)
    assert results["score"] == results["max_score"] > 0
    assert "the notebook work/katas.ipynb" in results["output"]


def test_a_zip_upload_is_graded(released, tmp_path):
    def upload(folder: Path) -> None:
        with zipfile.ZipFile(folder / "submission.zip", "w") as archive:
            for name in KATAS:
                archive.write(ROOT / "solutions" / f"{name}.py", f"katas/{name}.py")
    results, _ = simulate(released["zip"], tmp_path, upload)
    assert results["score"] == results["max_score"] > 0


def test_an_upload_with_nothing_to_grade_still_gets_a_clear_result(released, tmp_path):
    results, stdout = simulate(released["zip"], tmp_path,
                               lambda up: (up / "notes.txt").write_text("hello"))
    assert results["score"] == 0 and results["tests"] == []
    assert results["output"].startswith("Nothing could be graded: your upload holds no kata")
    assert "Upload your kata files (such as copying.py)" in results["output"]
    assert "no kata module, zip or notebook" in stdout


def test_a_broken_zip_says_so(released, tmp_path):
    results, _ = simulate(released["zip"], tmp_path,
                          lambda up: (up / "katas.zip").write_bytes(b"not a zip at all"))
    assert results["score"] == 0 and results["output"].startswith("Nothing could be graded:")


def test_integrity_flags_reach_the_instructor_only_and_a_crash_is_named(released, tmp_path):
    def upload(folder: Path) -> None:
        solutions(folder)
        with (folder / "copying.py").open("a") as handle:
            handle.write("\n\nimport os\n\ndef relation(a, b):\n    os._exit(3)\n")
    results, stdout = simulate(released["zip"], tmp_path, upload)
    assert "pykata: integrity: copying.py line" in stdout and "process-exit" in stdout
    assert "process-exit" not in json.dumps(results)
    outputs = [t["output"] for t in results["tests"] if t["tags"][:2] == ["copying", "relation"]]
    assert outputs and all(output.startswith(("crashed (the process crashed)", "error:"))
                           for output in outputs), outputs
    assert 0 < results["score"] < results["max_score"]


def test_without_its_python_run_autograder_still_writes_a_result(released, tmp_path):
    results, stdout = simulate(released["zip"], tmp_path, solutions, path="/usr/bin:/bin")
    if results.get("tests"):
        pytest.skip("/usr/bin/python3 here has pykata's dependencies")
    assert results["score"] == 0
    assert results["output"].startswith("The autograder could not start")
    assert "wrote no results" in stdout


def test_the_config_unreadable_is_the_graders_failure_told_plainly(tmp_path):
    (tmp_path / "up").mkdir()
    results = tmp_path / "results.json"
    (tmp_path / "config.json").write_text("{not json")
    assert autograder.run(upload=tmp_path / "up", results=results,
                          settings_file=tmp_path / "config.json") == 0
    data = json.loads(results.read_text())
    assert data["score"] == 0 and "The autograder failed on this submission" in data["output"]


def test_locate_prefers_the_folder_with_the_most_kata_modules(tmp_path):
    katas = [BY_NAME[name] for name in KATAS]
    solutions(tmp_path / "a" / "old", names=["copying"])
    solutions(tmp_path / "b" / "new")
    (tmp_path / ".hidden").mkdir()
    solutions(tmp_path / ".hidden", names=KATAS)
    found = autograder.locate(tmp_path, katas)
    assert found.path == tmp_path / "b" / "new" and found.note == "kata modules in b/new/"
    assert autograder.locate(tmp_path / "a", katas).path == tmp_path / "a" / "old"
    os.mkdir(tmp_path / "empty")
    assert autograder.locate(tmp_path / "empty", katas).path is None


def test_the_cli_writes_the_zip_and_refuses_visibility_without_it(tmp_path, capsys):
    assert cli.main(["release", "copying", "--out", str(tmp_path / "pack"), "--gradescope",
                     str(tmp_path / "ag.zip"), "--visibility", "hidden"]) == 0
    assert "Gradescope: upload" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "ag.zip") as archive:
        assert json.loads(archive.read(autograder.CONFIG))["visibility"] == "hidden"
    assert cli.main(["release", "--out", str(tmp_path / "other"), "--visibility",
                     "hidden"]) == 2
    err = capsys.readouterr().err
    assert err == ("kata: error: --visibility is for the Gradescope zip: add --gradescope "
                   "FILE.zip\n")
    assert not (tmp_path / "other").exists()
