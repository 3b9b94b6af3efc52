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

import duckdb
from filelock import FileLock, Timeout


class WarehouseBusy(Exception):
    """Another run holds the warehouse lock."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def staging_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".staging")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _checkpoint(database: Path) -> None:
    """Fold any write-ahead log into the file so a single file can be copied or renamed."""
    con = duckdb.connect(str(database))
    try:
        con.execute("checkpoint")
    finally:
        con.close()


@contextmanager
def staged_warehouse(published: Path, wait_seconds: float = 0) -> Iterator[Path]:
    """Yield a staging database path holding a copy of the published warehouse; publish it on
    success, discard it on any failure. One writer at a time (file lock)."""
    published.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(published)), timeout=wait_seconds)
    try:
        lock.acquire()
    except Timeout:
        raise WarehouseBusy(
            f"another fazhi run is writing {published} (lock {lock_path(published)}); try again when it has finished"
        ) from None
    staging = staging_path(published)
    try:
        for leftover in (staging, staging.with_name(staging.name + ".wal")):
            leftover.unlink(missing_ok=True)  # from a run that was killed
        if published.exists():
            shutil.copy2(published, staging)
        try:
            yield staging
        except BaseException:
            staging.unlink(missing_ok=True)
            staging.with_name(staging.name + ".wal").unlink(missing_ok=True)
            raise
        _checkpoint(staging)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, published)
        _fsync_dir(published.parent)
    finally:
        lock.release()
