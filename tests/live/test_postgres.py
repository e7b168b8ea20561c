"""PostgresSource against a real PostgreSQL/PostGIS started by the fixture."""

from __future__ import annotations

import datetime as dt
import threading
import time

import psycopg
import pytest

from layers.live import Feed, LiveLayer
from layers.live.postgres import (
    APPLICATION_NAME,
    PostgresSource,
    install_trigger,
    safe_conninfo,
)

T0 = dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)


def _make_table(conninfo: str, name: str = "calls") -> None:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(
            f"CREATE TABLE {name} (id bigserial PRIMARY KEY, call_id text, "
            "occurred_at timestamptz, call_type text, priority text, "
            "geom geometry(Point, 27700))"
        )


def _insert(conn, ids, *, start: int = 0, name: str = "calls") -> None:
    rows = [
        (
            f"C{i:06d}",
            T0 + dt.timedelta(seconds=i),
            "Violence" if i % 3 else "Theft",
            f"P{1 + i % 4}",
            530000 + (i % 97) * 10,
            180000 + (i % 89) * 10,
        )
        for i in ids
    ]
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {name} (call_id, occurred_at, call_type, priority, geom) "
            "VALUES (%s, %s, %s, %s, ST_SetSRID(ST_MakePoint(%s, %s), 27700))",
            rows,
        )


def _wait_for(pred, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.02)
    return pred()


def test_rows_inserted_elsewhere_arrive_by_notify(pg_db):
    _make_table(pg_db)
    install_trigger(pg_db, "calls")
    # polling every 60 s: only a NOTIFY can bring the rows within the timeout
    src = PostgresSource(pg_db, "calls", poll_s=60.0)
    feed = Feed(src, LiveLayer("live")).start()
    try:
        assert _wait_for(lambda: src._conn is not None, 10)
        time.sleep(0.3)  # the first (empty) poll is done, the feed waits
        t = time.monotonic()
        with psycopg.connect(pg_db, autocommit=True) as other:
            _insert(other, range(25))
        assert _wait_for(lambda: len(feed.layer) == 25, 10), (feed.error, src.events)
        assert time.monotonic() - t < 5.0
    finally:
        feed.stop()
    lyr = feed.layer.layer()
    assert sorted(lyr.frame["call_id"]) == [f"C{i:06d}" for i in range(25)]
    assert lyr.frame.crs.to_epsg() == 27700
    assert str(lyr.frame["occurred_at"].dt.tz) == "Europe/London"
    assert set(lyr.frame["grade"].dropna()) <= {1, 2, 3, 4}
    # the geometry column came through PostGIS as points in BNG
    assert lyr.frame.geometry.x.min() >= 530000


def test_without_trigger_polling_still_delivers(pg_db):
    _make_table(pg_db)
    src = PostgresSource(pg_db, "calls", poll_s=0.3)
    feed = Feed(src).start()
    try:
        with psycopg.connect(pg_db, autocommit=True) as other:
            _insert(other, range(10))
        assert _wait_for(lambda: len(feed.layer) == 10, 10)
    finally:
        feed.stop()


def _kill_source_backends(conninfo: str) -> int:
    """Terminate the source's backend (waiting for it to be connected again)."""
    end = time.monotonic() + 10
    with psycopg.connect(conninfo, autocommit=True) as conn:
        while time.monotonic() < end:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (APPLICATION_NAME,),
            ).fetchall()
            if rows:
                return len(rows)
            time.sleep(0.02)
    return 0


def test_connection_killed_mid_stream_loses_and_doubles_nothing(pg_db):
    _make_table(pg_db)
    install_trigger(pg_db, "calls")
    src = PostgresSource(pg_db, "calls", poll_s=0.5, backoff_s=(0.05, 0.5))
    feed = Feed(src).start()
    n_total, kills = 1500, 0
    try:
        with psycopg.connect(pg_db, autocommit=True) as other:
            for k in range(30):
                _insert(other, range(k * 50, (k + 1) * 50))
                if k % 6 == 3:
                    kills += _kill_source_backends(pg_db)
                time.sleep(0.02)
        assert _wait_for(lambda: len(feed.layer) >= n_total, 30), len(feed.layer)
        time.sleep(1.0)  # anything doubled would arrive now
    finally:
        feed.stop()
    assert kills >= 3
    assert src.reconnects >= 3, src.events
    ids = feed.layer.layer().frame["call_id"].tolist()
    assert len(ids) == n_total
    assert set(ids) == {f"C{i:06d}" for i in range(n_total)}
    assert feed.layer.report.rejected == []  # not even reported duplicates


