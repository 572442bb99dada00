"""USB tokens from licensed CAs, through their PKCS#11 library (python-pkcs11).

An officer's token holds a private key that never leaves it and the certificate a CA issued to
it (often with the CA's chain). :func:`token_certificates` lists the certificates of every
token the library sees, without the PIN (certificates are public objects); :func:`sign_with_token`
logs in with the PIN, finds the private key with the certificate's CKA_ID and has the token sign
the SHA-256 digest of the CMS signed attributes: CKM_ECDSA or CKM_RSA_PKCS over the DigestInfo
(the mechanisms nearly every token offers), else the token's own CKM_ECDSA_SHA256 or
CKM_SHA256_RSA_PKCS (:data:`MECHANISMS`).

Every failure is a :class:`TreemError` with its own code: the library cannot be loaded, no such
token, wrong PIN (with the tries left when the token says), PIN locked, no private key for the
certificate, or the token refusing for another reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from treem_desktop.core.jobs import Job, job_or_none
from treem_desktop.errors import TreemError
from treem_desktop.i18n import _
from treem_desktop.signing import SigningError
from treem_desktop.signing.cms_external import (
    SHA256_DIGEST_INFO_PREFIX,
    ecdsa_der,
    key_kind,
    sign_detached_external,
)
from treem_desktop.signing.keys import holder_name


@dataclass(frozen=True)
class TokenCertificate:
    """A certificate on a token, and where its private key is.

    Attributes:
        library: the PKCS#11 library's path.
        token_label: the token's label (as the middleware shows it).
        token_serial: the token's serial number, to tell two tokens with one label apart.
        key_id: CKA_ID in hex, shared by the certificate and its private key.
        certificate: the certificate itself.
        chain: other certificates on the token (the CA's), to carry in the signature.
    """

    library: str
    token_label: str
    token_serial: str
    key_id: str
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def subject(self) -> str:
        return holder_name(self.certificate.subject)

    @property
    def issuer(self) -> str:
        return holder_name(self.certificate.issuer)


def token_certificates(library: str | Path) -> list[TokenCertificate]:
    """Every end-entity certificate on every token the library sees (no PIN needed)."""
    import pkcs11

    lib = load_library(library)
    found: list[TokenCertificate] = []
    try:
        for slot in lib.get_slots(token_present=True):
            token = slot.get_token()
            if not token.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED:
                continue
            found.extend(_certificates_on(str(library), token))
    except pkcs11.PKCS11Error as exc:
        raise TreemError("TOKEN_FAILED", detail=type(exc).__name__) from exc
    return found


def load_library(library: str | Path) -> Any:
    """The loaded PKCS#11 library (python-pkcs11 keeps one per path)."""
    import pkcs11

    path = Path(library)
    if not path.is_file():
        raise TreemError("TOKEN_LIBRARY_MISSING", path=str(path))
    try:
        return pkcs11.lib(str(path))
    except (pkcs11.PKCS11Error, OSError) as exc:
        raise TreemError("TOKEN_LIBRARY_UNLOADABLE", path=str(path)) from exc


def sign_with_token(
    chosen: TokenCertificate,
    pin: str,
    content: bytes,
    signing_time: dt.datetime | None = None,
    job: Job | None = None,
) -> bytes:
    """A detached CMS signature of ``content`` made by the token's key (see the module).
    ``job`` is told the signing step and may stop it before the PIN is sent."""
    from pkcs11 import exceptions as p11

    job = job_or_none(job)
    job.step(0, 1, _("Signing with the token…"))
    token = _find_token(chosen)
    try:
        kind = key_kind(chosen.certificate)
    except SigningError as exc:  # a key type Treem cannot sign with (neither EC nor RSA)
        raise TreemError("TOKEN_FAILED", detail=exc.code) from exc
    job.check()  # the last moment to stop: a wrong PIN counts against the token's tries
    try:
        with token.open(user_pin=pin) as session:
            key = _private_key(session, chosen)

            def sign_attributes(data: bytes) -> bytes:
                return sign_on_token(key, kind, data)

            certificates = [chosen.certificate, *chosen.chain]
            return sign_detached_external(content, certificates, sign_attributes, signing_time)
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange) as exc:
        raise TreemError("TOKEN_PIN_WRONG", token=chosen.token_label) from exc
    except (p11.PinLocked, p11.PinExpired) as exc:
        raise TreemError("TOKEN_PIN_LOCKED", token=chosen.token_label) from exc
    except p11.PKCS11Error as exc:
        raise TreemError("TOKEN_FAILED", detail=type(exc).__name__) from exc


