"""Setting up receiving mode: the office's folder, profile, key and certificate; later, its
name and signer changed (the office details)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from treem_desktop.office.folder import KEYS_DIR, OfficeFolder, open_office
from treem_desktop.office.keys import OfficeKeyFiles, ensure_office_key
from treem_desktop.office.profile import OfficeProfile, build_office_profile, save_profile
from treem_desktop.office.signer import OfficeSigner
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
    signer: OfficeSigner | None = None,
) -> OfficeSetup:
    """Check the profile, then create (or update) the office's folder, profile and key.

    Without ``signer`` a folder set up before keeps its signer (a new one has none yet).
    """
    profile = build_office_profile(province_code, name, level, signer)  # checked first
    with open_office(data_dir, create=True) as office:
        existing = office.profile()
        if signer is None and existing is not None:
            profile = replace(profile, signer=existing.signer)
        with transaction(office.conn):
            save_profile(office.conn, profile)
        files = office_key_files(data_dir)
        certificate, created = ensure_office_key(files, profile, passphrase)
    from treem_desktop.signing.keys import is_encrypted_pem

    protected = is_encrypted_pem(files.key.read_bytes())
    return OfficeSetup(profile, certificate, created, protected)


def change_office_details(office: OfficeFolder, name: str, signer: OfficeSigner) -> OfficeProfile:
    """Store a new name and signer for a set-up office (its area and key stay as they are)."""
    current = office.require_profile()
    profile = build_office_profile(current.province_code, name, current.level, signer)
    with transaction(office.conn):
        save_profile(office.conn, profile)
    return profile
