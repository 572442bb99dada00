"""A realistic year of sample data for the demo commune (Xã Mường Phăng, about 1.850 children).

Two evaluation rounds (last year and this year) with every criterion scored, the programme
indicators of last year and of this year, a plan still in draft and an issued evaluation plan
with its tasks: every page of the demo has something to show, and the packets something to
carry. The figures are invented but plausible for a mountain commune; they are never sent as a
commune's report (a demo packet is marked and refused, see :mod:`treem_desktop.packets.receiving`).
"""

from __future__ import annotations

import datetime as dt

from treem_desktop.commune import documents as docs
from treem_desktop.commune import evaluation as ev
from treem_desktop.commune import indicators as ind
from treem_desktop.commune.workspace import Workspace

EvaluationValues = dict[str, object]

THIS_YEAR: EvaluationValues = {
    "c1.a.has": True,
    "c1.b.has": True,
    "c1.c.has": True,
    "c1.d.has": True,
    "c2.x": {"numerator": 41, "denominator": 42, "points": 70},
    "c3.x": {"numerator": 1, "denominator": 1846, "points": 60},
    "c4.x": {"numerator": 0, "denominator": 1846, "points": 70},
    "c5.x": {"numerator": 6, "denominator": 1846, "points": 55},
    "c6.a": {"numerator": 57, "denominator": 59},
    "c6.b": {"numerator": 2, "denominator": 2},
    "c7.a": {"numerator": 40, "denominator": 40},
    "c8.x": {"numerator": 19, "denominator": 212, "points": 30},
    "c8.y": {"numerator": 41, "denominator": 212, "points": 25},
    "c9.x": {"numerator": 1290, "denominator": 1402, "points": 50},
    "c10.x": {"numerator": 1375, "denominator": 1412, "points": 65},
    "c11.x": {"forums": 4, "points": 40},
    "c12.x": {"play_space": True, "activities": 9, "points": 45},
    "c13.x": {"percent": 86.5, "points": 40},
    "c13.y": {"percent": 82, "points": 40},
}

LAST_YEAR: EvaluationValues = {
    "c1.a.has": True,
    "c1.b.has": True,
    "c1.c.has": False,
    "c1.d.has": True,
    "c2.x": {"numerator": 37, "denominator": 39, "points": 65},
    "c3.x": {"numerator": 2, "denominator": 1831, "points": 55},
    "c4.x": {"numerator": 1, "denominator": 1831, "points": 60},
    "c5.x": {"numerator": 8, "denominator": 1831, "points": 50},
    "c6.a": {"numerator": 55, "denominator": 57},
    "c6.b": {"numerator": 1, "denominator": 1},
    "c7.a": {"numerator": 38, "denominator": 38},
    "c8.x": {"numerator": 23, "denominator": 205, "points": 25},
    "c8.y": {"numerator": 46, "denominator": 205, "points": 20},
    "c9.x": {"numerator": 1215, "denominator": 1390, "points": 45},
    "c10.x": {"numerator": 1340, "denominator": 1398, "points": 60},
    "c11.x": {"forums": 3, "points": 35},
    "c12.x": {"play_space": True, "activities": 6, "points": 40},
    "c13.x": {"percent": 81, "points": 35},
    "c13.y": {"percent": 78, "points": 35},
}

INDICATORS: dict[str, tuple[float, float]] = {
    # id: (last year, this year)
    "ct01": (0, 100),
    "ct02": (86, 89.5),
    "ct03a": (11.2, 9.8),
    "ct03b": (15.1, 13.4),
    "ct03c": (21.6, 19.9),
    "ct04a": (10.4, 9.0),
    "ct04b": (22.4, 19.3),
    "ct04c-rural": (2.1, 2.0),
    "ct04c-urban": (0, 0),
    "ct05a": (96.1, 97.5),
    "ct05b": (93.0, 94.2),
    "ct06": (0, 0),
    "ct07": (100, 100),
    "ct08a": (3.1, 3.2),
    "ct08b": (93.0, 96.6),
    "ct09": (0.11, 0.05),
    "ct10": (5.8, 5.1),
    "ct11a": (437, 325),
    "ct11b": (0, 0),
    "ct12": (100, 100),
    "ct13": (4, 3),
    "ct14": (97.2, 98.1),
    "ct15": (92.5, 93.8),
    "ct16": (98.4, 99.2),
    "ct17a": (96.0, 97.3),
    "ct17b": (0.3, 0.2),
    "ct18a": (84.0, 86.5),
    "ct18b": (1.4, 1.1),
    "ct19": (50, 100),
    "ct20a": (50, 50),
    "ct20b": (66.7, 75),
    "ct21": (0, 100),
    "ct22": (25, 32),
    "ct23": (70, 81),
    "ct24": (18, 27),
}

EVALUATION_PLAN = "ke-hoach-danh-gia-xa-phu-hop-tre-em"
YEARLY_PLAN = "ke-hoach-bao-ve-cham-soc-tre-em-nam"


def add_sample_data(workspace: Workspace, today: dt.date) -> None:
    """Fill the demo commune's last year and this year (see the module's docstring)."""
    year = today.year
    ev.import_values(workspace, year - 1, LAST_YEAR)
    ev.import_values(workspace, year, THIS_YEAR)
    known = {i.id for i in ind.active_set(workspace).indicators}
    before = {k: last for k, (last, _now) in INDICATORS.items() if k in known}
    now = {k: value for k, (_last, value) in INDICATORS.items() if k in known}
    ind.import_values(workspace, str(year - 1), before)
    ind.import_values(workspace, f"{year}-H1", now)
    ind.import_values(workspace, str(year), now)
    issued_on = min(today, dt.date(year, 2, 20))
    docs.issue(workspace, docs.new_document(workspace, EVALUATION_PLAN, year), issued_on)
    docs.new_document(workspace, YEARLY_PLAN, year)
