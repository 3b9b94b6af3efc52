"""Reading and extraction over the cores (issue 16): worker processes read files and analyse them; the
parent only decides what is new and writes batches. At most `WINDOW_PER_WORKER` chunks per worker are in
flight, so memory is bounded by the chunk size, not by the number of files.

Workers start from a fork server (a fresh interpreter that imports the stages once), not by forking the
parent: the parent has threads (Great Expectations is imported in one while files are read), and a fork
taken while another thread holds an import lock deadlocks the child. Few files are read in-process: a
pool costs ~1 s to start, more than it saves on a handful of reports."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.extract.extractor import FactExtractor
from ingest.read.document import ReadError
from ingest.read.reader import read_document
from ingest.resolve.overrides import OverrideError, Overrides

PARALLEL_MIN_FILES = 64  # below this, extraction runs in the calling process
CHUNK_FILES = 16  # files per task sent to a worker
WINDOW_PER_WORKER = 3  # chunks in flight per worker: the bound on results waiting in memory


@dataclass
class FileOutcome:
    """What became of one file: `status` is done (row, facts, skipped set), unchanged (doc_id set) or failed
    (reason set)."""
    path: Path
    status: str
    doc_id: str | None = None
    row: dict | None = None
    facts: list | None = None
    skipped: list | None = None
    file_name: str | None = None
    reason: str | None = None


def workers() -> int:
    """Worker processes: one per core this process may use ($FAZHI_WORKERS overrides)."""
    given = os.environ.get("FAZHI_WORKERS")
    if given and given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


_STATE: dict = {}


def _init(versions: dict[str, str], overrides: Overrides | None) -> None:
    _STATE.update(extractor=FactExtractor(), versions=versions, overrides=overrides)


def analyse_file(path: Path, extractor: FactExtractor, versions: dict[str, str],
                 overrides: Overrides | None) -> FileOutcome:
    """Read one file; analyse it unless it is stored with this extractor version and no override names it."""
    from ingest.run.load import process_document  # the one place a document becomes rows

    try:
        document = read_document(path)
        file_overrides = overrides.for_file(path) if overrides is not None else None
        overridden = file_overrides is not None and file_overrides.given
        if versions.get(document.doc_id) == extractor.version and not overridden:
            return FileOutcome(path, "unchanged", document.doc_id)
        row, facts, skipped = process_document(document, extractor, file_overrides)
        return FileOutcome(path, "done", document.doc_id, row, facts, skipped, document.file_name)
    except (ReadError, OverrideError) as exc:  # an override that matches nothing skips the file, with the reason
        return FileOutcome(path, "failed", reason=str(exc))
    except Exception as exc:  # an extractor bug must not stop the batch; it is reported per file
        return FileOutcome(path, "failed", reason=f"internal error while processing ({type(exc).__name__}: {exc})")


def _chunk(paths: list[Path]) -> list[FileOutcome]:
    return [analyse_file(path, _STATE["extractor"], _STATE["versions"], _STATE["overrides"]) for path in paths]


def file_outcomes(files: list[Path], extractor: FactExtractor, versions: dict[str, str],
                  overrides: Overrides | None) -> Iterator[FileOutcome]:
    """Every file's outcome, in the order of `files`."""
    processes = min(workers(), max(1, len(files) // CHUNK_FILES))
    if len(files) < PARALLEL_MIN_FILES or processes < 2:
        for path in files:
            yield analyse_file(path, extractor, versions, overrides)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ingest.run.parallel", "ingest.run.load"])
    chunks = [files[i:i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    with context.Pool(processes, initializer=_init, initargs=(versions, overrides)) as pool:
        pending: deque = deque()
        next_chunk = 0
        while next_chunk < len(chunks) or pending:
            while next_chunk < len(chunks) and len(pending) < processes * WINDOW_PER_WORKER:
                pending.append(pool.apply_async(_chunk, (chunks[next_chunk],)))
                next_chunk += 1
            yield from pending.popleft().get()
