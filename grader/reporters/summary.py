"""The class summary of ``kata batch`` as Markdown (``summary.md``, also printed).

Rendered from the plain data of :meth:`grader.gradebook.Gradebook.summary` (``summary.json``):
counts by status, score statistics over the graded rows, per-kata pass rates, where the class
is stuck, the checks failed most often, problem rows, integrity flags and tampered checks,
hint use, and groups of identical or near-identical submissions. Every id and message is
escaped (:func:`grader.reporters.markdown.escape`), so no name can inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from grader.reporters.markdown import code, escape

NAMES_SHOWN: Final = 12


def _names(ids: Sequence[str]) -> str:
    shown = ", ".join(escape(ident) for ident in ids[:NAMES_SHOWN])
    more = len(ids) - NAMES_SHOWN
    return shown + (f" and {more} more" if more > 0 else "")


def _rate(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.0%}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], limit: int | None = None
           ) -> list[str]:
    """A Markdown table; with ``limit``, its first rows and how many more summary.md has."""
    if not rows:
        return []
    shown = rows if limit is None else rows[:limit]
    hidden = len(rows) - len(shown)
    more = [f"… and {hidden} more in summary.md", ""] if hidden else []
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in shown), "", *more]


def _scores(data: dict[str, Any]) -> list[str]:
    score = data["score"]
    statuses = ", ".join(f"{count} {escape(status)}" for status, count in data["statuses"].items())
    lines = [f"**{data['submissions']} submissions**: {statuses or 'none'}.", ""]
    if score["count"]:
        lines += [f"Scores of the {score['count']} graded or untouched (problem rows apart), "
                  f"out of {score['max_score']:g}: mean **{score['mean']:g}**, median "
                  f"**{score['median']:g}**, from {score['min']:g} to {score['max']:g}, "
                  f"standard deviation {score['stdev']:g}.", ""]
    return lines


def render(data: dict[str, Any], *, limit: int | None = None) -> str:
    """The summary page for the teacher; ``limit`` caps the per-learner tables (the console
    shows that much, summary.md everything)."""
    lines = ["# Class summary", "", *_scores(data)]
    if data["score"]["count"]:
        lines += ["## Katas", "", *_table(
            ["kata", "passed", "pass rate", "stuck here"],
            [[f"**{escape(k['kata'])}** — {escape(k['title'])}", f"{k['passed']}/{k['graded']}",
              _rate(k["pass_rate"]), str(k["stuck"])] for k in data["katas"]])]
    if data["stuck"]:
        lines += ["## Where the class is stuck", "",
                  "Each learner's first kata not at full marks.", "",
                  *(f"- **{escape(group['kata'])}**: {len(group['submissions'])} — "
                    f"{_names(group['submissions'])}" for group in data["stuck"]), ""]
    if data["most_failed"]:
        lines += ["## Checks failed most often", "", *_table(
            ["check", "failed", "what it checks"],
            [[code(f["check"]), f"{f['failed']}/{f['of']}", escape(f["description"])]
             for f in data["most_failed"]])]
    if data["problems"]:
        lines += ["## Problem rows (0 points, not in the statistics)", "", *_table(
            ["submission", "status", "why"],
            [[escape(p["submission"]), escape(p["status"]), escape(p["problem"] or "")]
             for p in data["problems"]], limit)]
    if data["integrity"]:
        lines += ["## Integrity flags (look at these)", "", *_table(
            ["submission", "flags", "rules", "tampered checks"],
            [[escape(i["submission"]), str(i["flags"]), escape(", ".join(i["rules"])),
              str(i["tampered"])] for i in data["integrity"]], limit)]
    if data["hints"]:
        lines += ["## Hint use", "", *_table(
            ["submission", "hints taken", "katas"],
            [[escape(h["submission"]), str(h["hints"]), escape(", ".join(h["katas"]))]
             for h in data["hints"]], limit)]
    if data["similar"]:
        lines += ["## Identical or near-identical submissions", "",
                  "Same attempted source, or the same once comments, layout, docstrings and "
                  "variable names are set aside: worth a look.", "",
                  *(f"- {group['kind']}: {_names(group['submissions'])}"
                    for group in data["similar"][:limit]), ""]
    return "\n".join(lines)
