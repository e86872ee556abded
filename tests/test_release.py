"""``kata release``: a student pack that installs, runs, and hides what a learner must not see.

The pack's own grader is run from source (``PYTHONPATH=pack``) with this interpreter, whose
site-packages provide rich, pytest and the rest; a real ``pip install`` of the pack is the
opt-in test at the end.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import BY_NAME, CATALOG, COURSE
from grader import course
from grader import commands, engine, release
from grader.course import PACKAGE_DIR
from grader.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
NAMES = [kata.name for kata in CATALOG]


def kata(pack: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``kata ARGS`` run by the pack's grader, never the repository's."""
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd or pack,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "120", "PYTHONPATH": str(pack)})


def hidden_names() -> set[str]:
    """Every test and probe function name of the hidden tests, read independently of release."""
    return {name for path in COURSE.hidden_dir.glob("test_*.py")
            for name in re.findall(r"^\s*def ((?:test|probe)_\w+)", path.read_text(), re.M)}


def visible_names() -> set[str]:
    return {name for kata in CATALOG for name in kata.visible}


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release") / "nested" / "pack"  # parents are created
    assert release.run(course=COURSE, out=out) == 0
    return out


# ---------------------------------------------------------------- layout


def test_the_pack_holds_stubs_grader_pyproject_and_readme(pack, capsys):
    assert sorted(p.name for p in pack.iterdir()) == ["README.md", "course.toml", "grader",
                                                      "katas", "meta", "pyproject.toml"]
    shipped = sorted(p.stem for p in (pack / "katas").glob("*.py"))
    assert shipped == sorted(NAMES)
    for name in NAMES:
        stub = (ROOT / "katas" / f"{name}.py").read_bytes()
        assert (pack / "katas" / f"{name}.py").read_bytes() == stub
        assert (pack / "grader" / "_stubs" / f"{name}.py").read_bytes() == stub
    shipped = {path.parent for path in pack.rglob("test_*.py")}
    assert shipped == {pack / "grader" / "hidden"} and not list(pack.rglob("solutions"))
    for path in (pack / "grader" / "hidden").glob("test_*.py"):  # the visible checks only
        tests = set(re.findall(r"^def (test_\w+)", path.read_text(), re.M))
        assert tests == set(BY_NAME[path.stem.removeprefix("test_")].visible), path
    assert not list(pack.rglob("__pycache__")) and not list(pack.rglob("*.pyc"))
    readme = (pack / "README.md").read_text()
    assert ".venv/bin/pip install -q ." in readme and "kata reset" in readme
    assert "katas.zip" in readme and "solutions" not in readme


def test_the_points_table_is_derived_from_the_hidden_tests(pack, catalog_checks):
    shipped = course.load(pack)
    assert shipped.pack and [kata.name for kata in shipped.katas] == NAMES
    assert {name: worth for name, (_, worth) in shipped.hidden_checks.items()} == {
        name: sum(c.points for c in found) for name, found in catalog_checks.items()}
    assert {name: more for name, (more, _) in shipped.hidden_checks.items()} == {
        name: len(found) - len(BY_NAME[name].visible) for name, found in catalog_checks.items()}


