"""Does a CA-issued certificate name the commune a packet claims to come from?

The commune's own certificates carry its official codes (serialNumber = commune code, UID =
province code; see :mod:`.keys`), and those are compared exactly. A certificate that a licensed
CA issued to a USB token does not carry them: it names an organisation or a person, for example
``CN=Trần Văn Bình, O=UBND xã Tân Lập, ST=Lai Châu``. Such a certificate names the commune when
its organisation, unit or common name contains the commune's name, and its province, locality,
organisation or common name contains the province's name: case-insensitive, with diacritics
kept ("Tân Lập" is not "Tấn Lập"), without the unit words ("xã", "phường", "tỉnh", "thành phố"),
which CAs write in many ways, and standing alone: a name is not matched inside a longer one
("Mường Phăng" is not in "Mường Phăng Mới", "Điện Biên" not in "Điện Biên Phủ"); a unit word or
punctuation may stand next to it ("UBND xã Mường Phăng, tỉnh Điện Biên").
"""

from __future__ import annotations

import re
import unicodedata

from cryptography import x509
from cryptography.x509.oid import NameOID

_UNIT_WORDS = re.compile(r"^(xã|phường|đặc khu|thị trấn|tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)
_BEFORE = re.compile(
    r"(?:^|\s)(?:ubnd|ủy ban nhân dân|xã|phường|đặc khu|thị trấn|tỉnh|thành phố|tp\.?)$"
)
_AFTER = re.compile(r"^(?:tỉnh|thành phố|tp\.?|huyện)(?:\s|$)")
_ORGANISATION = (NameOID.ORGANIZATION_NAME, NameOID.ORGANIZATIONAL_UNIT_NAME, NameOID.COMMON_NAME)
_PLACE = (
    NameOID.STATE_OR_PROVINCE_NAME,
    NameOID.LOCALITY_NAME,
    NameOID.ORGANIZATION_NAME,
    NameOID.COMMON_NAME,
)


def certificate_names_commune(
    certificate: x509.Certificate, commune_name: str, province_name: str
) -> bool:
    """True when the certificate's subject names both the commune and its province."""
    commune = _bare(commune_name)
    province = _bare(province_name)
    if not commune or not province:
        return False
    return _mentions(certificate, _ORGANISATION, commune) and _mentions(
        certificate, _PLACE, province
    )


def _mentions(
    certificate: x509.Certificate, oids: tuple[x509.ObjectIdentifier, ...], name: str
) -> bool:
    for oid in oids:
        for attribute in certificate.subject.get_attributes_for_oid(oid):
            if isinstance(attribute.value, str) and _names(_normal(attribute.value), name):
                return True
    return False


def _names(text: str, name: str) -> bool:
    """``name`` stands alone in ``text``: not part of a longer name ("Mường Phăng Mới")."""
    for match in re.finditer(re.escape(name), text):
        before = text[: match.start()].rstrip()
        after = text[match.end() :].lstrip()
        if _bounded(before, _BEFORE) and _bounded(after, _AFTER):
            return True
    return False


def _bounded(side: str, unit_words: re.Pattern[str]) -> bool:
    return (
        not side
        or not side[-1 if unit_words is _BEFORE else 0].isalnum()
        or bool(unit_words.search(side))
    )


def _bare(name: str) -> str:
    return _UNIT_WORDS.sub("", _normal(name)).strip()


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
