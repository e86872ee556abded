"""Notebooks both ways: `kata notebook` export and grading a .ipynb submission."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from grader import ipynb, notebook
from conftest import CATALOG, COURSE
from grader.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
FIRST, LAST = CATALOG[0], CATALOG[-1]


def kata(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=240, env={"PATH": "/usr/bin:/bin", "COLUMNS": "100",
                                                       "PYTHONPATH": str(ROOT)})


def export(tmp_path: Path, folder: str | Path = "katas", names: tuple[str, ...] = ()) -> Path:
    out = tmp_path / f"{Path(folder).name}.ipynb"
    assert notebook.run(course=COURSE, names=list(names), out=out, path=ROOT / folder) == 0
    return out


def save(tmp_path: Path, cells: list, name: str = "work.ipynb") -> Path:
    path = tmp_path / name
    nbformat.write(new_notebook(cells=cells), path)
    return path


def tagged(source: str, name: str = "copying") -> nbformat.NotebookNode:
    return new_code_cell(source, metadata={"tags": [f"pykata:{name}"]})


def read(path: Path):
    return notebook.read_submission(path, CATALOG)


# ---------------------------------------------------------------- export


def test_export_is_a_valid_notebook_with_one_tagged_code_cell_per_kata(tmp_path):
    nb = nbformat.read(export(tmp_path), as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.metadata.language_info.name == "python"
    setup, *code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert setup.source == "from __future__ import annotations" and "pykata" not in setup.metadata
    assert [cell.metadata.pykata.kata for cell in code] == [k.name for k in CATALOG]
    assert [cell.metadata.tags for cell in code] == [[f"pykata:{k.name}"] for k in CATALOG]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert "kata check --path katas.ipynb" in nb.cells[0].source


def test_export_markdown_teaches_each_kata_around_its_code_cell(tmp_path):
    nb = nbformat.read(export(tmp_path), as_version=4)
    for kata in CATALOG:
        at = next(i for i, cell in enumerate(nb.cells)
                  if cell.metadata.get("pykata", {}).get("kata") == kata.name)
        intro, tasks = nb.cells[at - 1], nb.cells[at + 1]
        assert intro.cell_type == tasks.cell_type == "markdown"
        assert kata.title in intro.source and kata.topic in intro.source
        assert kata.topic_zh in intro.source
        docstring_start = (ROOT / "katas" / kata.filename).read_text().split("\n")[0].strip('"')
        assert docstring_start in intro.source
        for task in kata.tasks:
            assert f"`{task.name}` — {task.summary}" in tasks.source


def test_export_of_chosen_katas_keeps_catalog_order_and_is_stable(tmp_path):
    out = export(tmp_path, names=(LAST.name, FIRST.name))
    nb = nbformat.read(out, as_version=4)
    code = [cell.metadata.pykata.kata for cell in nb.cells if "pykata" in cell.metadata]
    expected = [FIRST.name, LAST.name] if FIRST != LAST else [FIRST.name]
    assert code == expected
    again = export(tmp_path, names=(FIRST.name, LAST.name))
    assert again.read_bytes() == out.read_bytes()


def test_export_is_wired_through_its_parser(tmp_path):
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", type=Path, default=Path("katas"))
    notebook.add_parser(parser.add_subparsers(dest="command"))
    out = tmp_path / "one.ipynb"
    args = parser.parse_args(["notebook", FIRST.name, "--out", str(out),
                              "--path", str(ROOT / "solutions")])
    assert (args.command, args.katas, args.out) == ("notebook", [FIRST.name], out)
    assert notebook.run(course=COURSE, names=args.katas, out=args.out, path=args.path) == 0
    assert read(out).files[FIRST.filename] == (ROOT / "solutions" / FIRST.filename).read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["one.ipynb"]  # no temp file left behind


def test_export_refuses_a_missing_kata_file_and_a_wrong_suffix(tmp_path):
    (tmp_path / "katas").mkdir()
    with pytest.raises(UsageError, match=rf"{FIRST.filename}: no such file"):
        notebook.run(course=COURSE, names=[], out=tmp_path / "a.ipynb", path=tmp_path / "katas")
    with pytest.raises(UsageError, match="must end in .ipynb"):
        notebook.run(course=COURSE, names=[], out=tmp_path / "a.json", path=ROOT / "katas")
    assert not (tmp_path / "a.ipynb").exists()


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("folder", ["katas", "solutions"])
def test_round_trip_gives_back_identical_files(tmp_path, folder):
    submission = read(export(tmp_path, folder))
    assert submission.name == folder and submission.problems == {}
    for kata in CATALOG:
        assert submission.files[kata.filename] == (ROOT / folder / kata.filename).read_bytes()


def test_round_trip_keeps_crlf_blank_tails_and_non_ascii(tmp_path):
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "katas", folder)
    odd = '"""中文 docstring."""\r\nx = "é"\r\n\n\n'.encode()
    (folder / FIRST.filename).write_bytes(odd)
    (folder / LAST.filename).write_bytes(b"y = 1")  # no final newline: one is added
    submission = read(export(tmp_path, folder))
    # the notebook's first code cell postpones annotations for every kata cell, as in Jupyter
    future = b"from __future__ import annotations;"
    assert submission.files[FIRST.filename] == future + odd
    assert submission.files[LAST.filename] == future + b"y = 1\n"


# ---------------------------------------------------------------- reading


def test_scratch_cells_are_ignored_and_split_cells_joined_in_order(tmp_path):
    path = save(tmp_path, [
        new_markdown_cell("notes", metadata={"tags": ["pykata:copying"]}),
        new_code_cell("print('scratch')"),
        tagged("def a():\n    return 1"),
        new_code_cell("a()"),
        tagged("def b():\n    return 2\n"),
    ])
    assert read(path).files == {
        "copying.py": b"def a():\n    return 1\n\ndef b():\n    return 2\n\n"}


def test_an_untagged_cell_below_a_kata_cell_that_defines_code_is_part_of_it(tmp_path):
    path = save(tmp_path, [
        tagged("def relation(a, b):\n    return 'alias'"),
        new_code_cell("def make_grid(rows, cols):\n    return []"),  # split off, tag lost
        new_code_cell("class Helper:\n    pass"),  # still below: part of the kata too
        new_code_cell("make_grid(2, 3)"),  # defines nothing: scratch
        new_code_cell("def after_scratch():\n    pass"),  # below scratch, not below the kata
        new_markdown_cell("notes"),
        new_code_cell("def scratch():\n    pass"),
    ])
    assert read(path).files == {"copying.py": (
        b"def relation(a, b):\n    return 'alias'\n\ndef make_grid(rows, cols):\n"
        b"    return []\n\nclass Helper:\n    pass\n")}


def test_the_future_import_of_the_first_cell_reaches_every_kata_module(tmp_path):
    source = '"""Vectors."""\n\nclass V:\n    def copy(self) -> V:\n        return V()\n'
    path = save(tmp_path, [new_code_cell("from __future__ import annotations"),
                           tagged(source), tagged("x = 1", "closures")])
    files = read(path).files
    assert files["copying.py"] == f"from __future__ import annotations;{source}\n".encode()
    assert files["closures.py"] == b"from __future__ import annotations;x = 1\n"
    assert files["copying.py"].splitlines().index(b"class V:") == \
        source.splitlines().index("class V:")  # the cell's line numbers are kept
    without = save(tmp_path, [tagged("x = 1")], name="plain.ipynb")  # as Jupyter runs it
    assert read(without).files == {"copying.py": b"x = 1\n"}


def test_a_kata_module_starting_with_a_block_gets_the_import_on_a_line_of_its_own():
    assert ipynb.with_future("def f() -> X:\n    pass\n") == \
        "from __future__ import annotations\ndef f() -> X:\n    pass\n"
    assert ipynb.with_future("x = (\n") == "x = (\n"  # does not parse: left alone


@pytest.mark.filterwarnings("ignore:IPython is needed", "ignore:IPython3 lexer")  # no IPython here
@pytest.mark.parametrize("folder", ["katas", "solutions"])
def test_nbconvert_makes_a_script_that_runs(tmp_path, folder):
    from nbconvert import PythonExporter

    path = export(tmp_path, folder)
    script, _ = PythonExporter().from_filename(str(path))
    imports = [n for n, line in enumerate(script.splitlines())
               if line.startswith("from __future__ import")]
    code = [n for n, line in enumerate(script.splitlines()) if line and not line.startswith("#")]
    assert imports == code[:1]  # once, as the script's first statement
    (tmp_path / "script.py").write_text(script)
    done = subprocess.run([sys.executable, "script.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.filterwarnings("ignore:IPython3 lexer")
def test_nbconvert_makes_a_web_page(tmp_path):
    from nbconvert import HTMLExporter

    page, _ = HTMLExporter().from_filename(str(export(tmp_path, names=(FIRST.name,))))
    assert page.startswith("<!DOCTYPE html>") and FIRST.title in page


def test_a_kata_comment_on_the_first_line_names_the_kata(tmp_path):
    path = save(tmp_path, [new_code_cell("# kata: copying\nx = 1"),
                           new_code_cell("#kata:closures\ny = 2\n")])
    submission = read(path)
    assert submission.files == {"copying.py": b"# kata: copying\nx = 1\n",
                                "closures.py": b"#kata:closures\ny = 2\n\n"}


def test_metadata_wins_over_tag_and_comment(tmp_path):
    cell = new_code_cell("# kata: closures\nx = 1",
                         metadata={"pykata": {"kata": "copying"}, "tags": ["pykata:generators"]})
    assert set(read(save(tmp_path, [cell])).files) == {"copying.py"}


def test_a_kata_missing_from_the_notebook_says_which_tag_to_use(tmp_path):
    submission = read(save(tmp_path, [tagged("x = 1")]))
    others = [kata for kata in CATALOG if kata.name != "copying"]
    for kata in others:
        assert submission.problem(kata) == (f"{kata.filename}: no code cell in work.ipynb "
                                            f"is tagged pykata:{kata.name}")


def test_magics_are_commented_out_and_line_numbers_kept(tmp_path):
    source = ("%timeit sum(range(9))\n"
              "!pip install requests\n"
              "files = !ls\n"
              "def ok():\n"
              "    %time ok\n"
              "    return 1\n"
              "def broken(:\n")
    data = read(save(tmp_path, [tagged(source)])).files["copying.py"]
    text = data.decode()
    assert text.splitlines()[:3] == ["# [pykata: magic removed] %timeit sum(range(9))",
                                     "# [pykata: magic removed] !pip install requests",
                                     "# [pykata: magic removed] files = !ls"]
    assert text.splitlines()[4] == "    # [pykata: magic removed] %time ok"
    with pytest.raises(SyntaxError) as error:
        compile(data, "copying.py", "exec")
    assert error.value.lineno == 7
    compile(data.replace(b"def broken(:", b"pass"), "copying.py", "exec")


def test_lines_that_only_look_like_magics_are_kept():
    source = ('"""Docs\n%d percent\n!important\n"""\n'
              "x = (10\n     % 3)\n"
              "y = 10 \\\n    % 4\n"
              "s = 'a # b' # %comment\n%who\n")
    out = ipynb.strip_magics(source)
    assert out.splitlines() == source.splitlines()[:-1] + ["# [pykata: magic removed] %who"]


@pytest.mark.parametrize("magic, kept", [("%%time", True), ("%%capture out", True),
                                         ("%%bash", False), ("%%writefile x.py", False)])
def test_cell_magics_drop_their_line_or_their_whole_non_python_cell(magic, kept):
    out = ipynb.strip_magics(f"{magic}\nx = 1\n")
    assert out.splitlines()[0] == f"# [pykata: magic removed] {magic}"
    assert (out.splitlines()[1] == "x = 1") is kept


def test_a_cell_without_text_source_is_a_problem_of_that_kata_only(tmp_path):
    path = save(tmp_path, [tagged("x = 1", "closures"), tagged("y = 2")])
    data = json.loads(path.read_text())
    data["cells"][1]["source"] = 42
    path.write_text(json.dumps(data))
    submission = read(path)
    assert submission.files == {"closures.py": b"x = 1\n"}
    assert "cell 2 of work.ipynb" in submission.problems["copying.py"]


def test_harmless_deviations_from_the_schema_are_accepted(tmp_path):
    path = tmp_path / "loose.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 2, "cells": [
        "junk", {"cell_type": "code", "source": ["x = 1\n", "y = 2"],
                 "metadata": {"tags": ["pykata:copying"], "extra": True}},
        {"cell_type": "code", "metadata": None, "source": "scratch"},
        {"cell_type": "raw", "source": "# kata: closures"},
    ]}))
    assert read(path).files == {"copying.py": b"x = 1\ny = 2\n"}


def test_an_old_format_notebook_is_upgraded(tmp_path):
    old = nbformat.convert(new_notebook(cells=[tagged("x = 1")]), 3)
    path = tmp_path / "old.ipynb"
    path.write_text(nbformat.writes(old, version=3))
    assert read(path).files == {"copying.py": b"x = 1\n"}


def _symlink(tmp_path: Path) -> Path:
    target = save(tmp_path, [tagged("x = 1")], "real.ipynb")
    link = tmp_path / "work.ipynb"
    link.symlink_to(target)
    return link


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "work.ipynb"
    with path.open("wb") as handle:
        handle.truncate(16 * 1024 * 1024 + 1)
    return path


def _write(content: bytes):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / "work.ipynb"
        path.write_bytes(content)
        return path
    return make


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "work.ipynb"
    os.mkfifo(path)
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "work.ipynb"
    path.mkdir()
    return path


@pytest.mark.parametrize("make, message", [
    (_write(b"{not json"), "not a Jupyter notebook: invalid JSON at line 1 column 2"),
    (_write(b""), "not a Jupyter notebook: invalid JSON"),
    (_write(b"[" * 100_000 + b"]" * 100_000), "not a Jupyter notebook"),
    (_write(b'["cells"]'), "not a Jupyter notebook (no 'nbformat' field)"),
    (_write(b'{"nbformat": 4, "cells": {}}'), "'cells' is not a list"),
    (_write(b'{"nbformat": "4", "cells": []}'), "'nbformat' is not a version number"),
    (_write(b'{"nbformat": 5, "cells": []}'), "notebook format 5 is newer than this grader"),
    (_write(b'{"nbformat": 3, "worksheets": 7}'), "cannot be converted to format 4"),
    (_write(b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}'),
     "no kata cells in this notebook"),
    (_write(b'{"nbformat": 4, "cells": [{"cell_type": "code", "source": "\xff"}]}'),
     "not UTF-8 text (byte 0xff at offset 59)"),
    (_huge, "is too large for a submission; the limit is 16 MiB"),
    (_symlink, "is a symbolic link"),
    (_fifo, "not a notebook file"),
    (_folder, "not a notebook file"),
])
def test_bad_input_is_one_usage_error_naming_the_file(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(UsageError) as error:
        read(path)
    text = str(error.value)
    assert text.startswith(f"{path}: ") and message in text
    assert "\n" not in text


# ---------------------------------------------------------------- the real command line


def test_check_grades_an_exported_solutions_notebook_full_marks(tmp_path):
    done = kata("check", "--path", str(export(tmp_path, "solutions")), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["submission"] == "solutions"
    assert report["score"] == report["max_score"] > 0
    assert [k["name"] for k in report["katas"]] == [k.name for k in CATALOG]


def test_check_grades_an_exported_stubs_notebook_zero_and_exit_1(tmp_path):
    done = kata("check", "--path", str(export(tmp_path)), "--format", "json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["score"] == 0 and report["max_score"] > 0
    assert all(k["error"] is None for k in report["katas"])


def test_check_reports_a_syntax_error_at_the_cells_line_after_a_magic(tmp_path):
    path = save(tmp_path, [tagged("%load_ext autoreload\n!echo hi\n\nx = (\n")])
    done = kata("check", "copying", "--path", str(path), "--format", "json")
    assert done.returncode == 1, done.stderr
    error = json.loads(done.stdout)["katas"][0]["error"]
    assert error.startswith("copying.py line 4") and "SyntaxError" in error


def test_check_of_a_broken_notebook_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [')
    done = kata("check", "--path", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"kata: error: {path}: not a Jupyter notebook")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
