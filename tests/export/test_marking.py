"""Protective markings: never lowered by accident, never clipped, no bidi tricks."""

from __future__ import annotations

import html as html_mod
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from layers.marking import lowering
from layers.project import MARKINGS
from layers.store import load_project, save_project
from layers.validation import DataError
from tests.export._projects import make_project
from workstation.cli import main
from workstation.export import briefing as bf
from workstation.export import sheet

EVIL = "evil\u202egnp.exe"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
MM_PT = 72 / 25.4


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """marking -> a saved project with it (built once per marking)."""
    cache: dict[str, Path] = {}

    def get(marking: str) -> Path:
        if marking not in cache:
            p = make_project(200)
            p.metadata.marking = marking
            cache[marking] = tmp_path_factory.mktemp("marking") / "p.gpkg"
            save_project(p, cache[marking])
        return cache[marking]

    return get


@pytest.fixture
def project_file(saved, tmp_path):
    """A fresh copy of a saved project with the given marking."""

    def copy(marking: str) -> Path:
        path = tmp_path / "p.gpkg"
        shutil.copyfile(saved(marking), path)
        return path

    return copy


# -- 13.1 a marking cannot be lowered by accident ---------------------------------


def test_marking_order_reads_descriptors_and_caveats():
    assert [bf.marking_rank(m) for m in MARKINGS] == [0, 1, 2, 3]
    assert bf.marking_rank("OFFICIAL-SENSITIVE - PERSONAL") == 1
    assert bf.marking_rank("official sensitive commercial") == 1
    assert bf.marking_rank("SECRET UK EYES ONLY") == 2
    assert bf.marking_rank("TOP SECRET STRAP1") == 3
    assert bf.marking_rank("OFFICIALX") is None
    assert bf.marking_rank("") is None


LOWERED = [
    (high, low)
    for i, high in enumerate(MARKINGS)
    for low in bf.EXPORT_MARKINGS
    if MARKINGS.index(low) < i
]


@pytest.mark.parametrize(("project_marking", "marking"), LOWERED)
def test_cli_refuses_a_lower_marking_naming_both(
    tmp_path, capsys, project_file, project_marking, marking
):
    path = project_file(project_marking)
    out = tmp_path / "b.pdf"
    code = main(["brief", str(path), "-o", str(out), "--marking", marking])
    err = capsys.readouterr().err
    assert code == 2
    assert f"marking {marking} is below the project's marking {project_marking}" in err
    assert "--downgrade-reason" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert [e for e in load_project(path).audit if e.action == "export"] == []


def test_same_or_higher_marking_needs_no_reason(tmp_path):
    p = make_project(100)
    p.metadata.marking = "OFFICIAL"
    for m in bf.EXPORT_MARKINGS:
        assert bf.make_briefing(p, marking=m).downgrade_reason == ""
    with pytest.raises(DataError, match="not below the project's marking"):
        bf.make_briefing(p, marking="OFFICIAL-SENSITIVE", downgrade_reason="because")


@pytest.mark.parametrize("suffix", [".pdf", ".png", ".html"])
def test_downgrade_with_reason_is_audited_and_in_the_file(
    tmp_path, capsys, project_file, suffix
):
    path = project_file("SECRET")
    out = tmp_path / f"b{suffix}"
    reason = "Sanitised by DS Khan for the partnership meeting <ref 12/3>"
    code = main(
        [
            "brief",
            str(path),
            "-o",
            str(out),
            "--marking",
            "OFFICIAL",
            "--downgrade-reason",
            reason,
        ]
    )
    assert code == 0, capsys.readouterr().err
    entry = load_project(path).audit[-1]
    assert entry.action == "export"
    assert entry.parameters["marking"] == "OFFICIAL"
    assert entry.parameters["project_marking"] == "SECRET"
    assert entry.parameters["downgrade_reason"] == reason
    if suffix == ".pdf":
        xmp = subprocess.run(
            ["pdfinfo", "-meta", str(out)], capture_output=True, text=True, check=True
        ).stdout
        got = re.search(r"<aw:downgrade_reason>(.*?)</aw:downgrade_reason>", xmp)
        assert html_mod.unescape(got.group(1)) == reason
        assert "<aw:project_marking>SECRET</aw:project_marking>" in xmp
    elif suffix == ".png":
        from PIL import Image

        text = Image.open(out).text
        assert text["downgrade_reason"] == reason
        assert text["marking"] == "OFFICIAL" and text["project_marking"] == "SECRET"
    else:
        page = out.read_text(encoding="utf-8")
        got = re.search(
            r'<meta name="workstation:downgrade_reason" content="(.*?)">', page
        )
        assert html_mod.unescape(got.group(1)) == reason
        assert '<meta name="workstation:project_marking" content="SECRET">' in page


