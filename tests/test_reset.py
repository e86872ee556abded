"""``kata reset`` never loses a learner's work: every backup under its own name."""

from __future__ import annotations

import dataclasses
import time

from conftest import COURSE
from grader import cli, commands
from grader import course as courses


def _pristine(monkeypatch, folder):
    """The course kata finds keeps its stubs as shipped in ``folder`` (as a pack does)."""
    monkeypatch.setattr(courses, "discover",
                        lambda *_a, **_k: dataclasses.replace(COURSE, pristine_dir=folder))


def test_resets_within_one_second_keep_every_backup(tmp_path, monkeypatch, capsys):
    packaged = tmp_path / "_stubs"
    packaged.mkdir()
    (packaged / "closures.py").write_text("# the stub\n")
    _pristine(monkeypatch, packaged)
    frozen = time.strftime("%Y%m%d-%H%M%S")  # every reset falls in the same second
    monkeypatch.setattr(commands.time, "strftime", lambda _format: frozen)
    katas = tmp_path / "katas"
    katas.mkdir()
    attempts = [f"# attempt {n}\n" for n in range(4)]
    for attempt in attempts:
        (katas / "closures.py").write_text(attempt)
        assert cli.main(["reset", "closures", "--path", str(katas)]) == 0
        assert (katas / "closures.py").read_text() == "# the stub\n"
    assert cli.main(["reset", "closures", "--path", str(katas)]) == 0  # the stub itself
    backups = sorted((katas / ".kata-backup").iterdir())
    assert len(backups) == 5 and len({b.name for b in backups}) == 5
    assert sorted(b.read_text() for b in backups) == sorted([*attempts, "# the stub\n"])
    assert all(b.name.startswith(f"closures-{frozen}") and b.suffix == ".py" for b in backups)
    printed = capsys.readouterr().out
    assert all(f"saved as {b}" in printed.replace("\n", "") for b in backups)


def test_an_existing_backup_name_is_never_overwritten(tmp_path, monkeypatch):
    packaged = tmp_path / "_stubs"
    packaged.mkdir()
    (packaged / "closures.py").write_text("# the stub\n")
    _pristine(monkeypatch, packaged)
    monkeypatch.setattr(commands.time, "strftime", lambda _format: "20260101-000000")
    katas = tmp_path / "katas"
    (katas / ".kata-backup").mkdir(parents=True)
    taken = katas / ".kata-backup" / "closures-20260101-000000.py"
    taken.write_text("# last week's work\n")
    (katas / "closures.py").write_text("# today's work\n")
    assert cli.main(["reset", "closures", "--path", str(katas)]) == 0
    assert taken.read_text() == "# last week's work\n"
    assert (katas / ".kata-backup" / "closures-20260101-000000-2.py").read_text() == (
        "# today's work\n")
