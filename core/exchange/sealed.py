"""Encrypted case files for hand-over (e-mail, USB stick): AES-256-GCM under a key from scrypt, versioned header.

Layout: MAGIC (8 bytes) | version (1) | log2 N (1) | r (1) | p (1) | salt (16) | nonce (12) | ciphertext+tag.
The whole header is authenticated data, so a changed parameter, a flipped byte or a wrong passphrase are all
refused the same way (InvalidTag), before anything is read from the plaintext.
"""
from __future__ import annotations

import os
import struct

from core.i18n import _

# cryptography loads when a file is sealed or opened, not at start (issue 15: start-up imports only what it uses).

MAGIC = b"JULIUENC"
VERSION = 1
_HEADER = struct.Struct(">8sBBBB16s12s")
LOG2_N, R, P = 17, 8, 1  # scrypt: 128 MiB, ~0.7 s here (STACK-NOTES); stored per file so it can grow later
MIN_PASSPHRASE = 8


class SealedError(ValueError):
    """Not an encrypted case file, a version this Juliu does not read, a wrong passphrase or a changed file."""


def is_sealed(data: bytes) -> bool:
    return data[:len(MAGIC)] == MAGIC


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2 ** log2_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(plaintext: bytes, passphrase: str, *, log2_n: int = LOG2_N) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise SealedError(_("the passphrase must have at least {n} characters").format(n=MIN_PASSPHRASE))
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    header = _HEADER.pack(MAGIC, VERSION, log2_n, R, P, salt, nonce)
    return header + AESGCM(_key(passphrase, salt, log2_n, R, P)).encrypt(nonce, plaintext, header)


def unseal(data: bytes, passphrase: str) -> bytes:
    if not is_sealed(data) or len(data) < _HEADER.size + 16:
        raise SealedError(_("not an encrypted Juliu case file"))
    magic, version, log2_n, r, p, salt, nonce = _HEADER.unpack_from(data)
    if version != VERSION:
        raise SealedError(_("encrypted case file version {found}; this Juliu reads version {version}").format(
            found=version, version=VERSION))
    if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise SealedError(_("the file's key parameters are out of range (damaged or changed)"))
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(_key(passphrase, salt, log2_n, r, p)).decrypt(nonce, data[_HEADER.size:],
                                                                    data[:_HEADER.size])
    except InvalidTag:
        raise SealedError(_("wrong passphrase, or the file was changed or damaged; nothing was imported")) from None
