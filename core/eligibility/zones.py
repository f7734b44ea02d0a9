"""Development zones (rules/zones.toml): what an employment's zone may hold, named in both languages."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.i18n import current_locale
from core.ruledata.loader import RULES_DIR, Provenance, RulesError, field, load_toml

ZONES_FILE = RULES_DIR / "zones.toml"


@dataclass(frozen=True)
class Zone:
    id: str
    name_en: str
    name_zh: str
    city: str
    provenance: Provenance

    def names(self) -> tuple[str, str]:
        return self.id, self.name_zh


def load_zones(path: Path = ZONES_FILE) -> tuple[Zone, ...]:
    rows = field(load_toml(path), "zone", list, path, "")
    zones = []
    for i, t in enumerate(rows):
        where = f"zone[{i}]"
        if not isinstance(t, dict):
            raise RulesError(path, where, "expected a table")
        zones.append(Zone(field(t, "id", str, path, where), field(t, "name_en", str, path, where),
                          field(t, "name_zh", str, path, where), field(t, "city", str, path, where),
                          Provenance.read(t, path, where)))
    ids = [z.id for z in zones]
    if len(set(ids)) != len(ids):
        raise RulesError(path, "zone", "an id is listed twice")
    return tuple(zones)


@cache
def shipped_zones() -> tuple[Zone, ...]:
    return load_zones()


def zone_name(zone: str) -> str:
    """A stored zone in the current language ("zhongguancun" → 中关村 / Zhongguancun); other text as it is."""
    for z in shipped_zones():
        if zone.casefold() in (n.casefold() for n in z.names()):
            return z.name_zh if current_locale().startswith("zh") else z.name_en
    return zone
