"""pykata: Python-fundamentals katas and the autograder that runs their hidden tests."""

from __future__ import annotations

__version__ = "0.1.0"
