"""Save a PNG of every main screen of the real window, with invented demo data.

    make screenshots              # under Xvfb when xvfb-run is there, else offscreen
    python tools/screenshots.py --children 1500 --out screenshots

Builds a fresh training folder (set up + `generate_demo` + a rules run), opens the
main window at its default size for the screen (1366x768 under `make screenshots`) and
visits every screen it offers, the review queue child by child, a child's profile and
each of its tabs, the small forms, registration (empty, with its messages, with a
possible duplicate), the reason and keyboard-shortcuts dialogs, the print preview, the
login, lock, password and user dialogs and every page of the set-up assistant; then all
of it again after switching to Hindi. Preferences are kept in a temporary folder so the
run never changes this computer's own settings.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# No OS keyring on a build box: the invented data is kept under this passphrase.
os.environ.setdefault("CLMS_DATA_PASSPHRASE", "invented data for measuring only")

AS_OF = date(2026, 11, 23)


def make_data(folder: Path, children: int):  # type: ignore[no-untyped-def]
    """A set-up training folder with demo children and their flags."""
    from desktop.db import open_database
    from desktop.services.core.context import SYSTEM, Actor, unit_of_work
    from desktop.services.demo.generate import generate_demo
    from desktop.services.flags.evaluate import evaluate_all
    from desktop.services.install.institution import setup_institution

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    engine = open_database(folder)
    asha = Actor("asha", "superintendent", "Asha Kumari")
    with unit_of_work(engine, asha) as s:
        setup_institution(
            s,
            name="Asha Kiran Children's Home (practice)",
            type="childrens-home",
            state=10,
            district=212,
            registration_no="PRACTICE",
            code=7,
        )
    with unit_of_work(engine, asha, rules=False) as s:
        generate_demo(s, children=children, seed=4, as_of=AS_OF, cpmis_quarters=4)
    _requests(engine)
    with unit_of_work(engine, SYSTEM, rules=False) as s:
        evaluate_all(s, as_of=AS_OF)
    return engine, asha


def _requests(engine) -> None:  # type: ignore[no-untyped-def]
    """A caseworker's requests waiting for approval (a category change, leaving care)."""
    from sqlalchemy import select

    from desktop.models import Child
    from desktop.services.cases.approvals import request_category_change, request_exit
    from desktop.services.core.context import Actor, unit_of_work

    ravi = Actor("ravi", "caseworker", "Ravi Kumar")
    with unit_of_work(engine, ravi, rules=False) as s:
        first, second = s.scalars(
            select(Child).where(Child.status == "in_care").order_by(Child.code).limit(2)
        ).all()
        request_category_change(
            s,
            first,
            to_code=9 if first.category_code != 9 else 1,
            reason="Both parents traced by the DCPU; home study done",
            order_ref="CWC/PAT/2026/311",
            today=AS_OF,
        )
        request_exit(
            s, second, status="restored", exit_date=AS_OF, reason="Restored to mother", today=AS_OF
        )


