"""The official list of provinces and communes after the 2025 reorganisation.

Read from the data file shipped by the ``vietnam-provinces`` package (34 provinces and
centrally-run cities, 3,321 communes, wards and special zones). The package itself is not
imported: its modules build large enums that would slow the start of the app, and only its
JSON file is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from treem_desktop.core.text import fold
from treem_desktop.errors import TreemError

PROVINCE_CODE_WIDTH = 2
COMMUNE_CODE_WIDTH = 5


@dataclass(frozen=True)
class Commune:
    """A commune-level unit (xã, phường or đặc khu)."""

    code: str
    name: str
    division_type: str
    province_code: str
    folded: str
    folded_short: str

    @property
    def name_in_sentence(self) -> str:
        """The name as written after another word: ``"xã Mường Phăng"`` (Decree 30 usage)."""
        return f"{self.division_type} {self.short_name}"

    @property
    def short_name(self) -> str:
        """The name without its unit type: ``"Tân Lập"`` for ``"Xã Tân Lập"``."""
        return _without_prefix(self.name, self.division_type)


@dataclass(frozen=True, eq=False)
class Province:
    """A province or centrally-run city (tỉnh, thành phố trung ương)."""

    code: str
    name: str
    division_type: str
    communes: tuple[Commune, ...]

    @property
    def is_centrally_run_city(self) -> bool:
        return self.division_type == "thành phố trung ương"


@dataclass(frozen=True, eq=False)
class AdminUnits:
    """The whole list, indexed by code.

    One list per process (:func:`load_admin_units`): compared and hashed by identity, so
    looking a commune up (its index is cached per list) does not hash 3,321 communes.
    """

    provinces: tuple[Province, ...]
    data_version: str

    @property
    def communes(self) -> Iterable[Commune]:
        return (c for p in self.provinces for c in p.communes)

    def province(self, code: str | int) -> Province:
        key = normalize_code(code, PROVINCE_CODE_WIDTH)
        for province in self.provinces:
            if province.code == key:
                return province
        raise TreemError("PROVINCE_UNKNOWN", field="province", code=code)

    def commune(self, code: str | int) -> Commune:
        key = normalize_code(code, COMMUNE_CODE_WIDTH)
        found = _commune_index(self).get(key)
        if found is None:
            raise TreemError("COMMUNE_UNKNOWN", field="commune", code=code)
        return found

    def commune_in(self, province_code: str | int, commune_code: str | int) -> Commune:
        """The commune, checked to belong to the province; raises a clear error otherwise."""
        province = self.province(province_code)
        commune = self.commune(commune_code)
        if commune.province_code != province.code:
            raise TreemError(
                "COMMUNE_NOT_IN_PROVINCE",
                field="commune",
                commune=commune.name,
                code=commune.code,
                actual_province=self.province(commune.province_code).name,
                province=province.name,
            )
        return commune


def normalize_code(code: str | int, width: int) -> str:
    """``"1"``, ``"01"`` and ``1`` all become ``"01"``; anything not a number stays as given."""
    text = str(code).strip()
    if not text.isdigit():
        return text
    return str(int(text)).zfill(width)


def search_communes(province: Province, query: str, limit: int | None = None) -> list[Commune]:
    """Communes of ``province`` whose name holds every word of ``query``, diacritics ignored.

    Names that start with the query come first, then the rest, each in alphabetical order.
    An empty query lists them all.
    """
    words = fold(query).split()
    matches = [c for c in province.communes if all(w in c.folded for w in words)]
    needle = " ".join(words)
    matches.sort(key=lambda c: (not c.folded_short.startswith(needle), c.folded_short))
    return matches[:limit] if limit is not None else matches


# Words an officer may type before a province's name: "tp hue", "thanh pho ho chi minh",
# "tinh dien bien". Only a leading one is dropped, so "ha tinh" still finds Hà Tĩnh.
_PROVINCE_PREFIXES = ("thanh pho ", "tp. ", "tp.", "tp ", "tinh ")


def search_provinces(units: AdminUnits, query: str) -> list[Province]:
    """Provinces whose name holds every word of ``query``, diacritics and "tp" ignored.

    ``"ha noi"`` finds Thành phố Hà Nội, ``"hue"`` Thành phố Huế; a province's code
    (``"11"``) finds it too. Names that start with the query come first, then the rest in
    alphabetical order; an empty query lists every province.
    """
    needle = _without_province_prefix(fold(query))
    words = needle.split()
    matches = [
        p
        for p in units.provinces
        if all(w in province_key(p) for w in words) or (needle.isdigit() and p.code == needle)
    ]
    matches.sort(key=lambda p: (not province_key(p).startswith(needle), province_key(p)))
    return matches


def province_key(province: Province) -> str:
    """The folded name without "Thành phố": ``"ho chi minh"``."""
    return _without_province_prefix(fold(province.name))


def _without_province_prefix(folded: str) -> str:
    for prefix in _PROVINCE_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :].strip()
    return folded if folded not in ("tp", "tinh", "thanh pho") else ""


@cache
def load_admin_units() -> AdminUnits:
    """The official list, read once from the package's data file."""
    import json
    from importlib.metadata import version

    raw = json.loads(_data_file().read_text(encoding="utf-8"))
    provinces = tuple(_province_from(item) for item in raw)
    return AdminUnits(provinces=provinces, data_version=version("vietnam-provinces"))


def _data_file() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the vietnam-provinces package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "nested-divisions.json"


def _province_from(item: dict[str, object]) -> Province:
    code = normalize_code(str(item["code"]), PROVINCE_CODE_WIDTH)
    wards = item["wards"]
    assert isinstance(wards, list)
    communes = tuple(sorted((_commune_from(w, code) for w in wards), key=lambda c: c.folded_short))
    return Province(code, str(item["name"]), str(item["division_type"]), communes)


def _commune_from(item: dict[str, object], province_code: str) -> Commune:
    code = normalize_code(str(item["code"]), COMMUNE_CODE_WIDTH)
    return make_commune(code, str(item["name"]), str(item["division_type"]), province_code)


def make_commune(code: str, name: str, division_type: str, province_code: str) -> Commune:
    """A :class:`Commune` with its search keys computed."""
    return Commune(
        code=code,
        name=name,
        division_type=division_type,
        province_code=province_code,
        folded=fold(name),
        folded_short=fold(_without_prefix(name, division_type)),
    )


def _without_prefix(name: str, division_type: str) -> str:
    prefix = division_type.capitalize() + " "
    return name[len(prefix) :] if name.startswith(prefix) else name


@cache
def _commune_index(units: AdminUnits) -> dict[str, Commune]:
    return {c.code: c for c in units.communes}
