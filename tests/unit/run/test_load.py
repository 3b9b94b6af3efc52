"""Loading: a figure that cannot be represented is skipped with its reason in raw.skipped_figures, and the
report's other figures load (issue 18, item 7)."""

from __future__ import annotations

from pathlib import Path

from ingest.run.load import run_ingest
from ingest.warehouse.connection import connect


def test_unrepresentable_figure_is_recorded_and_the_rest_loads(tmp_path: Path):
    huge = "9" * 400
    report = tmp_path / "report.txt"
    report.write_text("蓝山县2024年法治政府建设年度报告\n" + "全年办理法律援助案件155件，" * 3
                      + f"另有数据{huge}件需要核实。各类矛盾纠纷得到妥善化解，群众满意度持续提升。\n", encoding="utf-8")
    with connect(None) as con:
        summary = run_ingest(con, [report])
        facts = con.execute("select value from raw.facts").fetchall()
        skipped = con.execute("select surface, reason from raw.skipped_figures").fetchall()
    assert summary.loaded == 1 and not summary.failed
    assert facts == [(155.0,)] * 3
    assert len(skipped) == 1 and skipped[0][0].startswith("9999") and skipped[0][1]
