from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from layers.progress import Cancelled, check
from layers.validation import DataError
from workstation.qt.jobs import JobRunner
from workstation.qt.notifications import ActivityWidget


@pytest.fixture
def jobs(qtbot):
    runner = JobRunner()
    yield runner
    runner.shutdown()


def test_result_arrives_on_main_thread_with_progress(qtbot, jobs):
    seen = {}
    progress = []
    main = QThread.currentThread()

    def work(a, b, progress=None):
        seen["worker"] = threading.get_ident()
        for i in range(5):
            check(progress, i / 5, f"step {i}")
        progress.update(1.0, "done")
        return a + b

    def done(result):
        seen["result"] = result
        seen["on_main"] = QThread.currentThread() is main

    jobs.progressed.connect(lambda k, f, m: progress.append((k, f, m)))
    with qtbot.waitSignal(jobs.finished, timeout=5000) as blocker:
        jobs.submit("add", work, 2, 3, on_done=done)
    assert blocker.args == ["add", 5]
    assert seen["result"] == 5
    assert seen["on_main"] is True
    assert seen["worker"] != threading.get_ident()
    assert progress and progress[-1] == ("add", 1.0, "done")
    assert jobs.running() == []


def test_cancel_stops_the_job_and_reports_cancelled(qtbot, jobs):
    started = threading.Event()
    done_calls = []

    def slow(progress=None):
        started.set()
        for _ in range(500):
            check(progress, 0.5, "working")
            threading.Event().wait(0.01)
        return "finished"

    jobs.submit("slow", slow, on_done=done_calls.append)
    assert started.wait(5)
    assert [j.key for j in jobs.running()] == ["slow"]
    with qtbot.waitSignal(jobs.cancelled, timeout=5000) as blocker:
        assert jobs.cancel("slow") is True
    assert blocker.args == ["slow"]
    assert done_calls == []
    assert jobs.running() == []
    assert jobs.cancel("slow") is False


def test_new_submission_with_same_key_cancels_the_stale_one(qtbot, jobs):
    release = threading.Event()
    first_started = threading.Event()
    results = []
    saw_cancel = []

    def first(progress=None):
        first_started.set()
        release.wait(5)
        saw_cancel.append(progress.cancelled)
        if progress.cancelled:
            raise Cancelled("stale")
        return "first"

    def second(progress=None):
        release.set()
        return "second"

    jobs.submit("k", first, on_done=results.append)
    assert first_started.wait(5)
    with qtbot.waitSignal(jobs.finished, timeout=5000) as blocker:
        jobs.submit("k", second, on_done=results.append)
    assert blocker.args == ["k", "second"]
    assert jobs.wait(5)
    assert results == ["second"]
    assert saw_cancel == [True]


def test_data_error_goes_to_failed_with_its_one_line_message(qtbot, jobs):
    errors = []

    def bad(progress=None):
        raise DataError("unparsable time", source="calls.csv", row=7, column="when")

    with qtbot.waitSignal(jobs.failed, timeout=5000) as blocker:
        jobs.submit("bad", bad, on_error=errors.append)
    message = "calls.csv, row 7, column 'when': unparsable time"
    assert blocker.args == ["bad", message]
    assert errors == [message]


def test_unexpected_error_without_handler_is_unhandled(qtbot, jobs):
    def boom(progress=None):
        raise ZeroDivisionError("division by zero")

    with qtbot.waitSignal(jobs.unhandled, timeout=5000) as blocker:
        jobs.submit("boom", boom)
    assert blocker.args[0] == "boom"
    assert "ZeroDivisionError" in blocker.args[1]


def test_activity_widget_lists_running_jobs_and_cancels(qtbot, jobs):
    widget = ActivityWidget(jobs)
    qtbot.addWidget(widget)
    started = threading.Event()

    def slow(progress=None):
        started.set()
        while not progress.cancelled:
            threading.Event().wait(0.01)
        raise Cancelled()

    jobs.submit("hotspots:abc", slow, job_title="Hot spots")
    assert started.wait(5)
    row = widget.row("hotspots:abc")
    assert row is not None and row.label.text() == "Hot spots"
    with qtbot.waitSignal(jobs.cancelled, timeout=5000):
        row.cancel_button.click()
    qtbot.waitUntil(lambda: widget.row("hotspots:abc") is None, timeout=2000)
