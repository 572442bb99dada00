"""Detached CMS (PKCS#7) signatures: made with cryptography, checked with asn1crypto.

:func:`sign_detached` makes what ``openssl cms -sign -binary -outform DER`` would: a DER
``ContentInfo``/``SignedData`` without the content, with contentType, messageDigest and
signingTime among the signed attributes and the signer's certificate included.

cryptography has no public PKCS#7 verifier, so :func:`verify_detached` does the checks itself
(RFC 5652 §5.4 and §5.6), in this order, each failure with its own code:

1. the bytes are one DER ``ContentInfo`` holding a ``SignedData`` with exactly one signer, id-data
   content that is absent (detached) and signed attributes with exactly one contentType (id-data),
   messageDigest and signingTime → else ``CMS_MALFORMED``;
2. the digest is SHA-256/384/512 and the signature ECDSA or RSA PKCS#1 v1.5 with the same hash →
   else ``CMS_UNSUPPORTED_ALGORITHM``;
3. the signer's certificate (by issuer and serial number, or subject key identifier) is in the
   CMS → else ``CMS_SIGNER_MISSING``;
4. messageDigest equals the hash of ``content`` → else ``CMS_DIGEST_MISMATCH``;
5. the signature over the DER SET OF the signed attributes verifies with the certificate's
   public key → else ``CMS_SIGNATURE_INVALID``;
6. only when ``trusted`` is given: a path from the signer's certificate to one of them, through
   at most :data:`MAX_CHAIN` CA certificates carried in the signature or given as
   ``intermediates``, each issued by the next (basicConstraints CA:TRUE, keyCertSign if key
   usage is present, signature checked) → else ``CMS_UNTRUSTED``; and every certificate of the
   path valid at the signing time → else ``CMS_CERT_EXPIRED``.

Not covered here: revocation (CRL/OCSP need a connection the commune rarely has), path length
constraints and policies, and any policy on the signing time itself (it is the signer's claim;
only the trust decision gives it meaning).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from asn1crypto import cms as asn1_cms  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from treem_desktop.signing import (
    CMS_CERT_EXPIRED,
    CMS_DIGEST_MISMATCH,
    CMS_MALFORMED,
    CMS_SIGNATURE_INVALID,
    CMS_SIGNER_MISSING,
    CMS_UNSUPPORTED_ALGORITHM,
    CMS_UNTRUSTED,
    KEY_CERT_MISMATCH,
    SigningError,
)
from treem_desktop.signing.keys import PrivateKey

# asn1crypto digest names → (hashlib name, cryptography hash).
_DIGESTS: dict[str, tuple[str, type[hashes.HashAlgorithm]]] = {
    "sha256": ("sha256", hashes.SHA256),
    "sha384": ("sha384", hashes.SHA384),
    "sha512": ("sha512", hashes.SHA512),
}
# asn1crypto signature algorithm names → (kind, hash it implies or None for "the digest's").
_SIGNATURES: dict[str, tuple[str, str | None]] = {
    "rsassa_pkcs1v15": ("rsa", None),  # rsaEncryption, as OpenSSL writes for RSA keys
    "sha256_rsa": ("rsa", "sha256"),
    "sha384_rsa": ("rsa", "sha384"),
    "sha512_rsa": ("rsa", "sha512"),
    "ecdsa": ("ecdsa", None),
    "sha256_ecdsa": ("ecdsa", "sha256"),
    "sha384_ecdsa": ("ecdsa", "sha384"),
    "sha512_ecdsa": ("ecdsa", "sha512"),
}
# What malformed DER can make asn1crypto raise while it parses lazily.
_PARSE_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    AttributeError,
    x509.InvalidVersion,  # cryptography, on a damaged certificate
    UnsupportedAlgorithm,  # a carried certificate with a key type cryptography does not know
)


@dataclass(frozen=True)
class VerifiedSignature:
    """A signature that passed :func:`verify_detached`.

    Attributes:
        signer: the certificate whose key made the signature.
        signing_time: the signingTime signed attribute, timezone-aware (UTC).
        anchor: the trusted certificate that vouched for the signer (itself, or its CA);
            None when no trusted certificates were given.
        carried: every certificate the signature carries, in DER SET order (not covered by
            the signature: a packet compares them with ``signer.pem``).
    """

    signer: x509.Certificate
    signing_time: dt.datetime
    anchor: x509.Certificate | None = None
    carried: tuple[x509.Certificate, ...] = ()


def sign_detached(content: bytes, cert: x509.Certificate, key: PrivateKey) -> bytes:
    """A detached DER CMS signature of ``content`` by ``key``, carrying ``cert``.

    Raises:
        SigningError: ``KEY_CERT_MISMATCH`` when ``key`` is not the key of ``cert``.
    """
    # Only signing needs the PKCS#7 builder (and the e-mail modules it loads): not a verifier.
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs7

    if cert.public_key() != key.public_key():
        raise SigningError(KEY_CERT_MISMATCH, "the private key does not match the certificate")
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(cert, key, hashes.SHA256())
        .sign(
            serialization.Encoding.DER,
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )
    )


@dataclass(frozen=True)
class _Parsed:
    digest: str  # a key of _DIGESTS
    kind: str  # "rsa" or "ecdsa"
    message_digest: bytes
    signing_time: dt.datetime
    signed_data: bytes  # the DER SET OF signed attributes: what the signature covers
    signature: bytes
    sid: Any  # asn1crypto SignerIdentifier
    certificates: list[Any]  # asn1crypto x509.Certificate


def _malformed(detail: str) -> SigningError:
    return SigningError(CMS_MALFORMED, detail)


def _single_value(attrs: dict[str, list[Any]], name: str) -> Any:
    values = attrs.get(name)
    if values is None or len(values) != 1:
        raise _malformed(f"signed attribute {name} must have exactly one value")
    return values[0]


def _parse(signature: bytes) -> _Parsed:
    info = asn1_cms.ContentInfo.load(signature, strict=True)
    if info["content_type"].native != "signed_data":
        raise _malformed("not a CMS SignedData")
    signed = info["content"]
    for identifier in signed["digest_algorithms"]:
        if identifier["parameters"].dump() not in (b"", b"\x05\x00"):
            raise _malformed("digest algorithm parameters other than absent or NULL")
    encap = signed["encap_content_info"]
    if encap["content_type"].native != "data":
        raise _malformed("the signed content is not id-data")
    if encap["content"].native is not None:
        raise _malformed("the signature is not detached")
    signer_infos = signed["signer_infos"]
    if len(signer_infos) != 1:
        raise _malformed(f"expected one signer, found {len(signer_infos)}")
    signer = signer_infos[0]
    sid = signer["sid"]
    expected_version = "v1" if sid.name == "issuer_and_serial_number" else "v3"
    if signer["version"].native != expected_version:
        raise _malformed("the signer's version does not match its identifier")
    if signed["version"].native != expected_version:  # RFC 5652 §5.1, no other content
        raise _malformed("the SignedData version does not match its signer")

    attrs: dict[str, list[Any]] = {}
    raw_attrs = signer["signed_attrs"]
    if not isinstance(raw_attrs, asn1_cms.CMSAttributes) or len(raw_attrs) == 0:
        raise _malformed("no signed attributes")
    for attr in raw_attrs:
        name = attr["type"].native
        if name in attrs:
            raise _malformed(f"signed attribute {name} appears twice")
        attrs[name] = list(attr["values"])
    if _single_value(attrs, "content_type").native != "data":
        raise _malformed("the contentType attribute is not id-data")
    message_digest = _single_value(attrs, "message_digest").native
    signing_time = _single_value(attrs, "signing_time").native
    if not isinstance(message_digest, bytes) or not isinstance(signing_time, dt.datetime):
        raise _malformed("bad messageDigest or signingTime")
    if signing_time.tzinfo is None:
        signing_time = signing_time.replace(tzinfo=dt.UTC)

    for identifier in (signer["digest_algorithm"], signer["signature_algorithm"]):
        if identifier["parameters"].dump() not in (b"", b"\x05\x00"):
            raise _malformed("algorithm parameters other than absent or NULL")
    digest = signer["digest_algorithm"]["algorithm"].native
    signature_algorithm = signer["signature_algorithm"]["algorithm"].native
    if digest not in _DIGESTS or signature_algorithm not in _SIGNATURES:
        raise SigningError(
            CMS_UNSUPPORTED_ALGORITHM, f"digest {digest}, signature {signature_algorithm}"
        )
    kind, implied = _SIGNATURES[signature_algorithm]
    if implied is not None and implied != digest:
        raise SigningError(
            CMS_UNSUPPORTED_ALGORITHM, f"digest {digest} with signature {signature_algorithm}"
        )
    listed = {a["algorithm"].native for a in signed["digest_algorithms"]}
    if digest not in listed:
        raise _malformed("the signer's digest algorithm is not listed in SignedData")

    certificates = [
        choice.chosen for choice in signed["certificates"] or [] if choice.name == "certificate"
    ]
    encoded_attrs = raw_attrs.dump()
    return _Parsed(
        digest=digest,
        kind=kind,
        message_digest=message_digest,
        signing_time=signing_time,
        signed_data=b"\x31" + encoded_attrs[1:],  # [0] IMPLICIT → universal SET (RFC 5652 §5.4)
        signature=signer["signature"].native,
        sid=sid,
        certificates=certificates,
    )


def _signer_certificate(parsed: _Parsed) -> x509.Certificate:
    sid = parsed.sid
    if sid.name == "issuer_and_serial_number":
        issuer = sid.chosen["issuer"]
        serial = sid.chosen["serial_number"].native
        matches = [
            c
            for c in parsed.certificates
            if c.serial_number == serial and c.issuer.dump() == issuer.dump()  # byte for byte
        ]
    else:
        key_id = sid.chosen.native
        matches = [c for c in parsed.certificates if c.key_identifier == key_id]
    if not matches:
        raise SigningError(CMS_SIGNER_MISSING, "the signer's certificate is not in the signature")
    if len({m.dump() for m in matches}) > 1:
        raise _malformed("several different certificates match the signer")
    return read_fully(matches[0].dump())


def read_fully(cert: x509.Certificate | bytes) -> x509.Certificate:
    """``cert`` (or its DER), with what later checks use parsed now, so that damage shows as an
    error here rather than later.

    cryptography parses lazily, and warns about, but accepts, over-long attributes such as a
    20-letter country name or a negative serial number: damage that later checks refuse.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if isinstance(cert, bytes):
            cert = x509.load_der_x509_certificate(cert)
        _ = (cert.subject, cert.issuer, cert.not_valid_before_utc, cert.not_valid_after_utc)
    return cert


