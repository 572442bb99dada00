"""Making the commune's enrollment file for the receiving office (``treem key enrollment``,
Settings → the commune's signing key → "Make the enrollment file for the province…").

The file (docs/enrollment-format.md) carries the commune named by the profile, the officer in
charge from the profile, a telephone number and an e-mail address typed when the file is made
(the profile has no field for them; they are remembered for the next file, and the e-mail
defaults to the outbox's sender address ``mail.from``), and the certificate in use, signed with
the commune's key on this computer (:func:`enrollment_key_signer`) or with an officer's USB token
(``packet_service.token_signer``: the same check of the certificate as for packets). A token is
asked for its PIN only when the file is signed, never once the job was cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from treem_desktop.commune.commune_key import (
    KeyFiles,
    load_certificate,
    names_commune,
    unlock_key,
)
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.jobs import Job, job_or_none
from treem_desktop.errors import TreemError
from treem_desktop.files import write_atomically
from treem_desktop.handoff.enrollment import (
    MAX_OFFICER_CHARS,
    MAX_PHONE_CHARS,
    Contact,
    Enrollment,
    email_valid,
    enrollment_file_name,
    made_now,
    make_enrollment,
    officer_valid,
    phone_valid,
)
from treem_desktop.i18n import _
from treem_desktop.storage.settings_repo import get_setting, set_setting

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.core.commune import CommuneProfile
    from treem_desktop.signing.signers import KeySigner, PacketSigner

PHONE_SETTING = "enrollment.phone"
EMAIL_SETTING = "enrollment.email"
SENDER_SETTING = "mail.from"
PUBLIC_MODE = 0o644  # nothing secret in it


@dataclass(frozen=True)
class EnrollmentFile:
    path: Path
    fingerprint: str
    contact: Contact


def remembered_contact(workspace: Workspace) -> Contact:
    """The officer from the profile, the phone and e-mail of the last enrollment file (the
    e-mail falling back on the outbox's sender address)."""
    profile = workspace.require_profile()
    conn = workspace.conn
    email = get_setting(conn, EMAIL_SETTING) or get_setting(conn, SENDER_SETTING) or ""
    return Contact(profile.officer_name, get_setting(conn, PHONE_SETTING) or "", email)


def checked_contact(officer_name: str, phone: str, email: str) -> Contact:
    """The contact with spaces tidied, or the TreemError naming the field at fault."""
    officer, phone, email = " ".join(officer_name.split()), " ".join(phone.split()), email.strip()
    if not officer_valid(officer):
        raise TreemError(
            "ENROLLMENT_OFFICER_INVALID",
            field="officer_name",
            value=officer,
            limit=MAX_OFFICER_CHARS,
        )
    if not phone_valid(phone):
        raise TreemError(
            "ENROLLMENT_PHONE_INVALID", field="phone", value=phone, limit=MAX_PHONE_CHARS
        )
    if not email_valid(email):
        raise TreemError("EMAIL_INVALID", field="email", value=email)
    return Contact(officer, phone, email)


def enrollment_key_signer(workspace: Workspace, passphrase: bytes | None) -> KeySigner:
    """The commune's key on this computer, its certificate naming this commune, unlocked."""
    from treem_desktop.signing.signers import KeySigner

    profile = workspace.require_profile()
    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    certificate = load_certificate(files)
    _check_names_commune(certificate, profile)
    return KeySigner(certificate, unlock_key(files, passphrase))


def write_enrollment_file(
    workspace: Workspace,
    target: Path,
    signer: PacketSigner,
    phone: str | None = None,
    email: str | None = None,
    job: Job | None = None,
) -> EnrollmentFile:
    """Sign the enrollment file with ``signer`` (its certificate is the one enrolled) and write
    it to ``target`` (a folder: under its official name). ``phone``/``email`` None: the
    remembered ones; the ones used are remembered. ``job`` is told the signing step and may
    stop it before the token is asked (nothing is written then)."""
    from treem_desktop.signing.keys import fingerprint

    job = job_or_none(job)
    profile = workspace.require_profile()
    known = remembered_contact(workspace)
    contact = checked_contact(
        profile.officer_name,
        known.phone if phone is None else phone,
        known.email if email is None else email,
    )
    certificate = signer.certificates[0]
    _check_names_commune(certificate, profile)
    commune = profile.commune
    enrollment = Enrollment(
        commune.code, commune.name, commune.province_code, profile.province_name,
        contact, made_now(), certificate,
    )  # fmt: skip
    job.step(0, 2, _("Signing the enrollment file…"))
    data = make_enrollment(enrollment, _Watched(signer, job))
    job.step(1, 2, _("Saving the enrollment file…"))
    path = target / enrollment_file_name(commune.code) if target.is_dir() else target
    try:
        write_atomically(path, data, mode=PUBLIC_MODE)
    except OSError as exc:
        raise TreemError("FILE_UNWRITABLE", path=str(path), detail=exc.strerror) from exc
    set_setting(workspace.conn, PHONE_SETTING, contact.phone)
    set_setting(workspace.conn, EMAIL_SETTING, contact.email)
    job.step(2, 2)
    return EnrollmentFile(path, fingerprint(certificate), contact)


def _check_names_commune(certificate: x509.Certificate, profile: CommuneProfile) -> None:
    """The commune's own certificate names it by its codes; a token's CA-issued one by its
    committee and province (the check packets use: ``packet_service.token_signer``)."""
    from treem_desktop.signing.commune_names import certificate_names_commune
    from treem_desktop.signing.keys import identity_from_certificate

    if identity_from_certificate(certificate) is not None:
        named = names_commune(certificate, profile)
    else:
        named = certificate_names_commune(certificate, profile.commune.name, profile.province_name)
    if named:
        return
    raise TreemError(
        "ENROLLMENT_KEY_OTHER_COMMUNE",
        found=certificate.subject.rfc4514_string(),
        commune=profile.commune.name,
    )


@dataclass(frozen=True)
class _Watched:
    """``signer`` with the job's Cancel checked at the last moment before it signs: for a
    token, right before the PIN is sent (a wrong PIN counts against its tries)."""

    signer: PacketSigner
    job: Job

    @property
    def certificates(self) -> tuple[x509.Certificate, ...]:
        return self.signer.certificates

    def sign(self, content: bytes) -> bytes:
        from treem_desktop.signing.signers import TokenSigner
        from treem_desktop.signing.token import sign_with_token

        if isinstance(self.signer, TokenSigner):
            return sign_with_token(self.signer.chosen, self.signer.pin, content, job=self.job)
        self.job.check()
        return self.signer.sign(content)
