"""Markers for hidden tests: ``@points(N)`` and ``@task(N)``.

    @points(2)
    @task(1)
    def test_grid_rows(learner): ...

Both are plain pytest marks, registered by ``grader.plugin``; read them with
``item.get_closest_marker``. A test without ``@points`` is worth 1.
"""

from __future__ import annotations

import pytest

points = pytest.mark.points
task = pytest.mark.task
