"""``kata``: the command line. Parses arguments and calls typed functions; nothing more.

A command's options may stand before or after its name (``kata --path X list`` is ``kata list
--path X``), and without ``--path`` the katas are found from any folder of the course.
A :class:`UsageError` anywhere becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from grader import __version__, commands, engine, notebook, watch
from grader import course as courses
from grader.errors import UsageError
from grader.reporters import FORMATS, VISIBILITIES
from grader.sandbox import Limits

KATAS: Final = "katas"
TOP_LEVEL_ONLY: Final = frozenset({"-h", "--help", "-V", "--version"})
PATH_HELP: Final = "folder of kata modules, a .ipynb or a .zip (default: the course's katas/)"
COURSE_HELP: Final = ("the course folder (default: the nearest course.toml here or above, "
                      "else the course installed with pykata)")


def find_katas(start: Path, course: courses.Course) -> Path:
    """The learner's kata folder when no ``--path`` is given: the course's ``katas/`` when
    ``start`` is inside the course, else ``start/katas`` (the course was found elsewhere: given
    with ``--course``, or installed). Returned relative to ``start`` when it can be."""
    start = start.resolve()
    if start == course.root or course.root in start.parents:
        try:
            return Path(os.path.relpath(course.katas_dir, start))
        except ValueError:  # another drive on Windows
            return course.katas_dir
    return Path(KATAS)


def _options(parser: argparse.ArgumentParser, *, path: bool = True) -> argparse.ArgumentParser:
    """Add the options every command takes: ``--course``, and ``--path`` where it applies."""
    parser.add_argument("--course", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                        help=COURSE_HELP)
    if path:
        parser.add_argument("--path", type=Path, default=argparse.SUPPRESS, help=PATH_HELP)
    return parser


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser and its commands' parsers by name."""
    parser = argparse.ArgumentParser(
        prog="kata",
        description="Python katas with an autograder. Run `kata` alone to see where you are.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"pykata {__version__}")
    _options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = sub.add_parser("list", help="table of katas: order, topic, tasks, points, status")
    _options(listing)

    check = sub.add_parser("check", help="run the hidden tests and show the score")
    check.add_argument("katas", nargs="*", metavar="KATA", help="katas to check (default: all)")
    _options(check)
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--output", type=Path, metavar="FILE",
                       help="write the report to FILE ('-': standard output); a machine format "
                            "on a terminal goes to a file named after it")
    check.add_argument("--timeout", type=float, default=None,
                       help="seconds allowed per probe (default: 3)")
    check.add_argument("--hint-penalty", type=float, default=0.0, metavar="F",
                       help="deduct F times a task's points for each hint used on it, at most "
                            "what the task scored (0 to 1; default 0: hints cost nothing)")
    check.add_argument("-v", "--verbose", action="store_true", help="show passing checks too")
    check.add_argument("--feedback", choices=("full", "brief"), default="full",
                       help="brief: each failing check's feedback line and the author's "
                            "message only, never a diff of expected values (graded work)")

    hint = sub.add_parser("hint", help="the next hint for a kata, one level more each time")
    hint.add_argument("kata", metavar="KATA")
    hint.add_argument("--task", type=int, help="task number (default: the first one failing)")
    _options(hint)

    reset = sub.add_parser("reset", help="restore a kata's stub (your file is backed up)")
    reset.add_argument("kata", metavar="KATA")
    _options(reset)

    watch.add_parser(sub)
    _batch_parser(sub)
    notebook.add_parser(sub)
    _release_parser(sub)

    dev = sub.add_parser("dev", help="course authoring tools")
    dev_sub = dev.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    _mutate_parser(dev_sub)
    new = dev_sub.add_parser("new", help="scaffold a course with one example kata",
                             description="Write a new course to DIR: course.toml, one example "
                                         "kata (stub, solution, hidden tests, hints) that "
                                         "passes kata dev check.")
    new.add_argument("folder", type=Path, metavar="DIR", help="a new or empty folder")
    proof = dev_sub.add_parser("check", help="prove a course: files, scores, coverage, corpus",
                               description="Check a course (default: the one here): the "
                                           "katas and their files agree, solutions score full, "
                                           "stubs 0, same public API, the hidden tests cover "
                                           "every line and branch of each solution, every "
                                           "wrong answer loses exactly its listed checks.")
    proof.add_argument("folder", type=Path, nargs="?", metavar="DIR",
                       help="the course folder (default: the nearest course.toml upwards)")
    proof.add_argument("--jobs", type=int, default=2, metavar="N",
                       help="submissions graded at once (default: 2)")
    for name, command in [*sub.choices.items(), *dev_sub.choices.items()]:
        if "--course" not in command._option_string_actions:
            _options(command, path=False)
    return parser, dict(sub.choices)


