"""--region / --year for a whole batch and --sidecar FILE.csv per file, through the real CLI (issue 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPORTS, assert_ok, documents_by_file, fazhi

DEV025 = REPORTS / "dev" / "025.txt"  # a 四川 county, 2023; names no region (only 我县)
DEV027 = REPORTS / "dev" / "027.txt"  # 鲁山县人民政府, 2024


def _documents(warehouse: Path) -> dict[str, tuple]:
    return documents_by_file(warehouse, "region_status, region_name, report_year, region_reason")


def test_region_and_year_flags_apply_to_every_file(tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    first = fazhi("ingest", str(DEV025), str(DEV027), "--year", "2021", warehouse=warehouse)
    assert_ok(first)
    assert "unresolved region 025.txt" in first.stderr
    docs = _documents(warehouse)
    assert docs["025.txt"][:3] == ("unresolved", None, 2021)
    assert docs["027.txt"][:3] == ("resolved", "鲁山县", 2021)
    # the same files again with --region: stored documents are re-described, not skipped as unchanged;
    # the given region wins even over a text that names another county
    second = fazhi("ingest", str(DEV025), str(DEV027), "--region", "苍溪县", warehouse=warehouse)
    assert_ok(second)
    assert "re-extracted: 2" in second.stdout
    docs = _documents(warehouse)
    assert docs["025.txt"][:3] == ("resolved", "苍溪县", 2023)
    assert docs["027.txt"][:3] == ("resolved", "苍溪县", 2024)
    assert "override" in docs["027.txt"][3]


def test_sidecar_gives_per_file_region_and_year(tmp_path: Path):
    batch = tmp_path / "batch"
    (batch / "henan").mkdir(parents=True)
    shutil.copy(DEV025, batch / "025.txt")
    shutil.copy(DEV027, batch / "henan" / "鲁山县 2024.txt")
    sidecar = tmp_path / "overrides.csv"
    # a path relative to the CSV, a bare file name found anywhere in the batch, a row matching nothing;
    # saved by Excel on a Chinese Windows: GB18030 with CRLF
    sidecar.write_bytes("File,Region,Year\r\nbatch/025.txt,苍溪县,\r\n鲁山县 2024.txt,,2023年\r\nmissing.txt,蓝山县,2024\r\n"
                        .encode("gb18030"))
    warehouse = tmp_path / "wh.duckdb"
    result = fazhi("ingest", str(batch), "--sidecar", str(sidecar), "--year", "2022", warehouse=warehouse)
    assert_ok(result)
    assert "sidecar line 4: no file in this batch matches 'missing.txt'" in result.stderr
    docs = _documents(warehouse)
    assert docs["025.txt"][:3] == ("resolved", "苍溪县", 2022)  # empty year cell: --year applies
    assert docs["鲁山县 2024.txt"][:3] == ("resolved", "鲁山县", 2023)  # the row wins over --year


@pytest.mark.parametrize("content, message", [
    ("name,region,year\n025.txt,苍溪县,2023\n", "missing column 'file'"),
    ("file,region,year\n025.txt,苍溪县,2023\n027.txt,,20204\n", "line 3: bad year '20204'"),
])
def test_malformed_sidecar_is_one_line_error(tmp_path: Path, content: str, message: str):
    sidecar = tmp_path / "bad.csv"
    sidecar.write_text(content, encoding="utf-8")
    warehouse = tmp_path / "wh.duckdb"
    result = fazhi("ingest", str(DEV025), "--sidecar", str(sidecar), warehouse=warehouse)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: sidecar {sidecar}") and message in line
    assert not warehouse.exists()


def test_reextraction_keeps_each_documents_own_overrides(tmp_path):
    """After an extractor version change, stored documents are re-described with the overrides they
    were loaded with, not with the later run's --region."""
    import subprocess
    import sys

    from tests.conftest import REPO, SEEDS, fazhi

    warehouse = tmp_path / "wh.duckdb"
    assert fazhi("ingest", str(SEEDS[0]), "--region", "苍溪县", warehouse=warehouse).returncode == 0
    code = ("import sys, ingest; ingest.EXTRACTOR_VERSION = '99.0.0-test'; "
            "from ingest.cli import app; sys.argv[0] = 'fazhi'; app()")
    result = subprocess.run([sys.executable, "-c", code, "ingest", str(SEEDS[3]), "--region", "曲沃县",
                             "--warehouse", str(warehouse)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = dict(con.execute("select file_name, region_name from raw.documents").fetchall())
    finally:
        con.close()
    assert rows == {SEEDS[0].name: "苍溪县", SEEDS[3].name: "曲沃县"}
