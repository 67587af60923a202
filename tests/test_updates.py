"""The update check: central signs a release manifest, an install that reaches central checks
it with the state's key it imported, and the screens say a newer version is available.
Nothing is ever downloaded or installed by the app."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from bundle_format.canonical import canonical
from bundle_format.releases import (
    ReleaseError,
    is_newer,
    make_manifest,
    sign_manifest,
    verify_manifest,
)
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.version import __version__
from desktop.views.app_context import AppContext
from sync_client import updates
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import UploadSettings, institution_info
from tests.conftest import TODAY
from tests.helpers import child_input
from tests.sync_helpers import running_central

CHANGES = {
    "en": "Printing of CWC files is faster; the review queue shows the due date.",
    "hi": "सीडब्ल्यूसी फ़ाइलें अब जल्दी छपती हैं; समीक्षा सूची में नियत तिथि दिखती है।",
}
SHA = "ab" * 32


def newer_version() -> str:
    """A release number above this build's, whatever it is."""
    major, minor, *_ = (int(p) for p in __version__.split("."))
    return f"{major}.{minor + 1}.0"


def manifest(**over: object) -> dict[str, object]:
    """A valid manifest body, with some fields replaced."""
    fields: dict[str, object] = dict(
        release=newer_version(),
        on=date(2026, 12, 1),
        download=f"clms-desktop-{newer_version()}-setup.exe",
        sha256=SHA,
        size=123_456_789,
        changes=CHANGES,
    )
    fields.update(over)
    return make_manifest(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def central() -> key_files.OwnKeys:
    """The state's keys (central signs receipts and release manifests with them)."""
    return key_files.generate_keys(role="central", name="Bihar State")


# ---- the format ---------------------------------------------------------------------------


def test_signed_manifest_verifies_with_the_state_key(central: key_files.OwnKeys) -> None:
    """A manifest signed by central reads back whole with central's public key."""
    rel = verify_manifest(sign_manifest(manifest(), central), [central.public()])
    assert rel.release == newer_version() and rel.date == date(2026, 12, 1)
    assert rel.sha256 == SHA and rel.size == 123_456_789
    assert rel.changes_in("hi") == CHANGES["hi"] and rel.changes_in("en") == CHANGES["en"]


def test_changed_manifest_or_another_key_is_refused(central: key_files.OwnKeys) -> None:
    """One changed byte, a key the install never imported, or a district's key: refused."""
    signed = sign_manifest(manifest(), central)
    env = json.loads(signed)
    env["manifest"]["sha256"] = "cd" * 32  # an attacker's installer
    with pytest.raises(ReleaseError, match="signature does not match"):
        verify_manifest(canonical(env), [central.public()])
    other = key_files.generate_keys(role="central", name="Another State")
    with pytest.raises(ReleaseError, match="not signed by the state office key"):
        verify_manifest(signed, [other.public()])
    district = key_files.generate_keys(role="district", name="Patna DCPU")
    with pytest.raises(ReleaseError, match="signed with central's key"):
        sign_manifest(manifest(), district)
    forged = canonical(
        {
            "manifest": manifest(),
            "signer": district.public().sign_key_id,
            "signature": key_files.b64(district.sign.sign(canonical(manifest()))),
        }
    )
    with pytest.raises(ReleaseError, match="not signed by the state office key"):
        verify_manifest(forged, [central.public(), district.public()])


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("release", "1.two", "release number"),
        ("download", "../../Windows/evil.exe", "download"),
        ("sha256", "abc", "sha256"),
        ("size", 0, "size"),
        ("changes", {"en": "Faster printing."}, "Hindi"),
        ("changes", {"en": "Faster printing.", "hi": "Faster printing."}, "Devanagari"),
        ("changes", {"en": "x" * 601, "hi": CHANGES["hi"]}, "longer than"),
    ],
)
def test_bad_manifest_fields_are_named(field: str, value: object, named: str) -> None:
    """Central cannot sign a manifest with a bad field; the error names what is wrong."""
    with pytest.raises(ReleaseError, match=named):
        manifest(**{field: value})


def test_release_numbers_compare_as_numbers() -> None:
    """0.10.0 is newer than 0.9.2; 0.2 and 0.2.0 are the same release."""
    assert is_newer("0.10.0", "0.9.2") and not is_newer("0.9.2", "0.10.0")
    assert not is_newer("0.2", "0.2.0") and not is_newer("0.2.0", "0.2.0")
    assert is_newer("1.0.0.1", "1.0.0")


# ---- central: signing and serving ---------------------------------------------------------


