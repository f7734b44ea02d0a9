"""A family filing together (NIA-12: the spouse and minor children apply with the principal; a worker's family
with the worker): one packet per person, and a cover that lists them in the order they are handed in.

Each kind may name, as data (`family_kind` in templates/kinds), the kind its family files with it; a member to
whom that kind does not apply is listed with the reason and gets no packet. Pure: values in, content out.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from core.packets.content import LabelledValue, PacketContent, Text
from core.packets.plan import Refusal

RELATION_TEXT = {"principal": Text("主申请人", "Principal"), "spouse": Text("配偶", "Spouse"),
                 "child": Text("子女", "Child"), "parent": Text("父母", "Parent"), "other": Text("亲属", "Relative")}
COVER_TITLE = Text("家庭成员随同申请 · 总封面", "Family filing together · cover")
HOW_TO_FILE = LabelledValue(Text("递交方式", "How to file"),
                            "每人一套材料，按本页顺序与主申请人的材料同时提交。 "
                            "One set of papers per person, handed in with the principal's in the order of this page.")


@dataclass(frozen=True)
class FamilyMember:
    """One person of the family filing: who, what they file (or why they cannot), and their packet's pages."""

    relation: str  # principal | spouse | child | parent | other (to the principal)
    name: str
    kind: Text
    refusals: tuple[Refusal, ...] = ()
    pages: int = 0


def family_cover(principal: PacketContent, members: Sequence[FamilyMember]) -> PacketContent:
    """The principal's cover facts, a line per member with their kind, and no forms, checklist or findings."""
    lines = []
    for number, member in enumerate(members, 1):
        relation = RELATION_TEXT.get(member.relation, RELATION_TEXT["other"])
        label = Text(f"{number}. {relation.zh}", f"{number}. {relation.en}")
        if member.refusals:
            reason = member.refusals[0].reason
            text = f"{member.name} — 不随同申请：{reason.zh} / Not filing with the principal: {reason.en}"
        else:
            pages = f"（{member.pages} 页 / {member.pages} pages）" if member.pages else ""
            text = f"{member.name} — {member.kind.zh} {member.kind.en}{pages}"
        lines.append(LabelledValue(label, text))
    return dataclasses.replace(
        principal, title=COVER_TITLE, applicant=(*lines, HOW_TO_FILE), notes=(), findings=(), forms=(),
        checklist=None, presence=None, income=None, eligibility=None, attachments=(), document_id="")
