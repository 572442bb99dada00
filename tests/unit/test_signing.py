"""The commune's key and certificate, and detached CMS signatures (signing/)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from asn1crypto import cms as asn1_cms  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treem_desktop.signing import CODES, SigningError
from treem_desktop.signing.cms import VerifiedSignature, sign_detached, verify_detached
from treem_desktop.signing.keys import (
    CommuneIdentity,
    PrivateKey,
    fingerprint,
    generate_key,
    identity_from_certificate,
    load_key,
    save_key,
    self_signed_certificate,
)

MUONG_PHANG = CommuneIdentity("03199", "Xã Mường Phăng", "11", "Tỉnh Điện Biên")
TAN_LAP = CommuneIdentity("03325", "Xã Tân Lập", "11", "Tỉnh Điện Biên")
CONTENT = '{"kind": "danh-gia", "xã": "Mường Phăng"}'.encode()


@pytest.fixture(scope="module")
def key() -> ec.EllipticCurvePrivateKey:
    return generate_key()


@pytest.fixture(scope="module")
def cert(key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    return self_signed_certificate(key, MUONG_PHANG)


@pytest.fixture(scope="module")
def signature(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> bytes:
    return sign_detached(CONTENT, cert, key)


def code_of(excinfo: pytest.ExceptionInfo[SigningError]) -> str:
    return excinfo.value.code


def raw_sign(content: bytes, cert: x509.Certificate, key: PrivateKey, *options: object) -> bytes:
    """cryptography's builder directly, for signatures Treem itself would not make."""
    chosen = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary, *options]
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, chosen)  # type: ignore[arg-type]
    )


def ca_and_leaf(
    identity: CommuneIdentity,
) -> tuple[x509.Certificate, x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A CA certificate and a commune certificate it issued, with the commune's key."""
    ca_key = generate_key()
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Cục Chứng thực Thử nghiệm")])
    now = dt.datetime.now(dt.UTC)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_key = generate_key()
    own = self_signed_certificate(leaf_key, identity)
    leaf = (
        x509.CertificateBuilder()
        .subject_name(own.subject)
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(ca_key, hashes.SHA256())
    )
    return ca, leaf, leaf_key


def with_certificates(signature: bytes, *certs: x509.Certificate) -> bytes:
    """The same CMS with its certificate set replaced (the signed parts untouched)."""
    info = asn1_cms.ContentInfo.load(signature)
    info["content"]["certificates"] = asn1_cms.CertificateSet(
        [
            asn1_cms.CertificateChoices(
                name="certificate",
                value=asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)),
            )
            for c in certs
        ]
    )
    result: bytes = info.dump(force=True)
    return result


def twin(cert: x509.Certificate, other_key: PrivateKey) -> x509.Certificate:
    """A certificate identical in name and serial number to ``cert`` but for another key."""
    return (
        x509.CertificateBuilder()
        .subject_name(cert.subject)
        .issuer_name(cert.issuer)
        .public_key(other_key.public_key())
        .serial_number(cert.serial_number)
        .not_valid_before(cert.not_valid_before_utc)
        .not_valid_after(cert.not_valid_after_utc)
        .sign(other_key, hashes.SHA256())
    )


# --- the error type ------------------------------------------------------------------------


def test_signing_errors_carry_a_known_code() -> None:
    error = SigningError("CMS_MALFORMED", "truncated")
    assert error.code == "CMS_MALFORMED" and error.detail == "truncated"
    assert "CMS_MALFORMED" in CODES
    with pytest.raises(KeyError):
        SigningError("NO_SUCH_CODE")


