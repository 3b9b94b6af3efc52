"""Replay what a hostile user or a careless colleague would do to fazhi, and say what survived.

    .venv/bin/python scripts/adversarial.py [--only NAME[,NAME...]] [--list] [--keep]

Not part of the test suite. One `fazhi run` on the bundled sample builds a base warehouse once; each
attack then works in a fresh temporary folder on its own copy of it, and is judged on:

  * the CLI exits with a deliberate code and a clear message (no Python traceback, no raw terminal
    escape, no hang, not killed by a signal it did not receive);
  * the published warehouse still opens read-only and holds what it held (row counts of raw.documents,
    raw.facts, marts.fct_indicator_observation, plus rows a foreign session committed), plus at most
    what the attack legitimately adds;
  * no leftovers (*.staging, *.staging.wal, dq_report.staging, *.gx-build) and no orphan process;
  * the data-quality report's index.html still opens.

One line per attack: NAME  handled|DATA LOST|UNCLEAR|SKIPPED  exit=N  first line of stderr [— why].
Exit status 1 when any attack lost data.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = str(REPO / ".venv" / "bin" / "python") if (REPO / ".venv" / "bin" / "python").exists() else sys.executable
SAMPLE = REPO / "data" / "reports"
SEEDS = sorted((SAMPLE / "seed").glob("*.txt")) + sorted((SAMPLE / "dev").glob("*.txt"))
TABLES = ("raw.documents", "raw.facts", "marts.fct_indicator_observation")
LEFTOVER = re.compile(r"(\.staging|\.staging\.wal|\.gx-build)$")
WAL_NOTE = "main.adversarial_note"  # a table a foreign session commits a row to: it must survive
RUN_TIMEOUT = 300


# --- running fazhi ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What an attack observed. `rc`/`stderr` are the command judged (for a killed run: its successor)."""

    rc: int | None = None
    stderr: str = ""
    max_docs: int = 0  # documents the attack may legitimately add
    problems: list[str] = field(default_factory=list)  # attack-specific findings (UNCLEAR)
    lost: list[str] = field(default_factory=list)  # attack-specific data losses
    warehouses: list[Path] | None = None  # published files to check (default: the attack's copy)
    killed_rc: int | None = None  # the killed process's own code, shown beside the successor's
    skipped: str | None = None


def _command(args, prelude: str = "") -> list[str]:
    code = f"import sys; {prelude}from ingest.cli import app; sys.argv[0] = 'fazhi'; app()"
    return [PY, "-c", code, *map(str, args)]


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "FAZHI_WAREHOUSE"}
    env.update(COLUMNS="200", NO_COLOR="1", PYTHONUNBUFFERED="1")
    return env


def fz(*args, timeout: float = RUN_TIMEOUT, prelude: str = "", **kwargs) -> tuple[int | None, str, str]:
    """Run fazhi to the end: (returncode or None on timeout, stdout, stderr)."""
    process = start(*args, prelude=prelude, **kwargs)
    try:
        out, err = process.communicate(timeout=timeout)
        return process.returncode, out, err
    except subprocess.TimeoutExpired:
        _kill_group(process)
        out, err = process.communicate()
        return None, out, err + f"\nTIMEOUT after {timeout:.0f} s"


