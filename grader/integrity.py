"""Integrity scan of learner source (placeholder until the scan lands: finds nothing yet)."""

from __future__ import annotations

from grader.results import IntegrityFinding


def scan(kata: str, source: bytes) -> list[IntegrityFinding]:
    return []