def test_no_downgrade_leaves_no_reason_in_the_file(tmp_path):
    p = make_project(100)
    out = tmp_path / "b.png"
    sheet.export_png(p, out, dpi=150)
    from PIL import Image

    text = Image.open(out).text
    assert text["marking"] == "OFFICIAL-SENSITIVE"
    assert "downgrade_reason" not in text
    assert "downgrade_reason" not in p.audit[-1].parameters


# -- 13.1 a marking is never clipped ----------------------------------------------

PAGES = [("A4", False), ("A4", True), ("A3", False), ("A3", True)]


def _descriptor(n: int) -> str:
    words = "OPERATIONAL PERSONAL COMMERCIAL LEGAL MEDICAL INTELLIGENCE " * 10
    return words[:n].strip()


def _band_ink(page: str, landscape: bool, marking: str, descriptor: str, dpi=150):
    """White-ink bounds (px) inside a banner drawn as on the sheet, and the band."""
    w_mm, _ = sheet.PAGE_SIZES_MM[page]
    if landscape:
        w_mm = sheet.PAGE_SIZES_MM[page][1]
    k = dpi / 25.4
    width = round(w_mm * k)
    height = round(sheet.BAND_MM * k) + 20
    img = QImage(width, height, QImage.Format_RGB32)
    img.fill(QColor("#ffffff"))
    painter = QPainter(img)
    band = QRectF(
        sheet.MARGIN_MM * k, 10, (w_mm - 2 * sheet.MARGIN_MM) * k, sheet.BAND_MM * k
    )
    try:
        sheet.draw_marking_banner(painter, band, marking, descriptor)
    finally:
        painter.end()
    arr = np.frombuffer(img.constBits(), np.uint8).reshape(height, width, 4)[..., :3]
    x0, y0 = int(band.left()), int(band.top())
    x1, y1 = int(band.right()), int(band.bottom())
    inside = arr[y0:y1, x0:x1].min(axis=2) > 128  # white text on the black band
    cols = np.flatnonzero(inside.any(axis=0))
    rows = np.flatnonzero(inside.any(axis=1))
    return cols, rows, inside.shape


@pytest.mark.parametrize(("page", "landscape"), PAGES)
@pytest.mark.parametrize(
    ("marking", "dpi"), [("OFFICIAL", 150), ("OFFICIAL-SENSITIVE", 150),
                         ("OFFICIAL-SENSITIVE", 300)]
)  # fmt: skip
def test_banner_ink_never_reaches_the_band_edges(qapp, page, landscape, marking, dpi):
    widths = []
    for n in range(0, 201, 10):
        cols, rows, (h, w) = _band_ink(page, landscape, marking, _descriptor(n), dpi)
        assert len(cols), n
        # clipped text would run to (and past) the band's ends
        assert cols.min() > 3 and cols.max() < w - 4, (n, cols.min(), cols.max(), w)
        assert rows.min() > 0 and rows.max() < h - 1, n
        widths.append(cols.max() - cols.min())
    # the marking alone is narrower than with a descriptor that fits
    assert widths[0] < widths[2]


