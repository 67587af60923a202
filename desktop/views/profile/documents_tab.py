"""The category and documents tab: the category (with a change form) and the document scans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.enums import DocumentStatus
from desktop.rules.policy import load_policy
from desktop.services.cases.approvals import request_category_change
from desktop.services.cases.casework import (
    attach_scan,
    change_category,
    set_document_status,
)
from desktop.services.cases.profile import Profile, attachment_store
from desktop.services.core.errors import ServiceError, ValidationError
from desktop.services.core.permissions import Permission, has
from desktop.services.core.validation import parse_date
from desktop.views.admin.approval_words import details_words, status_words
from desktop.views.forms import FieldSpec, nice, run_form, show_date, show_problem
from desktop.views.profile.editing import (
    correct_a_category_change,
    correct_document,
)
from desktop.views.profile.tables import (
    ProfileHost,
    fill_table,
    read_only_table,
)


class DocumentsTab(QWidget):
    """The category (with a change form) and the documents checklist with scans."""

    def __init__(self, page: ProfileHost) -> None:
        super().__init__()
        self.page = page
        self.doc_types: list[str] = []
        self.doc_refs: list[str] = []
        self.scans: list[str | None] = []
        self.category = QLabel()
        font = self.category.font()
        font.setBold(True)
        self.category.setFont(font)
        self.category_button = QPushButton(self.tr("Change category…"))
        self.category_button.clicked.connect(self.change_category)
        self.correct_category_button = QPushButton(self.tr("Correct a change…"))
        self.correct_category_button.setToolTip(
            self.tr("Correct the day, reason or CWC order of a category change")
        )
        self.correct_category_button.clicked.connect(
            lambda: correct_a_category_change(self.page, self, self.history) and None
        )
        self.history: list[dict[str, Any]] = []
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet("color: #a65e00;")
        self.table = read_only_table()
        self.table.activated.connect(lambda _i: self.correct_dates())
        self.obtained_button = QPushButton(self.tr("Mark obtained…"))
        self.verified_button = QPushButton(self.tr("Mark verified…"))
        self.correct_button = QPushButton(self.tr("Correct dates…"))
        self.correct_button.clicked.connect(self.correct_dates)
        self.na_button = QPushButton(self.tr("Not applicable…"))
        self.scan_button = QPushButton(self.tr("Attach a scan…"))
        self.view_button = QPushButton(self.tr("Look at the scan"))
        self.view_button.clicked.connect(self.view_scan)
        self.obtained_button.clicked.connect(lambda: self.mark("obtained"))
        self.verified_button.clicked.connect(lambda: self.mark("verified"))
        self.na_button.clicked.connect(self.not_applicable)
        self.scan_button.clicked.connect(self.choose_scan)
        cat_row = QHBoxLayout()
        cat_row.addWidget(QLabel(self.tr("Category:")))
        cat_row.addWidget(self.category, 1)
        cat_row.addWidget(self.category_button)
        cat_row.addWidget(self.correct_category_button)
        buttons = QGridLayout()  # two rows of three: six buttons do not fit a 1024 screen
        for i, b in enumerate(
            (
                self.obtained_button,
                self.verified_button,
                self.na_button,
                self.correct_button,
                self.scan_button,
                self.view_button,
            )
        ):
            buttons.addWidget(b, i // 3, i % 3)
        buttons.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(cat_row)
        layout.addWidget(self.waiting)
        layout.addWidget(QLabel(self.tr("Documents checklist (select a line, then a button)")))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_profile(self, p: Profile) -> None:
        """Fill the category line and the checklist."""
        r = p.record
        cat = r["category"]
        hindi = self.page.ctx.language == "hi"
        name = (cat["name_hi"] if hindi else cat["name"]) if cat else ""
        self.category.setText(f"{cat['code']} · {name}" if cat else self.tr("not decided"))
        policy = load_policy()
        actor = self.page.ctx.actor
        can_edit = has(actor, Permission.EDIT_CASE)
        self.category_button.setText(
            self.tr("Change category…")
            if has(actor, Permission.APPROVE)
            else self.tr("Ask for a category change…")
        )
        for b in (
            self.category_button,
            self.obtained_button,
            self.verified_button,
            self.na_button,
            self.correct_button,
            self.scan_button,
        ):
            b.setVisible(can_edit)
        self.history = list(r["category_history"])
        self.correct_category_button.setVisible(
            has(actor, Permission.APPROVE) and bool(self.history)
        )
        waiting = [q for q in p.requests if q.kind == "category_change" and q.status == "pending"]
        self.waiting.setText(
            "\n".join(
                f"{status_words(q)}: {details_words(q.kind, q.details, self.page.ctx.language)}"
                for q in waiting
            )
        )
        self.waiting.setVisible(bool(waiting))
        docs = r["documents"]
        self.doc_types = [d["type"] for d in docs]
        self.doc_refs = [d["uuid"] for d in docs]
        self.scans = [d["scan"] for d in docs]
        fill_table(
            self.table,
            [
                self.tr("Document"),
                self.tr("Status"),
                self.tr("Obtained"),
                self.tr("Verified"),
                self.tr("Scan"),
            ],
            [
                [
                    policy.document_label(d["type"], "hi" if hindi else "en"),
                    nice(d["status"]),
                    show_date(d["obtained_on"]),
                    show_date(d["verified_on"]),
                    self.tr("attached") if d["scan"] else "–",
                ]
                for d in docs
            ],
        )

    def selected_type(self) -> str | None:
        """The document type of the selected line (None, with a hint, if nothing selected)."""
        row = self.table.currentRow()
        if 0 <= row < len(self.doc_types):
            return self.doc_types[row]
        show_problem(self, ServiceError(self.tr("First click a document in the list.")))
        return None

    def mark(self, status: str) -> bool:
        """Mark the selected document obtained or verified on a day (today unless another
        day is typed: a document got last week is marked as got last week)."""
        doc = self.selected_type()
        if doc is None:
            return False
        today = self.page.ctx.today()
        label = self.tr("Obtained on *") if status == "obtained" else self.tr("Verified on *")
        name = self.table.item(self.table.currentRow(), 0)
        return run_form(
            self,
            title=self.tr("Mark obtained") if status == "obtained" else self.tr("Mark verified"),
            intro=(name.text() if name is not None else "")
            + "\n"
            + self.tr("Today is filled in; type the day it really happened if it was earlier."),
            fields=[FieldSpec("on", label, "date", default=show_date(today))],
            submit=lambda v: self.page.write(
                lambda s, c: set_document_status(
                    s, c, doc_type=doc, status=status, on=v["on"] or None, today=today
                )
            ),
        )

    def correct_dates(self) -> bool:
        """Correct the selected document's dates or note (Enter or double-click)."""
        doc = self.selected_type()
        if doc is None or not has(self.page.ctx.actor, Permission.EDIT_CASE):
            return False
        return correct_document(self.page, self, self.doc_refs[self.table.currentRow()])

    def set_status(self, status: str, note: str | None = None) -> bool:
        """Mark the selected document."""
        doc = self.selected_type()
        if doc is None:
            return False
        today = self.page.ctx.today()
        return self.page.try_write(
            lambda s, c: set_document_status(
                s, c, doc_type=doc, status=status, note=note, today=today
            )
        )

    def not_applicable(self) -> bool:
        """Mark the selected document as not applicable, with the reason."""
        doc = self.selected_type()
        if doc is None:
            return False
        today = self.page.ctx.today()
        return run_form(
            self,
            title=self.tr("Document not applicable"),
            fields=[FieldSpec("note", self.tr("Why it does not apply *"), "multiline")],
            submit=lambda v: self.page.write(
                lambda s, c: set_document_status(
                    s,
                    c,
                    doc_type=doc,
                    status=DocumentStatus.NOT_APPLICABLE.value,
                    note=v["note"],
                    today=today,
                )
            ),
        )

    def choose_scan(self) -> None:
        """Pick a scan (PDF or picture) for the selected document."""
        if self.table.currentRow() < 0:
            self.selected_type()
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the scanned document"),
            "",
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
        )
        if path:
            self.attach_file(path)

    def attach_file(self, path: str) -> bool:
        """Keep the file at `path` as the selected document's scan."""
        doc = self.selected_type()
        if doc is None:
            return False
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            show_problem(self, ServiceError(f"The file could not be read: {exc.strerror}"))
            return False
        store = attachment_store(self.page.ctx.data_dir)
        today = self.page.ctx.today()
        name = Path(path).name
        return self.page.try_write(
            lambda s, c: attach_scan(
                s, c, doc_type=doc, data=data, store=store, original_name=name, today=today
            )
        )

    def view_scan(self) -> Path | None:
        """Open the selected document's scan in the computer's own viewer: a copy under a
        random name in the data folder's private `opened/` folder, emptied when the window
        closes and when it starts."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from desktop.services.core.attachments import sniff_mime
        from desktop.vault.viewing import open_copy

        if self.selected_type() is None:
            return None
        digest = self.scans[self.table.currentRow()]
        if not digest:
            show_problem(self, ServiceError(self.tr("No scan is attached to this document.")))
            return None
        try:
            data = attachment_store(self.page.ctx.data_dir).get(digest)
        except (OSError, ValueError) as exc:
            show_problem(self, ServiceError(f"The scan cannot be read: {exc}"))
            return None
        suffix = {
            "application/pdf": ".pdf",
            "image/png": ".png",
            "image/jpeg": ".jpg",
            "image/tiff": ".tif",
        }.get(sniff_mime(data) or "", "")
        copy = open_copy(self.page.ctx.data_dir, data, suffix=suffix)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
        return copy

    def change_category(self) -> bool:
        """Change the category with the reason and the CWC order; a caseworker's change
        goes to the superintendent as a request (the category stays until approved)."""
        policy = load_policy()
        today = self.page.ctx.today()
        ask = not has(self.page.ctx.actor, Permission.APPROVE)

        def submit(v: dict[str, str]) -> object:
            if not v["to_code"]:
                raise ValidationError({"to_code": "choose the new category"})
            if v["effective_on"]:
                try:
                    parse_date(v["effective_on"])
                except ValueError as exc:
                    raise ValidationError({"effective_on": str(exc)}) from None
            args = {
                "to_code": int(v["to_code"]),
                "reason": v["reason"],
                "order_ref": v["order_ref"] or None,
                "effective_on": v["effective_on"] or None,
                "today": today,
            }
            if ask:
                return self.page.write(lambda s, c: request_category_change(s, c, **args))
            return self.page.write(lambda s, c: change_category(s, c, **args))

        return run_form(
            self,
            title=self.tr("Ask for a category change") if ask else self.tr("Change the category"),
            intro=self.tr("The superintendent decides: the category changes once it is approved.")
            if ask
            else "",
            ok_text=self.tr("Send for approval") if ask else self.tr("Save"),
            fields=[
                FieldSpec(
                    "to_code",
                    self.tr("New category *"),
                    "choice",
                    [(self.tr("– choose –"), "")]
                    + [
                        (f"{c.code} · {c.label(self.page.ctx.language)}", str(c.code))
                        for c in policy.categories.values()
                    ],
                ),
                FieldSpec("reason", self.tr("Reason *"), "multiline"),
                FieldSpec("order_ref", self.tr("CWC order number")),
                FieldSpec("effective_on", self.tr("From"), "date", default=show_date(today)),
            ],
            submit=submit,
        )