def test_importing_the_package_does_not_load_the_crypto_libraries() -> None:
    code = (
        "import sys, treem_desktop.signing; "
        "print(sorted(m for m in ('cryptography', 'asn1crypto') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- keys and certificates ----------------------------------------------------------------


def test_generated_keys_are_ec_p256(key: ec.EllipticCurvePrivateKey) -> None:
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert key.curve.name == "secp256r1"


def test_the_certificate_names_the_commune_and_survives_pem(cert: x509.Certificate) -> None:
    again = x509.load_pem_x509_certificate(cert.public_bytes(serialization.Encoding.PEM))
    subject = again.subject

    def value(oid: x509.ObjectIdentifier) -> object:
        return subject.get_attributes_for_oid(oid)[0].value

    assert value(NameOID.COMMON_NAME) == "UBND Xã Mường Phăng"
    assert value(NameOID.ORGANIZATION_NAME) == "Xã Mường Phăng"
    assert value(NameOID.LOCALITY_NAME) == "Tỉnh Điện Biên"
    assert value(NameOID.STATE_OR_PROVINCE_NAME) == "Tỉnh Điện Biên"
    assert value(NameOID.COUNTRY_NAME) == "VN"
    assert value(NameOID.SERIAL_NUMBER) == "03199"
    assert value(NameOID.USER_ID) == "11"
    assert again.issuer == subject
    assert identity_from_certificate(again) == MUONG_PHANG


def test_the_certificate_is_an_end_entity_valid_about_ten_years(cert: x509.Certificate) -> None:
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert constraints.ca is False
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert lifetime == dt.timedelta(days=3651)  # 3650 days plus the one backdated
    assert cert.not_valid_before_utc < dt.datetime.now(dt.UTC)
    cert.verify_directly_issued_by(cert)  # really self-signed


def test_a_foreign_certificate_names_no_commune() -> None:
    _, leaf, _ = ca_and_leaf(MUONG_PHANG)
    ca, _, _ = ca_and_leaf(MUONG_PHANG)
    assert identity_from_certificate(leaf) == MUONG_PHANG
    assert identity_from_certificate(ca) is None


def test_certificate_validity_must_be_positive(key: ec.EllipticCurvePrivateKey) -> None:
    with pytest.raises(ValueError):
        self_signed_certificate(key, MUONG_PHANG, days=0)


def test_fingerprint_is_sha256_as_colon_separated_upper_hex(cert: x509.Certificate) -> None:
    printed = fingerprint(cert)
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", printed)
    der = cert.public_bytes(serialization.Encoding.DER)
    assert printed.replace(":", "").lower() == hashlib.sha256(der).hexdigest()


def test_an_encrypted_key_round_trips(tmp_path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path = tmp_path / "commune.key"
    save_key(path, key, "mật khẩu dài".encode())
    data = path.read_bytes()
    assert data.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")  # PKCS#8, encrypted
    loaded = load_key(path, "mật khẩu dài".encode())
    assert loaded.public_key() == key.public_key()
    assert [p.name for p in tmp_path.iterdir()] == ["commune.key"]  # no temporary left over


def test_an_unencrypted_key_round_trips(tmp_path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path = tmp_path / "commune.key"
    save_key(path, key, None)
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert load_key(path, None).public_key() == key.public_key()


def test_saving_replaces_an_existing_key(tmp_path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path = tmp_path / "commune.key"
    path.write_bytes(b"old")
    save_key(path, key, b"passphrase")
    assert load_key(path, b"passphrase").public_key() == key.public_key()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_key_file_is_private(tmp_path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path = tmp_path / "commune.key"
    save_key(path, key, b"passphrase")
    assert path.stat().st_mode & 0o777 == 0o600


def test_an_empty_passphrase_is_refused(tmp_path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    with pytest.raises(ValueError):
        save_key(tmp_path / "commune.key", key, b"")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("given_passphrase", [b"wrong passphrase", None])
def test_a_wrong_or_missing_passphrase_is_named(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey, given_passphrase: bytes | None
) -> None:
    path = tmp_path / "commune.key"
    save_key(path, key, b"right passphrase")
    with pytest.raises(SigningError) as excinfo:
        load_key(path, given_passphrase)
    assert code_of(excinfo) == "KEY_PASSPHRASE_WRONG"


def test_unreadable_keys_are_named(tmp_path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    garbage = tmp_path / "garbage.key"
    garbage.write_bytes(b"-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n")
    plain = tmp_path / "plain.key"
    save_key(plain, key, None)
    edwards = tmp_path / "ed25519.key"
    edwards.write_bytes(
        ed25519.Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cases = [
        (tmp_path / "missing.key", None),
        (tmp_path, None),  # a folder
        (garbage, None),
        (plain, b"a passphrase for an unencrypted key"),
        (edwards, None),  # not a key type Treem signs with
    ]
    for path, passphrase in cases:
        with pytest.raises(SigningError) as excinfo:
            load_key(path, passphrase)
        assert code_of(excinfo) == "KEY_UNREADABLE", path


def test_rsa_keys_load_too(tmp_path: Path) -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    save_key(tmp_path / "rsa.key", rsa_key, b"passphrase")
    assert isinstance(load_key(tmp_path / "rsa.key", b"passphrase"), rsa.RSAPrivateKey)


# --- signatures ---------------------------------------------------------------------------


def test_a_signature_round_trips(signature: bytes, cert: x509.Certificate) -> None:
    before = dt.datetime.now(dt.UTC)
    result = verify_detached(CONTENT, signature)
    assert isinstance(result, VerifiedSignature)
    assert result.signer == cert
    assert result.anchor is None
    assert result.signing_time.tzinfo is not None
    assert abs(result.signing_time - before) < dt.timedelta(minutes=5)
    assert identity_from_certificate(result.signer) == MUONG_PHANG


def test_the_signature_is_detached_der_with_a_signing_time(signature: bytes) -> None:
    info = asn1_cms.ContentInfo.load(signature, strict=True)
    assert info["content_type"].native == "signed_data"
    signed = info["content"]
    assert signed["encap_content_info"]["content"].native is None
    attrs = {a["type"].native for a in signed["signer_infos"][0]["signed_attrs"]}
    assert {"content_type", "message_digest", "signing_time"} <= attrs
    assert CONTENT not in signature


def test_an_rsa_signature_round_trips() -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rsa_cert = self_signed_certificate(rsa_key, TAN_LAP)
    signature = sign_detached(CONTENT, rsa_cert, rsa_key)
    assert verify_detached(CONTENT, signature, [rsa_cert]).signer == rsa_cert
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT + b" ", signature)
    assert code_of(excinfo) == "CMS_DIGEST_MISMATCH"


def test_signing_with_a_key_not_of_the_certificate_is_refused(cert: x509.Certificate) -> None:
    with pytest.raises(SigningError) as excinfo:
        sign_detached(CONTENT, cert, generate_key())
    assert code_of(excinfo) == "KEY_CERT_MISMATCH"


def test_tampered_content_is_a_digest_mismatch(signature: bytes) -> None:
    for tampered in (CONTENT[:-1], CONTENT + b"\n", CONTENT.replace(b"{", b"["), b""):
        with pytest.raises(SigningError) as excinfo:
            verify_detached(tampered, signature)
        assert code_of(excinfo) == "CMS_DIGEST_MISMATCH"


def test_another_key_behind_the_right_certificate_is_an_invalid_signature(
    cert: x509.Certificate,
) -> None:
    impostor_key = generate_key()
    impostor_cert = twin(cert, impostor_key)  # same name and serial, the impostor's key
    forged = sign_detached(CONTENT, impostor_cert, impostor_key)
    # Control: rewriting the certificate set keeps the signed parts intact.
    assert verify_detached(CONTENT, with_certificates(forged, impostor_cert)).signer == (
        impostor_cert
    )
    swapped = with_certificates(forged, cert)
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, swapped)
    assert code_of(excinfo) == "CMS_SIGNATURE_INVALID"
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, swapped, [cert])
    assert code_of(excinfo) == "CMS_SIGNATURE_INVALID"


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00" * 64,
        b"not a signature at all",
        b"\x30\x82\xff\xff\x06\x09",  # a SEQUENCE whose length runs past the end
        "chữ ký".encode(),
    ],
)
def test_garbage_is_malformed(garbage: bytes) -> None:
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, garbage)
    assert code_of(excinfo) == "CMS_MALFORMED"


def test_a_certificate_or_truncated_or_padded_signature_is_malformed(
    signature: bytes, cert: x509.Certificate
) -> None:
    cases = [
        cert.public_bytes(serialization.Encoding.DER),
        signature[:-1],
        signature[: len(signature) // 2],
        signature + b"\x00",
    ]
    for case in cases:
        with pytest.raises(SigningError) as excinfo:
            verify_detached(CONTENT, case)
        assert code_of(excinfo) == "CMS_MALFORMED"


def test_an_attached_signature_is_malformed(
    cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> None:
    attached = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(CONTENT)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, attached)
    assert code_of(excinfo) == "CMS_MALFORMED"


def test_a_signature_without_the_signers_certificate_is_signer_missing(
    cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> None:
    bare = raw_sign(CONTENT, cert, key, pkcs7.PKCS7Options.NoCerts)
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, bare)
    assert code_of(excinfo) == "CMS_SIGNER_MISSING"
    other = self_signed_certificate(generate_key(), TAN_LAP)
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, with_certificates(bare, other))
    assert code_of(excinfo) == "CMS_SIGNER_MISSING"


def test_a_weak_digest_is_unsupported(
    cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> None:
    sha224 = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(CONTENT)
        .add_signer(cert, key, hashes.SHA224())
        .sign(
            serialization.Encoding.DER,
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )
    )
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, sha224)
    assert code_of(excinfo) == "CMS_UNSUPPORTED_ALGORITHM"


def test_a_trusted_self_signed_signer_passes(signature: bytes, cert: x509.Certificate) -> None:
    other = self_signed_certificate(generate_key(), TAN_LAP)
    result = verify_detached(CONTENT, signature, [other, cert])
    assert result.signer == cert
    assert result.anchor == cert


@pytest.mark.parametrize("count", [0, 1, 3])
def test_an_untrusted_signer_is_refused(signature: bytes, count: int) -> None:
    others = [self_signed_certificate(generate_key(), TAN_LAP) for _ in range(count)]
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, signature, others)
    assert code_of(excinfo) == "CMS_UNTRUSTED"