def test_nothing_secret_is_in_the_pack(pack):
    names = hidden_names() - visible_names() - probes_of_visible(pack)
    assert len(names) > 100
    bodies = release.secret_bodies(COURSE)
    assert len(bodies) > 50
    for path in (p for p in pack.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        words = set(re.findall(r"\b(?:test|probe)_\w+", text))
        assert not words & names, f"{path} names hidden tests: {sorted(words & names)[:3]}"
        squeezed = " ".join(text.split())
        assert not [body for body in bodies if body in squeezed], f"{path} holds a solution"


def test_the_pack_pyproject_installs_the_packaged_stubs_not_katas(pack):
    tomllib = pytest.importorskip("tomllib")
    course = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packed = tomllib.loads((pack / "pyproject.toml").read_text())
    assert packed["project"] == course["project"]
    assert packed["build-system"] == course["build-system"]
    included = packed["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert "katas" not in included  # a learner's answers are never packaged
    assert included["grader/_stubs"] == "grader/_course/katas"
    assert included["course.toml"] == "grader/_course/course.toml"
    assert "pytest" not in packed["tool"]


def test_pack_pyproject_drops_only_the_named_sections():
    text = ('[project]\nname = "x"\n\n[tool.hatch.build.targets.wheel.force-include]\n'
            '"katas" = "grader/_stubs"\n\n[tool.pytest.ini_options] # tests\naddopts = "-ra"\n\n'
            '[tool.other]\nkeep = true\n')
    assert release.pack_pyproject(text) == '[project]\nname = "x"\n\n[tool.other]\nkeep = true\n'


# ---------------------------------------------------------------- the pack's own grader


def test_the_pack_runs_its_own_grader_not_the_repositorys(pack):
    done = subprocess.run([sys.executable, "-c", "import grader; print(grader.__file__)"],
                          cwd=pack, capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(pack)})
    assert Path(done.stdout.strip()) == pack / "grader" / "__init__.py"


def probes_of_visible(pack: Path) -> set[str]:
    return {name for path in (pack / "grader" / "hidden").glob("test_*.py")
            for name in re.findall(r"^def (probe_\w+)", path.read_text(), re.M)}


def test_kata_list_and_kata_alone_show_the_katas_and_how_to_hand_in(pack):
    for args in (("list",), ()):
        done = kata(pack, *args)
        assert done.returncode == 0, done.stderr
        assert all(name in done.stdout for name in NAMES)
        assert done.stderr == ""
    assert re.search(r"copying .*\b29\b", kata(pack, "list").stdout)  # every check's points
    assert "your teacher's grading runs" in " ".join(kata(pack).stdout.split())
    assert "kata check grades each kata's visible checks" in " ".join(kata(pack, "list").stdout.split())


def test_kata_hint_works_without_hidden_tests(pack):
    done = kata(pack, "hint", "copying")
    assert done.returncode == 0, done.stderr
    assert "copying, task 1: relation" in done.stdout and "Hint 1/3" in done.stdout


def test_kata_reset_restores_the_packaged_stub_without_git(pack, tmp_path):
    copy = shutil.copytree(pack, tmp_path / "pack")
    stub = (copy / "grader" / "_stubs" / "copying.py").read_bytes()
    (copy / "katas" / "copying.py").write_text("# my work\n")
    done = kata(copy, "reset", "copying")
    assert done.returncode == 0, done.stderr
    assert (copy / "katas" / "copying.py").read_bytes() == stub
    [backup] = (copy / "katas" / ".kata-backup").iterdir()
    assert backup.read_text() == "# my work\n"


def test_kata_check_in_the_pack_grades_the_visible_checks_and_says_what_remains(pack):
    done = kata(pack, "check", "copying")
    assert done.returncode == 1 and done.stderr == ""
    more = len(engine.collect(COURSE, [BY_NAME["copying"]])["copying"]) - 7
    flat = " ".join(done.stdout.split())
    assert f"Graded here: 7 visible checks; your teacher's grading runs {more} more" in flat
    report = json.loads(kata(pack, "check", "copying", "--format", "json").stdout)
    assert [test["id"].split("::")[1] for test in report["katas"][0]["tests"]] == list(
        BY_NAME["copying"].visible)


def test_the_visible_checks_pass_on_a_solution_in_the_pack(pack, tmp_path):
    copy = shutil.copytree(pack, tmp_path / "pack")
    shutil.copyfile(ROOT / "solutions" / "copying.py", copy / "katas" / "copying.py")
    done = kata(copy, "check", "copying")
    assert done.returncode == 0, done.stdout


def test_a_pack_without_visible_checks_says_in_one_line_it_cannot_grade(pack, tmp_path):
    copy = shutil.copytree(pack, tmp_path / "pack")
    for meta in (copy / "meta").glob("*.toml"):
        meta.write_text(re.sub(r"(?ms)^visible = \[.*?\]\n", "", meta.read_text()))
    done = kata(copy, "check")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"kata: error: {engine.NO_HIDDEN_TESTS}\n"


def test_a_pack_cannot_release_itself(pack, tmp_path):
    done = kata(pack, "release", "--out", str(tmp_path / "again"))
    assert done.returncode == 2 and "is a student pack itself" in done.stderr
    assert not (tmp_path / "again").exists()


# ---------------------------------------------------------------- refusals


def test_release_refuses_a_folder_that_is_not_empty(tmp_path):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="is not empty"):
        release.run(course=COURSE, out=out)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]