def test_row_committed_late_below_the_cursor_is_read_once(pg_db):
    _make_table(pg_db)
    src = PostgresSource(pg_db, "calls", poll_s=0.2)
    slow = psycopg.connect(pg_db)  # a transaction that takes its id first ...
    _insert(slow, [0])
    with psycopg.connect(pg_db, autocommit=True) as other:
        _insert(other, [1, 2])  # ... commits after these later ids
    first = list(src.poll())
    got = [c for b in first for c in b.frame["call_id"]]
    assert got == ["C000001", "C000002"]
    slow.commit()
    slow.close()
    later = [c for b in src.poll() for c in b.frame["call_id"]]
    assert later == ["C000000"]
    assert [c for b in src.poll() for c in b.frame["call_id"]] == []
    src.close()


def test_malformed_rows_rejected_with_reasons(pg_db):
    with psycopg.connect(pg_db, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE cad (log_no integer PRIMARY KEY, received text, "
            "call_type text, grade text, easting text, northing text)"
        )
        conn.execute(
            "INSERT INTO cad VALUES "
            "(1, '2025-03-04 10:00:00', 'Violence', '1', '530000', '180000'),"
            "(2, 'not a time', 'Theft', '2', '530100', '180100'),"
            "(3, '2025-03-04 10:02:00', 'Theft', '3', '', ''),"
            "(4, '2025-03-30 01:30:00', 'Theft', '3', '530300', '180300'),"
            "(5, '2025-03-04 10:04:00', 'Drugs', '4', 'abc', '180400'),"
            "(6, '2025-03-04 10:05:00', 'Alarm', '2', '530500', '180500')"
        )
    src = PostgresSource(pg_db, "cad", poll_s=0.2)
    batches = src.poll()
    src.close()
    assert sum(b.received for b in batches) == 6
    rejected = {r.row: r.reason for b in batches for r in b.report.rejected}
    assert rejected == {
        2: "unparsable time",
        3: "no location",
        4: "nonexistent local time (DST gap)",
        5: "unparsable coordinates",
    }
    loaded = [r for b in batches for r in b.frame["source_row"]]
    assert loaded == ["1", "6"]
    assert all(
        b.report.rows_loaded + b.report.rows_rejected == b.received for b in batches
    )


def test_password_is_never_kept():
    uri = "postgresql://analyst:s3cret@db.example/cad?sslmode=require"
    safe = safe_conninfo(uri)
    assert "s3cret" not in safe
    assert "analyst" in safe and "db.example" in safe


def test_install_trigger_names_a_missing_table(pg_db):
    from layers.validation import DataError

    with pytest.raises(DataError, match=r"no table or view public\.nope"):
        install_trigger(pg_db, "nope")


def test_stop_from_another_thread_ends_a_waiting_source(pg_db):
    _make_table(pg_db)
    src = PostgresSource(pg_db, "calls", poll_s=30.0)
    done = threading.Event()

    def run():
        for _ in src.batches():
            pass
        done.set()

    threading.Thread(target=run, daemon=True).start()
    time.sleep(0.5)
    src.stop()
    assert done.wait(3.0)


def test_start_after_latest_follows_only_new_rows(pg_db):
    _make_table(pg_db)
    with psycopg.connect(pg_db, autocommit=True) as other:
        _insert(other, range(5))
        src = PostgresSource(pg_db, "calls", poll_s=0.2, start_after="latest")
        assert [c for b in src.poll() for c in b.frame["call_id"]] == []
        _insert(other, [5, 6])
    assert [c for b in src.poll() for c in b.frame["call_id"]] == ["C000005", "C000006"]
    src.close()


def test_a_view_without_a_key_is_refused_with_the_fix(pg_db):
    from layers.validation import DataError

    _make_table(pg_db)
    with psycopg.connect(pg_db, autocommit=True) as conn:
        conn.execute("CREATE VIEW recent AS SELECT * FROM calls")
        _insert(conn, range(3))
    with pytest.raises(DataError, match="name the cursor column with --key"):
        PostgresSource(pg_db, "recent").poll()
    src = PostgresSource(pg_db, "public.recent", key="id")
    assert [c for b in src.poll() for c in b.frame["call_id"]] == [
        "C000000",
        "C000001",
        "C000002",
    ]
    src.close()
