"""A long job's progress and its Cancel, without Qt (one object for the window and the CLI).

A use case that takes a while (importing a folder of packets, adding up a period, rendering,
signing with a USB token) takes a :class:`Job`: it calls :meth:`Job.step` as it goes and
:meth:`Job.check` where stopping is safe (between packets, between stages). The window
(``ui/ops.py``) listens to draw a progress bar whose Cancel calls :meth:`Job.cancel`; the
command line listens to print one line per step and cancels on Ctrl+C. ``cancel`` may come
from any thread; listeners are told on the job's own thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from treem_desktop.errors import EXIT_INTERRUPTED, TreemError


class JobCancelled(TreemError):
    """The user stopped the job; what was finished before is kept (not an error to show)."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self) -> None:
        super().__init__("JOB_CANCELLED")


@dataclass(frozen=True)
class Step:
    """How far a job is: ``done`` of ``total`` (0 when not known yet), and what it is doing."""

    done: int
    total: int
    label: str = ""


Listener = Callable[[Step], None]


class Job:
    """Progress and cancel of one long job; safe to cancel from another thread."""

    def __init__(self, *listeners: Listener) -> None:
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self._listeners: list[Listener] = list(listeners)
        self._last = Step(0, 0)

    @classmethod
    def none(cls) -> Job:
        """A job nobody watches (for callers that do not care); each call a new one."""
        return cls()

    def listen(self, listener: Listener) -> None:
        """Tell ``listener`` of every step from now on."""
        with self._lock:
            self._listeners.append(listener)

    def step(self, done: int, total: int, label: str = "") -> None:
        """Report progress: ``done`` of ``total``, doing ``label``."""
        step = Step(done, total, label)
        with self._lock:
            self._last = step
            listeners = tuple(self._listeners)
        for listener in listeners:
            listener(step)

    @property
    def last(self) -> Step:
        """The latest step reported."""
        with self._lock:
            return self._last

    def cancel(self) -> None:
        """Ask the job to stop at its next :meth:`check` (from any thread)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`JobCancelled` when the job was asked to stop."""
        if self._cancelled.is_set():
            raise JobCancelled()


def job_or_none(job: Job | None) -> Job:
    """``job``, or one nobody watches."""
    return job if job is not None else Job.none()
