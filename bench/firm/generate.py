"""A relocation firm's store of N clients, deterministic from a seed: families, passports, permits, crossings,
income with certificates, documents, filings and a few scans.

    .venv/bin/python -m bench.firm.generate DATA_DIR [--clients 10000] [--seed 1] [--as-of 2026-11-29]
    .venv/bin/python -m bench.firm.generate --case-files DIR --clients 50   # case files for `case import`

Each family goes in through CaseRepository.insert (the case-file import path), one transaction each.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

from core.exchange.casefile import write_case_file
from core.records.identity import Applicant, ApplicantId, Crossing, Direction, Passport, PassportId, Sex
from core.records.model import (
    Address,
    Attachment,
    CaseRecords,
    Citizenship,
    Document,
    DocumentId,
    DocumentKind,
    Employment,
    Filing,
    FilingKind,
    FilingStatus,
    IncomeYear,
    MediaType,
    PersonProfile,
    PersonRecords,
    Relation,
)
from core.storage.repositories import case_store
from core.storage.sqlite.db import DB_FILENAME, open_database

FAMILY = ("SMITH", "HALL", "JONES", "BROWN", "MÜLLER", "MARTIN", "GARCIA", "ROSSI", "TANAKA", "KIM", "NOVAK",
          "DUBOIS", "SILVA", "IVANOV", "NGUYEN", "WILSON", "TAYLOR", "SCHMIDT", "LOPEZ", "ANDERSEN", "MOORE",
          "CLARK", "LEWIS", "WALKER", "YOUNG", "KING", "WRIGHT", "SCOTT", "GREEN", "BAKER", "ADAMS", "NELSON")
GIVEN = ("Amelia", "Oliver", "Emma", "Noah", "Sofia", "Lucas", "Mia", "Leon", "Anna", "David", "Laura", "Paul",
         "Hannah", "Max", "Clara", "Jan", "Eva", "Tom", "Lea", "Ben", "Nina", "Felix", "Ida", "Hugo")
ZH_FAMILY = "史霍琼布穆马加罗田金诺杜席伊阮威泰施洛安摩克刘沃杨金莱斯格贝亚尼"
ZH_GIVEN = "爱奥艾诺索卢米莱安大劳保汉马克扬伊汤本尼菲雨果文华明丽"
NATIONS = ("GBR", "USA", "DEU", "FRA", "ITA", "JPN", "KOR", "CZE", "BRA", "RUS", "VNM", "CAN", "AUS", "ESP")
CITIES = ("Beijing", "Shanghai", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu")
EMPLOYERS = ("北京远景科技有限公司", "上海蓝海贸易有限公司", "深圳星河电子有限公司", "广州南方咨询有限公司",
             "杭州云帆网络有限公司", "成都天府教育科技有限公司")
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _person(rng: random.Random, ids: _Ids, as_of: dt.date, family: str, pid: int, principal: int | None,
            relation: Relation | None, blobs: dict[str, bytes]) -> PersonRecords:
    aid = ApplicantId(pid)
    adult = relation is not Relation.CHILD
    born = as_of - dt.timedelta(days=rng.randint(25 * 365, 60 * 365) if adult else rng.randint(2 * 365, 16 * 365))
    nation = rng.choice(NATIONS)
    applicant = Applicant(family, rng.choice(GIVEN), rng.choice(ZH_FAMILY) + "".join(rng.sample(ZH_GIVEN, 2)),
                          rng.choice(list(Sex)), born, nation, rng.choice(CITIES), aid)
    passports = []
    for n in range(rng.choice((1, 1, 2))):
        expiry = as_of + dt.timedelta(days=rng.randint(-3 * 365, 9 * 365) - n * 3650)
        passports.append(Passport(aid, f"{nation[0]}{rng.randint(10**7, 10**8 - 1)}", nation,
                                  expiry - dt.timedelta(days=3652), expiry, PassportId(ids())))
    citizenship = Citizenship.PR_HOLDER if rng.random() < 0.05 else Citizenship.FOREIGN
    docs: list[Document] = []

    def doc(kind: DocumentKind, days_left: int, years: int, **kw: object) -> Document:
        expiry = as_of + dt.timedelta(days=days_left)
        d = Document(aid, kind, issue_date=expiry - dt.timedelta(days=365 * years), expiry_date=expiry,
                     id=DocumentId(ids()), **kw)  # type: ignore[arg-type]
        docs.append(d)
        return d

    permit = doc(DocumentKind.RESIDENCE_PERMIT, rng.randint(-60, 5 * 365), 2, number=f"RP{rng.randint(10**6, 10**7)}",
                 subtype="work" if principal is None else "family_reunion", passport_id=passports[0].id)
    if principal is None:
        doc(DocumentKind.WORK_PERMIT, rng.randint(-30, 2 * 365), 2, number=f"WP{rng.randint(10**8, 10**9)}")
        doc(DocumentKind.HEALTH_CERTIFICATE, rng.randint(-200, 300), 1)
        doc(DocumentKind.NO_CRIMINAL_RECORD, rng.randint(-100, 200), 1, issuing_country=nation)
    if citizenship is Citizenship.PR_HOLDER:
        doc(DocumentKind.PR_CARD, rng.randint(100, 3000), 10)
    attachments = []
    if rng.random() < 0.1:
        data = PNG + pid.to_bytes(4, "big")
        sha = hashlib.sha256(data).hexdigest()
        blobs[sha] = data
        attachments.append(Attachment("permit.png", MediaType.PNG, len(data), sha, document_id=permit.id))
    crossings = _crossings(rng, aid, as_of)
    income, employment = [], []
    if principal is None:
        employer = rng.choice(EMPLOYERS)
        employment.append(Employment(aid, employer, "", f"91{rng.randint(10**15, 10**16 - 1)}", "Engineer",
                                     start_date=as_of - dt.timedelta(days=rng.randint(400, 4000))))
        for year in range(as_of.year - 5, as_of.year):
            cert = doc(DocumentKind.TAX_CERTIFICATE, 10_000, 1, notes=str(year))
            wage = Decimal(rng.randint(300_000, 1_500_000))
            income.append(IncomeYear(aid, year, wage, (wage * Decimal("0.2")).quantize(Decimal(1)),
                                     applicant.city, (cert.id,)))  # type: ignore[arg-type]
    filings = []
    if rng.random() < 0.3:
        status = rng.choice(list(FilingStatus))
        filings.append(Filing(aid, FilingKind.RP_RENEWAL, applicant.city, status,
                              as_of + dt.timedelta(days=rng.randint(-90, 60)),
                              as_of - dt.timedelta(days=rng.randint(1, 20)) if status is FilingStatus.ACCEPTED
                              else None))
    addresses = [Address(aid, as_of - dt.timedelta(days=rng.randint(30, 2000)), f"{rng.randint(1, 999)} Road",
                         applicant.city)]
    profile = PersonProfile(aid, citizenship, ApplicantId(principal) if principal else None, relation)
    return PersonRecords(applicant, profile, tuple(passports), tuple(docs), tuple(attachments), tuple(crossings),
                         tuple(addresses), tuple(employment), tuple(income), tuple(filings))


def _crossings(rng: random.Random, aid: ApplicantId, as_of: dt.date) -> list[Crossing]:
    """About 100 alternating crossings over eight years, ending with an entry or an exit."""
    out = []
    day = as_of - dt.timedelta(days=8 * 365)
    direction = Direction.ENTRY
    while True:
        day += dt.timedelta(days=rng.randint(3, 55))
        if day > as_of:
            return out
        out.append(Crossing(day, direction, dt.time(rng.randint(6, 22), rng.randint(0, 59)), "PEK", "", False, aid))
        direction = direction.opposite


def family_case(rng: random.Random, as_of: dt.date) -> CaseRecords:
    """One client: a principal and, one time in four, a spouse and sometimes a child."""
    ids = _Ids()
    blobs: dict[str, bytes] = {}
    family = rng.choice(FAMILY)
    principal = _person(rng, ids, as_of, family, ids(), None, None, blobs)
    dependants = []
    if rng.random() < 0.25:
        dependants.append(_person(rng, ids, as_of, family, ids(), int(principal.applicant.id or 0),
                                  Relation.SPOUSE, blobs))
        if rng.random() < 0.1:
            dependants.append(_person(rng, ids, as_of, family, ids(), int(principal.applicant.id or 0),
                                      Relation.CHILD, blobs))
    return CaseRecords(principal, tuple(dependants), blobs)


def generate(data_dir: Path, clients: int, seed: int = 1, as_of: dt.date = dt.date(2026, 11, 29),
             progress: bool = False) -> Path:
    """A new store in `data_dir` with `clients` families; returns the database path."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DB_FILENAME
    if path.exists():
        raise SystemExit(f"{path} exists; generate into an empty folder")
    conn = open_database(path)
    rng = random.Random(seed)
    start = time.monotonic()
    try:
        for n in range(clients):
            case_store.CaseRepository(conn).insert(family_case(rng, as_of))
            if progress and n % 1000 == 999:
                print(f"{n + 1} clients, {time.monotonic() - start:.0f} s", file=sys.stderr)
    finally:
        conn.close()
    return path


def write_case_files(folder: Path, clients: int, seed: int = 1, as_of: dt.date = dt.date(2026, 11, 29)) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for n in range(clients):
        path = folder / f"client-{n + 1:05d}.json"
        write_case_file(family_case(rng, as_of), path)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data_dir", type=Path, nargs="?")
    p.add_argument("--clients", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 29))
    p.add_argument("--case-files", type=Path, default=None, help="write case files to this folder instead")
    args = p.parse_args(argv)
    if args.case_files is not None:
        write_case_files(args.case_files, args.clients, args.seed, args.as_of)
        return 0
    if args.data_dir is None:
        p.error("DATA_DIR is required")
    print(generate(args.data_dir, args.clients, args.seed, args.as_of, progress=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