def _check_signature(parsed: _Parsed, cert: x509.Certificate) -> None:
    hash_algorithm = _DIGESTS[parsed.digest][1]()
    try:
        public = cert.public_key()
    except UnsupportedAlgorithm as exc:
        raise SigningError(CMS_UNSUPPORTED_ALGORITHM, f"the signer's key: {exc}") from exc
    except ValueError as exc:
        raise _malformed(f"the signer's key cannot be read: {exc}") from exc
    try:
        if parsed.kind == "ecdsa" and isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(parsed.signature, parsed.signed_data, ec.ECDSA(hash_algorithm))
        elif parsed.kind == "rsa" and isinstance(public, rsa.RSAPublicKey):
            public.verify(parsed.signature, parsed.signed_data, padding.PKCS1v15(), hash_algorithm)
        else:
            raise SigningError(
                CMS_SIGNATURE_INVALID, f"a {parsed.kind} signature by a {type(public).__name__}"
            )
    except (InvalidSignature, ValueError) as exc:
        raise SigningError(CMS_SIGNATURE_INVALID, "the signature does not verify") from exc


def _can_issue(cert: x509.Certificate) -> bool:
    try:
        extensions = cert.extensions
    except (ValueError, x509.DuplicateExtension):
        return False
    try:
        constraints = extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    if not constraints.ca:
        return False
    try:
        usage = extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return usage.key_cert_sign


