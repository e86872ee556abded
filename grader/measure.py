"""Coverage of kata modules by the hidden tests: how course authors prove a kata is tested.

Learner processes run the modules from private copies, so :class:`CoverageRun` hands the
sandbox a data folder, then maps what was measured back to the folder the modules came from.
Only for trusted code (solutions): the sandbox runs without namespaces or a uid drop then.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path
from typing import Any


class CoverageRun:
    """Settings for ``Sandbox(coverage=...)`` and, afterwards, the report."""

    def __init__(self) -> None:
        import coverage

        self._coverage = coverage
        self.folder = Path(tempfile.mkdtemp(prefix="pykata-coverage-"))
        self.folder.chmod(0o777)
        self.settings: dict[str, Any] = {
            "data_file": str(self.folder / ".coverage"),
            "sys_path": [str(Path(coverage.__file__).parents[1])],
        }

    def report(self, workroot: Path, source: Path, files: list[str]) -> tuple[float, str]:
        """Line and branch coverage of ``source/<file>`` for ``files``: (percent, table)."""
        merged = self._coverage.CoverageData(basename=str(self.folder / "merged"))
        for part in self.folder.glob(".coverage.*"):
            measured = self._coverage.CoverageData(basename=str(part))
            measured.read()
            for name in measured.measured_files():
                copy = Path(name).relative_to(workroot)  # sub-XXXX/<file>
                merged.add_arcs({str(source / Path(*copy.parts[1:])): measured.arcs(name) or []})
        merged.write()
        combined = self._coverage.Coverage(data_file=str(self.folder / "merged"), branch=True,
                                           config_file=False)
        combined.load()
        table = io.StringIO()
        try:
            percent = combined.report(morfs=[str(source / name) for name in files],
                                      show_missing=True, file=table)
        except self._coverage.exceptions.NoDataError:
            return 0.0, "no data: nothing was measured"
        return percent, table.getvalue()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
