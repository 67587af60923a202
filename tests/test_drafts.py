"""Drafts of half-filled forms on disk: atomic replace, safe names, unreadable files set aside."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.services.cases.drafts import DraftStore


def test_round_trip_keeps_every_value_including_devanagari(tmp_path: Path) -> None:
    """What was saved comes back exactly, Hindi text included, with the time it was saved."""
    store = DraftStore(tmp_path)
    values = {"first_name": "Priya", "name_local": "प्रिया कुमारी", "estimated_age": "9"}
    path = store.save("registration-asha", values)
    assert path.parent == tmp_path / "drafts"
    loaded = store.load("registration-asha")
    assert loaded is not None and loaded[0] == values
    assert "प्रिया" in path.read_text(encoding="utf-8")  # readable by a person, not escaped


def test_save_replaces_the_previous_draft_without_leaving_temp_files(tmp_path: Path) -> None:
    """A second save replaces the first; no temporary file is left behind."""
    store = DraftStore(tmp_path)
    store.save("form", {"a": "1"})
    store.save("form", {"a": "2"})
    assert store.load("form")[0] == {"a": "2"}  # type: ignore[index]
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == ["form.json"]


def test_a_torn_or_garbage_file_is_set_aside_not_fatal(tmp_path: Path) -> None:
    """An unreadable draft gives None (no crash) and is kept aside for a person to inspect."""
    store = DraftStore(tmp_path)
    store.save("form", {"a": "1"})
    store.path("form").write_text('{"saved_at": "2026-11-23T10:00:00", "val', encoding="utf-8")
    assert store.load("form") is None
    assert not store.exists("form")
    assert (tmp_path / "drafts" / "form.unreadable").exists()


def test_discard_and_missing(tmp_path: Path) -> None:
    """Discarding removes the draft; loading a draft never saved gives None."""
    store = DraftStore(tmp_path)
    assert store.load("none") is None
    store.save("form", {"a": "1"})
    store.discard("form")
    assert store.load("form") is None and not store.exists("form")
    store.discard("form")  # twice is fine


def test_names_cannot_escape_the_drafts_folder(tmp_path: Path) -> None:
    """A user name with slashes or dots still makes a file inside drafts/."""
    store = DraftStore(tmp_path)
    path = store.save("registration-../../etc/passwd", {"a": "1"})
    assert path.parent == tmp_path / "drafts"
    assert json.loads(path.read_text(encoding="utf-8"))["values"] == {"a": "1"}
