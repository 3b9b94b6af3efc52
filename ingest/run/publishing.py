"""Build the next warehouse state apart from the published one, then publish it atomically.

Readers (analysts, BI tools) open the published file read-only; a run works on a staging copy
beside it and replaces the published file with one rename at the end, so a failed or killed run
leaves the last good warehouse as it was, and readers never see a half-written state.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

from filelock import FileLock, Timeout

from ingest.paths import lock_path, staging_path
from ingest.warehouse.rows import checkpoint


class WarehouseBusy(Exception):
    """Another run holds the warehouse lock."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def writer_lock(published: Path, wait_seconds: float = 0) -> Iterator[None]:
    """One writer at a time: hold the warehouse's lock file (released by the OS when a process dies)."""
    published.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(published)), timeout=wait_seconds)
    try:
        lock.acquire()
    except Timeout:
        raise WarehouseBusy(
            f"another fazhi run is writing {published} (lock {lock_path(published)}); try again when it has finished"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _refuse_if_in_use(staging: Path) -> None:
    """A run killed without its children (kill -9 of the main process only) can leave its dbt build
    running on the staging copy; starting over beside it would mix the two."""
    if fcntl is None:
        return
    try:
        fd = os.open(staging, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # DuckDB holds this lock while it has the file open
    except OSError:
        raise WarehouseBusy(
            f"a process left by an interrupted run (its dbt build?) still writes {staging}; "
            "try again when it has ended"
        ) from None
    finally:
        os.close(fd)


@contextmanager
def staged_copy(published: Path) -> Iterator[Path]:
    """Under writer_lock: yield a staging database path holding a copy of the published warehouse;
    publish it with one atomic rename on success, discard it on any failure."""
    staging = staging_path(published)
    wal = staging.with_name(staging.name + ".wal")
    _refuse_if_in_use(staging)
    for leftover in (staging, wal):
        leftover.unlink(missing_ok=True)  # from a run that was killed
    try:
        if published.exists():
            shutil.copy2(published, staging)
        yield staging
        checkpoint(staging)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, published)
        _fsync_dir(published.parent)
    except BaseException:
        staging.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
        raise


@contextmanager
def staged_warehouse(published: Path, wait_seconds: float = 0) -> Iterator[Path]:
    """writer_lock + staged_copy: build the next state in a staging copy, publish it on success."""
    with writer_lock(published, wait_seconds), staged_copy(published) as staging:
        yield staging
