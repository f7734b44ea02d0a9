"""Checklist conditions as data: a small expression language over PacketFacts, checked when templates load.

Syntax (docs/packets.md): fact names, numbers, "text", true/false, [lists]; comparisons == != < <= > >= (chained,
as in `18 <= age <= 70`), `in` / `not in`; `and`, `or`, `not`, parentheses. A list fact alone means "not empty".
Parsed with Python's `ast` and walked by our own evaluator: nothing is ever passed to eval().
"""
from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from core.i18n import _
from core.packets.records.facts import FACT_CHOICES, FactType, fact_types

_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}
_KEYWORDS = {"true": True, "false": False}


class ConditionError(ValueError):
    """A condition that cannot be used; the loader adds the file and key."""


@dataclass(frozen=True)
class Condition:
    """A parsed, type-checked condition; `text` is what the template says (shown in explanations)."""

    text: str
    tree: ast.expr

    def holds(self, facts: Mapping[str, object]) -> bool:
        return bool(_evaluate(self.tree, facts))


ALWAYS = Condition("true", ast.Constant(True))


def parse_condition(text: str) -> Condition:
    """Parse and check `text` against the facts' names and types; raises ConditionError saying what is wrong."""
    try:
        tree = _Keywords().visit(ast.parse(text.strip(), mode="eval").body)
    except SyntaxError as exc:
        raise ConditionError(_("cannot parse {text} (column {offset})").format(
                               text=repr(text), offset=exc.offset)) from None
    _check_truth(tree, fact_types())
    return Condition(text.strip(), tree)


class _Keywords(ast.NodeTransformer):
    """TOML spells booleans true/false; let conditions do the same."""

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return ast.Constant(_KEYWORDS[node.id]) if node.id in _KEYWORDS else node


def _check_truth(node: ast.expr, types: dict[str, FactType]) -> None:
    """`node` stands where a yes/no is expected."""
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _check_truth(value, types)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _check_truth(node.operand, types)
    elif isinstance(node, ast.Compare):
        _check_compare(node, types)
    elif isinstance(node, ast.Name):
        if _type_of(node, types) not in ("bool", "list"):
            raise ConditionError(_("{fact} is not yes/no: compare it with a value").format(fact=repr(node.id)))
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return
    else:
        raise ConditionError(_("not allowed in a condition: {node}").format(node=repr(ast.unparse(node))))


def _type_of(node: ast.expr, types: dict[str, FactType]) -> str:
    if isinstance(node, ast.Name):
        if node.id not in types:
            raise ConditionError(_("unknown fact {fact}; known facts: {known}").format(
                                   fact=repr(node.id), known=", ".join(sorted(types))))
        return types[node.id]
    if isinstance(node, ast.Constant) and type(node.value) in (bool, int, str):
        return {bool: "bool", int: "int", str: "str"}[type(node.value)]
    if isinstance(node, ast.List | ast.Tuple):
        kinds = {_type_of(e, types) for e in node.elts}
        if len(kinds) != 1 or not all(isinstance(e, ast.Constant) for e in node.elts):
            raise ConditionError(_("a list must hold values of one kind: {node}").format(node=repr(ast.unparse(node))))
        return "list:" + kinds.pop()
    raise ConditionError(_("not allowed in a condition: {node}").format(node=repr(ast.unparse(node))))


def _check_compare(node: ast.Compare, types: dict[str, FactType]) -> None:
    operands = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
        lt, rt = _type_of(left, types), _type_of(right, types)
        if isinstance(op, ast.In | ast.NotIn):
            ok = rt == "list:" + lt or (rt == "list" and lt == "str")
        elif lt == "date" or rt == "date":
            ok = {lt, rt} <= {"date", "str"} and _iso_dates(left, right)
        else:
            ok = lt == rt and (lt == "int" or not isinstance(op, _ORDERING))
        if not ok:
            raise ConditionError(_("cannot compare {left} ({lt}) with {right} ({rt})").format(
                                   left=ast.unparse(left), lt=lt, right=ast.unparse(right), rt=rt))
        _check_choices(left, right)
        _check_choices(right, left)


def _iso_dates(*nodes: ast.expr) -> bool:
    for node in nodes:
        if isinstance(node, ast.Constant):
            try:
                dt.date.fromisoformat(str(node.value))
            except ValueError:
                raise ConditionError(_("{value} is not a date as YYYY-MM-DD").format(value=repr(node.value))) from None
    return True


def _check_choices(name: ast.expr, other: ast.expr) -> None:
    """A text fact with a fixed set of values (FACT_CHOICES) compared with a value outside that set."""
    if not isinstance(name, ast.Name) or name.id not in FACT_CHOICES:
        return
    values = other.elts if isinstance(other, ast.List | ast.Tuple) else [other]
    for value in values:
        if isinstance(value, ast.Constant) and value.value not in FACT_CHOICES[name.id]:
            allowed = ", ".join(repr(v) for v in FACT_CHOICES[name.id])
            raise ConditionError(_("{fact} is never {value}; its values are {allowed}").format(
                                   fact=name.id, value=repr(value.value), allowed=allowed))


def _evaluate(node: ast.expr, facts: Mapping[str, object]) -> Any:
    if isinstance(node, ast.BoolOp):
        results = (_evaluate(v, facts) for v in node.values)
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.UnaryOp):
        return not _evaluate(node.operand, facts)
    if isinstance(node, ast.Compare):
        values = [_evaluate(n, facts) for n in (node.left, *node.comparators)]
        return all(_COMPARE[type(op)](*_comparable(a, b)) for op, a, b in zip(node.ops, values, values[1:],
                                                                                strict=False))
    if isinstance(node, ast.Name):
        return facts[node.id]
    if isinstance(node, ast.List | ast.Tuple):
        return [_evaluate(e, facts) for e in node.elts]
    if isinstance(node, ast.Constant):
        return node.value
    raise ConditionError(_("not allowed in a condition: {node}").format(
                           node=repr(ast.unparse(node))))  # parse_condition forbids it


def _comparable(a: Any, b: Any) -> tuple[Any, Any]:
    """A date fact compares with an ISO date string of the template."""
    if isinstance(a, dt.date) and isinstance(b, str):
        return a, dt.date.fromisoformat(b)
    if isinstance(b, dt.date) and isinstance(a, str):
        return dt.date.fromisoformat(a), b
    return a, b