# The parsers of the commands whose modules kata check never needs (batch, release, dev
# mutate) live here, so that those modules are imported only when their command runs.


def _batch_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``kata batch SUBMISSIONS --out DIR ...`` and ``kata batch merge DIR... --out DIR``."""
    parser = subparsers.add_parser(
        "batch", help="grade a class: every submission in a folder, resumably",
        usage="kata batch SUBMISSIONS --out DIR [--jobs N] [--timeout S] [--feedback F] "
              "[--shard K/N]\n       kata batch merge DIR... --out DIR",
        description="Grade each folder, .zip or .ipynb directly under SUBMISSIONS. Re-running "
                    "grades only new or changed submissions. `kata batch merge DIR... --out "
                    "DIR` joins the outputs of --shard runs into what one run gives.")
    parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                        help="folder with one entry per learner: a folder, a .zip or a .ipynb "
                             "(or: merge DIR..., the --out folders of shard runs)")
    parser.add_argument("shards", type=Path, nargs="*", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="gradebook.sqlite, grades.csv, results.jsonl, summary.md, "
                             "summary.json and feedback/ go here (outside SUBMISSIONS)")
    parser.add_argument("--jobs", type=int, default=engine.DEFAULT_JOBS, metavar="N",
                        help="submissions graded at once (default: one per CPU this process "
                             "may use; shared among one worker process per CPU)")
    parser.add_argument("--timeout", type=float, default=None, metavar="S",
                        help=f"seconds allowed per probe (default: {Limits().probe_timeout:g})")
    parser.add_argument("--feedback", choices=("full", "brief"), default="full",
                        help="brief: each failing check's feedback line and the author's "
                             "message only, never a diff of hidden expected values")
    parser.add_argument("--shard", metavar="K/N", default=None,
                        help="grade only the K-th of N slices of the class (by submission id, "
                             "stable), to spread a class over machines; then `kata batch "
                             "merge`")


def _release_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``kata release [KATA...] --out DIR [--gradescope FILE.zip] [--github-classroom]``."""
    parser = subparsers.add_parser(
        "release", help="the student pack: stubs, grader and visible checks; no solutions, "
                        "no hidden tests")
    parser.add_argument("katas", nargs="*", metavar="KATA", help="katas to ship (default: all)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="a new or empty folder to write the pack to")
    parser.add_argument("--gradescope", type=Path, metavar="FILE.zip",
                        help="also write Gradescope's autograder zip (holds the hidden tests: "
                             "for Gradescope only, never for students)")
    parser.add_argument("--github-classroom", action="store_true",
                        help="add a GitHub Classroom workflow to the pack, and write "
                             "DIR.checks.zip (the hidden tests) for the teacher to host")
    parser.add_argument("--visibility", action="append", default=[], metavar="[NAME=]LEVEL",
                        help="Gradescope visibility of the results (LEVEL) or of one kata's "
                             "or check's tests (NAME=LEVEL); LEVEL is one of "
                             f"{', '.join(VISIBILITIES)}; repeatable")


def _mutate_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``kata dev mutate [KATA...] [--jobs N]``."""
    parser = subparsers.add_parser(
        "mutate", help="mutation testing of the solutions against the hidden tests",
        description="Mutate each solution with cosmic-ray's operators and grade every mutant "
                    "like a submission; list the mutants that score full marks. Each kata's "
                    "figures are stamped in grader/hidden/mutation/<kata>.stamp.json.")
    parser.add_argument("katas", nargs="*", metavar="KATA", help="katas to mutate (default: all)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="mutants graded at once (default: twice the number of CPUs)")


def _takes_value(option: str, parsers: Sequence[argparse.ArgumentParser]) -> bool:
    """Whether ``option`` (as typed, without ``=value``) is followed by its value."""
    for parser in parsers:
        action = parser._option_string_actions.get(option)
        if action is not None:
            return action.nargs != 0
    return False


def options_after_command(argv: Sequence[str], parser: argparse.ArgumentParser,
                          commands_: dict[str, argparse.ArgumentParser]) -> list[str]:
    """``argv`` with the options written before the command name moved just after it.

    ``kata --path X list`` becomes ``kata list --path X``; ``-h`` and ``-V`` stay in front.
    Without a command name, ``argv`` is returned as it is (``kata --path X``: the overview).
    """
    argv = list(argv)
    everyone = [parser, *commands_.values()]
    index = 0
    while index < len(argv) and argv[index] != "--":
        token = argv[index]
        if token in commands_:
            front = [t for t in argv[:index] if t in TOP_LEVEL_ONLY]
            moved = [t for t in argv[:index] if t not in TOP_LEVEL_ONLY]
            return [*front, token, *moved, *argv[index + 1:]]
        takes = token.startswith("-") and "=" not in token and _takes_value(token, everyone)
        index += 2 if takes else 1
    return argv


def dev(args: argparse.Namespace) -> int:
    """``kata dev new DIR`` and ``kata dev check [DIR]``: course authoring."""
    from grader import devcheck

    if args.dev_command == "new":
        return devcheck.new(args.folder)
    folder = args.folder or getattr(args, "course", None)
    root = folder if folder is not None else courses.find_root(Path.cwd())
    if root is None:
        raise UsageError(f"no {courses.COURSE_FILE} in this folder or above it: name the "
                         "course, kata dev check DIR")
    return devcheck.run(Path(root), jobs=args.jobs)


def main(argv: Sequence[str] | None = None) -> int:
    parser, commands_ = _parser()
    args = parser.parse_args(options_after_command(
        sys.argv[1:] if argv is None else argv, parser, commands_))
    try:
        if args.command == "dev" and args.dev_command in ("new", "check"):
            return dev(args)
        course = courses.discover(getattr(args, "course", None))
        path: Path = getattr(args, "path", None) or find_katas(Path.cwd(), course)
        if args.command is None:
            return commands.overview(path=path, course=course)
        if args.command == "list":
            return commands.list_katas(path=path, course=course)
        if args.command == "check":
            return commands.check(
                path=path, course=course, names=args.katas, fmt=args.format,
                output=args.output, timeout=args.timeout, verbose=args.verbose,
                hint_penalty=args.hint_penalty, feedback=args.feedback,
            )
        if args.command == "hint":
            return commands.hint(path=path, course=course, name=args.kata, task=args.task)
        if args.command == "reset":
            return commands.reset(path=path, course=course, name=args.kata)
        if args.command == "batch":
            from grader import batch

            return batch.main(submissions=args.submissions, shards=args.shards, out=args.out,
                              course=course, jobs=args.jobs, timeout=args.timeout,
                              feedback=args.feedback, shard=args.shard)
        if args.command == "watch":
            return watch.run(path=path, course=course)
        if args.command == "release":
            from grader import release

            return release.run(course=course, out=args.out, katas=args.katas,
                               gradescope=args.gradescope,
                               github_classroom=args.github_classroom,
                               visibility=args.visibility)
        if args.command == "notebook":
            return notebook.run(names=args.katas, out=args.out, path=path, course=course)
        if args.command == "dev" and args.dev_command == "mutate":
            from grader import mutate

            return mutate.run(course=course, names=args.katas, jobs=args.jobs)
    except UsageError as exc:
        print(f"kata: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kata: interrupted", file=sys.stderr)
        return 130
    raise AssertionError(f"unhandled command {args.command}")