def test_release_refuses_a_folder_inside_the_grader():
    with pytest.raises(UsageError, match="is inside"):
        release.run(course=COURSE, out=PACKAGE_DIR / "pack")
    assert not (PACKAGE_DIR / "pack").exists()


def test_release_refuses_a_stub_that_differs_from_the_committed_one(tmp_path, monkeypatch):
    monkeypatch.setattr(commands, "pristine_stub", lambda kata, path, course: b"# committed\n")
    with pytest.raises(UsageError, match=r"copying.py: differs from its committed stub"):
        release.run(course=COURSE, out=tmp_path / "pack")
    assert list(tmp_path.iterdir()) == []


def test_a_leak_refuses_the_release_and_leaves_nothing(tmp_path, monkeypatch):
    leak = sorted(n for n in hidden_names() - visible_names() if n.startswith("test_"))[0]
    monkeypatch.setattr(release, "readme", lambda course, katas, points: f"see {leak}\n")
    with pytest.raises(UsageError, match=f"README.md holds '{leak}'"):
        release.run(course=COURSE, out=tmp_path / "pack")
    assert list(tmp_path.iterdir()) == []


def test_verify_finds_a_solution_body(tmp_path):
    solution = (ROOT / "solutions" / "copying.py").read_text()
    (tmp_path / "copying.py").write_text(solution)
    with pytest.raises(UsageError, match="copying.py holds a solution's code"):
        release.verify(tmp_path, COURSE)


def test_release_of_some_katas_into_an_empty_folder(tmp_path, capsys):
    out = tmp_path / "pack"
    out.mkdir()
    assert release.run(course=COURSE, out=out, katas=["closures", "copying"]) == 0
    assert sorted(p.name for p in (out / "katas").iterdir()) == ["closures.py", "copying.py"]
    assert sorted(p.name for p in (out / "grader" / "_stubs").iterdir()) == ["closures.py",
                                                                              "copying.py"]
    shipped = course.load(out)
    assert [kata.name for kata in shipped.katas] == ["copying", "closures"]
    assert list(shipped.hidden_checks) == ["copying", "closures"]
    done = kata(out, "list")
    assert done.returncode == 0 and "arguments" not in done.stdout
    said = capsys.readouterr().out
    assert said.startswith("Released 2 katas to") and "solutions/" in said and "Next:" in said
    assert "the katas arguments, iteration," in said
    assert "kata notebook copying closures --out" in (out / "README.md").read_text()


# ---------------------------------------------------------------- a real install (opt-in)


@pytest.mark.skipif(not os.environ.get("PYKATA_INSTALL_TESTS"),
                    reason="set PYKATA_INSTALL_TESTS=1: pip builds the pack (needs hatchling "
                           "from the package index)")
def test_the_pack_installs_with_pip_and_resets_from_the_wheel(pack, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(pack)],
                   check=True, timeout=300)
    # The dependencies come from this interpreter's site-packages, after the venv's own.
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "zz_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    learner = tmp_path / "learner"
    shutil.copytree(pack / "katas", learner / "katas")
    (learner / "katas" / "closures.py").write_text("# my work\n")
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "120"}
    where = subprocess.run([str(python), "-c", "import grader; print(grader.__file__)"],
                           cwd=learner, capture_output=True, text=True, env=env)
    assert Path(where.stdout.strip()).is_relative_to(site)
    done = subprocess.run([str(venv / "bin" / "kata"), "reset", "closures"], cwd=learner,
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (learner / "katas" / "closures.py").read_bytes() == \
        (pack / "katas" / "closures.py").read_bytes()
    done = subprocess.run([str(venv / "bin" / "kata"), "check"], cwd=learner,
                          capture_output=True, text=True, env=env, timeout=120)
    # The installed pack carries its course: its visible checks grade from any folder.
    assert done.returncode == 1 and done.stderr == ""
    shown = sum(len(kata.visible) for kata in CATALOG)
    assert f"Graded here: {shown} visible checks" in " ".join(done.stdout.split())
