"""The dashboard: the institution in numbers and charts (QtCharts), loaded off the GUI thread.

A click on a bar (or a slice) opens the children it counts in the children list, or the
flags of a rule in the review queue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.cases.dashboard import Dashboard, dashboard
from desktop.views import vocab
from desktop.views.app_context import AppContext
from desktop.views.ops import BackgroundOp
from desktop.views.refresh import RefreshOnChange

BLUE, RED, GREEN, GREY = "#2f6db5", "#c0392b", "#2e8b57", "#7f8c8d"
PIE_COLOURS = ("#c2185b", "#1565c0", "#6a1b9a", GREY)
TILES = ("in_care", "total", "open_flags", "overdue", "escalated")
CHARTS = ("status", "gender", "age", "stay", "category", "flags")
# The children list's filters behind each band of the dashboard service (completed years;
# days in care, the 2- and 5-year edges as the service counts them, within a day).
AGE_RANGES = {
    "0-1": (0, 1),
    "2-5": (2, 5),
    "6-11": (6, 11),
    "12-14": (12, 14),
    "15-17": (15, 17),
    "18+": (18, None),
}
STAY_RANGES = {
    "<1m": (None, 29),
    "1-6m": (30, 181),
    "6-12m": (182, 364),
    "1-2y": (365, 729),
    "2-5y": (730, 1825),
    "5y+": (1826, None),
}


class Tile(QFrame):
    """A big number with what it counts underneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–")
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 2.2)
        f.setBold(True)
        self.value.setFont(f)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: int, caption: str, colour: str | None = None) -> None:
        """Show this number and caption."""
        self.value.setText(f"{value:,}")
        self.value.setStyleSheet(f"color: {colour};" if colour else "")
        self.caption.setText(caption)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    f = chart.titleFont()
    f.setBold(True)
    f.setPointSizeF(f.pointSizeF() * 1.15)
    chart.setTitleFont(f)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(14, 4, 8, 4))  # room for the first letters of long names
    chart.setBackgroundRoundness(0)
    return chart