def test_a_look_alike_certificate_is_not_trusted(signature: bytes, cert: x509.Certificate) -> None:
    look_alike = twin(cert, generate_key())  # same name and serial, another key
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, signature, [look_alike])
    assert code_of(excinfo) == "CMS_UNTRUSTED"


def test_a_certificate_issued_by_a_trusted_ca_passes() -> None:
    ca, leaf, leaf_key = ca_and_leaf(MUONG_PHANG)
    signature = sign_detached(CONTENT, leaf, leaf_key)
    result = verify_detached(CONTENT, signature, [ca])
    assert result.signer == leaf and result.anchor == ca
    other_ca, _, _ = ca_and_leaf(MUONG_PHANG)
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, signature, [other_ca])
    assert code_of(excinfo) == "CMS_UNTRUSTED"


def test_a_trusted_commune_cannot_vouch_for_another(
    cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> None:
    """A commune's certificate is not a CA: one it 'issued' to another name is not trusted."""
    victim_key = generate_key()
    now = dt.datetime.now(dt.UTC)
    issued = (
        x509.CertificateBuilder()
        .subject_name(self_signed_certificate(victim_key, TAN_LAP).subject)
        .issuer_name(cert.subject)
        .public_key(victim_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    issued.verify_directly_issued_by(cert)  # cryptographically it was issued by the commune
    signature = sign_detached(CONTENT, issued, victim_key)
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, signature, [cert])
    assert code_of(excinfo) == "CMS_UNTRUSTED"


def test_a_certificate_expired_at_signing_time_is_refused() -> None:
    old_key = generate_key()
    old = self_signed_certificate(
        old_key, MUONG_PHANG, days=30, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    )
    signature = sign_detached(CONTENT, old, old_key)
    assert verify_detached(CONTENT, signature).signer == old  # no trust asked, no date policy
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, signature, [old])
    assert code_of(excinfo) == "CMS_CERT_EXPIRED"


def test_a_certificate_not_yet_valid_at_signing_time_is_refused() -> None:
    future_key = generate_key()
    future = self_signed_certificate(
        future_key, MUONG_PHANG, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    )
    signature = sign_detached(CONTENT, future, future_key)
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, signature, [future])
    assert code_of(excinfo) == "CMS_CERT_EXPIRED"


