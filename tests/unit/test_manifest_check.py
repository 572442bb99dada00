"""The quick check of a manifest says yes only where jsonschema says the manifest conforms."""

from __future__ import annotations

import copy
import json
import zipfile
from io import BytesIO
from typing import Any

import jsonschema
import pytest

from treem_desktop.packets.build import PacketContent, packet_bytes
from treem_desktop.packets.layout import FORMAT_VERSION, MANIFEST, manifest_schema
from treem_desktop.packets.manifest_check import surely_conforms
from treem_desktop.signing.keys import CommuneIdentity, generate_key, self_signed_certificate
from treem_desktop.signing.signers import KeySigner

SCHEMA = manifest_schema(FORMAT_VERSION)


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    identity = CommuneIdentity("03325", "Xã Mường Phăng", "11", "Điện Biên")
    key = generate_key()
    signer = KeySigner(self_signed_certificate(key, identity), key)
    packet, _ = packet_bytes(PacketContent(identity, "plan", "2026", 1, {"a.txt": b"x"}), signer)
    with zipfile.ZipFile(BytesIO(packet)) as archive:
        loaded: dict[str, Any] = json.loads(archive.read(MANIFEST))
    return loaded


def changed(manifest: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    copied = copy.deepcopy(manifest)
    holder = copied
    for step in path[:-1]:
        holder = holder[step]
    if value is KeyError:
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    return copied


def test_a_built_manifest_surely_conforms(manifest: dict[str, Any]) -> None:
    assert jsonschema.Draft202012Validator(SCHEMA).is_valid(manifest)
    assert surely_conforms(manifest, SCHEMA)
    assert surely_conforms(changed(manifest, ("previous_packet_sha256",), "ab" * 32), SCHEMA)
    assert surely_conforms(changed(manifest, ("demo",), True), SCHEMA)


BROKEN = [
    (("format_version",), True),  # True is not 1
    (("format_version",), 2),
    (("sequence",), 0),
    (("sequence",), 1.0),  # a float: left to jsonschema
    (("sequence",), "1"),
    (("kind",), "report"),
    (("demo",), False),
    (("commune", "code"), "3325"),
    (("commune", "extra"), "x"),
    (("commune", "name"), ""),
    (("previous_packet_sha256",), "AB" * 32),
    (("files",), []),
    (("files", 0, "size"), -1),
    (("files", 0, "name"), KeyError),
    (("standards",), [{"id": "x", "version": "1", "sha256": "0" * 64, "more": 1}]),
    (("created",), KeyError),
    (("unknown",), 1),
]


@pytest.mark.parametrize(("path", "value"), BROKEN, ids=[str(p) for p, _ in BROKEN])
def test_anything_else_is_left_to_jsonschema(
    manifest: dict[str, Any], path: tuple[Any, ...], value: Any
) -> None:
    document = changed(manifest, path, value)
    assert not surely_conforms(document, SCHEMA)


def test_a_keyword_it_does_not_know_is_left_to_jsonschema() -> None:
    assert surely_conforms("abc", {"type": "string", "maxLength": 3})
    assert not surely_conforms("abc", {"type": "string", "format": "date"})
    assert not surely_conforms(3, {"type": "number"})
