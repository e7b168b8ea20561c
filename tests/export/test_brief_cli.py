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
