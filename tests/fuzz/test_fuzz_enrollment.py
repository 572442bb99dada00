"""The enrollment file's reader fed garbage (issue 14's rule): mutated files are refused with a
TreemError; a changed document signed again is refused or read into sound values."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from hypothesis import strategies as st

from tests.fuzz.support import SIZES, counted, document_changed, mutated
from tests.office_support import make_commune
from tests.unit.test_enrollment import enrollment_of
from treem_desktop.errors import TreemError
from treem_desktop.handoff.enrollment import (
    DOCUMENT,
    SIGNATURE,
    Enrollment,
    email_valid,
    phone_valid,
    read_enrollment,
)
from treem_desktop.packets.build import archive_bytes
from treem_desktop.signing.signers import KeySigner


@pytest.fixture(scope="module")
def enrolled() -> dict[str, Any]:
    commune = make_commune("03301")
    data = enrollment_of(commune)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = json.loads(archive.read(DOCUMENT))
    return {
        "data": data,
        "document": document,
        "signer": KeySigner(commune.certificate, commune.key),
    }


@pytest.mark.parametrize("examples", SIZES)
def test_mutated_enrollment_files_are_refused(examples: int, enrolled: dict[str, Any]) -> None:
    original = enrolled["data"]

    def check(data: bytes) -> None:
        if data != original:
            with pytest.raises(TreemError) as caught:
                read_enrollment(data, "fuzz")
            assert caught.value.message()

    counted("enrollment", examples, st.one_of(mutated(original), st.binary(max_size=400)), check)


@pytest.mark.parametrize("examples", SIZES)
def test_changed_documents_signed_again(examples: int, enrolled: dict[str, Any]) -> None:
    signer = enrolled["signer"]

    def check(document: Any) -> None:
        content = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
        data = archive_bytes(
            [(DOCUMENT, content), (SIGNATURE, signer.sign(content))], (2026, 1, 1, 0, 0, 0)
        )
        try:
            found = read_enrollment(data, "fuzz")
        except TreemError as error:
            assert error.message()
            return
        assert isinstance(found, Enrollment)
        assert phone_valid(found.contact.phone) and email_valid(found.contact.email)
        assert found.commune_code == "03301" and found.contact.text().isprintable()

    counted("enrollment re-signed", examples, document_changed(enrolled["document"]), check)
