"""The benchmark's class: a third full solutions, a third stubs, a third mixes, all distinct."""

from __future__ import annotations

from pathlib import Path


def make_class(folder: Path, n: int, root: Path, katas: list[str] | None = None) -> list[Path]:
    """``n`` submission folders under ``folder``; every file ends with a comment of its own,
    so that no cache keyed by content can flatter the figures."""
    solutions, stubs = root / "solutions", root / "katas"
    names = [f"{name}.py" for name in katas] if katas else \
        sorted(p.name for p in stubs.glob("*.py"))
    made = []
    for i in range(n):
        target = folder / f"learner{i:04d}"
        target.mkdir(parents=True)
        for j, name in enumerate(names):
            kind = i % 3
            source = solutions if kind == 0 or (kind == 2 and j % 2 == 0) else stubs
            if (source / name).exists():
                text = (source / name).read_text(encoding="utf-8")
                (target / name).write_text(text + f"\n# learner {i}\n", encoding="utf-8")
        made.append(target)
    return made
