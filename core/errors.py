"""Errors for bad input that name the file, line and field, so a user can find and fix the problem."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    source: str  # file name, or "" for input typed in the GUI
    line: int | None  # 1-based line in the file, the header being line 1
    field: str
    message: str

    def __str__(self) -> str:
        where = self.source or "input"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class InputError(ValueError):
    """Input that was rejected whole; nothing was changed."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def raise_problems(problems: Sequence[Problem]) -> None:
    """InputError carrying `problems`, if there are any."""
    if problems:
        raise InputError(problems)
