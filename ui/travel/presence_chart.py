"""A bar chart of days present per calendar year, both counts, with the 183-day tax-residence line."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from core.i18n import _
from core.presence.tax_residence import TaxYear

CALENDAR_COLOUR = QColor("#7aa6d6")
FULL_COLOUR = QColor("#2f5d8a")
LINE_COLOUR = QColor("#c0392b")


class PresenceChartWidget(QChartView):
    """Redrawn whole on every `set_years`: a few dozen bars at most."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setObjectName("presence_chart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(140)  # leaves the per-year table four rows on a 768 px laptop screen
        self.threshold = 183
        self.threshold_label = ""
        self.set_years([])

    def set_threshold(self, days: int, label: str) -> None:
        self.threshold, self.threshold_label = days, label

    def set_years(self, years: Sequence[TaxYear]) -> None:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend_font = chart.legend().font()
        legend_font.setPointSizeF(legend_font.pointSizeF() * 0.85)
        chart.legend().setFont(legend_font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        calendar = QBarSet(_("Calendar days 在境天数"))
        calendar.setColor(CALENDAR_COLOUR)
        full = QBarSet(_("Full days 完整天数"))
        full.setColor(FULL_COLOUR)
        for y in years:
            calendar.append(y.calendar_days)
            full.append(y.full_days)
        bars = QBarSeries()
        bars.append(calendar)
        bars.append(full)
        chart.addSeries(bars)
        line = QLineSeries()
        line.setName(self.threshold_label or _("{days} days").format(days=self.threshold))
        line.setPen(QPen(LINE_COLOUR, 2, Qt.PenStyle.DashLine))
        n = max(len(years), 1)
        line.append(QPointF(-0.5, self.threshold))
        line.append(QPointF(n - 0.5, self.threshold))
        chart.addSeries(line)
        axis_x = QBarCategoryAxis()
        axis_x.append([str(y.year) for y in years] or [""])
        axis_y = QValueAxis()
        axis_y.setRange(0, 366)
        axis_y.setTickCount(7)  # 0, 61, 122, 183, 244, 305, 366: a grid line on the 183-day threshold
        axis_y.setLabelFormat("%d")
        for axis in (axis_x, axis_y):  # narrow panes elide labels to "…" otherwise
            axis.setTruncateLabels(False)
            axis.setLabelsFont(legend_font)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, line):
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        self.bar_sets = (calendar, full)
        self.line = line
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
