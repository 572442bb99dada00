"""Trusting a commune's certificate: only by an explicit step with the fingerprint confirmed.

``treem receive trust FILE --fingerprint SHA256`` reads the certificate from the commune's
enrollment file (signed, with its officer's contact: :mod:`treem_desktop.office.enrollment`), a
certificate file (PEM or DER) or a packet the commune sent (checked whole first), and registers
it only when its SHA-256 fingerprint is the one the commune read out from its key card. A key
replacement signed by a trusted old key is registered at import (:func:`trust_key_change`); any
other change needs this step again. A demo certificate or packet is refused (``PACKET_DEMO``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError
from treem_desktop.office.profile import OfficeProfile, now_text

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.office.folder import OfficeFolder

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class TrustedCommune:
    """A certificate the office trusts for a commune."""

    commune_code: str
    commune_name: str
    fingerprint: str
    source: str
    added_at: str
    contact: str = ""  # from an enrollment file


def normalized_fingerprint(text: str) -> str:
    """Only the hex digits, upper case: ``ab:cd…`` and ``ABCD…`` compare equal."""
    return "".join(c for c in text.upper() if c in "0123456789ABCDEF")


def trust_commune(
    conn: sqlite3.Connection, profile: OfficeProfile, path: Path, expected: str
) -> TrustedCommune:
    """Register the commune certificate found in ``path`` if its fingerprint is ``expected``."""
    from treem_desktop.handoff.enrollment import looks_like_enrollment
    from treem_desktop.signing.keys import fingerprint, is_demo_certificate

    data = read_trust_file(path)
    if looks_like_enrollment(data):
        from treem_desktop.office.enrollment import trust_enrollment

        return trust_enrollment(conn, profile, data, path, expected)
    certificate, commune_code = _certificate_in(data, path)
    if is_demo_certificate(certificate):
        raise TreemError("PACKET_DEMO", path=str(path))
    actual = fingerprint(certificate)
    if normalized_fingerprint(actual) != normalized_fingerprint(expected):
        raise TreemError(
            "OFFICE_FINGERPRINT_MISMATCH", path=str(path), actual=actual, expected=expected
        )
    commune = _commune_of(profile, certificate, commune_code, path)
    return add_certificate(conn, commune[0], commune[1], certificate, "confirmed")


def trust_from_file(office: OfficeFolder, path: Path, expected: str) -> TrustedCommune:
    """:func:`trust_commune` for the office's folder, in one transaction (the window's and the
    command line's way in)."""
    from treem_desktop.storage.database import transaction

    with transaction(office.conn):
        return trust_commune(office.conn, office.require_profile(), path, expected)


def trust_key_change(
    conn: sqlite3.Connection, commune_code: str, commune_name: str, certificate: x509.Certificate
) -> TrustedCommune:
    """Register a commune's new certificate that a key-change statement by a trusted key names."""
    return add_certificate(conn, commune_code, commune_name, certificate, "key-change")


def add_certificate(
    conn: sqlite3.Connection,
    commune_code: str,
    commune_name: str,
    certificate: x509.Certificate,
    source: str,
) -> TrustedCommune:
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.signing.keys import fingerprint

    pem = certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    trusted = TrustedCommune(
        commune_code, commune_name, fingerprint(certificate), source, now_text()
    )
    conn.execute(
        "INSERT INTO trusted_certificate (commune_code, commune_name, fingerprint, "
        "certificate_pem, source, added_at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (fingerprint) DO NOTHING",
        (commune_code, commune_name, trusted.fingerprint, pem, source, trusted.added_at),
    )
    return trusted


def trusted_certificates(conn: sqlite3.Connection, commune_code: str) -> list[x509.Certificate]:
    """Every certificate the office trusts for ``commune_code``, oldest first."""
    from cryptography import x509

    rows = conn.execute(
        "SELECT certificate_pem FROM trusted_certificate WHERE commune_code = ? ORDER BY id",
        (commune_code,),
    )
    return [x509.load_pem_x509_certificate(r[0].encode("ascii")) for r in rows]


def trusted_communes(conn: sqlite3.Connection) -> list[TrustedCommune]:
    rows = conn.execute(
        "SELECT commune_code, commune_name, fingerprint, source, added_at "
        "FROM trusted_certificate ORDER BY commune_code, id"
    )
    return [TrustedCommune(*r) for r in rows]


def _certificate_in(data: bytes, path: Path) -> tuple[x509.Certificate, str | None]:
    """The certificate in a packet (and the commune its manifest names) or in a certificate
    file (the commune is then read from the certificate)."""
    from cryptography import x509

    from treem_desktop.packets.receiving import refuse_demo
    from treem_desktop.packets.verify import verify_packet_bytes

    if data.startswith(b"PK"):
        verified = refuse_demo(verify_packet_bytes(data, None, name=path.name), str(path))
        return verified.signer, str(verified.manifest["commune"]["code"])
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)[0], None
        return x509.load_der_x509_certificate(data), None
    except ValueError as exc:
        raise TreemError("OFFICE_CERT_UNREADABLE", path=str(path)) from exc


def read_trust_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES)
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(path), detail=exc.strerror) from exc


def _commune_of(
    profile: OfficeProfile, certificate: x509.Certificate, code: str | None, path: Path
) -> tuple[str, str]:
    """(code, name) of the commune of the office's province that the certificate names."""
    from treem_desktop.core.admin_units import load_admin_units
    from treem_desktop.signing.keys import identity_from_certificate

    identity = identity_from_certificate(certificate)
    if code is None and identity is None:
        raise TreemError("OFFICE_CERT_NO_COMMUNE", path=str(path))
    code = code or (identity.commune_code if identity else "")
    try:
        commune = load_admin_units().commune_in(profile.province_code, code)
    except TreemError as exc:
        raise TreemError(
            "OFFICE_COMMUNE_OTHER_PROVINCE", code=code, province=profile.province_name
        ) from exc
    return commune.code, commune.name
