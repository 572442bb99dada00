"""The office's consolidation of a period, read from its accepted packets (use case)."""

from __future__ import annotations

from treem_desktop.core.jobs import Job, job_or_none
from treem_desktop.formatting import format_number
from treem_desktop.i18n import _
from treem_desktop.indicators.loader import shipped_indicator_set
from treem_desktop.office.consolidate import Consolidation, consolidate
from treem_desktop.office.consolidation_input import submission_from_packet_data
from treem_desktop.office.folder import OfficeFolder
from treem_desktop.office.profile import expected_communes
from treem_desktop.office.submissions import accepted_packets

INDICATOR_SET = "nap-2021-2030"
STAGES = 2  # reading the accepted packets, adding them up (a caller may add its own after)


def consolidate_office_period(
    office: OfficeFolder, period: str, job: Job | None = None
) -> Consolidation:
    """Every accepted evaluation and indicators packet of ``period``, added up, with the
    province's communes (the official list) as the denominator of the share recognised.
    ``job`` is told a step per stage and may stop it between stages."""
    job = job_or_none(job)
    profile = office.require_profile()
    job.step(0, STAGES, _("Reading the accepted packets…"))
    submissions = [
        submission_from_packet_data(p.manifest, p.data)
        for p in accepted_packets(office, period)
        if p.kind in ("evaluation", "indicators")
    ]
    job.check()
    job.step(
        1, STAGES, _("Adding up {count} communes…").format(count=format_number(len(submissions)))
    )
    expected = len(expected_communes(profile))
    result = consolidate(
        submissions, shipped_indicator_set(INDICATOR_SET), period, expected_communes=expected
    )
    if not result.province_name:
        from dataclasses import replace

        result = replace(
            result, province_code=profile.province_code, province_name=profile.province_name
        )
    return result
