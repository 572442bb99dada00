"""Signing: the commune's key and certificate, and detached CMS signatures.

Nothing here touches Qt, and this package is imported only where a signature is made or
checked: ``cryptography`` and ``asn1crypto`` load with :mod:`.keys` and :mod:`.cms`, never at
the app's start-up. This module holds only the error type, so importing it is free.

Every failure raises :class:`SigningError` with a stable :attr:`SigningError.code`
(see :data:`CODES`); the words for the user are chosen at the edge from the code.
"""

from __future__ import annotations

# Keys (signing/keys.py).
KEY_PASSPHRASE_WRONG = "KEY_PASSPHRASE_WRONG"  # wrong, or missing for an encrypted key
KEY_UNREADABLE = "KEY_UNREADABLE"  # missing file, not a key, unsupported key type, ...
KEY_CERT_MISMATCH = "KEY_CERT_MISMATCH"  # the private key is not the certificate's key
# Signatures (signing/cms.py).
CMS_MALFORMED = "CMS_MALFORMED"  # not a detached CMS SignedData we can read
CMS_UNSUPPORTED_ALGORITHM = "CMS_UNSUPPORTED_ALGORITHM"  # digest/signature algorithm not allowed
CMS_SIGNER_MISSING = "CMS_SIGNER_MISSING"  # the signer's certificate is not in the CMS
CMS_DIGEST_MISMATCH = "CMS_DIGEST_MISMATCH"  # the content is not what was signed
CMS_SIGNATURE_INVALID = "CMS_SIGNATURE_INVALID"  # the signature does not match the certificate
CMS_UNTRUSTED = "CMS_UNTRUSTED"  # the signer is not (directly issued by) a trusted certificate
CMS_CERT_EXPIRED = "CMS_CERT_EXPIRED"  # a certificate was not valid at the signing time

CODES: frozenset[str] = frozenset(
    {
        KEY_PASSPHRASE_WRONG,
        KEY_UNREADABLE,
        KEY_CERT_MISMATCH,
        CMS_MALFORMED,
        CMS_UNSUPPORTED_ALGORITHM,
        CMS_SIGNER_MISSING,
        CMS_DIGEST_MISMATCH,
        CMS_SIGNATURE_INVALID,
        CMS_UNTRUSTED,
        CMS_CERT_EXPIRED,
    }
)


class SigningError(Exception):
    """A key or signature problem, identified by a stable code (one of :data:`CODES`).

    Attributes:
        code: the stable identifier, kept in logs and JSON and mapped to words later.
        detail: an English technical detail for logs; never shown as the message.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in CODES:
            raise KeyError(f"unknown signing error code {code}")
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


__all__ = ["CODES", "SigningError"]
