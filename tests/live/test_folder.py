"""FolderSource on a real folder, with files written in pieces."""

from __future__ import annotations

import time

from layers.live import Feed, LiveLayer
from layers.live.folder import FolderSource

HEADER = "Incident Number,Date Time,Call Type,Priority,Easting,Northing\n"


def line(i: int) -> str:
    return (
        f"INC{i:05d},04/03/2025 {10 + i // 60:02d}:{i % 60:02d},Violence,P{1 + i % 4},"
        f"{530000 + 10 * i},{180000 + 10 * i}\n"
    )


def _settled(src: FolderSource) -> list:
    time.sleep(src.settle_s + 0.05)
    return src.poll()


def _ids(batches) -> list[str]:
    return [c for b in batches for c in b.frame["call_id"]]


def test_file_written_in_pieces_is_read_once_line_by_line(tmp_path):
    src = FolderSource(tmp_path, settle_s=0.2, eof_s=0.8)
    f = tmp_path / "cad_0001.csv"
    text = HEADER + line(0) + line(1) + line(2) + line(3)
    cut = len(HEADER + line(0) + line(1) + line(2)) + 12  # in the middle of a line
    f.write_text(text[:cut])
    assert src.poll() == []  # still being written: not settled yet
    got = _settled(src)
    assert _ids(got) == ["INC00000", "INC00001", "INC00002"]  # not the half line
    assert [r for b in got for r in b.frame["source_row"]] == ["2", "3", "4"]
    with f.open("a") as fh:
        fh.write(text[cut:] + line(4))
    more = _settled(src)
    assert _ids(more) == ["INC00003", "INC00004"]
    assert [r for b in more for r in b.frame["source_row"]] == ["5", "6"]
    assert _settled(src) == []  # nothing new: nothing read again
    src.close()


def test_last_line_without_newline_is_read_when_the_writer_stops(tmp_path):
    src = FolderSource(tmp_path, settle_s=0.1, eof_s=0.5)
    (tmp_path / "a.csv").write_text(HEADER + line(0) + line(1).rstrip("\n"))
    assert _ids(_settled(src)) == ["INC00000"]
    time.sleep(0.5)
    assert _ids(src.poll()) == ["INC00001"]
    assert _settled(src) == []
    src.close()


def test_malformed_lines_rejected_with_their_line_numbers(tmp_path):
    src = FolderSource(tmp_path, settle_s=0.1)
    bad = (
        HEADER
        + line(0)
        + "INC00001,31/02/2025 10:01,Theft,P2,530010,180010\n"
        + "INC00002,04/03/2025 10:02,Theft,P2,,\n"
        + line(3)
    )
    (tmp_path / "b.csv").write_text(bad)
    batches = _settled(src)
    rejected = {r.row: (r.source, r.reason) for b in batches for r in b.report.rejected}
    assert rejected == {
        3: ("b.csv", "unparsable time"),
        4: ("b.csv", "no location"),
    }
    assert _ids(batches) == ["INC00000", "INC00003"]
    src.close()


def test_ignores_temporary_names_and_reads_new_files(tmp_path):
    src = FolderSource(tmp_path, settle_s=0.1)
    (tmp_path / "c.csv.part").write_text(HEADER + line(0))
    (tmp_path / ".d.csv").write_text(HEADER + line(1))
    assert _settled(src) == []
    (tmp_path / "c.csv.part").rename(tmp_path / "c.csv")
    assert _ids(_settled(src)) == ["INC00000"]
    src.close()


def test_rewritten_file_is_reread_and_duplicates_kept_once(tmp_path):
    src = FolderSource(tmp_path, settle_s=0.1)
    layer = LiveLayer("live")
    f = tmp_path / "e.csv"
    f.write_text(HEADER + line(0) + line(1))
    for b in _settled(src):
        layer.append(b)
    f.write_text(HEADER.replace("Priority", "priority") + line(1) + line(2))
    for b in _settled(src):
        layer.append(b)
    assert src.warnings and "rewritten" in src.warnings[0]
    assert sorted(layer.layer().frame["call_id"]) == [
        "INC00000",
        "INC00001",
        "INC00002",
    ]
    dups = [r for r in layer.report.rejected if r.reason.startswith("duplicate")]
    assert [(r.row, r.value) for r in dups] == [("2", "INC00001")]
    src.close()


def test_watchdog_feed_follows_a_writer(tmp_path):
    src = FolderSource(tmp_path, settle_s=0.15, eof_s=0.6, poll_s=30.0)
    feed = Feed(src, LiveLayer("live")).start()
    try:
        f = tmp_path / "cad.csv"
        with f.open("w") as fh:
            fh.write(HEADER)
            for i in range(40):
                fh.write(line(i)[:20])
                fh.flush()
                fh.write(line(i)[20:])
                fh.flush()
                if i % 10 == 9:
                    time.sleep(0.3)  # pauses long enough for partial reads
        end = time.monotonic() + 10
        while len(feed.layer) < 40 and time.monotonic() < end:
            time.sleep(0.05)
    finally:
        feed.stop()
    assert feed.error is None
    ids = feed.layer.layer().frame["call_id"].tolist()
    assert sorted(ids) == [f"INC{i:05d}" for i in range(40)]
    assert feed.layer.report.rejected == []


def test_skip_existing_follows_only_new_lines(tmp_path):
    f = tmp_path / "old.csv"
    f.write_text(HEADER + line(0) + line(1))
    src = FolderSource(tmp_path, settle_s=0.1)
    src.skip_existing()
    assert _settled(src) == []
    with f.open("a") as fh:
        fh.write(line(2))
    got = _settled(src)
    assert _ids(got) == ["INC00002"]
    assert [r for b in got for r in b.frame["source_row"]] == ["4"]
    src.close()


def test_real_dispatch_export_outside_great_britain(tmp_path, shared_data):
    """The Seattle dispatch sample (real open data), dropped into a watched folder."""
    sample = shared_data / "demand" / "seattle_spd_dispatch_2024_sample.csv"
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)[:301]
    (tmp_path / "spd.csv").write_text("".join(lines), encoding="utf-8")
    src = FolderSource(tmp_path, settle_s=0.05)
    batches = _settled(src)
    src.close()
    rep = batches[0].report
    assert rep.rows_total == 300 == rep.rows_loaded + rep.rows_rejected
    frame = batches[0].frame
    assert frame.crs.to_epsg() == 32610  # UTM 10N, chosen by the calls reader
    assert str(frame["occurred_at"].dt.tz) == "America/Los_Angeles"
    assert frame["call_id"].str.startswith("2024").all()


def test_rows_are_numbered_as_the_calls_reader_numbers_the_whole_file(tmp_path):
    from layers.readers import calls

    text = HEADER + line(0) + "\n" + line(1) + ",,,,,\n" + line(3)
    whole = tmp_path / "whole"
    whole.mkdir()
    (whole / "a.csv").write_text(text)
    ref = calls.read(whole / "a.csv")
    watched = tmp_path / "watched"
    watched.mkdir()
    f = watched / "a.csv"
    cut = len(HEADER + line(0) + "\n")
    f.write_text(text[:cut])
    src = FolderSource(watched, settle_s=0.05)
    first = _settled(src)
    with f.open("a") as fh:
        fh.write(text[cut:])
    batches = first + _settled(src)
    src.close()
    got = [int(r) for b in batches for r in b.frame["source_row"]]
    assert got == ref.frame["source_row"].tolist()
    assert [r.row for b in batches for r in b.report.rejected] == [
        r.row for r in ref.report.rejected
    ]
