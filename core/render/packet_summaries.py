"""Summaries: days present per year and per rolling year (with a bar chart), income and tax against the
thresholds, and the eligibility verdict with its sources. All numbers and verdicts come decided in the content."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from babel.numbers import format_currency
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from core.packets.content import (
    ESTIMATE,
    VERDICT_TEXT,
    EligibilitySummary,
    IncomeSummary,
    PresenceRow,
    PresenceSummary,
    Text,
    Verdict,
)
from core.render.packet_style import (
    BAD,
    GOOD,
    MUTED,
    RULE,
    WARN,
    WIDTH,
    Styles,
    bilingual,
    grid,
    heading,
    inner,
    para,
    sub_heading,
)

VERDICT_COLOUR = {Verdict.MET: GOOD, Verdict.NOT_MET: BAD, Verdict.BORDERLINE: WARN, Verdict.UNKNOWN: MUTED}
PRESENCE_WIDTHS = (WIDTH - 116 * mm, 28 * mm, 28 * mm, 30 * mm, 30 * mm)
INCOME_WIDTHS = (16 * mm, 32 * mm, 32 * mm, (WIDTH - 144 * mm) / 2, 32 * mm, 32 * mm, (WIDTH - 144 * mm) / 2)
CRITERIA_WIDTHS = (50 * mm, 22 * mm, WIDTH - 102 * mm, 30 * mm)
CALENDAR_COLOUR = colors.HexColor("#1d4e89")
FULL_COLOUR = colors.HexColor("#8fb3d9")
EMPTY = "—"


def _hex(colour: colors.Color) -> str:
    return "#" + str(colour.hexval())[2:]


def _verdict(verdict: Verdict | None, s: Styles, width: float) -> list[Flowable]:
    if verdict is None:
        return [para(EMPTY, s.small_zh, width)]
    return bilingual(VERDICT_TEXT[verdict], s, width, colour=VERDICT_COLOUR[verdict])


def presence_chart(rows: Sequence[PresenceRow], fonts: Any, width: float = WIDTH, height: float = 50 * mm) -> Drawing:
    """Calendar-presence and full (24-hour) days side by side per period, with the required days as a line."""
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.regular  # the default initial state selects an unembedded Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 30, width - 150, height - 42
    chart.data = [[r.calendar_days for r in rows], [r.full_days for r in rows]]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 366, 61
    chart.valueAxis.labels.fontName = fonts.regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.categoryNames = [r.period.replace(" – ", "\n– ") for r in rows]
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = 6.5 if any(len(r.period) > 8 for r in rows) else 7.5
    chart.categoryAxis.labels.dy = -3
    chart.bars[0].fillColor, chart.bars[1].fillColor = CALENDAR_COLOUR, FULL_COLOUR
    chart.bars.strokeColor = None
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = 6
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 5
    chart.groupSpacing, chart.barSpacing = 8, 1
    drawing.add(chart)
    required = {r.required_days for r in rows if r.required_days}
    for days in sorted(required):
        y = chart.y + chart.height * days / 366
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, strokeColor=colors.HexColor("#b3261e"),
                         strokeWidth=0.8, strokeDashArray=[3, 2]))
        drawing.add(String(chart.x + chart.width + 3, y - 2.5, f"{days}", fontName=fonts.regular, fontSize=7,
                           fillColor=colors.HexColor("#b3261e")))
    legend = Legend()
    legend.x, legend.y = width - 98, height - 14
    legend.fontName, legend.fontSize, legend.dy, legend.dx = fonts.regular, 7, 6, 6
    legend.deltay = 11
    legend.alignment = "right"  # swatch before the text
    legend.colorNamePairs = [(CALENDAR_COLOUR, "日历在境天数 Calendar days"), (FULL_COLOUR, "满24小时 Full days")]
    if required:
        legend.colorNamePairs.append((colors.HexColor("#b3261e"), "要求 Required"))
    drawing.add(legend)
    return drawing


def _presence_table(rows: Sequence[PresenceRow], s: Styles) -> Flowable:
    w = [inner(x) for x in PRESENCE_WIDTHS]
    head = [bilingual(t, s, w[i]) for i, t in enumerate((
        Text("期间", "Period"), Text("日历在境天数", "Calendar days"), Text("满24小时天数", "Full days"),
        Text("要求天数", "Required"), Text("结果", "Result")))]
    body = [[para(r.period, s.value, w[0]), para(str(r.calendar_days), s.number, w[1]),
             para(str(r.full_days), s.number, w[2]),
             para(str(r.required_days) if r.required_days else EMPTY, s.number, w[3]),
             _verdict(r.verdict, s, w[4])] for r in rows]
    return grid([head, *body], PRESENCE_WIDTHS, s)


def presence_flowables(summary: PresenceSummary, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [*heading(Text("在中国大陆境内天数", "Days present in mainland China"), s)]
    if summary.threshold.zh or summary.threshold.en:
        story += bilingual(summary.threshold, s, WIDTH)
    for title, rows in ((Text("每个日历年", "Per calendar year"), summary.calendar_years),
                        (Text("每个滚动年（截至申请日）", "Per rolling year (ending on the filing date)"),
                         summary.rolling_years)):
        if rows:
            story += [*sub_heading(title, s), presence_chart(rows, s.fonts), Spacer(1, 4),
                      _presence_table(rows, s)]
    story += _notes(summary.notes, s)
    return story


def _money(amount: Decimal | None) -> str:
    return EMPTY if amount is None else format_currency(amount, "CNY", locale="zh_CN")


def _threshold(amount: Decimal | None, estimate: bool, s: Styles, width: float) -> list[Flowable]:
    """A threshold, with "估算 estimate" beneath it when it rests on an illustrative figure (issue 10 §6)."""
    cell = [para(_money(amount), s.number, width)]
    if estimate and amount is not None:
        cell.append(para(f"{ESTIMATE.zh} {ESTIMATE.en}", ParagraphStyle("est", parent=s.small_en, alignment=TA_RIGHT),
                         width))
    return cell


def income_flowables(summary: IncomeSummary, s: Styles) -> list[Flowable]:
    w = [inner(x) for x in INCOME_WIDTHS]
    head = [bilingual(t, s, w[i]) for i, t in enumerate((
        Text("年度", "Year"), Text("工资性收入", "Wage income"), Text("收入标准", "Wage threshold"),
        Text("结果", "Result"), Text("个人所得税", "IIT paid"), Text("纳税标准", "Tax threshold"),
        Text("结果", "Result")))]
    body = [[para(str(r.year), s.value, w[0]), para(_money(r.wage), s.number, w[1]),
             _threshold(r.wage_threshold, r.estimate, s, w[2]), _verdict(r.wage_verdict, s, w[3]),
             para(_money(r.tax), s.number, w[4]), _threshold(r.tax_threshold, r.estimate, s, w[5]),
             _verdict(r.tax_verdict, s, w[6])] for r in summary.rows]
    story: list[Flowable] = [*heading(Text("工资性收入与个人所得税", "Wage income and income tax per year"), s),
                             grid([head, *body], INCOME_WIDTHS, s)]
    if summary.basis:
        story += [*sub_heading(Text("计算依据", "Basis"), s), *_notes(summary.basis, s)]
    return story + _notes(summary.notes, s)


def eligibility_flowables(summary: EligibilitySummary, s: Styles) -> list[Flowable]:
    w = [inner(x) for x in CRITERIA_WIDTHS]
    colour = VERDICT_COLOUR[summary.verdict]
    verdict = VERDICT_TEXT[summary.verdict]
    story: list[Flowable] = [
        *heading(Text("资格评估", "Eligibility"), s),
        Paragraph(f"{escape(summary.route.zh)}：<font color='{_hex(colour)}'>{escape(verdict.zh)}</font>",
                  ParagraphStyle("verdict", parent=s.zh, fontName=s.fonts.bold, fontSize=12, leading=16)),
        Paragraph(f"{escape(summary.route.en)}: <font color='{_hex(colour)}'>{escape(verdict.en)}</font>",
                  ParagraphStyle("verdict_en", parent=s.en, fontSize=9.5, leading=13, spaceAfter=4)),
    ]
    if summary.earliest_date:
        story += bilingual(Text(f"最早符合条件日期（估算）：{summary.earliest_date.isoformat()}",
                                f"Earliest date all conditions are met (estimate): "
                                f"{summary.earliest_date.isoformat()}"),
                           s, WIDTH)
    head = [bilingual(t, s, w[i]) for i, t in enumerate((Text("条件", "Criterion"), Text("结果", "Result"),
                                                          Text("说明", "Detail"), Text("来源", "Source")))]
    body = [[bilingual(c.name, s, w[0]), _verdict(c.verdict, s, w[1]), bilingual(c.detail, s, w[2], small=True),
             para(", ".join(f"{p.source} ({p.confidence})" for p in c.sources) or EMPTY, s.small_en, w[3])]
            for c in summary.criteria]
    story += [Spacer(1, 4), grid([head, *body], CRITERIA_WIDTHS, s)]
    return story + _notes(summary.notes, s)


def _notes(notes: Sequence[Text], s: Styles) -> list[Flowable]:
    """Each note's Chinese and English kept on one page."""
    return [KeepTogether([Spacer(1, 3), *bilingual(note, s, WIDTH, small=True)]) for note in notes]