def settle(app, seconds: float = 0.6) -> None:  # type: ignore[no-untyped-def]
    """Let the screen draw and every background load finish (up to 30 s)."""
    from desktop.views.ops import BackgroundOp

    end = time.monotonic() + 30
    while BackgroundOp._running and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    """Build the data, open the window, save the pictures; prints what it saved."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--children", type=int, default=1500)
    p.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = p.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    prefs_dir = tempfile.mkdtemp(prefix="clms-shots-")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, prefs_dir)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    font = app.font()
    font.setPointSize(max(font.pointSize(), 12))  # as the real start-up does
    app.setFont(font)

    from desktop.views.app_context import AppContext
    from desktop.views.i18n import register_devanagari_font, set_language
    from desktop.views.main_window import MainWindow

    register_devanagari_font()
    t0 = time.monotonic()
    engine, actor = make_data(out / "data", args.children)
    print(f"demo data: {args.children} children in {time.monotonic() - t0:.0f} s")
    ctx = AppContext(engine=engine, data_dir=out / "data", actor=actor, today=lambda: AS_OF)
    window = MainWindow(ctx)  # at its default size for this screen (1366x768 under make)
    window.show()
    settle(app, 1.0)
    screen = app.primaryScreen().size()
    print(f"screen {screen.width()}x{screen.height()}, window {window.width()}x{window.height()}")
    shots = Shots(app, out)
    for lang in ("en", "hi"):
        if lang == "hi":
            set_language(ctx, "hi")  # switched live, as a user does in Settings
            settle(app, 1.0)
        every_screen(shots, window, ctx, engine, prefix="" if lang == "en" else "hindi-")
    set_language(ctx, "en")
    window.close()
    engine.dispose()
    district_shots(out, shots.take)
    shutil.rmtree(prefs_dir, ignore_errors=True)
    print(f"saved {len(shots.saved)} screenshots in {out}:")
    for name in shots.saved:
        print(f"  {name}")
    return 0


class Shots:
    """Numbered PNGs of widgets, each taken once the screen has settled."""

    def __init__(self, app, out: Path) -> None:  # type: ignore[no-untyped-def]
        self.app, self.out = app, out
        self.saved: list[str] = []

    def take(self, widget, name: str) -> None:  # type: ignore[no-untyped-def]
        settle(self.app)
        path = self.out / f"{len(self.saved) + 1:02d}-{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path.name)


def _slug(text: str) -> str:
    return "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower()).strip("-")


def every_screen(shots: Shots, window, ctx, engine, *, prefix: str) -> None:  # type: ignore[no-untyped-def]
    """Each screen of the navigation, a profile and its tabs, and every dialog."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    from desktop.views.forms import FormDialog

    for spec in window.specs:
        window.show_page(spec.key)
        shots.take(window, f"{prefix}{spec.key}")
    queue = window.show_page("review")
    queue.order_box.setCurrentIndex(queue.order_box.findData("child"))
    shots.take(window, f"{prefix}review-child-by-child")
    queue.order_box.setCurrentIndex(0)

    child_id = _flagged_child(engine)
    window.open_child(child_id)
    profile = window.profile
    tab_names = ("overview", "guardians-visits", "documents", "history", "adoption", "exit")
    for i in range(profile.tabs.count()):
        profile.tabs.setCurrentIndex(i)
        shots.take(window, f"{prefix}profile-{tab_names[i] if i < len(tab_names) else i}")
    profile.tabs.setCurrentIndex(0)
    _decisions(shots, window, ctx, engine, prefix)

    # Small forms from the profile, caught before they would wait for the user.
    caught: list[QDialog] = []
    FormDialog.exec = lambda self: caught.append(self) or 0  # type: ignore[method-assign]
    try:
        profile.visits.add_guardian()
        profile.documents.change_category()
        profile.history.add_order()
    finally:
        del FormDialog.exec  # QDialog's own again
    from desktop.views.profile.child_edit import ChildEditDialog

    edit = ChildEditDialog(profile, window)
    edit.show()
    shots.take(edit, f"{prefix}correct-child")
    edit.close()
    for dialog, name in zip(caught, ("add-guardian", "change-category", "add-order"), strict=True):
        dialog.show()
        dialog.form.show_errors({"name": "is required", "order_no": "is required"}, focus=False)
        shots.take(dialog, f"{prefix}form-{name}")
        dialog.close()

    from desktop.views.children.registration import RegistrationDialog

    ask = QMessageBox.question
    QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.No  # type: ignore[method-assign]
    try:
        reg = RegistrationDialog(ctx, window)
        reg.show()
        shots.take(reg, f"{prefix}registration")
        reg.save()  # nothing typed: every message under its field
        shots.take(reg, f"{prefix}registration-errors")
        reg.clear_form()
        first = _first_names(engine)
        reg.child_form.set_values(
            {"first_name": first[0], "last_name": first[1], "gender": first[2]}
        )
        reg.check_duplicates()
        settle(shots.app, 1.0)
        shots.take(reg, f"{prefix}registration-duplicate")
        reg.clear_form()
        reg.reject()
    finally:
        QMessageBox.question = ask  # type: ignore[method-assign]

    from desktop.views.reason_dialog import ReasonDialog

    reason = ReasonDialog(
        queue.tr("Resolve the flag"),
        queue.tr("Why is this done? Say what was done and when (this is kept with the flag)."),
        window,
    )
    reason.show()
    shots.take(reason, f"{prefix}reason")
    reason.close()
    keys = window.show_shortcuts()
    shots.take(keys, f"{prefix}keyboard-shortcuts")
    keys.close()

    from desktop.views.admin.backup_views import RestoreDialog

    restore = RestoreDialog(ctx, ctx.data_dir / "backups", window)
    restore.show()
    shots.take(restore, f"{prefix}restore-from-backup")
    restore.close()
    _preview(shots, window, ctx, child_id, prefix)
    _sync_offline(shots, ctx, prefix)
    _logins(shots, window, ctx, prefix)
    _wizard(shots, ctx, prefix)
    window.show_page("children")


