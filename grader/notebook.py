"""Katas as a Jupyter notebook: the export for learners (the import is ``grader.ipynb``).

Export (``kata notebook``) writes one nbformat v4 notebook: a title cell, then per kata a
markdown cell (title, topic, the module's teaching docstring), ONE code cell holding the
learner's module as is, and a markdown cell listing the tasks. The code cell is identified by
its metadata and a tag, which Jupyter keeps when a cell is edited, copied or split::

    {"pykata": {"kata": "copying"}, "tags": ["pykata:copying"]}

``grader.ipynb`` reads such a notebook back (``kata check --path FILE.ipynb``): each code
cell that names a kata becomes ``<kata>.py``.

``from __future__ import annotations`` must open a Python file, so the export holds it once,
in the notebook's first code cell (a script made with ``jupyter nbconvert --to script`` runs),
and each kata cell keeps a comment in its place; reading puts it back into each module. IPython magics and shell
escapes are commented out in place, so the module imports and line numbers stay those of the
cell. Nothing here imports or runs learner code.
"""

from __future__ import annotations

import argparse
import ast
import os
import shlex
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nbformat (and its jsonschema chain) loads only when a notebook is involved
    from nbformat import NotebookNode

from grader.course import Course, Kata
from grader.errors import UsageError
from grader.ipynb import FUTURE_IMPORT, TAG_PREFIX, future_to_mark
from grader.submission import MAX_FILE, MAX_FILES, Submission, load

_KERNELSPEC: Final = {"name": "python3", "display_name": "Python 3", "language": "python"}
_LANGUAGE_INFO: Final = {
    "name": "python", "mimetype": "text/x-python", "file_extension": ".py",
    "pygments_lexer": "ipython3", "codemirror_mode": {"name": "ipython", "version": 3},
    "nbconvert_exporter": "python",
}


# ---------------------------------------------------------------- command line


def add_parser(subparsers: Any) -> None:
    """Register ``notebook [KATA...] --out FILE.ipynb [--path P]`` on the CLI's subparsers."""
    parser = subparsers.add_parser(
        "notebook", help="the katas as one Jupyter notebook (grade it with check --path)")
    parser.add_argument("katas", nargs="*", metavar="KATA", help="katas to include (default: all)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.ipynb",
                        help="the notebook to write")
    parser.add_argument("--path", type=Path, default=argparse.SUPPRESS,
                        help="where your kata modules are: a folder, a .ipynb or a .zip "
                             "(default: ./katas)")


def run(*, names: list[str], out: Path, path: Path, course: Course) -> int:
    """Export the selected katas (default all) from ``path`` to the notebook ``out``."""
    katas = course.select(names)
    if out.suffix != ".ipynb":
        raise UsageError(f"{out}: the notebook's name must end in .ipynb")
    write(export(katas, path=path, out_name=out.name), out)
    then = (f"then grade it with: kata check --path {shlex.quote(str(out))}"
            if any(course.hidden_dir.glob("test_*.py")) else "then hand it in to your teacher")
    print(f"Wrote {len(katas)} kata{'s' * (len(katas) != 1)} to {out}. Open it in Jupyter, {then}")
    return 0


# ---------------------------------------------------------------- export


def export(katas: Sequence[Kata], *, path: Path, out_name: str = "katas.ipynb") -> NotebookNode:
    """A validated notebook of ``katas``, their code read from the learner's files at ``path``."""
    found = load(path, katas, need_tasks=False)
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    nb = new_notebook(metadata={"kernelspec": dict(_KERNELSPEC),
                                "language_info": dict(_LANGUAGE_INFO)})
    nb.cells.append(_cell(new_markdown_cell(_title_text(katas, out_name)), "pykata-title"))
    nb.cells.append(_cell(new_code_cell(FUTURE_IMPORT), "pykata-setup"))
    for kata in katas:
        source = _module_source(kata, path, found)
        code = new_code_cell(future_to_mark(source).removesuffix("\n"), metadata={
            "pykata": {"kata": kata.name}, "tags": [TAG_PREFIX + kata.name]})
        nb.cells += [
            _cell(new_markdown_cell(_intro_text(kata, source)), f"{kata.name}-intro"),
            _cell(code, f"{kata.name}-code"),
            _cell(new_markdown_cell(_tasks_text(kata, out_name)), f"{kata.name}-tasks"),
        ]
    nbformat.validate(nb)
    return nb


