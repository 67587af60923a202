"""The Print screen: choose a document, a language and children; preview, print, save as PDF.

Documents are made by `desktop.documents` (no Qt) in a background thread with a
progress bar. The preview shows the PDF itself (QtPdf); printing paints the same pages
at their real size on the printer chosen in the Qt print dialog. Every print or save
is recorded in the audit trail, one event per child.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.documents.printing import attachment_store, record_prints, render
from desktop.services.core.context import unit_of_work
from desktop.services.find.search import search_children
from desktop.views import prefs
from desktop.views.app_context import AppContext
from desktop.views.clts.signing import card_signer_or_none
from desktop.views.geometry import place_window
from desktop.views.ops import BackgroundOp, Progress

log = logging.getLogger(__name__)

PRINT_DPI = 300  # pages are painted on the printer at this resolution


def kind_names(widget: QWidget | None = None) -> list[tuple[str, str]]:
    """The documents the screen offers, as (kind, translated name)."""
    translate = QCoreApplication.translate
    return [
        ("summary", translate("PrintPage", "Case summary")),
        ("card", translate("PrintPage", "Entitlement card")),
        ("sheet", translate("PrintPage", "Entitlement sheet")),
        ("cwc-file", translate("PrintPage", "CWC submission file (adoption evaluation)")),
    ]


def render_job(
    ctx: AppContext, *, kind: str, child_ids: list[int], lang: str, sheet: bool | None
) -> Callable[[Progress], bytes]:
    """The work of making a PDF, for BackgroundOp: its own Session, no widgets."""

    def work(progress: Progress) -> bytes:
        with unit_of_work(ctx.engine, ctx.actor, rules=False) as s:
            return render(
                s,
                kind=kind,
                child_ids=child_ids,
                lang=lang,
                actor=ctx.actor,
                as_of=ctx.today(),
                photos=attachment_store(ctx.data_dir),
                sheet=sheet,
                progress=lambda done, total: progress(done, total, ""),
                signer=card_signer_or_none(s, ctx.data_dir) if kind == "card" else None,
            )

    return work


def load_pdf(pdf: bytes, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
    """A QPdfDocument of the bytes (the buffer is kept alive with the document)."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument(parent)
    buf = QBuffer(doc)
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    doc._buffer = buf  # type: ignore[attr-defined]
    return doc


def paint_pdf(printer, pdf: bytes) -> int:  # type: ignore[no-untyped-def]
    """Paint every page of the PDF on the printer at its real size; returns pages printed.

    Each page is rendered at PRINT_DPI and drawn at its physical size (a card stays
    85.6 x 54 mm), centred on the printer's page and never enlarged.
    """
    doc = load_pdf(pdf)
    n = doc.pageCount()
    if n == 0:
        return 0
    first = doc.pagePointSize(0)
    printer.setPageSize(QPageSize(QSizeF(first.width(), first.height()), QPageSize.Unit.Point))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer could not be started")
    try:
        for page in range(n):
            if page:
                size = doc.pagePointSize(page)
                printer.setPageSize(
                    QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point)
                )
                printer.newPage()
            pts = doc.pagePointSize(page)
            img = doc.render(
                page, QSize(int(pts.width() * PRINT_DPI / 72), int(pts.height() * PRINT_DPI / 72))
            )
            res = printer.resolution()
            w, h = pts.width() * res / 72, pts.height() * res / 72
            area = printer.pageLayout().paintRectPixels(res)
            scale = min(1.0, area.width() / w, area.height() / h)
            w, h = w * scale, h * scale
            x = (area.width() - w) / 2
            y = (area.height() - h) / 2
            painter.drawImage(QRectF(QPointF(x, y), QSizeF(w, h)), img)
    finally:
        painter.end()
    return n


def open_in_viewer(pdf: bytes, data_dir: Path) -> Path:
    """Open the PDF in the system's PDF viewer, from the data folder's private `opened/`
    folder (a random name; emptied when the window closes and when it starts)."""
    from desktop.vault.viewing import open_copy

    path = open_copy(data_dir, pdf, suffix=".pdf")
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


