"""Programme indicators and report tables as data (issue 4).

Three kinds of versioned file under ``forms/``, each with its schema in ``forms/schema/``:
indicator sets (Decision 23/QĐ-TTg: indicators, units, directions, national targets), province
target files that override those targets by indicator id and year, and table forms (the tables
a report outline asks for). Nothing here imports Qt.
"""

from treem_desktop.indicators.loader import (
    indicator_set_from_bytes,
    override_from_bytes,
    shipped_indicator_set,
    shipped_indicator_sets,
    shipped_table_forms,
    table_form_from_bytes,
)
from treem_desktop.indicators.targets import (
    TargetStatus,
    apply_override,
    status_across_periods,
    target_status,
)

__all__ = [
    "TargetStatus",
    "apply_override",
    "indicator_set_from_bytes",
    "override_from_bytes",
    "shipped_indicator_set",
    "shipped_indicator_sets",
    "shipped_table_forms",
    "status_across_periods",
    "table_form_from_bytes",
    "target_status",
]