def _pdf_words(pdf: Path) -> list[tuple[float, float, list[tuple]]]:
    """Per page: width, height, [(word, xMin, yMin, xMax, yMax)] via pdftotext."""
    text = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = []
    for m in re.finditer(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S
    ):
        words = [
            (html_mod.unescape(w[4]), *map(float, w[:4]))
            for w in re.findall(
                r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                r'yMax="([\d.-]+)">(.*?)</word>',
                m.group(3),
            )
        ]
        pages.append((float(m.group(1)), float(m.group(2)), words))
    return pages


@pytest.mark.parametrize(("page", "landscape"), PAGES)
def test_pdf_and_png_marking_whole_on_every_page(tmp_path, page, landscape):
    project = make_project(200)
    for n in (0, 61, 62, 120, 200):
        desc = _descriptor(n)
        b = bf.make_briefing(project, descriptor=desc)
        pdf = tmp_path / f"m{n}.pdf"
        lay = sheet.export_pdf(
            project, pdf, page=page, landscape=landscape, briefing=b, audit=False
        )
        pages = _pdf_words(pdf)
        assert len(pages) == lay.pages >= 3
        for w, h, words in pages:
            hits = [wd for wd in words if wd[0] == "OFFICIAL-SENSITIVE"]
            assert len(hits) == 2, (n, [wd[0] for wd in words][:5])
            for _, x0, y0, x1, y1 in hits:
                assert sheet.MARGIN_MM * MM_PT <= x0 < x1 <= w - sheet.MARGIN_MM * MM_PT
                assert 0 <= y0 < y1 <= h
            # the descriptor's words are drawn, whole or shortened, never outside
            for _, x0, _, x1, _ in words:
                assert 0 <= x0 and x1 <= w
            if desc:
                first = desc.split()[0]
                assert sum(wd[0] == first for wd in words) >= 2
        from PIL import Image

        png = tmp_path / f"m{n}.png"
        sheet.export_png(
            project,
            png,
            page=page,
            landscape=landscape,
            dpi=150,
            briefing=b,
            audit=False,
        )
        arr = np.asarray(Image.open(png).convert("RGBA"))
        k = 150 / 25.4
        for top in (
            sheet.MARGIN_MM - 4.0,
            lay.page_mm[1] - sheet.MARGIN_MM - sheet.BAND_MM + 4.0,
        ):
            y0, y1 = round(top * k) + 1, round((top + sheet.BAND_MM) * k) - 1
            x0 = round(sheet.MARGIN_MM * k) + 1
            x1 = round((lay.page_mm[0] - sheet.MARGIN_MM) * k) - 1
            band = arr[y0:y1, x0:x1, :3].min(axis=2) > 128
            cols = np.flatnonzero(band.any(axis=0))
            assert len(cols) and cols.min() > 3 and cols.max() < band.shape[1] - 4, n


# -- 13.1 bidirectional controls are shown, not obeyed ----------------------------


def _bidi_project():
    p = make_project(120)
    crime = p.layers_of(bf.LayerKind.CRIME)[0]
    crime.frame.loc[crime.frame.index[:40], "category"] = EVIL
    crime._cache.clear()
    p.rename_layer(crime.id, "Street crime \u2067x\u2069")
    return p


def test_bidi_controls_neutralised_in_pdf_html_and_legend(tmp_path):
    p = _bidi_project()
    pdf = tmp_path / "b.pdf"
    sheet.export_pdf(p, pdf, audit=False)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert not BIDI.search(text)
    assert "evil[U+202E]gnp.exe" in text
    from workstation.export.html import export_html

    page = export_html(p, tmp_path / "b.html", audit=False).read_text(encoding="utf-8")
    assert not BIDI.search(page)
    assert "evil[U+202E]gnp.exe" in page
    from workstation import styling

    crime = p.layers_of(bf.LayerKind.CRIME)[0]
    labels = [e.label for e in styling.legend_entries(crime)]
    assert "evil[U+202E]gnp.exe" in labels and not any(BIDI.search(x) for x in labels)


