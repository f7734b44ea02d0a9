"""Qt tree model over an eligibility report: routes at the top level, their criteria beneath."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.eligibility.labels import value_text
from core.eligibility.results import CriterionResult, EligibilityReport, RouteResult, Verdict
from core.i18n import _, current_locale

Index = QModelIndex | QPersistentModelIndex
TOP = 0  # internal id of route rows; criteria rows carry their route's row + 1

VERDICT_COLOURS = {Verdict.MET: "#c8e6c9", Verdict.NOT_MET: "#ffcdd2", Verdict.BORDERLINE: "#ffe0b2",
                   Verdict.UNKNOWN: "#e0e0e0"}

MONEY = re.compile(r"-?\d+\.\d{2}")


def verdict_label(v: Verdict) -> str:
    return {Verdict.MET: _("met 符合"), Verdict.NOT_MET: _("not met 不符合"),
            Verdict.BORDERLINE: _("borderline 临界"), Verdict.UNKNOWN: _("unknown 未知")}[v]


def show(value: object) -> str:
    """A criterion value or threshold as a short text (dicts of counts, lists of allowed values)."""
    if isinstance(value, dict):
        names = {"calendar_days": _("calendar"), "full_days": _("full")}
        return "\n".join(f"{names.get(k, k)} {v}" for k, v in value.items())
    if isinstance(value, list):
        return value_text(value)  # codes (pr_holder) and places (Beijing) by their labels
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and MONEY.fullmatch(value):  # amounts travel as exact decimal strings
        from babel.numbers import format_decimal  # babel loads when an amount is shown, not at start

        return format_decimal(Decimal(value), format="#,##0.00", locale=current_locale())
    return "" if value is None else value_text(value)


VERDICT_ORDER = {Verdict.MET: 0, Verdict.BORDERLINE: 1, Verdict.UNKNOWN: 2, Verdict.NOT_MET: 3}


def order_routes(routes: Sequence[RouteResult], preferred: str | None = None) -> list[RouteResult]:
    """The route that matters first (the one the client is filing under), then met, borderline, unknown and not
    met; within a verdict the earliest date first (stable otherwise)."""
    return sorted(routes, key=lambda r: (r.route != preferred, VERDICT_ORDER[r.verdict],
                                         r.earliest_date or dt.date.max))


def reading_label(reading: str) -> str:
    return {"rolling": _("rolling years 滚动年"), "calendar": _("calendar years 自然年")}.get(reading, "")


def criterion_label(c: CriterionResult) -> str:
    """Two lines, 中文 then English; a per-year or per-window row leads with its year or window, and a presence row
    with its year reading (open question 1)."""
    _base, _sep, part = c.id.partition("[")
    period = " ".join(x for x in (reading_label(c.reading), part.rstrip("]").replace("/", " – ")) if x)
    return f"{period} · {c.label_zh}\n{c.label_en}" if period else f"{c.label_zh}\n{c.label_en}"


def readings_note(r: RouteResult) -> str:
    """One line per presence criterion whose year readings differ: both verdicts, the leading one first; then the
    processing estimate if filed on the date checked."""
    lines = []
    if r.decision_due is not None:
        lines.append(_("Decision expected by {d} ({how})").format(d=r.decision_due.isoformat(), how=r.processing))
    for y in r.year_readings():
        if not y["differ"]:
            continue
        order = [y["lead"]] + [k for k in y["readings"] if k != y["lead"]]
        parts = ", ".join(f"{reading_label(k)}: {verdict_label(Verdict(y['readings'][k]['verdict']))}"
                          for k in order)
        lines.append(_("{criterion}: year readings differ ({parts}) → borderline").format(
            criterion=y["criterion"], parts=parts))
    return "\n".join(lines)


class EligibilityTreeModel(QAbstractItemModel):
    COLUMNS = ("route", "verdict", "earliest", "value", "threshold", "source", "note")

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._routes: list[RouteResult] = []
        self.preferred: str | None = None  # the route of the client's next filing, shown first
        self._headers = [_("Route / criterion"), _("Verdict"), _("Earliest date (estimate)"), _("Value"),
                         _("Threshold"), _("Source"), _("Convention and note")]

    def set_report(self, report: EligibilityReport | None) -> None:
        """Replace the routes; when their shape is unchanged only the data changes, so expanded rows stay open."""
        routes = order_routes(report.routes, self.preferred) if report else []
        same = [(r.route, len(r.criteria)) for r in routes] == [(r.route, len(r.criteria)) for r in self._routes]
        if same and routes:
            self._routes = routes
            self.dataChanged.emit(self.index(0, 0), self.index(len(routes) - 1, len(self.COLUMNS) - 1))
            for row, route in enumerate(routes):
                parent = self.index(row, 0)
                self.dataChanged.emit(self.index(0, 0, parent),
                                      self.index(len(route.criteria) - 1, len(self.COLUMNS) - 1, parent))
            return
        self.beginResetModel()
        self._routes = routes
        self.endResetModel()

    def route(self, row: int) -> RouteResult:
        return self._routes[row]

    def routes(self) -> list[RouteResult]:
        return list(self._routes)

    def explain(self, index: Index) -> str:
        """Everything known about a row, for the details line: route summary and sources, or the full criterion."""
        if index.internalId() == TOP:
            r = self._routes[index.row()]
            parts = [f"<b>{r.name_zh}</b> · {r.name_en} ({r.route}; {r.source})"]
            parts += [x.replace("\n", "<br>") for x in (r.note, readings_note(r)) if x]
            return "<br>".join(parts)
        c = self._routes[index.internalId() - 1].criteria[index.row()]
        lines = [f"<b>{c.label_zh}</b> · {c.label_en} ({c.id}; {c.source}, {c.confidence})",
                 _("Value: {v} — threshold: {t} — {verdict}").format(
                     v=show(c.value).replace("\n", ", "), t=show(c.threshold).replace("\n", ", "),
                     verdict=verdict_label(c.verdict))]
        lines += [x for x in (c.convention, c.note) if x]
        return "<br>".join(lines)

    # --- structure -------------------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._routes)
        if parent.internalId() == TOP and parent.column() == 0:
            return len(self._routes[parent.row()].criteria)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    # --- data ------------------------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == TOP:
            return self._route_data(self._routes[index.row()], index.column(), role)
        criterion = self._routes[index.internalId() - 1].criteria[index.row()]
        return self._criterion_data(criterion, index.column(), role)

    def _route_data(self, r: RouteResult, column: int, role: int) -> Any:
        name = self.COLUMNS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            earliest = ""
            if r.earliest_date and r.earliest_verdict:
                earliest = _("{date} (estimate)\n{verdict}").format(date=r.earliest_date.isoformat(),
                                                                  verdict=verdict_label(r.earliest_verdict))
            note = "\n".join(x for x in (r.note, readings_note(r)) if x)
            return {"route": f"{r.name_zh}\n{r.name_en}", "verdict": verdict_label(r.verdict), "earliest": earliest,
                    "source": r.source, "note": note}.get(name, "")
        if role == Qt.ItemDataRole.BackgroundRole and name == "verdict":
            return QBrush(QColor(VERDICT_COLOURS[r.verdict]))
        if role == Qt.ItemDataRole.FontRole and name in ("route", "verdict"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.route
        if role == Qt.ItemDataRole.UserRole:
            return r.route
        return None

    def _criterion_data(self, c: CriterionResult, column: int, role: int) -> Any:
        name = self.COLUMNS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            text = "\n".join(x for x in (c.convention, c.note) if x)
            return {"route": criterion_label(c), "verdict": verdict_label(c.verdict),
                    "earliest": "", "value": show(c.value), "threshold": show(c.threshold),
                    "source": f"{c.source} ({c.confidence})", "note": text}[name]
        if role == Qt.ItemDataRole.BackgroundRole and name == "verdict":
            return QBrush(QColor(VERDICT_COLOURS[c.verdict]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{c.id}\n{c.convention}\n{c.note}".strip()
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        return None
