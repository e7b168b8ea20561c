"""``workstation brief`` on a saved project: HTML, PDF and PNG, marking, audit."""

from __future__ import annotations

import hashlib
import json

import pytest

from layers.store import load_project, save_project
from tests.export._projects import make_project
from workstation.cli import main


@pytest.fixture(scope="module")
def project_file(tmp_path_factory):
    project = make_project(300)
    path = tmp_path_factory.mktemp("cli") / "p.gpkg"
    save_project(project, path)
    return path


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".png"])
def test_brief_writes_each_format_and_audits(project_file, tmp_path, capsys, suffix):
    out = tmp_path / f"brief{suffix}"
    code = main(
        [
            "brief",
            str(project_file),
            "-o",
            str(out),
            "--marking",
            "official-sensitive",
            "--descriptor",
            "operational",
            "--title",
            "Week 12 tasking",
            "--json",
        ]
    )
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    data = out.read_bytes()
    assert summary["sha256"] == hashlib.sha256(data).hexdigest()
    assert summary["marking"] == "OFFICIAL-SENSITIVE - OPERATIONAL"
    assert summary["audit_saved"] is True
    reopened = load_project(project_file)
    entry = reopened.audit[-1]
    assert entry.action == "export"
    assert entry.parameters["sha256"] == summary["sha256"]
    assert entry.parameters["format"] == suffix.lstrip(".")
    if suffix == ".html":
        text = data.decode("utf-8")
        assert "Week 12 tasking" in text and "<script>alert(1)</script>" not in text
    elif suffix == ".pdf":
        assert data.startswith(b"%PDF")
    else:
        assert data.startswith(b"\x89PNG")


def test_brief_layers_option_and_unknown_layer(project_file, tmp_path, capsys):
    out = tmp_path / "b.html"
    code = main(
        [
            "brief",
            str(project_file),
            "-o",
            str(out),
            "--layers",
            "Street crime",
            "--json",
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["layers"] == ["Street crime"]
    code = main(["brief", str(project_file), "-o", str(out), "--layers", "Nope"])
    assert code == 2
    err = capsys.readouterr().err
    assert "no layer 'Nope'" in err and "Traceback" not in err


def test_brief_bad_input_is_one_line(project_file, tmp_path, capsys):
    assert main(["brief", str(project_file), "-o", str(tmp_path / "b.docx")]) == 2
    assert "output must end in .html, .pdf or .png" in capsys.readouterr().err
    assert (
        main(["brief", str(tmp_path / "none.gpkg"), "-o", str(tmp_path / "b.pdf")]) == 2
    )
    assert main(["brief", "-o", str(tmp_path / "b.pdf")]) == 2
    err = capsys.readouterr().err
    assert "PROJECT .gpkg or --demo" in err and "Traceback" not in err


def test_brief_refuses_a_project_without_marking(tmp_path, capsys):
    project = make_project(30, full=False)
    project.metadata.marking = ""
    path = tmp_path / "p.gpkg"
    save_project(project, path)
    out = tmp_path / "b.pdf"
    assert main(["brief", str(path), "-o", str(out)]) == 2
    assert "protective marking" in capsys.readouterr().err
    assert not out.exists()


def test_brief_pdf_with_a_scan_csv(tmp_path, capsys):
    import shutil
    import subprocess

    import pandas as pd

    project = make_project(50, full=False)  # no scan layer in the project
    path = tmp_path / "p.gpkg"
    save_project(project, path)
    scan = tmp_path / "scan.csv"
    pd.DataFrame(
        {
            "rank": [1, 2],
            "category": ["Robbery", "Drugs"],
            "area_name": ["Ward A", "Ward B"],
            "observed": [14, 8],
            "expected": [6.0, 3.5],
            "p_fdr": [0.002, 0.04],
            "message": ["Robbery up 133 % in Ward A", "Drugs up 129 % in Ward B"],
        }
    ).to_csv(scan, index=False)
    out = tmp_path / "b.pdf"
    code = main(["brief", str(path), "-o", str(out), "--scan", str(scan), "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["pages"] == 2
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-f", "2", "-l", "2", str(out), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert "Robbery up 133 % in Ward A" in text and "Horizon scan" in text
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["brief", str(path), "-o", str(out), "--scan", str(bad)]) == 2
    assert "not a horizon-scan table" in capsys.readouterr().err
    assert (
        main(["brief", str(path), "-o", str(tmp_path / "b.html"), "--scan", str(scan)])
        == 2
    )