def test_bidi_controls_neutralised_in_tables(tmp_path):
    from openpyxl import load_workbook

    from workstation.export import tables

    p = _bidi_project()
    crime = p.layers_of(bf.LayerKind.CRIME)[0]
    csv_text = tables.write_csv(crime, tmp_path / "t.csv").read_text(
        encoding="utf-8-sig"
    )
    assert not BIDI.search(csv_text) and "evil[U+202E]gnp.exe" in csv_text
    ws = load_workbook(tables.write_xlsx(crime, tmp_path / "t.xlsx")).active
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert not any(BIDI.search(v) for v in values)


def test_bidi_controls_neutralised_in_gpx_and_scan_report(tmp_path):
    import gpxpy

    from tests.analysis.test_scan import _layer
    from workstation.analysis.scan import horizon_scan
    from workstation.export import tables

    p = make_project(50)
    assets = p.layers_of(bf.LayerKind.ASSET)[0]
    assets.frame.loc[assets.frame.index[0], "name"] = EVIL
    gpx = tables.write_gpx(assets, tmp_path / "a.gpx").read_text(encoding="utf-8")
    assert not BIDI.search(gpx)
    names = [w.name for w in gpxpy.parse(gpx).waypoints]
    assert "evil[U+202E]gnp.exe" in names
    crime, wards = _layer(seed=6)
    crime.frame["category"] = crime.frame["category"].replace("Robbery", EVIL)
    crime._cache.clear()
    res = horizon_scan(crime, areas=[wards], cell_m=None, emerging=False)
    page = res.to_html(tmp_path / "scan.html", marking="OFFICIAL")
    assert not BIDI.search(page) and "evil[U+202E]gnp.exe" in page


def test_hostile_reason_cannot_break_the_file_metadata(tmp_path, capsys, project_file):
    from xml.dom import minidom

    from PIL import Image

    path = project_file("OFFICIAL-SENSITIVE")
    reason = "ok\x00\x1b[31m red\r\n<x:xmpmeta>&\u202eexe.gpj"
    cleaned = "ok [31m red <x:xmpmeta>&[U+202E]exe.gpj"
    for suffix in (".pdf", ".png"):
        out = tmp_path / f"h{suffix}"
        code = main(
            ["brief", str(path), "-o", str(out), "--marking", "OFFICIAL",
             "--downgrade-reason", reason]
        )  # fmt: skip
        assert code == 0, capsys.readouterr().err
        assert load_project(path).audit[-1].parameters["downgrade_reason"] == cleaned
        if suffix == ".png":
            assert Image.open(out).text["downgrade_reason"] == cleaned
        else:
            xmp = subprocess.run(
                ["pdfinfo", "-meta", str(out)], capture_output=True, text=True
            ).stdout
            body = xmp[xmp.index("<x:xmpmeta") : xmp.rindex("</x:xmpmeta>") + 12]
            doc = minidom.parseString(body)  # well-formed XML
            node = doc.getElementsByTagName("aw:downgrade_reason")[0]
            assert node.firstChild.data == cleaned


# -- 13.1 a descriptor dropped or changed is a downgrade too ----------------------


def test_lowering_reads_the_classification_and_the_descriptor():
    lowered = [
        ("SECRET", "OFFICIAL"),
        ("OFFICIAL-SENSITIVE - PERSONAL", "OFFICIAL-SENSITIVE"),
        ("OFFICIAL-SENSITIVE - PERSONAL", "OFFICIAL-SENSITIVE - COMMERCIAL"),
        ("SECRET - PERSONAL UK EYES ONLY", "SECRET - PERSONAL"),
        ("SECRET - UK EYES ONLY", "SECRET - EYES ONLY UK"),  # reordered
        ("OFFICIAL-SENSITIVE - PERSONAL", "OFFICIAL-SENSITIVE - PERS\u200bONAL"),
        ("OFFICIAL-SENSITIVE - PERSONAL", "SECRET"),  # raised, caveat lost
        # a descriptor cannot pass for part of the classification
        (("OFFICIAL-SENSITIVE", ""), ("OFFICIAL", "SENSITIVE")),
    ]
    kept = [
        ("OFFICIAL", "SECRET"),
        ("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE - PERSONAL"),
        ("OFFICIAL-SENSITIVE - PERSONAL", "official sensitive personal"),
        ("OFFICIAL-SENSITIVE - PERSONAL", "SECRET - PERSONAL UK EYES ONLY"),
        ("SECRET - PERSONAL", "SECRET - UK EYES ONLY - PERSONAL"),
        (("SECRET", "UK EYES ONLY"), ("SECRET", "  uk  eyes only ")),
    ]
    assert [bool(lowering(a, b)) for a, b in lowered] == [True] * len(lowered)
    assert [lowering(a, b) for a, b in kept] == [""] * len(kept)


