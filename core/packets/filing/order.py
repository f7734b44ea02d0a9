"""The order an officer takes the papers in, per kind, as data (templates/filing_order.toml, issue 10 §6).

The officer's set sorts its letters, forms, checklist rows and attachments by it; whatever a list leaves out keeps
its place after the listed items, in the order it came.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from core.packets.kinds.templates import TEMPLATES_DIR, TemplateReader, load_catalogue
from core.ruledata.loader import Provenance, load_toml

ORDER_FILE = TEMPLATES_DIR / "filing_order.toml"
T = TypeVar("T")


@functools.lru_cache(maxsize=4)
def load_filing_orders(path: Path = ORDER_FILE) -> dict[str, tuple[tuple[str, ...], Provenance]]:
    """{kind id or "default": (item ids, provenance)}; RulesError for an unknown item, a repeated one or a key."""
    r = TemplateReader(path, frozenset())
    catalogue, _records = load_catalogue(path.parent / "items.toml")
    data = r.table(load_toml(path), "", frozenset({"default", "kinds"}))
    tables = {"default": data.get("default")}
    kinds = r.table(data.get("kinds", {}), "kinds")
    tables.update({kind: table for kind, table in kinds.items()})
    orders = {}
    for key, raw in tables.items():
        where = key if key == "default" else f"kinds.{key}"
        table = r.table(raw, where, frozenset({"order", "source", "confidence", "effective_from"}))
        order = tuple(r.get(table, "order", list, where))
        unknown = [item for item in order if item not in catalogue]
        if unknown:
            raise r.error(f"{where}.order", f"{unknown[0]!r} is not in templates/items.toml")
        repeated = [item for item in order if order.count(item) > 1]
        if repeated:
            raise r.error(f"{where}.order", f"{repeated[0]!r} is listed twice")
        orders[key] = (order, Provenance.read(table, path, where))
    return orders


def filing_order(kind_id: str, path: Path = ORDER_FILE) -> tuple[str, ...]:
    orders = load_filing_orders(path)
    return orders.get(kind_id, orders["default"])[0]


def in_filing_order(things: Sequence[T], item_of: Callable[[T], str], order: Sequence[str]) -> list[T]:
    """`things` sorted by their item's place in `order` ("ncr:GBR" sorts as "ncr"); the rest after, as they came."""
    place = {item: i for i, item in enumerate(order)}

    def key(pair: tuple[int, T]) -> tuple[int, int]:
        index, thing = pair
        return place.get(item_of(thing).split(":")[0], len(place)), index

    return [thing for _, thing in sorted(enumerate(things), key=key)]