MAX_CHAIN = 5  # certificates between the signer and its anchor, at most


def _issued_by(cert: x509.Certificate, candidate: x509.Certificate) -> bool:
    if candidate.subject != cert.issuer or not _can_issue(candidate):
        return False
    try:
        cert.verify_directly_issued_by(candidate)
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False
    return True


def _trust_path(
    cert: x509.Certificate,
    intermediates: list[x509.Certificate],
    trusted: list[x509.Certificate],
) -> list[x509.Certificate]:
    """The certificates from ``cert`` up to a trusted one (both included), else CMS_UNTRUSTED.

    A trusted certificate ends the path where it appears: the signer itself, or a CA that
    issued the last certificate of the path. CA certificates carried with the signature
    (``intermediates``) may lengthen the path, never end it.
    """
    path = [cert]
    while len(path) <= MAX_CHAIN:
        current = path[-1]
        if current in trusted:
            return path
        anchor = next((t for t in trusted if _issued_by(current, t)), None)
        if anchor is not None:
            return [*path, anchor]
        step = next((c for c in intermediates if c not in path and _issued_by(current, c)), None)
        if step is None:
            break
        path.append(step)
    raise SigningError(CMS_UNTRUSTED, f"signer {cert.subject.rfc4514_string()} is not trusted")


