"""A backup's or a restore's progress in bytes, told to a :class:`~treem_desktop.core.jobs.Job`.

Files are copied in chunks; after each chunk the job hears how far the stage is and may stop
there (:meth:`Job.check`). Steps count kibibytes, not bytes: a progress bar holds a 32-bit
number and a data folder may hold more than 2 GB. A step is only told when the count moved
by a thousandth of the total, so a folder of many small files does not flood the window.
"""

from __future__ import annotations

from treem_desktop.core.jobs import Job

KIB = 1024
STEPS = 1000  # at most this many steps told per stage


class ByteProgress:
    """Counts the bytes of one stage (``total``) and tells ``job`` as they pass."""

    def __init__(self, job: Job, total: int, label: str, start: int = 0) -> None:
        self.job = job
        self.label = label
        self.done = start
        self.total = max(total, start)
        self._told = -1
        self._every = max(self.total // STEPS, 1)
        self.tell()

    def __call__(self, count: int) -> None:
        """``count`` more bytes copied; stops here when the job was cancelled."""
        self.job.check()
        self.done = min(self.done + count, self.total)
        if self.done - self._told >= self._every or self.done == self.total:
            self.tell()

    def tell(self) -> None:
        self._told = self.done
        self.job.step(_kib(self.done), max(_kib(self.total), 1), self.label)


def _kib(count: int) -> int:
    return (count + KIB - 1) // KIB
