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

from grader import __version__, batch, commands, mutate, notebook, release, watch
from grader.errors import UsageError
from grader.reporters import FORMATS

KATAS: Final = "katas"
TOP_LEVEL_ONLY: Final = frozenset({"-h", "--help", "-V", "--version"})
PATH_HELP: Final = "folder of kata modules, a .ipynb or a .zip (default: the course's katas/)"


def find_katas(start: Path) -> Path:
    """The course's ``katas/`` folder, searched for from ``start`` upwards, the way git finds
    its repository: ``start/katas``, ``start`` itself when it is a ``katas/`` folder, else the
    nearest folder above that holds ``katas/`` next to ``grader/`` (a course checkout or a
    student pack). Returned relative to ``start``; ``katas`` when there is none.

    The one place that knows how a course is found: ``course.toml`` discovery replaces it.
    """
    start = start.resolve()
    if (start / KATAS).is_dir():
        return Path(KATAS)
    if start.name == KATAS:
        return Path(".")
    for folder in start.parents:
        if (folder / KATAS).is_dir() and (folder / "grader").is_dir():
            return Path(os.path.relpath(folder / KATAS, start))
    return Path(KATAS)


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser and its commands' parsers by name."""
    parser = argparse.ArgumentParser(
        prog="kata",
        description="Python katas with an autograder. Run `kata` alone to see where you are.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"pykata {__version__}")
    parser.add_argument("--path", type=Path, default=argparse.SUPPRESS, help=PATH_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = sub.add_parser("list", help="table of katas: order, topic, tasks, points, status")
    listing.add_argument("--path", type=Path, default=argparse.SUPPRESS, help=PATH_HELP)

    check = sub.add_parser("check", help="run the hidden tests and show the score")
    check.add_argument("katas", nargs="*", metavar="KATA", help="katas to check (default: all)")
    check.add_argument("--path", type=Path, default=argparse.SUPPRESS, help=PATH_HELP)
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
    hint.add_argument("--path", type=Path, default=argparse.SUPPRESS, help=PATH_HELP)

    reset = sub.add_parser("reset", help="restore a kata's stub (your file is backed up)")
    reset.add_argument("kata", metavar="KATA")
    reset.add_argument("--path", type=Path, default=argparse.SUPPRESS, help=PATH_HELP)

    watch.add_parser(sub)
    batch.add_parser(sub)
    notebook.add_parser(sub)
    release.add_parser(sub)

    dev = sub.add_parser("dev", help="course authoring tools")
    dev_sub = dev.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    mutate.add_parser(dev_sub)
    return parser, dict(sub.choices)


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


def main(argv: Sequence[str] | None = None) -> int:
    parser, commands_ = _parser()
    args = parser.parse_args(options_after_command(
        sys.argv[1:] if argv is None else argv, parser, commands_))
    try:
        path: Path = getattr(args, "path", None) or find_katas(Path.cwd())
        if args.command is None:
            return commands.overview(path=path)
        if args.command == "list":
            return commands.list_katas(path=path)
        if args.command == "check":
            return commands.check(
                path=path, names=args.katas, fmt=args.format, output=args.output,
                timeout=args.timeout, verbose=args.verbose, hint_penalty=args.hint_penalty,
                feedback=args.feedback,
            )
        if args.command == "hint":
            return commands.hint(path=path, name=args.kata, task=args.task)
        if args.command == "reset":
            return commands.reset(path=path, name=args.kata)
        if args.command == "batch":
            return batch.main(submissions=args.submissions, shards=args.shards, out=args.out,
                              jobs=args.jobs, timeout=args.timeout, feedback=args.feedback,
                              shard=args.shard)
        if args.command == "watch":
            return watch.run(path=path)
        if args.command == "release":
            return release.run(out=args.out, katas=args.katas, gradescope=args.gradescope,
                               github_classroom=args.github_classroom,
                               visibility=args.visibility)
        if args.command == "notebook":
            return notebook.run(names=args.katas, out=args.out, path=path)
        if args.command == "dev" and args.dev_command == "mutate":
            return mutate.run(names=args.katas, jobs=args.jobs)
    except UsageError as exc:
        print(f"kata: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kata: interrupted", file=sys.stderr)
        return 130
    raise AssertionError(f"unhandled command {args.command}")
