"""The unattended run's inbox moves and the record `fazhi status` reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import duckdb
from typer.testing import CliRunner

from ingest.cli import app
from ingest.publish.inbox import pending_files, reasons_of, settle
from ingest.publish.status import read_status, write_record
from ingest.read.discovery import Skipped


def test_inbox_files_go_to_processed_or_rejected_with_a_reason(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "processed").mkdir(parents=True)
    for name in ("good.txt", "bad.bin", ".partial.txt"):
        (inbox / name).write_text("x", encoding="utf-8")
    (inbox / "processed" / "good.txt").write_text("an earlier one", encoding="utf-8")
    files = pending_files(inbox)
    assert [p.name for p in files] == ["bad.bin", "good.txt"]  # hidden files and folders wait
    summary = type("Summary", (), {"failed": [Skipped(str(inbox / "bad.bin"), "binary file")]})()
    outcome = settle(inbox, files, reasons_of(summary, files))
    assert [p.name for p in outcome.processed] == ["good.2.txt"]  # the earlier good.txt is kept
    assert (inbox / "rejected" / "bad.bin").is_file()
    assert (inbox / "rejected" / "bad.bin.reason.txt").read_text(encoding="utf-8").startswith("binary file")
    assert pending_files(inbox) == []


def _runs(warehouse, status: str) -> None:
    con = duckdb.connect(str(warehouse))
    con.execute("insert into raw.ingest_runs values ('r1', now()::timestamp - interval 1 hour, now()::timestamp, ?, "
                "3, 2, 1, 0, 0, 42, null)", [status])
    con.execute("create schema quality; create table quality.dq_findings as "
                "select * from (values ('error'), ('warning'), ('warning')) t(severity)")
    con.close()


def test_status_prints_the_last_run_and_exits_1_when_it_failed(mini_warehouse):
    _runs(mini_warehouse, "succeeded")
    runner = CliRunner()
    write_record(mini_warehouse, datetime.now(UTC) - timedelta(seconds=30), "succeeded")
    result = runner.invoke(app, ["status", "--warehouse", str(mini_warehouse)])
    assert result.exit_code == 0, result.output
    assert "succeeded" in result.output and "42" in result.output and "1 error · 2 warning · 0 info" in result.output
    write_record(mini_warehouse, datetime.now(UTC) - timedelta(seconds=5), "failed", "dbt build failed")
    assert read_status(mini_warehouse).failed
    result = runner.invoke(app, ["status", "--warehouse", str(mini_warehouse)])
    assert result.exit_code == 1 and "dbt build failed" in result.output


def test_status_without_any_run_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["status", "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2


def test_a_kill_during_the_exports_says_the_warehouse_was_published(tmp_path, monkeypatch):
    from ingest.publish import runs
    from ingest.run import pipeline
    from ingest.run.interrupts import Terminated

    def killed(_warehouse):
        raise Terminated

    monkeypatch.setattr(pipeline, "run", lambda *args, **kwargs: object())  # the warehouse was published
    monkeypatch.setattr(runs, "export", killed)
    report = tmp_path / "r.txt"
    report.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(report), "--warehouse", str(tmp_path / "w.duckdb"), "--export"])
    assert result.exit_code == 143
    assert "terminated (SIGTERM); the warehouse was published, the exports are unchanged" in result.output
    assert read_status(tmp_path / "w.duckdb").record.message.startswith("the warehouse was published, but the export")
