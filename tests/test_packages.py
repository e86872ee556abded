"""A course's runtime packages (numpy for the ML track) inside the sandbox, and nothing more."""

from __future__ import annotations

import pytest

from grader.sandbox import Sandbox

from tests.conftest import FAST

LAYERS = ["bubblewrap", "unshare", "basic"]


def probe_numpy(m):
    import os
    import threading
    return {"answer": float(m.norm([3.0, 4.0])), "threads": threading.active_count(),
            "blas": os.environ.get("OPENBLAS_NUM_THREADS"),
            "preloaded": m.LOADED_BEFORE}


def probe_import(m, name):
    import importlib
    try:
        importlib.import_module(name)
    except ImportError as exc:
        return type(exc).__name__
    return "imported"


KATA = b"""import sys
LOADED_BEFORE = "numpy" in sys.modules
import numpy as np

def norm(v):
    return np.linalg.norm(np.asarray(v))
"""


@pytest.fixture(scope="module", params=LAYERS)
def numpy_box(request):
    with Sandbox(limits=FAST, isolation=request.param, packages=("numpy",)) as box:
        yield box


def test_allowed_package_imports_preloaded_with_one_thread(numpy_box):
    with numpy_box.workspace({"vec.py": KATA}) as space, space.learner("vec") as learner:
        got = learner.run(probe_numpy)
    assert got == {"answer": 5.0, "threads": 1, "blas": "1", "preloaded": True}


def test_other_packages_of_the_grader_stay_out_of_reach(numpy_box):
    with numpy_box.workspace({"vec.py": KATA}) as space, space.learner("vec") as learner:
        assert learner.run(probe_import, "pytest") == "ModuleNotFoundError"
        assert learner.run(probe_import, "rich") == "ModuleNotFoundError"


def test_without_the_package_allowed_numpy_is_not_importable():
    with Sandbox(limits=FAST) as box, box.workspace({"vec.py": b"x = 1\n"}) as space, \
            space.learner("vec") as learner:
        assert learner.run(probe_import, "numpy") == "ModuleNotFoundError"
