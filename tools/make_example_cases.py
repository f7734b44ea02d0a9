"""Writes examples/cases/*.json: three fictional families with small generated scans (deterministic output).

Run from the checkout: python tools/make_example_cases.py. All people, employers and numbers are invented.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A6  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from core.exchange.casefile import SCHEMA, case_from_json  # noqa: E402
from core.render.fonts import register_fonts  # noqa: E402

OUT = ROOT / "examples" / "cases"
USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(first17: str) -> str:
    total = sum(USCC.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return first17 + USCC[(31 - total % 31) % 31]


def sample_pdf(title: str) -> bytes:
    """A one-page PDF that says it is a fictional sample (reportlab, invariant output, its font embedded as a
    subset like every font Juliu writes, so packets that merge it keep every font embedded)."""
    heading = "SAMPLE - fictional"
    fonts = register_fonts(heading + title)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A6, invariant=1, pageCompression=1, initialFontName=fonts.regular)
    c.setFont(fonts.bold, 14)
    c.drawString(20, 360, heading)
    c.setFont(fonts.regular, 10)
    c.drawString(20, 340, title)
    c.rect(15, 15, 268, 390)
    c.save()
    return buf.getvalue()


def sample_png(rgb: tuple[int, int, int], width: int = 48, height: int = 32) -> bytes:
    """A small framed solid-colour PNG (zlib only)."""
    rows = b""
    for y in range(height):
        row = bytearray()
        for x in range(width):
            edge = x in (0, width - 1) or y in (0, height - 1)
            row += bytes((40, 40, 40) if edge else rgb)
        rows += b"\0" + bytes(row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def attachment(owner: str, name: str, data: bytes) -> dict[str, Any]:
    media = "application/pdf" if data.startswith(b"%PDF") else "image/png"
    return {"owner": owner, "name": name, "media_type": media, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "data": base64.b64encode(data).decode("ascii")}


def doc(key: str, person: str, kind: str, **fields: Any) -> dict[str, Any]:
    base = {"key": key, "person": person, "kind": kind, "subtype": "", "number": "", "issuing_country": "",
            "issuing_authority": "", "issue_date": None, "expiry_date": None, "notes": "", "passport": None,
            "related": None}
    return {**base, **fields}


def trips(person: str, pairs: list[tuple[str, str]], port: str, first_entry: str) -> list[dict[str, Any]]:
    rows = [{"person": person, "date": first_entry, "time": None, "direction": "entry", "port": port, "note": "",
             "planned": False}]
    for out, back in pairs:
        rows.append({"person": person, "date": out, "time": None, "direction": "exit", "port": port, "note": "",
                     "planned": False})
        rows.append({"person": person, "date": back, "time": None, "direction": "entry", "port": port, "note": "",
                     "planned": False})
    return rows


def beijing() -> dict[str, Any]:
    """A deputy general manager aiming for the 6×/20% PR route (BJ-6x): 5 years of income, tax and travel."""
    p = "person-1"
    employer = credit_code("91110108MA01C7KQ4")
    # Above 6x the Beijing average in each year (rules/wages.toml) and IIT above 20% of both the threshold and the
    # wage, so the worked example in docs/eligibility.md has every figure of the salary route.
    income = [(2021, "1280000.00", "275600.00"), (2022, "1450000.00", "312400.00"),
              (2023, "1520000.00", "328100.00"), (2024, "1580000.00", "341500.00"),
              (2025, "1650000.00", "357200.00")]
    docs = [
        doc("doc-rp", p, "residence_permit", subtype="work", number="Y110108250012",
            issuing_authority="北京市公安局出入境管理总队", issue_date="2025-02-10", expiry_date="2027-02-09",
            passport="passport-1"),
        doc("doc-wp", p, "work_permit", subtype="A", number="110100201907000123",
            issuing_authority="北京市科学技术委员会", issue_date="2025-01-20", expiry_date="2027-02-09"),
        doc("doc-ncr", p, "no_criminal_record", number="SPF-CoC-2026-118842", issuing_country="SGP",
            issuing_authority="Singapore Police Force", issue_date="2026-09-15"),
        doc("doc-apostille", p, "apostille", number="SG-APO-2026-55120", issuing_country="SGP",
            issuing_authority="Singapore Academy of Law", issue_date="2026-10-08", related="doc-ncr"),
        doc("doc-med", p, "medical_verification", number="BJITHC-2026-10-3391",
            issuing_authority="北京国际旅行卫生保健中心", issue_date="2026-10-20"),
        doc("doc-rec", p, "employer_recommendation", issuing_authority="北京云启智能科技有限公司",
            issue_date="2026-11-02", notes="推荐申请永久居留（工资性收入及纳税标准）"),
        doc("doc-licence", p, "business_licence", number=employer, issuing_authority="北京市海淀区市场监督管理局"),
        doc("doc-degree", p, "degree", subtype="master", number="NUS-MSc-2012-04417", issuing_country="SGP",
            issuing_authority="National University of Singapore", issue_date="2012-07-05"),
        doc("doc-acc", p, "accommodation_registration", number="BJ-HD-2026-0805-221",
            issuing_authority="海淀分局中关村派出所", issue_date="2026-08-05"),
    ]
    for year, _w, _t in income:
        docs.append(doc(f"doc-wage-{year}", p, "wage_certificate", issuing_authority="北京云启智能科技有限公司",
                        issue_date=f"{year + 1}-01-15", notes=f"{year} 年度工资收入证明"))
        docs.append(doc(f"doc-tax-{year}", p, "tax_certificate", issuing_authority="国家税务总局北京市海淀区税务局",
                        issue_date=f"{year + 1}-03-10", notes=f"{year} 年度个人所得税完税证明"))
    pairs = [("2021-01-28", "2021-02-20"), ("2021-08-01", "2021-08-15"), ("2022-01-20", "2022-02-10"),
             ("2022-07-15", "2022-08-01"), ("2023-01-18", "2023-02-05"), ("2023-06-20", "2023-07-05"),
             ("2023-12-22", "2024-01-03"), ("2024-07-10", "2024-07-28"), ("2025-01-25", "2025-02-09"),
             ("2025-08-01", "2025-08-16"), ("2026-02-12", "2026-02-25"), ("2026-07-20", "2026-08-05")]
    return {
        "schema": SCHEMA,
        "principal": {"key": p, "family_name": "Tan", "given_names": "Wei Ming", "chinese_name": "陈伟明",
                      "sex": "M", "birth_date": "1984-03-17", "nationality": "SGP", "city": "北京 Beijing",
                      "citizenship": "foreign"},
        "dependants": [],
        "passports": [{"key": "passport-1", "person": p, "number": "K4418207Q", "issuing_country": "SGP",
                       "issue_date": "2019-06-30", "expiry_date": "2029-06-29"}],
        "documents": docs,
        "crossings": trips(p, pairs, "PEK", "2019-07-01"),
        "addresses": [{"person": p, "moved_in": "2022-04-16", "time": "15:00",
                       "address": "北京市海淀区中关村南大街 12 号院 3 号楼 1502", "city": "Beijing"}],
        "employment": [{"person": p, "employer_zh": "北京云启智能科技有限公司",
                        "employer_en": "Beijing Yunqi Intelligent Technology Co., Ltd.", "credit_code": employer,
                        "position": "副总经理 Deputy General Manager", "title_level": "deputy_gm_or_above",
                        "employer_type": "high_tech_enterprise", "start_date": "2019-07-01", "end_date": None}],
        "income": [{"person": p, "year": y, "wage_income": w, "iit_paid": t, "city": "Beijing",
                    "certificates": [f"doc-wage-{y}", f"doc-tax-{y}"]} for y, w, t in income],
        "filings": [
            {"person": p, "kind": "rp_renewal", "city": "Beijing", "status": "decided", "filing_date": "2025-01-06",
             "accepted_date": "2025-01-06", "decision": "approved", "decision_date": "2025-01-24", "notes": ""},
            {"person": p, "kind": "pr_application", "city": "Beijing", "status": "preparing",
             "filing_date": "2027-01-15", "accepted_date": None, "decision": "", "decision_date": None,
             "notes": "6× wage / 20% IIT route (NIA-12, BJ-6x)"}],
        "attachments": [
            attachment("passport-1", "passport-K4418207Q.pdf", sample_pdf("Passport K4418207Q (SGP)")),
            attachment("doc-rp", "residence-permit.png", sample_png((200, 225, 245))),
            attachment("doc-ncr", "ncr-singapore.pdf", sample_pdf("Certificate of No Criminal Record (SGP)")),
            attachment("doc-tax-2025", "iit-2025.pdf", sample_pdf("IIT payment certificate 2025")),
        ],
    }


def shanghai() -> dict[str, Any]:
    """The foreign spouse of a Chinese citizen with their child, on family-reunion permits (BJ-FAM, MPS-spouse)."""
    p, spouse, child = "person-1", "person-2", "person-3"
    return {
        "schema": SCHEMA,
        "principal": {"key": p, "family_name": "Dubois", "given_names": "Claire", "chinese_name": "杜可蕾",
                      "sex": "F", "birth_date": "1988-11-02", "nationality": "FRA", "city": "上海 Shanghai",
                      "citizenship": "foreign"},
        "dependants": [
            {"key": spouse, "family_name": "Zhang", "given_names": "Wei", "chinese_name": "张伟", "sex": "M",
             "birth_date": "1986-04-21", "nationality": "CHN", "city": "上海 Shanghai",
             "citizenship": "chinese_citizen", "relation": "spouse", "married_on": "2018-06-01"},
            {"key": child, "family_name": "Dubois Zhang", "given_names": "Léo", "chinese_name": "张乐",
             "sex": "M", "birth_date": "2019-05-12", "nationality": "FRA", "city": "上海 Shanghai",
             "citizenship": "foreign", "relation": "child"}],
        "passports": [
            {"key": "passport-1", "person": p, "number": "21AF55130", "issuing_country": "FRA",
             "issue_date": "2021-03-08", "expiry_date": "2031-03-07"},
            {"key": "passport-2", "person": child, "number": "23CK80417", "issuing_country": "FRA",
             "issue_date": "2023-06-14", "expiry_date": "2028-06-13"}],
        "documents": [
            doc("doc-rp", p, "residence_permit", subtype="family_reunion", number="Y310105240033",
                issuing_authority="上海市公安局出入境管理局", issue_date="2024-01-21", expiry_date="2027-01-20",
                passport="passport-1"),
            doc("doc-rp-child", child, "residence_permit", subtype="family_reunion", number="Y310105240034",
                issuing_authority="上海市公安局出入境管理局", issue_date="2024-01-21", expiry_date="2027-01-20",
                passport="passport-2"),
            doc("doc-marriage", p, "marriage_certificate", number="J310105-2018-004127",
                issuing_authority="上海市长宁区民政局", issue_date="2018-06-01"),
            doc("doc-hukou", spouse, "hukou", number="310105198604210000", issuing_authority="上海市公安局长宁分局",
                notes="居民身份证及户口簿，婚姻状况：已婚"),
            doc("doc-birth", child, "birth_certificate", number="LYON-2019-N-08812", issuing_country="FRA",
                issuing_authority="Mairie de Lyon", issue_date="2019-05-15"),
            doc("doc-birth-apostille", child, "apostille", number="FR-APO-2023-77301", issuing_country="FRA",
                issuing_authority="Cour d'appel de Lyon", issue_date="2023-12-01", related="doc-birth"),
            doc("doc-lease", p, "lease", number="SH-CN-2025-031188", issuing_authority="上海市长宁区房屋租赁备案",
                issue_date="2025-06-01", expiry_date="2027-05-31"),
            doc("doc-acc", p, "accommodation_registration", number="SH-CN-2026-0902-57",
                issuing_authority="长宁分局新华路派出所", issue_date="2026-09-02"),
            doc("doc-acc-child", child, "accommodation_registration", number="SH-CN-2026-0902-58",
                issuing_authority="长宁分局新华路派出所", issue_date="2026-09-02"),
            doc("doc-deposit", p, "bank_deposit", number="BOC-SH-CN-2026-10-4471",
                issuing_authority="中国银行上海长宁支行", issue_date="2026-10-15",
                notes="存款证明 RMB 200,000，冻结6个月 (livelihood proof, MPS-spouse)")],
        "crossings": [
            *trips(p, [("2025-07-10", "2025-08-20"), ("2026-07-15", "2026-09-01")], "PVG", "2018-09-01"),
            *trips(child, [("2025-07-10", "2025-08-20"), ("2026-07-15", "2026-09-01")], "PVG", "2019-09-20")],
        "addresses": [{"person": x, "moved_in": "2024-09-01", "time": "10:00",
                       "address": "上海市长宁区新华路 211 弄 5 号 302 室", "city": "Shanghai"} for x in (p, child)],
        "employment": [],
        "income": [],
        "filings": [{"person": x, "kind": "rp_renewal", "city": "Shanghai", "status": "preparing",
                     "filing_date": "2026-12-10", "accepted_date": None, "decision": "", "decision_date": None,
                     "notes": "团聚类居留许可延期 family-reunion RP renewal"} for x in (p, child)],
        "attachments": [
            attachment("doc-marriage", "marriage-certificate.pdf", sample_pdf("Marriage certificate 2018")),
            attachment("doc-birth", "birth-certificate.png", sample_png((245, 230, 200))),
        ],
    }


def shenzhen() -> dict[str, Any]:
    """A category-B work-permit holder whose permit and RP run out in January: the 45-day Shenzhen lead applies."""
    p = "person-1"
    employer = credit_code("91440300MA5G2RTK8")
    return {
        "schema": SCHEMA,
        "principal": {"key": p, "family_name": "Kim", "given_names": "Minjun", "chinese_name": "金敏俊",
                      "sex": "M", "birth_date": "1991-08-09", "nationality": "KOR", "city": "深圳 Shenzhen",
                      "citizenship": "foreign"},
        "dependants": [],
        "passports": [{"key": "passport-1", "person": p, "number": "M73019425", "issuing_country": "KOR",
                       "issue_date": "2017-04-30", "expiry_date": "2027-04-30"}],
        "documents": [
            doc("doc-wp", p, "work_permit", subtype="B", number="440300202401000877",
                issuing_authority="深圳市科技创新局", issue_date="2024-01-11", expiry_date="2027-01-10"),
            doc("doc-rp", p, "residence_permit", subtype="work", number="Y440304240101",
                issuing_authority="深圳市公安局出入境管理支队", issue_date="2024-01-25", expiry_date="2027-01-10",
                passport="passport-1"),
            doc("doc-contract", p, "employment_contract", issuing_authority="深圳市海岸线电子有限公司",
                issue_date="2023-12-20", expiry_date="2027-12-31"),
            doc("doc-health", p, "health_certificate", number="SZITHC-2026-09-11820",
                issuing_authority="深圳国际旅行卫生保健中心", issue_date="2026-09-20"),
            doc("doc-acc", p, "accommodation_registration", number="SZ-NS-2025-1103-09",
                issuing_authority="南山分局粤海派出所", issue_date="2025-11-03"),
            doc("doc-degree", p, "degree", subtype="bachelor", number="KAIST-BS-2014-02117", issuing_country="KOR",
                issuing_authority="Korea Advanced Institute of Science and Technology", issue_date="2014-02-21")],
        "crossings": [
            *trips(p, [("2025-02-01", "2025-02-12"), ("2025-10-30", "2025-11-03"), ("2026-11-14", "2026-11-18")],
                   "Shenzhen Bay 深圳湾", "2024-01-15")],
        "addresses": [{"person": p, "moved_in": "2024-01-15", "time": None,
                       "address": "深圳市南山区科苑南路 3099 号 18 栋 906", "city": "Shenzhen"}],
        "employment": [{"person": p, "employer_zh": "深圳市海岸线电子有限公司",
                        "employer_en": "Shenzhen Coastline Electronics Co., Ltd.", "credit_code": employer,
                        "position": "硬件工程师 Hardware Engineer", "title_level": "other",
                        "employer_type": "high_tech_enterprise", "start_date": "2024-01-15", "end_date": None}],
        "income": [{"person": p, "year": 2024, "wage_income": "486000.00", "iit_paid": "71350.00",
                    "city": "Shenzhen", "certificates": []},
                   {"person": p, "year": 2025, "wage_income": "512000.00", "iit_paid": "77880.00",
                    "city": "Shenzhen", "certificates": []}],
        "filings": [{"person": p, "kind": "wp_extension", "city": "Shenzhen", "status": "preparing",
                     "filing_date": "2026-11-25", "accepted_date": None, "decision": "", "decision_date": None,
                     "notes": "同岗位延期 extension, same post"}],
        "attachments": [attachment("doc-wp", "work-permit-card.png", sample_png((215, 240, 215))),
                        attachment("doc-health", "health-certificate.pdf", sample_pdf("Health certificate 2026"))],
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in (("beijing-6x-professional", beijing), ("shanghai-family", shanghai),
                        ("shenzhen-work-permit-renewal", shenzhen)):
        value = build()
        case_from_json(value, name)  # refuse to write an example Juliu would not import
        (OUT / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(OUT / f"{name}.json")


if __name__ == "__main__":
    main()
