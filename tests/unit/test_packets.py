"""Signed packets: built, verified, and every kind of damage or forgery refused with its reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import stat
import struct
import zipfile
from pathlib import Path

import pytest
from cryptography import x509
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treem_desktop.errors import EXIT_VERIFY
from treem_desktop.packets import PacketRejected
from treem_desktop.packets.build import (
    VIETNAM,
    PacketContent,
    archive_bytes,
    build_packet,
    make_manifest,
    manifest_bytes,
    packet_bytes,
)
from treem_desktop.packets.layout import MANIFEST, SIGNATURE, SIGNER
from treem_desktop.packets.verify import verify_packet, verify_packet_bytes
from treem_desktop.packets.zip_layout import dos_time
from treem_desktop.signing.cms import sign_detached
from treem_desktop.signing.keys import (
    CommuneIdentity,
    PrivateKey,
    generate_key,
    self_signed_certificate,
)
from treem_desktop.signing.signers import KeySigner

MUONG_PHANG = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
TAN_LAP = CommuneIdentity("03199", "Xã Tân Lập", "11", "Điện Biên")
CREATED = dt.datetime(2026, 11, 23, 9, 30, 15, tzinfo=VIETNAM)
FILES = {
    "data.json": json.dumps({"tong_diem": 872, "xã": "Mường Phăng"}, ensure_ascii=False).encode(),
    "bang-diem-2026.xlsx": bytes(range(256)) * 40,
    "bao-cao-2026.docx": b"PK\x03\x04 not really a docx, but bytes all the same" * 30,
}


def content(**changes: object) -> PacketContent:
    values: dict[str, object] = {
        "commune": MUONG_PHANG,
        "kind": "evaluation",
        "period": "2026",
        "sequence": 3,
        "files": FILES,
        "previous_packet_sha256": "ab" * 32,
        "standards": ({"id": "qd-06-2019", "version": "1", "sha256": "cd" * 32},),
        "created": CREATED,
    }
    values.update(changes)
    return PacketContent(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def commune_key() -> tuple[x509.Certificate, PrivateKey]:
    key = generate_key()
    return self_signed_certificate(key, MUONG_PHANG), key


@pytest.fixture(scope="module")
def packet(commune_key: tuple[x509.Certificate, PrivateKey]) -> bytes:
    data, _ = packet_bytes(content(), KeySigner(*commune_key))
    return data


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(entries: list[tuple[str, bytes]]) -> bytes:
    """A canonical archive of other members: a forger who knows the format exactly."""
    return archive_bytes(entries, dos_time(CREATED))


def rejected(data: bytes, trusted: list[x509.Certificate] | None = None) -> PacketRejected:
    with pytest.raises(PacketRejected) as caught:
        verify_packet_bytes(data, trusted)
    assert caught.value.exit_code == EXIT_VERIFY
    assert caught.value.message()  # a sentence for the officer, in Vietnamese
    return caught.value


def test_a_built_packet_verifies_and_says_what_it_holds(
    commune_key: tuple[x509.Certificate, PrivateKey], tmp_path: Path
) -> None:
    certificate, key = commune_key
    built = build_packet(content(), KeySigner(certificate, key), tmp_path)
    assert built.path.name == "TREEM_03325_evaluation_2026_0003.zip"
    assert built.sha256 == hashlib.sha256(built.path.read_bytes()).hexdigest()
    verified = verify_packet(built.path, [certificate])
    assert verified.trusted and verified.files == FILES
    assert verified.sha256 == built.sha256
    manifest = verified.manifest
    assert manifest["created"] == "2026-11-23T09:30:15+07:00"
    assert manifest["commune"]["code"] == "03325" and manifest["sequence"] == 3
    assert [f["name"] for f in manifest["files"]][0] == "data.json"
    for entry in manifest["files"]:
        assert entry["sha256"] == hashlib.sha256(FILES[entry["name"]]).hexdigest()
        assert entry["size"] == len(FILES[entry["name"]])
    assert {f["media_type"] for f in manifest["files"]} >= {"application/json"}
    with zipfile.ZipFile(built.path) as archive:  # any unzip tool opens it
        assert archive.testzip() is None
        assert archive.namelist()[:3] == [MANIFEST, SIGNATURE, SIGNER]
    assert sorted(p.name for p in tmp_path.iterdir()) == [built.path.name]


def test_building_never_overwrites(
    commune_key: tuple[x509.Certificate, PrivateKey], tmp_path: Path
) -> None:
    built = build_packet(content(), KeySigner(*commune_key), tmp_path)
    before = built.path.read_bytes()
    with pytest.raises(Exception) as caught:
        build_packet(content(), KeySigner(*commune_key), tmp_path)
    assert getattr(caught.value, "code", None) == "FILE_EXISTS"
    assert built.path.read_bytes() == before


def test_without_trusted_certificates_integrity_is_still_checked(packet: bytes) -> None:
    verified = verify_packet_bytes(packet, None)
    assert not verified.trusted


@pytest.mark.parametrize("member", [MANIFEST, SIGNATURE, SIGNER, *FILES])
def test_one_flipped_byte_in_any_member_is_refused(
    packet: bytes, commune_key: tuple[x509.Certificate, PrivateKey], member: str
) -> None:
    data = bytearray(packet)
    with zipfile.ZipFile(io.BytesIO(packet)) as archive:
        info = archive.getinfo(member)
    header = info.header_offset  # the local header: 30 bytes, then its name and extra field
    name_length, extra_length = struct.unpack_from("<HH", packet, header + 26)
    start = header + 30 + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0x20  # inside this member's stored bytes
    error = rejected(bytes(data), [commune_key[0]])
    assert error.code == "PACKET_MEMBER_DAMAGED"
    assert error.member == member


def test_every_single_bit_flip_anywhere_is_refused(
    packet: bytes, commune_key: tuple[x509.Certificate, PrivateKey]
) -> None:
    trusted = [commune_key[0]]
    accepted = []
    for index in range(len(packet)):
        data = bytearray(packet)
        data[index] ^= 1 << (index % 8)
        try:
            verify_packet_bytes(bytes(data), trusted)
        except PacketRejected:
            continue
        accepted.append(index)
    assert accepted == []


def test_a_member_changed_and_rezipped_is_refused_by_its_hash(packet: bytes) -> None:
    entries = list(members(packet).items())
    changed = [(n, b'{"tong_diem": 999}' if n == "data.json" else d) for n, d in entries]
    error = rejected(rezip(changed))
    assert (error.code, error.member) == ("PACKET_HASH_MISMATCH", "data.json")


def test_a_member_added_is_refused(packet: bytes) -> None:
    entries = [*members(packet).items(), ("them.pdf", b"%PDF-1.4 added later")]
    error = rejected(rezip(entries))
    assert (error.code, error.member) == ("PACKET_MEMBER_UNDECLARED", "them.pdf")


def test_a_member_removed_is_refused(packet: bytes) -> None:
    entries = [(n, d) for n, d in members(packet).items() if n != "bao-cao-2026.docx"]
    error = rejected(rezip(entries))
    assert (error.code, error.member) == ("PACKET_MEMBER_MISSING", "bao-cao-2026.docx")


def test_a_member_renamed_is_refused(packet: bytes) -> None:
    entries = [
        ("bao-cao-sua.docx" if n == "bao-cao-2026.docx" else n, d)
        for n, d in members(packet).items()
    ]
    error = rejected(rezip(entries))
    assert (error.code, error.member) == ("PACKET_MEMBER_UNDECLARED", "bao-cao-sua.docx")


@pytest.mark.parametrize("envelope", [MANIFEST, SIGNATURE, SIGNER])
def test_a_missing_envelope_member_is_named(packet: bytes, envelope: str) -> None:
    entries = [(n, d) for n, d in members(packet).items() if n != envelope]
    error = rejected(rezip(entries))
    assert (error.code, error.member) == ("PACKET_MEMBER_MISSING", envelope)


def zip_with(name: str, data: bytes = b"x", **info_fields: object) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo(name)
        for field, value in info_fields.items():
            setattr(info, field, value)
        archive.writestr(info, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name",
    ["../../evil.bat", "/etc/cron.d/evil", "C:/Windows/evil.exe", "docs/../../evil", "a\\..\\b"],
)
def test_unsafe_paths_are_refused(name: str) -> None:
    error = rejected(zip_with(name))
    assert error.code == "PACKET_UNSAFE_PATH"


def test_a_link_is_refused() -> None:
    link = zip_with("data.json", b"/etc/passwd", external_attr=(stat.S_IFLNK | 0o777) << 16)
    assert rejected(link).code == "PACKET_LINK"


def test_duplicate_members_are_refused(packet: bytes) -> None:
    entries = [*members(packet).items(), ("DATA.json", b"{}")]  # same name on Windows
    error = rejected(rezip(entries))
    assert (error.code, error.member) == ("PACKET_DUPLICATE_MEMBER", "DATA.json")


def test_a_zip_bomb_is_refused_before_unpacking() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", b"\0" * (20 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000
    error = rejected(buffer.getvalue())
    assert (error.code, error.member) == ("PACKET_COMPRESSION_RATIO", "data.json")


def test_a_bomb_whose_headers_understate_its_size_is_cut_off_while_reading() -> None:
    """Packet members are stored (a deflated one is refused by the layout check before it is
    inflated); the reader itself still stops at the declared size when the headers lie."""
    from treem_desktop.packets.verify import _read

    declared = 1000
    bomb = b"{" + b" " * (50 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.json", bomb, compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(buffer.getvalue())
    assert len(data) < 200_000
    struct.pack_into("<I", data, 22, declared)  # the local header lies about the size
    directory = bytes(data).rindex(b"PK\x01\x02")
    struct.pack_into("<I", data, directory + 24, declared)  # and so does the central directory
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("data.json")
        assert info.file_size == declared
        with pytest.raises(PacketRejected) as caught:
            _read(archive, info)
    assert (caught.value.code, caught.value.member) == ("PACKET_MEMBER_DAMAGED", "data.json")


def test_a_truncated_packet_is_refused(packet: bytes) -> None:
    for cut in (len(packet) // 2, len(packet) - 10, 100):
        assert rejected(packet[:cut]).code == "PACKET_TRUNCATED"


def test_a_deeply_nested_manifest_is_refused_not_crashed(
    commune_key: tuple[x509.Certificate, PrivateKey],
) -> None:
    from cryptography.hazmat.primitives import serialization

    certificate, key = commune_key
    nested = b"[" * 200_000 + b"]" * 200_000
    entries = [
        (MANIFEST, nested),
        (SIGNATURE, sign_detached(nested, certificate, key)),
        (SIGNER, certificate.public_bytes(serialization.Encoding.PEM)),
    ]
    assert rejected(rezip(entries)).code == "PACKET_MANIFEST_INVALID"


def test_something_else_is_not_a_packet() -> None:
    assert rejected(b"%PDF-1.7 a document, not a packet").code == "PACKET_NOT_ZIP"
    assert rejected(b"").code == "PACKET_NOT_ZIP"


def test_signed_by_another_communes_key(packet: bytes) -> None:
    other_key = generate_key()
    other = self_signed_certificate(other_key, TAN_LAP)
    forged, _ = packet_bytes(
        content(), KeySigner(other, other_key)
    )  # the manifest says Mường Phăng
    error = rejected(forged)
    assert error.code == "PACKET_SIGNER_COMMUNE_MISMATCH"
    assert "Tân Lập" in error.message() and "Mường Phăng" in error.message()


def test_a_forged_certificate_for_the_same_commune_is_not_trusted(
    commune_key: tuple[x509.Certificate, PrivateKey],
) -> None:
    forger_key = generate_key()
    forger = self_signed_certificate(forger_key, MUONG_PHANG)  # same names, another key
    forged, _ = packet_bytes(content(), KeySigner(forger, forger_key))
    verify_packet_bytes(forged, None)  # intact, but only trust tells who really signed
    error = rejected(forged, [commune_key[0]])
    assert error.code == "CMS_UNTRUSTED"


def test_signer_pem_swapped_for_another_certificate(
    packet: bytes, commune_key: tuple[x509.Certificate, PrivateKey]
) -> None:
    from cryptography.hazmat.primitives import serialization

    other = self_signed_certificate(generate_key(), MUONG_PHANG)
    entries = [
        (n, other.public_bytes(serialization.Encoding.PEM) if n == SIGNER else d)
        for n, d in members(packet).items()
    ]
    assert rejected(rezip(entries)).code == "PACKET_SIGNER_MISMATCH"


def resigned(
    manifest: dict[str, object], commune_key: tuple[x509.Certificate, PrivateKey]
) -> bytes:
    from cryptography.hazmat.primitives import serialization

    certificate, key = commune_key
    signed = manifest_bytes(manifest)
    entries = [
        (MANIFEST, signed),
        (SIGNATURE, sign_detached(signed, certificate, key)),
        (SIGNER, certificate.public_bytes(serialization.Encoding.PEM)),
        *FILES.items(),
    ]
    return rezip(entries)


def test_a_newer_format_is_refused_plainly(
    commune_key: tuple[x509.Certificate, PrivateKey],
) -> None:
    manifest = make_manifest(content())
    manifest["format_version"] = 2
    error = rejected(resigned(manifest, commune_key))
    assert (error.code, error.params["found"]) == ("PACKET_FORMAT_UNKNOWN", 2)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"sequence": 0}, "$.sequence"),
        ({"created": "2026-11-23T02:30:15+00:00"}, "$.created"),
        ({"kind": "khac"}, "$.kind"),
        ({"extra": 1}, "$"),
    ],
)
def test_a_manifest_outside_the_schema_is_refused_with_the_place(
    commune_key: tuple[x509.Certificate, PrivateKey], change: dict[str, object], where: str
) -> None:
    manifest = {**make_manifest(content()), **change}
    error = rejected(resigned(manifest, commune_key))
    assert (error.code, error.params["where"]) == ("PACKET_MANIFEST_INVALID", where)


def test_a_demo_manifest_is_valid_and_only_true_is_allowed(
    commune_key: tuple[x509.Certificate, PrivateKey],
) -> None:
    from treem_desktop.packets.receiving import DemoPacketRefused, refuse_demo

    plain = make_manifest(content())
    assert "demo" not in plain  # a real commune's manifest is byte for byte as before
    demo = make_manifest(content(demo=True))
    assert demo["demo"] is True
    verified = verify_packet_bytes(resigned(demo, commune_key))
    assert verified.demo  # the key is a real commune's: the manifest alone says demo
    with pytest.raises(DemoPacketRefused):
        refuse_demo(verified, "TREEM_03325_evaluation_2026_0003.zip")
    error = rejected(resigned({**plain, "demo": False}, commune_key))
    assert (error.code, error.params["where"]) == ("PACKET_MANIFEST_INVALID", "$.demo")


def test_a_demo_key_marks_its_packet_even_without_the_manifest_field() -> None:
    key = generate_key()
    certificate = self_signed_certificate(key, MUONG_PHANG, demo=True)
    data, manifest = packet_bytes(content(), KeySigner(certificate, key))
    assert "demo" not in manifest
    assert verify_packet_bytes(data).demo


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_are_never_accepted(data: bytes) -> None:
    with pytest.raises(PacketRejected):
        verify_packet_bytes(data, None)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_packets_are_never_accepted(
    packet: bytes, commune_key: tuple[x509.Certificate, PrivateKey], data: st.DataObject
) -> None:
    mutated = bytearray(packet)
    kind = data.draw(st.sampled_from(["flip", "cut", "insert", "delete", "overwrite"]))
    at = data.draw(st.integers(0, len(packet) - 1))
    if kind == "flip":
        mutated[at] ^= data.draw(st.integers(1, 255))
    elif kind == "cut":
        del mutated[at:]
    elif kind == "insert":
        mutated[at:at] = data.draw(st.binary(min_size=1, max_size=64))
    elif kind == "delete":
        del mutated[at : at + data.draw(st.integers(1, 64))]
    else:
        patch = data.draw(st.binary(min_size=1, max_size=64))
        if mutated[at : at + len(patch)] == patch:
            return  # not a change
        mutated[at : at + len(patch)] = patch
    with pytest.raises(PacketRejected):
        verify_packet_bytes(bytes(mutated), [commune_key[0]])
