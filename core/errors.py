"""Errors for bad input that name the file, line and field, so a user can find and fix the problem."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.field_labels import problem_field
from core.i18n import _


@dataclass(frozen=True)
class Problem:
    source: str  # file name, or "" for input typed in the GUI
    line: int | None  # 1-based line in the file, the header being line 1
    field: str
    message: str

    def __str__(self) -> str:
        """The problem in the interface's language, the field named by its label (core.field_labels) and the
        message translated: 'input: Date of expiry: …' / '输入错误：有效期至：…' for typed input;
        'a.csv:3: Direction: …' / 'a.csv 第 3 行：方向：…' for a file (its name and line kept)."""
        field = problem_field(self.field)
        message = _(self.message) if self.message else ""
        if not self.source and self.line is None:
            return (_("input: {field}: {message}").format(field=field, message=message) if field
                    else _("input: {message}").format(message=message))
        where = self.source or _("input")
        if self.line is not None:
            where = _("{file}:{line}").format(file=where, line=self.line)
        return (_("{where}: {field}: {message}").format(where=where, field=field, message=message) if field
                else _("{where}: {message}").format(where=where, message=message))


class InputError(ValueError):
    """Input that was rejected whole; nothing was changed."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def raise_problems(problems: Sequence[Problem]) -> None:
    """InputError carrying `problems`, if there are any."""
    if problems:
        raise InputError(problems)


class ConflictError(RuntimeError):
    """A save that started from an older version of a record: someone else changed or deleted it meanwhile.

    Nothing was written. `stored` is the record as it is now (None when it was deleted); `who` and `at` name the
    last change when the history knows it. The caller lets the user reload, or saves `mine` again with
    `version=stored_version` to overwrite knowingly.
    """

    def __init__(self, table: str, record_id: int, mine: object, stored: object | None, stored_version: int | None,
                 who: str | None, at: str | None):
        self.table, self.record_id, self.mine, self.stored = table, record_id, mine, stored
        self.stored_version, self.who, self.at = stored_version, who, at
        what = "deleted" if stored is None else f"changed (now version {stored_version})"
        by = f" by {who}" if who else ""
        when = f" at {at}" if at else ""
        super().__init__(f"{table} {record_id} was {what}{by}{when} after you opened it; nothing was saved")
