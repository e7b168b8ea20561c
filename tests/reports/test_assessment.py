"""The tactical assessment on the demo project: content against the results."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from layers.kinds import LayerKind
from layers.validation import DataError
from tests.reports._docs import pdf_pages, squash
from workstation.reports.assessment import DETAILED, detailed_items
from workstation.reports.compare import TOO_FEW


def _layer(project, name):
    return next(lyr for lyr in project.layers if lyr.name == name)


def _signals(project):
    lyr = _layer(project, "Calls for service")
    path = Path(lyr.provenance["synthetic_data"]["manifest"])
    return json.loads(path.read_text(encoding="utf-8"))["signals"]


def _window(project):
    """The 14 days ending at the midnight after the last dated event (derived here)."""
    last = max(
        _layer(project, n).frame["occurred_at"].max()
        for n in ("Calls for service", "Burglary extract (exact times)")
    )
    end = last.tz_localize(None).normalize() + pd.Timedelta(days=1)
    end = end.tz_localize("Europe/London")
    return end - pd.Timedelta(days=14), end


def test_period_counts_are_the_layers_counts(demo, assessment):
    start, end = _window(demo)
    text = squash(assessment.all_text())
    changes = assessment.results["period_changes"]
    for name in ("Calls for service", "Burglary extract (exact times)"):
        t = _layer(demo, name).frame["occurred_at"]
        n_now = int(((t >= start) & (t < end)).sum())
        prev = int(((t >= start - pd.Timedelta(days=14)) & (t < start)).sum())
        total = next(c for c in changes[name] if c.what == "All categories")
        assert (total.current, total.previous) == (n_now, prev)
        assert squash(total.sentence()) in text
    street = _layer(demo, "Street crime (data.police.uk layout)").frame
    month = street["occurred_at"].max().strftime("%Y-%m")
    n_month = int((street["occurred_at"].dt.strftime("%Y-%m") == month).sum())
    first = changes["Street crime (data.police.uk layout)"][0]
    assert first.current == n_month


def test_every_significant_scan_item_is_in_the_document(assessment):
    from workstation.reports.assessment import detailed_items

    scan = assessment.results["scan"]
    sig = scan.significant()
    assert len(sig)
    text = squash(assessment.all_text())
    for r in sig.head(DETAILED + 20).itertuples(index=False):
        assert squash(str(r.message)) in text
    # the detailed items (a title each) are those with enough events to judge
    det = detailed_items(scan)
    assert len(det)
    assert ((det["item"] != "count") | (det["observed"] >= TOO_FEW)).all()
    titles = [c.title for c in assessment.sections[2].children]
    assert titles[: len(det)] == [
        f"{int(r.rank)}. {r.category}, {r.area_name}" for r in det.itertuples()
    ]
    assert f"The horizon scan ran {scan.n_tests:,} tests; {len(sig):,} item" in text


def test_planted_signals_appear_in_the_right_sections(demo, assessment):
    sig = _signals(demo)
    text = squash(assessment.all_text())
    # rising drugs calls: a significant scan item over the planted centre
    cx, cy = sig["rising_call_type"]["centre"]
    scan = assessment.results["scan"].significant()
    drugs = scan[
        (scan["category"] == "Drugs")
        & (scan["xmin"] - 500 <= cx) & (scan["xmax"] + 500 >= cx)
        & (scan["ymin"] - 500 <= cy) & (scan["ymax"] + 500 >= cy)
    ]  # fmt: skip
    assert len(drugs) and squash(drugs["message"].iloc[0]) in text
    # the persistent town-centre hot spot: the cell over its centre is hot at 99 %
    hs = assessment.results["hotspots"]
    hx, hy = sig["persistent_hotspots"][0]["centre"]
    g = hs.grid
    col, row = int((hx - g.x0) // g.cell_m), int((hy - g.y0) // g.cell_m)
    assert hs.hotspot_class[row, col] == "hot_99"
    assert f"E {g.x0 + col * g.cell_m:.0f}, N {g.y0 + row * g.cell_m:.0f}" in text
    # near-repeat burglary: the Knox test finds it within 200 m and 14 days
    knox = assessment.results["knox:Burglary extract (exact times)"].significant()
    assert len(knox) and (knox["knox_ratio"] > 1.5).any()
    r = knox[knox["observed"] >= TOO_FEW].iloc[0]
    assert f"{r.observed:,.0f} pairs against {r.expected:,.1f} expected" in text


def test_recommendations_are_drafts(assessment):
    rec = next(s for s in assessment.sections if s.title.startswith("Recommendations"))
    assert any(getattr(b, "style", "") == "draft" for b in rec.blocks)
    assert all(b.draft for b in rec.blocks if hasattr(b, "draft"))


def test_tasking_says_no_saved_plan(assessment):
    text = assessment.all_text()
    assert "No saved patrol plan in the period" in text


def test_marking_on_every_pdf_page(assessment_files):
    path, entry, _audit = assessment_files["pdf"]
    pages = pdf_pages(path)
    assert len(pages) > 3
    for i, page in enumerate(pages, 1):
        assert page.count("OFFICIAL-SENSITIVE - OPERATIONAL") >= 2, f"page {i}"
        assert f"Page {i} of {len(pages)}" in page
    assert entry["marking"] == "OFFICIAL-SENSITIVE - OPERATIONAL"


def test_audit_entry_has_the_files_hash(demo, assessment_files):
    for suffix, (path, entry, audit) in assessment_files.items():
        assert audit.action == "export" and audit.parameters == entry
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["format"] == suffix and audit.input_hashes


def test_html_is_offline_and_has_the_content(assessment, assessment_files):
    path = assessment_files["html"][0]
    html = path.read_text(encoding="utf-8")
    n_detailed = len(detailed_items(assessment.results["scan"]))
    assert n_detailed and html.count("data:image/png;base64,") >= n_detailed
    rest = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    assert not re.search(r"(?i)https?:|//|url\(", rest)
    assert "<script" not in html.lower()
    assert html.count("OFFICIAL-SENSITIVE - OPERATIONAL") >= 3  # banners and title


def test_docx_has_headings_tables_figures_and_marking(assessment, assessment_files):
    import docx

    doc = docx.Document(str(assessment_files["docx"][0]))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [s.title for s in assessment.sections] == [
        h for h in heads if h in {s.title for s in assessment.sections}
    ]
    assert "Method notes and data sources" in heads
    n_detailed = len(detailed_items(assessment.results["scan"]))
    assert len(doc.tables) >= 5 and len(doc.inline_shapes) >= n_detailed > 0
    sec = doc.sections[0]
    assert "OFFICIAL-SENSITIVE - OPERATIONAL" in sec.header.paragraphs[0].text
    assert "OFFICIAL-SENSITIVE - OPERATIONAL" in sec.footer.paragraphs[0].text


def test_downgrade_needs_a_reason(tmp_path, assessment):
    from tests.export._projects import make_project
    from workstation.reports.render import write_report

    project = make_project(50)  # marked OFFICIAL-SENSITIVE
    with pytest.raises(DataError, match="below the project's marking"):
        write_report(project, assessment, tmp_path / "a.html", marking="OFFICIAL")
    entry = write_report(
        project, assessment, tmp_path / "a.html", marking="OFFICIAL",
        downgrade_reason="for the partnership meeting",
    )  # fmt: skip
    assert entry["downgrade_reason"] == "for the partnership meeting"
    assert "for the partnership meeting" in (tmp_path / "a.html").read_text("utf-8")


def test_dropping_the_projects_descriptor_needs_a_reason(tmp_path, assessment):
    """OFFICIAL-SENSITIVE - PERSONAL to OFFICIAL-SENSITIVE drops a handling caveat."""
    from dataclasses import replace

    from tests.export._projects import make_project
    from workstation.reports.render import write_report

    project = make_project(50)
    project.metadata = replace(
        project.metadata, marking="OFFICIAL-SENSITIVE", marking_descriptor="PERSONAL"
    )
    out = tmp_path / "a.html"
    with pytest.raises(DataError, match="PERSONAL"):
        write_report(project, assessment, out, marking="OFFICIAL-SENSITIVE")
    with pytest.raises(DataError, match="PERSONAL"):
        write_report(project, assessment, out, descriptor="")
    # kept (the default) or added to: no reason asked
    write_report(project, assessment, out)
    assert "OFFICIAL-SENSITIVE - PERSONAL" in out.read_text("utf-8")
    entry = write_report(
        project, assessment, out, marking="OFFICIAL-SENSITIVE", descriptor="",
        downgrade_reason="caveat lifted by the data owner",
    )  # fmt: skip
    assert entry["downgrade_reason"] == "caveat lifted by the data owner"


def test_no_signal_is_not_called_a_rise():
    from tests.reports.conftest import noise_project
    from workstation.reports.assessment import build_assessment

    report = build_assessment(noise_project())
    scan = report.results["scan"]
    changes = [c for cs in report.results["period_changes"].values() for c in cs]
    changes += report.results.get("demand:Calls_grades", [])
    changes += report.results.get("demand:Calls_dayparts", [])
    assert changes and not [
        c for c in changes if c.direction.startswith("a significant")
    ]
    strong = scan.significant()
    strong = strong[(strong["item"] != "count") | (strong["observed"] >= TOO_FEW)]
    assert strong.empty
    text = report.all_text()
    assert "a significant rise" not in text and "a significant fall" not in text


def test_month_precision_gets_no_hour_or_day_statements(tmp_path):
    from tests.export._projects import XSS, make_project
    from workstation.reports.assessment import build_assessment
    from workstation.reports.render import write_report

    project = make_project(600)  # police.uk layout: months only; XSS in names
    report = build_assessment(project)
    text = report.all_text()
    assert "month precision" in text
    last = project.layers_of(LayerKind.CRIME)[0].frame["occurred_at"].max()
    assert report.subtitle.startswith(f"Period {last:%B %Y};")
    for word in (
        "hour of week",
        "Busiest hour",
        "between 0",
        "Monday",
        "Saturday",
        "Knox",
    ):
        assert word not in text
    write_report(project, report, tmp_path / "m.html", marking="OFFICIAL-SENSITIVE")
    html = (tmp_path / "m.html").read_text("utf-8")
    assert XSS not in html


def test_cli_bad_input_exits_2(tmp_path, capsys):
    from workstation.cli import main

    assert main(["assess", "--demo", "-o", str(tmp_path / "a.txt")]) == 2
    assert (
        main(["assess", "--demo", "-o", str(tmp_path / "a.pdf"), "--period", "soon"])
        == 2
    )
    assert (
        main(["assess", str(tmp_path / "none.gpkg"), "-o", str(tmp_path / "a.pdf")])
        == 2
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err and "--period" in err


def test_every_count_in_the_period_tables_is_a_result(assessment):
    """No number typed twice: each table row is the Change objects' numbers."""
    sec = assessment.sections[1]
    tables = [b for b in sec.blocks if hasattr(b, "rows")]
    changes = assessment.results["period_changes"]
    for table, (_name, cs) in zip(tables, changes.items(), strict=True):
        now = {c.what: c for c in cs[: len(table.rows)]}
        for row in table.rows:
            assert row[1] == f"{now[row[0]].current:,}"
            assert row[2] == f"{now[row[0]].previous:,}"
    assert np.all([len(t.rows) for t in tables])


def test_sources_give_the_local_months(demo, assessment):
    street = _layer(demo, "Street crime (data.police.uk layout)").frame
    t = street["occurred_at"]
    span = f"{t.min():%b %Y} to {t.max():%b %Y}, month precision"
    assert any(span in s for s in assessment.sources)


def test_knox_bands_with_few_pairs_are_too_few_to_judge(assessment):
    knox = assessment.results["knox:Burglary extract (exact times)"].significant()
    text = squash(assessment.all_text())
    for r in knox.itertuples(index=False):
        stated = f"{r.observed:,.0f} pairs against {r.expected:,.1f} expected" in text
        assert stated == (r.observed >= TOO_FEW)
