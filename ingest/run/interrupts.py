"""Interrupts of a run (SIGTERM from a scheduler's timeout or `kill PID`, Ctrl-C) as exceptions that unwind it
like any failure, so the dbt child is ended and the staging copy discarded; never raised where they would
leave an import lock held.

CPython runs a signal handler between two bytecodes, also between importlib's taking the global import lock
and entering the block that releases it. An exception raised there leaves the lock held, and every other
thread's next import waits for it forever: a killed `fazhi run` hung so, joining the thread that prepares
Great Expectations. So an interrupt that lands inside the import system is delivered again a moment later.

Python swallows an exception raised inside a __del__ method or a weakref callback (it prints it and goes on),
and by then the SIGTERM handler ignores further SIGTERMs: raise_if_interrupted() raises such an interrupt again
where a run commits to its next stage and to publishing, so a killed run never publishes."""

from __future__ import annotations

import _imp
import _thread
import os
import signal
import time
from collections.abc import Callable
from types import FrameType

REDELIVERY_SECONDS = 0.01
# Waiting for a module another thread imports keeps the main thread inside the import system for seconds
# (the preparation thread imports Great Expectations): past this, the interrupt is raised there after all.
MAX_DEFERRAL_SECONDS = 1.0
_deferred_since: dict[int, float] = {}  # signal number -> when its delivery was first put off
_raised: dict[int, type[BaseException]] = {}  # signal number -> the exception raised for it since clear_interrupts()
Handler = Callable[[int, FrameType | None], None]


class Terminated(BaseException):
    """The run was sent SIGTERM."""


def on_sigterm(signum: int, frame: FrameType | None) -> None:
    """The SIGTERM handler: raise Terminated, once (a second SIGTERM must not interrupt the clean-up)."""
    if _put_off(signum, frame, on_sigterm):
        return
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _raised[signum] = Terminated
    raise Terminated


def on_sigint(signum: int, frame: FrameType | None) -> None:
    """The Ctrl-C handler: raise KeyboardInterrupt, as Python's own does."""
    if _put_off(signum, frame, on_sigint):
        return
    _raised[signum] = KeyboardInterrupt
    raise KeyboardInterrupt


def raise_if_interrupted() -> None:
    """Raise again an interrupt that was raised since clear_interrupts() and (as it has come this far)
    swallowed. Call it on the way forward only, never while unwinding."""
    if _raised:
        raise next(iter(_raised.values()))


def clear_interrupts() -> None:
    """Forget the interrupts of an earlier command (a process that runs several)."""
    _raised.clear()


def release_import_lock() -> None:
    """Release the global import lock if this thread holds it, as an interrupt raised inside the import system
    (anyway, after MAX_DEFERRAL_SECONDS) can leave it. Outside an import no thread holds it for long."""
    while _imp.lock_held():
        try:
            _imp.release_lock()
        except RuntimeError:  # another thread holds it: an import under way, not a leak
            return


def _put_off(signum: int, frame: FrameType | None, handler: Handler) -> bool:
    """Whether the interrupt is delivered again in REDELIVERY_SECONDS instead of raised now: the interrupted
    code is the import system, or a handler (a redelivery that came while the handler was putting it off)."""
    nested = _in_handler(frame)
    importing = frame is not None and frame.f_code.co_filename.startswith("<frozen importlib")
    first = _deferred_since.setdefault(signum, time.monotonic())
    if nested or (importing and time.monotonic() - first <= MAX_DEFERRAL_SECONDS):
        _thread.start_new_thread(_redeliver, (signum, handler))  # returns without waiting for the thread
        return True
    del _deferred_since[signum]
    return False


def _in_handler(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code in (on_sigterm.__code__, on_sigint.__code__, _put_off.__code__):
            return True
        frame = frame.f_back
    return False


def _redeliver(signum: int, handler: Handler) -> None:
    time.sleep(REDELIVERY_SECONDS)
    if signal.getsignal(signum) is handler:  # not when the run has ended meanwhile
        os.kill(os.getpid(), signum)
