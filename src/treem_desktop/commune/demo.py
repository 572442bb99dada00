"""The demo commune offered the first time, so the app can be tried before real setup.

It comes with a year of sample data (:mod:`.demo_data`) and a signing key marked as a demo
key (its certificate says “DEMO – không có giá trị”), so that every page shows something and
a packet can be made at once; every packet it signs says it is a demo and a receiving office
refuses it (:mod:`treem_desktop.packets.receiving`).
"""

from __future__ import annotations

import datetime as dt

from treem_desktop.commune.preferences import DEMO_SETTING
from treem_desktop.commune.setup import SetupRequest, build_profile, save_commune
from treem_desktop.commune.workspace import Workspace
from treem_desktop.core.commune import CommuneProfile
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


def set_up_demo(workspace: Workspace, today: dt.date | None = None) -> CommuneProfile:
    """Set up Xã Mường Phăng (Điện Biên) with sample data and a demo key, marked as demo."""
    from treem_desktop.commune.demo_data import add_sample_data

    profile = save_commune(workspace, build_profile(DEMO_REQUEST))
    set_setting(workspace.conn, DEMO_SETTING, "1")
    add_sample_data(workspace, today or dt.date.today())
    ensure_demo_key(workspace)
    return profile


def ensure_demo_key(workspace: Workspace) -> None:
    """The demo key (no passphrase: it protects nothing), made when there is none yet."""
    from treem_desktop.commune.commune_key import KeyFiles, ensure_commune_key

    files = KeyFiles.in_data_dir(workspace.data_dir.path)
    ensure_commune_key(files, workspace.require_profile(), None, demo=True)
