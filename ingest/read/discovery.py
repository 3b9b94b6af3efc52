"""Expand the user's paths into report files, with a reason for every path that yields none."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ingest.read.reader import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def discover_files(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """Files given directly are kept whatever their suffix (the reader explains a refusal);
    folders are walked for supported suffixes, without following symlinked folders (no loops)."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    def unreadable(error: OSError) -> None:
        skipped.append(Skipped(str(error.filename), f"cannot read folder ({error.strerror or error})"))

    for path in paths:
        if not path.exists():
            broken = os.path.islink(path)
            skipped.append(Skipped(str(path), "broken or looping symbolic link" if broken else "no such file or folder"))
        elif path.is_dir():
            before = len(found)
            for root, dirs, files in os.walk(path, onerror=unreadable, followlinks=False):
                for name in sorted(d for d in dirs if os.path.islink(os.path.join(root, d))):
                    skipped.append(Skipped(os.path.join(root, name), "symbolic link to a folder, not followed"))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if candidate.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith("."):
                        add(candidate)
            if len(found) == before:
                skipped.append(Skipped(str(path), "folder holds no report files (.txt .html .htm .docx .pdf)"))
        else:
            add(path)
    return found, skipped
