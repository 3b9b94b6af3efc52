"""The --sidecar CSV read on its own, and how its rows combine with --region / --year (issue 5);
no run starts here. The CLI end of the same feature is in tests/e2e/test_ingest_overrides.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.resolve.overrides import Overrides, SidecarError, read_sidecar


@pytest.mark.parametrize("content, message", [
    ("file,region,year,note\na.txt,蓝山县,2024,x\n", "unknown column 'note'"),
    ("file\na.txt\n", "missing column 'region' or 'year'"),
    ("file,region,year\n", "no rows"),
    ("file,region,year\n,蓝山县,2024\n", "line 2: empty 'file' cell"),
    ("file,region,year\na.txt,,\n", "line 2: neither region nor year"),
    ("file,region,year\na.txt,,1800\n", "line 2: bad year '1800'"),
    ("file,region,year\na.txt,蓝山县,2024\n./a.txt,,2023\n", "line 3: './a.txt' is listed twice (first on line 2)"),
])
def test_sidecar_checks(tmp_path: Path, content: str, message: str):
    sidecar = tmp_path / "s.csv"
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(SidecarError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_sidecar(sidecar)


def test_sidecar_lookup_and_precedence(tmp_path: Path):
    sidecar = tmp_path / "s.csv"
    sidecar.write_text("\ufefffile, region ,year\nin/a.txt,蓝山县,\nb.txt,,２０２３\n", encoding="utf-8")
    overrides = Overrides(region=None, year=2020, sidecar=read_sidecar(sidecar))
    assert overrides.for_file(tmp_path / "in" / "a.txt") == Overrides("蓝山县", 2020)
    assert overrides.for_file(tmp_path / "x" / "y" / "b.txt") == Overrides(None, 2023)
    assert overrides.for_file(tmp_path / "other" / "a.txt") == Overrides(None, 2020)  # a path row is that path only
    assert overrides.sidecar.unmatched([tmp_path / "in" / "a.txt"]) == [(3, "b.txt")]
