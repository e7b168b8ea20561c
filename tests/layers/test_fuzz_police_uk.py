"""Property-based fuzzing of the police.uk reader and the registry's read.

Whatever the bytes: either a DataError (one clear line) or a layer whose report
accounts for every record (loaded + rejected == total). When a layer comes back, its
record count is checked against Python's csv module reading the same text.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layers import readers
from layers.readers import police_uk
from layers.readers._common import decode_bytes, sniff_delimiter
from layers.validation import DataError

HEADER = police_uk.MODERN_HEADER
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

good_values = {
    "Crime ID": st.sampled_from(["", "a" * 64, "b" * 64, "c" * 64, "0123456789abcdef" * 4]),
    "Month": st.sampled_from(["2023-07", "2023-08-01", "07/2023", "Jul 2023", "2023-13", "",
                              "not a month", "2023-02-30", "1999-12"]),
    "Longitude": st.sampled_from(["-1.9", "-1.85", "", "0", "abc", "151.2", "-1.9e0",
                                  " -1.9 ", "NULL", "nan", "inf", "-200"]),
    "Latitude": st.sampled_from(["52.48", "52.5", "", "0", "xyz", "-33.9", "91", "52,48"]),
    "Crime type": st.sampled_from(["Burglary", "Anti-social behaviour", "", "Drugs",
                                   "Caf\u00e9 crime", "=cmd|' /C calc'!A0"]),
}  # fmt: skip
text_value = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12
)


@st.composite
def police_file(draw) -> bytes:
    """A street-level file with damage: bad values, truncation, wrong delimiters,
    huge fields, quotes and newlines, mixed encodings, BOM, CRLF, blank lines."""
    rows = []
    n = draw(st.integers(0, 25))
    for _ in range(n):
        fields = []
        for col in HEADER:
            strat = good_values.get(col, st.one_of(st.just(""), text_value))
            fields.append(draw(strat))
        if draw(st.booleans()) and draw(st.booleans()):
            k = draw(st.integers(0, 11))
            fields[k] = (
                '"'
                + fields[k].replace('"', '""')
                + draw(st.sampled_from(["", "\n", ", x", "\r\n"]))
                + '"'
            )
        rows.append(fields)
    delim = draw(st.sampled_from([",", ",", ",", ";", "\t", "|"]))
    body_delim = (
        delim if draw(st.integers(0, 4)) else draw(st.sampled_from([",", ";", "\t"]))
    )
    lines = [delim.join(HEADER)]
    for fields in rows:
        line = body_delim.join(fields)
        r = draw(st.integers(0, 9))
        if r == 0:
            line = line[: draw(st.integers(0, max(len(line) - 1, 0)))]  # truncated
        elif r == 1:
            line += body_delim * draw(st.integers(1, 3))  # extra trailing commas
        elif r == 2:
            line = ""  # blank line
        elif r == 3:
            line += "x" * draw(st.sampled_from([10_000, 70_000]))  # huge field
        lines.append(line)
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    parts = []
    for ln in lines:
        enc = draw(st.sampled_from(["utf-8", "utf-8", "cp1252"]))
        parts.append(ln.encode(enc, errors="replace"))
    raw = eol.encode().join(parts) + (eol.encode() if draw(st.booleans()) else b"")
    if draw(st.booleans()) and draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    return raw


def csv_records(raw: bytes) -> int:
    """Data records as Python's csv module counts them (blank lines are not records)."""
    text, _ = decode_bytes(raw)
    delim = sniff_delimiter(text[:65536])
    n = 0
    for fields in csv.reader(
        io.StringIO(text, newline=""), delimiter=delim, strict=False
    ):
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        n += 1
    return max(n - 1, 0)


def check_read(raw: bytes, reader) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2023-07-test-street.csv"
        path.write_bytes(raw)
        try:
            layer = reader(path)
        except DataError as err:
            message = str(err)
            layer = None
        if layer is None:
            assert message.strip()
            assert str(path) in message or "no files" in message
            return
        rep = layer.report
        assert rep.rows_loaded + rep.rows_rejected == rep.rows_total
        assert rep.rows_loaded == len(layer.frame)
        assert rep.rows_total == csv_records(raw)
        for r in rep.rejected:
            assert r.reason and r.row >= 2
        if len(layer.frame):
            assert layer.frame.geometry.notna().all()
            assert not layer.frame.geometry.is_empty.any()


@SETTINGS
@given(police_file())
def test_fuzz_police_uk_read_structured(raw):
    check_read(raw, police_uk.read)


@SETTINGS
@given(police_file())
def test_fuzz_registry_read_structured(raw):
    check_read(raw, readers.read)


@SETTINGS
@given(st.binary(max_size=4096))
def test_fuzz_random_bytes(raw):
    check_read(raw, police_uk.read)
    check_read(raw, readers.read)


@SETTINGS
@given(
    st.lists(
        st.lists(text_value, min_size=1, max_size=14).map(",".join),
        min_size=0,
        max_size=15,
    )
)
def test_fuzz_random_text_under_police_header(lines):
    raw = "\n".join([",".join(HEADER), *lines]).encode("utf-8")
    check_read(raw, police_uk.read)
