"""Detached CMS signatures whose private key lives elsewhere (a USB token, through PKCS#11).

cryptography's PKCS7 builder needs the private key in memory, so here the ``SignedData`` is put
together with asn1crypto and only the signature itself is asked of the key holder: the caller
passes ``sign_attributes``, which receives the DER SET OF signed attributes and returns the
signature of their SHA-256 hash (ECDSA as DER ``Ecdsa-Sig-Value``; RSA PKCS#1 v1.5), hashing
them itself or letting the token hash. The result has the same shape as
:func:`.cms.sign_detached`'s: contentType,
messageDigest and signingTime signed, the signer identified by issuer and serial number, and
every certificate given (the signer first, then its chain) carried in the signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence

from asn1crypto import algos, cms, core  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from treem_desktop.signing import CMS_UNSUPPORTED_ALGORITHM, SigningError

SignAttributes = Callable[[bytes], bytes]

# DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): what CKM_RSA_PKCS signs.
SHA256_DIGEST_INFO_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")


def key_kind(certificate: x509.Certificate) -> str:
    """``ecdsa`` or ``rsa``: how the certificate's key signs; anything else is refused."""
    public = certificate.public_key()
    if isinstance(public, ec.EllipticCurvePublicKey):
        return "ecdsa"
    if isinstance(public, rsa.RSAPublicKey):
        return "rsa"
    raise SigningError(CMS_UNSUPPORTED_ALGORITHM, f"a {type(public).__name__} cannot sign here")


def sign_detached_external(
    content: bytes,
    certificates: Sequence[x509.Certificate],
    sign_attributes: SignAttributes,
    signing_time: dt.datetime | None = None,
) -> bytes:
    """A detached DER CMS signature of ``content`` by the key of ``certificates[0]``."""
    signer = certificates[0]
    kind = key_kind(signer)
    when = (signing_time or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    signed_attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
            cms.CMSAttribute(
                {"type": "message_digest", "values": [hashlib.sha256(content).digest()]}
            ),
            cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": when})]}),
        ]
    )
    to_sign = signed_attrs.dump(force=True)  # a universal SET OF: what the signature covers
    signature = sign_attributes(to_sign)
    parsed = [_asn1_certificate(c) for c in certificates]
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                        {"issuer": parsed[0].issuer, "serial_number": parsed[0].serial_number}
                    )
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": signed_attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm(
                {"algorithm": "sha256_ecdsa" if kind == "ecdsa" else "rsassa_pkcs1v15"}
            ),
            "signature": core.OctetString(signature),
        }
    )
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {"content_type": "data"},
            "certificates": [cms.CertificateChoices({"certificate": c}) for c in parsed],
            "signer_infos": [signer_info],
        }
    )
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed_data}).dump())


def ecdsa_der(raw: bytes) -> bytes:
    """The DER ``Ecdsa-Sig-Value`` of a PKCS#11 ECDSA signature (r and s, each half)."""
    half = len(raw) // 2
    if len(raw) % 2 or half == 0:
        raise SigningError(CMS_UNSUPPORTED_ALGORITHM, f"an ECDSA signature of {len(raw)} bytes")
    r = int.from_bytes(raw[:half], "big")
    s = int.from_bytes(raw[half:], "big")
    return bytes(algos.DSASignature({"r": r, "s": s}).dump())


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