def test_central_signs_a_release_from_its_installer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m central release sign` hashes the installer; `release show` checks it."""
    from central.__main__ import main

    monkeypatch.delenv("CLMS_CENTRAL_PASSPHRASE", raising=False)
    keys = tmp_path / "keys"
    assert main(["init-keys", "--dir", str(keys), "--name", "Bihar", "--no-passphrase"]) == 0
    setup = tmp_path / f"clms-desktop-{newer_version()}-setup.exe"
    setup.write_bytes(b"MZ" + bytes(range(256)) * 4000)
    args = ["release", "sign", "--keys", str(keys), "--file", str(setup)]
    args += ["--release", newer_version(), "--date", "2026-12-01"]
    args += ["--changes-en", CHANGES["en"], "--changes-hi", CHANGES["hi"]]
    assert main(args) == 0
    signed = (keys / "release.json").read_bytes()
    rel = verify_manifest(signed, [key_files.read_public_key_file(keys / "central.pub")])
    assert rel.sha256 == hashlib.sha256(setup.read_bytes()).hexdigest()
    assert rel.size == setup.stat().st_size and rel.download == setup.name
    capsys.readouterr()
    assert main(["release", "show", "--keys", str(keys)]) == 0
    out = capsys.readouterr().out
    assert rel.sha256 in out and CHANGES["hi"] in out
    bad = args[:]
    bad[bad.index("--changes-hi") + 1] = "no hindi here"
    assert main(bad) == 1
    assert "Devanagari" in capsys.readouterr().err


def _cci(engine: Engine, actor: Actor, data_dir: Path, central: key_files.OwnKeys) -> None:
    """This install's key, central's key imported, a child registered."""
    with unit_of_work(engine, actor) as s:
        sync_outbox.create_own_keys(
            s, data_dir=data_dir, name="Test Home", passphrase="a key passphrase"
        )
        key_files.write_public_key_file(data_dir / "central.pub", central.public())
        sync_outbox.import_public_key(s, path=data_dir / "central.pub")
        register_child(s, child_input(), today=TODAY)


def test_install_that_reaches_central_learns_of_a_newer_version(
    tmp_path: Path, inst_engine: Engine, actor: Actor, data_dir: Path, central: key_files.OwnKeys
) -> None:
    """Central serves its manifest; the install checks and keeps it, and knows it offline."""
    _cci(inst_engine, actor, data_dir, central)
    published = tmp_path / "release.json"
    with running_central(tmp_path, central, release_manifest=published) as (server, _rcv):
        settings = UploadSettings(url=server.url)
        # Nothing published yet: nothing newer, but the time of asking is kept.
        assert (
            updates.check_for_update(
                inst_engine, actor=actor, settings=settings, current=__version__
            )
            is None
        )
        published.write_bytes(sign_manifest(manifest(), central))
        rel = updates.check_for_update(
            inst_engine, actor=actor, settings=settings, current=__version__
        )
        assert rel is not None and rel.release == newer_version()
        # A manifest signed by someone else is not believed, and the good one is kept.
        impostor = key_files.generate_keys(role="central", name="Impostor")
        published.write_bytes(sign_manifest(manifest(sha256="cd" * 32), impostor))
        with pytest.raises(ReleaseError):
            updates.check_for_update(
                inst_engine, actor=actor, settings=settings, current=__version__
            )
    with Session(inst_engine) as s:  # central is gone: the notice stays
        kept = updates.newer_release(s, current=__version__)
        assert kept is not None and kept.sha256 == SHA
        assert updates.newer_release(s, current=newer_version()) is None  # once installed
        checked = updates.last_checked(s)
        assert checked is not None and (datetime.now(UTC) - checked).total_seconds() < 60


# ---- the screens --------------------------------------------------------------------------


def test_settings_say_a_newer_version_is_available_in_hindi_too(
    qtbot, inst_engine: Engine, actor: Actor, data_dir: Path, central: key_files.OwnKeys
) -> None:  # type: ignore[no-untyped-def]
    """Settings names the new version, what changed (in the screen's language) and the file."""
    from desktop.views.admin.settings_page import SettingsPage

    _cci(inst_engine, actor, data_dir, central)
    ctx = AppContext(inst_engine, data_dir, actor)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert "A newer version" not in page.update_text.text()
    assert f"CLMS Desktop {__version__}" in page.update_text.text()
    assert "never downloads or installs" in page.update_text.text()
    with unit_of_work(inst_engine, actor, rules=False) as s:
        updates.remember_manifest(
            s, sign_manifest(manifest(), central), now=datetime(2026, 12, 2, tzinfo=UTC)
        )
    page.show()
    qtbot.waitExposed(page)
    text = page.update_text.text()
    assert f"A newer version is available: {newer_version()} of 01-12-2026" in text
    assert CHANGES["en"] in text and SHA in text and manifest()["download"] in text
    ctx.language = "hi"
    page.show_updates()
    assert CHANGES["hi"] in page.update_text.text()


def test_sync_screen_shows_the_news_after_sending(
    qtbot,
    tmp_path: Path,
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    central: key_files.OwnKeys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    """Sending to central also asks about new versions; the Sync screen then says so."""
    from desktop.views.sync.page import SyncPage

    _cci(inst_engine, actor, data_dir, central)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("a key passphrase", True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    page = SyncPage(AppContext(inst_engine, data_dir, actor))
    qtbot.addWidget(page)
    assert not page.update_label.isVisibleTo(page)
    published = tmp_path / "release.json"
    published.write_bytes(sign_manifest(manifest(), central))
    with running_central(tmp_path, central, release_manifest=published) as (server, rcv):
        with unit_of_work(inst_engine, actor) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        qtbot.keyClicks(page.url_edit, server.url)
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Sent 1 bundle" in page.message.text(), timeout=15000)
    assert page.update_label.isVisibleTo(page)
    assert f"available: {newer_version()}" in page.update_label.text()
    assert f"this computer has {__version__}" in page.update_label.text()


def test_command_line_push_tells_of_a_newer_version(
    tmp_path: Path,
    inst_engine: Engine,
    actor: Actor,
    data_dir: Path,
    central: key_files.OwnKeys,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`clms sync push` says when central announces a newer version, and what changed."""
    from desktop.cli.main import main

    _cci(inst_engine, actor, data_dir, central)
    monkeypatch.setenv("CLMS_KEY_PASSPHRASE", "a key passphrase")
    published = tmp_path / "release.json"
    published.write_bytes(sign_manifest(manifest(), central))
    with running_central(tmp_path, central, release_manifest=published) as (server, rcv):
        with unit_of_work(inst_engine, actor) as s:
            rcv.enrol(institution=institution_info(s), public=sync_outbox.own_public(s))
        assert main(["--data-dir", str(data_dir), "sync", "push", "--url", server.url]) == 0
    out = capsys.readouterr().out
    assert f"A newer version of CLMS Desktop is available: {newer_version()}" in out
    assert CHANGES["en"] in out and SHA in out
