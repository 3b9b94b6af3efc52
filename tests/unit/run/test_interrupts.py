"""A run interrupted by a signal unwinds: an interrupt is never raised inside the import system, and the GX
preparation thread is waited for also when an interrupt left the import lock held. Each scenario runs in a
subprocess: it sends itself signals and takes the import lock."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def _run(scenario: str, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(scenario), *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


# The main thread waits in importlib for the global import lock, which another thread holds, when the
# signal comes: Python runs the handler right after the lock is handed over, inside importlib. Raised there,
# the exception left the lock held (a killed `fazhi run` hung so), and another thread's import hung.
REAL_SIGNAL = """
    import _imp, importlib._bootstrap, os, signal, sys, threading, time
    from ingest.run import interrupts

    number = int(sys.argv[1])
    handler = interrupts.on_sigterm if number == signal.SIGTERM else interrupts.on_sigint
    signal.signal(number, handler)
    held = threading.Event()

    def holder():
        _imp.acquire_lock()
        held.set()
        time.sleep(0.2)  # the main thread is waiting for the lock by now
        os.kill(os.getpid(), number)
        time.sleep(0.2)
        _imp.release_lock()

    threading.Thread(target=holder, daemon=True).start()
    held.wait()
    raised = "none"
    try:
        importlib._bootstrap._get_module_lock("a.module")
        time.sleep(5)  # the interrupt comes again here, outside the import system
    except (interrupts.Terminated, KeyboardInterrupt) as exc:
        raised = type(exc).__name__
    importer = threading.Thread(target=__import__, args=("never_imported_before",), daemon=True)
    importer.start()
    importer.join(5)
    print(raised, _imp.lock_held(), importer.is_alive())
"""


@pytest.mark.parametrize(("number", "raised"), [(signal.SIGTERM, "Terminated"), (signal.SIGINT, "KeyboardInterrupt")])
def test_an_interrupt_inside_the_import_system_is_raised_outside_it(tmp_path: Path, number: int, raised: str):
    (tmp_path / "never_imported_before.py").write_text("VALUE = 1\n", encoding="utf-8")
    scenario = REAL_SIGNAL.replace("import _imp,", f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import _imp,")
    assert _run(scenario, str(int(number))) == [raised, "False", "False"]


def test_an_interrupt_put_off_too_long_is_raised_in_the_import_system_after_all():
    assert _run("""
        import signal, types
        from ingest.run import interrupts

        signal.signal(signal.SIGTERM, interrupts.on_sigterm)
        inside = types.SimpleNamespace(f_code=types.SimpleNamespace(co_filename="<frozen importlib._bootstrap>"),
                                       f_back=None)
        interrupts._deferred_since[signal.SIGTERM] = 0.0  # first put off long ago
        try:
            interrupts.on_sigterm(signal.SIGTERM, inside)
        except interrupts.Terminated:
            print("raised", signal.getsignal(signal.SIGTERM) is signal.SIG_IGN)
    """) == ["raised", "True"]


def test_finish_waits_for_the_preparation_even_when_the_import_lock_was_left_held(tmp_path: Path):
    (tmp_path / "never_imported_before.py").write_text("VALUE = 1\n", encoding="utf-8")
    assert _run("""
        import _imp, sys
        sys.path.insert(0, sys.argv[1])
        from ingest.run import stages

        class Preparation(stages.QualityPreparation):
            def run(self):
                import never_imported_before  # noqa: F401
                self.plan = "ready"

        _imp.acquire_lock()  # as an interrupt raised inside importlib leaves it
        preparation = Preparation(None)
        preparation.finish()
        print(preparation.plan, preparation.is_alive())
    """, str(tmp_path)) == ["ready", "False"]


def test_the_import_lock_of_another_thread_is_left_alone():
    assert _run("""
        import _imp, threading
        from ingest.run import interrupts

        taken, release = threading.Event(), threading.Event()

        def hold():
            _imp.acquire_lock()
            taken.set()
            release.wait()
            _imp.release_lock()

        threading.Thread(target=hold, daemon=True).start()
        taken.wait()
        interrupts.release_import_lock()  # not this thread's: no error, still held
        print(_imp.lock_held())
        release.set()
    """) == ["True"]


# Python prints and swallows an exception raised inside a __del__ method; the SIGTERM handler has ignored
# further SIGTERMs by then, so without a second look the killed run went on and published.
SWALLOWED = """
    import os, signal, sys
    from pathlib import Path
    from ingest.run import interrupts
    from ingest.run.publishing import staged_copy

    class Finalised:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGTERM)  # the handler runs at once, here: its Terminated is swallowed

    signal.signal(signal.SIGTERM, interrupts.on_sigterm)
    published = Path(sys.argv[1]) / "warehouse.duckdb"
    outcome = "published"
    try:
        with staged_copy(published):
            Finalised()  # dropped at once: __del__ runs
            print("went-on")
    except interrupts.Terminated:
        outcome = "terminated"
    print(outcome, published.exists(), [p.name for p in published.parent.iterdir()])
"""


def test_a_swallowed_kill_is_raised_again_before_publishing(tmp_path: Path):
    assert _run(SWALLOWED, str(tmp_path)) == ["went-on", "terminated", "False", "[]"]


def test_a_command_neither_inherits_nor_leaves_an_interrupt():
    assert _run("""
        import signal, typer
        from ingest import cli
        from ingest.run import interrupts

        try:
            cli._guard(lambda: interrupts.on_sigterm(signal.SIGTERM, None))
        except typer.Exit as exc:
            print(exc.exit_code)
        interrupts.raise_if_interrupted()  # the killed command took its interrupt with it
        print("after")
        interrupts._raised[signal.SIGTERM] = interrupts.Terminated  # as a kill outside any command leaves it
        cli._guard(interrupts.raise_if_interrupted)
        print("next")
    """) == ["143", "after", "next"]


def test_ingest_stops_after_the_document_during_which_a_kill_was_swallowed(tmp_path: Path):
    from ingest.run import interrupts
    from ingest.run.load import run_ingest
    from ingest.warehouse.connection import connect

    paths = []
    for name in ("a", "b"):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text("蓝山县2024年法治政府建设年度报告\n全年办理法律援助案件155件。\n", encoding="utf-8")
    done: list[str] = []
    interrupts._raised[signal.SIGTERM] = interrupts.Terminated  # as the handler leaves it when Python swallowed it
    try:
        with connect(None) as con, pytest.raises(interrupts.Terminated):
            run_ingest(con, paths, on_progress=done.append)
    finally:
        interrupts.clear_interrupts()
    assert done == ["a.txt"]
