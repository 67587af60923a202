"""Files handed to the window (the installer's file types): receipts are acknowledged, bundles
described, anything else refused in plain words; and the window's self-check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bundle_format import keys as key_files
from central.schema import open_engine
from central.service import Receiver
from desktop.documents.printing import attachment_store
from desktop.services.cases.children import register_child
from desktop.services.core.context import Actor, unit_of_work
from desktop.views.app_context import AppContext
from desktop.views.start.open_file import FileOpener, split_files
from sync_client.exchange import outbox as sync_outbox
from sync_client.exchange.upload import institution_info
from tests.conftest import TODAY
from tests.demo_data import demo_engine
from tests.helpers import child_input

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sent(
    tmp_path: Path, inst_engine: Engine, actor: Actor, data_dir: Path
) -> tuple[Path, Path, int]:
    """A bundle of three children as a .clmsb file and central's receipt as a .receipt file."""
    central = key_files.generate_keys(role="central", name="Bihar State")
    with unit_of_work(inst_engine, actor) as s:
        sync_outbox.create_own_keys(
            s, data_dir=data_dir, name="Asha Kiran", passphrase="a key passphrase"
        )
        key_files.write_public_key_file(tmp_path / "central.pub", central.public())
        sync_outbox.import_public_key(s, path=tmp_path / "central.pub")
        for name in ("Asha", "Meena", "Ravi"):
            register_child(s, child_input(first_name=name), today=TODAY)
    with unit_of_work(inst_engine, actor) as s:
        signer = sync_outbox.load_own_keys(s, data_dir=data_dir, passphrase="a key passphrase")
        (made,) = sync_outbox.build_bundles(
            s, signer=signer, attachments=attachment_store(data_dir)
        )
        raw, records, info = made.data, made.record_count, institution_info(s)
        own = sync_outbox.own_public(s)
    bundle = tmp_path / "000001-x.clmsb"
    bundle.write_bytes(raw)
    rcv = Receiver(open_engine(f"sqlite:///{tmp_path / 'central.sqlite'}"), central)
    assert own is not None
    rcv.enrol(institution=info, public=own)
    receipt = tmp_path / "000001-x.receipt"
    receipt.write_bytes(rcv.receive(raw))
    rcv.engine.dispose()
    return bundle, receipt, records


@pytest.fixture
def opener(qtbot, inst_engine: Engine, actor: Actor, data_dir: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """The main window's opener, with the message boxes it shows recorded."""
    from desktop.views.main_window import MainWindow

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(("i", text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(("w", text)))
    window = MainWindow(AppContext(inst_engine, data_dir, actor, today=lambda: TODAY))
    qtbot.addWidget(window)
    o = FileOpener(window, window.ctx)
    o.shown = shown  # type: ignore[attr-defined]
    return o


def test_files_are_told_from_qt_options() -> None:
    """`clms-desktop -platform offscreen E:\\r.receipt` opens the receipt; Qt keeps its options."""
    files, rest = split_files(["-platform", "offscreen", "E:/CLMS/r.RECEIPT", "b.clmsb", "-x"])
    assert files == [Path("E:/CLMS/r.RECEIPT"), Path("b.clmsb")]
    assert rest == ["-platform", "offscreen", "-x"]


def test_double_clicked_receipt_is_checked_and_acknowledged(
    opener: FileOpener, sent: tuple[Path, Path, int], inst_engine: Engine
) -> None:
    """A receipt opened in the window acknowledges its records and shows the Sync screen."""
    _bundle, receipt, records = sent
    with Session(inst_engine) as s:
        assert sync_outbox.unacknowledged_count(s) > 0
    text = opener.open(receipt)
    assert opener.shown[-1] == ("i", text)  # type: ignore[attr-defined]
    assert f"bundle 1 was checked and accepted: {records} record(s)" in text
    assert "state office" in text
    with Session(inst_engine) as s:
        assert sync_outbox.unacknowledged_count(s) == 0
    assert opener.window.current_key() == "sync"  # type: ignore[attr-defined]
    assert "had been accepted before" in opener.open(receipt)


def test_changed_receipt_is_refused(
    opener: FileOpener, sent: tuple[Path, Path, int], inst_engine: Engine, tmp_path: Path
) -> None:
    """A receipt whose bytes were changed is refused and acknowledges nothing."""
    _bundle, receipt, _records = sent
    env = json.loads(receipt.read_bytes())
    env["receipt"]["outcomes"][0]["outcome"] = "error"
    env["receipt"]["counts"] = {**env["receipt"]["counts"]}
    bad = tmp_path / "changed.receipt"
    bad.write_text(json.dumps(env), encoding="utf-8")
    text = opener.open(bad)
    assert opener.shown[-1][0] == "w" and text.startswith("This receipt was not accepted")  # type: ignore[attr-defined]
    with Session(inst_engine) as s:
        assert sync_outbox.unacknowledged_count(s) > 0


def test_bundle_is_described_not_decrypted(
    opener: FileOpener, sent: tuple[Path, Path, int], tmp_path: Path
) -> None:
    """A bundle says whose it is, its number and size, and where it has to go."""
    bundle, _receipt, records = sent
    text = opener.open(bundle)
    assert "sync bundle number 1 of Asha Kiran Children's Home" in text
    assert f"with {records} record(s)" in text and "district office" in text
    junk = tmp_path / "junk.clmsb"
    junk.write_bytes(b"not a bundle at all")
    assert "not a CLMS bundle" in opener.open(junk)
    assert opener.shown[-1][0] == "w"  # type: ignore[attr-defined]


def test_self_check_of_the_window_passes_over_a_demo_folder(tmp_path: Path) -> None:
    """`python -m desktop --self-check` opens every screen, runs the rules in spawned workers."""
    folder = tmp_path / "demo"
    demo_engine(folder, children=400).dispose()
    report = tmp_path / "report.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path / ".config")
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(folder), "--self-check", str(report)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    got = json.loads(report.read_text(encoding="utf-8"))
    assert got["ok"] and got["frozen"] is False and got["children"] == 400
    assert got["rule_workers"]["same_as_one_process"] and got["rule_workers"]["hits"] > 0
    assert "failed" not in got["screens"].values() and "profile" in got["screens"]


def test_the_suffixes_are_the_sticks_and_opening_loads_no_sync() -> None:
    """The window knows bundle and receipt files by sync_client.exchange.usb's suffixes, without
    importing sync (its HTTP, central's code) at start-up (issue 22), nor rapidfuzz (the
    first search loads it); cryptography is loaded for the data key only."""
    import subprocess
    import sys

    from desktop.views.start import open_file
    from sync_client.exchange import usb

    assert (open_file.BUNDLE_SUFFIX, open_file.RECEIPT_SUFFIX) == (
        usb.BUNDLE_SUFFIX,
        usb.RECEIPT_SUFFIX,
    )
    code = (
        "import sys; import desktop.__main__ as m; m.preload(); "
        "import desktop.views.start.open_file, desktop.views.main_window; "
        "print(sorted(n for n in sys.modules if n.split('.')[0] in "
        "('requests', 'alembic', 'central', 'sync_client', 'rapidfuzz') "
        "and n not in ('sync_client', 'sync_client.office')))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout
