"""After-ack work runs off the request thread, after the request is finished, and a test can
wait for all of it."""

from __future__ import annotations

import threading

from bot.processes.after_ack import AfterAck


def test_work_runs_on_its_own_thread_once_the_request_finishes() -> None:
    after, ran = AfterAck(workers=1), threading.Event()
    threads: list[str] = []

    def work() -> None:
        threads.append(threading.current_thread().name)
        ran.set()

    after.request_started()
    assert not after.wait_idle(0.01)  # answered but not finished: not idle
    after.request_finished(work)
    assert after.wait_idle(5)
    assert ran.is_set()
    assert threads[0].startswith("after-ack")
    after.close()


def test_a_request_with_nothing_left_is_done_at_once() -> None:
    after = AfterAck(workers=1)
    after.request_started()
    after.request_finished(None)
    assert after.wait_idle(0)
    after.close()


def test_work_that_fails_still_counts_as_done() -> None:
    after = AfterAck(workers=1)

    def broken() -> None:
        raise RuntimeError("boom")

    after.request_started()
    after.request_finished(broken)
    assert after.wait_idle(5)
    after.close()


def test_slow_work_does_not_hold_the_caller() -> None:
    after, release = AfterAck(workers=1), threading.Event()
    after.request_started()
    after.request_finished(lambda: release.wait(5))  # returns at once: the pool runs it
    assert not after.wait_idle(0.01)
    release.set()
    assert after.wait_idle(5)
    after.close()
