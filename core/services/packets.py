"""Filing packets from stored records: the use cases behind `packet --applicant` and the filing wizard.

Reads the applicant's and their family's records, turns them into PacketFacts, the documents held, form values
and summaries (core/packets/records/from_records.py and its siblings, all pure), lets core/packets/builder.py put the
content together with the pre-flight findings, and renders it with core/render/packet_pdf.py.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from core.deadlines.config import DeadlineSettings, load_deadline_rules
from core.deadlines.working_days import add_working_days
from core.eligibility.apostille import load_apostille
from core.eligibility.book import RuleBook
from core.errors import InputError, Problem
from core.i18n import _
from core.packets.audiences import Audience, for_audience
from core.packets.builder import build_content
from core.packets.checklist import build_checklist
from core.packets.content import (
    ChecklistRow,
    EligibilitySummary,
    Finding,
    IncomeSummary,
    PacketContent,
    PresenceSummary,
    Severity,
    Text,
)
from core.packets.family import FamilyMember, family_cover
from core.packets.kinds.layers import TemplateSet, load_templates
from core.packets.kinds.templates import KindTemplate
from core.packets.next_kind import next_kind
from core.packets.plan import PacketPlan, Refusal, plan_packet, refusals
from core.packets.records.authentication import apostille_findings
from core.packets.records.companions import COMPANIONS, chinese_countries, with_companions
from core.packets.records.documents import (
    PASSPORT,
    HeldDocument,
    attachments,
    best_passport,
    document_facts,
    family_name_findings,
    held_documents,
)
from core.packets.records.evidence import with_checklist_evidence
from core.packets.records.from_records import (
    FilingRecords,
    Relative,
    city_id,
    packet_facts,
    principal_line,
    relation_to,
    suggested_kinds,
)
from core.packets.records.letter_values import letter_values
from core.packets.records.summaries import (
    PRESENCE_BY_ROUTE,
    SalaryTest,
    eligibility_summary,
    income_summary,
    presence_summary,
)
from core.packets.records.term import first_permit_term, residence_term, term_findings
from core.packets.records.values import applicant_lines, form_values
from core.packets.records.window import window_findings
from core.records.identity import ApplicantId
from core.records.model import Attachment as StoredAttachment
from core.records.model import Document, DocumentKind, FilingKind
from core.ruledata.loader import Settings
from core.services.eligibility import EligibilityService
from core.services.lookup import stored
from core.services.records import RecordsService
from core.services.travel import TravelService
from core.storage.store import UnitOfWork

if TYPE_CHECKING:
    from core.render.packet_merge import PacketResult

SALARY_ROUTE = "pr-salary-tax"
FILING_KINDS = {  # the filing records (core.records.model.FilingKind) a packet kind is prepared for
    "rp_work_renewal": (FilingKind.RP_RENEWAL,), "rp_family_renewal": (FilingKind.RP_RENEWAL,),
    "wp_extension": (FilingKind.WP_EXTENSION,), "pr_card_renewal": (FilingKind.PR_CARD_RENEWAL,),
    "rp_work_first": (FilingKind.RP_FIRST,), "rp_personal_affairs": (FilingKind.RP_FIRST,),
    "rp_passport_change": (FilingKind.RP_CHANGE,),
    **{k: (FilingKind.PR_APPLICATION,) for k in ("pr_salary_tax", "pr_position", "pr_spouse", "pr_child",
                                                  "pr_elderly", "pr_dependant")},
}


@dataclass(frozen=True)
class PreparedPacket:
    """A packet's content before rendering, with the records behind each checklist row (for attaching scans)."""

    applicant_id: ApplicantId
    plan: PacketPlan
    content: PacketContent
    held: dict[str, HeldDocument]

    @property
    def blockers(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.content.findings if f.severity is Severity.BLOCKER)


class PacketBlocked(InputError):
    """`--strict`: the pre-flight check found blockers, so no packet is built."""

    def __init__(self, blockers: tuple[Finding, ...]):
        super().__init__([Problem("", None, f.item_key or "pre-flight", f"{f.message.en} / {f.message.zh}")
                          for f in blockers])
        self.blockers = blockers


