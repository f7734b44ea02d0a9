"""Where the filing wizard saves what it built: the three sets of one packet beside each other, and for a family
filing together the family's cover, the principal's three sets and each member's, all under one chosen name."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.i18n import _, current_locale
from core.packets.audiences import AUDIENCE_TEXT, Audience

if TYPE_CHECKING:
    from core.render.packet_merge import PacketResult
    from core.services.packets import FamilyFiling

COVER = -1  # the family cover's entry in the wizard's "whose packet" choice


@dataclass(frozen=True)
class FamilySets:
    """What a family build rendered: the cover, and each member's three sets (principal first)."""

    cover: PacketResult
    members: list[tuple[FamilyFiling, dict[Audience, PacketResult]]]

    def results(self, member: int) -> dict[Audience, PacketResult]:
        return self.members[member][1] if 0 <= member < len(self.members) else {}


def audience_paths(base: Path) -> dict[Audience, Path]:
    """The three sets of one build beside each other, each named in the interface's language:
    "KIM Minjun … 2026-11-22 - Filing set.pdf", "… - Client to-do list.pdf", "… - Internal memo.pdf"."""
    zh = current_locale().startswith("zh")
    stem = base.stem
    return {a: base.with_name(f"{stem} - {AUDIENCE_TEXT[a].zh if zh else AUDIENCE_TEXT[a].en}.pdf") for a in Audience}


def family_files(base: Path, sets: FamilySets) -> list[tuple[PacketResult, Path]]:
    """Every file of a family filing: "… - Family cover.pdf", the principal's three sets under `base`, and each
    member's under "… - <member's name>"."""
    files = [(sets.cover, base.with_name(f"{base.stem} - {_('Family cover')}.pdf"))]
    for n, (member, results) in enumerate(sets.members):
        member_base = base if n == 0 else base.with_name(f"{base.stem} - {file_name(member.name)}.pdf")
        files += [(results[a], path) for a, path in audience_paths(member_base).items()]
    return files


def file_name(text: str) -> str:
    """`text` usable as a file name on Windows, macOS and Linux."""
    cleaned = "".join("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in text)
    return " ".join(cleaned.split()).strip(" .") or "packet"
