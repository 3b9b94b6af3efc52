"""Overrides that cannot be honoured are errors, overrides can be cleared, and the sidecar is read with
the same limits as report files."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ingest.read.reader import read_document
from ingest.resolve import overrides as overrides_module
from ingest.resolve.metadata import describe_document
from ingest.resolve.overrides import Overrides, SidecarError, read_sidecar
from tests.conftest import REPORTS

DEV027 = REPORTS / "dev" / "027.txt"  # 鲁山县人民政府, 2024


def test_region_override_matching_nothing_is_an_error():
    document = read_document(DEV027)
    with pytest.raises(overrides_module.OverrideError, match="override '火星县' matches no region"):
        describe_document(document, document.text, Overrides(region="火星县"))


def test_region_override_that_resolves_still_wins():
    document = read_document(DEV027)
    meta = describe_document(document, document.text, Overrides(region="苍溪县"))
    assert (meta.region.status, meta.region.region_name) == ("resolved", "苍溪县")


def test_sidecar_dash_clears_a_field(tmp_path: Path):
    sidecar = tmp_path / "s.csv"
    sidecar.write_text("file,region,year\na.txt,-,\nb.txt,-,-\nc.txt,蓝山县,-\n", encoding="utf-8")
    overrides = Overrides(region="苍溪县", year=2020, sidecar=read_sidecar(sidecar))
    a = overrides.for_file(tmp_path / "a.txt")
    assert (a.region, a.year, a.given) == (None, 2020, True)
    b = overrides.for_file(tmp_path / "b.txt")
    assert (b.region, b.year, b.given) == (None, None, True)  # nothing set, yet the stored overrides go
    c = overrides.for_file(tmp_path / "c.txt")
    assert (c.region, c.year) == ("蓝山县", None)
    assert overrides.for_file(tmp_path / "d.txt") == Overrides("苍溪县", 2020)


def test_clear_overrides_describes_from_the_text_alone():
    cleared = Overrides(clear=frozenset({"region", "year"}))
    assert cleared.given
    document = read_document(DEV027)
    meta = describe_document(document, document.text, cleared.for_file(DEV027))
    assert (meta.region.region_name, meta.report.report_year) == ("鲁山县", 2024)


def _read_within(path: Path, seconds: float = 5.0) -> str:
    outcome: list = []

    def target() -> None:
        try:
            read_sidecar(path)
            outcome.append("read")
        except SidecarError as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():  # unblock the reader so the test process can end
        with open(path, "wb"):
            pass
        pytest.fail(f"reading {path} as a sidecar hung")
    return outcome[0]


def test_sidecar_fifo_is_refused_without_hanging(tmp_path: Path):
    fifo = tmp_path / "s.csv"
    os.mkfifo(fifo)
    message = _read_within(fifo)
    assert message.startswith(f"sidecar {fifo}: not a regular file") and "\n" not in message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_sidecar_device_is_refused():
    message = _read_within(Path("/dev/zero"))
    assert message.startswith("sidecar /dev/zero: not a regular file")


def test_huge_sidecar_is_refused(tmp_path: Path):
    big = tmp_path / "s.csv"
    with big.open("wb") as handle:
        handle.truncate(11_000_000)  # sparse: no disk used
    message = _read_within(big)
    assert message.startswith(f"sidecar {big}: file too large") and "\n" not in message


@pytest.mark.parametrize("kind", ["directory", "missing"])
def test_sidecar_directory_or_missing_is_one_line(tmp_path: Path, kind: str):
    path = tmp_path / "s.csv"
    if kind == "directory":
        path.mkdir()
    message = _read_within(path)
    assert message.startswith(f"sidecar {path}: ") and "\n" not in message
