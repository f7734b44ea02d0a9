"""Encrypted case files: round trip, and a wrong passphrase, a flipped byte or a changed header refused whole."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import InputError
from core.exchange import sealed
from core.exchange.casefile import read_case_file

CASE = Path(__file__).parents[3] / "examples" / "cases" / "shanghai-family.json"
FAST = 10  # scrypt N = 2**10 keeps the tests quick; files store their own parameters


def test_round_trip_and_no_plaintext():
    plain = CASE.read_bytes()
    box = sealed.seal(plain, "correct horse", log2_n=FAST)
    assert sealed.is_sealed(box) and box[8] == sealed.VERSION
    assert plain[:200] not in box and b"Shanghai" not in box
    assert sealed.unseal(box, "correct horse") == plain
    assert sealed.seal(plain, "correct horse", log2_n=FAST) != box  # random salt and nonce


@pytest.mark.parametrize("change", ["passphrase", "body", "header", "version", "truncate"])
def test_tampered_or_wrong_key_is_refused(change: str):
    box = bytearray(sealed.seal(b'{"schema": "juliu.case/1"}', "correct horse", log2_n=FAST))
    key = "correct horse"
    if change == "passphrase":
        key = "correct horsf"
    elif change == "body":
        box[-20] ^= 1
    elif change == "header":
        box[20] ^= 1  # inside the salt: authenticated data
    elif change == "version":
        box[8] = 9
    elif change == "truncate":
        box = box[:30]
    with pytest.raises(sealed.SealedError):
        sealed.unseal(bytes(box), key)


def test_short_passphrase_refused():
    with pytest.raises(sealed.SealedError, match="8"):
        sealed.seal(b"x", "short")


def test_case_reader_asks_for_the_passphrase_and_names_the_file(tmp_path: Path):
    path = tmp_path / "case.juliu"
    path.write_bytes(sealed.seal(CASE.read_bytes(), "correct horse", log2_n=FAST))
    with pytest.raises(InputError, match="passphrase") as err:
        read_case_file(path)
    assert str(path) in str(err.value)
    with pytest.raises(InputError, match="wrong passphrase"):
        read_case_file(path, passphrase="nope nope nope")
    case = read_case_file(path, passphrase="correct horse")
    assert len(case.people) >= 2