def whole_ticks(top: float) -> tuple[int, int]:
    """A whole-number tick step (1, 2, 5, 10, 20, 50...) and how many ticks reach `top`."""
    step = 1
    while top / step > 5:
        for factor in (2, 2.5, 2):  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 ...
            step = int(step * factor)
            if top / step <= 5:
                break
    return step, int(-(-top // step)) + 1


def bar_chart(
    title: str,
    labels: list[str],
    sets: list[tuple[str, list[int], str]],
    *,
    horizontal: bool = False,
    keys: list[Any] | None = None,
) -> QChart:
    """Bars with their numbers on them; `sets` are (name, values, colour). `keys` (what
    each category stands for) are kept on the chart as `chart.keys`, in the order of the
    bars, for a click to know what it is on."""
    chart = _chart(title)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    keys = list(keys if keys is not None else labels)
    if horizontal:  # a horizontal chart draws its first category at the bottom
        labels = list(reversed(labels))
        keys = list(reversed(keys))
        sets = [(name, list(reversed(values)), colour) for name, values, colour in sets]
    chart.keys = keys  # type: ignore[attr-defined]
    if len(sets) > 1:
        series.setBarWidth(0.9)  # two bars a category: each thick enough for its number
    top = 0
    for name, values, colour in sets:
        bar = QBarSet(name)
        bar.append([float(v) for v in values])
        bar.setColor(QColor(colour))
        bar.setLabelColor(QColor("#000") if horizontal else QColor("#fff"))
        series.append(bar)
        top = max([top, *values])
    series.setLabelsVisible(True)
    series.setLabelsPosition(
        QBarSeries.LabelsPosition.LabelsOutsideEnd
        if horizontal
        else QBarSeries.LabelsPosition.LabelsInsideEnd
    )
    series.setLabelsFormat("@value")
    series.setLabelsPrecision(12)  # whole numbers, never 1.2e+04
    chart.addSeries(series)
    cats = QBarCategoryAxis()
    cats.append(labels)
    cats.setTruncateLabels(False)  # category names are the point: never "Orphan, n..."
    axis = QValueAxis()
    step, ticks = whole_ticks(max(1, top) * (1.15 if horizontal else 1.05))
    axis.setRange(0, step * (ticks - 1))
    axis.setTickCount(ticks)
    axis.setLabelFormat("%d")  # children are counted in whole numbers: 0, 5, 10, never 2.5
    if horizontal:
        chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(cats, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(cats)
    series.attachAxis(axis)
    chart.legend().setVisible(len(sets) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def pie_chart(title: str, slices: list[tuple[str, int]]) -> QChart:
    """A pie with each slice labelled with its name and number."""
    chart = _chart(title)
    series = QPieSeries()
    for i, (name, value) in enumerate(slices):
        piece = series.append(f"{name}: {value:,}", float(value))
        piece.setColor(QColor(PIE_COLOURS[i % len(PIE_COLOURS)]))
        piece.setLabelVisible(False)  # outside labels get cut short; the legend has both
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


class DashboardPage(QWidget):
    """Children by status, category, gender, age and length of stay; flags; overdue work."""

    loaded = Signal()
    show_children = Signal(object)  # the children list's filters for a clicked bar (a dict)
    show_flags = Signal(object)  # a rule id: its flags in the review queue

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        count: Callable[[], Dashboard] | None = None,
    ) -> None:
        """`count`: where the figures come from (run off the GUI thread) instead of this
        institution's own children (a district office's dashboard); its bars open nothing."""
        super().__init__(parent)
        self.ctx = ctx
        self.count = count
        self.data: Dashboard | None = None
        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        self.as_of = QLabel()
        self.reload_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.as_of, 1)
        top.addWidget(self.reload_button)
        self.tiles = {key: Tile() for key in TILES}
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.views: dict[str, QChartView] = {}
        grid = QGridLayout()
        for i, key in enumerate(CHARTS):
            view = QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(300)
            if count is None:  # a click opens what a bar counts
                view.setCursor(Qt.CursorShape.PointingHandCursor)
            self.views[key] = view
            if key in ("category", "flags"):  # long lists of names: the full width
                view.setMinimumHeight(520)
                grid.addWidget(view, 2 + (key == "flags"), 0, 1, 2)
            else:
                grid.addWidget(view, i // 2, i % 2)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(tiles)
        body_layout.addLayout(grid)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.reload_button.clicked.connect(self.reload)
        self.refresh = RefreshOnChange(
            self,
            self.reload,
            (ctx.events.data_changed, ctx.events.child_changed, ctx.events.flags_changed),
            delay_ms=200,
        )
        self.retranslate()

    # -- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text (and redraw the charts) in the current language."""
        self.title.setText(self.tr("Dashboard"))
        self.reload_button.setText(self.tr("Reload"))
        d = self.data
        if d is None:
            self.as_of.setText(self.tr("Counting…"))
            return
        self.as_of.setText("   " + self.tr("As of {0}").format(d.as_of.strftime("%d-%m-%Y")))
        t = self.tiles
        t["in_care"].set(d.in_care, self.tr("Children in care"))
        t["total"].set(d.total, self.tr("Children on record (all, including those who left)"))
        t["open_flags"].set(d.open_flags, self.tr("Open flags"), RED if d.open_flags else GREEN)
        t["overdue"].set(
            d.overdue, self.tr("Flags past their due date"), RED if d.overdue else None
        )
        t["escalated"].set(
            d.escalated,
            self.tr("Flags sent up to the district or state"),
            RED if d.escalated else None,
        )
        self._draw_charts(d)

    def _draw_charts(self, d: Dashboard) -> None:
        lang = self.ctx.language
        statuses, genders = vocab.child_statuses(), vocab.genders()
        status_keys = [k for k in statuses if d.by_status.get(k)] + [
            k for k in d.by_status if k not in statuses
        ]
        cats = sorted(d.by_category.items(), key=lambda kv: (-kv[1], kv[0] or 0))
        rules = list(d.flags_by_rule)
        charts = {
            "status": bar_chart(
                self.tr("All children by status"),
                [statuses.get(k, k) for k in status_keys],
                [(self.tr("Children"), [d.by_status[k] for k in status_keys], BLUE)],
                horizontal=True,
                keys=status_keys,
            ),
            "gender": pie_chart(
                self.tr("Children in care by gender"),
                [(genders.get(k, k), d.by_gender.get(k, 0)) for k in genders if d.by_gender.get(k)]
                + [(k, v) for k, v in d.by_gender.items() if k not in genders],
            ),
            "age": bar_chart(
                self.tr("Children in care by age (years)"),
                [vocab.age_bands().get(k, k) for k in d.by_age_band],
                [(self.tr("Children"), list(d.by_age_band.values()), BLUE)],
                keys=list(d.by_age_band),
            ),
            "stay": bar_chart(
                self.tr("Children in care by length of stay"),
                [vocab.stay_bands().get(k, k) for k in d.by_stay_band],
                [(self.tr("Children"), list(d.by_stay_band.values()), GREEN)],
                horizontal=True,
                keys=list(d.by_stay_band),
            ),
            "category": bar_chart(
                self.tr("Children in care by category"),
                [
                    (f"{code}. " if code is not None else "") + vocab.category_label(code, lang)
                    for code, _ in cats
                ],
                [(self.tr("Children"), [n for _, n in cats], BLUE)],
                horizontal=True,
                keys=[code for code, _ in cats],
            ),
            "flags": bar_chart(
                self.tr("Open flags by rule, and how many are past their due date"),
                [vocab.rule_title(r, lang) for r in rules],
                [
                    (self.tr("Open"), [d.flags_by_rule[r] for r in rules], BLUE),
                    (self.tr("Past due"), [d.overdue_by_rule.get(r, 0) for r in rules], RED),
                ],
                horizontal=True,
                keys=rules,
            ),
        }
        # Long lists get room for every name, and a rule's two bars room for their numbers.
        self.views["category"].setMinimumHeight(140 + 26 * max(len(cats), 1))
        self.views["flags"].setMinimumHeight(140 + 62 * max(len(rules), 1))
        tip = self.tr("Click a bar to see them") if self.count is None else ""
        for key, chart in charts.items():
            old = self.views[key].chart()
            self.views[key].setChart(chart)
            self.views[key].setToolTip(tip)
            if self.count is None:
                self._clickable(key, chart)
            if old is not None:
                old.deleteLater()  # the view gives the old chart back to us

    def _clickable(self, key: str, chart: QChart) -> None:
        """A click on a bar or slice of this chart opens what it counts."""
        for series in chart.series():
            if isinstance(series, QPieSeries):
                genders = [k for k in vocab.genders() if self.data and self.data.by_gender.get(k)]
                for piece, gender in zip(series.slices(), genders, strict=False):
                    piece.clicked.connect(lambda g=gender: self.drill("gender", g))
                continue
            for bars in series.barSets():
                keys = getattr(chart, "keys", [])
                bars.clicked.connect(
                    lambda i, k=key, keys=keys: (
                        self.drill(k, keys[i]) if 0 <= i < len(keys) else None
                    )
                )

    def drill(self, chart: str, key: Any) -> None:
        """Show what one bar counts: its children in the list, or a rule's flags."""
        if chart == "flags":
            self.show_flags.emit(key)
            return
        filters: dict[str, Any] = {"status": "in_care"}  # every chart but one: in care
        if chart == "status":
            filters["status"] = key
        elif chart == "gender":
            filters["gender"] = key
        elif chart == "age":
            filters["age"] = AGE_RANGES.get(key, (None, None))
            filters["age_words"] = vocab.age_bands().get(key, str(key))
        elif chart == "stay":
            filters["stay"] = STAY_RANGES.get(key, (None, None))
            filters["stay_words"] = vocab.stay_bands().get(key, str(key))
        elif chart == "category":
            if key is None:
                return  # "no category yet" is not a filter of the list
            filters["category_code"] = key
        self.show_children.emit(filters)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading --------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh.shown()

    def reload(self) -> None:
        """Count everything again, off the GUI thread."""
        self.refresh.stale = False
        session, today, count = self.ctx.reader(), self.ctx.today(), self.count

        def work(_progress: Any) -> Dashboard:
            if count is not None:
                return count()
            with session() as s:
                return dashboard(s, as_of=today)

        BackgroundOp(self, work).success(self._loaded).run_in_background()

    def _loaded(self, data: Dashboard) -> None:
        self.data = data
        self.retranslate()
        self.loaded.emit()
