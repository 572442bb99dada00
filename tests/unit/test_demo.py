"""The demo commune: a year of sample data on every page, and a demo key whose packets say so
and are refused by a receiving office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.x509.oid import NameOID

from treem_desktop.commune import deadlines
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.commune_key import KeyFiles, key_is_protected, load_certificate
from treem_desktop.commune.demo import set_up_demo
from treem_desktop.commune.documents import tasks_of
from treem_desktop.commune.packet_service import build_packet_of, key_signer
from treem_desktop.commune.preferences import DEMO_SETTING, is_demo
from treem_desktop.commune.workspace import Workspace, open_workspace
from treem_desktop.errors import EXIT_VERIFY
from treem_desktop.packets.receiving import DemoPacketRefused, verify_for_receiving
from treem_desktop.packets.verify import verify_packet
from treem_desktop.paths import DataDirChoice
from treem_desktop.signing.keys import is_demo_certificate
from treem_desktop.standards.scoring import SubState
from treem_desktop.storage import register_repo
from treem_desktop.storage.settings_repo import set_setting

TODAY = dt.date(2026, 5, 10)


@pytest.fixture
def demo(data_dir: DataDirChoice) -> Iterator[Workspace]:
    """The demo commune as the welcome page's "try it" choice makes it."""
    opened = open_workspace(data_dir, create=True)
    set_up_demo(opened, TODAY)
    yield opened
    opened.close()


def test_every_criterion_is_scored_this_year_and_last_year(demo: Workspace) -> None:
    assert is_demo(demo)
    for year in (2025, 2026):
        score = ev.open_round(demo, year).score()
        assert len(score.criteria) == 13
        unscored = [
            c.id for c in score.criteria if any(s.state is SubState.MISSING_INPUTS for s in c.subs)
        ]
        assert unscored == [], (year, unscored)
        assert score.total is not None and score.total > 0


def test_indicators_documents_and_deadlines_have_sample_data(demo: Workspace) -> None:
    for period in ("2025", "2026-H1", "2026"):
        rows = ind.rows(demo, period)
        assert rows and all(row.actual is not None for row in rows), period
    entries = [e for e in register_repo.entries(demo.conn) if e.year == 2026]
    assert {e.status for e in entries} == {"draft", "issued"}
    [issued] = [e for e in entries if e.status == "issued"]
    assert issued.issued_on is not None and tasks_of(demo, issued)
    upcoming = deadlines.deadlines(demo, TODAY)
    assert upcoming.overdue + upcoming.due_soon + upcoming.later  # the home page's task list


def test_the_demo_key_says_demo_and_signs_without_a_passphrase(demo: Workspace) -> None:
    files = KeyFiles.in_data_dir(demo.data_dir.path)
    certificate = load_certificate(files)
    [common_name] = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    assert str(common_name.value).startswith("DEMO – không có giá trị")
    assert is_demo_certificate(certificate) and not key_is_protected(files)


def test_a_demo_packet_is_marked_and_refused_for_receiving(demo: Workspace, tmp_path: Path) -> None:
    built, _preflight = build_packet_of(
        demo, "evaluation", "2026", tmp_path / "out", key_signer(demo, None)
    )
    assert built.manifest["demo"] is True
    verified = verify_packet(built.path)  # intact and signed: the commune's own check passes
    assert verified.demo
    with pytest.raises(DemoPacketRefused) as refused:
        verify_for_receiving(built.path)
    assert refused.value.code == "PACKET_DEMO" and refused.value.exit_code == EXIT_VERIFY == 3
    assert "demo" in refused.value.message() and built.path.name in refused.value.message()


def test_a_demo_folder_made_before_its_key_signs_at_once(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A demo folder set up by an older version has no key: signing makes the demo key."""
    set_setting(workspace.conn, DEMO_SETTING, "1")
    ev.import_values(workspace, 2026, {"c1.a.has": True})
    signer = key_signer(workspace, None)
    assert is_demo_certificate(signer.certificate)
    built, _preflight = build_packet_of(workspace, "evaluation", "2026", tmp_path, signer)
    assert verify_packet(built.path).demo


def test_a_real_communes_packet_is_not_demo(workspace: Workspace, tmp_path: Path) -> None:
    from treem_desktop.commune.commune_key import ensure_commune_key

    ensure_commune_key(
        KeyFiles.in_data_dir(workspace.data_dir.path), workspace.require_profile(), None
    )
    ev.import_values(workspace, 2026, {"c1.a.has": True})
    signer = key_signer(workspace, None)
    built, _preflight = build_packet_of(workspace, "evaluation", "2026", tmp_path, signer)
    assert "demo" not in built.manifest and not is_demo_certificate(signer.certificate)
    assert not verify_for_receiving(built.path).demo
