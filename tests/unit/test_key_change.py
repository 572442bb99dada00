"""The key-change statement (signing/key_change.py): made, checked, and each refusal's code."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cryptography import x509
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treem_desktop.errors import EXIT_VERIFY
from treem_desktop.signing.key_change import (
    REASONS,
    KeyChangeRejected,
    check_key_change,
    sign_key_change,
    statement_bytes,
    verify_key_change,
)
from treem_desktop.signing.keys import (
    CommuneIdentity,
    PrivateKey,
    fingerprint,
    generate_key,
    self_signed_certificate,
)

MUONG_PHANG = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
THANH_NUA = CommuneIdentity("03199", "Xã Thanh Nưa", "11", "Điện Biên")
NOW = dt.datetime(2026, 11, 23, 9, 30, 15, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def pair(identity: CommuneIdentity = MUONG_PHANG) -> tuple[PrivateKey, x509.Certificate]:
    key = generate_key()
    return key, self_signed_certificate(key, identity)


OLD_KEY, OLD = pair()
NEW_KEY, NEW = pair()


def statement(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(statement_bytes(OLD, NEW, MUONG_PHANG, NOW, "hỏng máy"))
    document.update(changes)
    return document


def signed(
    document: dict[str, Any] | bytes, key: PrivateKey = OLD_KEY, cert: x509.Certificate = OLD
):
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return data, sign_key_change(data, cert, key)


def refused(data: bytes, signature: bytes, trusted: x509.Certificate = OLD) -> str:
    with pytest.raises(KeyChangeRejected) as rejected:
        verify_key_change(data, signature, trusted)
    assert rejected.value.exit_code == EXIT_VERIFY
    assert rejected.value.message()  # every code has its words
    return rejected.value.code


def test_a_statement_signed_by_the_old_key_gives_the_new_certificate() -> None:
    data = statement_bytes(OLD, NEW, MUONG_PHANG, NOW, "hỏng máy")
    document = json.loads(data)
    assert document["format"] == "treem-key-change" and document["format_version"] == 1
    assert document["created"] == "2026-11-23T09:30:15+07:00"
    assert document["old_certificate_fingerprint_sha256"] == fingerprint(OLD)
    assert data.endswith(b"}\n")
    signature = sign_key_change(data, OLD, OLD_KEY)
    assert verify_key_change(data, signature, OLD) == NEW
    change = check_key_change(data, signature, OLD)
    assert change.commune == MUONG_PHANG and change.reason == "hỏng máy"


def test_one_flipped_byte_anywhere_is_refused() -> None:
    data, signature = signed(statement())
    for index in range(0, len(data), 7):
        damaged = bytearray(data)
        damaged[index] ^= 0x01
        assert refused(bytes(damaged), signature) == "KEY_CHANGE_SIGNATURE_INVALID"
    assert refused(data, signature[:-3]) == "KEY_CHANGE_SIGNATURE_INVALID"
    assert refused(data, b"not a signature") == "KEY_CHANGE_SIGNATURE_INVALID"


def test_a_statement_signed_by_another_key_is_refused() -> None:
    stranger_key, stranger = pair()
    data, signature = signed(statement(), stranger_key, stranger)
    assert refused(data, signature) == "KEY_CHANGE_UNTRUSTED"
    # Signed by the new key itself (a thief vouching for his own key): not the old one.
    data, signature = signed(statement(), NEW_KEY, NEW)
    assert refused(data, signature) == "KEY_CHANGE_UNTRUSTED"


def test_fingerprints_must_be_those_of_the_certificates() -> None:
    _other_key, other = pair()
    wrong_new = statement(new_certificate_fingerprint_sha256=fingerprint(other))
    assert refused(*signed(wrong_new)) == "KEY_CHANGE_FINGERPRINT_MISMATCH"
    wrong_old = statement(old_certificate_fingerprint_sha256=fingerprint(other))
    assert refused(*signed(wrong_old)) == "KEY_CHANGE_FINGERPRINT_MISMATCH"


def test_a_new_certificate_of_another_commune_is_refused() -> None:
    _key, elsewhere = pair(THANH_NUA)
    document = json.loads(statement_bytes(OLD, elsewhere, THANH_NUA, NOW, ""))
    assert refused(*signed(document)) == "KEY_CHANGE_COMMUNE_MISMATCH"
    lying = json.loads(statement_bytes(OLD, NEW, THANH_NUA, NOW, ""))  # says another commune
    assert refused(*signed(lying)) == "KEY_CHANGE_COMMUNE_MISMATCH"


@pytest.mark.parametrize(
    "document",
    [
        b"[1, 2]",
        b"\xff\xfe not json",
        json.dumps({"format": "treem-packet"}).encode(),
        json.dumps(statement(extra=1)).encode(),
        json.dumps(statement(reason=5)).encode(),
        json.dumps(statement(commune={"code": "03325"})).encode(),
        json.dumps(statement(new_certificate_pem="-----BEGIN CERTIFICATE-----\nAA\n")).encode(),
        json.dumps(
            statement(
                new_certificate_pem=statement()["new_certificate_pem"] * 2,
            )
        ).encode(),
    ],
)
def test_a_malformed_statement_is_refused(document: bytes) -> None:
    assert refused(*signed(document)) == "KEY_CHANGE_MALFORMED"


def test_the_old_key_again_is_not_a_change() -> None:
    same = json.loads(statement_bytes(OLD, OLD, MUONG_PHANG, NOW, ""))
    assert refused(*signed(same)) == "KEY_CHANGE_MALFORMED"


def test_an_unknown_format_version_is_named() -> None:
    assert refused(*signed(statement(format_version=2))) == "KEY_CHANGE_FORMAT_UNKNOWN"
    assert refused(*signed(statement(format_version=True))) == "KEY_CHANGE_FORMAT_UNKNOWN"


def test_a_statement_signed_after_the_old_certificate_expired_is_refused() -> None:
    long_ago = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)
    expired = self_signed_certificate(OLD_KEY, MUONG_PHANG, days=1, now=long_ago)
    document = json.loads(statement_bytes(expired, NEW, MUONG_PHANG, NOW, ""))
    data, signature = signed(document, OLD_KEY, expired)
    assert refused(data, signature, expired) == "KEY_CHANGE_OLD_CERT_EXPIRED"


def test_an_oversized_statement_is_refused() -> None:
    assert refused(*signed(b" " * 70_000)) == "KEY_CHANGE_MALFORMED"


GOOD_STATEMENT, GOOD_SIGNATURE = signed(statement())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_statements_and_signatures_are_refused_never_crash(data: st.DataObject) -> None:
    """Random changes to either file: always a refusal with a known reason, never a bug."""
    target = data.draw(st.sampled_from(["statement", "signature", "both"]))
    statement_bytes_, signature = GOOD_STATEMENT, GOOD_SIGNATURE
    if target in ("statement", "both"):
        statement_bytes_ = mutate(data, statement_bytes_)
    if target in ("signature", "both"):
        signature = mutate(data, signature)
    if (statement_bytes_, signature) == (GOOD_STATEMENT, GOOD_SIGNATURE):
        return
    with pytest.raises(KeyChangeRejected) as rejected:
        verify_key_change(statement_bytes_, signature, OLD)
    assert rejected.value.code in REASONS


def mutate(data: st.DataObject, original: bytes) -> bytes:
    kind = data.draw(st.sampled_from(["flip", "cut", "insert", "random"]))
    if kind == "random":
        return data.draw(st.binary(max_size=600))
    index = data.draw(st.integers(0, len(original) - 1))
    if kind == "flip":
        bit = data.draw(st.integers(0, 7))
        return original[:index] + bytes([original[index] ^ (1 << bit)]) + original[index + 1 :]
    if kind == "cut":
        return original[:index]
    return original[:index] + data.draw(st.binary(min_size=1, max_size=20)) + original[index:]