def _decisions(shots: Shots, window, ctx, engine, prefix: str) -> None:  # type: ignore[no-untyped-def]
    """A child who left (Correct how the case closed…), the category tab's Correct a change…,
    and a caseworker's own waiting request on the profile (Withdraw my request)."""
    from dataclasses import replace

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from desktop.models import ApprovalRequest, Child
    from desktop.services.core.context import Actor
    from desktop.views.profile.page import ProfilePage

    with Session(engine) as s:
        left = s.scalars(
            select(Child.id).where(Child.status == "restored").order_by(Child.code).limit(1)
        ).one()
        asked = s.scalars(select(ApprovalRequest.child_id).order_by(ApprovalRequest.id)).first()
    window.open_child(left)
    profile = window.profile
    profile.tabs.setCurrentWidget(profile.documents)
    shots.take(window, f"{prefix}profile-documents-of-a-child-who-left")
    profile.tabs.setCurrentWidget(profile.exit)
    shots.take(window, f"{prefix}profile-exit-of-a-child-who-left")
    profile.tabs.setCurrentIndex(0)
    ravi = Actor("ravi", "caseworker", "Ravi Kumar")
    page = ProfilePage(replace(ctx, actor=ravi), asked)
    page.resize(window.centralWidget().size())
    page.show()
    shots.take(page, f"{prefix}caseworker-profile-with-own-request")
    page.close()
    page.deleteLater()


def _flagged_child(engine) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from desktop.services.flags.store import list_flags

    with Session(engine) as s:
        return list_flags(s, limit=1, order="severity")[0].child_id


def _first_names(engine) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from desktop.models import Child

    with Session(engine) as s:
        c = s.scalars(select(Child).where(Child.last_name.is_not(None)).limit(1)).one()
        return c.first_name, c.last_name or "", c.gender


def _preview(shots: Shots, window, ctx, child_id: int, prefix: str) -> None:  # type: ignore[no-untyped-def]
    from desktop.documents.printing import attachment_store, render
    from desktop.services.core.context import unit_of_work
    from desktop.views.printing import PreviewDialog

    with unit_of_work(ctx.engine, ctx.actor, rules=False) as s:
        pdf = render(
            s,
            kind="summary",
            child_ids=[child_id],
            lang=ctx.language,
            actor=ctx.actor,
            as_of=AS_OF,
            photos=attachment_store(ctx.data_dir),
        )
    dlg = PreviewDialog(
        ctx, pdf, kind="summary", child_ids=[child_id], lang=ctx.language, parent=window
    )
    dlg.show()
    shots.take(dlg, f"{prefix}print-preview")
    dlg.close()


