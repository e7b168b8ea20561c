"""Property-based fuzzing of the calls and assets readers.

Whatever the bytes, a reader either returns a layer whose rows balance (loaded +
rejected == total) or raises DataError with a message; never anything else.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layers.readers import assets, calls
from layers.validation import DataError

DATA = Path(__file__).resolve().parent.parent / "data"
CALLS_TEXT = (DATA / "calls" / "uk_cad_sample.csv").read_bytes()
ASSETS_TEXT = (DATA / "assets" / "community_sites.csv").read_bytes()

READERS = {"calls": (calls, CALLS_TEXT), "assets": (assets, ASSETS_TEXT)}

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _check(reader, raw: bytes, suffix: str = ".csv") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(raw)
        try:
            layer = reader.read([path])
        except DataError as exc:
            message = str(exc)
            layer = None
        if layer is None:
            assert message.strip()
            return
        rep = layer.report
        assert rep.rows_loaded == len(layer.frame)
        assert rep.rows_loaded + rep.rows_rejected == rep.rows_total
        for r in rep.rejected:
            assert r.reason
            assert r.row >= 1


def _mutate(base: bytes, data) -> bytes:
    lines = base.split(b"\n")
    if len(lines) < 2:
        lines = [*lines, b"", b""]
    op = data.draw(
        st.sampled_from(
            [
                "truncate",
                "delimiter",
                "huge",
                "bad_date",
                "cp1252",
                "utf16",
                "drop_fields",
                "quote",
                "shuffle",
                "nul",
            ]
        )
    )
    if op == "truncate":
        cut = data.draw(st.integers(0, len(base)))
        return base[:cut]
    if op == "delimiter":
        new = data.draw(st.sampled_from([b";", b"\t", b"|", b" "]))
        return base.replace(b",", new)
    if op == "huge":
        i = data.draw(st.integers(1, len(lines) - 1))
        size = data.draw(st.integers(1000, 200_000))
        lines[i] = lines[i] + b"," + b"x" * size
        return b"\n".join(lines)
    if op == "bad_date":
        junk = data.draw(st.binary(min_size=0, max_size=20)).replace(b",", b"")
        i = data.draw(st.integers(1, len(lines) - 1))
        parts = lines[i].split(b",")
        j = data.draw(st.integers(0, len(parts) - 1))
        parts[j] = junk
        lines[i] = b",".join(parts)
        return b"\n".join(lines)
    if op == "cp1252":
        text = data.draw(st.text(min_size=1, max_size=10))
        extra = text.encode("cp1252", errors="replace").replace(b",", b"")
        i = data.draw(st.integers(1, len(lines) - 1))
        lines[i] = extra + lines[i]
        return b"\n".join(lines)
    if op == "utf16":
        return base.decode("utf-8", errors="replace").encode("utf-16")
    if op == "drop_fields":
        i = data.draw(st.integers(1, len(lines) - 1))
        lines[i] = b",".join(lines[i].split(b",")[:2])
        return b"\n".join(lines)
    if op == "quote":
        i = data.draw(st.integers(0, len(lines) - 1))
        lines[i] = b'"' + lines[i]
        return b"\n".join(lines)
    if op == "shuffle":
        body = lines[1:]
        order = data.draw(st.permutations(list(range(len(body)))))
        return b"\n".join([lines[0], *[body[k] for k in order]])
    i = data.draw(st.integers(0, len(base)))
    return base[:i] + b"\x00" + base[i:]


@pytest.mark.parametrize("which", ["calls", "assets"])
@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes(which, raw):
    reader, _ = READERS[which]
    _check(reader, raw)


@pytest.mark.parametrize("which", ["calls", "assets"])
@FUZZ
@given(data=st.data())
def test_mutated_valid_files(which, data):
    reader, base = READERS[which]
    raw = base
    for _ in range(data.draw(st.integers(1, 3))):
        raw = _mutate(raw, data)
    _check(reader, raw)


_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "NULL",
            "0",
            "-1",
            "1e308",
            "nan",
            "inf",
            "31/03/2024 01:30",
            "27/10/2024 01:30",
            "2024-02-30 10:00",
            "13/13/2013",
            "45296.5",
            "1704459600",
            "99999999999999999999",
            "P1",
            "Grade 9",
            "=HYPERLINK()",
            "52.48",
            "-1.9",
            "407000",
        ]
    ),
)


@FUZZ
@given(
    rows=st.lists(st.lists(_cell, min_size=10, max_size=10), min_size=0, max_size=25)
)
def test_calls_random_cells_under_a_real_header(rows):
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CALLS_TEXT.decode().splitlines()[0].split(","))
    w.writerows(rows)
    _check(calls, buf.getvalue().encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(rows=st.lists(st.lists(_cell, min_size=8, max_size=8), min_size=0, max_size=25))
def test_assets_random_cells_under_a_real_header(rows):
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(ASSETS_TEXT.decode().splitlines()[0].split(","))
    w.writerows(rows)
    _check(assets, buf.getvalue().encode("utf-8", errors="surrogatepass"))


@settings(max_examples=30, deadline=None)
@given(
    raw=st.one_of(
        st.binary(max_size=500),
        st.builds(
            lambda body: b'{"type": "FeatureCollection", "features": [' + body,
            st.binary(max_size=300),
        ),
    ),
    suffix=st.sampled_from([".geojson", ".gpkg", ".shp"]),
)
def test_boundaries_random_bytes(raw, suffix):
    from layers.readers import boundaries

    _check(boundaries, raw, suffix)


MESSY = (DATA / "boundaries" / "messy_beats.geojson").read_bytes()


@settings(max_examples=30, deadline=None)
@given(
    cut=st.integers(0, len(MESSY)),
    flips=st.lists(
        st.tuples(st.integers(0, len(MESSY) - 1), st.integers(0, 255)), max_size=5
    ),
)
def test_boundaries_damaged_geojson(cut, flips):
    from layers.readers import boundaries

    raw = bytearray(MESSY)
    for pos, value in flips:
        raw[pos] = value
    _check(boundaries, bytes(raw[: max(cut, 1)]), ".geojson")
