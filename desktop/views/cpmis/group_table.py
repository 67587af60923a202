"""The tables of a CPMIS return form: one a group of indicators counted by the same
subgroups (rows: indicators; columns: their subgroups, as on the CPMIS form)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget

from reporting.cpmis.catalogue import Catalogue, Indicator, Subgroup


def short_label(sg: Subgroup, lang: str) -> str:
    """A column heading that fits: "Boys\n7-11", "Girls", "Total"; long names wrapped."""
    name = sg.name(lang)
    if "sex" in sg.dims and "age" in sg.dims:
        sex, _, rest = name.partition(" ")
        rest = rest.replace(" years", "").replace(" वर्ष", "").replace("Above ", ">")
        rest = rest.replace(" से अधिक", "+")
        return f"{sex}\n{rest}"
    if sg.dims == {"sex": "transgender"}:
        return "ट्रांस-\nजेंडर" if lang == "hi" else "Trans-\ngender"
    if ":" in name:  # "Legal class: Orphan" -> "Orphan"
        name = name.split(":", 1)[1].strip()
    words, lines = name.split(), [""]
    for w in words:
        if lines[-1] and len(lines[-1]) + len(w) > 12:
            lines.append(w)
        else:
            lines[-1] = f"{lines[-1]} {w}".strip()
    return "\n".join(lines[:3])


def number_text(v: float | None) -> str:
    """A figure as typed: "12", "2.5", "" for none."""
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


class GroupTable(QTableWidget):
    """Indicators counted by the same subgroups: for each, its name across the table and
    under it its figures, a column a subgroup (as on the CPMIS form)."""

    def __init__(
        self, inds: list[Indicator], members: tuple[str, ...], cat: Catalogue, lang: str
    ) -> None:
        super().__init__(2 * len(inds), len(members))
        self.inds, self.members = inds, members
        self.setHorizontalHeaderLabels([short_label(cat.subgroups[m], lang) for m in members])
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r in range(len(inds) if len(members) > 1 else 0):
            self.setSpan(2 * r, 0, 1, len(members))
        self.setWordWrap(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        """Names wrap to the width the table got: rows grow to fit them (only a change of
        width matters; the height is the table's own doing)."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()

    def fit_height(self) -> None:
        """As tall as its rows: the page scrolls, not each table."""
        self.resizeRowsToContents()
        h = self.horizontalHeader().height() + 4
        h += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(h)
