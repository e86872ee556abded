"""``kata``: the command line. Parses arguments and calls typed functions; nothing more.

A :class:`UsageError` anywhere becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from grader import __version__, batch, commands, mutate, notebook, release, watch
from grader.errors import UsageError
from grader.reporters import FORMATS

DEFAULT_PATH: Final = Path("katas")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kata",
        description="Python katas with an autograder. Run `kata` alone to see where you are.",
    )
    parser.add_argument("--version", action="version", version=f"pykata {__version__}")
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH,
                        help="folder of kata modules, a .ipynb or a .zip (default: ./katas)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("list", help="table of katas: order, topic, tasks, points, status")

    check = sub.add_parser("check", help="run the hidden tests and show the score")
    check.add_argument("katas", nargs="*", metavar="KATA", help="katas to check (default: all)")
    check.add_argument("--path", type=Path, default=argparse.SUPPRESS,
                       help="folder of kata modules, a .ipynb or a .zip (default: ./katas)")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--output", type=Path, help="write the report to this file")
    check.add_argument("--timeout", type=float, default=None,
                       help="seconds allowed per probe (default: 3)")
    check.add_argument("-v", "--verbose", action="store_true", help="show passing checks too")
    check.add_argument("--feedback", choices=("full", "brief"), default="full",
                       help="brief: each failing check's feedback line and the author's "
                            "message only, never a diff of expected values (graded work)")

    hint = sub.add_parser("hint", help="the next hint for a kata, one level more each time")
    hint.add_argument("kata", metavar="KATA")
    hint.add_argument("--task", type=int, help="task number (default: the first one failing)")
    hint.add_argument("--path", type=Path, default=argparse.SUPPRESS)

    reset = sub.add_parser("reset", help="restore a kata's stub (your file is backed up)")
    reset.add_argument("kata", metavar="KATA")
    reset.add_argument("--path", type=Path, default=argparse.SUPPRESS)

    watch.add_parser(sub)
    batch.add_parser(sub)
    notebook.add_parser(sub)
    release.add_parser(sub)

    dev = sub.add_parser("dev", help="course authoring tools")
    dev_sub = dev.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    mutate.add_parser(dev_sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command is None:
            return commands.overview(path=args.path)
        if args.command == "list":
            return commands.list_katas(path=args.path)
        if args.command == "check":
            return commands.check(
                path=args.path, names=args.katas, fmt=args.format, output=args.output,
                timeout=args.timeout, verbose=args.verbose, feedback=args.feedback,
            )
        if args.command == "hint":
            return commands.hint(path=args.path, name=args.kata, task=args.task)
        if args.command == "reset":
            return commands.reset(path=args.path, name=args.kata)
        if args.command == "batch":
            return batch.main(submissions=args.submissions, shards=args.shards, out=args.out,
                              jobs=args.jobs, timeout=args.timeout, feedback=args.feedback,
                              shard=args.shard)
        if args.command == "watch":
            return watch.run(path=args.path)
        if args.command == "release":
            return release.run(out=args.out, katas=args.katas, gradescope=args.gradescope,
                               github_classroom=args.github_classroom,
                               visibility=args.visibility)
        if args.command == "notebook":
            return notebook.run(names=args.katas, out=args.out, path=args.path)
        if args.command == "dev" and args.dev_command == "mutate":
            return mutate.run(names=args.katas, jobs=args.jobs)
    except UsageError as exc:
        print(f"kata: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kata: interrupted", file=sys.stderr)
        return 130
    raise AssertionError(f"unhandled command {args.command}")

