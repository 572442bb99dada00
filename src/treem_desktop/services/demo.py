"""The demo commune offered the first time, so the app can be tried before real setup."""

from __future__ import annotations

from treem_desktop.core.commune import CommuneProfile
from treem_desktop.services.preferences import DEMO_SETTING
from treem_desktop.services.setup import SetupRequest, build_profile, save_commune
from treem_desktop.services.workspace import Workspace
from treem_desktop.storage.settings_repo import set_setting

DEMO_REQUEST = SetupRequest(
    province_code="11",
    commune_code="03325",
    category="mien-nui-hai-dao-dbkk",
    officer_name="Nguyễn Thị Hà",
    signer_name="Lò Văn Tâm",
    signer_title="Chủ tịch",
    recipient_name="Sở Y tế tỉnh Điện Biên",
    recipient_email="syt.dienbien@example.com",
)


def set_up_demo(workspace: Workspace) -> CommuneProfile:
    """Set up Xã Mường Phăng (Điện Biên) with sample names, marked as demo data."""
    profile = save_commune(workspace, build_profile(DEMO_REQUEST))
    set_setting(workspace.conn, DEMO_SETTING, "1")
    return profile
