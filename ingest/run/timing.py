"""Stage timings for the scale benchmark (scripts/benchmark_scale.py): when $FAZHI_TIMINGS names a file,
each stage appends one JSON line {"stage", "start", "end", "seconds"} (wall clock, time.time()); else
nothing is written. Not a log for users: a probe for measuring where a run's time goes."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


def note(stage: str, start: float, end: float | None = None, seconds: float | None = None) -> None:
    """Record that `stage` ran from `start` to `end` (seconds: its own time when it was interleaved)."""
    target = os.environ.get("FAZHI_TIMINGS")
    if not target:
        return
    end = time.time() if end is None else end
    record = {"stage": stage, "start": start, "end": end, "seconds": end - start if seconds is None else seconds}
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.time()
    try:
        yield
    finally:
        note(name, start)