def _check_validity(cert: x509.Certificate, at: dt.datetime) -> None:
    if not cert.not_valid_before_utc <= at <= cert.not_valid_after_utc:
        raise SigningError(
            CMS_CERT_EXPIRED,
            f"{cert.subject.rfc4514_string()} is valid from {cert.not_valid_before_utc} "
            f"to {cert.not_valid_after_utc}, not at {at}",
        )


def verify_detached(
    content: bytes,
    signature: bytes,
    trusted: list[x509.Certificate] | None = None,
    intermediates: list[x509.Certificate] | None = None,
) -> VerifiedSignature:
    """Check a detached CMS signature of ``content`` (see the module's list of checks).

    Raises:
        SigningError: with the code of the first check that fails.
    """
    signature = bytes(signature)  # the key of what is kept (a bytearray is not hashable)
    parsed, cert = _read(signature)
    actual = hashlib.new(_DIGESTS[parsed.digest][0], content).digest()
    if not hmac.compare_digest(actual, parsed.message_digest):
        raise SigningError(CMS_DIGEST_MISMATCH, "the content is not what was signed")
    carried = _proven(signature)
    if trusted is None:
        return VerifiedSignature(cert, parsed.signing_time, None, carried)
    path = _trust_path(cert, [*carried, *(intermediates or [])], trusted)
    for member in path:
        _check_validity(member, parsed.signing_time)
    return VerifiedSignature(cert, parsed.signing_time, path[-1], carried)


# A packet's signature is checked first on its own, then against the trusted certificates: the
# second time reuses what the first read and proved (nothing of it depends on the content).
# Failures are not kept, so each call raises its own error, in the same order.
_KEPT_SIGNATURES = 4


@lru_cache(maxsize=_KEPT_SIGNATURES)
def _read(signature: bytes) -> tuple[_Parsed, x509.Certificate]:
    """Checks 1–3: the CMS parsed and the signer's certificate found in it."""
    try:
        parsed = _parse(signature)
        return parsed, _signer_certificate(parsed)
    except SigningError:
        raise
    except _PARSE_ERRORS as exc:
        raise _malformed(f"{type(exc).__name__}: {exc}") from exc


@lru_cache(maxsize=_KEPT_SIGNATURES)
def _proven(signature: bytes) -> tuple[x509.Certificate, ...]:
    """Check 5 (after the digest, check 4): the signature over the signed attributes verifies;
    then the certificates it carries, read."""
    parsed, cert = _read(signature)
    _check_signature(parsed, cert)
    return tuple(_load(c) for c in parsed.certificates)


def _load(certificate: Any) -> x509.Certificate:
    try:
        return read_fully(certificate.dump())
    except _PARSE_ERRORS as exc:
        raise _malformed(f"a carried certificate: {exc}") from exc
