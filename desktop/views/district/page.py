"""District office screen: take in CCI bundles from a USB stick, see each CCI, forward on.

The view is read-only: what the CCIs sent, merged by central's own rules. Importing
verifies each bundle (signature, order, district) before anything is shown; receipts
are written back to the stick for the CCIs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.rules.dates import show_date
from desktop.services.core.context import unit_of_work
from desktop.services.core.permissions import Permission, has
from desktop.views.app_context import AppContext
from desktop.views.district.tables import CciModel, PagedModel, plain_table
from desktop.views.ops import BackgroundOp
from sync_client.district import lists as district_lists
from sync_client.district.lists import CciSummary, ChildLine, FlagLine
from sync_client.district.view import READ_CACHE_KB, open_view
from sync_client.office import office_district, office_state

if TYPE_CHECKING:
    from bundle_format.keys import OwnKeys
    from sync_client.district.mode import DistrictImport

# The merge, the bundle format, the keys and HTTP (sync_client.district.mode, .outbox, .upload)
# are imported when first used: an office's window starts without them (issue 17).


class DistrictPage(QWidget):
    """All CCIs of the district as last received, with USB import and forwarding."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._keys: OwnKeys | None = None
        self.view = open_view(ctx.data_dir, cache_kb=READ_CACHE_KB)  # lists (the merge: its own)
        with Session(ctx.engine) as s:
            self.district = office_district(s)

        title = QLabel(self.tr("District view"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        title.setFont(f)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)

        self.import_button = QPushButton(self.tr("Import from USB…"))
        self.forward_button = QPushButton(self.tr("Forward to the state office"))
        self.excel_button = QPushButton(self.tr("Save every table (Excel)…"))
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://…")
        for b in (self.import_button, self.forward_button, self.excel_button):
            b.setMinimumHeight(36)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.forward_button)
        buttons.addWidget(self.excel_button)
        buttons.addWidget(QLabel(self.tr("State office address:")))
        buttons.addWidget(self.url_edit, 1)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.cci_model = CciModel(
            lambda: [
                self.tr("CCI"),
                self.tr("Children"),
                self.tr("In care"),
                self.tr("Open flags"),
                self.tr("Bundles"),
                self.tr("Last received"),
                self.tr("Days since"),
            ],
            _cci_cells,
            lambda days: self.tr("Not heard from for more than {0} days").format(days),
            self,
        )
        self.children_model: PagedModel[ChildLine] = PagedModel(
            lambda: [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Gender"),
                self.tr("Date of birth"),
                self.tr("Status"),
            ],
            _child_cells,
            parent=self,
        )
        levels = {0: self.tr("CCI"), 1: self.tr("District"), 2: self.tr("State")}
        self.flags_model: PagedModel[FlagLine] = PagedModel(
            lambda: [
                self.tr("Due on"),
                self.tr("Child"),
                self.tr("Severity"),
                self.tr("Level"),
                self.tr("What needs doing"),
            ],
            lambda fl: (
                show_date(fl.due_on, none=""),
                f"{fl.child_name} ({fl.child_code or '?'})",
                fl.severity or "",
                levels.get(fl.level, ""),
                fl.explanation,
            ),
            tooltip_columns=frozenset({1, 4}),
            parent=self,
        )
        # Fixed column widths (pixels at 1366x768); the name columns take the spare width.
        self.cci_table = plain_table(
            self.cci_model, stretch=0, widths=(300, 80, 80, 90, 80, 130, 90)
        )
        self.children_table = plain_table(
            self.children_model, stretch=1, widths=(190, 260, 80, 110, 100)
        )
        self.flags_table = plain_table(self.flags_model, stretch=4, widths=(100, 240, 80, 80, 300))
        self.children_label = QLabel(self.tr("The selected CCI (read only):"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.children_table, self.tr("Children"))
        self.tabs.addTab(self.flags_table, self.tr("Open flags"))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        self.silent_label = QLabel()
        self.silent_label.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.addWidget(self.silent_label)
        layout.addWidget(self.cci_table, 3)
        layout.addWidget(self.children_label)
        layout.addWidget(self.tabs, 2)

        self.import_button.clicked.connect(self.import_usb)
        self.forward_button.clicked.connect(self.forward)
        self.excel_button.clicked.connect(self.save_excel)
        self.cci_table.selectionModel().selectionChanged.connect(self.show_children)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        """Fresh figures each time the screen is opened."""
        super().showEvent(event)
        self.refresh()
        QTimer.singleShot(0, self, self._fill_url)  # after the first paint (sync's HTTP)

    def _fill_url(self) -> None:
        with Session(self.ctx.engine) as s:
            url = settings_url(s)
        if url and not self.url_edit.text():
            self.url_edit.setText(url)

    def refresh(self) -> None:
        """Read the district view again."""
        ready = self.district is not None
        if ready:
            self.subtitle.setText(
                self.tr("District {code}: bundles from its CCIs, checked and merged.").format(
                    code=self.district
                )
            )
        else:
            self.subtitle.setText(
                self.tr(
                    "This computer is not set up as a district office. Ask the state office to set "
                    "it up (clms sync district init)."
                )
            )
        may_import = ready and has(self.ctx.actor, Permission.IMPORT)  # DCPO, data entry
        self.import_button.setEnabled(may_import)
        self.forward_button.setEnabled(may_import)
        self.excel_button.setEnabled(ready)
        self.rows = district_lists.summary(self.view, district=self.district)
        silent_after = self.silent_after_days()
        chosen = self._chosen()
        self.cci_model.show(self.rows, silent_after)
        n_silent = sum(1 for c in self.rows if c.silent(silent_after))
        self.silent_label.setText(
            self.tr("{0} CCI(s) not heard from for more than {1} days (in red).").format(
                n_silent, silent_after
            )
            if n_silent
            else ""
        )
        if self.rows:
            at = next((i for i, c in enumerate(self.rows) if c.uuid == chosen), 0)
            self.cci_table.selectRow(at)  # the same CCI as before the refresh
        self.show_children()

    def save_excel(self) -> None:
        """Save the district's tables and its review queue as one Excel file."""
        if self.district is None:
            return
        from datetime import date

        today = date.today()
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save every table (Excel)"),
            f"district-{self.district}-{today.isoformat()}.xlsx",
            "Excel (*.xlsx)",
        )
        if not path:
            return
        with Session(self.ctx.engine) as s:
            state = office_state(s)
        from sync_client.district import mode as district_office

        data = district_office.district_workbook(
            self.view, district=self.district, state=state, as_of=today, lang=self.ctx.language
        )
        target = Path(path)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)  # never a half-written file under the chosen name
        self.message.setText(self.tr("Saved {0}.").format(target))

    def silent_after_days(self) -> int:
        """The policy's days without a bundle after which a CCI is shown in red."""
        from desktop.rules.policy import load_policy

        return load_policy().district_silent_days

    def _chosen(self) -> str | None:
        rows = self.cci_table.selectionModel().selectedRows()
        at = rows[0].row() if rows else -1
        return self.cci_model.rows[at].uuid if 0 <= at < len(self.cci_model.rows) else None

    def show_children(self) -> None:
        """List the children and the open flags of the selected CCI, a page at a time."""
        chosen = self._chosen()
        if chosen is None:
            self.children_model.reset(0, None)
            self.flags_model.reset(0, None)
            self.tabs.setTabText(1, self.tr("Open flags ({n})").format(n=0))
            return
        view, lang = self.view, self.ctx.language
        self.children_model.reset(
            district_lists.children_count(view, institution_uuid=chosen),
            lambda off, n: district_lists.children_page(
                view, institution_uuid=chosen, offset=off, limit=n
            ),
        )
        n_flags = district_lists.open_flags_count(view, institution_uuid=chosen)
        self.flags_model.reset(
            n_flags,
            lambda off, n: district_lists.open_flags_page(
                view, institution_uuid=chosen, offset=off, limit=n, lang=lang
            ),
        )
        self.tabs.setTabText(1, self.tr("Open flags ({n})").format(n=n_flags))

    def _office_keys(self) -> OwnKeys | None:
        from bundle_format import keys as key_files
        from sync_client.exchange import outbox as sync_outbox

        if self._keys is None:
            pw = None
            with Session(self.ctx.engine) as s:
                row = sync_outbox.own_key_row(s, role="district")
            if row is not None and row.storage == "file":
                text, ok = QInputDialog.getText(
                    self,
                    self.tr("District key"),
                    self.tr("Passphrase of the district key:"),
                    QLineEdit.EchoMode.Password,
                )
                if not ok:
                    return None
                pw = text
            try:
                with Session(self.ctx.engine) as s:
                    self._keys = sync_outbox.load_own_keys(
                        s, data_dir=self.ctx.data_dir, passphrase=pw, role="district"
                    )
            except (key_files.SyncKeyError, ValueError) as exc:
                self.message.setText(self.tr("The key could not be opened: {why}").format(why=exc))
                return None
        return self._keys

    def import_usb(self) -> None:
        """Take in every bundle on the stick; ask before accepting a CCI seen for the first time."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB stick"))
        if not folder or self.district is None:
            return
        keys = self._office_keys()
        if keys is None:
            return

        from sync_client.district import mode as district_office

        accepted: set[str] = set()
        for info, pub in district_office.new_institutions(view=self.view, folder=Path(folder)):
            answer = QMessageBox.question(
                self,
                self.tr("New CCI"),
                self.tr(
                    "{name} has not sent bundles to this office before.\n\nPhone the CCI and ask "
                    "them to read out their key fingerprint. Does it match this one?\n\n{fp}"
                ).format(name=info.get("name", ""), fp=pub.fingerprint),
            )
            if answer == QMessageBox.StandardButton.Yes:
                accepted.add(str(info.get("uuid")))
        data_dir, code = self.ctx.data_dir, self.district

        engine, actor = self.ctx.engine, self.ctx.actor

        def work(progress: Any) -> DistrictImport:
            progress(0, 1, "")
            view = open_view(data_dir)  # the merge's page cache, for this import only
            try:
                with unit_of_work(engine, actor, rules=False) as office:  # reviews sent back
                    res = district_office.import_folder(
                        view=view,
                        keys=keys,
                        district_code=code,
                        folder=Path(folder),
                        trust_new=lambda _pub, info: str(info.get("uuid")) in accepted,
                        office=office,
                    )
            finally:
                view.dispose()
            progress(1, 1, "")
            return res

        def done(res: DistrictImport) -> None:
            lines = [
                self.tr("{n} bundle(s) taken in, {r} receipt(s) written to the stick.").format(
                    n=len(res.applied), r=res.receipts_written
                )
            ]
            if res.reviews_sent:
                lines.append(
                    self.tr("{0} district review(s) sent back to the CCIs in the receipts.").format(
                        res.reviews_sent
                    )
                )
            lines += [
                self.tr("Not taken in: {file}: {why}").format(file=r.file, why=r.message)
                for r in res.refused
            ]
            self.message.setText("\n".join(lines))
            self.import_button.setEnabled(True)
            self.ctx.events.data_changed.emit()
            self.refresh()

        self.import_button.setEnabled(False)
        self.message.setText(self.tr("Checking and taking in the bundles…"))
        BackgroundOp(self, work).on_progress(
            lambda d, t, _x: self.progress.setValue(int(100 * d / t) if t else 0)
        ).success(done).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(self.district is not None)
        self.forward_button.setEnabled(self.district is not None)
        self.message.setText(self.tr("It did not work: {why}").format(why=exc))

    def forward(self) -> None:
        """Send the collected bundles on to the state office."""
        url = self.url_edit.text().strip()
        if not url:
            self.message.setText(self.tr("Type the state office's address first."))
            return
        keys = self._office_keys()  # the requests are signed with the office's key
        if keys is None:
            return
        from sync_client.district import mode as district_office
        from sync_client.exchange.upload import UploadSettings, save_settings, settings_from_db

        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            save_settings(s, url=url)
            st = settings_from_db(s)
        view, engine, actor = self.view, self.ctx.engine, self.ctx.actor

        def work(progress: Any) -> tuple[int, int, int, int, str | None]:
            progress(0, 1, "")
            up = UploadSettings(url=st.url, proxy=st.proxy)
            sent, problem = district_office.forward(view=view, settings=up, signer=keys)
            own = packets = handed = 0
            if problem is None:  # then the office's own CWC/JJB returns and its decisions
                with unit_of_work(engine, actor, rules=False) as office:
                    own, problem = district_office.forward_own_returns(
                        office, settings=up, signer=keys
                    )
            if problem is None:  # and the transfer packets for the CCIs that come by stick
                with unit_of_work(engine, actor, rules=False) as office:
                    got = district_office.fetch_transfers(
                        view=view, settings=up, signer=keys, office=office
                    )
                    packets, handed = got.packets, got.handed_on
            progress(1, 1, "")
            return sent, own, packets, handed, problem

        def done(res: tuple[int, int, int, int, str | None]) -> None:
            sent, own, packets, handed, problem = res
            text = self.tr("{n} bundle(s) forwarded to the state office.").format(n=sent)
            if own:
                text += " " + self.tr("The state office has the {n} CWC/JJB return(s).").format(
                    n=own
                )
            if packets:
                text += " " + self.tr(
                    "{n} transfer packet(s) fetched: they go on the next USB stick of their CCI."
                ).format(n=packets)
            if handed:
                text += " " + self.tr(
                    "{n} transfer packet(s) from the USB sticks handed on to the state office."
                ).format(n=handed)
            if problem:
                text += " " + self.tr("Stopped: {why}").format(why=problem)
            self.message.setText(text)
            self.forward_button.setEnabled(True)

        self.forward_button.setEnabled(False)
        BackgroundOp(self, work).on_progress(
            lambda d, t, _x: self.progress.setValue(int(100 * d / t) if t else 0)
        ).success(done).failure(self._failed).run_in_background()


def _cci_cells(c: CciSummary) -> tuple[str, ...]:
    return (
        c.name,
        str(c.children),
        str(c.in_care),
        str(c.open_flags),
        str(c.bundles),
        _day_first(c.last_received) or "–",
        "–" if c.days_since is None else str(c.days_since),
    )


def _day_first(stamp: str | None) -> str | None:
    """ "2026-11-24 12:00" shown as "24-11-2026 12:00" (dates are DD-MM-YYYY on screen)."""
    if not stamp or len(stamp) < 10:
        return stamp
    return f"{stamp[8:10]}-{stamp[5:7]}-{stamp[0:4]}{stamp[10:]}"


def _child_cells(k: ChildLine) -> tuple[str, ...]:
    return (
        k.code or "",
        k.name,
        k.gender or "",
        show_date(k.dob, none=""),
        (k.status or "").replace("_", " "),
    )


def settings_url(session: Session) -> str:
    """The saved state office address ('' if none)."""
    from sync_client.exchange.settings import settings_from_db  # (no HTTP loaded)

    try:
        return settings_from_db(session).url
    except Exception:  # no address saved yet
        return ""
