"""Build the next warehouse state apart from the published one, then publish it atomically.

Readers (analysts, BI tools) open the published file read-only; a run works on a staging copy
beside it and replaces the published file with one rename at the end, so a failed or killed run
leaves the last good warehouse as it was, and readers never see a half-written state.
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

from filelock import FileLock, Timeout

from ingest.paths import ASIDE_SUFFIX, GX_BUILD_SUFFIX, STAGING_SUFFIX, beside, lock_path, report_dir_for, staging_path
from ingest.run.interrupts import raise_if_interrupted
from ingest.warehouse.connection import WarehouseError, is_damaged, is_lock_conflict, open_and_close
from ingest.warehouse.rows import checkpoint
from ingest.warehouse.storage import ensure_compatible_storage


class WarehouseRefused(Exception):
    """The run cannot start (or publish) on this warehouse as it is; the message says what to do."""


class WarehouseBusy(WarehouseRefused):
    """Another run holds the warehouse lock, or another process has the warehouse open."""


class WarehouseDamaged(WarehouseRefused):
    """The published warehouse cannot be read."""


def _damaged(published: Path, error: BaseException) -> WarehouseDamaged:
    first = (str(error).splitlines() or ["unreadable"])[0].replace(str(staging_path(published)), str(published))
    return WarehouseDamaged(
        f"the warehouse {published} is damaged ({first}); restore it from a backup, or move it away "
        f"(mv {published} {published}.damaged) and run `fazhi run` to build a new one")


def _wal(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


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
        _discard_leftovers(published)
        yield
    finally:
        lock.release()


def _discard_leftovers(published: Path) -> None:
    """What a killed run leaves beside the warehouse, cleared by the next writer: the GX build folder and
    a half-written report; a report set aside by a run killed between its two renames goes back in place."""
    report = report_dir_for(published)
    for leftover in (beside(report, GX_BUILD_SUFFIX), beside(report, STAGING_SUFFIX)):
        shutil.rmtree(leftover, ignore_errors=True)
    aside = beside(report, ASIDE_SUFFIX)
    if aside.is_dir() and not report.exists():
        os.replace(aside, report)
    shutil.rmtree(aside, ignore_errors=True)


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


def _lock_shared(fd: int) -> bool:
    """Take a shared lock on the whole file for this open file (an OFD lock on Linux: closing another
    descriptor of the file does not drop it). Refused while a DuckDB session has the file open
    read-write: DuckDB holds an exclusive fcntl lock then (a shared one when read-only)."""
    if fcntl is None:
        return True
    try:
        if hasattr(fcntl, "F_OFD_SETLK"):
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi4x", fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0))
        else:
            fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _writer_message(published: Path) -> str:
    return (f"{published} is open for writing in another process (a duckdb session?); close that session "
            "(its committed changes are kept) and run again")


def _open_published(published: Path):
    """Under writer_lock: the published file opened for copying, holding a shared lock that keeps
    DuckDB writers out until it is closed (after the publishing rename), or None when there is no
    warehouse yet. A write-ahead log left beside it by a DuckDB session that ended without a
    checkpoint (crash, kill) is folded into the file first; a session still writing it is refused."""
    wal = _wal(published)
    if not published.exists():
        if wal.exists():
            raise WarehouseBusy(f"{wal} has no warehouse file beside it; move it away and run again")
        return None
    probe = open(published, "rb")
    try:
        if not _lock_shared(probe.fileno()):
            raise WarehouseBusy(_writer_message(published))
    finally:
        probe.close()
    try:
        if wal.exists():
            checkpoint(published)  # DuckDB replays the log into the file, then removes it
        else:
            open_and_close(published)
    except WarehouseError as exc:
        if is_lock_conflict(exc):
            raise WarehouseBusy(f"{published} is open in another process; close it and run again") from None
        raise _damaged(published, exc) from None
    guard = open(published, "rb")
    if not _lock_shared(guard.fileno()) or wal.exists():  # a session opened it meanwhile
        guard.close()
        raise WarehouseBusy(_writer_message(published))
    return guard


def _copy_contents(source, target) -> None:
    """Copy the open file `source` into `target` from its start: in the kernel (copy_file_range), so a national
    warehouse's bytes never pass through Python; with a read/write loop where that call is missing or refused
    (another OS or file system), also for what remains after a refusal halfway."""
    size = os.fstat(source.fileno()).st_size
    copied = 0
    if hasattr(os, "copy_file_range"):
        try:
            while copied < size:
                step = os.copy_file_range(source.fileno(), target.fileno(), size - copied, copied, copied)
                if step == 0:
                    break
                copied += step
        except OSError:
            pass
    source.seek(copied)
    target.seek(copied)
    shutil.copyfileobj(source, target, 1 << 20)


@contextmanager
def staged_copy(published: Path) -> Iterator[Path]:
    """Under writer_lock: yield a staging database path holding a copy of the published warehouse;
    publish it with one atomic rename on success, discard it on any failure."""
    staging = staging_path(published)
    wal = staging.with_name(staging.name + ".wal")
    _refuse_if_in_use(staging)
    for leftover in (staging, wal):
        leftover.unlink(missing_ok=True)  # from a run that was killed
    guard = _open_published(published)
    try:
        if guard is not None:
            with open(staging, "wb") as copy:
                _copy_contents(guard, copy)
            shutil.copystat(published, staging)
        ensure_compatible_storage(staging)  # DuckDB 1.x clients can open what is published
        yield staging
        checkpoint(staging)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
        if _wal(published).exists():  # cannot appear while the guard is held; never publish beside one
            raise WarehouseBusy(_writer_message(published))
        raise_if_interrupted()  # a kill swallowed on the way here: never published
        os.replace(staging, published)
        _fsync_dir(published.parent)
    except BaseException as exc:
        staging.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
        if guard is not None and isinstance(exc, WarehouseError) and is_damaged(exc):
            raise _damaged(published, exc) from None  # the copy of the published file cannot be read
        raise
    finally:
        if guard is not None:
            guard.close()


@contextmanager
def staged_warehouse(published: Path, wait_seconds: float = 0) -> Iterator[Path]:
    """writer_lock + staged_copy: build the next state in a staging copy, publish it on success."""
    with writer_lock(published, wait_seconds), staged_copy(published) as staging:
        yield staging
