"""Forms on the page: the official form's grid as a bilingual replica, and the PR preparation sheet.

Each grid row is a flowable and a table splits between its rows (headings repeated), so a long preparation
sheet flows onto more pages; the photo box of a replica spans its first rows. Checkboxes are drawn boxes; a tick
is the glyph "√" inside, so text extraction sees it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from core.packets.content import FilledForm, FormCell, Text
from core.render.cjk_text import break_cjk_lines
from core.render.packet_style import INK, MUTED, RULE, SHADE, WIDTH, Styles, para

LABEL_ZH, LABEL_EN, VALUE, OPTION = 7.4, 6.2, 9.6, 7.9
CELL_PAD = 2.0
BOX = 6.6
GAP = 3.5  # between the Chinese and English halves of a label
CHECK = "√"
Draw = Callable[[Canvas, float, float, float, float], None]  # canvas, x, y_top, width, height


@dataclass
class _Box:
    """One drawn cell: its height for a width, and how to draw it in a given rectangle."""

    width: float
    height: float
    draw: Draw
    shaded: bool = False


class GridRow(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Cells side by side with ruled borders; every cell takes the tallest cell's height."""

    def __init__(self, boxes: list[_Box]):
        super().__init__()
        self.boxes = boxes
        self.width = sum(b.width for b in boxes)
        self.height = max(b.height for b in boxes)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        x = 0.0
        for box in self.boxes:
            _frame(self.canv, x, self.height, box.width, self.height, box.shaded)
            box.draw(self.canv, x, self.height, box.width, self.height)
            x += box.width


PHOTO_W, PHOTO_H = 33 * mm, 48 * mm  # a Chinese 2-inch photo, 33 x 48 mm (DOMAIN §5.4)


