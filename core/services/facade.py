"""The use-case facade: the only entry point the UI and the CLI use for records, rules and documents.

It only composes: it opens the store, builds each service with the collaborators that service needs, and gives
the most used use cases short names. The use cases themselves live in the sibling modules.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import InputError, Problem
from core.ruledata.loader import load_setting_defs
from core.services.eligibility import EligibilityService
from core.services.identity import IdentityService
from core.services.records import RecordsService
from core.services.settings import SettingsService
from core.services.travel import TravelService
from core.storage.db import DB_FILENAME, Connection, backup, open_database
from core.storage.store import Store

if TYPE_CHECKING:
    from core.services.packets import PacketService


class JuliuService:
    """Records and computations for one database file."""

    def __init__(self, conn: Connection, path: Path):
        self.path = path
        self._conn = conn
        self.store = store = Store.on(conn)
        self.setting_service = SettingsService(store.settings, load_setting_defs())
        settings = self.settings = self.setting_service.settings
        self.identity = IdentityService(store.work, store.applicants, store.passports, store.crossings)
        self.records = RecordsService(store, settings)
        self.travel = TravelService(store.crossings, settings)
        self.eligibility = EligibilityService(self.records, settings, self.setting_service.defs)
        # Short names for the use cases the window and the commands call most.
        self.setting_defs = self.setting_service.setting_defs
        self.setting_groups = self.setting_service.setting_groups
        self.set_setting = self.setting_service.set_setting
        self.reset_setting = self.setting_service.reset_setting
        identity = self.identity
        self.list_applicants = identity.list_applicants
        self.get_applicant = identity.get_applicant
        self.require_applicant = identity.require_applicant
        self.save_applicant = identity.save_applicant
        self.save_identity = identity.save_identity
        self.delete_applicant = identity.delete_applicant
        self.find_duplicates = identity.find_duplicates
        self.merge_identity = identity.merge_identity
        self.list_passports = identity.list_passports
        self.save_passport = identity.save_passport
        self.list_crossings = identity.list_crossings
        self.save_crossing = identity.save_crossing
        self.add_crossings = identity.add_crossings
        self.delete_crossings = identity.delete_crossings
        self.year_counts = identity.year_counts
        self.sequence_warnings = identity.sequence_warnings
        self.export_summary_pdf = identity.export_summary_pdf

    @functools.cached_property
    def packets(self) -> PacketService:
        """Built on first use: packets bring the PDF libraries, which a start-up or `case list` does not need."""
        from core.services.packets import PacketService


        return PacketService(self.records, self.travel, self.eligibility, self.settings, self.store.work)

    @classmethod
    def open(cls, data_dir: Path) -> JuliuService:
        path = data_dir / DB_FILENAME
        return cls(open_database(path), path)

    def close(self) -> None:
        self._conn.close()

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the whole case store (attachments included), safe while the app is open."""
        if target.resolve() == self.path.resolve():
            raise InputError([Problem(str(target), None, "", "is the database itself; choose another file")])
        if target.exists():
            raise InputError([Problem(str(target), None, "", "already exists; Juliu does not overwrite backups")])
        partial = target.with_name(target.name + ".partial")
        backup(self._conn, partial)
        partial.replace(target)
        return target