@pytest.fixture
def personal(tmp_path):
    """A saved OFFICIAL-SENSITIVE - PERSONAL project."""
    p = make_project(150, full=False)
    p.metadata.marking_descriptor = "PERSONAL"
    path = tmp_path / "personal.gpkg"
    save_project(p, path)
    return path


@pytest.mark.parametrize("descriptor", ["", "COMMERCIAL", "PERS ONAL"])
def test_brief_refuses_a_dropped_or_changed_descriptor(
    tmp_path, capsys, personal, descriptor
):
    out = tmp_path / "b.html"
    args = ["brief", str(personal), "-o", str(out), "--descriptor", descriptor]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "OFFICIAL-SENSITIVE - PERSONAL" in err  # the project's marking
    want = f"OFFICIAL-SENSITIVE - {descriptor}" if descriptor else "OFFICIAL-SENSITIVE "
    assert f"the briefing's marking {want}" in err
    assert "--downgrade-reason" in err and "Traceback" not in err
    assert not out.exists()
    assert [e for e in load_project(personal).audit if e.action == "export"] == []
    reason = "Descriptor not needed: names removed by DS Khan"
    assert main([*args, "--downgrade-reason", reason]) == 0, capsys.readouterr().err
    entry = load_project(personal).audit[-1]
    assert entry.parameters["downgrade_reason"] == reason
    assert entry.parameters["project_marking"] == "OFFICIAL-SENSITIVE - PERSONAL"
    page = out.read_text(encoding="utf-8")
    assert f'<meta name="workstation:downgrade_reason" content="{reason}">' in page


@pytest.mark.parametrize("descriptor", [None, "personal", "PERSONAL UK EYES ONLY"])
def test_brief_keeping_or_adding_to_the_descriptor_needs_no_reason(
    tmp_path, capsys, personal, descriptor
):
    out = tmp_path / "b.html"
    args = ["brief", str(personal), "-o", str(out)]
    args += ["--descriptor", descriptor] if descriptor is not None else []
    assert main(args) == 0, capsys.readouterr().err
    assert "downgrade_reason" not in load_project(personal).audit[-1].parameters
    assert main([*args, "--downgrade-reason", "because"]) == 2
    assert "not below the project's marking" in capsys.readouterr().err


# -- 13.1 the project's own marking: `workstation marking` -------------------------


def _set_marking(path: Path) -> list:
    return [e for e in load_project(path).audit if e.action == "set_marking"]


@pytest.mark.parametrize(
    ("args", "new"),
    [
        (["OFFICIAL"], "OFFICIAL - PERSONAL"),
        (["--descriptor", ""], "OFFICIAL-SENSITIVE"),
        (["--descriptor", "COMMERCIAL"], "OFFICIAL-SENSITIVE - COMMERCIAL"),
        (["SECRET", "--descriptor", ""], "SECRET"),
    ],
)
def test_marking_command_refuses_lowering_without_a_reason(capsys, personal, args, new):
    assert main(["marking", str(personal), *args]) == 2
    err = capsys.readouterr().err
    assert f"the new marking {new} " in err
    assert "the project's marking OFFICIAL-SENSITIVE - PERSONAL" in err
    assert "--downgrade-reason" in err and "Traceback" not in err
    again = load_project(personal)
    assert again.metadata.marking_text == "OFFICIAL-SENSITIVE - PERSONAL"
    assert _set_marking(personal) == []
    reason = "Approved by Insp. Shaw, ref 12/3"
    assert main(["marking", str(personal), *args, "--downgrade-reason", reason]) == 0
    again = load_project(personal)
    assert again.metadata.marking_text == new
    assert again.audit_intact
    assert _set_marking(personal)[-1].parameters == {
        "from": "OFFICIAL-SENSITIVE - PERSONAL",
        "to": new,
        "downgrade_reason": reason,
    }


