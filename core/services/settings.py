"""The user's overrides of rule defaults (rules/settings/*.toml declare them, with source and default)."""
from __future__ import annotations

import json
from collections.abc import Mapping

from core.errors import InputError, Problem
from core.i18n import N_
from core.ruledata.loader import SettingDef, Settings, setting_groups
from core.storage.repositories.repositories import SettingRepository


class SettingsService:
    def __init__(self, store: SettingRepository, defs: Mapping[str, SettingDef]):
        self._store = store
        self.defs = defs

    def settings(self) -> Settings:
        return Settings(self.defs, self._store.all())

    def setting_defs(self) -> Mapping[str, SettingDef]:
        """Every setting the rules expose, with its default, label, source and note (the alternative reading)."""
        return dict(self.defs)

    def setting_groups(self) -> dict[str, tuple[str, ...]]:
        """Setting keys by topic (the rules file that defines them)."""
        return setting_groups()

    def set_setting(self, key: str, value: object) -> Settings:
        if key not in self.defs:
            raise InputError([Problem("", None, key, N_("unknown setting"))])
        try:
            self.defs[key].check(value)
        except ValueError as exc:
            raise InputError([Problem("", None, key, str(exc).split(": ", 1)[1])]) from None
        self._store.set(key, json.dumps(value, ensure_ascii=False))
        return self.settings()

    def reset_setting(self, key: str) -> Settings:
        self._store.reset(key)
        return self.settings()