def start(*args, prelude: str = "", env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(_command(args, prelude), cwd=REPO, env=env or _env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def wait_for(condition, process: subprocess.Popen, seconds: float = 180) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if condition():
            return True
        time.sleep(0.02)
    return False


def processes_mentioning(text: str) -> list[int]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        if int(proc.name) == os.getpid():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(int(proc.name))
    return found


def children(pid: int, marker: str = "ingest.run.dbt_worker") -> list[int]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            stat = (proc / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid and marker in (proc / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(proc.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def finish(process: subprocess.Popen, timeout: float = RUN_TIMEOUT) -> tuple[int | None, str, str]:
    try:
        out, err = process.communicate(timeout=timeout)
        return process.returncode, out, err
    except subprocess.TimeoutExpired:
        _kill_group(process)
        out, err = process.communicate()
        return None, out, err + "\nTIMEOUT"


# --- the warehouse as a reader sees it ----------------------------------------------------------------


def counts(warehouse: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        result = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
        try:
            result[WAL_NOTE] = con.execute(f"select count(*) from {WAL_NOTE}").fetchone()[0]
        except duckdb.Error:
            pass
        return result
    finally:
        con.close()


def counts_in_child(warehouse: Path) -> dict | str:
    """Counts read by a fresh process (this one may hold stale handles); a string says why it failed."""
    code = (f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import adversarial as a; "
            "print(json.dumps(a.counts(__import__('pathlib').Path(sys.argv[1]))))")
    result = subprocess.run([PY, "-c", code, str(warehouse)], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        return lines[-1] if lines else f"exit {result.returncode}"
    import json

    return json.loads(result.stdout)


# --- one attack's folder ------------------------------------------------------------------------------


@dataclass
class Ctx:
    root: Path
    wh: Path
    base: Path
    before: dict = field(default_factory=dict)  # warehouse -> counts before the attack

    @property
    def inputs(self) -> Path:
        path = self.root / "in"
        path.mkdir(exist_ok=True)
        return path

    def copy_warehouse(self, folder: Path, name: str = "fazhi.duckdb", everything: bool = True) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        if everything:
            shutil.copytree(self.base.parent, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.lock"))
            if name != self.base.name:
                (folder / self.base.name).rename(folder / name)
        else:
            shutil.copy2(self.base, folder / name)
            shutil.copytree(self.base.parent / "dq_report", folder / "dq_report", dirs_exist_ok=True)
        return folder / name

    def seed_copy(self, index: int = 0, name: str | None = None, change: str = "") -> Path:
        """A sample report (a new version of it when `change` is given)."""
        text = SEEDS[index].read_text(encoding="utf-8")
        path = self.inputs / (name or SEEDS[index].name)
        path.write_text(text + change, encoding="utf-8")
        return path

    def new_batch(self, n: int = 12) -> Path:
        folder = self.inputs / "batch"
        folder.mkdir(exist_ok=True)
        for i, seed in enumerate(SEEDS[:n]):
            (folder / f"v2_{i:02d}_{seed.name}").write_text(seed.read_text(encoding="utf-8") + "\n（修订版）\n",
                                                            encoding="utf-8")
        return folder


def seed_text(index: int = 0) -> str:
    return SEEDS[index].read_text(encoding="utf-8")


# --- hostile files --------------------------------------------------------------------------------------


def ingest(ctx: Ctx, *paths, max_docs: int = 0, extra=(), timeout: float = 180) -> Outcome:
    rc, _, err = fz("ingest", *paths, "--warehouse", ctx.wh, *extra, timeout=timeout)
    return Outcome(rc=rc, stderr=err, max_docs=max_docs)


def a_empty_file(ctx):
    path = ctx.inputs / "empty.txt"
    path.write_bytes(b"")
    return ingest(ctx, path)


def a_binary_file(ctx):
    path = ctx.inputs / "binary.txt"
    path.write_bytes(os.urandom(8192) + b"\x00" * 512)
    return ingest(ctx, path)


def a_file_60mb(ctx):
    path = ctx.inputs / "huge.txt"
    line = (seed_text(0).replace("\n", "") + "\n").encode()
    with path.open("wb") as handle:
        while handle.tell() < 60 * 1024 * 1024:
            handle.write(line)
    return ingest(ctx, path, max_docs=1)


def a_zip_bomb_docx(ctx):
    path = ctx.inputs / "bomb.docx"
    chunk = b"0" * 1_000_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(400):
                member.write(chunk)
    return ingest(ctx, path)


def _real_docx(path: Path, text: str) -> None:
    import docx

    document = docx.Document()
    for paragraph in text.splitlines():
        document.add_paragraph(paragraph)
    document.save(path)


def a_truncated_docx(ctx):
    path = ctx.inputs / "cut.docx"
    _real_docx(path, seed_text(0))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return ingest(ctx, path)


def a_fake_docx(ctx):
    path = ctx.inputs / "fake.docx"
    path.write_text("不是压缩包" * 200, encoding="utf-8")
    return ingest(ctx, path)


def a_garbage_pdf(ctx):
    path = ctx.inputs / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(20000))
    return ingest(ctx, path)


def a_nested_html_10k(ctx):
    path = ctx.inputs / "nested.html"
    path.write_text("<html><body>" + "<div>" * 10_000 + seed_text(0) + "</div>" * 10_000 + "</body></html>",
                    encoding="utf-8")
    return ingest(ctx, path, max_docs=1)


def _encoded(ctx, name: str, encoding: str, bom: bytes = b"") -> Path:
    path = ctx.inputs / name
    path.write_bytes(bom + seed_text(1).encode(encoding, errors="replace"))
    return path


def a_big5_text(ctx):
    return ingest(ctx, _encoded(ctx, "big5.txt", "big5"), max_docs=1)


def a_gb18030_text(ctx):
    return ingest(ctx, _encoded(ctx, "gb18030.txt", "gb18030"), max_docs=1)  # a sample's text under a new name


def a_utf16_bom(ctx):
    return ingest(ctx, _encoded(ctx, "utf16.txt", "utf-16-le", b"\xff\xfe"), max_docs=1)


def a_name_sql_quote(ctx):
    return ingest(ctx, ctx.seed_copy(2, "x'); drop table raw.facts; --.txt", "\n附件一\n"), max_docs=1)


def a_name_newline(ctx):
    return ingest(ctx, ctx.seed_copy(3, "two\nlines.txt", "\n附件一\n"), max_docs=1)


def a_name_ansi_escape(ctx):
    path = ctx.inputs / "\x1b[2J\x1b[31mred\x1b[0m.txt"
    path.write_bytes(b"")  # an empty file: its name is printed in the skip reason
    return ingest(ctx, path)


def a_name_chinese_spaces(ctx):
    return ingest(ctx, ctx.seed_copy(4, "蓝山县 2024 年度 报告 (终稿).txt", "\n附件一\n"), max_docs=1)


def a_name_rich_markup(ctx):
    path = ctx.inputs / "[bold red]boom[reset].txt"
    path.write_bytes(b"")
    return ingest(ctx, path)


def a_long_file_name(ctx):
    return ingest(ctx, ctx.seed_copy(5, "报" * 80 + ".txt", "\n附件一\n"), max_docs=1)  # 243 bytes


def a_symlink_loop(ctx):
    folder = ctx.inputs / "loops"
    folder.mkdir()
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "again").symlink_to(folder, target_is_directory=True)
    return ingest(ctx, folder)


def a_symlink_loop_as_argument(ctx):
    a, b = ctx.inputs / "a.txt", ctx.inputs / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    return ingest(ctx, a)


def a_fifo_as_report(ctx):
    path = ctx.inputs / "pipe.txt"
    os.mkfifo(path)
    return ingest(ctx, path, timeout=30)


def a_dev_zero_as_report(ctx):
    return ingest(ctx, "/dev/zero", timeout=60)


def a_missing_path(ctx):
    return ingest(ctx, ctx.inputs / "no-such-report.txt")


def a_single_line_10k_figures(ctx):
    path = ctx.inputs / "oneline.txt"
    head = seed_text(0).splitlines()[0]
    figures = "".join(f"受理行政复议案件{i}件，法律援助案件{i % 997}件，调解成功率{i % 100}.5%；" for i in range(10_000))
    path.write_text(head + "，" + figures[:200_000], encoding="utf-8")
    return ingest(ctx, path, max_docs=1, timeout=180)


def a_number_400_digits(ctx):
    text = seed_text(0).replace("155件", "1" * 400 + "件", 1)
    if text == seed_text(0):
        text = seed_text(0) + "\n全年办理法律援助案件" + "9" * 400 + "件。\n"
    path = ctx.inputs / "bignum.txt"
    path.write_text(text, encoding="utf-8")
    return ingest(ctx, path, max_docs=1)


def a_number_400_digits_extract(ctx):
    path = ctx.inputs / "bignum.txt"
    path.write_text("法律援助案件" + "7" * 400 + "件，同比增长" + "3" * 400 + ".5%。\n", encoding="utf-8")
    rc, _, err = fz("extract", path, "--format", "jsonl", timeout=60)
    return Outcome(rc=rc, stderr=err)


# --- sidecars -------------------------------------------------------------------------------------------


def _sidecar(ctx, rows: str, encoding: str = "utf-8") -> Path:
    path = ctx.inputs / "overrides.csv"
    path.write_bytes(rows.encode(encoding))
    return path


def a_sidecar_dev_zero(ctx):
    return ingest(ctx, ctx.seed_copy(0), extra=("--sidecar", "/dev/zero"), timeout=30)


def a_sidecar_fifo(ctx):
    fifo = ctx.inputs / "sidecar.csv"
    os.mkfifo(fifo)
    return ingest(ctx, ctx.seed_copy(0), extra=("--sidecar", fifo), timeout=30)


def a_sidecar_region_matches_nothing(ctx):
    report = ctx.seed_copy(0)
    return ingest(ctx, report, extra=("--sidecar", _sidecar(ctx, f"file,region,year\n{report.name},不存在县,2024\n")),
                  max_docs=1)


def a_sidecar_file_matches_nothing(ctx):
    return ingest(ctx, ctx.seed_copy(0), extra=("--sidecar", _sidecar(ctx, "file,region,year\nghost.txt,蓝山县,2024\n")))


def a_sidecar_bad_year(ctx):
    report = ctx.seed_copy(0)
    return ingest(ctx, report, extra=("--sidecar", _sidecar(ctx, f"file,region,year\n{report.name},,99999999999\n")))


def a_sidecar_wrong_columns(ctx):
    return ingest(ctx, ctx.seed_copy(0), extra=("--sidecar", _sidecar(ctx, "名称;地区\nx;y\n")))


def a_sidecar_binary(ctx):
    path = ctx.inputs / "overrides.csv"
    path.write_bytes(os.urandom(4096))
    return ingest(ctx, ctx.seed_copy(0), extra=("--sidecar", path))


def a_corrections_unknown_indicator(ctx):
    if "FAZHI_SEEDS_DIR" not in (REPO / "ingest" / "paths.py").read_text(encoding="utf-8"):
        return Outcome(skipped="no way to point fazhi at another seeds folder (no FAZHI_SEEDS_DIR); "
                               "editing seeds/corrections.csv in the shared checkout would disturb others")
    seeds = ctx.root / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    corrections = seeds / "corrections.csv"
    import csv

    with corrections.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = next(i for i, name in enumerate(rows[0]) if "indicator" in name)
    if len(rows) < 2:  # none yet: a plausible one (蓝山县 2024)
        sample = {"region_code": "431127", "year": "2024", "value": "1", "reason": "typo", "author": "adversary"}
        rows.append([sample.get(name, "") for name in rows[0]])
    rows[1][column] = "no_such_indicator"  # an existing correction, its indicator misspelt
    with corrections.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows[:2])
    env = {**_env(), "FAZHI_SEEDS_DIR": str(seeds)}
    process = start("run", ctx.seed_copy(0), "--warehouse", ctx.wh, env=env)
    rc, _, err = finish(process)
    return Outcome(rc=rc, stderr=err)


# --- the warehouse path itself ----------------------------------------------------------------------------


def a_directory_as_warehouse(ctx):
    folder = ctx.root / "a-folder.duckdb"
    folder.mkdir()
    rc, _, err = fz("ingest", ctx.seed_copy(0), "--warehouse", folder, timeout=120)
    out = Outcome(rc=rc, stderr=err)
    if not folder.is_dir():
        out.lost.append("the folder given as --warehouse was replaced")
    return out


def a_garbage_file_as_warehouse(ctx):
    victim = ctx.root / "notes.duckdb"
    victim.write_text("an analyst's notes, not a database\n" * 100, encoding="utf-8")
    before = victim.read_bytes()
    rc, _, err = fz("ingest", ctx.seed_copy(0), "--warehouse", victim, timeout=120)
    out = Outcome(rc=rc, stderr=err)
    if not victim.exists() or victim.read_bytes() != before:
        out.lost.append("a file that is not a warehouse was overwritten")
    if rc == 0:
        out.problems.append("a non-DuckDB file accepted as the warehouse")
    return out


def a_check_missing_warehouse(ctx):
    rc, _, err = fz("check", "--warehouse", ctx.root / "nowhere" / "fazhi.duckdb", timeout=120)
    return Outcome(rc=rc, stderr=err)


def _read_only_folder(ctx) -> tuple[Path, callable]:
    """The attack's warehouse folder made read-only: a read-only bind mount as root (root ignores modes)."""
    folder = ctx.wh.parent
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True, capture_output=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True, capture_output=True)
        return folder, lambda: subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    folder.chmod(0o555)
    return folder, lambda: folder.chmod(0o755)


def a_read_only_warehouse_folder(ctx):
    try:
        _, undo = _read_only_folder(ctx)
    except subprocess.CalledProcessError as error:
        return Outcome(skipped=f"cannot make a read-only folder: {error.stderr.strip()}")
    try:
        rc, _, err = fz("ingest", ctx.seed_copy(0, change="\n附件一\n"), "--warehouse", ctx.wh, timeout=120)
    finally:
        undo()
    out = Outcome(rc=rc, stderr=err)
    if rc == 0:
        out.problems.append("exit 0 on a read-only warehouse folder")
    return out


def a_read_only_warehouse_run(ctx):
    try:
        _, undo = _read_only_folder(ctx)
    except subprocess.CalledProcessError as error:
        return Outcome(skipped=f"cannot make a read-only folder: {error.stderr.strip()}")
    try:
        rc, _, err = fz("run", ctx.seed_copy(0, change="\n附件一\n"), "--warehouse", ctx.wh)
    finally:
        undo()
    out = Outcome(rc=rc, stderr=err)
    if rc == 0:
        out.problems.append("exit 0 on a read-only warehouse folder")
    return out


# --- process faults ---------------------------------------------------------------------------------------


def _dbt_running(ctx, process, since: float):
    """dbt's build under way: the worker exists and has compiled a model of this run."""
    run_dir = ctx.wh.parent / "dbt_target" / "run"

    def check() -> bool:
        if not children(process.pid):
            return False
        if not run_dir.exists():
            return False
        for path in run_dir.rglob("*.sql"):
            try:
                if path.stat().st_mtime > since:
                    return True
            except OSError:
                continue
        return False
    return check


def _checks_running(ctx, process, since: float):
    """The quality checks: dbt's worker has come and gone, the run still runs."""
    seen = []

    def check() -> bool:
        if children(process.pid):
            seen.append(True)
            return False
        return bool(seen) and (ctx.wh.parent / "dq_report.gx-build").exists()
    return check


PUBLISH_MARKER = "publishing-now"
# the rename that publishes, slowed down so that a kill lands in it; no production hook involved
SLOW_PUBLISH = ("import os, time, pathlib\n_replace = os.replace\n"
                "def _slow(src, dst, *a, **k):\n"
                "    if str(src).endswith('.staging'):\n"
                f"        pathlib.Path(dst).with_name({PUBLISH_MARKER!r}).touch(); time.sleep(3)\n"
                "    return _replace(src, dst, *a, **k)\n"
                "os.replace = _slow\n")


def _killed(ctx, stage: str, signum: int, group: bool, command: str = "run", target: str = "main") -> Outcome:
    since = time.time()
    batch = ctx.new_batch(12 if stage == "ingest" else 1)
    prelude = SLOW_PUBLISH if stage == "publish" else ""
    code = _command([command, batch, "--warehouse", ctx.wh], "")
    if prelude:
        code = [PY, "-c", f"exec({prelude!r})\n" + code[2], *code[3:]]
    process = subprocess.Popen(code, cwd=REPO, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, errors="replace", start_new_session=True)
    staging = ctx.wh.with_name(ctx.wh.name + ".staging")
    conditions = {
        "ingest": staging.exists,
        "dbt": _dbt_running(ctx, process, since),
        "checks": _checks_running(ctx, process, since),
        "publish": (ctx.wh.parent / PUBLISH_MARKER).exists,
    }
    reached = wait_for(conditions[stage], process)
    victim = process.pid
    if target == "dbt-child":
        kids = children(process.pid)
        victim = kids[0] if kids else None
    try:
        if victim is not None:
            (os.killpg if group else os.kill)(victim, signum)
    except ProcessLookupError:
        pass
    rc, _, err = finish(process)
    (ctx.wh.parent / PUBLISH_MARKER).unlink(missing_ok=True)
    out = Outcome(rc=rc, stderr=err, max_docs=len(list(batch.iterdir())))
    if not reached:
        out.problems.append(f"never saw the {stage} stage (the run ended first)")
    if signum == signal.SIGKILL and target == "main":
        out.killed_rc = rc
        orphans = _orphans(ctx, 5)
        if orphans:
            out.problems.append(f"dbt worker(s) {orphans} still alive 5 s after kill -9 of the run")
        # what the scheduler does next: the same command again
        rc2, _, err2 = fz("ingest", ctx.seed_copy(0), "--warehouse", ctx.wh, timeout=180)
        out.rc, out.stderr = rc2, err2
        if rc2 != 0:
            out.problems.append("the next command after the kill failed")
    elif target == "dbt-child":
        if rc == 0:
            out.problems.append("the run reported success though its dbt worker was killed")
    else:
        expected = {signal.SIGTERM: 143, signal.SIGINT: 130}[signum]
        if rc != expected:
            out.problems.append(f"expected exit {expected} after {signal.Signals(signum).name}")
    return out


def _orphans(ctx, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while True:
        alive = [pid for pid in processes_mentioning(str(ctx.root)) if "dbt_worker" in _cmdline(pid)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def a_kill9_during_ingest(ctx):
    return _killed(ctx, "ingest", signal.SIGKILL, group=False)


def a_kill9_ingest_command(ctx):
    return _killed(ctx, "ingest", signal.SIGKILL, group=False, command="ingest")


def a_kill9_during_dbt(ctx):
    return _killed(ctx, "dbt", signal.SIGKILL, group=False)


def a_kill9_group_during_dbt(ctx):
    return _killed(ctx, "dbt", signal.SIGKILL, group=True)


def a_kill9_during_checks(ctx):
    return _killed(ctx, "checks", signal.SIGKILL, group=False)


def a_kill9_during_publish(ctx):
    return _killed(ctx, "publish", signal.SIGKILL, group=False)


def a_sigterm_during_dbt(ctx):
    return _killed(ctx, "dbt", signal.SIGTERM, group=False)


def a_sigterm_during_checks(ctx):
    return _killed(ctx, "checks", signal.SIGTERM, group=False)


def a_ctrl_c_during_ingest(ctx):
    return _killed(ctx, "ingest", signal.SIGINT, group=True)  # the terminal signals the whole group


def a_ctrl_c_during_dbt(ctx):
    return _killed(ctx, "dbt", signal.SIGINT, group=True)


def a_kill9_dbt_child(ctx):
    return _killed(ctx, "dbt", signal.SIGKILL, group=False, target="dbt-child")


# --- concurrency ------------------------------------------------------------------------------------------


def a_two_runs_one_warehouse(ctx):
    batch = ctx.new_batch(3)
    first = start("run", batch, "--warehouse", ctx.wh)
    wait_for(ctx.wh.with_name(ctx.wh.name + ".staging").exists, first)
    rc2, _, err2 = fz("run", ctx.seed_copy(5, change="\n附件二\n"), "--warehouse", ctx.wh)
    during = first.poll() is None
    rc, _, err = finish(first)
    out = Outcome(rc=rc2, stderr=err2, max_docs=3)
    if rc != 0:
        out.problems.append(f"the first run failed (exit {rc}): {_first_line(err)}")
    if not during:
        out.problems.append("the first run ended before the second started (no overlap)")
    elif rc2 != 2:
        out.problems.append("the second run was not refused with exit 2")
    return out


def a_two_warehouses_one_folder(ctx):
    other = ctx.wh.with_name("other.duckdb")
    shutil.copy2(ctx.wh, other)
    ctx.before[other] = counts(other)
    first = start("run", ctx.seed_copy(6, "a.txt", "\n附件一\n"), "--warehouse", ctx.wh)
    second = start("run", ctx.seed_copy(7, "b.txt", "\n附件一\n"), "--warehouse", other)
    rc1, _, err1 = finish(first)
    rc2, _, err2 = finish(second)
    out = Outcome(rc=rc2 if rc1 == 0 else rc1, stderr=err2 if rc1 == 0 else err1, max_docs=1,
                  warehouses=[ctx.wh, other])
    for name, rc, err in (("first", rc1, err1), ("second", rc2, err2)):
        if rc not in (0, 2):
            out.problems.append(f"{name} run: exit {rc}: {_first_line(err)}")
    return out


def a_reader_during_run(ctx):
    import duckdb

    reader = duckdb.connect(str(ctx.wh), read_only=True)
    try:
        seen = reader.execute("select count(*) from raw.documents").fetchone()[0]
        rc, _, err = fz("run", ctx.seed_copy(8, change="\n附件一\n"), "--warehouse", ctx.wh)
        after = reader.execute("select count(*) from raw.documents").fetchone()[0]
    finally:
        reader.close()
    out = Outcome(rc=rc, stderr=err, max_docs=1)
    if after != seen:
        out.problems.append(f"the open reader's view changed ({seen} → {after})")
    if rc != 0:
        out.problems.append("the run failed beside a reader")
    return out


FOREIGN_SESSION = (
    "import duckdb, sys, time, os; con = duckdb.connect(sys.argv[1]); "
    f"con.execute('create table if not exists {WAL_NOTE} (note varchar)'); "
    f"con.execute(\"insert into {WAL_NOTE} values ('kept by an analyst')\"); "
    "print('open', flush=True); "
    "os.kill(os.getpid(), 9) if sys.argv[2] == 'die' else time.sleep(float(sys.argv[2]))")


def a_foreign_rw_session_open(ctx):
    """An analyst's read-write DuckDB session on the published file, with a committed row, left open."""
    holder = subprocess.Popen([PY, "-c", FOREIGN_SESSION, str(ctx.wh), "600"], stdout=subprocess.PIPE, text=True)
    try:
        holder.stdout.readline()
        rc, _, err = fz("ingest", ctx.seed_copy(9, change="\n附件一\n"), "--warehouse", ctx.wh, timeout=180)
    finally:
        holder.terminate()  # a normal end of the analyst's session: DuckDB checkpoints it
        holder.wait()
    ctx.before[ctx.wh][WAL_NOTE] = 1
    return Outcome(rc=rc, stderr=err, max_docs=1)


def a_leftover_wal_of_killed_session(ctx):
    """A DuckDB session that committed a row and was killed: the row lives only in fazhi.duckdb.wal."""
    subprocess.run([PY, "-c", FOREIGN_SESSION, str(ctx.wh), "die"], capture_output=True, timeout=60)
    out_wal = ctx.wh.with_name(ctx.wh.name + ".wal")
    problems = [] if out_wal.exists() else ["no .wal was left (attack did not set up)"]
    rc, _, err = fz("ingest", ctx.seed_copy(9, change="\n附件一\n"), "--warehouse", ctx.wh, timeout=180)
    ctx.before[ctx.wh][WAL_NOTE] = 1
    return Outcome(rc=rc, stderr=err, max_docs=1, problems=problems)


def a_leftover_wal_then_run(ctx):
    subprocess.run([PY, "-c", FOREIGN_SESSION, str(ctx.wh), "die"], capture_output=True, timeout=60)
    rc, _, err = fz("run", ctx.seed_copy(9, change="\n附件一\n"), "--warehouse", ctx.wh)
    ctx.before[ctx.wh][WAL_NOTE] = 1
    return Outcome(rc=rc, stderr=err, max_docs=1)


def a_stale_staging_from_crash(ctx):
    """A staging copy (half written) and its .wal left by a crash long ago."""
    staging = ctx.wh.with_name(ctx.wh.name + ".staging")
    staging.write_bytes(os.urandom(100_000))
    staging.with_name(staging.name + ".wal").write_bytes(os.urandom(1000))
    (ctx.wh.parent / "dq_report.gx-build").mkdir()
    return ingest(ctx, ctx.seed_copy(0))


# --- disk -------------------------------------------------------------------------------------------------


def _tmpfs(ctx, size_bytes: int) -> tuple[Path | None, str | None]:
    if os.geteuid() != 0:
        return None, "not root (os.geteuid() != 0): cannot mount a small tmpfs"
    mount = ctx.root / "small-disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(mount)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return None, f"mount -t tmpfs failed: {result.stderr.strip()}"
    return mount, None


def _disk_full(ctx, slack: int, command: str, batch_size: int) -> Outcome:
    size = ctx.base.stat().st_size
    report = sum(p.stat().st_size for p in (ctx.base.parent / "dq_report").rglob("*") if p.is_file())
    mount, why = _tmpfs(ctx, size + report + slack + 64 * 1024)
    if mount is None:
        return Outcome(skipped=why)
    try:
        wh = ctx.copy_warehouse(mount / "wh", everything=False)
        ctx.before[wh] = counts(wh)
        ctx.wh = wh
        batch = ctx.new_batch(batch_size)
        rc, _, err = fz(command, batch, "--warehouse", wh, timeout=RUN_TIMEOUT)
        out = Outcome(rc=rc, stderr=err, max_docs=batch_size)
        _judge_into(ctx, out)  # before the tmpfs goes away
        out.problems.append("__judged__")
        return out
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def a_disk_full_at_copy(ctx):
    return _disk_full(ctx, slack=ctx.base.stat().st_size // 2, command="ingest", batch_size=2)


def a_disk_full_during_ingest(ctx):
    return _disk_full(ctx, slack=ctx.base.stat().st_size + 300_000, command="ingest", batch_size=44)


def a_disk_full_during_run(ctx):
    return _disk_full(ctx, slack=ctx.base.stat().st_size + 1_500_000, command="run", batch_size=8)


# --- the battery ------------------------------------------------------------------------------------------

ATTACKS = {name[2:]: fn for name, fn in list(globals().items()) if name.startswith("a_") and callable(fn)}


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _printable(text: str, width: int = 150) -> str:
    text = text.encode("unicode_escape").decode("ascii") if any(ord(c) < 32 or c == "\x7f" for c in text) else text
    return text if len(text) <= width else text[: width - 1] + "…"


def _leftovers(folder: Path) -> list[str]:
    try:
        return sorted(p.name for p in folder.iterdir() if LEFTOVER.search(p.name))
    except OSError:
        return []


def _judge_into(ctx: Ctx, out: Outcome) -> None:
    """Check the published state; findings go to out.lost (data) and out.problems (everything else)."""
    for warehouse in out.warehouses or [ctx.wh]:
        before = ctx.before.get(warehouse) or ctx.before[ctx.wh]
        after = counts_in_child(warehouse)
        if isinstance(after, str):
            target = out.problems if "lock" in after.lower() else out.lost
            target.append(f"{warehouse.name} does not open read-only: {after}")
        else:
            for table, held in before.items():
                now = after.get(table)
                if now is None or now < held:
                    out.lost.append(f"{warehouse.name}: {table} {held} → {now}")
            added = after["raw.documents"] - before["raw.documents"]
            if added > out.max_docs:
                out.problems.append(f"{added} documents added, at most {out.max_docs} expected")
        leftovers = _leftovers(warehouse.parent)
        if leftovers:
            out.problems.append("leftovers: " + ", ".join(leftovers))
        index = warehouse.parent / "dq_report" / "index.html"
        try:
            if "<html" not in index.read_text(encoding="utf-8").lower():
                out.lost.append("dq_report/index.html is not a page any more")
        except (OSError, UnicodeDecodeError) as error:
            out.lost.append(f"dq_report/index.html does not open: {error}")


def judge(ctx: Ctx, out: Outcome) -> tuple[str, list[str]]:
    if "__judged__" in out.problems:
        out.problems.remove("__judged__")
    else:
        _judge_into(ctx, out)
    why = []
    if out.rc is None:
        why.append("hung (timeout)")
    elif out.rc < 0:
        why.append(f"killed by {signal.Signals(-out.rc).name}")
    if "Traceback (most recent call last)" in out.stderr:
        why.append("Python traceback in stderr")
    if "\x1b" in out.stderr:
        why.append("raw terminal escape in stderr")
    if out.rc not in (None, 0) and not _first_line(out.stderr):
        why.append("failed without a message")
    orphans = [pid for pid in processes_mentioning(str(ctx.root))]
    if orphans:
        why.append(f"processes left running: {orphans}")
        for pid in orphans:  # started (indirectly) by this script for this attack
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    why += out.problems
    if out.lost:
        return "DATA LOST", out.lost + why
    return ("UNCLEAR" if why else "handled"), why


def _base(folder: Path) -> Path:
    warehouse = folder / "base" / "fazhi.duckdb"
    print(f"building the base warehouse ({warehouse}) …", flush=True)
    rc, out, err = fz("run", "--warehouse", warehouse)
    if rc != 0:
        sys.exit(f"the base run failed (exit {rc}): {err.strip()[-2000:]}")
    for leftover in warehouse.parent.glob("*.lock"):
        leftover.unlink()
    return warehouse


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated attack names (or substrings)")
    parser.add_argument("--list", action="store_true", help="list the attacks and exit")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--base", type=Path, help="reuse a warehouse built by `fazhi run` as the base")
    args = parser.parse_args()
    # started in the background by a shell, this process ignores SIGINT, and so would every run it starts
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if args.list:
        for name, fn in ATTACKS.items():
            print(f"{name:<34} {(fn.__doc__ or '').strip().splitlines()[0] if fn.__doc__ else ''}")
        return 0
    chosen = ATTACKS
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        chosen = {n: f for n, f in ATTACKS.items() if any(w == n for w in wanted)} or \
                 {n: f for n, f in ATTACKS.items() if any(w in n for w in wanted)}
        if not chosen:
            sys.exit(f"no attack named {args.only}; see --list")
    workdir = Path(tempfile.mkdtemp(prefix="fazhi-adversarial-"))
    started = time.monotonic()
    tally = {"handled": 0, "DATA LOST": 0, "UNCLEAR": 0, "SKIPPED": 0}
    try:
        base = args.base or _base(workdir)
        base_counts = counts(base)
        for name, attack in chosen.items():
            root = workdir / name
            ctx = Ctx(root=root, wh=root / "wh" / "fazhi.duckdb", base=base)
            ctx.copy_warehouse(root / "wh")
            ctx.before[ctx.wh] = dict(base_counts)
            t0 = time.monotonic()
            try:
                out = attack(ctx)
            except Exception as error:  # the attack itself broke: say so, go on
                out = Outcome(rc=None, stderr="", problems=[f"attack crashed: {type(error).__name__}: {error}"])
            if out.skipped:
                verdict, why = "SKIPPED", [out.skipped]
            else:
                verdict, why = judge(ctx, out)
            tally[verdict] += 1
            shown = f"exit={out.rc}" if out.killed_rc is None else f"exit={out.killed_rc}→next:{out.rc}"
            line = f"{name:<34} {verdict:<9} {shown:<14} {_printable(_first_line(out.stderr))}"
            if why:
                line += "  — " + _printable("; ".join(why), 400)
            print(line + f"  ({time.monotonic() - t0:.0f}s)", flush=True)
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    judged = sum(tally.values()) - tally["SKIPPED"]
    print(f"handled {tally['handled']} / {judged}  (data lost {tally['DATA LOST']}, unclear {tally['UNCLEAR']}, "
          f"skipped {tally['SKIPPED']})  in {time.monotonic() - started:.0f} s")
    return 1 if tally["DATA LOST"] else 0


if __name__ == "__main__":
    sys.exit(main())
