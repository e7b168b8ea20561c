"""The reader registry: sniffing files, folders and zips; overrides; clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from layers import readers
from layers.kinds import LayerKind
from layers.validation import DataError

DATA = Path(__file__).resolve().parent.parent / "data" / "police_uk"


def test_police_uk_reader_is_available():
    assert readers.available_readers()["police_uk"] is LayerKind.CRIME
    assert set(readers.available_readers()) <= set(readers.READERS)


@pytest.mark.parametrize(
    "name",
    [
        "2023-07-west-midlands-street.csv",
        "2011-03-west-midlands-street.csv",
        "bom_crlf.csv",
        "cp1252_quoted.csv",
        "bad_rows.csv",
        "lancashire_asb_slice.tab",
        "download.zip",
        "overlap",
    ],
)
def test_sniff_picks_police_uk(name):
    verdict = readers.sniff(DATA / name)
    assert verdict.reader == "police_uk"
    assert verdict.kind is LayerKind.CRIME
    assert verdict.confidence >= readers.MIN_CONFIDENCE
    assert verdict.mapping["month"].lower() == "month"
    assert verdict.reason
    assert verdict.to_dict()["reader"] == "police_uk"


def test_sniff_all_lists_every_available_reader_best_first():
    verdicts = readers.sniff_all(DATA / "2023-07-west-midlands-street.csv")
    assert [v.reader for v in verdicts if v.reader] and len(verdicts) == len(
        readers.available_readers()
    )
    confs = [v.confidence for v in verdicts]
    assert confs == sorted(confs, reverse=True)
    assert verdicts[0].columns[:2] == ["Crime ID", "Month"]


def test_sniff_other_sources_are_not_police_uk(shared_data):
    for rel in (
        "demand/seattle_spd_dispatch_2024_sample.csv",
        "boundaries/birmingham_lsoa21.geojson",
        "boundaries/lancashire_wards.gpkg",
        "assets/libraries_england_2023.csv",
    ):
        verdicts = {v.reader: v for v in readers.sniff_all(shared_data / rel)}
        assert verdicts["police_uk"].confidence < readers.MIN_CONFIDENCE, rel


def test_sniff_never_raises_on_odd_paths(tmp_path):
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really a zip")
    for p in (tmp_path / "bin.dat", tmp_path / "empty.csv", tmp_path / "bad.zip",
              tmp_path / "missing.csv", tmp_path):  # fmt: skip
        verdict = readers.sniff(p)
        assert verdict.confidence < readers.MIN_CONFIDENCE


def test_read_through_registry_and_overrides():
    layer = readers.read(DATA / "download.zip")
    assert layer.provenance["reader"] == "police_uk"
    by_kind = readers.read([DATA / "download.zip"], kind="crime")
    by_name = readers.read(DATA / "download.zip", reader="police_uk", name="Zip")
    assert len(by_kind.frame) == len(by_name.frame) == len(layer.frame)
    assert by_name.name == "Zip"
    with pytest.raises(DataError, match="unknown reader"):
        readers.read(DATA / "download.zip", reader="nope")
    with pytest.raises(DataError, match="unknown kind"):
        readers.read(DATA / "download.zip", kind="nope")


def test_several_paths_are_one_source():
    a = DATA / "overlap" / "a" / "2023-08-west-midlands-street.csv"
    b = DATA / "overlap" / "b" / "2023-08-west-midlands-street.csv"
    layer = readers.read([a, b])
    assert len(layer.provenance["files"]) == 2
    assert "duplicate Crime ID" in layer.report.by_reason()


def test_nothing_fits_names_the_file_and_what_was_expected(tmp_path):
    p = tmp_path / "shopping.csv"
    p.write_text("apples,pears\n1,2\n3,4\n")
    with pytest.raises(DataError) as err:
        readers.read(p)
    msg = str(err.value)
    assert str(p) in msg and "expected" in msg and "police.uk" in msg


def test_missing_path_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        readers.read(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="no files"):
        readers.read([])


def test_mixed_sources_are_refused(shared_data):
    if "calls" not in readers.available_readers():
        pytest.skip("calls reader not available")
    seattle = shared_data / "demand" / "seattle_spd_dispatch_2024_sample.csv"
    if readers.sniff(seattle).reader == "police_uk":
        pytest.fail("Seattle calls sniffed as police.uk")
    with pytest.raises(DataError, match="read them separately"):
        readers.read([DATA / "2023-07-west-midlands-street.csv", seattle])


def test_headerless_file_sniffed_with_user_columns(tmp_path):
    from layers.readers.police_uk import MODERN_HEADER

    body = (DATA / "2023-07-west-midlands-street.csv").read_bytes().split(b"\n", 1)[1]
    p = tmp_path / "noheader.csv"
    p.write_bytes(body)
    verdict = readers.sniff(p, columns=MODERN_HEADER)
    assert verdict.reader == "police_uk"
    layer = readers.read(p, columns=MODERN_HEADER)
    assert layer.report.rows_total == body.count(b"\n")


def test_outcomes_file_refusal_says_what_it_is(tmp_path):
    import zipfile

    with zipfile.ZipFile(DATA / "download.zip") as z:
        name = next(n for n in z.namelist() if n.endswith("outcomes.csv"))
        (tmp_path / "x.csv").write_bytes(z.read(name))
    with pytest.raises(DataError, match="outcomes file, not street-level crimes"):
        readers.read(tmp_path / "x.csv")
