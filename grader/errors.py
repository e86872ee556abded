"""The one exception for user mistakes: the CLI prints its message on one line and exits 2."""

from __future__ import annotations


class UsageError(Exception):
    """Bad usage or bad input: say where and what to do, in one line."""