class PhotoBlock(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """The first rows of a replica with the photo box to their right, as on the official form."""

    def __init__(self, rows: list[GridRow], photo_width: float, label: Text, font: str):
        super().__init__()
        self.rows, self.photo_width, self.label, self.font = rows, photo_width, label, font
        self.width = rows[0].width + photo_width
        self.height = max(sum(r.height for r in rows), PHOTO_H + 1.5 * mm)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for row in self.rows:
            y -= row.height
            row.drawOn(self.canv, 0, y)
        if y > 0.5:  # the photo needs more height than the rows beside it: one empty cell below them
            _frame(self.canv, 0, y, self.width - self.photo_width, y, False)
        x = self.width - self.photo_width
        _frame(self.canv, x, self.height, self.photo_width, self.height, False)
        c = self.canv
        centre, middle = x + self.photo_width / 2, self.height / 2
        c.saveState()  # the photo itself: 33 x 48 mm (DOMAIN §5.4, PHOTO), dashed, centred in its column
        c.setDash(2, 2)
        c.setStrokeColor(MUTED)
        c.rect(centre - PHOTO_W / 2, middle - PHOTO_H / 2, PHOTO_W, PHOTO_H, stroke=1, fill=0)
        c.restoreState()
        c.setFont(self.font, LABEL_ZH + 1)
        c.setFillColor(MUTED)
        c.drawCentredString(centre, middle + 4, self.label.zh)
        c.setFont(self.font, LABEL_EN)
        c.drawCentredString(centre, middle - 6, self.label.en)


def _frame(c: Canvas, x: float, y_top: float, w: float, h: float, shaded: bool) -> None:
    c.saveState()
    c.setStrokeColor(INK)
    c.setLineWidth(0.6)
    if shaded:
        c.setFillColor(SHADE)
    c.rect(x, y_top - h, w, h, stroke=1, fill=1 if shaded else 0)
    c.restoreState()


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    return break_cjk_lines(text, font, size, width) if text else []


Run = tuple[str, float, Color]  # text, size, colour


@dataclass(frozen=True)
class _Label:
    """A cell's bilingual label: "姓 Surname" on one line when it fits, else Chinese lines then English lines."""

    lines: tuple[tuple[Run, ...], ...]

    @property
    def height(self) -> float:
        return sum(max(size for _, size, _ in line) + 1.8 for line in self.lines)

    def width_of_first(self, font: str) -> float:
        return sum(stringWidth(text, font, size) + GAP for text, size, _ in self.lines[0]) if self.lines else 0.0

    def draw(self, c: Canvas, font: str, x: float, y: float) -> float:
        """Draw downwards from y (the top); returns the y under the label."""
        for line in self.lines:
            y -= max(size for _, size, _ in line) + 1.8
            dx = x
            for text, size, colour in line:
                c.setFillColor(colour)
                c.setFont(font, size)
                c.drawString(dx, y + 2.0, text)
                dx += stringWidth(text, font, size) + GAP
        return y


def _label(label: Text, font: str, width: float) -> _Label:
    runs = [(t, size, colour) for t, size, colour in ((label.zh, LABEL_ZH, INK), (label.en, LABEL_EN, MUTED)) if t]
    if sum(stringWidth(t, font, size) + GAP for t, size, _ in runs) - GAP <= width:
        return _Label((tuple(runs),) if runs else ())
    lines = [((t, LABEL_ZH, INK),) for t in _lines(label.zh, font, LABEL_ZH, width)]
    lines += [((t, LABEL_EN, MUTED),) for t in _lines(label.en, font, LABEL_EN, width)]
    return _Label(tuple(lines))


def _text_box(cell: FormCell, width: float, font: str, *, header: bool = False) -> _Box:
    avail = width - 2 * CELL_PAD
    label = _label(cell.label, font, avail)
    size = VALUE
    values = _lines(cell.value, font, size, avail)
    while len(values) > 2 and size > 7:  # long values shrink a little before the row grows
        size -= 0.6
        values = _lines(cell.value, font, size, avail)
    value_h = 0.0 if header else max(len(values), 1) * (size + 2.2)
    minimum = 28.0 if cell.type == "signature" else 0.0

    def draw(c: Canvas, x: float, y_top: float, w: float, h: float) -> None:
        y = label.draw(c, font, x + CELL_PAD, y_top - CELL_PAD)
        c.setFillColor(INK)
        c.setFont(font, size)
        for line in values:
            y -= size + 2.2
            c.drawString(x + CELL_PAD + 1, y + 2.4, line)

    return _Box(width, max(2 * CELL_PAD + label.height + value_h, minimum), draw)


def _choice_box(cell: FormCell, width: float, font: str) -> _Box:
    """The label, then the options flowing after it and wrapping: each a box, ticked "√" when chosen."""
    avail = width - 2 * CELL_PAD
    label = _label(cell.label, font, avail)
    inline = len(label.lines) == 1
    start = label.width_of_first(font) + 4 if inline else 0.0
    placed: list[tuple[int, float]] = []  # (line, x) per option
    line, x = 0, start
    for option in cell.options:
        w = BOX + 3 + stringWidth(f"{option.label.zh} {option.label.en}", font, OPTION) + 8
        if x and x + w > avail:
            line, x = line + 1, 0.0
        placed.append((line, x))
        x += w
    line_h = OPTION + 3.6
    above = 0.0 if inline else label.height
    height = 2 * CELL_PAD + above + (line + 1) * line_h + 1

    def draw(c: Canvas, x0: float, y_top: float, w: float, h: float) -> None:
        label.draw(c, font, x0 + CELL_PAD, y_top - CELL_PAD)
        top = y_top - CELL_PAD - above
        for option, (n, dx) in zip(cell.options, placed, strict=True):
            base = top - (n + 1) * line_h + 2.8
            left = x0 + CELL_PAD + dx
            c.setStrokeColor(INK)
            c.setLineWidth(0.6)
            c.rect(left, base - 0.8, BOX, BOX, stroke=1, fill=0)
            if option.checked:
                c.setFillColor(INK)
                c.setFont(font, BOX + 1)
                c.drawCentredString(left + BOX / 2, base - 0.3, CHECK)
            c.setFillColor(INK)
            c.setFont(font, OPTION)
            c.drawString(left + BOX + 3, base, option.label.zh)
            c.setFillColor(MUTED)
            c.drawString(left + BOX + 3 + stringWidth(option.label.zh + " ", font, OPTION), base, option.label.en)

    return _Box(width, height, draw)


def _heading_box(cell: FormCell, width: float, bold: str) -> _Box:
    def draw(c: Canvas, x: float, y_top: float, w: float, h: float) -> None:
        c.setFillColor(INK)
        c.setFont(bold, 9)
        c.drawString(x + CELL_PAD, y_top - 10, cell.label.zh)
        c.setFillColor(MUTED)
        c.setFont(bold, 8)
        c.drawString(x + CELL_PAD + stringWidth(cell.label.zh + "  ", bold, 9), y_top - 10, cell.label.en)

    return _Box(width, 13.5, draw, shaded=True)


def _caption_box(label: Text, width: float, font: str) -> _Box:
    """The title of a table, on a row of its own above the column headings."""
    layout = _label(label, font, width - 2 * CELL_PAD)

    def draw(c: Canvas, x: float, y_top: float, w: float, h: float) -> None:
        layout.draw(c, font, x + CELL_PAD, y_top - CELL_PAD)

    return _Box(width, 2 * CELL_PAD + layout.height, draw)


def _static_box(cell: FormCell, width: float, font: str) -> _Box:
    avail = width - 2 * CELL_PAD
    zh = _lines(cell.label.zh, font, 8.2, avail)
    en = _lines(cell.label.en, font, 7.4, avail)

    def draw(c: Canvas, x: float, y_top: float, w: float, h: float) -> None:
        y = y_top - CELL_PAD
        c.setFillColor(INK)
        c.setFont(font, 8.2)
        for line in zh:
            y -= 10.5
            c.drawString(x + CELL_PAD, y + 2, line)
        c.setFillColor(MUTED)
        c.setFont(font, 7.4)
        for line in en:
            y -= 9.5
            c.drawString(x + CELL_PAD, y + 2, line)

    return _Box(width, 2 * CELL_PAD + len(zh) * 10.5 + len(en) * 9.5 + 2, draw)


class GridTable(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A form's table: caption and column headings, then one row per entry; split across pages with the column
    headings repeated, never leaving the headings alone at the bottom of a page."""

    def __init__(self, head: list[GridRow], body: list[GridRow], repeat: GridRow):
        super().__init__()
        self.head, self.body, self.repeat = head, body, repeat
        self.width = repeat.width
        self.height = sum(r.height for r in head + body)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        used = sum(r.height for r in self.head)
        fit = 0
        for row in self.body:
            if used + row.height > available_height:
                break
            used, fit = used + row.height, fit + 1
        if fit == 0:
            return []
        return [GridTable(self.head, self.body[:fit], self.repeat),
                GridTable([self.repeat], self.body[fit:], self.repeat)]

    def draw(self) -> None:
        y = self.height
        for row in self.head + self.body:
            y -= row.height
            row.drawOn(self.canv, 0, y)


def _table(cell: FormCell, width: float, unit: float, font: str) -> GridTable:
    widths = [span * unit for span in cell.column_spans]
    header = [_text_box(FormCell("text", label, 0), w, font, header=True)
              for label, w in zip(cell.columns, widths, strict=True)]
    for box in header:
        box.shaded = True
    columns = GridRow(header)
    head = [GridRow([_caption_box(cell.label, width, font)])] if cell.label.zh or cell.label.en else []
    body = []
    for values in cell.rows:
        boxes = [_text_box(FormCell("text", Text(""), 0, value=v), w, font) for v, w in zip(values, widths,
                                                                                          strict=True)]
        for box in boxes:
            box.height = max(box.height, 16.0)
        body.append(GridRow(boxes))
    return GridTable([*head, columns], body, columns)


def _row_boxes(cells: tuple[FormCell, ...], unit: float, s: Styles) -> list[_Box]:
    font, bold = s.fonts.regular, s.fonts.bold
    makers = {"text": _text_box, "signature": _text_box, "choice": _choice_box, "static": _static_box}
    boxes = []
    for cell in cells:
        width = cell.span * unit
        boxes.append(_heading_box(cell, width, bold) if cell.type == "heading" else makers[cell.type](cell, width,
                                                                                                      font))
    return boxes


def form_flowables(form: FilledForm, s: Styles) -> list[Flowable]:
    """Title, notice and the grid of one filled form."""
    unit = WIDTH / form.columns
    story: list[Flowable] = [*_title(form, s)]
    rows: list[Flowable] = []
    for row in form.rows:
        if row.cells[0].type == "table":
            table = _table(row.cells[0], WIDTH, unit, s.fonts.regular)
            if rows and getattr(rows[-1], "keepWithNext", False):  # the section heading travels with the table
                table = GridTable([rows.pop(), *table.head], table.body, table.repeat)
            rows.append(table)
        else:
            rows.append(GridRow(_row_boxes(row.cells, unit, s)))
            rows[-1].keepWithNext = row.cells[0].type == "heading"  # a section heading stays with its rows
    if form.photo_rows:
        photo_rows = [r for r in rows[:form.photo_rows] if isinstance(r, GridRow)]
        story.append(PhotoBlock(photo_rows, form.photo_span * unit, form.photo_label, s.fonts.regular))
        rows = rows[form.photo_rows:]
    return story + rows


def _title(form: FilledForm, s: Styles) -> list[Flowable]:
    """The form's title, then one shaded box with how to fill it in and what this sheet is."""
    title = ParagraphStyle("form_title", parent=s.heading, alignment=TA_CENTER, textColor=INK, fontSize=14.5,
                           leading=18)
    title_en = ParagraphStyle("form_title_en", parent=s.heading_en, alignment=TA_CENTER, spaceAfter=3)
    inside = WIDTH - 12
    box: list[Flowable] = []
    if form.instruction.zh or form.instruction.en:
        box.append(para(f"{form.instruction.zh}  {form.instruction.en}", s.small_zh, inside))
    box += [para(form.notice.zh, s.small_zh, inside), para(form.notice.en, s.small_en, inside)]
    notice = Table([[box]], colWidths=[WIDTH])
    notice.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), s.fonts.regular),  # else an unembedded Helvetica
                                ("BOX", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                                ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return [para(form.title.zh, title, WIDTH), para(form.title.en, title_en, WIDTH), notice, Spacer(1, 5)]
