"""The long jobs' object: steps told to listeners, cancel from another thread, check."""

from __future__ import annotations

import threading

import pytest

from treem_desktop.core.jobs import Job, JobCancelled, Step, job_or_none
from treem_desktop.errors import EXIT_INTERRUPTED
from treem_desktop.i18n import set_language


def test_each_step_is_told_to_every_listener_and_kept_as_the_last() -> None:
    seen: list[Step] = []
    also: list[int] = []
    job = Job(seen.append)
    job.listen(lambda step: also.append(step.done))
    job.step(0, 3)
    job.step(1, 3, "a.zip")
    assert seen == [Step(0, 3), Step(1, 3, "a.zip")]
    assert also == [0, 1]
    assert job.last == Step(1, 3, "a.zip")


def test_check_passes_until_cancelled_then_raises_a_cancel_with_its_own_exit_code() -> None:
    job = Job()
    job.check()
    assert not job.cancelled
    job.cancel()
    assert job.cancelled
    with pytest.raises(JobCancelled) as raised:
        job.check()
    assert raised.value.code == "JOB_CANCELLED"
    assert raised.value.exit_code == EXIT_INTERRUPTED == 130


def test_the_cancel_message_is_vietnamese_by_default() -> None:
    set_language("vi")
    assert JobCancelled().message().startswith("Đã dừng")


def test_a_cancel_from_another_thread_stops_a_working_loop() -> None:
    job = Job()
    started = threading.Event()
    done: list[int] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            for i in range(10_000_000):
                job.check()
                if i == 10:
                    started.set()
                done.append(i)
        except JobCancelled as error:
            failed.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(10)
    job.cancel()
    worker.join(10)
    assert not worker.is_alive()
    assert failed and 10 < len(done) < 10_000_000


def test_steps_from_many_threads_all_reach_the_listener() -> None:
    job = Job()
    seen: list[Step] = []
    lock = threading.Lock()

    def keep(step: Step) -> None:
        with lock:
            seen.append(step)

    job.listen(keep)

    def report(name: str) -> None:
        for i in range(100):
            job.step(i, 100, name)

    threads = [threading.Thread(target=report, args=(str(n),)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 400


def test_none_gives_a_fresh_unwatched_job_each_time() -> None:
    first, second = Job.none(), job_or_none(None)
    first.cancel()
    assert not second.cancelled
    assert job_or_none(first) is first
