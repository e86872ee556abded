"""Which hints a learner has seen, kept in the learner's workspace and handed in with it.

One state per workspace: a folder of katas keeps ``.kata-state.json`` in the folder that
holds the kata modules; a notebook ``work/katas.ipynb`` keeps ``work/.katas.ipynb.kata-
state.json``, so two notebooks in one folder never share hints; a zip is read (its
``.kata-state.json``, if it has one) and never written. The file is learner-controlled: every
value is checked against the course, unknown katas and tasks are dropped, counts are clamped
to the number of hints a task has.

Format: ``{"hints": {"<kata>:<task number>": <hints seen>}}``.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, Final

from grader.course import Kata
from grader.submission import kata_root

STATE_FILE: Final = ".kata-state.json"
MAX_STATE: Final = 64 * 1024


def state_file(path: Path, katas: Sequence[Kata]) -> Path | None:
    """Where the workspace at ``path`` keeps its hint state; None for a zip (read-only)."""
    if path.suffix == ".ipynb":
        return path.parent / f".{path.name}{STATE_FILE}"
    if path.is_dir():
        return kata_root(path, katas) / STATE_FILE
    return None


def _read(path: Path, katas: Sequence[Kata]) -> Any:
    """The state file's JSON, or None when there is none or it is not JSON."""
    try:
        if path.suffix == ".zip" and path.is_file():
            with zipfile.ZipFile(path) as archive:
                members = sorted((info for info in archive.infolist()
                                  if PurePosixPath(info.filename).name == STATE_FILE
                                  and info.file_size <= MAX_STATE),
                                 key=lambda info: len(info.filename))
                if not members:
                    return None
                with archive.open(members[0]) as member:
                    return json.loads(member.read(MAX_STATE))
        where = state_file(path, katas)
        if where is None or not where.is_file() or where.stat().st_size > MAX_STATE:
            return None
        return json.loads(where.read_bytes())
    except (OSError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError,
            RecursionError):
        return None


def load(path: Path, katas: Sequence[Kata]) -> dict[str, dict[int, int]]:
    """Hints seen per kata and task number, for the katas given; empty when none were asked."""
    data = _read(path, katas)
    raw = data.get("hints") if isinstance(data, dict) else None
    seen: dict[str, dict[int, int]] = {}
    if not isinstance(raw, dict):
        return seen
    by_name = {kata.name: kata for kata in katas}
    for key, value in raw.items():
        name, _, number = str(key).partition(":")
        kata = by_name.get(name)
        if kata is None or not number.isdigit() or type(value) is not int or value <= 0:
            continue
        task = int(number)
        if 1 <= task <= len(kata.tasks):
            seen.setdefault(name, {})[task] = min(value, len(kata.tasks[task - 1].hints))
    return seen


def by_task_name(seen: Mapping[str, Mapping[int, int]],
                 katas: Sequence[Kata]) -> dict[str, dict[str, int]]:
    """``seen`` keyed by task name (what reports show) instead of task number."""
    return {kata.name: {kata.tasks[number - 1].name: count
                        for number, count in sorted(seen[kata.name].items())}
            for kata in katas if seen.get(kata.name)}


def record(path: Path, kata: Kata, task: int, level: int) -> Path | None:
    """Remember that hints 1 to ``level`` of ``kata``'s task ``task`` were shown; the file
    written, or None when the workspace cannot keep state (a zip, a read-only folder)."""
    where = state_file(path, (kata,))
    if where is None:
        return None
    data = _read(path, (kata,))
    hints = data.get("hints") if isinstance(data, dict) else None
    hints = dict(hints) if isinstance(hints, dict) else {}
    hints[f"{kata.name}:{task}"] = level
    try:
        where.write_text(json.dumps({"hints": hints}, indent=2) + "\n", encoding="utf-8")
    except OSError:
        return None  # hints still show; they just do not climb
    return where
