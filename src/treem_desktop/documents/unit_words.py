"""Words that depend on the kind of unit (xã, phường, đặc khu), for the templates.

After 1 July 2025 a commune-level unit is a xã, a phường or a đặc khu (docs/domain-reference.md
§3.3 [C]). Its police post, its residential groups and its economic office are named after
its kind. Each name below is the template's placeholder; the values are the usual wording of
the two-level organisation:

* ``police``: "Công an xã / phường / đặc khu" — the commune police of each unit [M].
* ``villages``: "thôn, bản" in a xã, "tổ dân phố" in a phường, "thôn, tổ dân phố" in a đặc khu
  (an island unit has both) [M].
* ``economic_office``: "Phòng Kinh tế" of a xã; "Phòng Kinh tế, Hạ tầng và Đô thị" of a
  phường and of a đặc khu (Decree 150/2025/NĐ-CP on the specialised offices of the commune
  People's Committee, from memory [M]).
* ``social_office``: "Phòng Văn hóa - Xã hội" in every kind (Decree 150/2025/NĐ-CP [M]).

[M] marks what is from memory, not from a source the project holds: check it before relying on
it. A province that names these otherwise edits the text of the draft.
"""

from __future__ import annotations

XA, PHUONG, DAC_KHU = "xã", "phường", "đặc khu"
KINDS = (XA, PHUONG, DAC_KHU)

VILLAGES = {XA: "thôn, bản", PHUONG: "tổ dân phố", DAC_KHU: "thôn, tổ dân phố"}
ECONOMIC_OFFICE = {
    XA: "Phòng Kinh tế",
    PHUONG: "Phòng Kinh tế, Hạ tầng và Đô thị",
    DAC_KHU: "Phòng Kinh tế, Hạ tầng và Đô thị",
}
SOCIAL_OFFICE = "Phòng Văn hóa - Xã hội"

# The placeholders this module fills, in templates' wording and tasks alike.
UNIT_PLACEHOLDERS = ("police", "villages", "economic_office", "social_office")


def unit_kind(division_type: str | None) -> str:
    """ "xã", "phường" or "đặc khu"; a unit of an unknown kind reads as a xã."""
    kind = (division_type or XA).strip().lower()
    return kind if kind in KINDS else XA


def unit_words(division_type: str | None) -> dict[str, str]:
    """The values of :data:`UNIT_PLACEHOLDERS` for a unit of ``division_type``."""
    kind = unit_kind(division_type)
    values = {
        "police": f"Công an {kind}",
        "villages": VILLAGES[kind],
        "economic_office": ECONOMIC_OFFICE[kind],
        "social_office": SOCIAL_OFFICE,
    }
    assert set(values) == set(UNIT_PLACEHOLDERS)
    return values
