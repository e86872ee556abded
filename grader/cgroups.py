"""Control groups: one per submission, capping the memory and the processes of all its learner
processes together, and a sure way to kill every one of them.

Works with cgroup v2 (``memory.max``, ``pids.max``, ``cgroup.kill``) or v1 (the ``memory`` and
``pids`` hierarchies), as root, under the grader's own group so that the machine's limits
still apply. Where none is writable, :func:`available` says so and the sandbox goes without.
"""

from __future__ import annotations

import itertools
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

ROOT: Final = Path("/sys/fs/cgroup")


def _own_path(controller: str) -> str | None:
    """This process's group in a hierarchy ("memory", "pids", or "" for v2)."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controller in controllers.split(",") or (controller == "" and controllers == ""):
            return path
    return None


def _v2_base() -> Path | None:
    own = _own_path("")
    if own is None or not (ROOT / "cgroup.controllers").exists():
        return None
    base = ROOT / own.lstrip("/")
    try:
        enabled = (base / "cgroup.subtree_control").read_text().split()
    except OSError:
        return None
    return base if {"memory", "pids"} <= set(enabled) and os.access(base, os.W_OK) else None


def _v1_bases() -> list[Path] | None:
    bases = []
    for controller in ("memory", "pids"):
        own = _own_path(controller)
        base = ROOT / controller / (own or "/").lstrip("/")
        if own is None or not base.is_dir() or not os.access(base, os.W_OK):
            return None
        bases.append(base)
    return bases


@dataclass
class Group:
    """One submission's group (one folder per hierarchy)."""

    folders: list[Path]
    v2: bool

    def add(self, pid: int) -> bool:
        """Move ``pid`` into the group; False if it is already gone or cannot be moved."""
        try:
            for folder in self.folders:
                (folder / "cgroup.procs").write_text(str(pid))
        except OSError:
            return False
        return True

    def pids(self) -> set[int]:
        found: set[int] = set()
        for folder in self.folders:
            try:
                found.update(int(pid) for pid in (folder / "cgroup.procs").read_text().split())
            except (OSError, ValueError):
                pass
        return found

    def kill(self) -> None:
        """Send SIGKILL to every process in the group (none of them runs another instruction
        of its own); they are gone, and the group removable, soon after: see :meth:`destroy`."""
        kill_file = self.folders[0] / "cgroup.kill"
        if self.v2 and kill_file.exists():
            try:
                kill_file.write_text("1")
                return
            except OSError:
                pass
        for pid in self.pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def destroy(self) -> None:
        """Kill every process in the group, then remove it.

        Processes take a moment to die once killed (a learner process whose channel just
        closed is already on its way out), so the group is polled at growing intervals
        from a tenth of a millisecond: mostly it is empty by the second look."""
        self.kill()
        pause = 0.0001
        deadline = time.monotonic() + 5
        while (pids := self.pids()) and time.monotonic() < deadline:
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(pause)
            pause = min(2 * pause, 0.005)
        for folder in self.folders:
            pause = 0.0001
            for _ in range(100):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:  # the last processes are still being torn down
                    time.sleep(pause)
                    pause = min(2 * pause, 0.005)


class Groups:
    """Makes a :class:`Group` per submission, under a parent group of this grader's own."""

    def __init__(self, name: str) -> None:
        base = _v2_base()
        self.v2 = base is not None
        bases = [base] if base is not None else (_v1_bases() or [])
        for folder in bases:
            _sweep(folder, self.v2)
        self.parents: list[Path] = []
        for folder in bases:
            try:
                (folder / name).mkdir(exist_ok=True)
            except OSError:
                self.parents = []
                break
            self.parents.append(folder / name)
        if self.v2 and self.parents:
            try:
                (self.parents[0] / "cgroup.subtree_control").write_text("+memory +pids")
            except OSError:
                self.parents = []
        self._numbers = itertools.count(1)  # thread-safe: grading threads create groups

    @property
    def available(self) -> bool:
        return bool(self.parents)

    def create(self, *, memory_bytes: int, processes: int) -> Group | None:
        if not self.parents:
            return None
        number = next(self._numbers)
        folders = [parent / f"s{number}" for parent in self.parents]
        try:
            for folder in folders:
                folder.mkdir()
            if self.v2:
                (folders[0] / "memory.max").write_text(str(memory_bytes))
                (folders[0] / "pids.max").write_text(str(processes))
            else:
                (folders[0] / "memory.limit_in_bytes").write_text(str(memory_bytes))
                (folders[1] / "pids.max").write_text(str(processes))
        except OSError:
            Group(folders, self.v2).destroy()
            return None
        return Group(folders, self.v2)

    def close(self) -> None:
        for parent in self.parents:
            for child in parent.glob("s*"):
                if child.is_dir():
                    Group([child], self.v2).destroy()
            try:
                parent.rmdir()
            except OSError:
                pass
        self.parents = []


def _sweep(base: Path, v2: bool) -> None:
    """Remove the groups of graders that were killed (named pykata-<pid>-..., pid gone)."""
    for stale in base.glob("pykata-*-*"):
        owner = stale.name.split("-")[1]
        if not owner.isdigit() or Path(f"/proc/{owner}").exists():
            continue
        for child in stale.glob("s*"):
            if child.is_dir():
                Group([child], v2).destroy()
        try:
            stale.rmdir()
        except OSError:
            pass


def real_pid(pidfd: int | None, pid: int) -> int:
    """The pid of a learner process as this process sees it (it may live in a PID namespace):
    read from its pidfd, or ``pid`` itself without one."""
    if pidfd is not None:
        try:
            for line in Path(f"/proc/self/fdinfo/{pidfd}").read_text().splitlines():
                if line.startswith("Pid:"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
    return pid
