"""The inbox of an unattended run: files dropped into a folder are ingested by `fazhi run --inbox DIR`,
then moved to DIR/processed/ (loaded, or already loaded) or DIR/rejected/ (with NAME.reason.txt beside
it). Files of a run that failed as a whole (dbt, a check that could not run) stay in the inbox for the
next run; hidden files (.name, partial uploads) and sub-folders are left alone."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

PROCESSED = "processed"
REJECTED = "rejected"


@dataclass
class InboxOutcome:
    inbox: Path
    processed: list[Path] = field(default_factory=list)  # where each file went
    rejected: list[tuple[Path, str]] = field(default_factory=list)


def pending_files(inbox: Path) -> list[Path]:
    """The regular files waiting directly in the inbox, sorted by name."""
    if not inbox.is_dir():
        raise NotADirectoryError(20, "not a folder", str(inbox))
    return sorted(p for p in inbox.iterdir() if not p.name.startswith(".") and p.is_file() and not p.is_symlink())


def _free_name(folder: Path, name: str) -> Path:
    """folder/name, or folder/stem.2.suffix … when a file of that name was processed before."""
    candidate, stem, suffix, n = folder / name, Path(name).stem, Path(name).suffix, 2
    while candidate.exists():
        candidate, n = folder / f"{stem}.{n}{suffix}", n + 1
    return candidate


def settle(inbox: Path, files: list[Path], reasons: dict[Path, str]) -> InboxOutcome:
    """Move each of `files` to processed/, or to rejected/ with its reason when `reasons` names it."""
    outcome = InboxOutcome(inbox)
    for path in files:
        reason = reasons.get(path.resolve())
        folder = inbox / (REJECTED if reason is not None else PROCESSED)
        folder.mkdir(exist_ok=True)
        target = _free_name(folder, path.name)
        os.replace(path, target)
        if reason is None:
            outcome.processed.append(target)
            continue
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        target.with_name(target.name + ".reason.txt").write_text(f"{reason}\n(rejected {stamp})\n", encoding="utf-8")
        outcome.rejected.append((target, reason))
    return outcome


def reasons_of(summary, files: list[Path]) -> dict[Path, str]:
    """The files of this batch that the ingest stage skipped (load.IngestSummary.failed), by resolved path."""
    wanted = {p.resolve() for p in files}
    reasons = {}
    for skipped in getattr(summary, "failed", None) or []:
        path = Path(skipped.path).resolve()
        if path in wanted:
            reasons[path] = skipped.reason
    return reasons
