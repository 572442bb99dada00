"""The commune key's encryption: PKCS#8 PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC.

``cryptography``'s ``BestAvailableEncryption`` derives the key with PBKDF2 at 2,048 iterations,
which a stolen laptop's key file survives poorly; its ``encryption_builder`` (which sets the
rounds) is for OpenSSH and PKCS#12 only (cryptography 51). So the EncryptedPrivateKeyInfo is
built here with asn1crypto, at :data:`KDF_ITERATIONS` (OWASP asks for at least 600,000), and
read back by ``cryptography`` (OpenSSL) like any PKCS#8 key.
"""

from __future__ import annotations

import os

from asn1crypto import algos, keys, pem  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

KDF_ITERATIONS = 1_000_000
"""About 0.12 s to derive on the 2-core test machine (an unlock takes that once)."""
PEM_LABEL = "ENCRYPTED PRIVATE KEY"


def encrypted_pem(key: PrivateKeyTypes, passphrase: bytes) -> bytes:
    """``key`` as PKCS#8 PEM, encrypted with ``passphrase`` (PBES2, PBKDF2 at
    :data:`KDF_ITERATIONS`, AES-256-CBC)."""
    plain = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    salt, iv = os.urandom(16), os.urandom(16)
    secret = PBKDF2HMAC(hashes.SHA256(), 32, salt, KDF_ITERATIONS).derive(passphrase)
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(secret), modes.CBC(iv)).encryptor()
    body = encryptor.update(padder.update(plain) + padder.finalize()) + encryptor.finalize()
    info = keys.EncryptedPrivateKeyInfo(
        {
            "encryption_algorithm": {
                "algorithm": "pbes2",
                "parameters": {
                    "key_derivation_func": {
                        "algorithm": "pbkdf2",
                        "parameters": {
                            "salt": algos.Pbkdf2Salt(name="specified", value=salt),
                            "iteration_count": KDF_ITERATIONS,
                            "prf": {"algorithm": "sha256"},
                        },
                    },
                    "encryption_scheme": {"algorithm": "aes256_cbc", "parameters": iv},
                },
            },
            "encrypted_data": body,
        }
    )
    armored: bytes = pem.armor(PEM_LABEL, info.dump())
    return armored


def kdf_iterations(data: bytes) -> int | None:
    """The PBKDF2 iteration count of an encrypted PKCS#8 PEM key; None when the key is not
    one (unencrypted, another KDF such as scrypt, or unreadable)."""
    try:
        label, _headers, der = pem.unarmor(data)
        if label != PEM_LABEL:
            return None
        algorithm = keys.EncryptedPrivateKeyInfo.load(der)["encryption_algorithm"]
        if algorithm["algorithm"].native != "pbes2":
            return None
        kdf = algorithm["parameters"]["key_derivation_func"]
        if kdf["algorithm"].native != "pbkdf2":
            return None
        return int(kdf["parameters"]["iteration_count"].native)
    except (ValueError, TypeError, KeyError):
        return None


def needs_stronger_kdf(data: bytes) -> bool:
    """Whether an encrypted key should be encrypted again at :data:`KDF_ITERATIONS`
    (a PBKDF2 key with fewer rounds: every key Treem wrote before issue 14)."""
    iterations = kdf_iterations(data)
    return iterations is not None and iterations < KDF_ITERATIONS