class KindRefused(InputError):
    """The kind does not apply to this applicant on the filing date (its `applies` data says why)."""

    def __init__(self, kind: str, refusals: tuple[Refusal, ...]):
        super().__init__([Problem("", None, "packet_kind", _("{kind} does not apply: {reason}").format(
            kind=kind, reason=f"{r.reason.en} / {r.reason.zh}") + (f" ({r.source})" if r.source else ""))
            for r in refusals])  # both languages: cli.packet_records and the wizard say it in the interface's
        self.kind, self.refusals = kind, refusals


@dataclass(frozen=True)
class FamilyFiling:
    """One member of a family filing together: their packet, or why the family's kind does not apply to them."""

    applicant_id: ApplicantId
    relation: str  # to the principal: principal | spouse | child | parent | other
    name: str
    kind: str
    prepared: PreparedPacket | None
    refusals: tuple[Refusal, ...] = ()


class PacketService:
    """Builds packets for one database; reads through the records, travel and eligibility services only."""

    def __init__(self, records: RecordsService, travel: TravelService, eligibility: EligibilityService,
                 settings: Callable[[], Settings], work: UnitOfWork):
        self._records = records
        self._work = work
        self._travel = travel
        self._eligibility_service = eligibility
        self._settings = settings

    # --- what can be built ------------------------------------------------------------------------------------
    def templates(self) -> TemplateSet:
        return load_templates()

    def kinds(self) -> list[KindTemplate]:
        """Every packet kind, residence permits first, then work permits, then permanent residence."""
        national = self.templates().national
        return sorted(national.values(), key=lambda k: (("rp", "wp", "pr").index(k.group), k.id))

    def cities(self) -> dict[str, Text]:
        return {key: layer.name for key, layer in sorted(self.templates().cities.items())}

    def suggested_kinds(self, applicant_id: ApplicantId, day: dt.date) -> list[str]:
        """The kinds the applicant's records point to (renewals of what they hold, PR routes open to them)."""
        return suggested_kinds(self.filing_records(applicant_id), day)

    def next_kind(self, applicant_id: ApplicantId, day: dt.date) -> str | None:
        """The kind the applicant's earliest filing deadline calls for, else the first suggested (the wizard's
        preselection)."""
        report = self._records.deadlines(day, applicant_id)
        return next_kind(report.items, self.suggested_kinds(applicant_id, day))

    def applicability(self, applicant_id: ApplicantId, day: dt.date, city: str | None = None
                      ) -> dict[str, tuple[Refusal, ...]]:
        """For every kind, why it does not apply to the applicant on `day` (empty: it applies)."""
        records = self.filing_records(applicant_id)
        templates = self.templates()
        city = self.default_city(applicant_id) if city is None else city
        adult_age = int(self._settings()["packet_adult_age"])
        result = {}
        for kind in self.kinds():
            template = templates.kind(kind.id, city) if city in templates.cities else kind
            facts, _ = packet_facts(template, records, day, city, None, adult_age)
            result[kind.id] = refusals(template, facts)
        return result

    def planned_filing_date(self, applicant_id: ApplicantId, kind: str, today: dt.date) -> dt.date | None:
        """The intended date of a filing of this kind being prepared, on or after `today` (the wizard's default)."""
        return self._records.planned_filing_date(applicant_id, FILING_KINDS.get(kind, ()), today)

    def default_city(self, applicant_id: ApplicantId) -> str:
        """The city layer the applicant's recorded city names, or "" (the national list)."""
        return city_id(self._records.applicant(applicant_id).city, self.templates())

    # --- content ----------------------------------------------------------------------------------------------
    def filing_records(self, applicant_id: ApplicantId) -> FilingRecords:
        records = self._records
        with stored("applicant"):
            person = records.person_records(applicant_id)
        relatives = tuple(Relative(records.person_records(a.id), relation_to(person.profile, profile))
                          for a, profile in records.family(applicant_id) if a.id is not None and a.id != applicant_id)
        return FilingRecords(person, relatives)

    def prepare(self, applicant_id: ApplicantId, kind: str, *, today: dt.date, city: str | None = None,
                filing_date: dt.date | None = None, permit_months: int | None = None) -> PreparedPacket:
        """The packet's content on `filing_date` (default today) in `city` (default the applicant's city)."""
        records = self.filing_records(applicant_id)
        templates = self.templates()
        if kind not in templates.national:
            raise InputError([Problem("", None, "packet_kind", _("unknown packet kind {kind}; known: {known}").format(
                kind=repr(kind), known=", ".join(sorted(templates.national))))])
        day = filing_date or today
        city = self.default_city(applicant_id) if city is None else city
        template = templates.kind(kind, city) if city in templates.cities else templates.national[kind]
        settings = self._settings()
        facts, assumptions = packet_facts(template, records, day, city, permit_months,
                                          int(settings["packet_adult_age"]))
        refused = refusals(template, facts)
        if refused:
            raise KindRefused(kind, refused)
        facts, assumptions = first_permit_term(template, facts, records, assumptions)
        plan = plan_packet(facts, templates, settings)
        plan, held = with_companions(plan, held_documents(plan, records), records, load_apostille(),
                                     chinese_countries(str(settings["packet_chinese_language_countries"])))
        values = {**form_values(plan.kind, facts, records),
                  **letter_values(records, day, plan.kind.name, plan.kind.city)}
        passport = best_passport(records.person.passports, day)
        processing_end, processing_notes = self._processing_end(plan.kind, day)
        content = build_content(
            plan, applicant_name=_display_name(records),
            generated_on=today, documents=document_facts(held), form_values=values,
            applicant=(*applicant_lines(values), *principal_line(plan.kind, records)),
            presence=self._presence(records, plan), income=self._income(records, plan, city),
            eligibility=self._eligibility(applicant_id, plan, build_checklist(plan, document_facts(held)).rows),
            processing_end=processing_end, passport_name=records.person.applicant.latin_name,
            chinese_name=records.person.applicant.chinese_name,
            passport_expiry=passport.expiry_date if passport else None,
            min_passport_months=int(settings["passport_min_remaining_months"]),
            findings=(*family_name_findings(held, records), *apostille_findings(held, records, day, load_apostille()),
                      *assumptions, *processing_notes,
                      *window_findings(plan.kind, facts, load_deadline_rules()),
                      *self._term_findings(plan, records, settings)))
        content = _sorted_findings(content)
        rows = content.checklist.rows if content.checklist else ()
        scans = attachments(rows, held, records, self._scan_data)
        return PreparedPacket(applicant_id, plan, dataclasses.replace(content, attachments=tuple(scans)), held)

    def family(self, applicant_id: ApplicantId, kind: str, *, today: dt.date, city: str | None = None,
               filing_date: dt.date | None = None, permit_months: int | None = None) -> list[FamilyFiling]:
        """The principal's packet of `kind` and each family member's of the kind's `family_kind` (NIA-12: filed
        together), principal first, then the spouse, then the children by age; a member it does not apply to
        is listed with the reasons."""
        principal = self.prepare(applicant_id, kind, today=today, city=city, filing_date=filing_date,
                                 permit_months=permit_months)
        template, records = principal.plan.kind, self.filing_records(applicant_id)
        if not template.family_kind or records.person.profile.principal_id is not None:
            why = _("{name} is a family member's record: choose the principal") if template.family_kind else \
                _("{name}: the packet {kind} ({title}) has no variant for family members, so it cannot be built "
                  "with --family (family_kind in templates/kinds/{kind}.toml)")
            raise InputError([Problem("", None, "--family", why.format(
                name=_display_name(records), kind=kind, title=template.name.shown))])
        members = [FamilyFiling(applicant_id, "principal", _display_name(records), kind, principal)]
        order = {"spouse": 0, "child": 1}
        relatives = sorted(records.relatives, key=lambda r: (order.get(r.relation, 2), r.records.applicant.birth_date
                                                              or dt.date.min))
        for relative in relatives:
            member = relative.records.applicant.id
            assert member is not None
            name = _display_name(FilingRecords(relative.records))
            try:
                prepared = self.prepare(member, template.family_kind, today=today, city=principal.plan.facts.city,
                                        filing_date=principal.plan.facts.filing_date)
                members.append(FamilyFiling(member, relative.relation, name, template.family_kind, prepared))
            except KindRefused as refused:
                members.append(FamilyFiling(member, relative.relation, name, template.family_kind, None,
                                            refused.refusals))
        return members

    def family_kind(self, applicant_id: ApplicantId, kind: str) -> str:
        """The kind the family files with `kind` when this applicant is a principal with family recorded, else ""
        (the wizard offers the family filing only then)."""
        template = self.templates().national.get(kind)
        if template is None or not template.family_kind:
            return ""
        records = self.filing_records(applicant_id)
        principal = records.person.profile.principal_id is None and bool(records.relatives)
        return template.family_kind if principal else ""

    def render_family(self, members: list[FamilyFiling], *, checklist_only: bool = False,
                      font_path: Path | None = None, audiences: tuple[Audience, ...] = tuple(Audience)
                      ) -> tuple[PacketResult, list[tuple[FamilyFiling, dict[Audience, PacketResult]]]]:
        """Each member's sets (the three, or the `audiences` asked for) and the family's cover listing them in
        filing order (pages of the officer's set, else of the first set asked for); pure computation on prepared
        content, so it may run on a worker thread."""
        built, listed = [], []
        for m in members:
            if m.prepared is None:
                listed.append(FamilyMember(m.relation, m.name, Text("", ""), m.refusals))
                continue
            results = {a: self.render(m.prepared, checklist_only=checklist_only, font_path=font_path, audience=a)
                       for a in audiences}
            built.append((m, results))
            listed.append(FamilyMember(m.relation, m.name, m.prepared.content.kind,
                                       pages=results.get(Audience.OFFICER, results[audiences[0]]).pages))
        principal = members[0].prepared
        assert principal is not None
        cover = dataclasses.replace(principal, content=family_cover(principal.content, listed))
        return self.render(cover, font_path=font_path, audience=Audience.OFFICER), built

    def _term_findings(self, plan: PacketPlan, records: FilingRecords, settings: Settings) -> list[Finding]:
        """Which document set the requested term; a work permit ending first is extended first (issue 10 §3)."""
        lead, _lenient, key = DeadlineSettings.from_settings(settings).wp_lead_for(
            f"{records.person.applicant.city} {plan.kind.city.en if plan.kind.city else ''}")
        del key  # the setting in use shows in the internal memo, not on the officer's pages
        return term_findings(residence_term(plan.kind, plan.facts, records), lead, "WP-EXT")

    def _scan_data(self, attachment: StoredAttachment) -> bytes:
        assert attachment.id is not None
        return self._records.attachment_data(attachment.id)

    def _processing_end(self, kind: KindTemplate, day: dt.date) -> tuple[dt.date | None, list[Finding]]:
        """The expected decision date (DOMAIN §8): working days by the official calendar, or calendar days."""
        if kind.processing is None:
            return None, []
        p = kind.processing
        if p.unit == "calendar":
            return day + dt.timedelta(days=p.days), []
        result = add_working_days(day, p.days)
        notes = [Finding(Severity.INFO, Text(
            f"预计办结日按周一至周五计（{'、'.join(map(str, result.fallback_years))}年无官方节假日安排）",
            result.warning), "", p.provenance.source)] if result.fallback_years else []
        return result.due, notes

    def _presence(self, records: FilingRecords, plan: PacketPlan) -> PresenceSummary | None:
        config = self._travel.config()
        key = PRESENCE_BY_ROUTE.get(plan.kind.route)
        condition = next((c for c in config.rules.pr_conditions if c.key == key), None) if key else None
        crossings = [c for c in records.person.crossings if not c.planned]
        return presence_summary(crossings, plan.facts.filing_date, config, condition)

    def _income(self, records: FilingRecords, plan: PacketPlan, city: str) -> IncomeSummary | None:
        income = records.person.income
        if plan.kind.group != "pr" or not income and plan.kind.route != SALARY_ROUTE:
            return None
        book = self.rule_book()
        test = _salary_test(book, self._settings()) if plan.kind.route == SALARY_ROUTE else None
        area = self.templates().cities[city].name.en if city in self.templates().cities else ""
        return income_summary(income, plan.facts.filing_date, area, book.wages, test)

    def rule_book(self) -> RuleBook:
        return self._eligibility_service.book

    def _eligibility(self, applicant_id: ApplicantId, plan: PacketPlan, rows: tuple[ChecklistRow, ...]
                     ) -> EligibilitySummary | None:
        """The kind's route judged by the eligibility engine on the filing date (its criteria feed pre-flight),
        with the facts a checklist row evidences read from that row (one source of truth, issue 10 §11)."""
        route = plan.kind.route
        if not route or route not in self.rule_book().routes.by_id:
            return None
        day = plan.facts.filing_date
        try:
            facts = with_checklist_evidence(self._eligibility_service.facts(applicant_id, day).facts, plan, rows)
            report = self._eligibility_service.assess_facts(facts, day, route_ids=[route])
        except ValueError:  # a route that is not law (a draft) is never used for a verdict
            return None
        return eligibility_summary(report.routes[0]) if report.routes else None

    # --- output -----------------------------------------------------------------------------------------------
    def render(self, prepared: PreparedPacket, *, checklist_only: bool = False,
               font_path: Path | None = None, audience: Audience = Audience.MEMO) -> PacketResult:
        """The PDF bytes for one audience (issue 10 §6); pure computation on the prepared content, so it may run
        on a worker thread. The client's to-do list is a cover and a checklist."""
        from core.render.packet_pdf import render_packet_bytes  # PDF libraries load when a PDF is made

        content = for_audience(prepared.content, audience)
        return render_packet_bytes(content, font_path=font_path,
                                   checklist_only=checklist_only or audience is Audience.CLIENT)

    def build(self, prepared: PreparedPacket, out: Path, *, checklist_only: bool = False, strict: bool = False,
              font_path: Path | None = None, audience: Audience = Audience.MEMO) -> PacketResult:
        """Write the packet to `out`; with `strict`, refuse (PacketBlocked) while a blocker remains."""
        if strict and prepared.blockers:
            raise PacketBlocked(prepared.blockers)
        from core.render.summary_pdf import write_atomically

        result = self.render(prepared, checklist_only=checklist_only, font_path=font_path, audience=audience)
        write_atomically(Path(out), result.data)
        return dataclasses.replace(result, path=Path(out))

    def save(self, result: PacketResult, out: Path) -> Path:
        """Write rendered bytes (the wizard's preview) to `out` atomically."""
        from core.render.summary_pdf import write_atomically

        write_atomically(Path(out), result.data)
        return Path(out)

    # --- scans ------------------------------------------------------------------------------------------------
    def attachable(self, prepared: PreparedPacket, row_key: str) -> bool:
        """Whether a scan can go to a record for this row: its record, or a new document of the item's kind
        (items no record kind serves, such as photos, are prepared by hand; a passport is added in Travel)."""
        held = prepared.held.get(row_key)
        if held is not None:
            return True
        item = next((i for i in prepared.plan.items if i.key == row_key), None)
        return item is not None and any(k != PASSPORT for k in item.records)

    def attach_scan(self, prepared: PreparedPacket, row_key: str, path: Path) -> None:
        """Attach a scan to the record behind a checklist row, creating an empty document record of the item's
        first document kind when the applicant has none (its number and dates are then filled in Documents)."""
        held = prepared.held.get(row_key)
        records = self._records
        if held is not None and held.passport_id is not None:
            records.attach_file(path, passport_id=held.passport_id)
            return
        if held is not None and held.document_ids:
            records.attach_file(path, document_id=held.document_ids[0])
            return
        item = prepared.plan.item(row_key)
        kinds = [k for k in item.records if k != PASSPORT]
        if not kinds:
            what = _("a passport (Travel tab)") if item.records else _("nothing: this item is ticked by hand")
            raise InputError([Problem(str(path), None, row_key, _("no record to attach to; this row is served by "
                                                                  "{what}").format(what=what))])
        owner = prepared.held.get(row_key.rsplit(":", 1)[0]) if item.item in COMPANIONS else None
        related = owner.document_ids[0] if owner is not None and owner.document_ids else None
        country = row_key.split(":")[1] if row_key.count(":") == 1 and item.year is None and related is None else ""
        applicant = owner.holder if owner is not None else prepared.applicant_id  # beside the document it certifies
        with self._work():  # the new document and its scan, or neither (an unreadable file adds nothing)
            doc, _warnings = records.save_document(Document(applicant, DocumentKind(kinds[0]),
                                                            issuing_country=country, related_id=related))
            assert doc.id is not None
            records.attach_file(path, document_id=doc.id)


def _display_name(records: FilingRecords) -> str:
    a = records.person.applicant
    return f"{a.latin_name} {a.chinese_name}".strip()


def _salary_test(book: RuleBook, settings: Settings) -> SalaryTest:
    route = book.routes.get(SALARY_ROUTE)
    params = {c.kind: c.params for c in route.criteria}
    wage, tax = params["wage_multiple"], params["tax_share"]
    return SalaryTest(int(wage["years"]), Decimal(str(wage["multiple"])), Decimal(str(tax["share"])),
                      settings)


def _sorted_findings(content: PacketContent) -> PacketContent:
    order = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return dataclasses.replace(content, findings=tuple(sorted(content.findings, key=lambda f: order[f.severity])))
