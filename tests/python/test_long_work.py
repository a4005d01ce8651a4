"""Long work behaves: Ctrl-C stops a load or a fit within a second, other threads keep running."""

import _thread
import signal
import threading
import time

import numpy as np
import pyarrow as pa
import pytest

import webinar_analytics as wa


def events_table(n: int) -> pa.Table:
    """`n` events of 200,000 persons over eleven months, in no particular order."""
    rng = np.random.default_rng(7)
    start = np.datetime64("2024-01-01T00:00:00", "us").astype(np.int64)
    span = 330 * 86_400 * 1_000_000
    return pa.table(
        {
            "user_id": rng.integers(0, 200_000, n),
            "ts": pa.array(start + rng.integers(0, span, n), pa.timestamp("us", tz="UTC")),
            "event": pa.array(rng.choice(["page_view", "register", "attend", "purchase"], n)).dictionary_encode(),
        }
    )


def interrupted_after(delay: float, work) -> float:
    """Runs `work`, sends Ctrl-C after `delay` seconds; returns how long the stop took. Python's
    own Ctrl-C handler is installed for the test: a process started in the background of a
    non-interactive shell (as CI may run it) inherits SIGINT ignored, and then Python never raises
    `KeyboardInterrupt` at all."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(delay, _thread.interrupt_main)
    started = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            work()
            # The work ended before the signal: wait for it (the test then fails on timing).
            time.sleep(delay + 5)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    return time.perf_counter() - started - delay


def test_ctrl_c_stops_a_long_load_within_a_second():
    table = pa.concat_tables([events_table(2_000_000)] * 8)  # 16M events, in 8 batches per chunk
    took = interrupted_after(0.3, lambda: wa.EventLog.from_arrow(table))
    assert took < 1.0, f"the load stopped {took:.2f} s after Ctrl-C"
    # The library is usable afterwards.
    assert wa.EventLog.from_arrow(events_table(1_000)).event_count == 1_000


def test_ctrl_c_stops_a_long_forest_fit_within_a_second():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(20_000, 8))
    y = (x[:, 0] + rng.normal(size=20_000) > 0).astype(int)
    took = interrupted_after(0.3, lambda: wa.RandomForestClassifier(n_estimators=5_000, seed=1).fit(x, y))
    assert took < 1.0, f"the fit stopped {took:.2f} s after Ctrl-C"


def test_other_threads_run_during_a_call():
    table = events_table(3_000_000)
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.005)

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        before = len(ticks)
        log = wa.EventLog.from_arrow(table)
        wa.funnel(log, ["register", "attend", "purchase"], window="14d")
        during = len(ticks) - before
    finally:
        stop.set()
        thread.join()
    assert during >= 5, "a Python thread was starved during the calls"


def test_too_many_trees_is_capacity_exceeded():
    with pytest.raises(wa.ParameterError) as raised:
        wa.RandomForestClassifier(n_estimators=10**7).fit([[0.0], [1.0]], [0, 1])
    assert raised.value.code == "capacity_exceeded"
    assert "n_estimators" in str(raised.value)


def test_progress_reports_each_stage_of_a_load_in_order():
    table = pa.concat_tables([events_table(2_000_000)] * 4)
    seen = []
    log = wa.EventLog.from_arrow(table, progress=lambda stage, done, total: seen.append((stage, done, total)))
    assert log.event_count == 8_000_000
    stages = [s for s, _, _ in seen]
    assert "load" in stages and "sort" in stages[stages.index("load") :], seen
    loads = [(d, t) for s, d, t in seen if s == "load"]
    assert all(t == 8_000_000 and 0 <= d < t for d, t in loads)
    assert [d for d, _ in loads] == sorted(d for d, _ in loads)


def test_progress_of_a_fit_and_its_errors():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(20_000, 6))
    y = (x[:, 1] > 0).astype(int)
    seen = []
    wa.RandomForestClassifier(n_estimators=400, seed=1).fit(x, y, progress=lambda *p: seen.append(p))
    assert seen and all(stage == "fit" and total == 400 and 0 <= done < 400 for stage, done, total in seen)
    with pytest.raises(ZeroDivisionError):
        wa.RandomForestClassifier(n_estimators=400, seed=1).fit(x, y, progress=lambda *p: 1 / 0)
    with pytest.raises(wa.ParameterError) as raised:
        wa.EventLog.from_arrow(events_table(10), progress=3)
    assert raised.value.details["parameter"] == "progress"
    # `True` draws a bar on stderr without tqdm (and tqdm's where it is installed).
    wa.RandomForestClassifier(n_estimators=50, seed=1).fit(x, y, progress=True)
