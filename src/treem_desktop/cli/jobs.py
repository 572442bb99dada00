"""Long jobs on the command line: one line per step on stderr, and Ctrl+C as a clean Cancel.

The first Ctrl+C asks the :class:`~treem_desktop.core.jobs.Job` to stop at its next safe point
(what was done is kept; the command exits 130 and says so); a second one stops at once.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

from treem_desktop.core.jobs import Job, Step


def print_steps(step: Step) -> None:
    """``done/total label`` on stderr, one line per step (the job's start is not a step)."""
    if step.done:
        print(f"{step.done}/{step.total} {step.label}".rstrip(), file=sys.stderr, flush=True)


@contextlib.contextmanager
def cancelled_by_ctrl_c(job: Job) -> Iterator[Job]:
    """While inside, Ctrl+C cancels ``job`` (once); a second Ctrl+C interrupts as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield job
        return

    def cancel(signum: int, frame: FrameType | None) -> None:
        job.cancel()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    before = signal.signal(signal.SIGINT, cancel)
    try:
        yield job
    finally:
        signal.signal(signal.SIGINT, before)
