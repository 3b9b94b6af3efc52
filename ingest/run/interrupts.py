"""SIGTERM (a scheduler's timeout, `kill PID`) turned into an exception that unwinds a run like Ctrl-C, so
the dbt child is ended and the staging copy discarded instead of left behind."""

from __future__ import annotations

import os
import signal
import threading
from types import FrameType

# How long a SIGTERM that arrived inside the import system waits before it is delivered again.
REDELIVERY_SECONDS = 0.01


class Terminated(BaseException):
    """The run was sent SIGTERM."""


def on_sigterm(signum: int, frame: FrameType | None) -> None:
    """The SIGTERM handler: raise Terminated, once (a second SIGTERM must not interrupt the clean-up).

    CPython runs a handler between two bytecodes, also between importlib's taking the global import lock
    and entering the block that releases it: raised there, the exception leaves the lock held, and every
    other thread's next import then waits forever (a killed `fazhi run` hung so, joining the thread that
    prepares Great Expectations). So inside the import system the signal is sent again a moment later,
    when the import has moved on."""
    if frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
        threading.Timer(REDELIVERY_SECONDS, os.kill, (os.getpid(), signal.SIGTERM)).start()
        return
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated
