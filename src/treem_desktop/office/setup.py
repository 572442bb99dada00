"""Setting up receiving mode: the office's folder, profile, key and certificate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from treem_desktop.office.folder import KEYS_DIR, open_office
from treem_desktop.office.keys import OfficeKeyFiles, ensure_office_key
from treem_desktop.office.profile import OfficeProfile, build_office_profile, save_profile
from treem_desktop.paths import DataDirChoice
from treem_desktop.storage.database import transaction

if TYPE_CHECKING:
    from cryptography import x509


@dataclass(frozen=True)
class OfficeSetup:
    profile: OfficeProfile
    certificate: x509.Certificate
    key_created: bool
    protected: bool


def office_key_files(data_dir: DataDirChoice) -> OfficeKeyFiles:
    return OfficeKeyFiles.in_folder(data_dir.path / KEYS_DIR)


def set_up_office(
    data_dir: DataDirChoice,
    province_code: str,
    name: str,
    level: str,
    passphrase: bytes | None,
) -> OfficeSetup:
    """Check the profile, then create (or update) the office's folder, profile and key."""
    profile = build_office_profile(province_code, name, level)  # checked before anything is made
    with open_office(data_dir, create=True) as office:
        with transaction(office.conn):
            save_profile(office.conn, profile)
        files = office_key_files(data_dir)
        certificate, created = ensure_office_key(files, profile, passphrase)
    from treem_desktop.signing.keys import is_encrypted_pem

    protected = is_encrypted_pem(files.key.read_bytes())
    return OfficeSetup(profile, certificate, created, protected)