# --- properties ---------------------------------------------------------------------------

PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(content=st.binary(min_size=1, max_size=4096), where=st.integers(), mask=st.integers(1, 255))
def test_any_content_verifies_and_one_flipped_byte_is_refused(
    cert: x509.Certificate,
    key: ec.EllipticCurvePrivateKey,
    content: bytes,
    where: int,
    mask: int,
) -> None:
    signature = sign_detached(content, cert, key)
    assert verify_detached(content, signature, [cert]).signer == cert
    flipped = bytearray(content)
    flipped[where % len(content)] ^= mask
    with pytest.raises(SigningError) as excinfo:
        verify_detached(bytes(flipped), signature, [cert])
    assert code_of(excinfo) == "CMS_DIGEST_MISMATCH"


@PROPERTY
@given(garbage=st.binary(max_size=2048))
def test_random_bytes_never_crash_the_verifier(garbage: bytes) -> None:
    with pytest.raises(SigningError) as excinfo:
        verify_detached(CONTENT, garbage)
    assert code_of(excinfo) in CODES


@settings(max_examples=300, deadline=None)
@given(where=st.integers(min_value=0), mask=st.integers(1, 255), cut=st.booleans())
def test_a_mutated_signature_never_crashes_and_never_changes_the_signer(
    where: int, mask: int, cut: bool
) -> None:
    signature = MUTATION_SIGNATURE
    index = where % len(signature)
    mutated = signature[:index] if cut else bytearray(signature)
    if not cut:
        assert isinstance(mutated, bytearray)
        mutated[index] ^= mask
    try:
        result = verify_detached(CONTENT, bytes(mutated), [MUTATION_CERT])
    except SigningError as error:
        assert error.code in CODES
    else:  # a byte outside what is signed or compared (e.g. a version number) may be ignored
        assert result.signer == MUTATION_CERT


@pytest.mark.parametrize("mask", [0x01, 0x80, 0xFF])
def test_every_single_byte_mutation_is_handled(mask: int) -> None:
    """Each byte of a real signature flipped in turn, and each truncation: no crash, no impostor."""
    signature = MUTATION_SIGNATURE
    for index in range(len(signature)):
        mutated = bytearray(signature)
        mutated[index] ^= mask
        for case in (bytes(mutated), signature[:index]):
            try:
                result = verify_detached(CONTENT, case, [MUTATION_CERT])
            except SigningError as error:
                assert error.code in CODES
            else:
                assert result.signer == MUTATION_CERT, index


MUTATION_KEY = generate_key()
MUTATION_CERT = self_signed_certificate(MUTATION_KEY, MUONG_PHANG)
MUTATION_SIGNATURE = sign_detached(CONTENT, MUTATION_CERT, MUTATION_KEY)
