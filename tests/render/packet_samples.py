"""A realistic packet's content and fake scans, shared by the render tests and bench/packet."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from core.packets.builder import build_content
from core.packets.checklist import DocumentFacts
from core.packets.content import (
    Attachment,
    Criterion,
    EligibilitySummary,
    IncomeRow,
    IncomeSummary,
    LabelledValue,
    PacketContent,
    PresenceRow,
    PresenceSummary,
    Text,
    Verdict,
)
from core.packets.plan import plan_packet
from core.packets.records.facts import PacketFacts
from core.ruledata.loader import Provenance

FILING = dt.date(2026, 12, 1)
TODAY = dt.date(2026, 11, 22)
NIA12 = (Provenance("NIA-12", "H", "2019-08-01"),)


def scan_image(label: str, size: tuple[int, int] = (620, 877), fmt: str = "JPEG", colour: int = 235) -> bytes:
    """A page-like greyscale image with ruled lines and a dark frame, as a phone scan might look."""
    image = Image.new("L", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] - 1, size[1] - 1), outline=20, width=6)
    for y in range(60, size[1] - 40, 28):
        draw.line((40, y, size[0] - 40, y), fill=150, width=2)
    draw.text((48, 24), label, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"quality": 70} if fmt == "JPEG" else {}))
    return buffer.getvalue()


def scan_pdf(label: str, pages: int = 2, *, size: tuple[int, int] = (620, 877), dpi: float = 75,
             rotate: int = 0) -> bytes:
    """A scanned document as a copier writes it: one JPEG per page, no text and no fonts (Pillow's PDF writer).

    620x877 px at 75 dpi is an A4 page; 638x825 px is US Letter."""
    images = [Image.open(io.BytesIO(scan_image(f"{label} p.{n + 1}", size))) for n in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    if not rotate:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    for page in writer.pages:
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def presence() -> PresenceSummary:
    years = ((2022, 301, 290, Verdict.MET), (2023, 330, 318, Verdict.MET), (2024, 190, 182, Verdict.BORDERLINE),
             (2025, 250, 240, Verdict.MET))
    rolling = (("2022-12-02 – 2023-12-01", 320, 310), ("2023-12-02 – 2024-12-01", 200, 190),
               ("2024-12-02 – 2025-12-01", 250, 240), ("2025-12-02 – 2026-12-01", 290, 280))
    return PresenceSummary(
        calendar_years=tuple(PresenceRow(str(y), c, f, 183, v) for y, c, f, v in years),
        rolling_years=tuple(PresenceRow(p, c, f, 183, Verdict.MET) for p, c, f in rolling),
        threshold=Text("每年在华不少于6个月，按183天计（DOMAIN §4.1 项目约定）",
                       "At least 6 months a year in China, counted as 183 days (project convention)"),
        notes=(Text("日历在境天数：当天任何时间在中国大陆境内即计入。",
                    "Calendar days: any presence on that date counts."),),
    )


def income() -> IncomeSummary:
    wage_t, tax_t = Decimal("1167906"), Decimal("233581.20")
    rows = []
    for year, wage, tax in ((2022, 1200000, 240000), (2023, 1250000, 250000), (2024, 1300000, 230000),
                            (2025, 1400000, 280000)):
        rows.append(IncomeRow(year, Decimal(wage), Decimal(tax), wage_t, tax_t,
                              Verdict.MET if wage >= wage_t else Verdict.NOT_MET,
                              Verdict.MET if tax >= tax_t else Verdict.NOT_MET))
    basis = Text("北京2021年城镇非私营单位就业人员平均工资194,651元 × 6 = 1,167,906元（WAGE，H）",
                 "Beijing 2021 average wage RMB 194,651 × 6 = RMB 1,167,906 (WAGE, H)")
    return IncomeSummary(tuple(rows), (basis,))


def eligibility() -> EligibilitySummary:
    return EligibilitySummary(Text("工资性收入及纳税", "Salary and tax route"), Verdict.BORDERLINE, (
        Criterion(Text("连续4年在华工作", "4 consecutive years of work"), Verdict.MET,
                  Text("2022-12 起", "since 2022-12"), NIA12),
        Criterion(Text("每年在华不少于6个月", "6 months a year in China"), Verdict.BORDERLINE,
                  Text("2024年日历天数190，满24小时天数182", "2024: 190 calendar days, 182 full days"), NIA12),
    ), earliest_date=dt.date(2027, 3, 1))


FORM_VALUES = {
    "applicant": {"family_name": "WANG", "given_names": "Xiaoming", "chinese_name": "王小明", "sex": "M",
                  "birth_date": dt.date(1988, 3, 14), "nationality": "英国 GBR", "birth_place": "London",
                  "address": "北京市朝阳区建国路88号 SOHO现代城 2号楼 1203室", "phone": "+86 138 0000 0000",
                  "employer": "北京某某科技有限公司 Beijing Example Technology Co., Ltd.",
                  "marital_status": "married", "education": "硕士 Master's", "occupation": "工程师 Engineer"},
    "passport": {"number": "E76543210", "expiry_date": "2029-05-01", "type": "ordinary"},
    "current": {"type": "residence", "number": "Z12345678", "expiry_date": "2027-02-28",
                "description": "工作类居留许可 Work-type RP"},
    "application": {"date": FILING},
    "resume": [{"from": "2006-09", "to": "2010-06", "place": "英国 伦敦 University College London",
                "position": "学生 Student"},
               {"from": "2014-09", "to": "至今 now", "place": "中国 北京 北京某某科技有限公司",
                "position": "副总经理 Deputy GM"}],
    "family": [{"relationship": "配偶 Spouse", "name": "李娜 LI Na", "birth_date": "1990-01-02",
                "nationality": "中国 CHN", "occupation": "教师 Teacher", "residence": "北京 Beijing"}],
}


def sample_content(kind: str = "pr_salary_tax", city: str = "beijing", *, scans: int = 3,
                   scan_pages: int = 2, generated_on: dt.date = TODAY) -> PacketContent:
    """A packet for WANG Xiaoming 王小明: first a JPEG and a PNG scan, then PDF scans of `scan_pages` pages."""
    plan = plan_packet(PacketFacts(kind=kind, city=city, filing_date=FILING, age=38, permit_months=24,
                                   ncr_countries=("GBR",)))
    docs = {
        "passport": DocumentFacts("passport", "E76543210", dt.date(2019, 5, 2), dt.date(2029, 5, 1),
                                  name_on_document="WANG Xiaoming"),
        "ncr": DocumentFacts("ncr", "NCR-2026-118", dt.date(2026, 8, 1), legalised_date=dt.date(2026, 8, 20)),
        "health_certificate": DocumentFacts("health_certificate", "BJ-HC-77", dt.date(2026, 9, 10)),
        "work_permit": DocumentFacts("work_permit", "WP-1100", dt.date(2024, 3, 1), dt.date(2027, 2, 28)),
    }
    attachments = []
    for i in range(scans):
        title = Text(f"有效护照 第{i + 1}份", f"Valid passport, scan {i + 1}")
        if i == 0:
            attachments.append(Attachment("passport", title, "image/jpeg", scan_image("passport data page")))
        elif i == 1:
            attachments.append(Attachment("passport", title, "image/png",
                                          scan_image("visa page", (900, 600), "PNG", colour=200)))
        else:
            attachments.append(Attachment("work_permit", Text(f"工作许可证 第{i + 1}份", f"Work permit, scan {i + 1}"),
                                          "application/pdf", scan_pdf(f"work permit {i}", scan_pages,
                                                                      size=(638, 825) if i == 2 else (620, 877),
                                                                      rotate=90 if i == 3 else 0)))
    return build_content(
        plan, applicant_name="WANG Xiaoming 王小明", generated_on=generated_on, documents=docs,
        applicant=(LabelledValue(Text("护照号码", "Passport no."), "E76543210"),
                   LabelledValue(Text("国籍", "Nationality"), "英国 GBR"),
                   LabelledValue(Text("出生日期", "Date of birth"), "1988-03-14")),
        form_values=FORM_VALUES, presence=presence(), income=income(), eligibility=eligibility(),
        attachments=attachments, passport_name="WANG Xiaoming", passport_expiry=dt.date(2029, 5, 1),
    )
