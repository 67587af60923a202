"""District office: a child's read-only record, as the CCI last sent it (Aadhaar never).

Read by central's own query (`central.reports.profile.child_record`) over the district
view, limited to the office's district; each opening is in the office's audit trail.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from central.reports.catalogue import catalogue
from central.reports.profile import ChildRecord
from desktop.views.app_context import AppContext


def _day(value: Any) -> str:
    return (
        value.strftime("%d-%m-%Y")
        if hasattr(value, "strftime")
        else ("" if value is None else str(value))
    )


class ChildRecordDialog(QDialog):
    """The record as plain text in a scrolling box; Close."""

    def __init__(self, ctx: AppContext, record: ChildRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(self.tr("Child record (read only)"))
        self.resize(760, 600)
        self.text = QTextBrowser()
        self.text.setHtml(self.as_html(record, ctx.language))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def as_html(self, r: ChildRecord, lang: str) -> str:
        """The record's facts, flags, guardians and adoption stages."""
        cat = catalogue()
        e = html.escape
        facts = [
            (self.tr("Child code"), r.code or "?"),
            (self.tr("CCI"), r.institution),
            (self.tr("Gender"), cat.word("genders", r.gender, lang)),
            (self.tr("Date of birth"), _day(r.dob) + (" ~" if r.dob_estimated else "")),
            (self.tr("Status"), cat.word("statuses", r.status, lang)),
            (self.tr("Admitted"), _day(r.admission_date)),
            (self.tr("Category"), cat.word("categories", r.category_code, lang)),
        ]
        name = r.name + (f" ({r.name_local})" if r.name_local else "")
        out = [
            f"<h2>{e(name)}</h2>",
            "<p><i>",
            e(self.tr("Read only, as the CCI last sent it.")),
            "</i></p>",
        ]
        out.append("<table>")
        out += [f"<tr><td><b>{e(k)}</b></td><td>{e(str(v))}</td></tr>" for k, v in facts]
        out.append("</table>")
        out.append(f"<h3>{e(self.tr('Review flags'))}</h3><ul>")
        for f in r.flags:
            out.append(
                "<li>"
                + e(
                    f"{_day(f.get('due_on'))}: {cat.word('rules', f.get('rule_id'), lang)} — "
                    f"{cat.word('severities', f.get('severity'), lang)}, {f.get('status')}"
                )
                + "</li>"
            )
        out.append("</ul>")
        out.append(f"<h3>{e(self.tr('Guardians'))}</h3><ul>")
        for g in r.guardians:
            out.append(
                "<li>" + e(" ".join(str(g.get(k) or "") for k in ("name", "relation"))) + "</li>"
            )
        out.append("</ul>")
        out.append(f"<h3>{e(self.tr('Adoption stages'))}</h3><ul>")
        for a in r.adoption:
            out.append(
                "<li>"
                + e(f"{_day(a.get('entered_on'))}: {cat.word('stages', a.get('stage'), lang)}")
                + "</li>"
            )
        out.append("</ul>")
        return "".join(out)
