"""`clms backup …` and `clms approvals …` on real data folders with real users: the same
services, permissions and audit trail as Settings → Backups and Pending approvals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from desktop.cli.main import main
from desktop.db import open_database
from desktop.models import ApprovalRequest, AuditEvent, Child
from desktop.services.cases.approvals import request_category_change
from desktop.services.cases.children import register_child
from desktop.services.core.context import SYSTEM, Actor, unit_of_work
from desktop.services.install.users import create_user
from tests.conftest import TODAY
from tests.helpers import child_input

PW = "kiran-2026"
RAVI = Actor("ravi", "caseworker", "Ravi Kumar")


@pytest.fixture
def cci(inst_engine: Engine, data_dir: Path, monkeypatch) -> dict[str, object]:
    """A CCI with two children, Asha (superintendent) and Ravi (caseworker); Ravi asked for
    a category change for the first child. Commands read passwords from CLMS_PASSWORD."""
    with unit_of_work(inst_engine, SYSTEM, as_of=TODAY) as s:
        a = register_child(s, child_input(), today=TODAY)
        register_child(s, child_input(first_name="Kavita", name_local=None), today=TODAY)
        for name, full, role in (
            ("asha", "Asha Kumari", "superintendent"),
            ("ravi", "Ravi Kumar", "caseworker"),
        ):
            create_user(s, username=name, full_name=full, role=role, password=PW)
        s.flush()
        child_id = a.id
    with unit_of_work(inst_engine, RAVI, as_of=TODAY) as s:
        req = request_category_change(
            s, s.get(Child, child_id), to_code=9, reason="parents traced", today=TODAY
        )
        s.flush()
        req_id = req.id
    monkeypatch.setenv("CLMS_PASSWORD", PW)
    return {"dir": str(data_dir), "child": child_id, "req": req_id}


def clms(cci: dict[str, object], user: str, *args: str) -> int:
    """Run `clms` on the CCI's folder as `user`."""
    return main(["-q", "--data-dir", str(cci["dir"]), "--user", user, *args])


def actions(engine: Engine) -> list[str]:
    """The audit trail's actions, oldest first."""
    with Session(engine) as s:
        return list(s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_backup_folder_now_list_check_and_restore_into_a_new_computer(
    cci, inst_engine, tmp_path, capsys
) -> None:
    """The superintendent chooses a USB folder, backs up, lists and checks the backup; it
    restores into an empty folder at once with the same children, and the restore is audited."""
    usb = tmp_path / "usb"
    usb.mkdir()
    assert clms(cci, "asha", "backup", "folder", str(usb), "--keep", "3") == 0
    assert "newest 3 are kept" in capsys.readouterr().out
    assert clms(cci, "asha", "backup", "now") == 0
    out = capsys.readouterr().out
    assert "2 children (2 in care)" in out
    made = [p for p in usb.iterdir() if p.name.startswith("CLMS-backup-2")]
    assert len(made) == 1
    assert clms(cci, "asha", "backup", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["path"] for b in listed] == [str(made[0])] and listed[0]["counts"]["children"] == 2
    assert clms(cci, "asha", "backup", "check", str(made[0])) == 0
    assert "can be restored" in capsys.readouterr().out
    assert "backup" in actions(inst_engine) and "backup_settings" in actions(inst_engine)

    fresh = tmp_path / "new-pc"
    assert main(["-q", "--data-dir", str(fresh), "backup", "restore", str(made[0])]) == 0
    engine = open_database(fresh)
    with engine.connect() as c:
        names = sorted(c.execute(text("SELECT first_name FROM child")).scalars())
    assert names == ["Kavita", "Priya"]
    assert actions(engine)[-1] == "restore_backup"


def test_a_caseworker_cannot_back_up_or_restore(cci, tmp_path, capsys) -> None:
    """Backing up and restoring are the superintendent's: a caseworker is refused, nothing
    made; the superintendent's restore over a database waits for the next start."""
    usb = tmp_path / "usb"
    usb.mkdir()
    assert clms(cci, "ravi", "backup", "now", "--folder", str(usb)) != 0
    assert clms(cci, "ravi", "backup", "folder", str(usb)) != 0
    assert capsys.readouterr().err.count("cannot make or restore backups") == 2
    assert list(usb.iterdir()) == []
    assert clms(cci, "asha", "backup", "now", "--folder", str(usb)) == 0
    made = next(p for p in usb.iterdir() if p.name.startswith("CLMS-backup-2"))
    assert clms(cci, "ravi", "backup", "restore", str(made)) != 0
    assert not (Path(str(cci["dir"])) / "clms.sqlite3.restore").exists()
    assert clms(cci, "asha", "backup", "restore", str(made)) == 0  # waits for the next start
    assert (Path(str(cci["dir"])) / "clms.sqlite3.restore").exists()


def test_a_damaged_backup_is_said_and_refused(cci, tmp_path, capsys) -> None:
    """A backup whose database was changed afterwards fails `check` and is not restored."""
    usb = tmp_path / "usb"
    usb.mkdir()
    assert clms(cci, "asha", "backup", "now", "--folder", str(usb)) == 0
    made = next(p for p in usb.iterdir() if p.name.startswith("CLMS-backup-2"))
    with open(made / "clms.sqlite3", "ab") as fh:
        fh.write(b"\0" * 4096)
    capsys.readouterr()
    assert clms(cci, "asha", "backup", "check", str(made)) == 3
    assert "changed or damaged" in capsys.readouterr().out
    fresh = tmp_path / "new-pc"
    assert main(["-q", "--data-dir", str(fresh), "backup", "restore", str(made)]) != 0
    assert not (fresh / "clms.sqlite3").exists()


def test_approvals_list_and_approve(cci, inst_engine, capsys) -> None:
    """The superintendent lists the waiting request (who asked, what) and approves it: the
    category changes and the approval is audited."""
    assert clms(cci, "asha", "approvals", "list") == 0
    out = capsys.readouterr().out
    assert f"#{cci['req']}" in out and "category change" in out and "ravi (Ravi Kumar)" in out
    assert clms(cci, "ravi", "approvals", "approve", str(cci["req"])) != 0  # not a caseworker's
    assert clms(cci, "asha", "approvals", "approve", str(cci["req"]), "--note", "order seen") == 0
    with Session(inst_engine) as s:
        assert s.get(Child, cci["child"]).category_code == 9
        assert s.get(ApprovalRequest, cci["req"]).status == "approved"
    assert "approve_request category_change" in actions(inst_engine)
    capsys.readouterr()
    assert clms(cci, "asha", "approvals", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_approvals_return_needs_a_reason_and_withdraw_is_the_askers(
    cci, inst_engine, capsys
) -> None:
    """Return without a reason is refused naming the field; another caseworker cannot
    withdraw Ravi's request; Ravi can, and the case stays as it was."""
    assert clms(cci, "asha", "approvals", "return", str(cci["req"]), "--reason", " ") == 3
    assert "reason" in capsys.readouterr().err
    with unit_of_work(inst_engine, SYSTEM) as s:
        create_user(s, username="mohan", full_name="Mohan Lal", role="caseworker", password=PW)
    assert clms(cci, "mohan", "approvals", "withdraw", str(cci["req"])) != 0
    assert "who asked" in capsys.readouterr().err
    assert clms(cci, "ravi", "approvals", "withdraw", str(cci["req"]), "--reason", "wrong") == 0
    with Session(inst_engine) as s:
        req = s.get(ApprovalRequest, cci["req"])
        assert (req.status, req.decision_note) == ("withdrawn", "wrong")
        assert s.get(Child, cci["child"]).category_code == 3