class PreviewDialog(QDialog):
    """The PDF as it will print, with Print, Save as PDF and Open in PDF viewer."""

    def __init__(
        self,
        ctx: AppContext,
        pdf: bytes,
        *,
        kind: str,
        child_ids: list[int],
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.pdf, self.kind, self.child_ids, self.lang = ctx, pdf, kind, child_ids, lang
        self.setWindowTitle(self.tr("Print preview"))
        place_window(self, QSize(900, 1000), "print_preview")
        lay = QVBoxLayout(self)
        self.doc = load_pdf(pdf, self)
        pages = self.doc.pageCount()
        self.info = QLabel(
            self.tr("Pages:") + f" {pages}. " + self.tr("Check them, then print or save."), self
        )
        lay.addWidget(self.info)
        try:
            from PySide6.QtPdfWidgets import QPdfView

            view = QPdfView(self)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setDocument(self.doc)
            self.view: QWidget = view
        except ImportError:  # Qt without its PDF widgets: the system viewer shows it
            self.view = QLabel(self.tr("Preview is not available here; use Open in PDF viewer."))
        lay.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.viewer_button = QPushButton(self.tr("Open in PDF viewer"), self)
        close = QPushButton(self.tr("Close"), self)
        for b in (self.print_button, self.save_button, self.viewer_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)
        self.print_button.clicked.connect(self.print_it)
        self.save_button.clicked.connect(self.save_it)
        self.viewer_button.clicked.connect(self.open_viewer)
        close.clicked.connect(self.reject)
        self.print_button.setDefault(True)

    def _record(self, target: str) -> None:
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            record_prints(
                s,
                kind=self.kind,
                child_ids=self.child_ids,
                lang=self.lang,
                target=target,
                today=self.ctx.today(),
            )

    def print_it(self) -> bool:
        """Choose a printer in the Qt print dialog and print the pages at their real size."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dlg = QPrintDialog(printer, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            paint_pdf(printer, self.pdf)
        except RuntimeError as exc:
            QMessageBox.warning(
                self,
                self.tr("Print"),
                self.tr("The printer did not start:")
                + f" {exc}\n\n"
                + self.tr("Try Open in PDF viewer and print from there."),
            )
            return False
        self._record("printed")
        return True

    def save_it(self) -> Path | None:
        """Save the PDF where the user chooses."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / "clms-print.pdf"), "PDF (*.pdf)"
        )
        if not path:
            return None
        out = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        try:
            out.write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.warning(
                self, self.tr("Save as PDF"), self.tr("The file could not be saved:") + f" {exc}"
            )
            return None
        self._record("saved as PDF")
        return out

    def open_viewer(self) -> Path:
        """Hand the PDF to the system viewer (its own print button works too)."""
        self._record("opened in PDF viewer")
        return open_in_viewer(self.pdf, self.ctx.data_dir)


def show_preview(
    parent: QWidget | None,
    ctx: AppContext,
    *,
    kind: str,
    child_ids: list[int],
    lang: str,
    sheet: bool | None = None,
    done: Callable[[PreviewDialog], None] | None = None,
) -> BackgroundOp:
    """Make the document in the background (progress bar), then open the preview."""

    def ready(pdf: bytes) -> None:
        dlg = PreviewDialog(ctx, pdf, kind=kind, child_ids=child_ids, lang=lang, parent=parent)
        if done is not None:
            done(dlg)
        dlg.open()

    label = parent.tr("Preparing the document") if parent else "Preparing the document"
    op = BackgroundOp(
        parent, render_job(ctx, kind=kind, child_ids=child_ids, lang=lang, sheet=sheet)
    )
    return op.success(ready).with_progress(label).run_in_background()


def print_children(
    parent: QWidget | None, ctx: AppContext, child_ids: list[int], kind: str = "summary"
) -> BackgroundOp:
    """Batch printing for a selection (the children list calls this): preview, then print.

    `kind` is summary (or "record"), card, sheet or cwc-file; a CWC file is made for
    the first child only. The language is the one last chosen on the Print screen (the
    window's own until then).
    """
    kind = "summary" if kind == "record" else kind
    ids = child_ids[:1] if kind == "cwc-file" else list(child_ids)
    lang = prefs.saved_print_language(ctx.language)  # as chosen on the Print screen
    return show_preview(parent, ctx, kind=kind, child_ids=ids, lang=lang)