def test_marking_command_raises_and_shows_without_a_reason(capsys, personal):
    assert main(["marking", str(personal), "secret", "--descriptor", "PERSONAL"]) == 0
    assert load_project(personal).metadata.marking_text == "SECRET - PERSONAL"
    assert _set_marking(personal) == []  # only a lowering is recorded
    capsys.readouterr()
    assert main(["marking", str(personal)]) == 0
    assert "SECRET - PERSONAL" in capsys.readouterr().out
    code = main(["marking", str(personal), "TOP SECRET", "--downgrade-reason", "x"])
    assert code == 2
    assert "does not lower" in capsys.readouterr().err
    assert load_project(personal).metadata.marking == "SECRET"


# -- 13.1 patrol sheets: `workstation patrol --marking` ----------------------------


def test_patrol_sheets_below_the_project_marking_need_a_reason(
    tmp_path, capsys, personal
):
    sheets = tmp_path / "sheets"
    args = ["patrol", str(personal), "--officer-hours", "4", "--sheets", str(sheets)]
    for marking, why in (("OFFICIAL", "is below"), ("OFFICIAL-SENSITIVE", "drops")):
        assert main([*args, "--marking", marking]) == 2
        err = capsys.readouterr().err
        assert f"the sheets' marking {marking} {why}" in err
        assert "OFFICIAL-SENSITIVE - PERSONAL" in err and "--downgrade-reason" in err
        assert not sheets.exists()
    with pytest.raises(SystemExit) as bad:  # no longer any text at all
        main([*args, "--marking", "BOGUS"])
    assert bad.value.code == 2
    capsys.readouterr()
    reason = "Sheets for the neighbourhood team; no names on them"
    code = main([*args, "--marking", "official", "--downgrade-reason", reason])
    assert code == 0, capsys.readouterr().err
    assert sorted(sheets.glob("*.pdf"))
    entry = [e for e in load_project(personal).audit if e.action.endswith("sheets")]
    assert entry[-1].parameters["marking"] == "OFFICIAL"
    assert entry[-1].parameters["downgrade_reason"] == reason
    assert entry[-1].parameters["project_marking"] == "OFFICIAL-SENSITIVE - PERSONAL"


# -- 13.1 the horizon-scan report of a project: `workstation scan --marking` -------


def test_scan_report_of_a_project_carries_its_marking_unless_lowered_with_reason(
    tmp_path, capsys, personal
):
    out = tmp_path / "scan.html"
    args = ["scan", str(personal), "--no-near-repeat", "--no-emerging", "-o", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    banner = re.findall(r'<div class="marking">(.*?)</div>', out.read_text("utf-8"))
    assert banner and set(banner) == {"OFFICIAL-SENSITIVE - PERSONAL"}
    out.unlink()
    for marking in ("OFFICIAL", "OFFICIAL-SENSITIVE", "NOT SECRET"):
        assert main([*args, "--marking", marking]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and not out.exists()
        if marking != "NOT SECRET":
            assert f"{personal}: the report's marking {marking} " in err
            assert "OFFICIAL-SENSITIVE - PERSONAL" in err
    code = main(
        [*args, "--marking", "OFFICIAL", "--downgrade-reason", "cleared", "--json"]
    )
    assert code == 0
    assert '"downgrade_reason": "cleared"' in capsys.readouterr().out
    assert '<div class="marking">OFFICIAL</div>' in out.read_text("utf-8")
