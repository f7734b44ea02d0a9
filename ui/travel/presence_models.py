"""Table models of the Travel tab: crossings (recorded vs planned), tax years, absences, windows, projections."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.errors import Problem
from core.exchange.crossings_import import ImportRow
from core.i18n import _
from core.presence.absences import Absence
from core.presence.days import WindowCount
from core.presence.tax_residence import TaxYear
from core.records.identity import Crossing
from core.services.travel import PrProjection
from ui.common.table_models import Index, RecordTableModel, direction_label

PLANNED_BACKGROUND = QColor("#e8f0fb")
PLANNED_TEXT = QColor("#2f5d8a")
BORDERLINE = QColor("#a15c00")
PROBLEM = QColor("#b00020")
MUTED = QColor("#7a7a7a")


def _yes(value: bool) -> str:
    return _("是 yes") if value else _("否 no")


class StyledTableModel(RecordTableModel[Any]):
    """RecordTableModel plus a font, a background and a tooltip per record."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid():
            record = self.record(index.row())
            if role == Qt.ItemDataRole.FontRole:
                return self.font(record)
            if role == Qt.ItemDataRole.BackgroundRole:
                return self.background(record)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tooltip(record)
        return super().data(index, role)

    def font(self, record: Any) -> QFont | None:
        return None

    def background(self, record: Any) -> QBrush | None:
        return None

    def tooltip(self, record: Any) -> str | None:
        return None


class TravelCrossingTableModel(StyledTableModel):
    """Recorded crossings plain; planned ones italic, tinted and labelled, since only projections use them."""

    def __init__(self, parent: Any = None):
        super().__init__([
            (_("Date"), lambda c: c.date.isoformat()),
            (_("Time"), lambda c: c.time.strftime("%H:%M") if c.time else ""),
            (_("Direction"), lambda c: direction_label(c.direction)),
            (_("Port"), lambda c: c.port),
            (_("Plan 计划"), lambda c: _("planned 计划") if c.planned else ""),
            (_("Note"), lambda c: c.note),
        ], parent)

    def foreground(self, record: Crossing) -> QColor | None:
        return PLANNED_TEXT if record.planned else None

    def font(self, record: Crossing) -> QFont | None:
        if not record.planned:
            return None
        font = QFont()
        font.setItalic(True)
        return font

    def background(self, record: Crossing) -> QBrush | None:
        return QBrush(PLANNED_BACKGROUND) if record.planned else None


class TaxYearTableModel(StyledTableModel):
    def __init__(self, parent: Any = None):
        super().__init__([
            (_("Year"), lambda t: t.year),
            (_("Calendar\ndays"), lambda t: t.calendar_days),
            (_("Full days\n(24 h)"), lambda t: t.full_days),
            (_("IIT\nresident"), lambda t: _yes(t.resident)),
            (_("≤90\ndays"), lambda t: _yes(t.within_90_days)),
            (_("Longest\nabsence"), lambda t: t.longest_absence_full_days),
            (_("Six-year\nrun"), lambda t: t.six_year.consecutive),
            (_("Worldwide\ntaxable"), lambda t: _yes(t.six_year.worldwide_taxable)
             + (" ?" if t.six_year.borderline else "")),
            (_("Note"), lambda t: t.six_year.note),
        ], parent)

    def foreground(self, record: TaxYear) -> QColor | None:
        return BORDERLINE if record.six_year.borderline else None

    def tooltip(self, record: TaxYear) -> str | None:
        return record.six_year.note or None


class AbsenceTableModel(StyledTableModel):
    def __init__(self, review: tuple[int, int] = (29, 32), parent: Any = None):
        super().__init__([
            (_("Exit 出境"), lambda a: a.exit.isoformat()),
            (_("Entry 入境"), lambda a: a.entry.isoformat() if a.entry else _("still outside 尚未入境")),
            (_("Full days outside"), lambda a: a.full_days_outside),
            (_("Date difference"), lambda a: a.date_difference),
        ], parent)
        self.review = review

    def foreground(self, record: Absence) -> QColor | None:
        lo, hi = self.review
        if any(lo <= n <= hi for n in (record.full_days_outside, record.date_difference)):
            return BORDERLINE
        return MUTED if record.full_days_outside == 0 else None

    def tooltip(self, record: Absence) -> str | None:
        lo, hi = self.review
        if any(lo <= n <= hi for n in (record.full_days_outside, record.date_difference)):
            return _("Close to the 30-day limit of the six-year rule: check by hand (DOMAIN open question 2).")
        return None


class WindowTableModel(StyledTableModel):
    def __init__(self, parent: Any = None):
        super().__init__([
            (_("Window"), lambda w: w[0]),
            (_("Start"), lambda w: w[1].start.isoformat()),
            (_("End"), lambda w: w[1].end.isoformat()),
            (_("Calendar days"), lambda w: w[1].calendar_days),
            (_("Full days (24 h)"), lambda w: w[1].full_days),
        ], parent)

    def set_windows(self, windows: list[WindowCount]) -> None:
        self.set_records(list(enumerate(windows, start=1)))


class ProjectionTableModel(StyledTableModel):
    def __init__(self, parent: Any = None):
        super().__init__([
            (_("Condition"), lambda p: f"{p.condition.label_zh}\n{p.condition.label_en}"),
            (_("Met from\n(both counts)"), lambda p: _date_or_never(p.both.first_date)),
            (_("Borderline from\n(calendar days only)"), lambda p: _date_or_never(p.calendar_only.first_date)
             if p.calendar_only else "—"),
        ], parent)

    def tooltip(self, record: PrProjection) -> str | None:
        return explain(record)


def explain(record: PrProjection) -> str:
    """The condition as data (with its source) and the figures behind its date."""
    rule = record.condition
    return _("{condition} — source {source} (confidence {confidence}, from {since})\n{reason}").format(
        condition=rule.condition, source=rule.provenance.source, confidence=rule.provenance.confidence,
        since=rule.provenance.effective_from or "?", reason=record.both.reason)


def _date_or_never(value: Any) -> str:
    return value.isoformat() if value is not None else _("not within 10 years")


class ImportPreviewModel(StyledTableModel):
    """Every row of a file as it would be imported, with its status or its problems."""

    def __init__(self, parent: Any = None, describe: Callable[[Problem], str] = lambda p: p.message):
        super().__init__([
            (_("Line"), lambda r: r.line),
            (_("Date"), lambda r: r.crossing.date.isoformat() if r.crossing else ""),
            (_("Time"), lambda r: r.crossing.time.strftime("%H:%M") if r.crossing and r.crossing.time else ""),
            (_("Direction"), lambda r: direction_label(r.crossing.direction) if r.crossing else ""),
            (_("Port"), lambda r: r.crossing.port if r.crossing else ""),
            (_("Note"), lambda r: r.crossing.note if r.crossing else ""),
            (_("Kind"), lambda r: (_("planned 计划") if r.crossing.planned else _("recorded 已记录"))
             if r.crossing else ""),
            (_("Status"), lambda r: _status(r, describe)),
        ], parent)

    def foreground(self, record: ImportRow) -> QColor | None:
        return {"problem": PROBLEM, "stored": MUTED}.get(record.status)


def _status(row: ImportRow, describe: Callable[[Problem], str]) -> str:
    """New, stored, or the row's problems, each as `describe` words it (the field by its label)."""
    if row.status == "stored":
        return _("already stored: skipped 已存在")
    if row.status == "new":
        return _("new 新增")
    return _("; ").join(describe(p) for p in row.problems) or _("not read")
