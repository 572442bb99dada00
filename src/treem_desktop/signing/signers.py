"""Who signs a packet: the commune's key on this computer, or an officer's USB token.

Both give the certificates to carry (the signer's first, then its chain) and a detached CMS
signature of the exact bytes they are handed; the packet builder does not know which it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cryptography import x509

    from treem_desktop.signing.keys import PrivateKey
    from treem_desktop.signing.token import TokenCertificate


class PacketSigner(Protocol):
    @property
    def certificates(self) -> tuple[x509.Certificate, ...]:
        """The signer's certificate first, then the CA certificates above it (may be none)."""
        ...

    def sign(self, content: bytes) -> bytes:
        """A detached DER CMS signature of ``content``."""
        ...


@dataclass(frozen=True)
class KeySigner:
    """The commune's software key (unlocked) and its self-signed certificate."""

    certificate: x509.Certificate
    key: PrivateKey

    @property
    def certificates(self) -> tuple[x509.Certificate, ...]:
        return (self.certificate,)

    def sign(self, content: bytes) -> bytes:
        from treem_desktop.signing.cms import sign_detached

        return sign_detached(content, self.certificate, self.key)


@dataclass(frozen=True)
class TokenSigner:
    """A key on a USB token, used with its PIN (asked for once per packet)."""

    chosen: TokenCertificate
    pin: str

    @property
    def certificates(self) -> tuple[x509.Certificate, ...]:
        return (self.chosen.certificate, *self.chosen.chain)

    def sign(self, content: bytes) -> bytes:
        from treem_desktop.signing.token import sign_with_token

        return sign_with_token(self.chosen, self.pin, content)