def write(nb: NotebookNode, out: Path) -> None:
    """Write ``nb`` to ``out`` atomically: readers see the old file or the new one, whole."""
    import nbformat

    text = nbformat.writes(nb, version=4)
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; name the notebook file to write")
    try:
        mode = stat.S_IMODE(out.stat().st_mode) if out.exists() else 0o644
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out.parent, delete=False,
                                             prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror}") from None
    try:
        with handle:
            handle.write(text if text.endswith("\n") else text + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, mode)
        os.replace(handle.name, out)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise UsageError(f"cannot write {out}: {exc.strerror}") from None


def _cell(cell: NotebookNode, cell_id: str) -> NotebookNode:
    """``cell`` with a stable id, so that exporting twice gives the same file."""
    cell.id = cell_id
    return cell


def _module_source(kata: Kata, path: Path, found: Submission) -> str:
    if kata.filename in found.problems:
        raise UsageError(f"{path}: {found.problems[kata.filename]}")
    if kata.filename not in found.files:
        where = f"{path / kata.filename}: no such file" if path.is_dir() else \
            f"{path}: has no {kata.filename}"
        raise UsageError(f"{where}; pass --path to your katas, or name the katas to export")
    try:
        return found.files[kata.filename].decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path / kata.filename}: not UTF-8 text; save it as UTF-8 and "
                         "export again") from None


def _docstring(source: str) -> str | None:
    try:
        return ast.get_docstring(ast.parse(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # the learner's file does not parse: the code cell still carries it


def _title_text(katas: Sequence[Kata], out_name: str) -> str:
    listed = ", ".join(f"`{kata.name}`" for kata in katas)
    return (
        "# pykata — Python katas\n\n"
        f"This notebook holds {len(katas)} kata{'s' * (len(katas) != 1)}: {listed}.\n\n"
        "1. Each kata is **one code cell** holding its module. Replace each "
        "`raise NotImplementedError` with your code and run the cell (Shift+Enter).\n"
        "2. Run the first code cell first: its `from __future__ import annotations` holds for "
        "the whole notebook (and for the script `jupyter nbconvert --to script` makes).\n"
        "3. Add your own cells anywhere to try things out: the grader ignores them, except a "
        "cell right below a kata's cell that defines a function or class, which counts as "
        "part of that kata (so a cell split in two keeps all its code).\n"
        "4. Keep the kata cells' tag (`pykata:<kata>`): it tells the grader which cell is "
        "which. A kata split over several cells with the same tag is joined in order.\n"
        "5. Save the notebook, then grade it in a terminal:\n\n"
        f"       kata check --path {shlex.quote(out_name)}\n"
    )


def _intro_text(kata: Kata, source: str) -> str:
    parts = [f"## {kata.title}", f"**Kata** `{kata.name}` · **Topic:** {kata.topic} "
                                 f"· **主题：** {kata.topic_zh}"]
    docstring = _docstring(source)
    if docstring:
        parts.append(docstring)
    return "\n\n".join(parts)


def _tasks_text(kata: Kata, out_name: str) -> str:
    lines = [f"### Tasks of `{kata.name}`", ""]
    lines += [f"{number}. `{task.name}` — {task.summary}"
              for number, task in enumerate(kata.tasks, start=1)]
    lines += ["", f"Grade this kata with `kata check {kata.name} --path {shlex.quote(out_name)}`; "
                  f"ask for a hint with `kata hint {kata.name} --task N`."]
    return "\n".join(lines)


def read_submission(path: Path, katas: Sequence[Kata]) -> Submission:
    """Read a notebook submission: each code cell naming a kata becomes ``<kata>.py``."""
    from grader import ipynb

    files, problems = ipynb.read(path, katas, max_file=MAX_FILE, max_files=MAX_FILES)
    return Submission(name=path.stem, files=files, problems=problems)