# The ways to have a token sign SHA-256, in order of preference: the raw mechanisms every token
# offers first (the hash made here), then the token hashing itself. A token that refuses one
# ("mechanism invalid") is asked the next.
MECHANISMS: dict[str, tuple[str, ...]] = {
    "ecdsa": ("ECDSA", "ECDSA_SHA256"),
    "rsa": ("RSA_PKCS", "SHA256_RSA_PKCS"),
}


def sign_on_token(key: Any, kind: str, data: bytes) -> bytes:
    """SHA-256(``data``) signed by the token's ``key``, by the first mechanism it takes."""
    import pkcs11
    from pkcs11 import exceptions as p11

    refused: Exception | None = None
    for name in MECHANISMS[kind]:
        mechanism = getattr(pkcs11.Mechanism, name)
        message = _message_for(name, data)
        try:
            raw = bytes(key.sign(message, mechanism=mechanism))
        except (p11.MechanismInvalid, p11.FunctionNotSupported) as exc:
            refused = exc
            continue
        return ecdsa_der(raw) if kind == "ecdsa" else raw
    raise TreemError("TOKEN_FAILED", detail=type(refused).__name__)


def _message_for(mechanism: str, data: bytes) -> bytes:
    digest = hashlib.sha256(data).digest()
    if mechanism == "ECDSA":
        return digest
    if mechanism == "RSA_PKCS":
        return SHA256_DIGEST_INFO_PREFIX + digest
    return data  # the token hashes


def _certificates_on(library: str, token: Any) -> list[TokenCertificate]:
    import pkcs11

    with token.open() as session:
        certificates: list[tuple[str, x509.Certificate]] = []
        for obj in session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE}):
            try:
                cert = x509.load_der_x509_certificate(bytes(obj[pkcs11.Attribute.VALUE]))
            except ValueError:
                continue  # a damaged or non-X.509 object: not one to sign with
            certificates.append((_key_id(obj), cert))
    label = str(token.label).strip()
    serial = _serial(token)
    ends = [(key_id, cert) for key_id, cert in certificates if not _is_ca(cert)]
    cas = tuple(cert for _, cert in certificates if _is_ca(cert))
    return [
        TokenCertificate(library, label, serial, key_id, cert, _chain_of(cert, cas))
        for key_id, cert in ends
        if key_id
    ]


def _find_token(chosen: TokenCertificate) -> Any:
    import pkcs11

    lib = load_library(chosen.library)
    try:
        for slot in lib.get_slots(token_present=True):
            token = slot.get_token()
            if str(token.label).strip() == chosen.token_label and _serial(token) == (
                chosen.token_serial
            ):
                return token
    except pkcs11.PKCS11Error as exc:
        raise TreemError("TOKEN_FAILED", detail=type(exc).__name__) from exc
    raise TreemError("TOKEN_ABSENT", token=chosen.token_label)


def _private_key(session: Any, chosen: TokenCertificate) -> Any:
    import pkcs11

    template = {
        pkcs11.Attribute.CLASS: pkcs11.ObjectClass.PRIVATE_KEY,
        pkcs11.Attribute.ID: bytes.fromhex(chosen.key_id),
    }
    keys = list(session.get_objects(template))
    if len(keys) != 1:
        raise TreemError("TOKEN_KEY_MISSING", token=chosen.token_label, subject=chosen.subject)
    return keys[0]


def _key_id(obj: Any) -> str:
    import pkcs11

    try:
        return bytes(obj[pkcs11.Attribute.ID]).hex()
    except (pkcs11.exceptions.AttributeTypeInvalid, pkcs11.exceptions.AttributeSensitive):
        return ""


def _serial(token: Any) -> str:
    serial = token.serial
    text = serial.decode("ascii", "replace") if isinstance(serial, bytes) else str(serial)
    return text.strip()


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except (x509.ExtensionNotFound, ValueError):
        return False


def _chain_of(
    cert: x509.Certificate, cas: Sequence[x509.Certificate]
) -> tuple[x509.Certificate, ...]:
    """The CA certificates above ``cert`` found on the token, nearest first (no roots loop)."""
    chain: list[x509.Certificate] = []
    current = cert
    while len(chain) < len(cas):
        issuer = next((ca for ca in cas if ca.subject == current.issuer and ca not in chain), None)
        if issuer is None or issuer == current:
            break
        chain.append(issuer)
        current = issuer
    return tuple(chain)


def certificate_pem(certificates: Sequence[x509.Certificate]) -> bytes:
    """The certificates as concatenated PEM, the signer first (what ``signer.pem`` holds)."""
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)