class PrintPage(QWidget):
    """Choose a document, language and children; preview, then print or save as PDF."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: dict[int, str] = {}
        self.last_op: BackgroundOp | None = None
        self.last_preview: PreviewDialog | None = None
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Print documents"), self)
        font = title.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        title.setFont(font)
        lay.addWidget(title)

        form = QFormLayout()
        self.kind = QComboBox(self)
        for key, name in kind_names(self):
            self.kind.addItem(name, key)
        self.lang = QComboBox(self)
        self.lang.addItem("English", "en")
        self.lang.addItem("हिंदी (Hindi)", "hi")
        self.lang.setCurrentIndex(self.lang.findData(prefs.saved_print_language(ctx.language)))
        self.lang.currentIndexChanged.connect(
            lambda _i: prefs.save_print_language(str(self.lang.currentData()))
        )
        self.sheet = QCheckBox(self.tr("Cards on A4 sheets with crop marks (8 a sheet)"), self)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        form.addRow(self.tr("Document:"), self.kind)
        form.addRow(self.tr("Language:"), self.lang)
        form.addRow("", self.sheet)
        lay.addLayout(form)
        self.about.setStyleSheet("color: #444;")
        lay.addWidget(self.about)

        lay.addWidget(QLabel(self.tr("Find a child by name or code, then Add:"), self))
        find = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Name or child code"))
        self.search_button = QPushButton(self.tr("Search"), self)
        find.addWidget(self.search, 1)
        find.addWidget(self.search_button)
        lay.addLayout(find)
        lists = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        self.results = QListWidget(self)
        self.add_button = QPushButton(self.tr("Add →"), self)
        left.addWidget(self.results, 1)
        left.addWidget(self.add_button)
        self.picked = QListWidget(self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.count = QLabel(self)
        right.addWidget(self.count)
        right.addWidget(self.picked, 1)
        right.addWidget(self.remove_button)
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)
        lay.addLayout(lists, 1)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview and print…"), self)
        self.preview_button.setDefault(True)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        lay.addLayout(buttons)

        self.search.returnPressed.connect(self.run_search)
        self.search_button.clicked.connect(self.run_search)
        self.add_button.clicked.connect(self.add_selected)
        self.results.itemDoubleClicked.connect(lambda _i: self.add_selected())
        self.remove_button.clicked.connect(self.remove_selected)
        self.preview_button.clicked.connect(self.preview)
        self.kind.currentIndexChanged.connect(self._update)
        ctx.events.language_changed.connect(
            lambda lang: self.lang.setCurrentIndex(1 if lang == "hi" else 0)
        )
        self._update()

    def _describe(self, kind: str) -> str:
        return {
            "summary": self.tr(
                "A4, several pages: the whole case of each child (identity, category, "
                "guardians and visits, documents, CWC orders, open flags, notes)."
            ),
            "card": self.tr(
                "Identity-card size, front and back, with photo and a QR code of the child "
                "code. Several children print on A4 sheets of 8 with crop marks."
            ),
            "sheet": self.tr(
                "A4: each entitlement (school, health, Aadhaar, bank, sponsorship) with "
                "department, scheme, status, date and reference number."
            ),
            "cwc-file": self.tr(
                "For one child: a cover letter to the Child Welfare Committee, the facts "
                "behind the adoption-evaluation recommendation, and the documents checklist."
            ),
        }.get(kind, "")

    def _update(self) -> None:
        self.about.setText(self._describe(str(self.kind.currentData())))
        is_card = self.kind.currentData() == "card"
        self.sheet.setVisible(is_card)
        n = len(self.chosen)
        self.count.setText(self.tr("Children chosen:") + f" {n}")
        self.preview_button.setEnabled(n > 0)

    def run_search(self) -> None:
        """List children matching the search text."""
        text = self.search.text().strip()
        self.results.clear()
        if not text:
            return
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            hits = search_children(s, text, limit=30)
        for h in hits:
            local = f"  {h.name_local}" if h.name_local else ""
            item = QListWidgetItem(f"{h.code}  {h.name}{local}")
            item.setData(Qt.ItemDataRole.UserRole, h.child_id)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        else:
            self.results.addItem(self.tr("No child matches."))

    def add_selected(self) -> None:
        """Add the highlighted search results to the children to print."""
        for item in self.results.selectedItems() or [self.results.currentItem()]:
            if item is None:
                continue
            cid = item.data(Qt.ItemDataRole.UserRole)
            if cid is not None and cid not in self.chosen:
                self.chosen[int(cid)] = item.text()
                new = QListWidgetItem(item.text())
                new.setData(Qt.ItemDataRole.UserRole, int(cid))
                self.picked.addItem(new)
        self._update()

    def remove_selected(self) -> None:
        """Take the highlighted children off the list."""
        for item in self.picked.selectedItems() or [self.picked.currentItem()]:
            if item is None:
                continue
            self.chosen.pop(int(item.data(Qt.ItemDataRole.UserRole)), None)
            self.picked.takeItem(self.picked.row(item))
        self._update()

    def set_children(self, child_ids: list[int], kind: str | None = None) -> None:
        """Start from a given selection (e.g. from the children list)."""
        from desktop.models import Child

        self.chosen.clear()
        self.picked.clear()
        with unit_of_work(self.ctx.engine, self.ctx.actor, rules=False) as s:
            for cid in child_ids:
                c = s.get(Child, cid)
                if c is None:
                    continue
                name = " ".join(p for p in (c.first_name, c.last_name) if p)
                self.chosen[cid] = f"{c.code}  {name}"
                item = QListWidgetItem(self.chosen[cid])
                item.setData(Qt.ItemDataRole.UserRole, cid)
                self.picked.addItem(item)
        if kind is not None:
            idx = self.kind.findData("summary" if kind == "record" else kind)
            if idx >= 0:
                self.kind.setCurrentIndex(idx)
        self._update()

    def preview(self) -> BackgroundOp | None:
        """Make the document (progress bar for many children) and show the preview."""
        ids = list(self.chosen)
        kind = str(self.kind.currentData())
        if kind == "cwc-file" and len(ids) > 1:
            QMessageBox.information(
                self,
                self.tr("Print"),
                self.tr(
                    "A CWC submission file is made for one child at a time. "
                    "Keep one child in the list."
                ),
            )
            return None
        sheet = True if kind == "card" and self.sheet.isChecked() else None

        def keep(dlg: PreviewDialog) -> None:
            self.last_preview = dlg

        self.last_op = show_preview(
            self,
            self.ctx,
            kind=kind,
            child_ids=ids,
            lang=str(self.lang.currentData()),
            sheet=sheet,
            done=keep,
        )
        return self.last_op
