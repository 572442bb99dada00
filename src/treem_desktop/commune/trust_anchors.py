"""CA certificates trusted as anchors for token signatures (resources/trust, <data>/trust).

A receiving office trusts a packet signed with a USB token when the token's certificate chains
to one of these (:func:`treem_desktop.signing.cms.verify_detached`). Anchors are added only with
the fingerprint read from the CA by another channel, and only when they are CA certificates.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically
from treem_desktop.paths import resources_dir

if TYPE_CHECKING:
    from cryptography import x509

log = logging.getLogger(__name__)
SUFFIXES = (".pem", ".crt", ".cer", ".der")
_HEX = re.compile(r"[^0-9a-f]")


@dataclass(frozen=True)
class Anchor:
    certificate: x509.Certificate
    path: Path
    shipped: bool  # True for resources/trust, False for the data folder's

    @property
    def fingerprint(self) -> str:
        from treem_desktop.signing.keys import fingerprint

        return fingerprint(self.certificate)


def shipped_folder() -> Path:
    return resources_dir() / "trust"


def data_folder(data_path: Path) -> Path:
    return data_path / "trust"


def load_anchors(data_path: Path) -> list[Anchor]:
    """Every readable CA certificate in both folders; an unreadable file is logged and skipped."""
    anchors: list[Anchor] = []
    for folder, shipped in ((shipped_folder(), True), (data_folder(data_path), False)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in SUFFIXES:
                continue
            try:
                certificates = read_certificates(path.read_bytes())
            except (OSError, ValueError) as exc:
                log.warning("trust anchor %s skipped: %s", path, exc)
                continue
            anchors.extend(Anchor(c, path, shipped) for c in certificates if is_ca(c))
    return anchors


def add_anchor(data_path: Path, source: Path, expected_fingerprint: str) -> Anchor:
    """Keep the CA certificate ``source`` in ``<data>/trust`` when its fingerprint matches."""
    from cryptography.hazmat.primitives import serialization

    from treem_desktop.signing.keys import fingerprint

    try:
        certificates = read_certificates(source.read_bytes())
    except OSError as exc:
        raise TreemError("FILE_UNREADABLE", path=str(source), detail=exc.strerror) from exc
    except ValueError as exc:
        raise TreemError("KEY_CERT_UNREADABLE", path=str(source)) from exc
    if len(certificates) != 1:
        raise TreemError("TRUST_ONE_CERTIFICATE", path=str(source), count=len(certificates))
    certificate = certificates[0]
    if _HEX.sub("", expected_fingerprint.lower()) != _HEX.sub("", fingerprint(certificate).lower()):
        raise TreemError(
            "FINGERPRINT_MISMATCH", expected=expected_fingerprint, actual=fingerprint(certificate)
        )
    if not is_ca(certificate):
        raise TreemError("TRUST_NOT_CA", path=str(source))
    digest = hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()
    target = data_folder(data_path) / f"ca-{digest[:16]}.pem"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, certificate.public_bytes(serialization.Encoding.PEM), mode=0o644)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(target), detail=exc.strerror) from exc
    return Anchor(certificate, target, False)


def read_certificates(data: bytes) -> list[x509.Certificate]:
    """PEM (one or more) or DER certificates; ValueError when there are none."""
    from cryptography import x509

    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def is_ca(certificate: x509.Certificate) -> bool:
    from cryptography import x509

    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except (x509.ExtensionNotFound, ValueError):
        return False
    return bool(constraints.value.ca)