def _sync_offline(shots: Shots, ctx, prefix: str) -> None:  # type: ignore[no-untyped-def]
    """The Sync screen of a real (not practice) home after a send with no internet."""
    import socket

    from PySide6.QtWidgets import QInputDialog

    from bundle_format import keys as key_files
    from desktop.db import open_database
    from desktop.services.cases.children import ChildInput, register_child
    from desktop.services.core.context import unit_of_work
    from desktop.services.install.institution import setup_institution
    from desktop.views.app_context import AppContext
    from desktop.views.sync.page import SyncPage
    from sync_client.exchange import outbox

    folder = Path(tempfile.mkdtemp(prefix="clms-shots-sync-"))
    engine = open_database(folder)
    ask = QInputDialog.getText
    QInputDialog.getText = lambda *a, **k: ("shots passphrase", True)  # type: ignore[method-assign]
    try:
        with unit_of_work(engine, ctx.actor) as s:
            setup_institution(
                s,
                name="Asha Kiran",
                type="childrens-home",
                state=10,
                district=212,
                registration_no="BR/PAT/CH/0007",
                code=7,
            )
        with unit_of_work(engine, ctx.actor, as_of=AS_OF) as s:
            for first in ("Meena", "Ravi", "Sita"):
                register_child(
                    s,
                    ChildInput(
                        first_name=first,
                        gender="female",
                        estimated_age=9,
                        admission_date="2026-11-01",
                    ),
                    today=AS_OF,
                )
            outbox.create_own_keys(
                s, data_dir=folder, name="Asha Kiran", passphrase="shots passphrase"
            )
        central = key_files.generate_keys(role="central", name="State office")
        key_files.write_public_key_file(folder / "central.pub", central.public())
        with unit_of_work(engine, ctx.actor) as s:
            outbox.import_public_key(s, path=folder / "central.pub")
        with socket.socket() as sock:  # an address where nothing answers: no internet
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        sync_ctx = AppContext(
            engine=engine,
            data_dir=folder,
            actor=ctx.actor,
            today=lambda: AS_OF,
            language=ctx.language,
        )
        page = SyncPage(sync_ctx)
        page.resize(1100, 640)
        page.show()
        page.url_edit.setText(f"http://127.0.0.1:{port}")
        page.send_now()
        end = time.monotonic() + 15
        while not page.message.text().startswith(("Offline", "ऑफ़लाइन")) and time.monotonic() < end:
            shots.app.processEvents()
            time.sleep(0.05)
        shots.take(page, f"{prefix}sync-offline")
        page.close()
    finally:
        QInputDialog.getText = ask  # type: ignore[method-assign]
        engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def _logins(shots: Shots, window, ctx, prefix: str) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.admin.users_page import AddUserDialog, ResetPasswordDialog
    from desktop.views.start.login import ChangePasswordDialog, LoginDialog

    for dialog, name in (
        (LoginDialog(ctx.engine, window), "login"),
        (LoginDialog(ctx.engine, window, username="asha", locked=True), "locked"),
        (ChangePasswordDialog(ctx.engine, "asha", window, first=True), "change-password"),
        (AddUserDialog(ctx, window), "add-user"),
        (ResetPasswordDialog(ctx, "asha", window), "reset-password"),
    ):
        dialog.show()
        shots.take(dialog, f"{prefix}{name}")
        dialog.close()


def _wizard(shots: Shots, ctx, prefix: str) -> None:  # type: ignore[no-untyped-def]
    from desktop.db import open_database
    from desktop.views.start.wizard import SetupWizard

    folder = Path(tempfile.mkdtemp(prefix="clms-shots-empty-"))
    engine = open_database(folder)
    try:
        wiz = SetupWizard(engine, folder)
        for page_id, name in (
            (SetupWizard.CHOICE, "welcome"),
            (SetupWizard.INSTITUTION, "institution"),
            (SetupWizard.ACCOUNT, "account"),
            (SetupWizard.PRACTICE, "practice"),
        ):
            wiz.setStartId(page_id)
            wiz.restart()
            wiz.show()
            shots.take(wiz, f"{prefix}setup-{name}")
        wiz.close()
    finally:
        engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def district_shots(out: Path, shot) -> None:  # type: ignore[no-untyped-def]
    """A district office's window (5 CCIs of Patna, 1,500 children in its district view):
    each of its screens in English and in Hindi."""
    from datetime import date

    from sqlalchemy.orm import Session

    from desktop.db import open_database
    from desktop.services.core.context import Actor
    from desktop.views.app_context import AppContext
    from desktop.views.i18n import set_language
    from desktop.views.main_window import MainWindow
    from sync_client.district import mode as district_office
    from tests.central_fill import fill

    folder = out / "office"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    engine = open_database(folder)
    with Session(engine) as s, s.begin():
        district_office.setup_office(
            s,
            data_dir=folder,
            name="Patna DCPU",
            district_code=212,
            passphrase="screenshots-only",
            state_code=10,
        )
    view = district_office.open_view(folder)
    names = [
        "Asha Kiran Children's Home",
        "Patna Balgriha for Boys",
        "Navjeevan Open Shelter",
        "Danapur Balika Griha",
        "Phulwari Shishu Sadan",
    ]
    fill(
        view,
        children=1500,
        ccis=5,
        districts=(212,),
        records=True,
        names=names,
        as_of=date.today(),
        silent_share=0.2,
    )
    view.dispose()
    ctx = AppContext(
        engine=engine, data_dir=folder, actor=Actor("meera", "administrator", "Meera Jha")
    )
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    for spec in window.specs:
        window.show_page(spec.key)
        shot(window, f"office-{spec.key}")
    queue = window.show_page("district_queue")
    if queue is not None:
        queue.table.selectRow(0)
        dialog = queue.open_child()
        if dialog is not None:
            shot(dialog, "office-child-record")
            dialog.close()
    set_language(ctx, "hi")
    for spec in window.specs:
        window.show_page(spec.key)
        shot(window, f"office-hindi-{spec.key}")
    set_language(ctx, "en")
    window.close()
    engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
