"""The demo project speaks to its user: an author that is not a login name, and
notes that say the data are made up without developer talk."""

from __future__ import annotations

import getpass

from workstation.demo import DEMO_AUTHOR, load_demo_project


def test_demo_metadata_reads_as_written_for_the_user():
    project = load_demo_project(seed=7)
    md = project.metadata
    assert md.author == DEMO_AUTHOR
    assert md.author not in {"root", "unknown", getpass.getuser()}
    assert "planted" not in md.notes.lower()
    assert "layers.synthetic" not in md.notes
    assert "invented" in md.notes and "manifest.json" in md.notes
