"""Does a CA-issued certificate name the commune a packet claims to come from?

The commune's own certificates carry its official codes (serialNumber = commune code, UID =
province code; see :mod:`.keys`), and those are compared exactly. A certificate that a licensed
CA issued to a USB token does not carry them: it names an organisation or a person, for example
``CN=Trần Văn Bình, O=UBND xã Tân Lập, ST=Lai Châu``. Such a certificate names the commune when

- its organisation, unit or common name holds the commune's People's Committee: "UBND" or
  "Ủy ban nhân dân", then (optionally) the unit word, then the commune's name standing alone —
  "UBND xã Mường Phăng", not "Hợp tác xã Mường Phăng", "Trạm Y tế xã Mường Phăng" or
  "UBND xã Mường Phăng Mới";
- and its province, locality, organisation or common name holds the province's name standing
  alone ("Điện Biên", "tỉnh Điện Biên"; not "Điện Biên Phủ").

Compared case-insensitively with diacritics kept ("Tân Lập" is not "Tấn Lập"); "Ủy"/"Uỷ" and
"Thủy"/"Thuỷ"-style tone placements are treated alike. The verifier also checks the packet's
commune code against its name and province in the official list (``packets/verify.py``).
"""

from __future__ import annotations

import re
import unicodedata

from cryptography import x509
from cryptography.x509.oid import NameOID

_UNIT = r"(?:xã|phường|đặc khu|thị trấn)"
_PROVINCE_UNIT = r"(?:tỉnh|thành phố|tp\.?)"
_COMMITTEE = r"(?:ubnd|ủy ban nhân dân)"
# What may follow a name standing alone: the end, punctuation, or a higher unit ("…, tỉnh X").
_AFTER = r"(?=\s*(?:$|[^\w\s]|(?:tỉnh|huyện|quận|thị xã|thành phố|tp)(?!\w)))"
_ORGANISATION = (NameOID.ORGANIZATION_NAME, NameOID.ORGANIZATIONAL_UNIT_NAME, NameOID.COMMON_NAME)
_PLACE = (
    NameOID.STATE_OR_PROVINCE_NAME,
    NameOID.LOCALITY_NAME,
    NameOID.ORGANIZATION_NAME,
    NameOID.COMMON_NAME,
)
# Old-style tone placement on "uy" (Uỷ, Thuỷ) written the new way (Ủy, Thủy).
_OLD_TONE = re.compile(r"u([ỳýỷỹỵ])")
_NEW_TONE = {"ỳ": "ùy", "ý": "úy", "ỷ": "ủy", "ỹ": "ũy", "ỵ": "ụy"}


def certificate_names_commune(
    certificate: x509.Certificate, commune_name: str, province_name: str
) -> bool:
    """True when the certificate's subject names the commune's committee and its province."""
    commune = _bare(commune_name, _UNIT)
    province = _bare(province_name, _PROVINCE_UNIT)
    if not commune or not province:
        return False
    committee = re.compile(
        rf"(?:^|[^\w]){_COMMITTEE}\s+(?:{_UNIT}\s+)?{re.escape(commune)}{_AFTER}"
    )
    place = re.compile(rf"(?:^|[^\w])(?:{_PROVINCE_UNIT}\s+)?{re.escape(province)}{_AFTER}")
    return _mentions(certificate, _ORGANISATION, committee) and _mentions(
        certificate, _PLACE, place
    )


def _mentions(
    certificate: x509.Certificate, oids: tuple[x509.ObjectIdentifier, ...], pattern: re.Pattern[str]
) -> bool:
    for oid in oids:
        for attribute in certificate.subject.get_attributes_for_oid(oid):
            if isinstance(attribute.value, str) and pattern.search(_normal(attribute.value)):
                return True
    return False


def _bare(name: str, unit: str) -> str:
    return re.sub(rf"^{unit}\s+", "", _normal(name)).strip()


def _normal(text: str) -> str:
    folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return _OLD_TONE.sub(lambda m: _NEW_TONE[m.group(1)], folded)
