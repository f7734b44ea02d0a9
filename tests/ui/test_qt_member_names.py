"""A field assigned in a Qt subclass must not hide a Qt member: `self.accepted = …` on a QDialog replaced the
`accepted` signal, so the Filings tab's Add… and Edit… opened nothing (issue 15)."""
from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

UI = Path(__file__).resolve().parents[2] / "ui"


def assigned_fields(cls: type) -> set[str]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    return {t.attr for node in ast.walk(tree) if isinstance(node, ast.Assign | ast.AnnAssign)
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"}


def qt_members(cls: type) -> set[str]:
    return {name for base in cls.__mro__ if base.__module__.startswith(("PySide6", "Shiboken"))
            for name in vars(base)}


def test_no_field_of_a_ui_class_hides_a_qt_member() -> None:
    clashes = []
    for path in sorted(UI.rglob("*.py")):
        module = importlib.import_module(".".join(path.relative_to(UI.parent).with_suffix("").parts))
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, QObject) and cls.__module__ == module.__name__:
                clashes += [f"{cls.__name__}.{name}" for name in sorted(assigned_fields(cls) & qt_members(cls))]
    assert clashes == []


def test_the_check_sees_a_hidden_signal() -> None:
    class Broken(QDialog):
        def __init__(self) -> None:
            super().__init__()
            self.accepted = None  # type: ignore[assignment]

    assert assigned_fields(Broken) & qt_members(Broken) == {"accepted"}
