"""Hypothesis strategies that damage valid seed files the way the issue 12 probe did: byte flips, hostile tokens,
truncation, duplication; workbook parts damaged inside a valid zip; case-file values replaced by hostile ones."""
from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from hypothesis import strategies as st

TOKENS = [b'"', b'""', b"\x00", b"\n", b"\r\n", b"\r", b",", b";", b"\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
          b"9999-12-31", b"0001-01-01", b"2023-02-30", b"24:61", b"entry", b"exit", b"=HYPERLINK()", b"@SUM(1)",
          "入境".encode("gb18030"), "出境".encode("big5"), "入国".encode("shift_jis"), "出境".encode("utf-16"),
          b"\x81\x30", b"\xa4", b"x" * 140_000, b"9" * 5000, b"<", b"&", b"]]>", b"</row>", b'r="1048576"',
          b'ref="A1:XFD1048576"', b"<row r=\"2\"><c r=\"XFD2\"/></row>"]


@st.composite
def mutated(draw: Any, seed: bytes, max_ops: int = 6) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "token", "truncate", "duplicate"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] ^= draw(st.integers(1, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            data[at:at] = data[max(0, at - 200):at] * draw(st.integers(1, 50))
    return bytes(data)


@st.composite
def mutated_workbook(draw: Any, seed: bytes) -> bytes:
    """Either a part of the workbook damaged inside a well-formed zip, or the zip bytes themselves."""
    if draw(st.booleans()):
        return draw(mutated(seed))
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(parts)))
    parts[name] = draw(mutated(parts[name]))
    if draw(st.integers(0, 9)) == 0:
        del parts[draw(st.sampled_from(sorted(parts)))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return out.getvalue()


HOSTILE_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["9999-12-31", "0001-01-01", "2023-02-30", "\x00", "A\x00B", "1e999999",
                                           "NaN", "-0", "entry", "exit", "person-1", "passport-1", "doc-1", "", " ",
                                           "2090-01-01", "25:00", "x" * 10_000]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def _leaves(value: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    if isinstance(value, dict):
        for key in list(value):
            found.append((value, key))
            _leaves(value[key], found)
    elif isinstance(value, list):
        for n in range(len(value)):
            found.append((value, n))
            _leaves(value[n], found)
    return found


@st.composite
def mutated_case(draw: Any, seed: dict[str, Any]) -> bytes:
    """The seed case with a few values replaced, removed or duplicated, then perhaps damaged as text."""
    value = json.loads(json.dumps(seed))
    for _ in range(draw(st.integers(1, 4))):
        places = _leaves(value, [])
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "replace", "remove", "duplicate"]))
        if action == "replace":
            container[key] = draw(HOSTILE_VALUES)
        elif action == "remove":
            del container[key]
        elif isinstance(container, list):
            container.append(json.loads(json.dumps(container[key])))
    text = json.dumps(value, ensure_ascii=draw(st.booleans())).encode("utf-8")
    return draw(mutated(text, 3)) if draw(st.integers(0, 4)) == 0 else text
