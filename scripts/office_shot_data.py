"""A receiving office of Điện Biên as it looks a week after the deadline, for the screenshots.

Every commune of the province has its own key; most sent their evaluation by e-mail before the
deadline (30/11), some after it, some not at all; one untrusted commune's packet is refused
and kept in quarantine; one commune sent again and its resubmission waits. The packets travel
as saved e-mails whose ``Received:`` line says when the office's server got them, so the
office counts them on time or late as it would (office/sources.py).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the checkout: tests.office_support, benchmarks.*

from benchmarks.national_packets import evaluation_data  # noqa: E402
from tests.office_support import Commune, communes_of, trust  # noqa: E402

from treem_desktop.office.folder import open_office  # noqa: E402
from treem_desktop.office.followup import import_until_stopped, set_commune_contact  # noqa: E402
from treem_desktop.office.profile import VIETNAM, build_office_profile, save_profile  # noqa: E402
from treem_desktop.office.signer import OfficeSigner  # noqa: E402
from treem_desktop.office.sources import packet_sources  # noqa: E402
from treem_desktop.office.status import set_deadline  # noqa: E402
from treem_desktop.paths import resolve_data_dir  # noqa: E402

PROVINCE = "11"  # Điện Biên
PERIOD = "2026"
DEADLINE = dt.date(2026, 11, 30)
OFFICE_NAME = "Sở Y tế tỉnh Điện Biên"
MISSING_EVERY = 7  # every 7th commune has not sent
LATE_EVERY = 5  # every 5th of the others sent after the deadline
CONTACTS = ("Lò Thị Mai, 0912 345 678", "Cà Văn Tâm, tam.cv@dienbien.gov.vn")


def office_folder(folder: Path, signer: OfficeSigner | None = None) -> Path:
    """The office folder of Điện Biên with the period's packets imported (``signer``: none by
    default, so the window warns about it)."""
    communes = communes_of(200, PROVINCE)
    mails = folder.parent / "hop-thu"
    data_dir = resolve_data_dir(folder)
    with open_office(data_dir, create=True) as office:
        save_profile(office.conn, build_office_profile(PROVINCE, OFFICE_NAME, signer=signer))
        set_deadline(office.conn, "evaluation", PERIOD, DEADLINE)
        refused, *trusted = communes
        for commune in trusted:
            trust(office, commune)
        sent = [c for n, c in enumerate(trusted) if n % MISSING_EVERY != MISSING_EVERY - 1]
        for number, commune in enumerate(sent):
            late = number % LATE_EVERY == LATE_EVERY - 1
            arrived = _arrival(number, late)
            _mail(mails / "dot-1", commune, arrived, random.Random(number))
        _mail(mails / "dot-1", refused, _arrival(1, False), random.Random(99))
        import_until_stopped(office, packet_sources([mails / "dot-1"]))
        _mail(mails / "dot-2", sent[2], _arrival(3, True), random.Random(1234))
        import_until_stopped(office, packet_sources([mails / "dot-2"]))
        missing = [c for n, c in enumerate(trusted) if n % MISSING_EVERY == MISSING_EVERY - 1]
        with office.transaction():
            for commune, contact in zip(missing, CONTACTS, strict=False):
                set_commune_contact(office.conn, commune.identity.commune_code, contact)
    return folder


def _arrival(number: int, late: bool) -> dt.datetime:
    """Before the deadline (20–30/11) or after it (1–5/12), in working hours."""
    if late:
        day = DEADLINE + dt.timedelta(days=1 + number % 5)
    else:
        day = dt.date(2026, 11, 20 + number % 11)
    return dt.datetime.combine(day, dt.time(8 + number % 9, (number * 7) % 60), VIETNAM)


def _mail(folder: Path, commune: Commune, arrived: dt.datetime, rng: random.Random) -> Path:
    """A saved e-mail with the commune's packet attached, received by the office at
    ``arrived`` (its packet made a day before)."""
    data = evaluation_data(rng, "mien-nui-hai-dao-dbkk", [])
    made = arrived - dt.timedelta(days=1)
    packet = commune.packet(folder / "goi", data, period=PERIOD, created=made)
    message = EmailMessage()
    message["Received"] = f"from mail.dienbien.gov.vn; {format_datetime(arrived)}"
    message["Date"] = format_datetime(made)
    message["From"] = f"ubnd.{commune.identity.commune_code}@dienbien.gov.vn"
    message["To"] = "syt@dienbien.gov.vn"
    message["Subject"] = f"Gửi hồ sơ tự đánh giá năm {PERIOD}"
    message.set_content("Kính gửi Sở Y tế tỉnh Điện Biên.")
    message.add_attachment(
        packet.read_bytes(), maintype="application", subtype="zip", filename=packet.name
    )
    target = folder / f"{commune.identity.commune_code}-{commune.sequence}.eml"
    target.write_bytes(bytes(message))
    packet.unlink()
    return target
