"""Setting up the commune: checked against the official list before anything is written."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from treem_desktop.commune.commune_key import KeyFiles
from treem_desktop.commune.key_history import retire_key_of_other_commune
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.admin_units import load_admin_units
from treem_desktop.core.commune import (
    DEFAULT_ISSUER_ABBREVIATIONS,
    CommuneProfile,
    cleaned_profile,
    suggested_category,
)
from treem_desktop.errors import TreemError
from treem_desktop.storage.commune_repo import save_profile

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SetupRequest:
    """What the officer gives at setup (command line options or the wizard's fields)."""

    province_code: str
    commune_code: str
    category: str | None = None
    officer_name: str = ""
    signer_name: str = ""
    signer_title: str = "Chủ tịch"
    recipient_name: str = ""
    recipient_email: str = ""
    issuer_abbreviations: tuple[str, ...] = DEFAULT_ISSUER_ABBREVIATIONS


def build_profile(request: SetupRequest) -> CommuneProfile:
    """The validated profile for ``request``; raises the first problem found.

    Pure: nothing is written, so callers validate before they create a data folder.
    """
    units = load_admin_units()
    commune = units.commune_in(request.province_code, request.commune_code)
    province = units.province(commune.province_code)
    profile = CommuneProfile(
        commune=commune,
        province_name=province.name,
        category=request.category or suggested_category(commune, units),
        officer_name=request.officer_name,
        signer_name=request.signer_name,
        signer_title=request.signer_title,
        recipient_name=request.recipient_name,
        recipient_email=request.recipient_email,
        issuer_abbreviations=request.issuer_abbreviations,
    )
    return cleaned_profile(profile)


def save_commune(
    workspace: Workspace, profile: CommuneProfile, *, allow_other_commune: bool = False
) -> CommuneProfile:
    """Store ``profile`` for the workspace's commune (first setup or a later edit).

    A folder belongs to one commune: storing a different commune over it is refused unless
    the officer has confirmed the change (``allow_other_commune``, from Settings), so the
    data of one commune is never relabelled as another's by accident. After such a change the
    signing key, which names the old commune, is moved into ``keys/history/`` (never deleted):
    it must not go on signing as the new commune, which creates or restores its own key.
    """
    profile = cleaned_profile(profile)
    existing = workspace.profile()
    changing = existing is not None and existing.commune.code != profile.commune.code
    if changing and not allow_other_commune:
        assert existing is not None
        raise TreemError("COMMUNE_ALREADY_SET", field="commune", commune=existing.commune.name)
    save_profile(workspace.conn, profile, workspace.actor, load_admin_units().data_version)
    if changing:
        _retire_old_key(workspace, profile)
    return profile


def _retire_old_key(workspace: Workspace, profile: CommuneProfile) -> None:
    """Put the old commune's key away; when that fails the profile stays saved, and the key
    card shows the key as another commune's, with a button to put it away."""
    try:
        retire_key_of_other_commune(KeyFiles.in_data_dir(workspace.data_dir.path), profile)
    except TreemError as error:
        log.warning("the old commune's key was not put away: %s", error)
